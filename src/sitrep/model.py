"""The document object that flows through the pipeline, and the records it carries out."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Span:
    """A stretch of the document text: `text == document.text[start:end]` always holds."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Location:
    name: str
    mention: str
    latitude: float
    longitude: float
    country: str
    country_code: str
    admin1: str | None
    geo_precision: int
    gazetteer_id: str
    feature_type: str = "populated_place"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


INTERNAL_MENTION_ATTRS = frozenset({"candidates", "lookup", "actor_resolved", "generic", "anaphor", "state_of"})


@dataclass
class Mention:
    """A typed span: actor, place, equipment, date, quantity or casualty count."""

    text: str
    start: int
    end: int
    type: str
    sentence: int
    canonical: str | None = None
    location: Location | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end, "type": self.type}
        if self.canonical is not None:
            out["canonical"] = self.canonical
        if self.location is not None:
            out.update(latitude=self.location.latitude, longitude=self.location.longitude,
                       gazetteer_id=self.location.gazetteer_id, country=self.location.country)
        out.update({k: v for k, v in self.attrs.items() if k not in INTERNAL_MENTION_ATTRS})
        if self.type == "place":
            out["resolved"] = self.location is not None
        return out


@dataclass
class Quantity:
    min: int | None
    max: int | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max, "text": self.text}


@dataclass
class Event:
    event_id: str
    document_id: str
    event_date: date | None
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    location: Location | None
    fatalities: int | None
    outcome: str | None
    background: bool
    confidence: float
    evidence: list[Span]
    trigger: str = ""
    inter1: int | None = None
    inter2: int | None = None
    date_end: date | None = None
    work: dict[str, Any] = field(default_factory=dict, repr=False)  # stage-to-stage notes, never exported

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "document_id": self.document_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "event_date_end": self.date_end.isoformat() if self.date_end else None,
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "inter1": self.inter1,
            "actor2": self.actor2,
            "inter2": self.inter2,
            "location": self.location.to_dict() if self.location else None,
            "fatalities": self.fatalities,
            "outcome": self.outcome,
            "background": self.background,
            "confidence": round(self.confidence, 2),
            "trigger": self.trigger,
            "actor1_basis": self.actor1_basis(),
            "evidence": [span.to_dict() for span in self.evidence],
        }

    def actor1_basis(self) -> str | None:
        """How actor1 is known: said in the event's own clause, attributed by someone ('blamed on', 'claimed
        responsibility'), inferred from the narrative around it, or unclaimed (a bomb nobody is said to have planted:
        ACLED's unidentified armed group)."""
        if self.actor1 is None:
            return None
        if self.work.get("attributed"):
            return f"attributed ({self.work['attributed']})"
        if self.work.get("unclaimed"):
            return "unclaimed"
        if self.work.get("inferred_actors"):
            return "narrative"
        return "text"


@dataclass
class EquipmentRecord:
    record_id: str
    document_id: str
    item: str
    category: str
    status: str
    quantity: Quantity
    losing_actor: str | None
    gaining_actor: str | None
    date: date | None
    location: Location | None
    evidence: Span
    named_item: bool = True
    work: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "record_id": self.record_id,
            "document_id": self.document_id,
            "item": self.item,
            "category": self.category,
            "status": self.status,
            "quantity": self.quantity.to_dict(),
            "named_item": self.named_item,
            "losing_actor": self.losing_actor,
            "gaining_actor": self.gaining_actor,
            "date": self.date.isoformat() if self.date else None,
            "location": self.location.to_dict() if self.location else None,
            "evidence": self.evidence.to_dict(),
        }


@dataclass
class DisplacementRecord:
    record_id: str
    document_id: str
    people: Quantity
    origin: Location | None
    destination: Location | None
    date: date | None
    evidence: Span
    work: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "record_id": self.record_id,
            "document_id": self.document_id,
            "people": self.people.to_dict(),
            "origin": self.origin.to_dict() if self.origin else None,
            "destination": self.destination.to_dict() if self.destination else None,
            "date": self.date.isoformat() if self.date else None,
            "evidence": self.evidence.to_dict(),
        }


def content_id(text: str, external_id: str | None = None) -> str:
    """Document identity from content plus the caller's id: the same report ingested twice gets the same id."""
    digest = hashlib.sha256()
    digest.update((external_id or "").encode("utf-8"))
    digest.update(b"\0")
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass
class Document:
    """One report. Stages fill in the fields after `text`; each stage declares which ones it reads and adds."""

    text: str
    external_id: str | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # file (and line) it came from
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)  # re3d-typed spans from the defence NER ('entities' stage)
    time_expressions: list[Any] = field(default_factory=list)
    anchor_date: date | None = None
    focus_country: str | None = None
    events: list[Event] = field(default_factory=list)
    equipment: list[EquipmentRecord] = field(default_factory=list)
    displacement: list[DisplacementRecord] = field(default_factory=list)
    spacy_doc: Any = None

    @property
    def id(self) -> str:
        return content_id(self.text, self.external_id)

    def span(self, start: int, end: int) -> Span:
        """The text between two offsets, without surrounding whitespace (offsets adjusted to match)."""
        raw = self.text[start:end]
        start += len(raw) - len(raw.lstrip())
        end -= len(raw) - len(raw.rstrip())
        return Span(self.text[start:end], start, max(start, end))

    def paragraph_start(self, char: int) -> int:
        """Where the line holding ``char`` begins (a line break always ends a sentence, so a line is a paragraph)."""
        return self.text.rfind("\n", 0, char) + 1

    def sentence_index(self, char: int) -> int:
        for index, sentence in enumerate(self.sentences):
            if sentence.start <= char < sentence.end:
                return index
        return max(len(self.sentences) - 1, 0)

    def metadata(self) -> dict[str, Any]:
        return {
            "document_id": self.id,
            "external_id": self.external_id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "source": self.source,
            "origin": self.origin,
            "anchor_date": self.anchor_date.isoformat() if self.anchor_date else None,
            "focus_country": self.focus_country,
            "n_sentences": len(self.sentences),
            "n_chars": len(self.text),
        }
