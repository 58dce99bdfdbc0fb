"""Bad input: each gets a clear message naming the file (and line); the rest of the batch is still processed."""
from __future__ import annotations

import json

from sitrep.api import extract, ingest
from sitrep.store import Store

GOOD = "On 3 March 2019, Houthi fighters captured the town of Hazm after heavy clashes with government forces."


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _bad_batch(tmp_path):
    good = _write(tmp_path, "good.txt", GOOD)
    empty = _write(tmp_path, "empty.txt", "")
    binary = _write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0IHDR")
    latin1 = _write(tmp_path, "latin1.txt", "Fighting near Saraqib on 3 March 2020 - caf\xe9".encode("latin-1"))
    jsonl = _write(tmp_path, "feed.jsonl", "\n".join([
        json.dumps({"id": "a", "text": GOOD, "published": "2019-03-04"}),
        "{not json",
        json.dumps({"id": "c", "title": "no text"}),
        json.dumps({"id": "d", "text": "Russian forces shelled Kharkiv on Tuesday.", "published": "2022-05-12"}),
    ]))
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.seek(50 * 1024 * 1024)
        handle.write(b"x")
    return [good, empty, binary, latin1, jsonl, big, tmp_path / "missing.txt"]


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    report = extract(_bad_batch(tmp_path))
    messages = [str(e) for e in report.errors]
    assert any("empty.txt" in m and "empty" in m for m in messages)
    assert any("binary.txt" in m and "binary" in m for m in messages)
    assert any("latin1.txt" in m and "UTF-8" in m for m in messages)
    assert any("feed.jsonl:2" in m and "JSON" in m for m in messages)
    assert any("feed.jsonl:3" in m and "text" in m for m in messages)
    assert any("huge.txt" in m and "MB" in m for m in messages)
    assert any("missing.txt" in m for m in messages)
    assert len(report.errors) == 7
    origins = {d["origin"] for r in report.results for d in r["documents"]}
    assert any(o.endswith("good.txt") for o in origins)
    assert any(o.endswith("feed.jsonl:1") for o in origins) and any(o.endswith("feed.jsonl:4") for o in origins)


def test_bad_inputs_do_not_stop_ingest(tmp_path):
    db = tmp_path / "s.duckdb"
    report = ingest(_bad_batch(tmp_path), db=db)
    assert not report.ok and report.stored == 3
    store = Store.open(db, read_only=True)
    assert store.counts()["documents"] == 3
    store.close()


def test_cli_exit_code_and_message(tmp_path):
    from sitrep.cli import main

    good = _write(tmp_path, "good.txt", GOOD)
    bad = _write(tmp_path, "bad.txt", b"\xff\xfe\x00\x01")
    out = tmp_path / "out.json"
    assert main(["extract", str(good), str(bad), "-o", str(out), "--quiet"]) == 1
    assert json.loads(out.read_text())["documents"]
