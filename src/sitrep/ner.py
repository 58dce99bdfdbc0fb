"""DefenceNER: sitrep's defence-domain named-entity recogniser, trained on re3d (scripts/train_ner.py).

The model ships inside the package (src/sitrep/models/defence_ner, a spaCy pipeline holding one `ner` component
with its own tok2vec), so loading it never downloads anything. It tags spans with re3d's ten types (RE3D_TYPES).

It runs on the tokens the `parse` stage already produced: a copy of the parsed Doc's words and spaces is built in the
model's own vocabulary, so the parsed Doc (whose OntoNotes entities other stages read) is left untouched and every
span's character offsets are those of the parsed text, which has the same length as the document text."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Iterable

from .errors import ConfigError

MODEL_DIR = Path(__file__).resolve().parent / "models" / "defence_ner"
RE3D_TYPES = ("Organisation", "Location", "Person", "Temporal", "Quantity", "Weapon", "MilitaryPlatform",
              "Nationality", "DocumentReference", "Money")


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str


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
