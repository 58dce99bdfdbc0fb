"""The library: what each CLI command calls. Typed, keyword-only options, no printing."""
from __future__ import annotations

import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .dates import year_is_assumed
from .errors import UNDATED, YEAR_ASSUMED, InputError, SitrepError
from .model import Document
from .pipeline import DEFAULT_STAGES, Context, Pipeline
from .sources import DEFAULT_MAX_MB, Item, read_inputs

# `ingest` writes up to this many documents per DuckDB transaction, and at least every SECONDS_PER_TRANSACTION: each
# transaction costs milliseconds whatever its size, which one writer cannot afford per document when 16 workers
# deliver a hundred documents a second.
DOCUMENTS_PER_TRANSACTION = 64
SECONDS_PER_TRANSACTION = 2.0


@dataclass
class RunReport:
    """What a batch produced, and what it could not read."""

    results: list[dict[str, Any]] = field(default_factory=list)
    errors: list[SitrepError] = field(default_factory=list)
    stored: int = 0
    already_stored: int = 0
    notices: list[str] = field(default_factory=list)

    def note_dating(self, text: str, result: dict[str, Any]) -> None:
        """Tell the user when events could not be dated for want of a year, or when the year is a guess."""
        document = result["documents"][0]
        if document.get("published") or not result["events"]:
            return
        source = document.get("origin") or document.get("external_id") or document["document_id"]
        undated = [e for e in result["events"] if e.get("event_date") is None]
        anchor = document.get("anchor_date")
        if undated and anchor is None:
            self.notices.append(UNDATED.format(source=source, count=len(undated)))
        elif anchor is not None and year_is_assumed(text):
            self.notices.append(YEAR_ASSUMED.format(source=source, year=anchor[:4]))

    @property
    def ok(self) -> bool:
        return not self.errors

    def combined(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {"documents": [], "events": [], "equipment": [], "displacement": [],
                                                "mentions": []}
        for result in self.results:
            for key in out:
                out[key].extend(result[key])
        return out


def document_result(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """One processed document in the output contract's shape."""
    return {
        "documents": [doc.metadata()],
        "events": [e.to_dict() for e in doc.events],
        "equipment": [r.to_dict() for r in doc.equipment],
        "displacement": [r.to_dict() for r in doc.displacement],
        "mentions": [{**m.to_dict(), "document_id": doc.id} for m in doc.mentions if m.type != "quantity"],
    }


@dataclass
class Extractor:
    """A pipeline plus the loop that feeds it documents and keeps going past bad ones."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    batch_size: int = 16
    pipeline: Pipeline = field(init=False)

    def __post_init__(self) -> None:
        self.pipeline = Pipeline(self.stages, context=Context())

    def process(self, items: Iterable[Item], errors: list[SitrepError]) -> Iterator[tuple[Document, dict[str, Any]]]:
        documents = _only_documents(items, errors)
        for doc in self.pipeline.pipe(documents, batch_size=self.batch_size):
            yield doc, document_result(doc)
            doc.spacy_doc = None


def _only_documents(items: Iterable[Item], errors: list[SitrepError]) -> Iterator[Document]:
    for item in items:
        if isinstance(item, InputError):
            errors.append(item)
        else:
            yield item


def extract(inputs: Iterable[str | Path], *, published: date | None = None, max_mb: float = DEFAULT_MAX_MB,
            stages: tuple[str, ...] = DEFAULT_STAGES, on_document: Callable[[Document], None] | None = None) -> RunReport:
    """Read and process reports; nothing is stored."""
    report = RunReport()
    extractor = Extractor(stages)
    for doc, result in extractor.process(read_inputs(inputs, published=published, max_mb=max_mb), report.errors):
        report.results.append(result)
        report.note_dating(doc.text, result)
        if on_document:
            on_document(doc)
    return report


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM behaves like Ctrl-C, so the current document's transaction is rolled back cleanly."""

    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def ingest(inputs: Iterable[str | Path], *, db: str | Path, published: date | None = None,
           max_mb: float = DEFAULT_MAX_MB, stages: tuple[str, ...] = DEFAULT_STAGES,
           on_document: Callable[[Any], None] | None = None, engine: str = "local", workers: int | None = None,
           batch_size: int = 16, fetcher: Any = None) -> RunReport:
    """Process reports and store them; a document already in the database is skipped before any work.

    `engine` "local" runs the pipeline on `workers` processes (default: every core; an input smaller than one batch
    per worker, or workers=1, is processed in this process), "ray" on a Ray Data actor pool (see sitrep.engines).
    Whatever the engine, this process writes the documents, several per transaction (DOCUMENTS_PER_TRANSACTION), so an
    interrupted run leaves whole documents only and re-running it completes the database without duplicates."""
    from itertools import chain, islice

    from .engines import ENGINES, default_workers, run_local, run_ray
    from .store import Store

    if engine not in ENGINES:
        raise SitrepError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    report = RunReport()
    store = Store.open(db)
    writer = _Writer(store, report, on_document)

    def save(doc: Any, result: dict[str, Any]) -> None:
        report.note_dating(doc.text, result)
        writer.add(doc, result)

    try:
        with _terminate_as_interrupt():
            items = (item for item in read_inputs(inputs, published=published, max_mb=max_mb, fetcher=fetcher)
                     if isinstance(item, InputError) or not _already(store, item, report))
            documents: Iterator[Document] = _only_documents(items, report.errors)
            count = workers or default_workers()
            if engine == "local" and workers is None and count > 1:
                head = list(islice(documents, count * batch_size))
                if len(head) < count * batch_size:
                    count = 1
                documents = chain(head, documents)
            if engine == "ray":
                run_ray(documents, lambda p: save(p, p.result), report.errors, workers=count, stages=stages,
                        batch_size=batch_size)
            elif count > 1:
                run_local(documents, lambda p: save(p, p.result), report.errors, workers=count, stages=stages,
                          batch_size=batch_size)
            else:
                for doc, result in Extractor(stages, batch_size=batch_size).process(documents, report.errors):
                    save(doc, result)
            writer.flush()
    finally:
        _refresh_situation(store, report)
        store.close()
    return report


class _Writer:
    """Stores processed documents several per transaction: up to DOCUMENTS_PER_TRANSACTION of them, and at least
    every SECONDS_PER_TRANSACTION, so progress shows while a slow run goes on."""

    def __init__(self, store: Any, report: RunReport, on_document: Callable[[Any], None] | None) -> None:
        self.store, self.report, self.on_document = store, report, on_document
        self.pending: list[tuple[Any, dict[str, Any]]] = []
        self.last_flush = time.monotonic()

    def add(self, doc: Any, result: dict[str, Any]) -> None:
        self.pending.append((doc, result))
        if (len(self.pending) >= DOCUMENTS_PER_TRANSACTION
                or time.monotonic() - self.last_flush >= SECONDS_PER_TRANSACTION):
            self.flush()

    def flush(self) -> None:
        self.last_flush = time.monotonic()
        for (doc, _), stored in zip(self.pending, self.store.save_many(self.pending)):
            if stored:
                self.report.stored += 1
            else:
                self.report.already_stored += 1
            if self.on_document:
                self.on_document(doc)
        self.pending.clear()


def watch(feeds: Iterable[str], *, db: str | Path, every: float = 600.0, once: bool = False,
          polls: int | None = None, fetcher: Any = None, on_poll: Callable[[Any], None] | None = None) -> list[Any]:
    """Poll RSS/Atom feeds (URLs or files) and ingest their new items' pages (see sitrep.feeds): items already
    stored are remembered in the database, pages that fail are retried on later polls. Returns one
    sitrep.feeds.PollReport per poll."""
    from .feeds import watch as run_watch

    return run_watch(list(feeds), db=db, every=every, once=once, polls=polls, fetcher=fetcher, on_poll=on_poll)


def _refresh_situation(store: Any, report: RunReport) -> None:
    """Fused events are recomputed from all stored events once per ingest run (also after an interruption)."""
    from .fusion import refresh

    if report.stored or store.fused_fingerprint() != store.events_fingerprint():
        refresh(store)


def _already(store: Any, doc: Document, report: RunReport) -> bool:
    if store.has_document(doc.id):
        report.already_stored += 1
        return True
    return False


def query_events(*, db: str | Path, since: date | None = None, until: date | None = None,
                 event_type: str | None = None, actor: str | None = None,
                 near: tuple[float, float, float] | None = None,
                 bbox: tuple[float, float, float, float] | None = None) -> list[dict[str, Any]]:
    """Stored events, ordered by date (undated last) then event id. `bbox` is (min_lon, min_lat, max_lon, max_lat)."""
    from .store import Store

    store = Store.open(db, read_only=True)
    try:
        events = store.events(since=since, until=until, event_type=event_type, actor=actor, near=near)
    finally:
        store.close()
    if bbox is not None:
        events = [e for e in events if _in_bbox(e.get("location"), bbox)]
    return events


def _in_bbox(location: dict[str, Any] | None, bbox: tuple[float, float, float, float]) -> bool:
    if not location or location.get("latitude") is None:
        return False
    min_lon, min_lat, max_lon, max_lat = bbox
    lon, lat = location["longitude"], location["latitude"]
    inside_lon = min_lon <= lon <= max_lon if min_lon <= max_lon else (lon >= min_lon or lon <= max_lon)
    return min_lat <= lat <= max_lat and inside_lon


def ingest_text(text: str, *, db: str | Path, title: str | None = None, published: date | None = None,
                source: str | None = None, url: str | None = None, origin: str = "<text>",
                max_mb: float = DEFAULT_MAX_MB, stages: tuple[str, ...] = DEFAULT_STAGES) -> RunReport:
    """Store one report given as text (a pasted report, an uploaded file); raises InputError when it is empty or
    over `max_mb`. The report's results (`RunReport.results`) say what was extracted."""
    from . import errors
    from .sources import ReadOptions, _check_size

    if not text.strip():
        raise InputError(origin, errors.EMPTY_FILE)
    if "\0" in text:
        raise InputError(origin, errors.BINARY_FILE)
    _check_size(len(text.encode("utf-8")), origin, ReadOptions(max_mb=max_mb))
    doc = Document(text=text, title=title, published=published, url=url, source=source, origin=origin)
    return _ingest_items([doc], db=db, stages=stages, keep_results=True)


def _ingest_items(items: Iterable[Item], *, db: str | Path, stages: tuple[str, ...] = DEFAULT_STAGES,
                  on_document: Callable[[Document], None] | None = None, keep_results: bool = False) -> RunReport:
    from .store import Store

    report = RunReport()
    store = Store.open(db)
    try:
        with _terminate_as_interrupt():
            items = (item for item in items if isinstance(item, InputError) or not _already(store, item, report))
            for doc, result in Extractor(stages).process(items, report.errors):
                if store.save(doc, result):
                    report.stored += 1
                else:
                    report.already_stored += 1
                if keep_results:
                    report.results.append(result)
                if on_document:
                    on_document(doc)
    finally:
        _refresh_situation(store, report)
        store.close()
    return report


def create_database(db: str | Path) -> None:
    """Create an empty database (the tables only) when `db` does not exist yet."""
    from .store import Store

    if not Path(db).exists():
        Store.open(db).close()


def documents(*, db: str | Path) -> list[dict[str, Any]]:
    """Stored documents' metadata (no text), newest ingest last, ordered by document id within it."""
    with _reading(db) as store:
        rows = store.db.execute("SELECT document_id, ingested_at, length(text) FROM documents "
                                "ORDER BY ingested_at, document_id").fetchall()
        meta = store.documents()
    return [{**meta[doc_id], "n_chars": n_chars, "ingested_at": at.isoformat(timespec="seconds") if at else None}
            for doc_id, at, n_chars in rows]


def document(*, db: str | Path, document_id: str) -> dict[str, Any] | None:
    """One stored document's metadata and text, or None."""
    with _reading(db) as store:
        meta = store.documents().get(document_id)
        if meta is None:
            return None
        text = store.db.execute("SELECT text FROM documents WHERE document_id = ?", [document_id]).fetchone()[0]
    return {**meta, "text": text}


def places(*, db: str | Path) -> list[dict[str, Any]]:
    """Every located place the stored events name: coordinates, how many fused events happened there, and
    whether the control picture knows it. Ordered by name."""
    from .control import place_key
    from .fusion import current_fused

    with _reading(db) as store:
        fused = current_fused(store)
        controlled, _ = _control_places(store)
    out: dict[str, dict[str, Any]] = {}
    for f in fused:
        loc = f.get("location") or {}
        if loc.get("latitude") is None:
            continue
        key = place_key(loc)
        row = out.setdefault(key, {"place_key": key, "name": loc.get("name"), "latitude": loc["latitude"],
                                   "longitude": loc["longitude"], "admin1": loc.get("admin1"),
                                   "country": loc.get("country"), "feature_type": loc.get("feature_type"),
                                   "event_count": 0, "in_control_picture": False})
        row["event_count"] += 1
    control_keys = {p.key for p in controlled}
    for key, row in out.items():
        row["in_control_picture"] = key in control_keys
    return sorted(out.values(), key=lambda r: (r["name"] or "", r["place_key"]))


def import_gazetteer(path: str | Path) -> int:
    from .gazetteer import import_dump

    return import_dump(Path(path))


# --------------------------------------------------------------------------- the situation picture

@contextmanager
def _reading(db: str | Path) -> Iterator[Any]:
    from .store import Store

    if not Path(db).exists():
        raise SitrepError(f"{db}: no such database (create it with 'sitrep ingest')")
    store = Store.open(db, read_only=True)
    try:
        yield store
    finally:
        store.close()


def fused_events(*, db: str | Path) -> list[dict[str, Any]]:
    """Events fused across reports (see sitrep.fusion), in date order."""
    from .fusion import current_fused

    with _reading(db) as store:
        return current_fused(store)


def _control_places(store: Any) -> tuple[list[Any], date | None]:
    from .control import claims_from_fused, places_from_claims
    from .fusion import current_fused
    from .statements import statement_claims

    fused = current_fused(store)
    claims = [claim for f in fused for claim in claims_from_fused(f)]
    known = {f["location"]["gazetteer_id"]: f["location"] for f in fused
             if f.get("location") and f["location"].get("gazetteer_id")}
    claims += statement_claims(store, known)
    starts = [date.fromisoformat(f["event_date"]) for f in fused if f.get("event_date")]
    return places_from_claims(claims), min(starts, default=None)


def control_at(*, db: str | Path, day: date, near: tuple[float, float, float] | None = None) -> list[dict[str, Any]]:
    """Who controls each known place on `day`: status held, contested or unknown, with the evidence."""
    from .control import at

    with _reading(db) as store:
        places, window_start = _control_places(store)
    return at(places, day, window_start=window_start, near=near)


def control_history(*, db: str | Path, place: str) -> list[dict[str, Any]]:
    """The control periods of every place whose name contains `place`."""
    from .control import history

    with _reading(db) as store:
        places, _ = _control_places(store)
    return history(places, place)


def equipment_losses(*, db: str | Path, actor: str | None = None, since: date | None = None,
                     until: date | None = None, status: str | None = None) -> list[dict[str, Any]]:
    """The equipment ledger: one line per item, status and sides, de-duplicated across reports."""
    from .ledger import ledger, losses, select

    with _reading(db) as store:
        records = select(store.rows("equipment"), actor=actor, since=since, until=until, status=status)
        documents = store.documents()
    return ledger(losses(records, documents))


def displacement(*, db: str | Path, since: date | None = None, until: date | None = None) -> list[dict[str, Any]]:
    """Stored displacement records: how many people, from where, toward where, when, and who reported it."""
    with _reading(db) as store:
        rows, documents = store.rows("displacement"), store.documents()
    out = []
    for r in sorted(rows, key=lambda r: (r["date"] or "9999", r["record_id"])):
        if (since or until) and r["date"] is None:
            continue
        if since and r["date"] < since.isoformat() or until and r["date"] > until.isoformat():
            continue
        doc = documents.get(r["document_id"], {})
        out.append({"record_id": r["record_id"], "date": r["date"], "people_low": r["people_min"],
                    "people_high": r["people_max"], "people_text": r["people_text"],
                    "origin": (r["origin"] or {}).get("name"), "destination": (r["destination"] or {}).get("name"),
                    "origin_location": r["origin"], "destination_location": r["destination"],
                    "document_id": r["document_id"], "source": doc.get("source"), "published": doc.get("published"),
                    "evidence": r["evidence"]})
    return out


# --------------------------------------------------------------------------- accuracy on third-party data

def evaluate(sets: Iterable[str] = ("all",), *, data_dir: str | Path | None = None, limit: int | None = None,
             on_set: Callable[[str], None] | None = None, split: str | None = None) -> dict[str, Any]:
    """Score the pipeline on the third-party gold sets (docs/evaluation.md); "all" names every set. `data_dir`
    defaults to $SITREP_EVAL_DATA, else ../shared/eval-data; a missing folder raises EvalDataError. `split`
    ("test", the default, "dev" or "all") picks the half of GWN and LGL that is scored."""
    from .evaluation import SETS, default_data_dir, run_sets

    names = tuple(dict.fromkeys(name for wanted in sets for name in (SETS if wanted == "all" else (wanted,))))
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    return run_sets(names, data_dir=folder, limit=limit, on_set=on_set, split=split)
