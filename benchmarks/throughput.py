"""Words per second of the whole sitrep pipeline beside bare spaCy parsing of the same texts, in the same run.

    .venv/bin/python benchmarks/throughput.py [--words 50000] [--batch-size 16]

The corpus is the project's own report fixtures and bundled example, repeated (with a varying suffix so no cache
can help) until it holds --words words. Both measurements use the same loaded spaCy model on one process; the
goal is a ratio of at least 0.7. Peak resident memory of the process is printed at the end."""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent


def corpus(words: int) -> list[str]:
    sources = sorted((ROOT / "tests" / "fixtures" / "reports").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    out, total, index = [], 0, 0
    while total < words:
        text = f"{texts[index % len(texts)]}\n\nReport {index}."
        out.append(text)
        total += len(text.split())
        index += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    from sitrep.api import Extractor
    from sitrep.model import Document

    texts = corpus(args.words)
    n_words = sum(len(t.split()) for t in texts)
    extractor = Extractor(batch_size=args.batch_size)
    context = extractor.pipeline.context
    nlp = context.nlp
    list(extractor.process([Document(text=texts[0])], []))  # load the gazetteer, lexicons and model once

    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    bare = time.perf_counter() - start

    start = time.perf_counter()
    events = sum(len(result["events"]) for _, result in extractor.process((Document(text=t) for t in texts), []))
    full = time.perf_counter() - start

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents        {len(texts)}")
    print(f"words            {n_words}")
    print(f"bare spaCy       {n_words / bare:10.0f} words/s  ({bare:.2f} s)")
    print(f"sitrep pipeline  {n_words / full:10.0f} words/s  ({full:.2f} s, {events} events)")
    print(f"ratio            {bare / full:10.2f}  (goal >= 0.70)")
    print(f"peak memory      {peak_mb:10.0f} MB (process maximum resident set)")
    print(f"python           {sys.version.split()[0]}, spaCy model {nlp.meta['name']} {nlp.meta['version']}")


if __name__ == "__main__":
    main()
