"""How ingest throughput scales with workers, on one synthetic corpus, in one run.

    .venv/bin/python benchmarks/scale.py [--articles 200] [--words 500] [--seed 7] [--workers 1,2,4,8,16]
                                         [--engine local|ray] [--batch 16] [--json benchmarks/results/scale-2core.json]

The corpus comes from benchmarks/corpus.py (seeded templates: real places, actors and dates of six theatres). For
each worker count a fresh subprocess ingests the whole corpus into a new DuckDB file (`api.ingest`, the parent
writing every document), and reports:

- documents/s and words/s over the whole run (model loading and the closing situation refresh included) and in
  steady state (from the first stored transaction to the last, which leaves out the one-off model load of every
  worker and the one-off fusion of the situation picture after the last document);
- the seconds of that closing refresh (fusion of all stored events), which one process does;
- speed-up over 1 worker and efficiency = speed-up / workers (steady state);
- peak resident memory of the largest worker process (for 1 worker: the one process, which also writes DuckDB);
- articles of --words words a day at the steady-state rate.
Every run must store the same rows (checked by an order-independent hash of the events table)."""
from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))


def _steady(written: list[float]) -> tuple[int, float]:
    """Documents written after the first transaction, and the seconds from the first transaction to the last.
    A transaction's documents are reported together (microseconds apart), so the first transaction is every
    document reported within a few milliseconds of the first."""
    if len(written) < 2:
        return 0, float("nan")
    first = sum(1 for t in written if t - written[0] < 0.005)
    return len(written) - first, written[-1] - written[0]


def one_run(corpus: Path, workers: int, engine: str, batch: int) -> dict:
    """Ingest `corpus` with `workers` workers in this process; return the measurements."""
    from sitrep import api
    from sitrep.store import Store

    written: list[float] = []
    db = Path(tempfile.mkdtemp(prefix="sitrep-scale-")) / "scale.duckdb"
    start = time.perf_counter()
    report = api.ingest([corpus], db=db, engine=engine, workers=workers, batch_size=batch,
                        on_document=lambda doc: written.append(time.perf_counter()))
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
    n = report.stored
    steady_docs, steady = _steady(written)
    return {"workers": workers, "engine": engine, "documents": n, "words": words, "seconds": end - start,
            "steady_seconds": steady, "refresh_seconds": end - written[-1] if written else float("nan"),
            "docs_per_s": n / (end - start), "words_per_s": words / (end - start),
            "steady_docs_per_s": steady_docs / steady, "steady_words_per_s": words * steady_docs / n / steady,
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
    parser.add_argument("--batch", type=int, default=16,
                        help="documents per worker batch (and per transaction); with many workers and a small corpus "
                             "a smaller batch keeps every worker busy to the end")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:
        print(json.dumps(one_run(args.corpus, args.one, args.engine, args.batch)))
        return

    from corpus import write

    from sitrep.engines import default_workers

    cores = default_workers()
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
          f"engine {args.engine}; batch {args.batch}; python {sys.version.split()[0]}", flush=True)
    print(f"{'workers':>7} {'docs/s':>8} {'words/s':>9} {'steady docs/s':>13} {'steady words/s':>14} "
          f"{'speed-up':>8} {'efficiency':>10} {'refresh s':>9} {'peak MB/worker':>14} {'articles/day':>12}  "
          "events hash", flush=True)
    results, base = [], None
    for workers in counts:
        out = subprocess.run([sys.executable, __file__, "--one", str(workers), "--corpus", str(corpus),
                              "--engine", args.engine, "--batch", str(args.batch)], capture_output=True, text=True,
                             check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        base = base or r["steady_words_per_s"]
        r["speedup"] = r["steady_words_per_s"] / base
        r["efficiency"] = r["speedup"] / workers
        r["articles_per_day"] = r["steady_words_per_s"] * 86400 / args.words
        results.append(r)
        print(f"{workers:>7} {r['docs_per_s']:>8.2f} {r['words_per_s']:>9.0f} {r['steady_docs_per_s']:>13.2f} "
              f"{r['steady_words_per_s']:>14.0f} {r['speedup']:>8.2f} {r['efficiency']:>10.2f} "
              f"{r['refresh_seconds']:>9.1f} "
              f"{r['peak_worker_mb']:>14.0f} {r['articles_per_day']:>12.0f}  {r['events_hash']}", flush=True)
    same = len({r["events_hash"] for r in results}) == 1
    print(f"identical stored events across runs: {same}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"articles": args.articles, "words": args.words, "seed": args.seed,
                                         "cores": cores, "engine": args.engine, "batch": args.batch, "results": results,
                                         "identical": same}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
