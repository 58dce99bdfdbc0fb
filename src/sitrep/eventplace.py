"""Which of a sentence's places an event happened at: the place of "captured", not the place soldiers "fled
towards", a reporter's date line, or a yardstick ("the size of Belgium").

`choose_event_place` is the library form of that choice, scored by `sitrep eval --set event-location`:

- method "baseline" is what the events stage does when the parse attaches no place to a trigger: drop
  destinations, date lines and comparisons (events._where_it_happened), take the nearest remaining place, preferring
  gazetteer-known, more specific than country, not "near X" (events._choose_places);
- method "syntax" (the default) drops places the parser's entity recogniser calls a person, organisation or date
  (gazetteer matches such as 'Abu' in 'Abu Zubaydah'), then first keeps the places the dependency parse attaches to the verb itself (through a
  preposition or as its object, with no other verb in between), then applies the baseline to those, falling back
  to the baseline over the plausible places when none is attached, and over all places when that finds none."""
from __future__ import annotations

from typing import Sequence

from .model import Document, Mention
# The events stage's own filters, so that this chooser's baseline is exactly the pipeline's behaviour.
from .stages.events import _choose_places, _where_it_happened

METHODS = ("baseline", "syntax")


def choose_event_place(doc: Document, verb: tuple[int, int], candidates: Sequence[Mention], *,
                       method: str = "syntax") -> Mention | None:
    """The candidate place where the event expressed by the verb at character span `verb` happened, or None.

    `doc` must have been parsed (doc.spacy_doc set); candidates are place mentions in the same text."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; known: {', '.join(METHODS)}")
    if method == "syntax":
        plausible = [c for c in candidates if _named_as_place(doc, c)] or list(candidates)
        attached = [c for c in plausible if _attached_to_verb(doc, verb, c)]
        chosen = _baseline(doc, verb, attached) or _baseline(doc, verb, plausible)
        if chosen is not None:
            return chosen
    return _baseline(doc, verb, candidates)


def _baseline(doc: Document, verb: tuple[int, int], candidates: Sequence[Mention]) -> Mention | None:
    usable = [c for c in candidates if _where_it_happened(c, doc)]
    nearest = sorted(usable, key=lambda m: min(abs(m.start - verb[0]), abs(m.end - verb[0])))
    chosen = _choose_places(doc, nearest)
    return chosen[0][0] if chosen else None


NOT_PLACE_ENTS = {"PERSON", "ORG", "DATE", "TIME", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                  "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}


def _named_as_place(doc: Document, place: Mention) -> bool:
    """The parser does not call it a person, organisation or date ('Abu' of 'Abu Zubaydah', 'Nov.')."""
    span = doc.spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is None or not len(span) or span.root.ent_type_ not in NOT_PLACE_ENTS


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
        if node.head is node:
            return False
        node = node.head
        if node.i == head.i:
            return True
        if node.pos_ in {"VERB", "AUX"}:
            return False
    return False
