"""merge: the document-level reading. Fills what a sentence leaves implicit from the narrative around it (who was
fighting whom, when, where), settles territory sub-event types, marks background events, and joins mentions of one
event across sentences into one event with several evidence spans."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import after_since, in_since_clause
from ..lexicon_patterns import parse_number
from ..lexicons import NON_ALIGNED_SIDES, POLICE_WORDS
from ..model import Document, Event, Location, Mention
from ..pipeline import Context, stage
from .events import SECTION_HEADING_WORDS, headline_end
from .geocode import country_sections, same_place, section_at
from .mentions import ally_pairs, dateline_end
from ..vocabulary import (ARMED_CLASH, BATTLES, FIGHTING, GOV_REGAINS, NSA_OVERTAKES, PROTESTS, REMOTE, STRATEGIC,
                          TERRITORY, VAC, WITHDRAWAL)

BACKGROUND_GAP = timedelta(days=45)
RECALL_GAP = timedelta(days=7)
STATE_INTER = 1


def _clause_verb(token):
    node = token
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"} or node.dep_ == "ROOT":
            return node
        node = node.head
    return node


def _dominates(upper, lower) -> bool:
    """`upper` governs `lower` without an intervening clause that has a subject of its own."""
    node = lower
    while node != upper:
        if node.head == node:
            return False
        node = node.head
        if node != upper and node.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
            return False
    return True


def _own_date(doc: Document, char: int, *, since_too: bool = False):
    """The time expression that belongs to the trigger's clause (its own clause, or one it governs or is
    governed by), nearest first. A date in a sibling clause ('Recaptured in 2016, ..., however an offensive
    broke ...') belongs to another event. `since_too`: 'have fled since Friday' dates a displacement by when
    it began."""
    sentence = doc.sentence_index(char)
    span = doc.sentences[sentence] if doc.sentences else None
    if span is None:
        return None
    # 'had been sitting on the city's edges since June': when a state began, not when the event happened
    inside = [expr for expr in _sentence_dates(doc, span) if since_too or not after_since(doc.text, expr.start)]
    if not inside:
        return None
    parsed = doc.spacy_doc
    trigger = parsed.char_span(char, char + 1, alignment_mode="expand") if parsed is not None else None
    if trigger is not None:
        verb = _clause_verb(trigger.root)
        linked, own = [], []
        for expr in inside:
            expr_span = parsed.char_span(expr.start, expr.end, alignment_mode="expand")
            if expr_span is None or _dates_another_noun(expr_span.root, trigger.root) \
                    or _recalled_of_another_noun(doc, expr, expr_span.root, trigger.root):
                continue
            other = _clause_verb(expr_span.root)
            if _dominates(verb, other) or _dominates(other, verb):
                linked.append(expr)
            if other == verb:
                own.append(expr)
        # 'attacked a border post on Wednesday and shelled Isfara on Thursday': each verb its own day first
        inside = own or linked
    if not inside:
        return None
    def distance(expr) -> tuple[int, bool]:
        return abs(expr.start - char), expr.start > char

    nearest = min(inside, key=distance)
    # 'The 2002 Bali bombings occurred on the night of 12 October 2002': the day within the year the name gives
    finer = [t for t in inside if t.time_precision < nearest.time_precision
             and nearest.date_start <= t.date_start and t.date_end <= nearest.date_end]
    return min(finer, key=distance) if finer else nearest


def _dates_another_noun(expr_root, trigger) -> bool:
    """'killing a signatory of the 2016 peace deal': a date written as a noun's modifier dates that noun (the deal),
    not the event of the clause around it; 'the 11 December attack' still dates the attack."""
    return expr_root.dep_ in {"nummod", "compound", "amod", "nmod"} and expr_root.head.pos_ in {"NOUN", "PROPN"} \
        and expr_root.head != trigger


def _recalled_of_another_noun(doc: Document, expr, expr_root, trigger) -> bool:
    """'The RSF, which has been fighting the army since April 2023, also shelled the hospital': a date recalling an
    earlier time, inside a relative clause or an apposition told before the trigger, tells of the noun it describes,
    not of the clause around it. A recent one ('The leaders, who met in Samarkand on Friday, agreed to a ceasefire')
    is the narrative's present and still the best date the sentence gives."""
    reference = _reference_date(doc)
    return reference is not None and expr.date_end < reference - RECALL_GAP \
        and _tells_of_another_noun(expr_root, trigger)


def _tells_of_another_noun(expr_root, trigger) -> bool:
    """A date inside a relative clause or an apposition that closes before the trigger and describes a noun other than
    the event's own ('the attack, which began on Monday, killed ...'); a date after the trigger may still date the
    event ('the fall of Kilinochchi, which troops entered on the 2nd'). A date that is itself the apposition restates
    the one before it ('Last Thursday (5 June)'). A trailing clause that tells a state or how long it has lasted
    ('took the town, which had been under attack since October') describes its noun, not the event."""
    node = expr_root
    while node.head != node:
        if node.dep_ in {"relcl", "appos"} and node != expr_root and not _clause_read_as_apposition(node):
            if node.head == trigger or node.left_edge.i <= trigger.i <= node.right_edge.i:
                return False
            return node.right_edge.i < trigger.i or node.dep_ == "relcl" and _tells_a_state(node, expr_root)
        node = node.head
    return False


STATE_VERBS = {"be", "remain", "stay"}  # 'which had been under attack', 'which has remained in rebel hands'


def _tells_a_state(clause, expr_root) -> bool:
    """'which had been under near-constant attack since October', 'which has been besieged since May', 'which it had
    held since 2014': a state, or how long one has lasted; not 'which troops entered on the 2nd'."""
    since = any(t.lower_ == "since" for t in expr_root.ancestors if t.i >= clause.left_edge.i) \
        or any(t.lower_ == "since" for t in expr_root.children)
    return since or clause.lemma_.lower() in STATE_VERBS


def _clause_read_as_apposition(node) -> bool:
    """'SAF aircraft, meanwhile, bombed RSF positions': a verb before the noun of an apposition is a clause's verb the
    parser took for the noun's modifier."""
    return node.dep_ == "appos" and any(t.pos_ == "VERB" for t in node.doc[node.left_edge.i:node.i])


def _reference_date(doc: Document) -> date | None:
    if doc.published:
        return doc.published
    days = [t.date_end for t in doc.time_expressions if t.time_precision <= 2]
    return max(days) if days else doc.anchor_date


def _sentence_dates(doc: Document, span) -> list:
    """The time expressions of one sentence, less a date line's date (when the report was filed, not the event)."""
    filed = dateline_end(doc.text)
    return [t for t in doc.time_expressions if span.start <= t.start < span.end and t.start >= filed]


def _lone_expression(doc: Document, event: Event, taken: set[int]):
    """A sentence with a single date that no other event's clause claimed: the date is this event's."""
    index = doc.sentence_index(event.work["char"])
    span = doc.sentences[index]
    inside = _sentence_dates(doc, span)
    if len(inside) == 1 and inside[0].start not in taken and not _describes_another_noun(doc, event, inside[0]):
        return inside[0]
    return None


def _describes_another_noun(doc: Document, event: Event, expr) -> bool:
    parsed = doc.spacy_doc
    if parsed is None:
        return False
    expr_span = parsed.char_span(expr.start, expr.end, alignment_mode="expand")
    return expr_span is not None and _recalled_of_another_noun(doc, expr, expr_span.root, parsed[event.work["token"]])


@dataclass(frozen=True)
class _Offset:
    """A date told relative to another event's: 'six months after Russian forces occupied the town'."""
    date_start: date
    date_end: date
    time_precision: int


OFFSET_UNITS = {"day": (1, 1), "week": (7, 2), "month": (30, 3), "year": (365, 3)}


def _offset_date(doc: Document, event: Event, by_token: dict[int, Event]) -> _Offset | None:
    parsed = doc.spacy_doc
    trigger = parsed[event.work["token"]] if parsed is not None else None
    if trigger is None or trigger.dep_ != "advcl":
        return None
    mark = next((c for c in trigger.children if c.dep_ == "mark" and c.lower_ in {"after", "before"}), None)
    amount = next((c for c in trigger.children if c.dep_ == "npadvmod"), None)
    main = by_token.get(trigger.head.i)
    if mark is None or amount is None or main is None or main.event_date is None:
        return None
    unit = OFFSET_UNITS.get(amount.lemma_.lower().rstrip("s"))
    count = next((parse_number(c.text) for c in amount.children if c.dep_ == "nummod"), None)
    count = count or (1 if any(c.lower_ in {"a", "an", "one"} for c in amount.children) else None)
    if unit is None or not count:
        return None
    days, precision = unit
    shift = timedelta(days=days * count) * (-1 if mark.lower_ == "after" else 1)
    day = main.event_date + shift
    return _Offset(day, day, precision)


def assign_own_dates(doc: Document) -> None:
    reference = _reference_date(doc)
    linked = {id(event): _own_date(doc, event.work["char"]) for event in doc.events}
    taken = {expr.start for expr in linked.values() if expr is not None}
    for event in doc.events:
        if event.work.get("denied"):
            own = linked[id(event)]  # a denial's date is the denial's; only a date inside the denied act counts
            _set_own_date(doc, event, own if _dated_in_own_clause(doc, event, own) else None, reference)
            continue
        _set_own_date(doc, event, linked[id(event)] or _lone_expression(doc, event, taken), reference)
    by_token = {event.work["token"]: event for event in doc.events if event.work.get("own_date")}
    for event in doc.events:
        if not _dated_in_own_clause(doc, event, linked[id(event)]) and not event.work.get("denied"):
            offset = _offset_date(doc, event, by_token)
            if offset is not None:
                _set_own_date(doc, event, offset, reference)
    for event in doc.events:
        if not event.work.get("own_date") and not event.work.get("denied"):
            header = _paragraph_date(doc, event.work["char"])
            if header is not None:
                _set_own_date(doc, event, header, reference)


# What may come before a heading's date: a bullet and a time ('20:45 (' of '20:45 (Friday) - '), or a label
# ('- Kitgum district: On ').
TIMESTAMP_HEAD = re.compile(r"[\s*•·\-–—]*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|GMT|UTC|local time)?\s*)?[(\[]?", re.I)
LABEL_HEAD = re.compile(r"[\s*•·\-–—]*[A-Z][\w' -]{0,40}:\s*(?:[Oo]n\s+)?")
HEAD_SEPARATOR = re.compile(r"\s*[)\]]?\s*(?:[-–—:]|\s-\s)")


def _paragraph_date(doc: Document, char: int):
    """'20:45 (Friday) - Fierce fighting ... is reported', '- Kitgum district: On Thursday 19 February, ...': a date
    heading a paragraph (a live-blog entry, a bulleted item) dates what the paragraph tells."""
    start = doc.paragraph_start(char)
    for expr in doc.time_expressions:
        if not start <= expr.start < min(char, start + 60):
            continue
        prefix = doc.text[start:expr.start]
        heading = LABEL_HEAD.fullmatch(prefix) or TIMESTAMP_HEAD.fullmatch(prefix) \
            and HEAD_SEPARATOR.match(doc.text, expr.end)
        if heading:
            return expr  # a heading, not a sentence that merely begins with its date
    return None


def _dated_in_own_clause(doc: Document, event: Event, expr) -> bool:
    if expr is None or doc.spacy_doc is None:
        return False
    trigger = doc.spacy_doc[event.work["token"]]
    return trigger.left_edge.idx <= expr.start < trigger.right_edge.idx + len(trigger.right_edge)


def _set_own_date(doc: Document, event: Event, expr, reference: date | None) -> None:
    if expr is not None:
        event.event_date, event.date_end, event.time_precision = expr.date_start, expr.date_end, expr.time_precision
        event.work["own_date"] = True
    event.background = expr is not None and (
        after_since(doc.text, expr.start) if reference is None
        else _recalled(doc, event, expr, reference) or _began_a_state(doc, event, expr, reference))


def _began_a_state(doc: Document, event: Event, expr, reference: date) -> bool:
    """'1.2 million people have been displaced since Israel escalated its offensive in late September': an event
    told as the start of what has lasted since, weeks before the report, is recalled, not news (one of the last days,
    'have fled since rebels seized the town on Friday', still is)."""
    if expr.date_end >= reference - RECALL_GAP or doc.spacy_doc is None:
        return False
    verb = _clause_verb(doc.spacy_doc[event.work["token"]])
    opened_by_since = any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children)
    return opened_by_since and verb.dep_ == "advcl" and _perfect(verb.head)


def _perfect(verb) -> bool:
    """'have been displaced', 'has fled', 'had been besieged'."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _recall_cue(doc: Document, event: Event) -> bool:
    """The grammar says the report looks back: 'had overrun', 'IS, which seized Izium in April, ...',
    'Recaptured in the spring of 2016, the city ...'."""
    parsed = doc.spacy_doc
    span = parsed.char_span(event.work["char"], event.work["char"] + 1, alignment_mode="expand") if parsed else None
    if span is None:
        return False
    trigger = span.root
    pluperfect = any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in trigger.children)
    relative = trigger.dep_ == "relcl" and trigger.tag_ in {"VBD", "VBN"}
    fronted_participle = trigger.dep_ == "advcl" and trigger.tag_ == "VBN" and trigger.i < trigger.head.i
    return pluperfect or relative or fronted_participle


def _recalled(doc: Document, event: Event, expr, reference: date) -> bool:
    """Background: long before the report's own time. Without a publication date the report's time is itself
    read from the narrative, so a retrospective account's early events are only background when the grammar or an
    earlier year says so."""
    if expr.date_end >= reference - RECALL_GAP:
        return False
    earlier_year = expr.date_end.year < reference.year
    if doc.published is not None and expr.date_end < reference - BACKGROUND_GAP:
        return True
    return earlier_year or _recall_cue(doc, event)


# Threats, curfews, closures, expulsions, their lifting and demobilisations name their own sides or none: they do not
# continue the fight told before them.
SELF_CONTAINED_CLASSES = frozenset({"threat", "restrict", "expel", "ease", "disarm", "drill"})


def fill_from_narrative(doc: Document, sections: list[tuple[int, int, str]] = ()) -> None:
    """A sentence that names no attacker continues the fight the report was describing (in a digest, the fight of
    its own country's section)."""
    previous_of: dict[tuple, Event] = {}
    for event in doc.events:
        if event.background or event.work.get("cls") in SELF_CONTAINED_CLASSES:
            continue
        kind = (*_narrative_kind(event), section_at(sections, event.work["char"]))
        previous = previous_of.get(kind)
        if previous is not None and not _perpetrator_unknown(doc, event) and not _names_an_unknown_side(doc, event):
            if event.actor1 is None and event.actor2 is None and event.event_type == BATTLES:
                event.actor1, event.actor2 = previous.actor1, previous.actor2
                event.inter1, event.inter2 = previous.inter1, previous.inter2
                event.work["inferred_actors"] = True
            elif event.actor1 is None and event.actor2 is not None and event.actor2 == previous.actor2:
                event.actor1, event.inter1 = previous.actor1, previous.inter1
                event.work["inferred_actors"] = True
            elif event.actor2 is None and event.actor1 == previous.actor1:
                event.actor2, event.inter2 = previous.actor2, previous.inter2
                event.work["inferred_actor2"] = True
            elif event.actor2 is None and event.actor1 == previous.actor2 and previous.actor1 != event.actor1:
                event.actor2, event.inter2 = previous.actor1, previous.inter1
                event.work["inferred_actor2"] = True
        if event.actor1 or event.actor2:
            previous_of[kind] = event


def _names_an_unknown_side(doc: Document, event: Event) -> bool:
    """'Opposition fighters re-entered Brega', 'the opposition's recapture of Ajdabiya' after the loyalists' advance:
    the sentence names its own attacker, one the dictionary does not know, so the attacker of the events before is
    not lent to it."""
    if event.actor1 is not None:
        return False
    mention = event.work.get("actor1")
    if mention is not None:
        return not mention.attrs.get("anaphor")
    token = event.work.get("token")
    if doc.spacy_doc is None or token is None:
        return False
    places = [(m.start, m.end) for m in doc.mentions if m.type == "place"]
    return any(child.dep_ == "poss" and child.pos_ in {"NOUN", "PROPN"}
               and not any(start <= child.idx < end for start, end in places)
               for child in doc.spacy_doc[token].children)


# 'It was not possible to determine who was responsible for the shelling', 'No group has claimed the attack'.
PERPETRATOR_UNKNOWN = re.compile(
    r"\b(?:(?:not|never)\s+(?:been\s+)?(?:possible|able|clear)\s+to\s+(?:determine|establish|identify|say|confirm)\s+"
    r"(?:who|which)|unclear\s+(?:who|which)|(?:not\s+known|unknown)\s+who|no\s+(?:group|one|party)\s+(?:has\s+|had\s+)?"
    r"(?:yet\s+|immediately\s+)?claimed|perpetrators?\s+(?:is|are|was|were|remains?)\s+(?:unknown|unidentified))", re.I)


def _perpetrator_unknown(doc: Document, event: Event) -> bool:
    """The report says, in the event's sentence or the next, that nobody knows who did it: the attacker of the
    events before is not to be lent to it."""
    if not event.evidence:
        return False
    end = event.evidence[0].end
    following = re.match(r"[^.!?]*[.!?]?", doc.text[end:end + 300])
    return bool(PERPETRATOR_UNKNOWN.search(event.evidence[0].text + (following.group(0) if following else "")))


ARMED_KINDS = {"state", "rebel", "militia"}
UNCLAIMED_DEVICES = {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}
UNIDENTIFIED = "Unidentified Armed Group"


def belligerents(doc: Document, ctx: Context) -> tuple[Counter, Counter]:
    """The sides of the war a report is about: how many of its fights, strikes and attacks each armed party (state
    forces, rebels, militias; not civilians, not unnamed gunmen) is named in as attacker or attacked. A party only
    mentioned (an investigation, a claim, a statement) is not counted. Returned with its ground part: less the
    parties named only as the ones that flew air strikes, so a coalition that only bombs is not the side a ground
    battle was fought against."""
    tally: Counter = Counter()
    on_the_ground: set[str] = set()
    for event in doc.events:
        if event.background or event.event_type not in FIGHTING:
            continue
        flown = event.sub_event_type == "Air/drone strike"
        named = [(event.actor2, True)] if event.work.get("inferred_actors") \
            else [(event.actor1, not flown), (event.actor2, True)]
        for name, on_ground in named:
            actor = ctx.actors.describe(name) if name else None
            if actor is not None and actor.kind in ARMED_KINDS \
                    and actor.side_for(doc.focus_country) not in NON_ALIGNED_SIDES:
                tally[actor.name] += 1
                if on_ground:
                    on_the_ground.add(actor.name)
    return tally, Counter({name: count for name, count in tally.items() if name in on_the_ground})


MIN_BELLIGERENT_MENTIONS = 2  # a party in one fight is not yet a side of the war the report is about


def _leading(candidates: list[tuple[str, int]]) -> str | None:
    """The party in the most fights, when it is in more than one and no other is in as many."""
    ranked = sorted(candidates, key=lambda pair: -pair[1])
    if not ranked or ranked[0][1] < MIN_BELLIGERENT_MENTIONS or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


Allies = dict[str, frozenset[str]]  # each party the report puts on a side with others: the names of that side


def report_allies(doc: Document) -> Allies:
    """The parties the report says fight on one side ('The MNDAA, allied with the TNLA and the Arakan Army, ...',
    'the army and its allied Joint Forces'), grouped: allies of allies are one side too."""
    allies: dict[str, frozenset[str]] = {}
    for first, second in ally_pairs(doc):
        names = {first.canonical, second.canonical}
        if None in names or len(names) < 2 or {first.attrs.get("side"), second.attrs.get("side")} & NON_ALIGNED_SIDES:
            continue
        side = frozenset().union(*(allies.get(name, {name}) for name in names))
        allies.update(dict.fromkeys(side, side))
    return allies


def _on_one_side(a: str, b: str, ctx: Context, country: str | None, allies: Allies | None) -> bool:
    """One side by the dictionary, or by what the report says of them."""
    return ctx.actors.same_side(a, b, country=country) or b in (allies or {}).get(a, ())


def _leading_opponent(actor: str, tally: Counter, ctx: Context, country: str | None, *, states_only: bool = False,
                      allies: Allies | None = None):
    candidates = [(name, count) for name, count in tally.items()
                  if name != actor and not _on_one_side(name, actor, ctx, country, allies)
                  and (not states_only or ctx.actors.describe(name).kind == "state")]
    return _leading(candidates)


def _set_actor(event: Event, slot: int, name: str, ctx: Context, country: str | None, *, inferred: bool = True) -> None:
    actor = ctx.actors.describe(name)
    if slot == 1:
        event.actor1, event.inter1 = actor.name, actor.inter_in(country)
    else:
        event.actor2, event.inter2 = actor.name, actor.inter_in(country)
    if inferred:
        event.work["inferred_actors" if slot == 1 else "inferred_actor2"] = True


def fill_battle_sides(doc: Document, tally: Counter, ctx: Context, allies: Allies | None = None) -> None:
    """What a coder reads from the whole report when a sentence leaves a side of a battle unnamed: it was fought
    against the report's leading opponent of the side it names ('troops repelled a large attack on the garrison' in a
    report about one insurgency). Nothing is filled when the report names two opponents equally often."""
    sections = country_sections(doc, ctx.gazetteer)
    for event in doc.events:
        if event.event_type == BATTLES and not event.background and (event.actor1 is None or event.actor2 is None):
            _fill_battle(event, _named_in_its_section(doc, event, tally, sections), doc.focus_country, ctx, allies)


def _named_in_its_section(doc: Document, event: Event, tally: Counter,
                          sections: list[tuple[int, int, str]]) -> Counter:
    """In a digest of several countries, the parties its section names: Boko Haram is not whom troops in Burkina
    Faso fought because the Nigeria section names it most."""
    if not sections:
        return tally
    section = section_at(sections, event.work["char"])
    if section is None:
        return Counter()  # the digest's lead, which sums up several countries
    named = {m.canonical for m in doc.mentions if m.type == "actor" and section[0] <= m.start < section[1]}
    return Counter({name: count for name, count in tally.items() if name in named})


def fill_attackers(events: list[Event], tally: Counter, ctx: Context, country: str | None,
                   allies: Allies | None = None) -> None:
    """Once every sentence's attribution is in: an air strike nobody is said to have flown is by the one state air
    force the report names (or the leading state opponent of the party it hit), a roadside bomb nobody claimed is by
    an unidentified armed group (ACLED's convention), a shelling of a named party is by its leading opponent, and
    people abducted by no one named were taken by the armed group the report's fighting is about ('14 children were
    abducted from a village outside Kitgum' in a report on the LRA)."""
    for event in events:
        if event.event_type == VAC and event.actor2 is None:
            # ACLED's conventions, not inferences: violence against civilians has civilian victims
            _set_actor(event, 2, "Civilians", ctx, country, inferred=False)
        if event.event_type == PROTESTS and event.actor1 is None:
            _set_actor(event, 1, "Protesters", ctx, country, inferred=False)
        if event.background or event.actor1 is not None:
            continue
        if event.event_type == REMOTE and event.sub_event_type in UNCLAIMED_DEVICES:
            _set_actor(event, 1, UNIDENTIFIED, ctx, country)
            event.work["unclaimed"] = True
            continue
        if event.sub_event_type == "Abduction/forced disappearance":
            attacker = _leading([(name, count) for name, count in tally.items()
                                 if ctx.actors.describe(name).kind in {"rebel", "militia"}])
        elif event.sub_event_type == "Air/drone strike":
            attacker = _air_force(event, tally, ctx, country, allies)
        elif event.event_type == REMOTE and event.actor2 in tally:
            attacker = _leading_opponent(event.actor2, tally, ctx, country, allies=allies)
        else:
            continue
        if attacker is not None:
            _set_actor(event, 1, attacker, ctx, country)


def _air_force(event: Event, tally: Counter, ctx: Context, country: str | None, allies: Allies | None) -> str | None:
    """Who flew a strike the sentence does not attribute: the leading state opponent of the armed party it hit, or,
    when it hit civilians or an unnamed target, the only state force the report names."""
    if event.actor2 in tally:
        return _leading_opponent(event.actor2, tally, ctx, country, states_only=True, allies=allies)
    states = [name for name in tally if ctx.actors.describe(name).kind == "state"]
    return states[0] if len(states) == 1 else None


def _fill_battle(event: Event, tally: Counter, country: str | None, ctx: Context, allies: Allies | None) -> None:
    known, missing = (event.actor1, 2) if event.actor1 is not None else (event.actor2, 1)
    if known is None:
        if event.sub_event_type == TERRITORY:
            return  # who took the place from whom is not for a tally to say
        first = _leading(list(tally.items()))
        second = _leading_opponent(first, tally, ctx, country, allies=allies) if first else None
        if first and second:
            _set_actor(event, 1, first, ctx, country)
            _set_actor(event, 2, second, ctx, country)
        return
    if ctx.actors.describe(known).side_for(country) in NON_ALIGNED_SIDES:
        return  # whom unidentified gunmen fought is not for a tally to say
    other = _leading_opponent(known, tally, ctx, country, allies=allies)
    if other is not None:
        _set_actor(event, missing, other, ctx, country)


def _narrative_kind(event: Event) -> tuple:
    """Which earlier event a sentence continues: a battle continues the battle; a strategic development only one of
    its own sub-type (an arrest does not name who entered a town; a side leaving a place is not the side entering)."""
    if event.event_type == STRATEGIC:
        return event.event_type, event.sub_event_type, event.outcome == WITHDRAWAL
    return (event.event_type,)


def settle_territory(event: Event, ctx: Context) -> None:
    if event.sub_event_type != TERRITORY:
        return
    if event.inter1 == STATE_INTER and event.inter2 == STATE_INTER:
        home = ctx.actors.describe(event.actor1).country if event.actor1 else None
        if event.location is not None and home and home == event.location.country_code:
            event.sub_event_type = GOV_REGAINS
        else:
            event.sub_event_type = ARMED_CLASH
    elif event.inter1 == STATE_INTER:
        event.sub_event_type = GOV_REGAINS
    elif event.inter1 is None and event.inter2 is None:
        event.sub_event_type = ARMED_CLASH
    elif event.inter1 is None and event.inter2 != STATE_INTER:
        event.sub_event_type = GOV_REGAINS if event.work.get("lemma") in {"retake", "recapture", "regain", "liberate"} else NSA_OVERTAKES
    else:
        event.sub_event_type = NSA_OVERTAKES


NON_STATE_INTER = {2, 3, 4}  # rebel groups, political and identity militias


def settle_detention(event: Event) -> None:
    """ACLED: an arrest is made by state forces; people seized by a rebel group or a militia are abducted."""
    if event.sub_event_type == "Arrests" and event.inter1 in NON_STATE_INTER:
        event.event_type, event.sub_event_type = VAC, "Abduction/forced disappearance"


TERRITORY_TYPES = {GOV_REGAINS, NSA_OVERTAKES}
TRANSFER = "Non-violent transfer of territory"


def _same_kind(a: Event, b: Event) -> bool:
    """Same ACLED type; a clash and a capture at one place on one day are one battle (coded as the capture)."""
    if (a.event_type, a.sub_event_type) == (b.event_type, b.sub_event_type):
        # ACLED's 'Other' holds deployments, threats, curfews, closures ...: one is not another
        return a.sub_event_type != "Other" or a.work.get("cls") == b.work.get("cls") and (
            a.work.get("cls") != "restrict" or a.work.get("lemma") == b.work.get("lemma"))
    pair = {a.sub_event_type, b.sub_event_type}
    return (a.event_type == b.event_type == BATTLES and ARMED_CLASH in pair and bool(pair & TERRITORY_TYPES)
            and a.work.get("own_date") and b.work.get("own_date") and a.event_date == b.event_date)


def _told_together(a: Event, b: Event) -> bool:
    """In one paragraph, within two sentences: how close a country-level mention must be to join a placed one."""
    return a.work.get("paragraph") == b.work.get("paragraph") \
        and abs(a.work.get("sentence", 0) - b.work.get("sentence", 0)) <= 2


def _year_only(a: Event, b: Event) -> bool:
    """The dated one of the two is dated only to a year or month: too coarse to say an undated mention is it."""
    dated = a if a.work.get("own_date") else b
    return dated.time_precision >= 3


def _same_sentence(a: Event, b: Event) -> bool:
    return bool(a.evidence and b.evidence) and a.evidence[0].start == b.evidence[0].start


def _compatible(a: Event, b: Event) -> bool:
    if a.background != b.background or (a.outcome == WITHDRAWAL) != (b.outcome == WITHDRAWAL):
        return False  # a side leaving a place and a side entering it unopposed have their actors the other way round
    if not _same_kind(a, b):
        return False
    if a.work.get("detail_of") is not None and a.work.get("detail_of") == b.work.get("detail_of") \
            and a.work["sentence"] != b.work["sentence"]:
        return False  # the strikes a summary was told again as, each at its own place
    if a.location is None or b.location is None:
        if not _same_sentence(a, b):
            return False  # 'a suicide car bomb exploded' told once, by its noun and its verb, placed nowhere
    elif not _same_or_within_country(a.location, b.location):
        return False
    elif a.location.gazetteer_id != b.location.gazetteer_id and not _told_together(a, b):
        return False  # 'launched 14 drones at Ukraine' is not the drone strike on Odesa told a paragraph later
    if bool(a.work.get("own_date")) != bool(b.work.get("own_date")) and _year_only(a, b) \
            and a.work.get("paragraph") != b.work.get("paragraph"):
        return False  # 'Two car bombs exploded outside the hotel. ¶ In 2017 a truck bomb killed 500': not one event
    if a.event_date and b.event_date:
        if a.event_date > (b.date_end or b.event_date) or b.event_date > (a.date_end or a.event_date):
            return False
    if not _same_or_named_attacker(a, b):
        return False
    return not (a.actor2 and b.actor2 and a.actor2 != b.actor2)


def _same_or_named_attacker(a: Event, b: Event) -> bool:
    """One attacker, or unnamed gunmen and the armed group the report names for the same act at the same place and
    day ('JNIM fighters killed 200 people in an attack near Barsalogho ... Gunmen arrived on motorbikes and opened fire
    on men digging the trenches'): the gunmen of a retold attack are its attackers. Not where either is set apart
    ('in a separate attack')."""
    if not (a.actor1 and b.actor1 and a.actor1 != b.actor1):
        return True
    unnamed, named = (a, b) if a.actor1 == UNIDENTIFIED else (b, a) if b.actor1 == UNIDENTIFIED else (None, None)
    return unnamed is not None and named.inter1 in NON_STATE_INTER and a.event_date is not None \
        and a.event_date == b.event_date and a.location is not None and b.location is not None \
        and a.location.gazetteer_id == b.location.gazetteer_id \
        and not (a.work.get("distinct") or b.work.get("distinct"))


ACTOR1_BASIS_FLAGS = ("attributed", "inferred_actors", "unclaimed")


def _basis_rank(event: Event) -> int:
    """How directly actor1 is known: named in the clause, then attributed by someone, then read from the narrative."""
    basis = event.actor1_basis() or ""
    return 3 if basis == "text" else 2 if basis.startswith("attributed") else 1 if basis == "narrative" else 0


def _same_or_within_country(a: Location, b: Location) -> bool:
    """One place, or a country and a place in it: 'an attack in Niger' told with 'in Niger's Tahoua region'."""
    if a.gazetteer_id == b.gazetteer_id:
        return True
    return (a.feature_type == "country" or b.feature_type == "country") and a.country_code == b.country_code


def _better_place(other: Event, into: Event) -> bool:
    """Whether the joined event takes ``other``'s place: it had none, only ``other``'s sentence dates it, or it was
    placed only at the country ``other`` is placed inside."""
    if into.location is None:
        return True
    if other.location is None:
        return False
    return not into.work.get("own_date") and bool(other.work.get("own_date")) \
        or into.location.feature_type == "country" and other.location.feature_type != "country"


def _absorb(into: Event, other: Event) -> None:
    if other.sub_event_type in TERRITORY_TYPES and into.sub_event_type == ARMED_CLASH:
        into.sub_event_type, into.trigger = other.sub_event_type, other.trigger
    for span in other.evidence:
        if span not in into.evidence:
            into.evidence.append(span)
    into.evidence.sort(key=lambda s: s.start)
    if into.event_date is None or (other.event_date and other.time_precision < into.time_precision) or (
            other.event_date and other.work.get("own_date") and not into.work.get("own_date")):
        into.event_date, into.date_end, into.time_precision = other.event_date, other.date_end, other.time_precision
    if into.actor1 == UNIDENTIFIED and other.actor1 not in {None, UNIDENTIFIED}:
        into.actor1 = None  # the gunmen are the group named for the same attack (_same_or_named_attacker)
    if into.actor1 is None and other.actor1 is not None or \
            into.actor1 == other.actor1 and _basis_rank(other) > _basis_rank(into):
        for flag in ACTOR1_BASIS_FLAGS:  # another sentence names the same attacker more directly
            into.work.pop(flag, None)
            if other.work.get(flag):
                into.work[flag] = other.work[flag]
    into.actor1, into.inter1 = into.actor1 or other.actor1, into.inter1 if into.actor1 else other.inter1
    if into.actor2 is None and other.actor2 is not None and other.actor2 != into.actor1 \
            and (into.event_type != VAC or other.event_type == VAC):  # an attack on civilians has no armed victim
        into.actor2, into.inter2 = other.actor2, other.inter2
        if other.work.get("inferred_actor2"):
            into.work["inferred_actor2"] = True
    if _better_place(other, into):
        into.location = other.location
    if other.fatalities is not None:
        into.fatalities = max(into.fatalities or 0, other.fatalities)
    into.outcome = into.outcome or other.outcome
    into.work["own_date"] = into.work.get("own_date") or other.work.get("own_date")
    into.work["news_of_the_day"] = into.work.get("news_of_the_day") or other.work.get("news_of_the_day")
    into.work["merged"] = into.work.get("merged", 1) + other.work.get("merged", 1)


def merge_mentions(events: list[Event]) -> list[Event]:
    """Join events that are the same real-world event; dated mentions absorb undated ones."""
    merged: list[Event] = []
    for event in sorted(events, key=lambda e: (e.event_date is None, e.work["char"])):
        target = next((m for m in merged if _compatible(m, event)), None)
        if target is None:
            merged.append(event)
        else:
            _absorb(target, event)
    return sorted(merged, key=lambda e: e.work["char"])


def fold_raids_into_violence(events: list[Event]) -> list[Event]:
    """'armed men stormed the school and marched off 78 students': the storming is how the abduction was done, not a
    battle of its own. A clash with no opponent, told in the same sentence as violence against civilians by the same
    attacker, joins that event."""
    kept: list[Event] = []
    for event in events:
        host = next((other for other in events if other.event_type == VAC and other is not event
                     and other.evidence and event.evidence and other.evidence[0] == event.evidence[0]
                     and other.actor1 == event.actor1), None) \
            if event.sub_event_type == ARMED_CLASH and event.actor2 is None else None
        if host is None:
            kept.append(event)
        else:
            _absorb(host, event)
    return kept


# A heading line: a few words of their own, no closing punctuation ('Background', 'Attack', 'Casualties').
HEADING_LINE = re.compile(r"^[ \t]*([A-Z][^\n.!?:;\"”]{0,60}?)[ \t]*$", re.M)
BACKGROUND_HEADINGS = re.compile(r"(?:historical\s+)?(?:background|history|context)|(?:previous|prior|earlier|past)\s+"
                                 r"(?:attacks|incidents|violence|events)", re.I)


def background_sections(text: str) -> list[tuple[int, int]]:
    """The spans of a report's sections headed 'Background', 'History' or 'Previous attacks', each up to the next
    heading (the first line, a title, heads nothing)."""
    first_line_end = text.find("\n")
    headings = [m for m in HEADING_LINE.finditer(text)
                if m.start() > first_line_end >= 0 and len(m.group(1).split()) <= SECTION_HEADING_WORDS]
    return [(heading.end(), following.start() if following else len(text))
            for heading, following in zip(headings, [*headings[1:], None])
            if BACKGROUND_HEADINGS.fullmatch(heading.group(1).strip())]


def mark_background_sections(doc: Document) -> None:
    """What a report tells under its 'Background' heading is background, whatever its date."""
    for start, end in background_sections(doc.text):
        for event in doc.events:
            if start <= event.work["char"] < end:
                event.background = True


def mark_news_of_the_day(doc: Document) -> None:
    """'security forces have cleared Mingora', a headline 'FORCES ESTABLISH CONTROL OF MINGORA': told as news of the
    day the report was issued, not as something to date by the next date the report mentions."""
    if doc.spacy_doc is None:
        return
    headline_end = doc.text.find("\n")
    for event in doc.events:
        trigger = doc.spacy_doc[event.work["token"]] if "token" in event.work else None
        perfect = trigger is not None and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in {"VBP", "VBZ"}
                                              for c in trigger.children)
        if perfect or 0 <= event.work["char"] < headline_end:
            event.work["news_of_the_day"] = True


def share_main_verb_dates(doc: Document, events: list[Event]) -> None:
    """'occupied the town for two days last week, looting food stocks and clashing with soldiers': a participle that
    writes no date of its own happened when its main verb did, as that event is finally dated (a later sentence may
    have told its day: 'entered the town on Friday')."""
    if doc.spacy_doc is None:
        return
    by_token = {event.work["token"]: event for event in events if "token" in event.work}
    for event in events:
        if "token" not in event.work:
            continue
        participle = doc.spacy_doc[event.work["token"]]
        main_verb = _main_verb_of_participle(participle)
        main = by_token.get(main_verb.i) if main_verb is not None else None
        if main is not None and main.event_date is not None and not _writes_a_date(doc, participle):
            event.event_date, event.date_end, event.time_precision = main.event_date, main.date_end, main.time_precision


def _main_verb_of_participle(token):
    """The verb a bare participle clause hangs on ('..., looting food stocks and clashing with soldiers'); None for
    one opened by a word of its own ('after looting', 'before withdrawing')."""
    while token.dep_ == "conj" and token.head.tag_ == "VBG":
        token = token.head
    if token.tag_ != "VBG" or token.dep_ != "advcl" or token.head.pos_ != "VERB" or token.i < token.head.i:
        return None
    if any(c.dep_ in {"mark", "prep", "nsubj", "aux"} and c.i < token.i for c in token.children):
        return None
    return token.head


def _writes_a_date(doc: Document, token) -> bool:
    """A date in the token's own clause, not counting the clauses joined to it."""
    joined = [c for c in token.children if c.dep_ == "conj"]
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    return any(start <= t.start < end and not any(c.left_edge.idx <= t.start <= c.right_edge.idx for c in joined)
               for t in doc.time_expressions)


def inherit_dates(doc: Document, events: list[Event]) -> None:
    """Undated events take the date of the narrative around them: the last dated event before, else the next."""
    dated = [e for e in events if e.event_date is not None and not e.background]
    for event in events:
        if event.event_date is not None:
            continue
        if event.background:
            continue
        before = [e for e in dated if e.work["char"] < event.work["char"]]
        after = [e for e in dated if e.work["char"] > event.work["char"]]
        source = before[-1] if before else (after[0] if after else None)
        source = _back_to_the_lead(doc, dated, source, event) or source
        if not before and doc.published is not None and event.work.get("news_of_the_day"):
            event.event_date, event.time_precision = doc.published, 2  # 'security forces have cleared Mingora'
        elif source is not None:
            event.event_date, event.date_end = source.event_date, source.date_end
            event.time_precision = max(source.time_precision, 2)
        elif doc.published or doc.anchor_date:
            event.event_date = doc.published or doc.anchor_date
            event.time_precision = 3
        event.work["inferred_date"] = True


def _back_to_the_lead(doc: Document, dated: list[Event], source: Event | None, event: Event) -> Event | None:
    """'... on Wednesday. ¶ The Israeli military said two soldiers were killed on Tuesday. ¶ Sirens sounded in
    Kiryat Shmona': in a dated news report, an earlier day a paragraph gives is that paragraph's; an undated event
    in a later paragraph is news of the report's own day, the day its lead was told on."""
    lead = dated[0] if dated else None
    if doc.published is None or source is None or lead is None or lead.event_date != doc.published \
            or source.event_date is None or source.event_date >= lead.event_date \
            or not source.work.get("own_date") or source.work["char"] > event.work["char"] \
            or _same_paragraph(doc, source, event):
        return None
    return lead


def inherit_locations(doc: Document, events: list[Event]) -> list[Event]:
    """An event whose sentence names no place happened where the narrative was. When it is the same fight as the
    last located event (same kind, same sides, same days), it is that event, mentioned again."""
    kept: list[Event] = []
    last: Event | None = None
    headline = _headline_place(doc)
    for event in events:
        if event.work.get("own_place_only"):
            kept.append(event)  # a threat, expulsion or closure is not made where the narrative last was
            continue
        if last is None and headline is not None and not event.background and _vaguer_than(event.location, headline):
            event.location = Location(**{**headline.to_dict(), "geo_precision": max(2, headline.geo_precision)})
            event.work["inferred_location"] = True  # 'Twin car bombs kill 100 in Somali capital': the lead's place
        if event.location is None and not (last is not None and _same_paragraph(doc, last, event)):
            local = _place_told_before_in_paragraph(doc, event)
            if local is not None:
                event.location = Location(**{**local.to_dict(), "geo_precision": max(2, local.geo_precision)})
                event.work["inferred_location"] = True
        if event.location is None and last is not None:
            if _continues(last, event):
                _absorb(last, event)
                continue
            event.location = Location(**{**last.location.to_dict(), "geo_precision": max(2, last.location.geo_precision)})
            event.work["inferred_location"] = True
        if event.location is not None and not event.background and not _placed_elsewhere(event) \
                and not event.work.get("site"):
            last = event  # of the sites one sentence told an act at, the narrative goes on at the first
        kept.append(event)
    return kept


CAPITAL_OF = re.compile(r"\bcapital\s+of\s+(?:the\s+)?$", re.I)


def place_provincial_capitals(doc: Document, events: list[Event]) -> None:
    """'Islamic State seized Ramadi ... The fall of the capital of Anbar province': the province says which city
    fell, the one the narrative placed in it; the event is there, not all over the province."""
    for i, event in enumerate(events):
        mention = event.work.get("place")
        area = event.location
        if mention is None or area is None or area.feature_type not in {"admin1", "admin2"} \
                or not CAPITAL_OF.search(doc.text[max(0, mention.start - 20):mention.start]):
            continue
        town = next((e.location for e in reversed(events[:i]) if e.location is not None
                     and e.location.feature_type == "populated_place" and e.location.admin1 == area.name
                     and e.location.country_code == area.country_code), None)
        if town is not None:
            event.location = town


def _headline_place(doc: Document) -> Location | None:
    """The one town or site the report's title names, if it names exactly one."""
    if any(m.attrs.get("section_country") for m in doc.mentions):
        return None  # a digest of several countries: its title names the region, not the lead's place
    end = headline_end(doc.text)
    named = [m for m in doc.mentions if m.type == "place" and m.start < end and m.location is not None
             and m.location.feature_type not in {"country", "continent"} and not m.attrs.get("modifier")]
    described = [m for m in named if m.attrs.get("description")]  # 'in Somali capital', not the 'Somali' inside it
    places = {m.location.gazetteer_id: m.location for m in described or named}
    return next(iter(places.values())) if len(places) == 1 else None


def _vaguer_than(location: Location | None, headline: Location) -> bool:
    """No place, or only the country the title's place lies in."""
    return location is None or location.feature_type == "country" and location.country_code == headline.country_code


def _placed_elsewhere(event: Event) -> bool:
    """An agreement is placed where it was signed or talked over, a threat or a closure where it was made: not
    where the fighting the report goes on to tell was."""
    return event.work.get("cls") in SELF_CONTAINED_CLASSES | {"agreement"}


def _place_told_before_in_paragraph(doc: Document, event: Event) -> Location | None:
    """'20:45 (Thursday) - Reports are coming in of killings in rural Tibú. At least 19 civilians were killed by ELN
    fighters ...': in a report of separate entries (live-blog updates, bulleted items), the place the entry named
    just before the event's sentence, rather than the last place of an event told in another entry."""
    sentence = event.evidence[0] if event.evidence else None
    if sentence is None:
        return None
    paragraph = doc.paragraph_start(sentence.start)
    if not ENTRY_HEAD.match(doc.text, paragraph):
        return None
    places = [m for m in doc.mentions if m.type == "place" and m.location is not None
              and paragraph <= m.start < sentence.start and m.location.feature_type != "country"
              and not any(m.attrs.get(flag) for flag in ("anaphor", "sound_match", "dateline"))
              and not REFERENCE_POINT.search(doc.text[max(0, m.start - 30):m.start])]
    return places[-1].location if places else None


# A paragraph that is an entry of its own: a bullet, a timestamped live-blog update, a labelled item ('Lira town: ').
ENTRY_HEAD = re.compile(r"[ \t]*(?:[*•·\-–—][ \t]|\d{1,2}[:.]\d{2}\b|[A-Z][\w' -]{0,40}:[ \t])")

# '15 km east of Mosul', '40 miles from the border': a place named to locate another one.
REFERENCE_POINT = re.compile(r"\b(?:km|kilometres|kilometers|miles)\b[^.]{0,20}\b(?:of|from)\s+(?:the\s+)?$", re.I)


def _same_paragraph(doc: Document, a: Event, b: Event) -> bool:
    start = b.evidence[0].start if b.evidence else b.work["char"]
    return (a.evidence[0].start if a.evidence else a.work["char"]) >= doc.paragraph_start(start)


def absorb_withdrawals(events: list[Event], ctx: Context) -> list[Event]:
    """One event per happening: a withdrawal from a place that the other side takes that day or the next ('the army
    withdrew from its Gao garrison ... The next morning Gao fell') is the capture; a withdrawal that names no place,
    told after a battle of the same day ('Soldiers at the barracks withdrew after running short of ammunition'), is
    that battle's outcome. The withdrawing side becomes the host event's actor2 when it has none."""
    hosts: dict[int, Event] = {}
    for event in events:
        if event.outcome != WITHDRAWAL or event.location is None:
            continue
        host = _withdrawal_host(event, events, ctx)
        if host is not None:
            hosts[id(event)] = host
    kept = []
    for event in events:
        host = hosts.get(id(event))
        if host is None:
            if event.outcome == WITHDRAWAL and event.work.get("inferred_location"):
                event.location = None  # where it withdrew from is not told: not where the last event was
                event.work["inferred_location"] = False
            kept.append(event)
            continue
        for span in event.evidence:
            if span not in host.evidence:
                host.evidence.append(span)
        host.evidence.sort(key=lambda s: s.start)
        if host.actor2 is None and event.actor1 is not None and event.actor1 != host.actor1 and not (
                host.actor1 and ctx.actors.same_side(host.actor1, event.actor1)):
            host.actor2, host.inter2 = event.actor1, event.inter1
        host.work["merged"] = host.work.get("merged", 1) + event.work.get("merged", 1)
    return kept


def _withdrawal_host(event: Event, events: list[Event], ctx: Context) -> Event | None:
    if event.work.get("inferred_location"):  # the sentence names no place: the outcome of that day's battle there
        return next((other for other in events if other.event_type == BATTLES and other.location is not None
                     and other.location.gazetteer_id == event.location.gazetteer_id
                     and other.event_date == event.event_date and other.background == event.background), None)
    for other in events:
        if other is event or other.background != event.background or other.location is None:
            continue
        taken = other.sub_event_type in TERRITORY_TYPES or (other.sub_event_type == TRANSFER and other.outcome != WITHDRAWAL)
        if not taken or other.location.gazetteer_id != event.location.gazetteer_id:
            continue
        # the same day, or (when the withdrawal has a day of its own) the other side entering the next morning;
        # a withdrawal dated only by the narrative around it ('prior to the offensive') must match the day
        next_day = 0 if event.work.get("inferred_date") else 1
        if event.event_date and other.event_date and not (
                event.event_date <= other.event_date <= event.event_date + timedelta(days=next_day)):
            continue
        if other.actor1 and event.actor1 and (other.actor1 == event.actor1 or ctx.actors.same_side(other.actor1, event.actor1)):
            continue
        return other
    return None


def _continues(previous: Event, event: Event) -> bool:
    if event.background or previous.event_type != event.event_type:
        return False
    if event.work.get("place") is not None or event.work.get("distinct"):
        return False  # it names a place we could not resolve, or says it is another event
    if event.event_date and previous.event_date and event.event_date != previous.event_date:
        return False
    return {previous.actor1, previous.actor2} >= {event.actor1, event.actor2} - {None}


def _confidence(event: Event) -> float:
    score = 0.4
    score += 0.15 if event.actor1 else 0
    score += 0.1 if event.actor2 else 0
    score += 0.15 if event.location and event.location.geo_precision == 1 else 0.05 if event.location else 0
    score += 0.1 if not event.work.get("inferred_date") else 0
    score += 0.05 * min(len(event.evidence) - 1, 2)
    score -= 0.1 if event.work.get("inferred_actors") else 0
    score -= 0.05 if event.work.get("inferred_actor2") else 0
    score -= 0.1 if event.work.get("inferred_location") else 0
    return max(0.05, min(score, 0.99))


def event_id(event: Event) -> str:
    key = "|".join([event.document_id, event.event_type, event.sub_event_type,
                    event.location.gazetteer_id if event.location else "", str(event.event_date),
                    str(event.evidence[0].start), event.actor1 or "", event.actor2 or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _context_event(events: list[Event], char: int) -> Event | None:
    """The fight a sentence belongs to: an event told in that sentence, else the last event before it that names both
    sides, else any with an actor."""
    before = [e for e in events if e.work["char"] <= char and not e.background and (e.actor1 or e.actor2)]
    told_here = [e for e in before if any(span.start <= char < span.end for span in e.evidence)]
    both = [e for e in before if e.actor1 and e.actor2]
    return (told_here or both or before or [None])[-1]


def police_of_the_place(event: Event, ctx: Context, focus: str | None) -> None:
    """'Gunmen attacked a police post in Tillaberi' in a report on Mali: police serve at home, so the police a
    sentence leaves unnamed, at a place in another country (named in the sentence or before it), are that country's."""
    for slot, inter in (("actor1", "inter1"), ("actor2", "inter2")):
        local = _local_force(event.work.get(slot), event.location, ctx)
        if local is None or getattr(event, slot) in (None, local.name):
            continue
        setattr(event, slot, local.name)
        setattr(event, inter, local.inter_in(focus))


def _local_force(mention: Mention | None, location: Location | None, ctx: Context):
    """The police a mention names without a nation, or the army a word before equipment names ('two army trucks'):
    the forces of the country of the place."""
    if location is None or not location.country_code or mention is None or not mention.attrs.get("generic"):
        return None
    if POLICE_WORDS & set(mention.text.lower().split()):
        return ctx.actors.police_forces(location.country_code)
    return ctx.actors.state_forces(location.country_code) if mention.attrs.get("of_the_place") else None


def name_for_period(event: Event, ctx: Context) -> None:
    """State forces under the name of the government period the event falls in."""
    if event.event_date is None:
        return
    if event.actor1:
        event.actor1 = ctx.actors.in_year(event.actor1, event.event_date.year)
    if event.actor2:
        event.actor2 = ctx.actors.in_year(event.actor2, event.event_date.year)


def finish_records(doc: Document, ctx: Context, events: list[Event], allies: Allies | None = None) -> None:
    for record in doc.equipment:
        context = _context_event(events, record.work["char"])
        expr = _own_date(doc, record.work["char"])
        record.date = expr.date_start if expr else (context.event_date if context else None)
        record.location = record.location or (context.location if context else None)
        subject, owner = record.work.get("subject_name"), record.work.get("owner_name")
        local = _local_force(record.work.get("owner"), record.location, ctx)
        owner = local.name if local is not None and owner is not None else owner
        if record.status == "captured":
            record.gaining_actor = subject or (context.actor1 if context else None)
            record.losing_actor = owner or _opponent(record.gaining_actor, context, ctx, allies)
        elif record.status in {"destroyed", "damaged"}:
            destroyer = subject or (context.actor1 if context else None)
            record.losing_actor = owner or _opponent(destroyer, context, ctx, allies) or (
                context.actor2 if context and not subject else None)
            record.gaining_actor = subject  # the side that destroyed it, when the sentence says so
        else:
            record.losing_actor = owner or subject or (context.actor2 if context else None)
        if record.losing_actor is not None and record.losing_actor == record.gaining_actor:
            record.gaining_actor = None
        record.losing_actor, record.gaining_actor = (  # tanks and launchers are no civilians' to lose or take
            None if name and ctx.actors.describe(name).side == "civilians" else name
            for name in (record.losing_actor, record.gaining_actor))
        if record.date is not None:
            record.losing_actor, record.gaining_actor = (
                ctx.actors.in_year(name, record.date.year) if name else None
                for name in (record.losing_actor, record.gaining_actor))
        record.record_id = hashlib.sha1(f"{doc.id}|{record.item}|{record.status}|{record.work['char']}".encode()).hexdigest()[:16]
    for record in doc.displacement:
        context = _context_event(events, record.work["char"])
        expr = _own_date(doc, record.work["char"]) or _flight_began(doc, record.work["char"]) \
            or _own_date(doc, record.work["char"], since_too=True)
        record.date = expr.date_start if expr else (context.event_date if context else None)
        if record.origin is None and context is not None and not same_place(context.location, record.destination):
            record.origin = context.location
        record.record_id = hashlib.sha1(f"{doc.id}|displacement|{record.work['char']}".encode()).hexdigest()[:16]


def _flight_began(doc: Document, char: int):
    """'have fled Lashio since the fighting began in July', 'since the start of the year': the date in the sentence's
    'since' clause is when the flight began, however the parser hung the clause."""
    span = doc.sentences[doc.sentence_index(char)] if doc.sentences else None
    if span is None:
        return None
    begun = [expr for expr in _sentence_dates(doc, span) if in_since_clause(doc.text, expr.start)]
    return min(begun, key=lambda expr: abs(expr.start - char)) if begun else None


def _opponent(actor: str | None, context: Event | None, ctx: Context, allies: Allies | None) -> str | None:
    """The other side of the context event from `actor`: never one the report puts on its side."""
    if context is None or actor is None:
        return None
    others = [a for a in (context.actor1, context.actor2) if a and a != actor]
    if actor in (context.actor1, context.actor2):
        return others[0] if others and others[0] not in (allies or {}).get(actor, ()) else None
    others = [a for a in others if not _on_one_side(a, actor, ctx, None, allies)]
    return others[0] if len(others) == 1 else None


GENERIC_ATTACKS = {"attack", "attacks", "assault", "incident"}  # nouns that name any kind of violent event


def absorb_anaphoric(events: list[Event]) -> list[Event]:
    """'the assault was repelled' is the assault described just before, not a new one."""
    kept: list[Event] = []
    for event in events:
        # 'officials blamed the attack on ...', 'those involved in the failed attack': whatever was just described
        told = event.work.get("told") or event.work.get("anaphoric") and event.work.get("lemma") in GENERIC_ATTACKS
        violent = event.work.get("attributed") == "claim" or event.event_type in FIGHTING  # an attack told is one
        previous = next((e for e in reversed(kept) if (told and (not violent or e.event_type in FIGHTING)
                                                       or e.event_type == event.event_type) and not e.background), None)
        previous = _told_at_its_place(previous, event, kept)
        same_day = event.event_date is None or event.event_date == (previous.event_date if previous else None) \
            or (told and not event.work.get("own_date")) or event.work.get("verdict") \
            or told and event.work.get("attributed") == "claim"  # claimed on Sunday what was done on Saturday
        if event.work.get("anaphoric") and previous is not None and not event.background and same_day:
            _absorb(previous, event)
            continue
        if _placed_retelling(event, kept):
            continue
        if event.work.get("question"):
            continue  # a question about nothing told before is no news of an event
        kept.append(event)
    return kept


def _told_at_its_place(previous: Event | None, event: Event, kept: list[Event]) -> Event | None:
    """'Air strikes hit Idlib, Saraqib and Ariha. In Saraqib, the strikes killed five civilians': of the events one
    sentence told at several places, the one at the place the back-reference names."""
    if previous is None or event.location is None:
        return previous
    return next((e for e in kept if _same_sentence(e, previous) and e.event_type == previous.event_type
                 and e.location is not None and e.location.gazetteer_id == event.location.gazetteer_id), previous)


def _placed_retelling(event: Event, kept: list[Event]) -> bool:
    """'Drone attacks claimed by the Houthis set ablaze two plants ... The attacks on Abqaiq and the Khurais oil field
    caused huge fires': 'the attacks', now placed, are the drone strike just told. Each takes that event's kind and
    sides; the first also gives it its place when it had only the country (and is then that event)."""
    if not event.work.get("definite") or event.work.get("lemma") not in GENERIC_ATTACKS or event.background:
        return False
    told = next((e for e in reversed(kept) if e.event_type in FIGHTING and not e.background), None)
    if told is None or event.event_date is not None and event.event_date != told.event_date:
        return False
    event.event_type, event.sub_event_type = told.event_type, told.sub_event_type
    event.actor1, event.inter1 = event.actor1 or told.actor1, event.inter1 if event.actor1 else told.inter1
    event.actor2, event.inter2 = event.actor2 or told.actor2, event.inter2 if event.actor2 else told.inter2
    vague = told.location is None or told.location.feature_type == "country" and event.location is not None \
        and event.location.country_code == told.location.country_code
    if vague and event.location is not None:
        told.location = event.location
        _absorb(told, event)
        return True
    return False


SUMMARY_REACH = 3  # how many sentences after a summary its detailed events may be told in
AREA_TYPES = {"country", "admin1", "admin2"}


def stand_details(events: list[Event]) -> list[Event]:
    """'Israeli air strikes killed at least 12 people in southern Lebanon ... The strike on the municipal building in
    Nabatieh killed the mayor and five other people ... Another strike hit a house in Qana, killing six': a toll told
    for a region, then told again strike by strike at the places they hit, sums those events. ACLED codes one event
    per place, so when the detailed events account for the whole toll they stand, each with its own dead, and take
    what the summary says of them all (who struck, when, in which country); the summary adds no deaths of its own."""
    summaries = [event for event in events if _a_summary(event)]
    told_again: set[int] = set()
    for summary in summaries:
        details = [e for e in events if e is not summary and id(e) not in told_again and _detail_of(e, summary)]
        dead_by_sentence: dict[int, int] = {}  # a sentence's noun and verb tell one strike: its dead count once
        for detail in details:
            sentence = detail.work["sentence"]
            dead_by_sentence[sentence] = max(dead_by_sentence.get(sentence, 0), detail.fatalities)
        if len(dead_by_sentence) < 2 or sum(dead_by_sentence.values()) < summary.fatalities:
            continue  # one strike told again is the summary's retelling, which merging joins
        for detail in details:
            _take_from_summary(detail, summary)
        told_again.add(id(summary))
    return [event for event in events if id(event) not in told_again]


def _a_summary(event: Event) -> bool:
    vague = event.location.feature_type in AREA_TYPES if event.location is not None \
        else event.work.get("place") is None  # placed nowhere, or in a region; not at a site the gazetteer lacks
    return bool(event.fatalities) and vague and not event.background and event.event_type in FIGHTING


def _detail_of(event: Event, summary: Event) -> bool:
    """An event of the same type (a missile told among 'strikes' is one of them), by the same side, on the same
    day, told at a place of its own within the summary's area, in the sentences just after it."""
    after = 0 < event.work["sentence"] - summary.work["sentence"] <= SUMMARY_REACH
    same_act = event.event_type == summary.event_type and event.actor1 in (None, summary.actor1) \
        and event.event_date in (None, summary.event_date) and not event.background
    return after and same_act and bool(event.fatalities) and event.work.get("place") is not None \
        and _inside(event.location, summary.location)


def _inside(place: Location | None, area: Location | None) -> bool:
    """A place of its own inside the area (or one the gazetteer could not place, or an area not told)."""
    if place is None or area is None:
        return True
    return place.gazetteer_id != area.gazetteer_id and place.country_code == area.country_code \
        and (area.feature_type == "country" or place.admin1 == area.admin1)


def _take_from_summary(detail: Event, summary: Event) -> None:
    detail.evidence.extend(span for span in summary.evidence if span not in detail.evidence)
    if detail.actor1 is None and summary.actor1 is not None:
        detail.actor1, detail.inter1 = summary.actor1, summary.inter1
        for flag in ACTOR1_BASIS_FLAGS:
            if summary.work.get(flag):
                detail.work[flag] = summary.work[flag]
    if detail.event_date is None and summary.event_date is not None:
        detail.event_date, detail.date_end = summary.event_date, summary.date_end
        detail.time_precision = summary.time_precision
        detail.work["own_date"] = summary.work.get("own_date")
    if detail.location is None and summary.location is not None:
        detail.location = Location(**{**summary.location.to_dict(),
                                      "geo_precision": max(2, summary.location.geo_precision)})
    detail.work["detail_of"] = summary.work["seq"]


@stage("merge", reads=("events", "locations", "time_expressions"), adds=("merged_events",))
def merge(doc: Document, ctx: Context) -> None:
    assign_own_dates(doc)
    mark_background_sections(doc)
    mark_news_of_the_day(doc)
    doc.events = stand_details(absorb_anaphoric(doc.events))
    fill_from_narrative(doc, country_sections(doc, ctx.gazetteer))
    tally, ground_tally = belligerents(doc, ctx)
    allies = report_allies(doc)
    fill_battle_sides(doc, ground_tally, ctx, allies)
    for event in doc.events:
        settle_territory(event, ctx)
        settle_detention(event)
    events = fold_raids_into_violence(merge_mentions(doc.events))
    share_main_verb_dates(doc, events)
    inherit_dates(doc, events)
    events = inherit_locations(doc, events)
    place_provincial_capitals(doc, events)
    events = merge_mentions(events)
    events = absorb_withdrawals(events, ctx)
    fill_attackers(events, tally, ctx, doc.focus_country, allies)
    for event in events:
        police_of_the_place(event, ctx, doc.focus_country)
        name_for_period(event, ctx)
        event.confidence = _confidence(event)
        event.event_id = event_id(event)
    finish_records(doc, ctx, events, allies)
    doc.events = events
