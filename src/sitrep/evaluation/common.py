"""Scorers shared by the evaluation sets: span precision/recall/F1, geocoding error metrics, and the runner that
feeds rebuilt gold texts through the pipeline and times it."""
from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..errors import EvalDataError
from ..model import Document
from ..pipeline import DEFAULT_STAGES, Context, Pipeline

EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
ACCURACY_KM = 161.0  # 100 miles, the geoparsing convention
MENTION_STAGES = ("parse", "mentions", "dates")


@dataclass
class PRF:
    """Counts behind precision, recall and F1. Precision and recall have separate true-positive counts because
    one prediction may cover several gold items (or one gold item several predictions) under loose matching."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp_pred += other.tp_pred
        self.n_pred += other.n_pred
        self.tp_gold += other.tp_gold
        self.n_gold += other.n_gold

    def as_dict(self, prefix: str = "") -> dict[str, float | int]:
        return {f"{prefix}precision": pct(self.precision), f"{prefix}recall": pct(self.recall),
                f"{prefix}f1": pct(self.f1), f"{prefix}n_gold": self.n_gold, f"{prefix}n_pred": self.n_pred}


def pct(value: float) -> float:
    """A ratio as a percentage rounded to one decimal, the way the published anchors are quoted."""
    return round(100.0 * value, 1)


Span = tuple[int, int]


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def exact_prf(predicted: Iterable[Any], gold: Iterable[Any]) -> PRF:
    """Exact matching of hashable items (e.g. (start, end, type)); duplicates count once."""
    pred, want = set(predicted), set(gold)
    hits = len(pred & want)
    return PRF(hits, len(pred), hits, len(want))


def overlap_prf(predicted: Sequence[Span], gold: Sequence[Span]) -> PRF:
    """Loose matching: a prediction is right when it overlaps any gold span, a gold span is found when any
    prediction overlaps it."""
    tp_pred = sum(any(overlaps(p, g) for g in gold) for p in predicted)
    tp_gold = sum(any(overlaps(p, g) for p in predicted) for g in gold)
    return PRF(tp_pred, len(predicted), tp_gold, len(gold))


def macro_f1(scores: dict[str, PRF], types: Iterable[str]) -> float:
    """Unweighted mean F1 over `types`; a type with no score counts as zero."""
    names = list(types)
    if not names:
        return 0.0
    return pct(sum(scores[t].f1 if t in scores else 0.0 for t in names) / len(names))


def names_match(a: str | None, b: str | None) -> bool:
    """One name contains the other as whole words, case-folded ('Taliban' ~ 'the Taliban fighters'; 'US' is not
    in 'bus')."""
    if not a or not b or not a.strip() or not b.strip():
        return False
    x, y = a.casefold().strip(), b.casefold().strip()
    return bool(re.search(rf"(?<!\w){re.escape(y)}(?!\w)", x) or re.search(rf"(?<!\w){re.escape(x)}(?!\w)", y))


# ---- geocoding -------------------------------------------------------------------------------------------------

def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from ..gazetteer import haversine_km

    return haversine_km(lat1, lon1, lat2, lon2)


def accuracy_at(errors_km: Sequence[float], km: float = ACCURACY_KM) -> float:
    """Share of errors within `km` (inclusive)."""
    return sum(e <= km for e in errors_km) / len(errors_km) if errors_km else 0.0


def median(values: Sequence[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def error_auc(errors_km: Sequence[float]) -> float:
    """Area under the curve of geocoding errors (lower is better, 0..1).

    Gritta, Pilehvar, Limsopatham & Collier, "What's missing in geoparsing?" (Language Resources and Evaluation,
    2018): sort the errors, take log(1 + error km) of each, integrate the resulting curve with the trapezoidal rule
    over unit steps, and normalise by the largest possible error, log(1 + 20039) (half the Earth's circumference)
    times the number of steps. A single error is its own normalised log."""
    if not errors_km:
        return 0.0
    scale = math.log(1 + EARTH_HALF_CIRCUMFERENCE_KM)
    logs = [math.log(1 + e) for e in sorted(errors_km)]
    if len(logs) == 1:
        return logs[0] / scale
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:]))
    return area / (scale * (len(logs) - 1))


def geo_summary(errors_km: Sequence[float]) -> dict[str, float | int]:
    return {"acc161": pct(accuracy_at(errors_km)), "median_km": round(median(errors_km), 1),
            "auc": round(error_auc(errors_km), 3), "n_scored": len(errors_km)}


# ---- running the pipeline ------------------------------------------------------------------------------------

@dataclass
class Runner:
    """One pipeline context shared by all sets (spaCy and the gazetteer load once), and a clock for words/s."""

    context: Context = field(default_factory=Context)
    words: int = 0
    seconds: float = 0.0
    _pipelines: dict[tuple[str, ...], Pipeline] = field(default_factory=dict)

    def run(self, texts: Sequence[str], *, stages: tuple[str, ...] = DEFAULT_STAGES) -> list[Document]:
        pipeline = self._pipelines.get(stages)
        if pipeline is None:
            pipeline = self._pipelines[stages] = Pipeline(stages, context=self.context)
        docs = [Document(text=text, external_id=f"eval-{i}") for i, text in enumerate(texts)]
        self._warm_up()
        started = time.perf_counter()
        out = list(pipeline.pipe(docs, batch_size=16))
        self.seconds += time.perf_counter() - started
        self.words += sum(len(text.split()) for text in texts)
        return out

    def _warm_up(self) -> None:
        """Load spaCy and the lexicons before the clock starts: words/s measures processing, not loading."""
        for service in ("nlp", "gazetteer", "actors", "equipment"):
            getattr(self.context, service)

    def speed(self) -> dict[str, float | int]:
        return {"words": self.words, "seconds": round(self.seconds, 1),
                "words_per_second": round(self.words / self.seconds) if self.seconds else 0}


SPLITS = ("test", "dev", "all")
DEFAULT_SPLIT = "test"
SPLIT_NOTES = {"dev": "dev half (even-indexed items; errors inspected, rules tuned on it)",
               "test": "test half (odd-indexed items; held out, never tuned on)",
               "all": "all items (dev and test halves together)"}


def split_half(items: Sequence[Any], split: str) -> list[Any]:
    """The deterministic half of a set without a training split, by item order: even-indexed items are the dev half
    (errors looked at, rules tuned), odd-indexed ones the test half (reported only)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; known: {', '.join(SPLITS)}")
    if split == "all":
        return list(items)
    return list(items[0 if split == "dev" else 1::2])


def need_file(path: Path) -> Path:
    if not path.exists():
        raise EvalDataError(path)
    return path


def capped(items: Sequence[Any], limit: int | None) -> Sequence[Any]:
    """At most `limit` items, evenly spread over the set (the sets are often sorted by type or source)."""
    if limit is None or len(items) <= limit:
        return items
    step = math.ceil(len(items) / limit)
    return items[::step][:limit]


def join_tokens(tokens: Sequence[str], *, gaps: Sequence[bool] | None = None) -> tuple[str, list[Span]]:
    """Text from tokens with each token's character offsets; a token is preceded by a space unless `gaps` says no."""
    parts: list[str] = []
    offsets: list[Span] = []
    cursor = 0
    for i, token in enumerate(tokens):
        if i and (gaps is None or gaps[i]):
            parts.append(" ")
            cursor += 1
        offsets.append((cursor, cursor + len(token)))
        parts.append(token)
        cursor += len(token)
    return "".join(parts), offsets


def tokens_covered(span: Span, offsets: Sequence[Span]) -> tuple[int, int] | None:
    """The first and one-past-last token indices a character span touches."""
    inside = [i for i, tok in enumerate(offsets) if overlaps(span, tok)]
    return (inside[0], inside[-1] + 1) if inside else None


def batched(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
