"""Two ingests into one DuckDB file at the same time: the second waits for the first (or fails with a clear
message when the wait runs out); nothing is duplicated; stored data survives a restart."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import duckdb
import pytest

from sitrep.errors import DatabaseLocked
from sitrep.store import Store

from .conftest import CAMPAIGN

SITREP = [sys.executable, "-m", "sitrep"]


@pytest.fixture(scope="module")
def small_feed(tmp_path_factory):
    lines = (CAMPAIGN / "kharkiv-2022.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_concurrent_ingests_neither_corrupt_nor_duplicate(tmp_path, small_feed):
    db = tmp_path / "shared.duckdb"
    env = {**os.environ, "SITREP_LOCK_TIMEOUT": "120"}
    runs = [subprocess.Popen([*SITREP, "ingest", str(small_feed), "--db", str(db), "--quiet"], env=env,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    assert [code for code, _ in results] == [0, 0], results
    store = Store.open(db, read_only=True)
    try:
        counts = store.counts()
        assert counts["documents"] == 3
        assert counts["events"] == store.db.execute("SELECT count(DISTINCT event_id) FROM events").fetchone()[0]
        assert store.fused_fingerprint() == store.events_fingerprint()
    finally:
        store.close()


def test_a_held_database_fails_with_a_clear_message_after_the_timeout(tmp_path):
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(db)!r}); print('ready', flush=True); sys.stdin.readline()""")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseLocked, match="in use by another sitrep process"):
            Store.open(db, timeout=0.3)
    finally:
        holder.communicate("\n", timeout=30)


def test_stored_data_survives_a_restart(campaign_db, tmp_path):
    from sitrep import api

    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(campaign_db.read_bytes())
    before = api.fused_events(db=copy)
    code = subprocess.run([*SITREP, "control", "--db", str(copy), "--at", "2022-09-11", "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert code.returncode == 0 and "Izyum" in code.stdout
    assert api.ingest([CAMPAIGN / "kharkiv-2022.jsonl"], db=copy).already_stored == 12
    assert api.fused_events(db=copy) == before
    assert duckdb.connect(str(copy), read_only=True).execute("SELECT count(*) FROM documents").fetchone()[0] == 12
