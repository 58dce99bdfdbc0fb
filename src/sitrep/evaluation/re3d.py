"""re3d (dstl, re-split by ConfliBERT): entity recognition on defence sentences, scored on dev.txt.

Each CoNLL sentence is rebuilt as one document (tokens joined by single spaces, so every token's character offsets
are known), run through the mention stages (parse, mentions, dates), and every mention is projected onto the tokens
it touches. A prediction is right when its token span and its type equal a gold entity's (exact span + type).

sitrep mention type → re3d type (TYPE_MAP, decided from what the mentions stage produces):
  actor → Organisation (dictionary actors, "Iraqi militiamen" unit phrases); an actor that is a bare nationality
          adjective ('Russian' in "Russian shelling", kept by the mentions stage with a "... forces" lookup) →
          Nationality
  place → Location (place anaphors such as "the city" are left out: coreference, not names)
  date → Temporal (the dates stage's time expressions)
  quantity → Quantity (spaCy CARDINAL/QUANTITY entities and vague quantities such as "dozens")
  equipment → MilitaryPlatform for vehicles, aircraft, vessels and drones, Weapon for the other categories
sitrep emits no Person, DocumentReference or Money mentions: the "all types" macro F1 counts them as zero."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Mention
from .common import MENTION_STAGES, PRF, Runner, capped, exact_prf, join_tokens, macro_f1, need_file, \
    overlap_prf, tokens_covered

ALL_TYPES = ("Organisation", "Location", "Person", "Temporal", "Quantity", "Weapon", "MilitaryPlatform",
             "Nationality", "DocumentReference", "Money")
PLATFORM_CATEGORIES = {"aircraft", "helicopter", "tank", "armoured_vehicle", "armoured_personnel_carrier",
                       "infantry_fighting_vehicle", "naval_vessel", "drone", "technical", "truck"}
TYPE_MAP = {"actor": "Organisation", "place": "Location", "date": "Temporal", "quantity": "Quantity"}
EMITTED_TYPES = ("Organisation", "Location", "Temporal", "Quantity", "Weapon", "MilitaryPlatform", "Nationality")

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
    if mention.type == "place" and mention.attrs.get("anaphor"):
        return None
    if mention.type == "actor" and str(mention.attrs.get("lookup", "")).endswith(" forces") \
            and mention.attrs["lookup"] != mention.text:
        return "Nationality"
    return TYPE_MAP.get(mention.type)


def predicted_spans(mentions: list[Mention], offsets: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    out = []
    for mention in mentions:
        kind = re3d_type(mention)
        covered = tokens_covered((mention.start, mention.end), offsets) if kind else None
        if covered:
            out.append((covered[0], covered[1], kind))
    return out


def evaluate(data_dir: Path, *, runner: Runner, limit: int | None = None) -> dict[str, Any]:
    sentences = capped(read_conll(need_file(data_dir / "re3d-conll" / "dev.txt")), limit)
    texts, offsets = zip(*(join_tokens(tokens) for tokens, _ in sentences)) if sentences else ((), ())
    docs = runner.run(list(texts), stages=MENTION_STAGES)
    scores: dict[str, PRF] = {}
    loose: dict[str, PRF] = {}
    for doc, (tokens, gold), token_offsets in zip(docs, sentences, offsets):
        predicted = predicted_spans(doc.mentions, token_offsets)
        for kind in ALL_TYPES:
            mine = [p for p in predicted if p[2] == kind]
            theirs = [g for g in gold if g[2] == kind]
            scores.setdefault(kind, PRF()).add(exact_prf(mine, theirs))
            loose.setdefault(kind, PRF()).add(overlap_prf([p[:2] for p in mine], [g[:2] for g in theirs]))
    return {
        "split": "dev",
        "sentences": len(sentences),
        "macro_f1": macro_f1(scores, EMITTED_TYPES),
        "macro_f1_all_types": macro_f1(scores, ALL_TYPES),
        "macro_f1_loose": macro_f1(loose, EMITTED_TYPES),
        "per_type": {kind: scores[kind].as_dict() for kind in ALL_TYPES},
    }
