"""Parallel extraction for large ingests. The parent process reads the inputs (streaming), skips documents already
stored, hands batches of documents to workers that each load the pipeline once, and writes every result to DuckDB
itself, whole documents per transaction (DuckDB allows one writing process). Two engines:

- `local` (default): a pool of worker processes on this machine (multiprocessing, `spawn` start method). A worker
  that dies mid-batch is replaced and its batch is run again; a batch that keeps killing workers is split, and a
  single document that kills a worker twice is reported as an error, never stored half-way.
- `ray`: Ray Data, `map_batches` with a callable class on an actor pool (the model loaded once per actor); Ray
  restarts a dead actor and retries its batch, and the parent re-runs any document that still came back missing.

Because documents are identified by content and a transaction holds whole documents, re-running an interrupted (even
SIGKILLed) ingest stores exactly what an uninterrupted one would have, and no document is stored twice."""
from __future__ import annotations

import json
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable, Iterator

from .errors import SitrepError
from .model import Document

ENGINES = ("local", "ray")
DEFAULT_BATCH = 16
# Test hook: when this names a file that does not exist yet, the first worker to see it creates it and dies at once,
# mid-batch (os._exit), so tests can check that a dead worker loses and duplicates nothing.
KILL_ONCE_ENV = "SITREP_TEST_KILL_WORKER_ONCE"
RAY_WINDOW = 4096  # documents per Ray dataset: bounds the parent's memory however large the input
MAX_ATTEMPTS = 2


class ProcessingFailed(SitrepError):
    """One document could not be processed (its worker crashed on it, or a stage raised)."""


@dataclass
class Processed:
    """What a worker sends back for one document: enough for Store.save (id, text, metadata) and the result."""

    id: str
    text: str
    meta: dict[str, Any]
    result: dict[str, Any]

    def metadata(self) -> dict[str, Any]:
        return self.meta


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _doc_fields(doc: Document) -> dict[str, Any]:
    return {"text": doc.text, "external_id": doc.external_id, "title": doc.title,
            "published": doc.published.isoformat() if doc.published else None, "url": doc.url,
            "source": doc.source, "origin": doc.origin}


def _doc_from_fields(fields: dict[str, Any]) -> Document:
    published = fields.get("published")
    return Document(**{**fields, "published": date.fromisoformat(published) if published else None})


def _maybe_die() -> None:
    flag = os.environ.get(KILL_ONCE_ENV)
    if not flag:
        return
    try:
        os.close(os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    os._exit(17)


# --------------------------------------------------------------------------- work done in a worker

_EXTRACTOR: Any = None


def _worker_init(stages: tuple[str, ...], batch_size: int) -> None:
    global _EXTRACTOR
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from .api import Extractor

    _EXTRACTOR = Extractor(stages, batch_size=batch_size)


def extract_batch(extractor: Any, fields: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """("ok", Processed) or ("error", (document id, message)) per document, in input order."""
    _maybe_die()
    docs = [_doc_from_fields(f) for f in fields]
    try:
        return [("ok", Processed(doc.id, doc.text, doc.metadata(), result))
                for doc, result in extractor.process(docs, [])]
    except Exception:  # one bad document: process them one by one so the others survive
        out: list[tuple[str, Any]] = []
        for doc in docs:
            try:
                for done, result in extractor.process([doc], []):
                    out.append(("ok", Processed(done.id, done.text, done.metadata(), result)))
            except Exception as exc:  # noqa: BLE001 - reported to the user, the batch goes on
                out.append(("error", (doc.id, f"{doc.origin or doc.id}: processing failed "
                                              f"({type(exc).__name__}: {exc})")))
        return out


def _local_batch(fields: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    return extract_batch(_EXTRACTOR, fields)


# --------------------------------------------------------------------------- engines

Sink = Callable[[Processed], None]


def run_local(documents: Iterable[Document], sink: Sink, errors: list[SitrepError], *, workers: int,
              stages: tuple[str, ...], batch_size: int = DEFAULT_BATCH) -> None:
    """Process `documents` on `workers` processes; `sink` gets each result in the parent as it arrives."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    in_flight_limit = 2 * workers
    batches = _batches(documents, batch_size)
    pending: dict[Future, tuple[list[dict[str, Any]], int]] = {}
    retry: list[tuple[list[dict[str, Any]], int]] = []
    exhausted = False

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init,
                                   initargs=(stages, batch_size))

    pool = new_pool()
    try:
        while True:
            while len(pending) < in_flight_limit and (retry or not exhausted):
                if retry:
                    batch, attempts = retry.pop()
                else:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    attempts = 0
                try:
                    pending[pool.submit(_local_batch, batch)] = (batch, attempts)
                except BrokenProcessPool:
                    retry.append((batch, attempts))
                    break
            if not pending and not retry and exhausted:
                return
            if not pending:  # the pool broke before anything could be submitted
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                batch, attempts = pending.pop(future)
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    broken = True
                    _requeue(batch, attempts, retry, errors)
                    continue
                _deliver(outcomes, sink, errors)
            if broken:  # the other batches in flight died with the pool: keep what finished, run the rest again
                for future, (batch, attempts) in list(pending.items()):
                    if future.done() and not future.cancelled() and future.exception() is None:
                        _deliver(future.result(), sink, errors)
                    else:
                        _requeue(batch, attempts, retry, errors, blame=False)
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _deliver(outcomes: list[tuple[str, Any]], sink: Sink, errors: list[SitrepError]) -> None:
    for status, value in outcomes:
        if status == "ok":
            sink(value)
        else:
            errors.append(ProcessingFailed(value[1]))


def _requeue(batch: list[dict[str, Any]], attempts: int, retry: list, errors: list[SitrepError], *,
             blame: bool = True) -> None:
    """A batch whose worker died: run it again; after MAX_ATTEMPTS split it, and give up on a single document."""
    if not blame:
        retry.append((batch, attempts))
        return
    attempts += 1
    if attempts < MAX_ATTEMPTS:
        retry.append((batch, attempts))
    elif len(batch) > 1:
        retry.extend(([fields], 0) for fields in batch)
    else:
        origin = batch[0].get("origin") or "a document"
        errors.append(ProcessingFailed(f"{origin}: a worker process died on it {attempts} times; not stored"))


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for doc in documents:
        batch.append(_doc_fields(doc))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class RayExtract:
    """The callable class Ray Data runs on each actor: the pipeline is loaded once, in __init__."""

    def __init__(self, stages: tuple[str, ...], batch_size: int) -> None:
        _worker_init(tuple(stages), batch_size)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        fields = [json.loads(item) for item in batch["doc"]]
        outcomes = extract_batch(_EXTRACTOR, fields)
        return {"out": [json.dumps({"status": status, "value": value.__dict__ if status == "ok" else value},
                                   ensure_ascii=False) for status, value in outcomes]}


def run_ray(documents: Iterable[Document], sink: Sink, errors: list[SitrepError], *, workers: int,
            stages: tuple[str, ...], batch_size: int = DEFAULT_BATCH, window: int = RAY_WINDOW) -> None:
    """Process `documents` with Ray Data on an actor pool of `workers` actors. The input is cut into windows of
    `window` documents so the parent's memory stays bounded; documents a window did not return are run again."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise SitrepError("--engine ray needs Ray Data: pip install 'sitrep[ray]'") from exc

    started = False
    if not ray.is_initialized():
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False,
                 object_store_memory=256 * 1024 * 1024, runtime_env={"env_vars": _ray_env()})
        started = True
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        window_fields: list[dict[str, Any]] = []
        for doc in documents:
            window_fields.append(_doc_fields(doc))
            if len(window_fields) >= window:
                _ray_window(ray, window_fields, sink, errors, workers, stages, batch_size)
                window_fields = []
        if window_fields:
            _ray_window(ray, window_fields, sink, errors, workers, stages, batch_size)
    finally:
        if started:
            ray.shutdown()


def _ray_env() -> dict[str, str]:
    keep = ("SITREP_HOME", KILL_ONCE_ENV, "OMP_NUM_THREADS")
    return {key: os.environ[key] for key in keep if key in os.environ}


def _ray_window(ray: Any, fields: list[dict[str, Any]], sink: Sink, errors: list[SitrepError], workers: int,
                stages: tuple[str, ...], batch_size: int) -> None:
    from .model import content_id

    # Ray Data's actor pools restart a dead actor and retry its batch by default (max_restarts=-1,
    # max_task_retries=-1); on top of that, documents a run did not return are run again here.
    wanted = {content_id(f["text"], f["external_id"]): f for f in fields}
    last: Exception | None = None
    for _attempt in range(MAX_ATTEMPTS):
        if not wanted:
            return
        dataset = ray.data.from_items([{"doc": json.dumps(f, ensure_ascii=False)} for f in wanted.values()],
                                      override_num_blocks=max(1, min(len(wanted) // batch_size, 4 * workers)))
        mapped = dataset.map_batches(RayExtract, fn_constructor_kwargs={"stages": tuple(stages),
                                                                        "batch_size": batch_size},
                                     batch_size=batch_size, batch_format="numpy",
                                     compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1)
        try:
            for batch in mapped.iter_batches(batch_size=batch_size, batch_format="numpy"):
                for item in batch["out"]:
                    record = json.loads(item)
                    if record["status"] == "ok":
                        processed = Processed(**record["value"])
                        if wanted.pop(processed.id, None) is not None:
                            sink(processed)
                    elif wanted.pop(record["value"][0], None) is not None:
                        errors.append(ProcessingFailed(record["value"][1]))
        except Exception as exc:  # noqa: BLE001 - a failed run: what came back is kept, the rest run again
            last = exc
    for f in wanted.values():
        why = f" ({type(last).__name__}: {last})" if last else ""
        errors.append(ProcessingFailed(f"{f.get('origin') or 'a document'}: not processed by Ray{why}"))
