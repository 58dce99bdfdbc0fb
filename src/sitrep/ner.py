"""DefenceNER: sitrep's defence-domain named-entity recogniser, trained on re3d (scripts/train_ner.py).

The model ships inside the package (src/sitrep/models/defence_ner, a spaCy pipeline holding one `ner` component
with its own tok2vec), so loading it never downloads anything. It tags spans with re3d's ten types (RE3D_TYPES).

It runs on the tokens the `parse` stage already produced: a copy of the parsed Doc's words and spaces is built in the
model's own vocabulary, so the parsed Doc (whose OntoNotes entities other stages read) is left untouched and every
span's character offsets are those of the parsed text, which has the same length as the document text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Iterable

from .errors import ConfigError

MODEL_DIR = Path(__file__).resolve().parent / "models" / "defence_ner"
RE3D_TYPES = ("Organisation", "Location", "Person", "Temporal", "Quantity", "Weapon", "MilitaryPlatform",
              "Nationality", "DocumentReference", "Money")


# Equipment lexicon categories that re3d calls MilitaryPlatform (vehicles, aircraft, vessels, drones); the others are
# Weapon.
PLATFORM_CATEGORIES = frozenset({"aircraft", "helicopter", "tank", "armoured_vehicle", "armoured_personnel_carrier",
                                 "infantry_fighting_vehicle", "naval_vessel", "drone", "technical", "truck"})
UNIT_AFTER = re.compile(r"\s+(?:battalions?|brigades?|regiments?|units?|divisions?|companies|company|crews?|teams?|"
                        r"operators?|squadrons?|corps|sites?|positions?)\b", re.I)


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str
    source: str = "defence_ner"


class EquipmentFill:
    """Weapon and MilitaryPlatform spans from sitrep's equipment lexicon, for the equipment the NER misses: re3d's
    train split has few of them (the NER alone scores poorly on those two types), the lexicon knows hundreds."""

    def __init__(self, lexicon: Any) -> None:
        self.lexicon = lexicon
        self.patterns = []
        forms = lexicon.surface_forms()
        for sensitive in (True, False):
            chosen = sorted({t if sensitive else t.lower() for t, s in forms if s == sensitive}, key=len, reverse=True)
            if chosen:
                body = "|".join(map(re.escape, chosen))
                self.patterns.append(re.compile(rf"(?<![\w-])(?:{body})(?:'s|’s|s|es)?(?![\w-])",
                                                0 if sensitive else re.I))

    def __call__(self, text: str, taken: list[Entity]) -> list[Entity]:
        spans = sorted({m.span() for p in self.patterns for m in p.finditer(text)}, key=lambda s: (s[0] - s[1], s[0]))
        kept: list[tuple[int, int]] = []
        for start, end in spans:
            if not any(start < e_end and e_start < end for e_start, e_end in kept):
                kept.append((start, end))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(kept):  # 'T-72' + 'tanks' -> 'T-72 tanks' when the lexicon reads the whole
            if merged and not text[merged[-1][1]:start].strip() and text[merged[-1][1]:start].count("\n") == 0 \
                    and self.lexicon.lookup(text[merged[-1][0]:end]) is not None:
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        out: list[Entity] = []
        for start, end in merged:
            if any(start < e.end and e.start < end for e in taken) or UNIT_AFTER.match(text, end):
                continue
            kind = self.lexicon.lookup(text[start:end])
            if kind is not None:
                label = "MilitaryPlatform" if kind.category in PLATFORM_CATEGORIES else "Weapon"
                out.append(Entity(start, end, label, "equipment_lexicon"))
        return out


class DefenceNER:
    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.ner = nlp.get_pipe("ner")
        self.labels = frozenset(RE3D_TYPES)

    @classmethod
    def load(cls, path: Path | None = None) -> "DefenceNER":
        path = Path(path or MODEL_DIR)
        if not (path / "config.cfg").exists():
            raise ConfigError(f"defence NER model missing at {path}; retrain it with scripts/train_ner.py")
        import spacy

        return cls(spacy.load(path))

    @classmethod
    @cache
    def default(cls) -> "DefenceNER":
        return cls.load()

    def _copy(self, parsed: Any) -> Any:
        from spacy.tokens import Doc

        return Doc(self.nlp.vocab, words=[t.text for t in parsed], spaces=[bool(t.whitespace_) for t in parsed])

    def entities(self, parsed: Any) -> list[Entity]:
        """Entities of one parsed spaCy Doc (offsets into its text)."""
        return self.entities_batch([parsed])[0]

    def entities_batch(self, parsed: Iterable[Any]) -> list[list[Entity]]:
        out = []
        for doc in self.ner.pipe(self._copy(p) for p in parsed):
            out.append([Entity(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in self.labels])
        return out

    def __call__(self, text: str) -> list[Entity]:
        """Entities of raw text (tokenised with the model's own tokenizer)."""
        doc = self.nlp(text)
        return [Entity(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in self.labels]
