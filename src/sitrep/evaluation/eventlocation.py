"""Event location (Halterman, ahalterman/event_location): which of a sentence's places the event verb happened at.

Only the 496 RELABEL records (gold re-annotations) are used for measuring; the rest are the training split. Each
sentence is one document through the mention stages. Candidates are sitrep's place mentions in the sentence plus
the gold LOCATION spans sitrep did not find, added as recognised names the gazetteer lacks (so recognition misses do
not count against the choice), and
sitrep.eventplace.choose_event_place picks one for the gold VERB span.

- accuracy: over records with a gold LOCATION, the chosen place overlaps one of them (default method: the learned
  ranker, trained by scripts/train_eventplace.py on the other records, never on these);
- rule_accuracy: the same with the hand-written rule chooser (method "syntax", the default before the ranker);
- baseline_accuracy: the same with the events stage's first rule, nearest acceptable place (method "baseline");
- end_to_end_accuracy: candidates are sitrep's place mentions only (recognition misses count as wrong);
- no_location_chose_place: over records with no gold LOCATION but with sitrep places, how often a place is
  chosen anyway (lower is better)."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from ..eventplace import choose_event_place
from ..model import Document, Mention
from .common import MENTION_STAGES, Runner, capped, need_file, overlaps, pct


def read_records(path: Path) -> list[dict[str, Any]]:
    """The test split: the RELABEL records with a VERB span."""
    return [r for r in load_all_records(path) if r.get("source") == "RELABEL" and _spans(r, "VERB")]


def load_all_records(path: Path) -> list[dict[str, Any]]:
    """Every record of the archive (scripts/train_eventplace.py trains on those outside the test split)."""
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".jsonl") and not n.startswith("__MACOSX"))
        raw = archive.read(name).decode("utf-8")
    return json.loads(raw) if raw.lstrip().startswith("[") else [json.loads(l) for l in raw.splitlines() if l]


def _spans(record: dict[str, Any], label: str) -> list[tuple[int, int]]:
    """Character spans of a label, taken from the token indices: in about a third of the RELABEL spans the
    character offsets do not point at the annotated words (they cut blanks or single letters), the tokens do."""
    tokens = record["tokens"]
    return [(tokens[s["token_start"]]["start"], tokens[s["token_end"]]["end"])
            for s in record.get("spans") or [] if s.get("label") == label]


def _candidates(doc: Document, gold: list[tuple[int, int]], *, add_gold: bool) -> list[Mention]:
    places = [m for m in doc.mentions if m.type == "place"]
    if add_gold:
        for start, end in gold:
            if not any(overlaps((m.start, m.end), (start, end)) for m in places):
                # as if recognised: a named place the gazetteer lacks, which the events stage keeps as a site
                places.append(Mention(doc.text[start:end], start, end, "place", doc.sentence_index(start),
                                      attrs={"candidates": [], "unlisted_site": True}))
    return places


def _hit(choice: Mention | None, gold: list[tuple[int, int]]) -> bool:
    return choice is not None and any(overlaps((choice.start, choice.end), g) for g in gold)


def evaluate(data_dir: Path, *, runner: Runner, limit: int | None = None) -> dict[str, Any]:
    records = capped(read_records(need_file(data_dir / "event-location" / "labeled_text.jsonl.zip")), limit)
    docs = runner.run([r["text"] for r in records], stages=MENTION_STAGES)
    hits = {"default": 0, "syntax": 0, "baseline": 0, "end_to_end": 0}
    with_location = without = chose_anyway = 0
    for doc, record in zip(docs, records):
        verb, gold = _spans(record, "VERB")[0], _spans(record, "LOCATION")
        if not gold:
            own = _candidates(doc, gold, add_gold=False)
            if own:
                without += 1
                chose_anyway += choose_event_place(doc, verb, own) is not None
            continue
        with_location += 1
        everything = _candidates(doc, gold, add_gold=True)
        hits["default"] += _hit(choose_event_place(doc, verb, everything), gold)
        hits["syntax"] += _hit(choose_event_place(doc, verb, everything, method="syntax"), gold)
        hits["baseline"] += _hit(choose_event_place(doc, verb, everything, method="baseline"), gold)
        hits["end_to_end"] += _hit(choose_event_place(doc, verb, _candidates(doc, gold, add_gold=False)), gold)
    return {
        "split": "RELABEL (gold re-annotations)",
        "records": len(records),
        "with_location": with_location,
        "accuracy": _share(hits["default"], with_location),
        "rule_accuracy": _share(hits["syntax"], with_location),
        "baseline_accuracy": _share(hits["baseline"], with_location),
        "end_to_end_accuracy": _share(hits["end_to_end"], with_location),
        "no_location_records_with_places": without,
        "no_location_chose_place": _share(chose_anyway, without),
    }


def _share(part: int, whole: int) -> float:
    return pct(part / whole) if whole else 0.0
