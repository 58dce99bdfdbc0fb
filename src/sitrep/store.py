"""DuckDB storage: documents, events, equipment, displacement and mentions. A transaction holds whole documents (one
or many), so an interrupted ingest never leaves half a document, and a document already stored is skipped."""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import duckdb
import pyarrow as pa

from .errors import DATABASE_LOCKED, DatabaseLocked, StorageError
from .model import Document

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    document_id VARCHAR PRIMARY KEY, external_id VARCHAR, title VARCHAR, published DATE, url VARCHAR,
    source VARCHAR, origin VARCHAR, anchor_date DATE, focus_country VARCHAR, text VARCHAR,
    ingested_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, document_id VARCHAR, event_date DATE, event_date_end DATE, time_precision INTEGER,
    event_type VARCHAR, sub_event_type VARCHAR, actor1 VARCHAR, inter1 INTEGER, actor2 VARCHAR, inter2 INTEGER,
    location_name VARCHAR, location_mention VARCHAR, latitude DOUBLE, longitude DOUBLE, admin1 VARCHAR,
    country VARCHAR, country_code VARCHAR, geo_precision INTEGER, gazetteer_id VARCHAR, feature_type VARCHAR,
    fatalities INTEGER, outcome VARCHAR, background BOOLEAN, confidence DOUBLE, trigger VARCHAR, evidence JSON);
CREATE TABLE IF NOT EXISTS equipment (
    record_id VARCHAR PRIMARY KEY, document_id VARCHAR, item VARCHAR, category VARCHAR, status VARCHAR,
    quantity_min INTEGER, quantity_max INTEGER, quantity_text VARCHAR, named_item BOOLEAN, losing_actor VARCHAR,
    gaining_actor VARCHAR, date DATE, location JSON, evidence JSON);
CREATE TABLE IF NOT EXISTS displacement (
    record_id VARCHAR PRIMARY KEY, document_id VARCHAR, people_min INTEGER, people_max INTEGER, people_text VARCHAR,
    origin JSON, destination JSON, date DATE, evidence JSON);
CREATE TABLE IF NOT EXISTS mentions (
    document_id VARCHAR, start_char INTEGER, end_char INTEGER, type VARCHAR, text VARCHAR, canonical VARCHAR,
    latitude DOUBLE, longitude DOUBLE, gazetteer_id VARCHAR, attrs JSON,
    PRIMARY KEY (document_id, start_char, end_char, type));
CREATE TABLE IF NOT EXISTS fused_events (
    fused_id VARCHAR PRIMARY KEY, event_date DATE, event_type VARCHAR, sub_event_type VARCHAR, actor1 VARCHAR,
    actor2 VARCHAR, gazetteer_id VARCHAR, latitude DOUBLE, longitude DOUBLE, source_count INTEGER,
    confidence DOUBLE, record JSON);
CREATE TABLE IF NOT EXISTS fused_members (fused_id VARCHAR, event_id VARCHAR, PRIMARY KEY (fused_id, event_id));
CREATE TABLE IF NOT EXISTS situation_state (name VARCHAR PRIMARY KEY, fingerprint VARCHAR);
"""

# How long opening a database waits for another sitrep process that holds it (seconds); SITREP_LOCK_TIMEOUT overrides.
DEFAULT_LOCK_TIMEOUT = 60.0
DOCUMENT_COLUMNS = ("document_id", "external_id", "title", "published", "url", "source", "origin", "anchor_date",
                    "focus_country")

EVENT_COLUMNS = ("event_id", "document_id", "event_date", "event_date_end", "time_precision", "event_type",
                 "sub_event_type", "actor1", "inter1", "actor2", "inter2", "location_name", "location_mention",
                 "latitude", "longitude", "admin1", "country", "country_code", "geo_precision", "gazetteer_id",
                 "feature_type", "fatalities", "outcome", "background", "confidence", "trigger", "evidence")


def lock_timeout() -> float:
    try:
        return float(os.environ.get("SITREP_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()


def _connect_once(path: str | Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException:
        raise
    except duckdb.Error as exc:
        raise StorageError(f"{path}: cannot open the database ({exc})") from exc


def connect(path: str | Path, *, read_only: bool = False, timeout: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the database. While another process holds it (DuckDB allows one writing process per file), retry
    with exponential backoff (0.05 s doubling to 2 s) for up to `timeout` seconds, then raise DatabaseLocked."""
    timeout = lock_timeout() if timeout is None else timeout
    deadline, pause = time.monotonic() + timeout, 0.05
    while True:
        try:
            db = _connect_once(path, read_only)
            break
        except duckdb.IOException as exc:
            if not _is_lock_conflict(exc):
                raise StorageError(f"{path}: cannot open the database ({exc})") from exc
            if time.monotonic() + pause > deadline:
                raise DatabaseLocked(DATABASE_LOCKED.format(path=path, waited=timeout)) from exc
            time.sleep(pause)
            pause = min(pause * 2, 2.0)
    if not read_only:
        db.execute(SCHEMA)
    return db


STORED_DOCUMENT_COLUMNS = (*DOCUMENT_COLUMNS, "text")


def _document_row(doc: Document) -> tuple:
    meta = doc.metadata()
    return (*(meta[column] for column in DOCUMENT_COLUMNS), doc.text)


def _arrow_value(value: Any) -> Any:
    """Dates travel as ISO text (DuckDB casts them to DATE on insert), so a column never mixes dates and text."""
    return value.isoformat() if isinstance(value, date) else value


def _event_row(event: dict[str, Any]) -> tuple:
    loc = event.get("location") or {}
    return (event["event_id"], event["document_id"], event["event_date"], event["event_date_end"],
            event["time_precision"], event["event_type"], event["sub_event_type"], event["actor1"], event["inter1"],
            event["actor2"], event["inter2"], loc.get("name"), loc.get("mention"), loc.get("latitude"),
            loc.get("longitude"), loc.get("admin1"), loc.get("country"), loc.get("country_code"),
            loc.get("geo_precision"), loc.get("gazetteer_id"), loc.get("feature_type"), event["fatalities"],
            event["outcome"], event["background"], event["confidence"], event["trigger"],
            json.dumps(event["evidence"], ensure_ascii=False))


def _equipment_row(record: dict[str, Any]) -> tuple:
    q = record["quantity"]
    return (record["record_id"], record["document_id"], record["item"], record["category"], record["status"],
            q["min"], q["max"], q["text"], record["named_item"], record["losing_actor"], record["gaining_actor"],
            record["date"], json.dumps(record["location"]), json.dumps(record["evidence"], ensure_ascii=False))


def _displacement_row(record: dict[str, Any]) -> tuple:
    p = record["people"]
    return (record["record_id"], record["document_id"], p["min"], p["max"], p["text"], json.dumps(record["origin"]),
            json.dumps(record["destination"]), record["date"], json.dumps(record["evidence"], ensure_ascii=False))


def _mention_row(document_id: str, mention: dict[str, Any]) -> tuple:
    extra = {k: v for k, v in mention.items() if k not in {"text", "start", "end", "type", "canonical", "latitude",
                                                            "longitude", "gazetteer_id"}}
    return (document_id, mention["start"], mention["end"], mention["type"], mention["text"], mention.get("canonical"),
            mention.get("latitude"), mention.get("longitude"), mention.get("gazetteer_id"), json.dumps(extra, default=str))


@dataclass
class Store:
    db: duckdb.DuckDBPyConnection
    path: str
    _column_cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, timeout: float | None = None) -> "Store":
        return cls(connect(path, read_only=read_only, timeout=timeout), str(path))

    def close(self) -> None:
        self.db.close()

    def has_document(self, document_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE document_id = ?", [document_id]).fetchone() is not None

    def save(self, doc: Document, result: dict[str, Any]) -> bool:
        """Store one processed document and its records atomically. Returns False when it was already stored."""
        return self.save_many([(doc, result)])[0]

    def save_many(self, processed: Sequence[tuple[Document, dict[str, Any]]]) -> list[bool]:
        """Store processed documents and their records in one transaction (whole documents only, however it ends).
        Returns, per document, whether it was stored (False: already in the database or earlier in `processed`)."""
        stored = self._stored_ids([doc.id for doc, _ in processed])
        flags: list[bool] = []
        for doc, _ in processed:
            flags.append(doc.id not in stored)
            stored.add(doc.id)
        fresh = [pair for pair, flag in zip(processed, flags) if flag]
        if not fresh:
            return flags
        self.db.execute("BEGIN TRANSACTION")
        try:
            self._insert_rows("documents", [_document_row(doc) for doc, _ in fresh], STORED_DOCUMENT_COLUMNS)
            self._insert_rows("events", [_event_row(e) for _, r in fresh for e in r["events"]])
            self._insert_rows("equipment", [_equipment_row(e) for _, r in fresh for e in r["equipment"]])
            self._insert_rows("displacement", [_displacement_row(e) for _, r in fresh for e in r["displacement"]])
            self._insert_rows("mentions", [_mention_row(doc.id, m) for doc, r in fresh for m in r["mentions"]])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return flags

    def _stored_ids(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        return {row[0] for row in self.db.execute("SELECT document_id FROM documents WHERE document_id IN "
                                                  "(SELECT unnest(?))", [ids]).fetchall()}

    def _insert_rows(self, table: str, rows: list[tuple], columns: Sequence[str] | None = None) -> None:
        """Insert rows through an Arrow table, column by column: several times faster than a multi-row INSERT
        with parameters (which was itself faster than executemany), so one writer keeps up with many workers."""
        if not rows:
            return
        columns = columns or self._columns(table)
        arrays = [pa.array([_arrow_value(row[i]) for row in rows]) for i in range(len(columns))]
        self.db.register("_sitrep_rows", pa.Table.from_arrays(arrays, names=list(columns)))
        try:
            self.db.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) SELECT * FROM _sitrep_rows")
        finally:
            self.db.unregister("_sitrep_rows")

    def _columns(self, table: str) -> tuple[str, ...]:
        if table not in self._column_cache:
            self._column_cache[table] = tuple(row[0] for row in self.db.execute(f"DESCRIBE {table}").fetchall())
        return self._column_cache[table]

    def counts(self) -> dict[str, int]:
        return {table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "events", "equipment", "displacement", "mentions", "fused_events")}

    # ------------------------------------------------------------------ situation picture

    def documents(self) -> dict[str, dict[str, Any]]:
        """Stored documents' metadata (no text), by document id."""
        rows = self.db.execute(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents").fetchall()
        return {row[0]: _iso_dates(dict(zip(DOCUMENT_COLUMNS, row))) for row in rows}

    def document_texts(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT document_id, text FROM documents").fetchall())

    def rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of an equipment, displacement or mentions table, JSON columns decoded, dates as ISO strings."""
        cursor = self.db.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        return [_iso_dates(_decode(dict(zip(names, row)))) for row in cursor.fetchall()]

    def events_fingerprint(self) -> str:
        """Changes whenever the set of stored events changes (order-independent)."""
        count, digest = self.db.execute("SELECT count(*), coalesce(bit_xor(hash(event_id)), 0) FROM events").fetchone()
        return f"{count}:{digest}"

    def fused_fingerprint(self) -> str | None:
        row = self.db.execute("SELECT fingerprint FROM situation_state WHERE name = 'fused_events'").fetchone()
        return row[0] if row else None

    def replace_fused(self, fused: list[dict[str, Any]], fingerprint: str) -> None:
        """Rewrite the fused_events table in one transaction."""
        self.db.execute("BEGIN TRANSACTION")
        try:
            self.db.execute("DELETE FROM fused_events")
            self.db.execute("DELETE FROM fused_members")
            self._insert_rows("fused_events", [_fused_row(f) for f in fused])
            self._insert_rows("fused_members", [(f["fused_id"], e) for f in fused for e in f["event_ids"]])
            self.db.execute("INSERT OR REPLACE INTO situation_state VALUES ('fused_events', ?)", [fingerprint])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def fused(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT record FROM fused_events ORDER BY event_date NULLS LAST, fused_id").fetchall()
        return [json.loads(r[0]) for r in rows]

    def events(self, *, since: date | None = None, until: date | None = None, event_type: str | None = None,
               actor: str | None = None, near: tuple[float, float, float] | None = None,
               include_background: bool = True) -> list[dict[str, Any]]:
        clauses, params = [], []
        if since:
            clauses.append("event_date >= ?")
            params.append(since)
        if until:
            clauses.append("event_date <= ?")
            params.append(until)
        if event_type:
            clauses.append("(lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?))")
            params += [event_type, event_type]
        if actor:
            clauses.append("(actor1 ILIKE ? OR actor2 ILIKE ?)")
            params += [f"%{actor}%", f"%{actor}%"]
        if not include_background:
            clauses.append("NOT background")
        if near:
            lat, lon, km = near
            clauses.append("latitude IS NOT NULL AND 2 * 6371 * asin(sqrt(pow(sin(radians(latitude - ?) / 2), 2) + "
                           "cos(radians(?)) * cos(radians(latitude)) * pow(sin(radians(longitude - ?) / 2), 2))) <= ?")
            params += [lat, lat, lon, km]
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        cursor = self.db.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events {where} "
                                 "ORDER BY event_date NULLS LAST, event_id", params)
        return [row_to_event(dict(zip(EVENT_COLUMNS, row))) for row in cursor.fetchall()]


def _fused_row(f: dict[str, Any]) -> tuple:
    loc = f.get("location") or {}
    return (f["fused_id"], f["event_date"], f["event_type"], f["sub_event_type"], f["actor1"], f["actor2"],
            loc.get("gazetteer_id"), loc.get("latitude"), loc.get("longitude"), f["source_count"], f["confidence"],
            json.dumps(f, ensure_ascii=False, sort_keys=True))


def _iso_dates(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in ("location", "evidence", "origin", "destination", "attrs"):
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    return row


def row_to_event(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row back into the output shape of `sitrep extract`."""
    location = None
    if row["gazetteer_id"] is not None or row["location_name"] is not None:
        location = {"name": row["location_name"], "mention": row["location_mention"], "latitude": row["latitude"],
                    "longitude": row["longitude"], "country": row["country"], "country_code": row["country_code"],
                    "admin1": row["admin1"], "geo_precision": row["geo_precision"],
                    "gazetteer_id": row["gazetteer_id"], "feature_type": row["feature_type"]}
    out = {k: row[k] for k in ("event_id", "document_id", "time_precision", "event_type", "sub_event_type", "actor1",
                               "inter1", "actor2", "inter2", "fatalities", "outcome", "background", "trigger")}
    out["event_date"] = row["event_date"].isoformat() if row["event_date"] else None
    out["event_date_end"] = row["event_date_end"].isoformat() if row["event_date_end"] else None
    out["location"] = location
    out["confidence"] = row["confidence"]
    out["evidence"] = json.loads(row["evidence"]) if isinstance(row["evidence"], str) else row["evidence"]
    return out


DIGEST_TABLES = ("documents", "events", "equipment", "displacement", "mentions", "fused_events", "fused_members")


def table_digest(path: str | Path) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent hash of every stored table (ingest timestamps left out): two databases
    with equal digests hold the same rows, whatever the engine or order that wrote them."""
    import hashlib

    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for table in DIGEST_TABLES:
            query = f"SELECT * EXCLUDE (ingested_at) FROM {table}" if table == "documents" else f"SELECT * FROM {table}"
            rows = sorted(repr(row) for row in con.execute(query).fetchall())
            out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16])
        return out
    finally:
        con.close()
