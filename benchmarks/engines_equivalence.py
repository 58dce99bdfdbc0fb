"""The issue's acceptance check: one synthetic corpus through `--engine local` and `--engine ray`, same rows.

    .venv/bin/python benchmarks/engines_equivalence.py --articles 20000 --words 500 --workers 16 \
        --json benchmarks/results/engines-20000.json

Ingests the corpus (benchmarks/corpus.py, seeded) once per engine into a fresh DuckDB file and compares, table by
table, the row count and an order-independent hash of the rows (ingest timestamps left out)."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def digest(db: Path) -> dict:
    from sitrep.store import table_digest

    return {table: list(value) for table, value in table_digest(db).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from corpus import write
    from sitrep import api

    folder = Path(tempfile.mkdtemp(prefix="sitrep-accept-"))
    corpus = write(folder / "corpus.parquet", args.articles, seed=args.seed, words=args.words)
    runs = {}
    for engine in ("local", "ray"):
        start = time.perf_counter()
        report = api.ingest([corpus], db=folder / f"{engine}.duckdb", engine=engine, workers=args.workers)
        seconds = time.perf_counter() - start
        runs[engine] = {"seconds": round(seconds, 1), "stored": report.stored, "errors": len(report.errors),
                        "tables": digest(folder / f"{engine}.duckdb")}
        print(engine, json.dumps(runs[engine]), flush=True)
    identical = runs["local"]["tables"] == runs["ray"]["tables"]
    print(f"identical: {identical}")
    if args.json:
        args.json.write_text(json.dumps({"articles": args.articles, "words": args.words, "seed": args.seed,
                                         "workers": args.workers, "cores": len(os.sched_getaffinity(0)),
                                         "runs": runs, "identical": identical}, indent=2) + "\n")


if __name__ == "__main__":
    main()
