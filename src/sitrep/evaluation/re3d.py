"""re3d (dstl, re-split by ConfliBERT): entity recognition on defence sentences, scored on dev.txt.

Each CoNLL sentence is rebuilt as one document (tokens joined by single spaces, so every token's character offsets
are known) and run through parse, entities, mentions and dates. Spans are projected onto the tokens they touch; a
prediction is right when its token span and its type equal a gold entity's (exact span + type).

Two systems are scored on the same documents:
  * the headline figures (macro_f1, macro_f1_all_types, macro_f1_loose, per_type) score the `entities` stage: the
    defence NER trained on re3d's train split (scripts/train_ner.py, sitrep/ner.py), whose spans already carry re3d
    types;
  * "lexicon" scores the lexicon and gazetteer mentions (the mentions and dates stages), projected with TYPE_MAP, the
    way this set was scored before the NER existed; kept for comparison.

macro_f1 averages the 7 types the lexicon mentions can produce (EMITTED_TYPES), so both systems are compared on the
same types; macro_f1_all_types averages all 10 (the NER emits all 10; the lexicon's three missing ones count as 0).

sitrep mention type → re3d type (TYPE_MAP, decided from what the mentions stage produces):
  actor → Organisation (dictionary actors, "Iraqi militiamen" unit phrases); an actor that is a bare nationality
          adjective ('Russian' in "Russian shelling", kept by the mentions stage with a "... forces" lookup) →
          Nationality
  place → Location (place anaphors such as "the city" are left out: coreference, not names)
  date → Temporal (the dates stage's time expressions)
  quantity → Quantity (spaCy CARDINAL/QUANTITY entities and vague quantities such as "dozens")
  equipment → MilitaryPlatform for vehicles, aircraft, vessels and drones, Weapon for the other categories
The mentions emit no Person, DocumentReference or Money."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Mention
from .common import PRF, Runner, capped, exact_prf, join_tokens, macro_f1, need_file, \
    overlap_prf, tokens_covered

ALL_TYPES = ("Organisation", "Location", "Person", "Temporal", "Quantity", "Weapon", "MilitaryPlatform",
             "Nationality", "DocumentReference", "Money")
PLATFORM_CATEGORIES = {"aircraft", "helicopter", "tank", "armoured_vehicle", "armoured_personnel_carrier",
                       "infantry_fighting_vehicle", "naval_vessel", "drone", "technical", "truck"}
TYPE_MAP = {"actor": "Organisation", "place": "Location", "date": "Temporal", "quantity": "Quantity"}
EMITTED_TYPES = ("Organisation", "Location", "Temporal", "Quantity", "Weapon", "MilitaryPlatform", "Nationality")
RE3D_STAGES = ("parse", "entities", "mentions", "dates")

Sentence = tuple[list[str], list[tuple[int, int, str]]]


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of (tokens, gold entities as (first token, one past last token, type)); BIO, CRLF, blank lines."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    labels: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip("\r\n")
        if not line.strip():
            if tokens:
                sentences.append((tokens, bio_spans(labels)))
            tokens, labels = [], []
            continue
        token, _, label = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
        tokens.append(token)
        labels.append(label.strip())
    if tokens:
        sentences.append((tokens, bio_spans(labels)))
    return sentences


def bio_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans from BIO labels; an I- tag that does not continue an entity of its type starts one."""
    spans: list[tuple[int, int, str]] = []
    start, kind = None, None
    for i, label in enumerate([*labels, "O"]):
        prefix, _, name = label.partition("-")
        continues = prefix == "I" and name == kind
        if start is not None and not continues:
            spans.append((start, i, kind))
            start, kind = None, None
        if prefix in {"B", "I"} and not continues:
            start, kind = i, name
    return spans


def re3d_type(mention: Mention) -> str | None:
    if mention.type == "equipment":
        return "MilitaryPlatform" if mention.attrs.get("category") in PLATFORM_CATEGORIES else "Weapon"
    if mention.type == "place" and (mention.attrs.get("anaphor") or mention.attrs.get("description")):
        return None
    if mention.type == "actor" and str(mention.attrs.get("lookup", "")).endswith(" forces") \
            and mention.attrs["lookup"] != mention.text:
        return "Nationality"
    return TYPE_MAP.get(mention.type)


def predicted_spans(mentions: list[Mention], offsets: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Lexicon mentions projected to re3d types and gold tokens."""
    out = []
    for mention in mentions:
        kind = re3d_type(mention)
        covered = tokens_covered((mention.start, mention.end), offsets) if kind else None
        if covered:
            out.append((covered[0], covered[1], kind))
    return out


def entity_spans(entities: list[Mention], offsets: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The defence NER's spans (already re3d-typed) projected to gold tokens."""
    out = []
    for entity in entities:
        covered = tokens_covered((entity.start, entity.end), offsets) if entity.type in ALL_TYPES else None
        if covered:
            out.append((covered[0], covered[1], entity.type))
    return out


def _score(predictions: list[list[tuple[int, int, str]]], sentences: list[Sentence]) -> dict[str, Any]:
    scores: dict[str, PRF] = {}
    loose: dict[str, PRF] = {}
    for predicted, (_, gold) in zip(predictions, sentences):
        for kind in ALL_TYPES:
            mine = [p for p in predicted if p[2] == kind]
            theirs = [g for g in gold if g[2] == kind]
            scores.setdefault(kind, PRF()).add(exact_prf(mine, theirs))
            loose.setdefault(kind, PRF()).add(overlap_prf([p[:2] for p in mine], [g[:2] for g in theirs]))
    micro = PRF()
    for kind in ALL_TYPES:
        micro.add(scores[kind])
    return {
        "macro_f1": macro_f1(scores, EMITTED_TYPES),
        "macro_f1_all_types": macro_f1(scores, ALL_TYPES),
        "macro_f1_loose": macro_f1(loose, EMITTED_TYPES),
        "micro_f1_all_types": micro.as_dict()["f1"],
        "per_type": {kind: scores[kind].as_dict() for kind in ALL_TYPES},
    }


def evaluate(data_dir: Path, *, runner: Runner, limit: int | None = None) -> dict[str, Any]:
    sentences = list(capped(read_conll(need_file(data_dir / "re3d-conll" / "dev.txt")), limit))
    texts, offsets = zip(*(join_tokens(tokens) for tokens, _ in sentences)) if sentences else ((), ())
    docs = runner.run(list(texts), stages=RE3D_STAGES)
    ner = _score([entity_spans(doc.entities, o) for doc, o in zip(docs, offsets)], sentences)
    lexicon = _score([predicted_spans(doc.mentions, o) for doc, o in zip(docs, offsets)], sentences)
    return {"split": "dev", "sentences": len(sentences), "system": "defence NER (entities stage)", **ner,
            "lexicon": {"system": "lexicon and gazetteer mentions", **lexicon}}
