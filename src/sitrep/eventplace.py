"""Which of a sentence's places an event happened at: the place of "captured", not the place soldiers "fled
towards", a reporter's date line, or a yardstick ("the size of Belgium").

`choose_event_place` is the library form of that choice, scored by `sitrep eval --set event-location`:

- method "baseline" is what the events stage did before it used this module: drop
  destinations, date lines and comparisons (events._where_it_happened), take the nearest remaining place, preferring
  gazetteer-known, more specific than country, not "near X" (events._choose_places);
- method "syntax" (the default) narrows the candidates before applying the baseline: it sets aside places that
  only modify a noun ('US sailors', "Iraq's oil terminal") and containers named after a more specific place in the
  same phrase ('Radhwaniyah area in southwestern Baghdad', 'the village of Ashmi ... of Kobane'), then prefers the
  places the dependency parse attaches to the verb itself (through a preposition or as its object, with no other
  verb in between); each narrowing is undone when it leaves nothing the baseline accepts."""
from __future__ import annotations

from typing import Sequence

from .lexicon_patterns import SETTLEMENT_WORDS, SITE_SUFFIXES
from .model import Document, Mention

METHODS = ("baseline", "syntax")


def choose_event_place(doc: Document, verb: tuple[int, int], candidates: Sequence[Mention], *,
                       method: str = "syntax") -> Mention | None:
    """The candidate place where the event expressed by the verb at character span `verb` happened, or None.

    `doc` must have been parsed (doc.spacy_doc set); candidates are place mentions in the same text."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; known: {', '.join(METHODS)}")
    if method == "syntax":
        plain = _without_modifiers(doc, candidates)
        specific = _without_containers(doc, plain)
        attached = [c for c in specific if _attached_to_verb(doc, verb, c)]
        for group in (attached, specific, plain):
            chosen = _baseline(doc, verb, group)
            if chosen is not None:
                return chosen
    return _baseline(doc, verb, candidates)


def narrow_places(doc: Document, places: Sequence[Mention]) -> list[Mention]:
    """Set aside places that only describe a noun and containers of a more specific place named in the same
    phrase, unless that leaves none."""
    return _without_containers(doc, _without_modifiers(doc, places))


def _without_modifiers(doc: Document, places: Sequence[Mention]) -> list[Mention]:
    return [c for c in places if not _modifier(doc, c)] or list(places)


def _without_containers(doc: Document, places: list[Mention]) -> list[Mention]:
    return [c for c in places if not _container(doc, c, places)] or places


def _baseline(doc: Document, verb: tuple[int, int], candidates: Sequence[Mention]) -> Mention | None:
    # The events stage's own filters, so that this chooser's baseline is exactly the pipeline's behaviour.
    from .stages.events import _choose_places, _where_it_happened

    usable = [c for c in candidates if _where_it_happened(c, doc)]
    nearest = sorted(usable, key=lambda m: min(abs(m.start - verb[0]), abs(m.end - verb[0])))
    chosen = _choose_places(doc, nearest)
    return chosen[0][0] if chosen else None


MODIFIER_DEPS = {"compound", "amod", "nmod"}
PLACE_HEADS = {word for phrase in SETTLEMENT_WORDS + SITE_SUFFIXES for word in phrase.split()[-1:]} | {
    "province", "governorate", "region", "countryside", "camp", "street", "road", "quarter", "municipality",
    "county", "state", "valley", "outskirts", "market"}


def _modifier(doc: Document, place: Mention) -> bool:
    """A place name used to describe something else: 'US sailors', "Iraq's key oil terminal", "Syria's city of
    Daraa" (the place of the event is the thing described, or another place); not 'Radhwaniyah area',
    'Makhmur district', 'Mosul dam', which name the place itself."""
    root = _root(doc, place)
    return root is not None and root.dep_ in MODIFIER_DEPS and root.head.lemma_.lower() not in PLACE_HEADS


def _root(doc: Document, mention: Mention):
    span = doc.spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _container(doc: Document, place: Mention, others: Sequence[Mention]) -> bool:
    """The place is governed, without a verb in between, by a phrase that also holds a place named before it:
    'X area in Baghdad', 'the village of X in the countryside of Kobane' (Baghdad and Kobane contain X)."""
    node = _root(doc, place)
    for _ in range(6):
        if node is None or node.head == node or node.dep_ in {"conj", "appos"}:
            return False  # 'Jabal al-Tar and Jabal Hayyal', 'Konduga, 35 km from X': siblings, not containers
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return False
        low, high = node.left_edge.idx, node.right_edge.idx + len(node.right_edge)
        if any(o is not place and o.start < place.start and low <= o.start and o.end <= high for o in others):
            return True
    return False


def _verb_token(doc: Document, verb: tuple[int, int]):
    span = doc.spacy_doc.char_span(verb[0], verb[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attached_to_verb(doc: Document, verb: tuple[int, int], place: Mention) -> bool:
    """The verb governs the place with no other verb (clause) in between: 'captured X', 'fighting in X'."""
    head = _verb_token(doc, verb)
    span = doc.spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
    if head is None or span is None or not len(span):
        return False
    node = span.root
    for _ in range(8):
        if node.head == node:
            return False
        node = node.head
        if node.i == head.i:
            return True
        if node.pos_ in {"VERB", "AUX"}:
            return False
    return False
