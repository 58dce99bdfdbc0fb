"""Train the event-place ranker (sitrep.eventplace, method "ranker") on Halterman's event_location sentences.

    PYTHONPATH=src .venv/bin/python scripts/train_eventplace.py [--data ../shared/eval-data] [--out PATH]

Each sentence has an event VERB and, where the event has one, the LOCATION it happened at. For every candidate place
(sitrep's place mentions, plus the gold LOCATION spans sitrep did not find, exactly as `sitrep eval --set
event-location` builds them) sitrep.eventplace.candidate_features describes the (verb, place) pair; a "no place"
option gets sitrep.eventplace.none_features. A conditional logistic regression (softmax over a sentence's options,
L2-regularised, plain numpy) learns one weight per feature. Anaphoric places ('the town') are left out (the gold marks
names only; at run time the rule chooser handles them), and choices are scored as sitrep.eventplace.Ranker makes
them (a yardstick place is set aside when the sentence names a town for itself).

Data use: the 496 RELABEL records are the test set; only their texts are read here, to leave out the other records
with the same sentence (542 of them: RELABEL re-annotates sentences of the other sources). The rest is split by
sentence text, with a fixed seed, into a training part and a validation part (20 %). The regularisation strength
and the margin the "no place" option needs are chosen by 5-fold cross-validation inside the training part; that
choice is then scored once on the validation part (the held-out score printed), and the shipped weights are refitted
on training + validation. The RELABEL score is measured by `sitrep eval --set event-location`. Deterministic: no
random numbers are drawn (splits come from hashes of the text, the fit is full-batch)."""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitrep.eventplace import RANKER_FILE, candidate_features, none_features, set_aside  # noqa: E402
from sitrep.evaluation.eventlocation import _candidates, _spans, load_all_records  # noqa: E402

SEED = 20261125
VALIDATION_SHARE = 0.2
FOLDS = 5
MIN_COUNT = 3
L2_GRID = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2)
MARGIN_GRID = tuple(np.round(np.arange(-1.0, 4.01, 0.25), 2))
MAX_ACCURACY_LOSS = 0.3  # points of validation accuracy the "no place" option may cost at most
STEPS = 1500


def training_records(data_dir: Path) -> list[dict[str, Any]]:
    records = load_all_records(data_dir / "event-location" / "labeled_text.jsonl.zip")
    test_texts = {_norm(r["text"]) for r in records if r.get("source") == "RELABEL"}
    return [r for r in records if r.get("source") != "RELABEL" and _readable(r) and _spans(r, "VERB")
            and _norm(r["text"]) not in test_texts]


def _readable(record: dict[str, Any]) -> bool:
    """A few records' token indices point past their tokens (their spans cannot be placed): left out."""
    try:
        _spans(record, "VERB"), _spans(record, "LOCATION")
    except (IndexError, KeyError):
        return False
    return True


def _norm(text: str) -> str:
    return " ".join(text.split())


def _draw(text: str) -> float:
    """A fixed pseudo-random number in [0, 1) per sentence text (the same sentence always lands on the same side)."""
    digest = hashlib.sha256(f"{SEED}:{_norm(text)}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2 ** 64


def in_validation(text: str) -> bool:
    return _draw(text) < VALIDATION_SHARE


def fold_of(text: str) -> int:
    """Cross-validation fold of a training sentence (spread evenly over what the validation part leaves)."""
    return min(FOLDS - 1, int((_draw(text) - VALIDATION_SHARE) / (1 - VALIDATION_SHARE) * FOLDS))


def examples(records: list[dict[str, Any]], docs: list) -> list[dict[str, Any]]:
    """One example per sentence with at least one candidate: option features, which options are right."""
    out = []
    for record, doc in zip(records, docs):
        verb, gold = _spans(record, "VERB")[0], _spans(record, "LOCATION")
        candidates = _named(_candidates(doc, gold, add_gold=bool(gold)))
        if not candidates:
            continue
        # the "no place" option sees sitrep's own places only, as in the pipeline: the gold places added for the
        # sentences with a location must not teach it that a sentence with more places has a location
        own = _named(_candidates(doc, gold, add_gold=False))
        feats = candidate_features(doc, verb, candidates) + [none_features(doc, verb, own)]
        right = [any(c.start < g[1] and g[0] < c.end for g in gold) for c in candidates] + [not gold]
        if not any(right):
            continue  # the gold place overlaps only an anaphor ('the town of X' read as one): nothing to learn
        out.append({"features": feats, "right": right, "located": bool(gold), "validation": in_validation(record["text"]), "fold": fold_of(record["text"])})
    return out


def _named(places: list) -> list:
    """Without sitrep's anaphoric places ('the town'): the gold marks named places only, so an anaphor is never
    right here even when it stands for the right town (the pipeline resolves it to the name told before); left in,
    they would teach the ranker to avoid every anaphor."""
    return [p for p in places if not p.attrs.get("anaphor")]


class Matrix:
    """The options of many sentences, sentence by sentence, as a sparse matrix (row, column, value triples)."""

    def __init__(self, items: list[dict[str, Any]], vocabulary: dict[str, int]) -> None:
        rows, columns, values, right, starts = [], [], [], [], []
        row = 0
        for example in items:
            starts.append(row)
            for feats, is_right in zip(example["features"], example["right"]):
                for name, value in feats.items():
                    column = vocabulary.get(name)
                    if column is not None:
                        rows.append(row), columns.append(column), values.append(value)
                right.append(is_right)
                row += 1
        self.rows, self.columns = np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)
        self.values = np.array(values, dtype=np.float64)
        self.n_rows, self.n_columns = row, len(vocabulary)
        self.right = np.array(right, dtype=bool)
        self.starts = np.array(starts, dtype=np.int64)
        self.located = np.array([e["located"] for e in items], dtype=bool)
        self.group = np.repeat(np.arange(len(items)), np.diff(np.append(self.starts, row)))
        self.is_none = np.zeros(row, dtype=bool)
        self.is_none[np.append(self.starts[1:], row) - 1] = True
        self.set_aside = np.array([set_aside(feats) for e in items for feats in e["features"]], dtype=bool)

    def scores(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.rows, weights=w[self.columns] * self.values, minlength=self.n_rows)

    def back(self, per_row: np.ndarray) -> np.ndarray:
        return np.bincount(self.columns, weights=per_row[self.rows] * self.values, minlength=self.n_columns)


def _group_logsumexp(scores: np.ndarray, m: Matrix, mask: np.ndarray) -> np.ndarray:
    masked = np.where(mask, scores, -np.inf)
    top = np.maximum.reduceat(masked, m.starts)
    safe = np.where(np.isfinite(top), top, 0.0)
    total = np.add.reduceat(np.where(mask, np.exp(masked - safe[m.group]), 0.0), m.starts)
    return np.log(total) + safe


def fit(m: Matrix, l2: float, steps: int = STEPS) -> np.ndarray:
    """Minimise the mean of -log P(a right option) + l2/2 |w|^2 with Adam (full batch, deterministic)."""
    w = np.zeros(m.n_columns)
    first = np.zeros_like(w)
    second = np.zeros_like(w)
    everything = np.ones_like(m.right)
    n = len(m.starts)
    for step in range(1, steps + 1):
        scores = m.scores(w)
        all_lse = _group_logsumexp(scores, m, everything)
        right_lse = _group_logsumexp(scores, m, m.right)
        p_all = np.exp(scores - all_lse[m.group])
        p_right = np.where(m.right, np.exp(scores - right_lse[m.group]), 0.0)
        grad = m.back(p_all - p_right) / n + l2 * w
        rate = 0.05 if step < steps * 0.7 else 0.01
        first = 0.9 * first + 0.1 * grad
        second = 0.999 * second + 0.001 * grad ** 2
        w -= rate * (first / (1 - 0.9 ** step)) / (np.sqrt(second / (1 - 0.999 ** step)) + 1e-8)
    return w


def choices(m: Matrix, w: np.ndarray, margin: float | None) -> np.ndarray:
    """Per sentence, the row of the chosen option; -1 for "no place" (never when margin is None)."""
    scores = m.scores(w)
    places = np.where(m.is_none, -np.inf, np.where(m.set_aside, scores - 1e6, scores))  # as Ranker.choose
    best = np.array([start + int(np.argmax(places[start:end]))
                     for start, end in zip(m.starts, np.append(m.starts[1:], len(scores)))])
    if margin is None:
        return best
    none_rows = np.append(m.starts[1:], len(scores)) - 1
    return np.where(scores[none_rows] > scores[best] + margin, -1, best)


def vocabulary_of(items: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for example in items:
        for feats in example["features"]:
            for name in feats:
                counts[name] = counts.get(name, 0) + 1
    kept = sorted(name for name, count in counts.items() if count >= MIN_COUNT and name != "bias")
    return {name: k for k, name in enumerate(kept)}


def rule_score(items: list[dict[str, Any]]) -> dict[str, float]:
    """The rule chooser (the "rule" feature) on the same sentences, for comparison."""
    located = [e for e in items if e["located"]]
    hits = sum(any(f.get("rule") and r for f, r in zip(e["features"], e["right"])) for e in located)
    unlocated = [e for e in items if not e["located"]]
    chose = sum(any(f.get("rule") for f in e["features"]) for e in unlocated)
    return {"accuracy": round(100 * hits / len(located), 1),
            "no_location_chose_place": round(100 * chose / len(unlocated), 1) if unlocated else 0.0}


def _counts(m: Matrix, w: np.ndarray, margin: float | None) -> np.ndarray:
    """Right choices among sentences with a location, their number, places chosen among those without, theirs."""
    chosen = choices(m, w, margin)
    hit = np.array([c >= 0 and m.right[c] for c in chosen])
    return np.array([hit[m.located].sum(), m.located.sum(), (chosen[~m.located] >= 0).sum(), (~m.located).sum()])


def _rates(counts: np.ndarray) -> dict[str, float]:
    return {"accuracy": round(float(100 * counts[0] / counts[1]), 1),
            "no_location_chose_place": round(float(100 * counts[2] / counts[3]), 1)}


def train(items: list[dict[str, Any]], *, log=print) -> dict[str, Any]:
    """Choose the regularisation and the "no place" margin by cross-validation on the training part, score that
    choice once on the validation part, and refit the shipped weights on both parts."""
    train_items = [e for e in items if not e["validation"]]
    held_items = [e for e in items if e["validation"]]
    log(f"sentences with candidates: {len(train_items)} training, {len(held_items)} validation")
    folds = []
    for k in range(FOLDS):
        inside = [e for e in train_items if e["fold"] != k]
        vocabulary = vocabulary_of(inside)
        folds.append((Matrix(inside, vocabulary), Matrix([e for e in train_items if e["fold"] == k], vocabulary)))
    weights_by_l2 = {}
    for l2 in L2_GRID:
        weights_by_l2[l2] = [fit(fit_m, l2) for fit_m, _ in folds]
        total = sum(_counts(out_m, w, None) for (_, out_m), w in zip(folds, weights_by_l2[l2]))
        log(f"  l2 {l2:g}: cross-validated accuracy {_rates(total)['accuracy']}")
        weights_by_l2[l2] = (total[0], weights_by_l2[l2])
    best_l2 = max(L2_GRID, key=lambda l2: (weights_by_l2[l2][0], l2))  # ties: the stronger regularisation
    per_fold = weights_by_l2[best_l2][1]
    plain = _rates(sum(_counts(out_m, w, None) for (_, out_m), w in zip(folds, per_fold)))
    margin, margin_rates = None, plain
    for candidate in MARGIN_GRID:
        rates = _rates(sum(_counts(out_m, w, float(candidate)) for (_, out_m), w in zip(folds, per_fold)))
        if plain["accuracy"] - rates["accuracy"] <= MAX_ACCURACY_LOSS and (
                rates["no_location_chose_place"] < margin_rates["no_location_chose_place"]):
            margin, margin_rates = float(candidate), rates
    log(f"chosen: l2 {best_l2:g}, no-place margin {margin}; cross-validated {margin_rates} (without no-place: {plain})")
    vocabulary = vocabulary_of(train_items)
    held_m = Matrix(held_items, vocabulary)
    w = fit(Matrix(train_items, vocabulary), best_l2)
    validation = {**_rates(_counts(held_m, w, margin)), "sentences": len(held_items)}
    without_none = _rates(_counts(held_m, w, None))
    log(f"validation (held out, not used for any choice): {validation}; without no-place: {without_none}; "
        f"rule chooser: {rule_score(held_items)}")
    full_vocabulary = vocabulary_of(items)
    final = fit(Matrix(items, full_vocabulary), best_l2)
    weights = {name: round(float(final[k]), 4) for name, k in full_vocabulary.items() if abs(final[k]) >= 5e-4}
    return {"weights": weights, "none_margin": margin, "l2": best_l2, "validation": validation,
            "validation_without_none": without_none, "validation_rule_chooser": rule_score(held_items),
            "cross_validation": margin_rates}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval-data")
    parser.add_argument("--out", type=Path, default=RANKER_FILE)
    args = parser.parse_args(argv)
    from sitrep.evaluation.common import MENTION_STAGES, Runner

    started = time.perf_counter()
    records = training_records(args.data)
    print(f"training records (RELABEL and its sentences left out): {len(records)}; parsing ...", flush=True)
    docs = Runner().run([r["text"] for r in records], stages=MENTION_STAGES)
    model = train(examples(records, docs))
    write(model, args.out)
    print(f"held-out (validation) accuracy {model['validation']['accuracy']} "
          f"(rule chooser {model['validation_rule_chooser']['accuracy']}), no_location_chose_place "
          f"{model['validation']['no_location_chose_place']}; {len(model['weights'])} weights -> {args.out} "
          f"({time.perf_counter() - started:.0f} s)")
    return 0


def write(model: dict[str, Any], out: Path) -> None:
    payload = {
        "note": "sitrep.eventplace ranker: conditional logistic regression over a sentence's candidate places and "
                "a 'no place' option; made by scripts/train_eventplace.py on ahalterman/event_location without its "
                "RELABEL sentences (the test set)",
        "seed": SEED, "l2": model["l2"], "none_margin": model["none_margin"],
        "validation": model["validation"], "validation_without_none": model["validation_without_none"],
        "validation_rule_chooser": model["validation_rule_chooser"], "cross_validation": model["cross_validation"],
        "weights": dict(sorted(model["weights"].items())),
    }
    out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
