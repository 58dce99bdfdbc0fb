"""The machine's own ceiling for parallel extraction, to read scale.py's efficiency against.

    .venv/bin/python benchmarks/ceiling.py [--per-worker 40] [--words 500] [--seed 7] [--workers 1,2,4,8,16]
                                           [--json benchmarks/results/ceiling-16core.json]

For each worker count N, N independent processes each extract their own --per-worker articles of one synthetic
corpus (benchmarks/corpus.py) with no parent collecting results, no inter-process traffic and no database: every
process loads the pipeline, waits at a barrier, extracts, and reports when it started and finished. Aggregate rate =
all articles / (last finish - first start); efficiency = that rate / (N x the 1-process rate). Where this ceiling
falls below 1 (cores that are hyper-threads of each other, shared memory bandwidth and cache, lower all-core clock),
no engine can do better than it, and scale.py's efficiency is to be judged against it."""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))


def _extract_share(corpus: str, start: int, count: int, barrier, results) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # before the pipeline's libraries load, as a worker does
    from itertools import islice

    from sitrep.api import Extractor
    from sitrep.sources import read_inputs

    docs = list(islice(read_inputs([corpus]), start, start + count))
    extractor = Extractor()
    for _ in extractor.process(docs[:1], []):  # first call loads lazily built parts of the pipeline
        pass
    barrier.wait()
    began = time.perf_counter()
    done = sum(1 for _ in extractor.process(docs, []))
    results.put((began, time.perf_counter(), done, sum(len(d.text.split()) for d in docs)))


def measure(corpus: Path, workers: int, per_worker: int) -> dict:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(workers), context.Queue()
    processes = [context.Process(target=_extract_share,
                                 args=(str(corpus), i * per_worker, per_worker, barrier, results))
                 for i in range(workers)]
    for process in processes:
        process.start()
    reports = [results.get() for _ in processes]
    for process in processes:
        process.join()
    seconds = max(r[1] for r in reports) - min(r[0] for r in reports)
    documents, words = sum(r[2] for r in reports), sum(r[3] for r in reports)
    return {"workers": workers, "documents": documents, "seconds": seconds, "docs_per_s": documents / seconds,
            "words_per_s": words / seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-worker", type=int, default=40)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    from corpus import write

    counts = [int(w) for w in args.workers.split(",")]
    corpus = write(Path(tempfile.mkdtemp(prefix="sitrep-ceiling-")) / "corpus.jsonl", args.per_worker * max(counts),
                   seed=args.seed, words=args.words)
    from sitrep.engines import default_workers

    cores = default_workers()
    print(f"{args.per_worker} articles of ~{args.words} words per process, seed {args.seed}; {cores} cores; "
          f"python {sys.version.split()[0]}", flush=True)
    print(f"{'workers':>7} {'docs/s':>8} {'words/s':>9} {'speed-up':>8} {'efficiency':>10}", flush=True)
    results, base = [], None
    for workers in counts:
        r = measure(corpus, workers, args.per_worker)
        base = base or r["docs_per_s"]
        r["speedup"] = r["docs_per_s"] / base
        r["efficiency"] = r["speedup"] / workers
        results.append(r)
        print(f"{workers:>7} {r['docs_per_s']:>8.2f} {r['words_per_s']:>9.0f} {r['speedup']:>8.2f} "
              f"{r['efficiency']:>10.2f}", flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"per_worker": args.per_worker, "words": args.words, "seed": args.seed,
                                         "cores": cores, "results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
