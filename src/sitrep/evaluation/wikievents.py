"""WikiEvents (Li et al. 2021, KAIROS ontology), dev.jsonl: detection of attacks, explosions and deaths, and their
arguments.

Text: each document is rebuilt from its sentences' tokens, one sentence a line (a line break always ends a sitrep
sentence), with a space between two tokens only where the original text has one; token offsets are kept.

KAIROS → sitrep (ACLED) classes:
  attack    gold Conflict.Attack.* (Unspecified and DetonateExplode)  ↔ sitrep events of type Battles,
            Explosions/Remote violence or Violence against civilians
  explosion gold Conflict.Attack.DetonateExplode                       ↔ sitrep Explosions/Remote violence
  death     gold Life.Die.*                                            ↔ sitrep events with fatalities ≥ 1
            (sitrep has no death event; a death is the outcome of the event that caused it)
  attack_or_death  the union of attack and death on both sides (the headline detection F1)
A sitrep event matches a gold event when one of its evidence spans (sentences) contains the gold trigger.
Precision counts sitrep events of the class that match a gold event of the class; recall counts gold events of
the class that some sitrep event of the class matches.

Arguments, scored over matched pairs of the attack_or_death class: Attacker/Killer → actor1, Target/Victim →
actor2, Place → location. Gold arguments are head words ('province'); each is widened to
its noun phrase up to the head in sitrep's parse ('Helmand province'). A sitrep argument matches a gold argument
when the mention it came from overlaps that phrase, or when one name contains the other (case-folded; sitrep's
canonical actor name, gazetteer name or mention text versus the gold phrase)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..model import Document, Event
from ..vocabulary import FIGHTING
from .common import DEFAULT_SPLIT, PRF, SPLIT_NOTES, Runner, capped, names_match, need_file, overlaps, split_half

ROLE_SLOTS = {"Attacker": "actor1", "Killer": "actor1", "Target": "actor2", "Victim": "actor2", "Place": "location"}
CLASSES = ("attack", "explosion", "death", "attack_or_death")


@dataclass
class GoldArg:
    slot: str
    start: int
    end: int
    text: str


@dataclass
class GoldEvent:
    kind: str
    trigger: int  # character offset of the trigger in the rebuilt text
    args: list[GoldArg]


def gold_classes(kairos_type: str) -> set[str]:
    if kairos_type.startswith("Conflict.Attack"):
        found = {"attack", "attack_or_death"}
        return found | {"explosion"} if kairos_type.startswith("Conflict.Attack.DetonateExplode") else found
    if kairos_type.startswith("Life.Die"):
        return {"death", "attack_or_death"}
    return set()


def sitrep_classes(event: Event) -> set[str]:
    found = set()
    if event.event_type in FIGHTING:
        found |= {"attack", "attack_or_death"}
    if event.event_type == "Explosions/Remote violence":
        found.add("explosion")
    if event.fatalities:
        found |= {"death", "attack_or_death"}
    return found


def rebuild(record: dict[str, Any]) -> tuple[str, list[tuple[int, int]]]:
    """Sentences one per line, original spacing inside a sentence; the offsets of every document token."""
    lines, offsets, cursor = [], [], 0
    for tokens, _text in record["sentences"]:
        parts, previous_end = [], None
        for token, start, end in tokens:
            if previous_end is not None and start > previous_end:
                parts.append(" ")
                cursor += 1
            offsets.append((cursor, cursor + len(token)))
            parts.append(token)
            cursor += len(token)
            previous_end = end
        lines.append("".join(parts))
        cursor += 1  # the line break
    return "\n".join(lines), offsets


def gold_events(record: dict[str, Any], offsets: list[tuple[int, int]]) -> list[GoldEvent]:
    entities = {e["id"]: e for e in record["entity_mentions"]}
    out = []
    for event in record["event_mentions"]:
        if not gold_classes(event["event_type"]):
            continue
        args = []
        for arg in event["arguments"]:
            entity = entities.get(arg["entity_id"])
            if arg["role"] in ROLE_SLOTS and entity is not None:
                args.append(GoldArg(ROLE_SLOTS[arg["role"]], offsets[entity["start"]][0],
                                    offsets[entity["end"] - 1][1], entity["text"]))
        out.append(GoldEvent(event["event_type"], offsets[event["trigger"]["start"]][0], args))
    return out


def widen_to_phrase(doc: Document, arg: GoldArg) -> GoldArg:
    """KAIROS arguments are head words ('province', 'station'); widen each to its noun phrase up to the head in
    sitrep's own parse ('Helmand province', "Belfast's Central station") so a name in the phrase can match."""
    span = doc.spacy_doc.char_span(arg.start, arg.end, alignment_mode="expand") if doc.spacy_doc else None
    if span is None or not len(span):
        return arg
    start = min(arg.start, span.root.left_edge.idx)
    return GoldArg(arg.slot, start, arg.end, doc.text[start:arg.end])


def read_records(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _covers(event: Event, gold: GoldEvent) -> bool:
    return any(span.start <= gold.trigger < span.end for span in event.evidence)


def slot_value(event: Event, slot: str) -> tuple[tuple[int, int] | None, str | None]:
    """The span of the mention a sitrep argument came from (if known) and its name."""
    if slot == "location":
        mention = event.work.get("place")
        name = event.location.name if event.location else None
        if mention is None and event.location is None:
            return None, None
        return ((mention.start, mention.end) if mention is not None else None), name or getattr(mention, "text", None)
    mention = event.work.get(slot)
    name = getattr(event, slot)
    if mention is None and name is None or slot == "actor1" and event.work.get("unclaimed"):
        return None, None
    return ((mention.start, mention.end) if mention is not None else None), name or mention.text


def arg_matches(event: Event, arg: GoldArg) -> bool:
    span, name = slot_value(event, arg.slot)
    if span is None and name is None:
        return False
    mention = event.work.get("place" if arg.slot == "location" else arg.slot)
    if span is not None and overlaps(span, (arg.start, arg.end)):
        return True
    return names_match(name, arg.text) or (mention is not None and names_match(mention.text, arg.text))


class Tally:
    def __init__(self) -> None:
        self.detection = {name: PRF() for name in CLASSES}
        self.args = {slot: PRF() for slot in ("actor1", "actor2", "location")}

    def add(self, events: list[Event], golds: list[GoldEvent]) -> None:
        for name in CLASSES:
            mine = [e for e in events if name in sitrep_classes(e)]
            theirs = [g for g in golds if name in gold_classes(g.kind)]
            self.detection[name].add(PRF(sum(any(_covers(e, g) for g in theirs) for e in mine), len(mine),
                                         sum(any(_covers(e, g) for e in mine) for g in theirs), len(theirs)))
        self._add_args([e for e in events if sitrep_classes(e)], golds)

    def _add_args(self, events: list[Event], golds: list[GoldEvent]) -> None:
        pairs = [(e, g) for e in events for g in golds if _covers(e, g)]
        for slot, tally in self.args.items():
            for gold in golds:
                for arg in (a for a in gold.args if a.slot == slot):
                    tally.n_gold += 1
                    tally.tp_gold += any(arg_matches(e, arg) for e, g in pairs if g is gold)
            for event in _unique(e for e, _ in pairs):
                if slot_value(event, slot) == (None, None):
                    continue
                tally.n_pred += 1
                tally.tp_pred += any(arg_matches(event, a) for e, g in pairs if e is event for a in g.args
                                     if a.slot == slot)


def _unique(events: Iterable[Event]) -> list[Event]:
    seen: dict[int, Event] = {}
    for event in events:
        seen.setdefault(id(event), event)
    return list(seen.values())


def evaluate(data_dir: Path, *, runner: Runner, limit: int | None = None,
             split: str = DEFAULT_SPLIT) -> dict[str, Any]:
    records = list(capped(split_half(read_records(need_file(data_dir / "wikievents" / "dev.jsonl")), split), limit))
    rebuilt = [rebuild(record) for record in records]
    docs: list[Document] = runner.run([text for text, _ in rebuilt])
    tally = Tally()
    for doc, record, (_, offsets) in zip(docs, records, rebuilt):
        golds = gold_events(record, offsets)
        for gold in golds:
            gold.args = [widen_to_phrase(doc, arg) for arg in gold.args]
        tally.add(doc.events, golds)
    total_args = PRF()
    for prf in tally.args.values():
        total_args.add(prf)
    return {
        "split": f"WikiEvents dev.jsonl, {SPLIT_NOTES[split]}",
        "documents": len(records),
        **{f"{name}_detection": prf.as_dict() for name, prf in tally.detection.items()},
        "argument": total_args.as_dict(),
        **{f"argument_{slot}": prf.as_dict() for slot, prf in tally.args.items()},
    }
