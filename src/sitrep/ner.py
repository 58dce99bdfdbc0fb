"""DefenceNER: sitrep's defence-domain named-entity recogniser, trained on re3d (scripts/train_ner.py).

The model ships inside the package (src/sitrep/models/defence_ner, a spaCy pipeline holding one `ner` component
with its own tok2vec), so loading it never downloads anything. It tags spans with re3d's ten types (RE3D_TYPES).

It runs on the tokens the `parse` stage already produced: a copy of the parsed Doc's words and spaces is built in the
model's own vocabulary, so the parsed Doc (whose OntoNotes entities other stages read) is left untouched and every
span's character offsets are those of the parsed text, which has the same length as the document text."""
from __future__ import annotations

import re
from collections import Counter
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


# Lexicon items that name a vehicle of any kind: re3d marks "tactical vehicles" or "armored vehicles" as
# MilitaryPlatform and a bare "vehicles" as nothing (train.txt: 3 of its 9 "vehicles" marked, each with a modifier).
VEHICLE_ITEMS = frozenset({"vehicle", "engineering vehicle", "motorcycle"})
MODIFIER_BEFORE = re.compile(r"(?<![\w-])([a-z]+) $")
ARTICLE_BEFORE = re.compile(r"(?<![\w-])([Aa]n?) $")


class EquipmentFill:
    """Weapon and MilitaryPlatform spans from sitrep's equipment lexicon, for the equipment the NER misses: re3d's
    train split has few of them (the NER alone scores poorly on those two types), the lexicon knows hundreds.

    Conventions taken from re3d's train split (checked on out-of-fold predictions over train.txt, see
    scripts/train_ner.py): an indefinite article before the equipment is part of the span ("a mortar", "an ordinary
    artillery round"); a generic vehicle counts only with a modifier before it, which joins the span and makes it a
    MilitaryPlatform ("tactical vehicles"); an all-capitals lexicon form matches only in capitals ("HARM", not
    "harm")."""

    def __init__(self, lexicon: Any) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        self.lexicon = lexicon
        self.patterns = []
        self.stop_words = STOP_WORDS
        forms = [(text, sensitive or (len(text) > 1 and text.isupper())) for text, sensitive in lexicon.surface_forms()]
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
            if kind is None:
                continue
            label = "MilitaryPlatform" if kind.category in PLATFORM_CATEGORIES else "Weapon"
            if kind.item in VEHICLE_ITEMS:
                modifier = MODIFIER_BEFORE.search(text, max(0, start - 40), start)
                if modifier is None or modifier.group(1) in self.stop_words:
                    continue
                start, label = modifier.start(1), "MilitaryPlatform"
                if any(start < e.end and e.start < end for e in taken):
                    continue
            article = ARTICLE_BEFORE.search(text, max(0, start - 3), start)
            if article is not None:
                start = article.start(1)
            out.append(Entity(start, end, label, "equipment_lexicon"))
        return out

    def relabel(self, text: str, entities: list[Entity]) -> list[Entity]:
        """An Organisation or Location span of the NER that ends in equipment the lexicon knows takes the equipment's
        type ("an ISIL tactical vehicle", "an ISIL-held tank"): re3d marks such phrases as the equipment (train.txt,
        out-of-fold)."""
        if not any(e.label in {"Organisation", "Location"} for e in entities):
            return entities
        equipment = self(text, [])
        out = []
        for entity in entities:
            if entity.label in {"Organisation", "Location"}:
                hit = next((e for e in equipment if e.end == entity.end and entity.start <= e.start), None)
                if hit is not None:
                    entity = Entity(entity.start, entity.end, hit.label, entity.source)
            out.append(entity)
        return out


class DefenceNER:
    """The re3d NER. The model may hold several NER components (`ner`, `ner_seed2`, ...: the same training run with
    other seeds, scripts/train_ner.py --seeds); each tags its own copy of the words and a span is kept when most of
    them predict it exactly (span and type), overlaps going to the span more of them predict."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.members = [nlp.get_pipe(name) for name in nlp.pipe_names if name == "ner" or name.startswith("ner_")]
        self.ner = self.members[0]
        self.labels = frozenset(RE3D_TYPES)
        # Words that re3d's train split marks as Nationality more often than as anything else when they stand alone
        # ("Syrian", "Iraqi", "Kurdish"; written into the model's meta by scripts/train_ner.py from train.txt gold)
        self.nationality_words = frozenset(nlp.meta.get("sitrep_rules", {}).get("nationality_words", ()))

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

    def first_member(self) -> "DefenceNER":
        """The same model with its first NER component alone: about a third of the tagging time, no vote."""
        single = DefenceNER(self.nlp)
        single.members = self.members[:1]
        return single

    def _copy(self, parsed: Any, text: str | None = None) -> Any:
        from spacy.tokens import Doc

        # the words of the original text where it is given: the parse stage masks some acronyms ("IS") before parsing
        words = [t.text if text is None else text[t.idx:t.idx + len(t.text)] for t in parsed]
        return Doc(self.nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in parsed])

    def entities(self, parsed: Any, text: str | None = None) -> list[Entity]:
        """Entities of one parsed spaCy Doc (offsets into its text; `text`, of the same length, is the unmasked
        document text)."""
        return self.entities_batch([parsed], None if text is None else [text])[0]

    def entities_batch(self, parsed: Iterable[Any], texts: Iterable[str] | None = None) -> list[list[Entity]]:
        parsed = list(parsed)
        texts = list(texts) if texts is not None else [None] * len(parsed)
        return self._tag([self._copy(p, t) for p, t in zip(parsed, texts)])

    def __call__(self, text: str) -> list[Entity]:
        """Entities of raw text (tokenised with the model's own tokenizer)."""
        return self._tag([self.nlp.make_doc(text)])[0]

    def _tag(self, docs: list[Any]) -> list[list[Entity]]:
        from spacy.tokens import Doc

        votes: list[Counter] = [Counter() for _ in docs]
        for i, member in enumerate(self.members):
            last = i == len(self.members) - 1  # each member tags its own copy; the last one the docs themselves
            copies = docs if last else [Doc(d.vocab, words=[t.text for t in d],
                                            spaces=[bool(t.whitespace_) for t in d]) for d in docs]
            for counter, tagged in zip(votes, member.pipe(copies)):
                counter.update({(e.start, e.end, e.label_) for e in tagged.ents if e.label_ in self.labels})
        return [self._entities(doc, self._voted(counter)) for doc, counter in zip(docs, votes)]

    def _voted(self, counter: Counter) -> list[tuple[int, int, str]]:
        need = len(self.members) // 2 + 1
        kept: list[tuple[int, int, str]] = []
        for (start, end, label), n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            if n >= need and not any(start < b and a < end for a, b, _ in kept):
                kept.append((start, end, label))
        return sorted(kept)

    def _entities(self, doc: Any, voted: list[tuple[int, int, str]]) -> list[Entity]:
        spans = [(a, b, label) for start, end, label in voted for a, b in trimmed(start, end, doc)]
        if self.nationality_words:
            spans = self._nationalities(doc, spans)
        return [Entity(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), label) for a, b, label in spans]

    def _nationalities(self, doc: Any, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """A nationality word the NER tagged alone as an Organisation or Location, or left untagged, is a
        Nationality (re3d: "the [Syrian] conflict", "[Iraqi] operations"); inside a longer span it is left alone
        ("the Syrian Arab Army")."""
        out = [(a, b, "Nationality" if b == a + 1 and label in {"Organisation", "Location"}
                and doc[a].text in self.nationality_words else label) for a, b, label in spans]
        covered = {i for a, b, _ in spans for i in range(a, b)}
        out.extend((t.i, t.i + 1, "Nationality") for t in doc
                   if t.text in self.nationality_words and t.i not in covered)
        return sorted(out)


def trimmed(start: int, end: int, doc: Any) -> list[tuple[int, int]]:
    """Token span(s) of one predicted entity without punctuation at either end, cut at a bracket it does not close
    ("Ministry of Culture ( SBAH" -> "Ministry of Culture", "SBAH"): re3d's gold spans (train.txt) never start or end
    with a comma, full stop or bracket and never hold an unbalanced one."""
    def bare(i: int) -> bool:
        return doc[i].is_punct and doc[i].text != "%"

    while start < end and bare(start):
        start += 1
    while end > start and bare(end - 1):
        end -= 1
    if start >= end:
        return []
    brackets = [i for i in range(start, end) if doc[i].is_bracket]
    opened = sum(1 if doc[i].text in "([{" else -1 for i in brackets)
    if not brackets or (opened == 0 and doc[brackets[0]].text in "([{"):
        return [(start, end)]
    out = []
    for cut in [*brackets, end]:
        out.extend(trimmed(start, cut, doc) if cut > start else [])
        start = cut + 1
    return out
