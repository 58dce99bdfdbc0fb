"""PLOVER gold standard records (OEDA): event-type accuracy on the conflict categories, and actor matching.

Each record's sentence is one document through the whole pipeline. sitrep's event of record is the one told by the
main verb (trigger nearest the parse root), then the most confident, then the first in text order; its ACLED
sub-event type is mapped to PLOVER with sitrep.vocabulary.plover_event_type (the export mapping: by sub-event type,
refined by the trigger word). A record with no sitrep event is predicted "NONE". Accuracy is over the gold records whose type is one of CONFLICT_TYPES; `any_event_accuracy` credits a record when any sitrep event in
it maps to the gold type. Actors: the gold source (target) matches when sitrep's actor1 (actor2) mention overlaps
where the gold actor text occurs in the sentence, or one name contains the other. Rates are over records that have a
gold source (target). Dates are not scored (all PLOVER dates are 2000-01-01). The set has no training split, so it is
halved like GWN and LGL (common.split_half): rules are developed on the dev half, figures reported on the test half."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..model import Event
from ..vocabulary import plover_event_type
from .common import DEFAULT_SPLIT, SPLIT_NOTES, Runner, capped, names_match, need_file, overlaps, pct, split_half

CONFLICT_TYPES = ("ASSAULT", "FIGHT", "COERCE", "RETREAT", "MOBILIZE", "THREATEN", "PROTEST")


def read_records(path: Path) -> list[dict[str, Any]]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") in CONFLICT_TYPES and r.get("text")]


def plover_type(event: Event) -> str:
    return plover_event_type(event.sub_event_type, event.trigger)


def event_of_record(events: list[Event], spacy_doc=None) -> Event | None:
    """The event a CAMEO coder codes: the one told by the main verb (its trigger nearest the sentence's root: the
    ceasefire 'declared', not the battles 'after' which it came), then the most confident, then the first."""
    def depth(event: Event) -> int:
        token = event.work.get("token")
        if spacy_doc is None or token is None:
            return 0
        return sum(1 for _ in spacy_doc[token].ancestors)

    ranked = sorted(enumerate(events), key=lambda pair: (depth(pair[1]), -pair[1].confidence, pair[0]))
    return ranked[0][1] if ranked else None


def _actor_matches(event: Event, slot: str, gold_actors: list[dict[str, Any]], text: str) -> bool:
    mention = event.work.get(slot)
    name = getattr(event, slot)
    for actor in gold_actors:
        wanted = (actor.get("actorText") or "").strip()
        if not wanted:
            continue
        at = text.find(wanted)
        if mention is not None and at >= 0 and overlaps((mention.start, mention.end), (at, at + len(wanted))):
            return True
        if any(names_match(have, wanted) for have in (name, getattr(mention, "text", None))):
            return True
    return False


def load(data_dir: Path, *, split: str = DEFAULT_SPLIT, limit: int | None = None) -> list[dict[str, Any]]:
    records = read_records(need_file(data_dir / "plover" / "PLOVER_GSR_CAMEO.parsed.json"))
    return list(capped(split_half(records, split), limit))


def evaluate(data_dir: Path, *, runner: Runner, limit: int | None = None,
             split: str = DEFAULT_SPLIT) -> dict[str, Any]:
    records = load(data_dir, split=split, limit=limit)
    docs = runner.run([r["text"] for r in records])
    right = any_right = detected = 0
    actor_hits = {"source": [0, 0], "target": [0, 0]}
    per_type: dict[str, list[int]] = {t: [0, 0] for t in CONFLICT_TYPES}
    confusion: Counter[str] = Counter()
    for doc, record in zip(docs, records):
        gold = record["event"]
        chosen = event_of_record(doc.events, doc.spacy_doc)
        predicted = plover_type(chosen) if chosen is not None else "NONE"
        detected += chosen is not None
        right += predicted == gold
        any_right += any(plover_type(e) == gold for e in doc.events)
        per_type[gold][0] += predicted == gold
        per_type[gold][1] += 1
        confusion[f"{gold}->{predicted}"] += 1
        for role, slot in (("source", "actor1"), ("target", "actor2")):
            if record.get(role):
                actor_hits[role][1] += 1
                actor_hits[role][0] += chosen is not None and _actor_matches(chosen, slot, record[role], record["text"])
    n = len(records)
    return {
        "split": SPLIT_NOTES[split],
        "records": n,
        "accuracy": pct(right / n) if n else 0.0,
        "any_event_accuracy": pct(any_right / n) if n else 0.0,
        "detected": pct(detected / n) if n else 0.0,
        "per_type_accuracy": {t: pct(a / b) if b else None for t, (a, b) in per_type.items()},
        "source_match_rate": _rate(actor_hits["source"]),
        "target_match_rate": _rate(actor_hits["target"]),
        "confusion": dict(confusion.most_common()),
    }


def _rate(pair: list[int]) -> float:
    return pct(pair[0] / pair[1]) if pair[1] else 0.0
