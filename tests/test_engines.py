"""Parallel ingest: the local engine (worker processes) and the Ray engine store exactly what a one-process ingest
stores; a worker that dies mid-batch loses and duplicates nothing; an ingest SIGKILLed at a random point and re-run
gives exactly the rows of an uninterrupted run."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from sitrep import api
from sitrep.engines import KILL_ONCE_ENV
from sitrep.store import table_digest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus import write  # noqa: E402

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("corpus") / "corpus.jsonl", 200, seed=11, words=40)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("ref") / "serial.duckdb"
    report = api.ingest([corpus], db=db, workers=1)
    assert report.ok and report.stored == 200
    return table_digest(db)


def test_local_engine_with_workers_stores_what_one_process_stores(corpus, reference, tmp_path):
    db = tmp_path / "local.duckdb"
    report = api.ingest([corpus], db=db, engine="local", workers=2)
    assert report.ok and report.stored == 200
    assert table_digest(db) == reference


def test_a_local_worker_dying_mid_batch_loses_and_duplicates_nothing(corpus, reference, tmp_path, monkeypatch):
    flag = tmp_path / "killed"
    monkeypatch.setenv(KILL_ONCE_ENV, str(flag))
    db = tmp_path / "local.duckdb"
    report = api.ingest([corpus], db=db, engine="local", workers=2)
    assert flag.exists(), "the test hook did not kill a worker"
    assert report.ok and report.stored == 200
    assert table_digest(db) == reference


def test_ray_engine_stores_what_one_process_stores_even_when_an_actor_dies(corpus, reference, tmp_path,
                                                                            monkeypatch):
    pytest.importorskip("ray.data")
    flag = tmp_path / "killed"
    monkeypatch.setenv(KILL_ONCE_ENV, str(flag))
    db = tmp_path / "ray.duckdb"
    report = api.ingest([corpus], db=db, engine="ray", workers=2)
    assert flag.exists(), "the test hook did not kill an actor"
    assert report.ok, report.errors
    assert report.stored == 200
    assert table_digest(db) == reference


def test_sigkill_at_a_random_point_then_rerun_gives_the_uninterrupted_rows(corpus, reference, tmp_path):
    db = tmp_path / "killed.duckdb"
    stop_after = random.Random().randint(5, 150)  # documents stored before the kill
    driver = (f"import sys; from sitrep import api; api.ingest([{str(corpus)!r}], db={str(db)!r}, workers=2, "
              "on_document=lambda doc: print('stored', flush=True))")
    run = subprocess.Popen([sys.executable, "-c", driver], start_new_session=True, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    for _ in range(stop_after):
        assert run.stdout.readline().strip() == "stored"
    os.killpg(run.pid, signal.SIGKILL)  # the parent and its workers, mid-ingest, no clean-up
    run.wait(timeout=30)
    con = duckdb.connect(str(db), read_only=True)
    partial = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    assert stop_after <= partial < 200
    rerun = subprocess.run([sys.executable, "-m", "sitrep", "ingest", str(corpus), "--db", str(db), "--workers", "2",
                            "--quiet"], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert table_digest(db) == reference


def test_cli_ingest_takes_engine_and_workers(corpus, tmp_path):
    from sitrep.cli import main

    db = tmp_path / "cli.duckdb"
    head = tmp_path / "head.jsonl"
    head.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:5]), encoding="utf-8")
    assert main(["ingest", str(head), "--db", str(db), "--engine", "local", "--workers", "2", "--quiet"]) == 0
    assert table_digest(db)["documents"][0] == 5
    assert main(["ingest", str(head), "--db", str(db), "--engine", "local", "--quiet"]) == 0
    assert table_digest(db)["documents"][0] == 5


def test_guessed_years_are_reported_by_every_engine(tmp_path):
    from sitrep.api import ingest

    reports = tmp_path / "reports.jsonl"
    text = "KIDAL, Nov 14 - Malian troops took control of Kidal on Tuesday. The rebels signed a deal in 2015."
    reports.write_text("\n".join(json.dumps({"id": f"r{i}", "text": text + f" Report {i}."}) for i in range(4)) + "\n",
                       encoding="utf-8")
    report = ingest([reports], db=tmp_path / "s.duckdb", engine="local", workers=2, batch_size=1)
    assert report.stored == 4 and len(report.notices) == 4
