"""How ingest throughput scales with workers, on one synthetic corpus, in one run.

    .venv/bin/python benchmarks/scale.py [--articles 200] [--words 500] [--seed 7] [--workers 1,2,4,8,16]
                                         [--engine local|ray] [--json benchmarks/results/scale-2core.json]

The corpus comes from benchmarks/corpus.py (seeded templates: real places, actors and dates of six theatres). For
each worker count a fresh subprocess ingests the whole corpus into a new DuckDB file (`api.ingest`, the parent
writing every document), and reports:

- documents/s and words/s over the whole run (model loading included) and in steady state (from the first stored
  document to the last, which leaves out the one-off model load of every worker);
- speed-up over 1 worker and efficiency = speed-up / workers (steady state);
- peak resident memory of the largest worker process (for 1 worker: the one process, which also writes DuckDB);
- articles of --words words a day at the steady-state rate.
Every run must store the same rows (checked by an order-independent hash of the events table)."""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))


def one_run(corpus: Path, workers: int, engine: str) -> dict:
    """Ingest `corpus` with `workers` workers in this process; return the measurements."""
    from sitrep import api
    from sitrep.store import Store

    first: list[float] = []
    db = Path(tempfile.mkdtemp(prefix="sitrep-scale-")) / "scale.duckdb"
    start = time.perf_counter()
    report = api.ingest([corpus], db=db, engine=engine, workers=workers,
                        on_document=lambda doc: first.append(time.perf_counter()) if not first else None)
    end = time.perf_counter()
    store = Store.open(db, read_only=True)
    try:
        rows = sorted(repr(r) for r in store.db.execute("SELECT * FROM events").fetchall())
        counts = store.counts()
        words = sum(len(t.split()) for (t,) in store.db.execute("SELECT text FROM documents").fetchall())
    finally:
        store.close()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    steady = end - first[0] if first else float("nan")
    n = report.stored
    return {"workers": workers, "engine": engine, "documents": n, "words": words, "seconds": end - start,
            "steady_seconds": steady, "docs_per_s": n / (end - start), "words_per_s": words / (end - start),
            "steady_docs_per_s": (n - 1) / steady, "steady_words_per_s": words * (n - 1) / n / steady,
            "peak_worker_mb": own if workers == 1 else children, "parent_mb": own, "counts": counts,
            "events_hash": hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16],
            "errors": [str(e) for e in report.errors]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", default=None, help="comma-separated (default: 1, 2, 4 ... up to the cores)")
    parser.add_argument("--engine", choices=("local", "ray"), default="local")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:
        print(json.dumps(one_run(args.corpus, args.one, args.engine)))
        return

    from corpus import write

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if args.workers:
        counts = [int(w) for w in args.workers.split(",")]
    else:
        counts, w = [], 1
        while w < cores:
            counts.append(w)
            w *= 2
        counts.append(cores)
    corpus = write(Path(tempfile.mkdtemp(prefix="sitrep-corpus-")) / "corpus.jsonl", args.articles, seed=args.seed,
                   words=args.words)
    print(f"corpus: {args.articles} articles of ~{args.words} words, seed {args.seed}; {cores} cores; "
          f"engine {args.engine}; python {sys.version.split()[0]}", flush=True)
    print(f"{'workers':>7} {'docs/s':>8} {'words/s':>9} {'steady docs/s':>13} {'steady words/s':>14} "
          f"{'speed-up':>8} {'efficiency':>10} {'peak MB/worker':>14} {'articles/day':>12}  events hash", flush=True)
    results, base = [], None
    for workers in counts:
        out = subprocess.run([sys.executable, __file__, "--one", str(workers), "--corpus", str(corpus),
                              "--engine", args.engine], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        base = base or r["steady_words_per_s"]
        r["speedup"] = r["steady_words_per_s"] / base
        r["efficiency"] = r["speedup"] / workers
        r["articles_per_day"] = r["steady_words_per_s"] * 86400 / args.words
        results.append(r)
        print(f"{workers:>7} {r['docs_per_s']:>8.2f} {r['words_per_s']:>9.0f} {r['steady_docs_per_s']:>13.2f} "
              f"{r['steady_words_per_s']:>14.0f} {r['speedup']:>8.2f} {r['efficiency']:>10.2f} "
              f"{r['peak_worker_mb']:>14.0f} {r['articles_per_day']:>12.0f}  {r['events_hash']}", flush=True)
    same = len({r["events_hash"] for r in results}) == 1
    print(f"identical stored events across runs: {same}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"articles": args.articles, "words": args.words, "seed": args.seed,
                                         "cores": cores, "engine": args.engine, "results": results,
                                         "identical": same}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
