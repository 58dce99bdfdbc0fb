"""Archives (JSON Lines, CSV, Parquet) give the same documents; they are read streaming (memory flat however many
rows); bad rows are reported with their row and the rest still read; saved HTML pages become their article text."""
from __future__ import annotations

import csv
import sys
import tracemalloc
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep import api
from sitrep.errors import InputError
from sitrep.model import Document
from sitrep.sources import read_inputs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus import article, write  # noqa: E402


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("archives")
    return {kind: write(folder / f"corpus.{kind}", 30, seed=3, words=80) for kind in ("jsonl", "csv", "parquet")}


def test_the_three_archive_formats_give_the_same_documents(archives):
    read = {kind: list(read_inputs([path])) for kind, path in archives.items()}
    assert all(isinstance(item, Document) for items in read.values() for item in items)
    fields = {kind: [(d.id, d.text, d.title, d.published, d.url, d.source) for d in items]
              for kind, items in read.items()}
    assert len(fields["jsonl"]) == 30 and fields["jsonl"] == fields["csv"] == fields["parquet"]
    assert read["csv"][0].origin.endswith("corpus.csv:2") and read["parquet"][0].origin.endswith("corpus.parquet:1")


def test_a_folder_picks_up_archives_and_html(archives, tmp_path):
    (tmp_path / "a.csv").write_bytes(archives["csv"].read_bytes())
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    docs = list(read_inputs([tmp_path]))
    assert len(docs) == 31 and all(isinstance(d, Document) for d in docs)


def test_bad_rows_are_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "bad.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "text", "published"])
        writer.writerow(["1", "Shelling hit Kharkiv on Monday.", "2022-05-02"])
        writer.writerow(["2", "", ""])
        writer.writerow(["3", "Clashes near Izium.", "not a date"])
        writer.writerow(["4", "Airstrikes on Idlib.", ""])
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "InputError", "Document"]
    assert items[1].line == 3 and "text" in items[1].reason and items[2].line == 4
    table = pa.table({"id": ["x"], "body": ["no text column"]})
    pq.write_table(table, tmp_path / "notext.parquet")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 this is not parquet")
    errors = list(read_inputs([tmp_path / "notext.parquet", tmp_path / "broken.parquet"]))
    assert all(isinstance(e, InputError) for e in errors) and "'text' column" in str(errors[0])


@pytest.mark.parametrize("kind", ["csv", "parquet", "jsonl"])
def test_archives_are_read_streaming(kind, tmp_path):
    """Peak Python memory while reading 3,000 articles (about 7 MB of text) stays a fraction of the file."""
    path = write(tmp_path / f"big.{kind}", 3000, seed=5, words=300, row_group=200)
    text_bytes = sum(len(article(i, seed=5, words=300)["text"]) for i in range(0, 3000, 100)) * 100
    tracemalloc.start()
    try:
        count = sum(1 for item in read_inputs([path]) if isinstance(item, Document))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000
    assert peak < text_bytes / 3, (peak, text_bytes)


PAGE = """<!doctype html><html><head><title>Manbij encircled | Levant Monitor</title>
<meta property="og:site_name" content="Levant Monitor">
<meta property="article:published_time" content="2016-06-12T10:00:00Z"></head>
<body><header><nav>Home | World | Middle East | Sport | Subscribe</nav></header>
<article><h1>Manbij encircled</h1>
<p>Fighters of the Syrian Democratic Forces encircled the Islamic State-held city of Manbij on Friday after seizing
the last road linking it to the Turkish border.</p>
<p>Coalition aircraft struck Islamic State targets in Manbij on Wednesday, destroying two tanks, according to a
coalition statement. A separate strike on the town of al-Bab killed at least 9 civilians, activists said.</p>
</article>
<aside>Most read: Ten recipes for summer</aside>
<footer>Copyright 2016 Levant Monitor. All rights reserved. Cookie settings.</footer></body></html>"""


def test_a_saved_html_page_becomes_its_article_text_with_metadata(tmp_path):
    page = tmp_path / "manbij.html"
    page.write_text(PAGE, encoding="utf-8")
    (doc,) = read_inputs([page])
    assert isinstance(doc, Document)
    assert doc.title == "Manbij encircled" and doc.source == "Levant Monitor" and str(doc.published) == "2016-06-12"
    assert "Manbij on Friday" in doc.text
    assert not any(junk in doc.text for junk in ("Subscribe", "Copyright", "recipes", "Cookie"))
    result = api.extract([page]).combined()
    assert result["events"]
    for event in result["events"]:
        for span in event["evidence"]:
            assert doc.text[span["start"]:span["end"]] == span["text"]


def test_an_html_file_without_an_article_is_an_input_error(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><script>var x = 1;</script></head><body><img src=a.png></body></html>", encoding="utf-8")
    (item,) = read_inputs([empty])
    assert isinstance(item, InputError) and "no article text" in item.reason
