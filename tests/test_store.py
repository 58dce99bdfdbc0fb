"""Storage: idempotent ingest, queries, and consistency after an interrupted run."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sitrep.api import ingest, query_events
from sitrep.store import Store

from .conftest import FIXTURES

REPORTS = sorted(str(p) for p in FIXTURES.glob("*.txt"))


def test_ingest_twice_stores_once(tmp_path):
    db = tmp_path / "s.duckdb"
    first = ingest(REPORTS[:3], db=db)
    second = ingest(REPORTS[:3], db=db)
    assert first.stored == 3 and second.stored == 0 and second.already_stored == 3
    store = Store.open(db, read_only=True)
    counts = store.counts()
    store.close()
    assert counts["documents"] == 3 and counts["events"] > 0


def test_stored_events_equal_extracted(tmp_path):
    from sitrep.api import extract

    db = tmp_path / "s.duckdb"
    ingest(REPORTS[:2], db=db)
    stored = {e["event_id"]: e for e in query_events(db=db)}
    extracted = {e["event_id"]: e for e in extract(REPORTS[:2]).combined()["events"]}
    assert stored.keys() == extracted.keys()
    for key, event in extracted.items():
        mine = stored[key]
        for field in ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "fatalities", "background",
                      "evidence"):
            assert mine[field] == event[field], field


def _table_rows(db) -> dict[str, list[str]]:
    store = Store.open(db, read_only=True)
    try:
        return {table: sorted(map(repr, store.db.execute(
                    f"SELECT * EXCLUDE (ingested_at) FROM {table}" if table == "documents" else f"SELECT * FROM {table}"
                ).fetchall()))
                for table in ("documents", "events", "equipment", "displacement", "mentions")}
    finally:
        store.close()


def test_many_documents_per_transaction_store_what_one_at_a_time_stores(tmp_path):
    from sitrep.api import Extractor
    from sitrep.sources import read_inputs

    processed = list(Extractor().process(read_inputs(REPORTS[:4]), []))
    one_by_one, together = tmp_path / "one.duckdb", tmp_path / "many.duckdb"
    store = Store.open(one_by_one)
    assert [store.save(doc, result) for doc, result in processed] == [True] * 4
    store.close()
    store = Store.open(together)
    assert store.save_many(processed[:1]) == [True]
    # the first is stored already, the fourth comes twice in one transaction: stored once, reported once
    assert store.save_many([*processed, processed[3]]) == [False, True, True, True, False]
    assert store.save_many([]) == []
    store.close()
    rows = _table_rows(together)
    assert rows == _table_rows(one_by_one)
    assert len(rows["documents"]) == 4 and rows["events"] and rows["mentions"]


def test_query_filters(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest(REPORTS, db=db)
    everything = query_events(db=db)
    battles = query_events(db=db, event_type="Battles")
    assert battles and all(e["event_type"] == "Battles" for e in battles)
    assert len(battles) < len(everything)
    since = query_events(db=db, since=__import__("datetime").date(2020, 1, 1))
    assert since and all(e["event_date"] >= "2020-01-01" for e in since)
    near = query_events(db=db, near=(35.86, 36.80, 30))  # Saraqib
    assert near and all(abs(e["location"]["latitude"] - 35.86) < 0.5 for e in near)


def test_interrupted_ingest_is_consistent_and_resumable(tmp_path):
    db = tmp_path / "s.duckdb"
    folder = tmp_path / "reports"
    folder.mkdir()
    total = 0
    for index in range(60):  # long enough that an 8 s run cannot finish it on one worker
        for report in REPORTS[:4]:
            text = Path(report).read_text(encoding="utf-8")
            (folder / f"{index:02d}-{Path(report).name}").write_text(f"{text}\n\nCopy {index}.", encoding="utf-8")
            total += 1
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    process = subprocess.Popen([sys.executable, "-m", "sitrep", "ingest", str(folder), "--db", str(db), "--quiet",
                                "--workers", "1"], env=env, stderr=subprocess.PIPE)
    time.sleep(8)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    partial = _stored(db)
    assert partial < total, "the run finished before it could be interrupted; make the batch larger"
    if process.returncode != 0:
        assert b"interrupted" in stderr or process.returncode == -signal.SIGTERM
    resumed = ingest([folder], db=db)
    assert resumed.already_stored == partial
    assert resumed.stored == total - partial
    assert _stored(db) == total
    store = Store.open(db, read_only=True)
    orphans = store.db.execute("SELECT count(*) FROM events WHERE document_id NOT IN "
                               "(SELECT document_id FROM documents)").fetchone()[0]
    store.close()
    assert orphans == 0


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    store = Store.open(db, read_only=True)
    try:
        return store.counts()["documents"]
    finally:
        store.close()
