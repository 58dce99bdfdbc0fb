"""Rewrite the README's evaluation table from a full `sitrep eval` run.

    .venv/bin/python scripts/results_table.py               # run every set, save benchmarks/results/eval.json
    .venv/bin/python scripts/results_table.py --from-json   # only re-render from the saved json

The table sits between the markers <!-- eval-results:start --> and <!-- eval-results:end --> in README.md."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SAVED = ROOT / "benchmarks" / "results" / "eval.json"
START, END = "<!-- eval-results:start -->", "<!-- eval-results:end -->"

# (label, metric path, published anchor, target, split)
ROWS: list[tuple[str, str, str, str, str]] = [
    ("re3d entity macro F1, defence NER (7 types the lexicon emits)", "re3d.macro_f1",
     "ConfliBERT 66.40 / BERT-base 63.44 (test split, all types)", "≥ 70", "dev"),
    ("re3d entity macro F1, defence NER (all 10 types)", "re3d.macro_f1_all_types", "as above", "—", "dev"),
    ("re3d entity micro F1, defence NER (all 10 types)", "re3d.micro_f1_all_types", "as above", "—", "dev"),
    ("re3d entity macro F1, defence NER, 7 types, any overlap", "re3d.macro_f1_loose", "—", "—", "dev"),
    ("re3d entity macro F1, lexicon mentions (7 / 10 types)", "re3d.lexicon.macro_f1|re3d.lexicon.macro_f1_all_types",
     "—", "—", "dev"),
    ("GWN toponym recognition F1 (loose / strict)", "gwn.recognition_loose.f1|gwn.recognition_strict.f1", "—", "—",
     "test half (100 odd-indexed articles)"),
    ("GWN accuracy@161 km", "gwn.acc161", "Mordecai3 94.1", "≥ 94", "test half (100 odd-indexed articles)"),
    ("GWN median error km / AUC", "gwn.median_km|gwn.auc", "—", "—", "test half (100 odd-indexed articles)"),
    ("GWN gold toponyms resolved at all (%) / same GeoNames id (%)", "gwn.resolved_share|gwn.same_geonames_id",
     "Mordecai3 90.1% exact", "—", "test half (100 odd-indexed articles)"),
    ("LGL toponym recognition F1 (loose / strict)", "lgl.recognition_loose.f1|lgl.recognition_strict.f1", "—", "—",
     "test half (294 odd-indexed articles)"),
    ("LGL accuracy@161 km", "lgl.acc161", "Mordecai3 82.7", "≥ 83", "test half (294 odd-indexed articles)"),
    ("LGL median error km / AUC", "lgl.median_km|lgl.auc", "—", "—", "test half (294 odd-indexed articles)"),
    ("LGL gold toponyms resolved at all (%) / same GeoNames id (%)", "lgl.resolved_share|lgl.same_geonames_id",
     "Mordecai3 79.4% exact", "—", "test half (294 odd-indexed articles)"),
    ("WikiEvents attack/death detection F1", "wikievents.attack_or_death_detection.f1",
     "Lemonade best zero-shot LLM 58.3 (end-to-end F1, other data)", "≥ 70", "test half (10 of 20 dev documents)"),
    ("WikiEvents attack / explosion / death detection F1",
     "wikievents.attack_detection.f1|wikievents.explosion_detection.f1|wikievents.death_detection.f1", "—", "—",
     "test half"),
    ("WikiEvents argument F1 (actor1, actor2, location)", "wikievents.argument.f1", "—", "—", "test half"),
    ("PLOVER conflict event-type accuracy", "plover.accuracy", "GDELT ~81% event codes (hand check)", "≥ 80",
     "test half (63 of 126 conflict gold records)"),
    ("PLOVER source / target actor match", "plover.source_match_rate|plover.target_match_rate",
     "GDELT ~79% actors (hand check)", "—", "test half (63 of 126)"),
    ("Event location: right place chosen (learned ranker)", "event-location.accuracy", "—", "≥ 85", "494 RELABEL records with a verb, 336 with a place"),
    ("Event location, hand-written rule chooser", "event-location.rule_accuracy", "—", "—", "494 RELABEL records with a verb, 336 with a place"),
    ("Event location, previous rule (nearest place)", "event-location.baseline_accuracy", "—", "—", "494 RELABEL records with a verb, 336 with a place"),
    ("Speed (words/s, whole eval run)", "speed.words_per_second", "—", "—", "all sets"),
]


def _value(results: dict[str, Any], path: str) -> Any:
    value: Any = results
    for key in path.split("."):
        value = value[key]
    return value


def render(results: dict[str, Any]) -> str:
    lines = [START, "", "| metric | sitrep | published anchor | target | measured on |", "|---|---|---|---|---|"]
    for label, paths, anchor, target, split in ROWS:
        shown = " / ".join(str(_value(results, path)) for path in paths.split("|"))
        lines.append(f"| {label} | {shown} | {anchor} | {target} | {split} |")
    speed = results["speed"]
    lines += ["", f"Full run (`sitrep eval --set all`): {speed['words']:,} words in {speed['wall_seconds']} s on the "
                  "2-core development machine. Definitions and mappings: [docs/evaluation.md](docs/evaluation.md).",
              "", END]
    return "\n".join(lines)


def rewrite_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"README.md has no {START} ... {END} section")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    README.write_text(before + table + after, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from-json", action="store_true", help=f"re-render from {SAVED.relative_to(ROOT)}")
    parser.add_argument("--data", type=Path, help="evaluation data folder (default as for sitrep eval)")
    args = parser.parse_args()
    if args.from_json:
        results = json.loads(SAVED.read_text(encoding="utf-8"))
    else:
        from sitrep.api import evaluate

        results = evaluate(["all"], data_dir=args.data)
        SAVED.parent.mkdir(parents=True, exist_ok=True)
        SAVED.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    rewrite_readme(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
