"""actors: every actor mention an event or record points at, normalised through the actor dictionary to a canonical
name with a side and an ACLED inter code. Generic forms ("government forces") resolve by the report's country."""
from __future__ import annotations

import re

from ..model import Document, Mention
from ..pipeline import Context, stage
from .geocode import country_sections, section_at
from .mentions import backs_another


# Generic forms that, in a report about a named armed group, mean that group: 'the militants', 'the rebels'.
NON_STATE_ROLES = {"rebels", "jihadists", "separatists"}
NON_STATE_KINDS = {"rebel", "militia"}


def _antecedent(mention: Mention, doc: Document, ctx: Context):
    """The named non-state armed group ``mention`` refers back to: the first one (usually the subject) of the
    nearest sentence, this one included, that names one before it. 'Its fighters' may also be a state's."""
    by_sentence: dict[int, list] = {}
    any_kind = mention.attrs.get("possessive")
    section = _section_country(mention, doc, ctx)
    for earlier in doc.mentions:
        if earlier.type == "actor" and earlier.end <= mention.start and earlier.canonical \
                and not earlier.attrs.get("anaphor") and not _a_backer(earlier, doc):
            actor = ctx.actors.describe(earlier.canonical)
            if section is not None and actor.country not in {None, section}:
                continue  # 'militants attacked Arbinda' under 'Burkina Faso' are not the Boko Haram of the digest's lead
            if (any_kind or actor.kind in NON_STATE_KINDS and not _fights_for_the_state(actor, ctx)) \
                    and actor.side not in {"unidentified", "civilians"}:
                by_sentence.setdefault(earlier.sentence, []).append(actor)
    if not by_sentence:
        return None
    return by_sentence[max(by_sentence)][0]


def _a_backer(mention: Mention, doc: Document) -> bool:
    """'its troops and allied Amhara militias', 'the MNDAA, allied with the TNLA': named as another's helper, it is
    not whom 'the rebels' later refers back to."""
    return backs_another(doc.text, doc.sentences[mention.sentence].start, mention)


def _fights_for_the_state(actor, ctx: Context) -> bool:
    """A pro-government militia ('CJTF' beside the Nigerian army) is not whom 'the insurgents' refers back to."""
    state = ctx.actors.state_forces(actor.country) if actor.country else None
    return state is not None and state.side == actor.side


BARE_HEADS = {"army", "military"}


def _same_head_named(mention: Mention, doc: Document, ctx: Context):
    """'the army' after 'an Israeli army spokesman' or 'the Lebanese army' is that army: the last state force named
    with the same head noun before it (coreference by head, as a reader resolves it)."""
    head = re.sub(r"^the\s+", "", mention.text.strip().lower())
    if head not in BARE_HEADS:
        return None
    for earlier in reversed([m for m in doc.mentions if m.type == "actor" and m.end <= mention.start]):
        words = earlier.text.lower().split()
        if len(words) > 1 and words[-1] == head and not ctx.actors.generic_role(earlier.text, country=doc.focus_country):
            actor = _resolve(earlier, doc, ctx)
            if actor is not None and actor.kind == "state":
                return actor
    return None


def _section_country(mention: Mention, doc: Document, ctx: Context) -> str | None:
    """In a digest with country headings, the country of the part the mention is in ('the army' under 'Burkina
    Faso' is Burkina Faso's)."""
    section = section_at(country_sections(doc, ctx.gazetteer), mention.start)
    return section[2] if section else None


def _lookup(mention: Mention, doc: Document, ctx: Context):
    if mention.attrs.get("adhoc"):
        return ctx.actors.describe(mention.attrs["adhoc"])
    if mention.attrs.get("state_of"):
        return ctx.actors.state_forces(mention.attrs["state_of"])
    text = mention.attrs.get("lookup", mention.text)
    country = _section_country(mention, doc, ctx) or doc.focus_country
    role = None if mention.attrs.get("anaphor") else ctx.actors.generic_role(text, country=country)
    if role == "state_forces" and not mention.attrs.get("of_the_place"):
        named = _same_head_named(mention, doc, ctx)
        if named is not None:
            mention.attrs["generic"] = True
            return named
    if mention.attrs.get("anaphor") or role in NON_STATE_ROLES:
        mention.attrs["generic"] = True
        found = _antecedent(mention, doc, ctx)
        if found is not None or mention.attrs.get("anaphor") and not mention.attrs.get("descriptor"):
            return found
    elif role is not None:
        mention.attrs["generic"] = True
    return ctx.actors.lookup(text, country=country)


def _resolve(mention: Mention | None, doc: Document, ctx: Context):
    if mention is None:
        return None
    if mention.canonical and mention.attrs.get("actor_resolved"):
        return ctx.actors.describe(mention.canonical)
    actor = _lookup(mention, doc, ctx)
    mention.attrs["actor_resolved"] = True
    if actor is not None:
        mention.canonical = actor.name
        mention.attrs.setdefault("side", actor.side_for(doc.focus_country))
    return actor


@stage("actors", reads=("mentions", "events", "focus_country"), adds=("actors",))
def actors(doc: Document, ctx: Context) -> None:
    for mention in doc.mentions:
        if mention.type == "actor":
            _resolve(mention, doc, ctx)
    for event in doc.events:
        first = _resolve(event.work.get("actor1"), doc, ctx)
        second = _resolve(event.work.get("actor2"), doc, ctx)
        if first is not None and second is not None and first.name == second.name:
            second = None
        if first is not None:
            event.actor1, event.inter1 = first.name, first.inter_in(doc.focus_country)
        if second is not None:
            event.actor2, event.inter2 = second.name, second.inter_in(doc.focus_country)
    for record in doc.equipment:
        subject = _resolve(record.work.get("subject"), doc, ctx)
        record.work["subject_name"] = subject.name if subject is not None else None
        owner = _resolve(record.work.get("owner"), doc, ctx)
        record.work["owner_name"] = owner.name if owner is not None else None
