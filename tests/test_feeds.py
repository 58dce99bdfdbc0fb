"""Web pages and RSS feeds served from a local http.server on 127.0.0.1: new items are each ingested once across
polls and restarts, a page that times out or returns garbage is reported and retried on a later poll, and fetch
errors never stop a batch."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from sitrep import api
from sitrep.errors import FetchError
from sitrep.feeds import parse_duration, poll
from sitrep.fetch import USER_AGENT, Fetcher

PAGE = """<html><head><title>{title} | Levant Monitor</title>
<meta property="og:site_name" content="Levant Monitor">
<meta property="article:published_time" content="{published}T09:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a> | Subscribe now</nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>Local sources said the fighting continued into the night and several families left the area.</p>
</article>
<footer>Copyright 2016 Levant Monitor. All rights reserved. Cookie policy. Newsletter sign-up.</footer>
</body></html>"""
BODIES = {
    "a": "Fighters of the Syrian Democratic Forces captured the village of Abu Qalqal near Manbij on Tuesday.",
    "b": "Islamic State militants attacked SDF positions near Manbij on Wednesday, killing two fighters.",
    "c": "Coalition aircraft struck Islamic State targets in al-Bab on Thursday, killing at least 9 civilians.",
    "slow": "Syrian army forces shelled rebel positions in Saraqib on Friday, killing four fighters.",
    "junk": "Turkish-backed rebels clashed with the SDF near Manbij on Saturday.",
}


def rss(base: str, keys: list[str]) -> str:
    items = "".join(f"<item><title>Report {k}</title><link>{base}/page/{k}</link><guid>{base}/page/{k}</guid>"
                    f"<pubDate>Sun, 12 Jun 2016 09:00:00 GMT</pubDate></item>" for k in keys)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Levant Monitor</title><link>{base}</link>'
            f"<description>test</description>{items}</channel></rss>")


class Site:
    """What the test server serves; tests change it between polls."""

    def __init__(self) -> None:
        self.items = ["a", "b"]
        self.slow: set[str] = set()  # pages that stall longer than the client timeout
        self.junk: set[str] = set()  # pages that answer binary garbage
        self.hits: dict[str, int] = {}
        self.agents: set[str] = set()
        self.base = ""


@pytest.fixture()
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802 - http.server's name
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            state.agents.add(self.headers.get("User-Agent", ""))
            if self.path == "/feed.rss":
                self._send(200, "application/rss+xml", rss(state.base, state.items).encode())
            elif self.path.startswith("/page/"):
                key = self.path.rsplit("/", 1)[1]
                if key in state.slow:
                    time.sleep(1.5)
                if key in state.junk:
                    self._send(200, "text/html", b"\x00\x01\x02garbage\xff" * 50)
                    return
                body = PAGE.format(title=f"Report {key}", published="2016-06-12", body=BODIES[key])
                self._send(200, "text/html; charset=utf-8", body.encode())
            else:
                self._send(404, "text/plain", b"not found")

        def _send(self, status, kind, body):
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def fast_fetcher() -> Fetcher:
    return Fetcher(timeout=0.5, retries=1, backoff=0.05, host_delay=0.0)


def stored(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT external_id, title, published, source, url FROM documents "
                           "ORDER BY external_id").fetchall()
    finally:
        con.close()


def test_items_added_between_polls_are_each_ingested_once(site, tmp_path):
    db, feed = tmp_path / "w.duckdb", f"{site.base}/feed.rss"
    first = poll([feed], db=db, fetcher=fast_fetcher())
    assert (first.seen, first.new, first.stored, first.errors) == (2, 2, 2, [])
    site.items.append("c")
    second = poll([feed], db=db, fetcher=fast_fetcher())  # a new fetcher and pipeline: as after a restart
    assert (second.seen, second.new, second.stored) == (3, 1, 1)
    third = poll([feed], db=db, fetcher=fast_fetcher())
    assert (third.new, third.stored) == (0, 0)
    rows = stored(db)
    assert [r[0] for r in rows] == [f"{site.base}/page/{k}" for k in "abc"]
    assert all(r[1].startswith("Report ") and r[3] == "Levant Monitor" and str(r[2]) == "2016-06-12" for r in rows)
    assert site.hits["/page/a"] == 1 and site.hits["/page/c"] == 1  # seen items are not fetched again
    assert any(agent.startswith("sitrep/") for agent in site.agents) and USER_AGENT.startswith("sitrep/")


def test_a_timing_out_or_garbage_page_is_reported_and_retried_on_a_later_poll(site, tmp_path):
    db, feed = tmp_path / "w.duckdb", f"{site.base}/feed.rss"
    site.items = ["a", "slow", "junk"]
    site.slow.add("slow")
    site.junk.add("junk")
    first = poll([feed], db=db, fetcher=fast_fetcher())
    assert first.stored == 1 and first.pending == 2
    messages = " ".join(str(e) for e in first.errors)
    assert "timed out" in messages and "/page/slow" in messages and "/page/junk" in messages
    assert site.hits["/page/slow"] == 2  # one retry with back-off inside the poll
    site.slow.clear()
    site.junk.clear()
    second = poll([feed], db=db, fetcher=fast_fetcher())
    assert (second.new, second.stored, second.pending, second.errors) == (2, 2, 0, [])
    assert len(stored(db)) == 3
    assert poll([feed], db=db, fetcher=fast_fetcher()).new == 0


def test_watch_polls_and_the_cli_runs_once(site, tmp_path):
    from sitrep.cli import main

    db, feed = tmp_path / "w.duckdb", f"{site.base}/feed.rss"
    reports = api.watch([feed], db=db, polls=2, every=0.01, fetcher=fast_fetcher())
    assert [r.stored for r in reports] == [2, 0]
    site.items.append("c")
    assert main(["watch", feed, "--db", str(db), "--once", "--timeout", "2", "--host-delay", "0", "--quiet"]) == 0
    assert len(stored(db)) == 3
    assert parse_duration("10m") == 600 and parse_duration("90s") == 90 and parse_duration("2h") == 7200


def test_html_urls_in_a_batch_and_fetch_errors_are_not_fatal(site, tmp_path):
    db = tmp_path / "u.duckdb"
    report = api.ingest([f"{site.base}/page/a", f"{site.base}/missing", "http://127.0.0.1:9/closed"], db=db,
                        fetcher=fast_fetcher())
    assert report.stored == 1 and len(report.errors) == 2
    assert all(isinstance(e, FetchError) for e in report.errors)
    assert "HTTP 404" in str(report.errors[0]) and "could not be fetched" in str(report.errors[1])
    con = duckdb.connect(str(db), read_only=True)
    text = con.execute("SELECT text FROM documents").fetchone()[0]
    evidence = con.execute("SELECT evidence FROM events").fetchall()
    con.close()
    assert "Subscribe" not in text and "Copyright" not in text and "Abu Qalqal" in text
    import json

    for (raw,) in evidence:
        for span in json.loads(raw):
            assert text[span["start"]:span["end"]] == span["text"]


def test_the_fetcher_waits_between_requests_to_one_host(site):
    pauses: list[float] = []
    fetcher = Fetcher(timeout=2, retries=0, host_delay=0.5, sleep=pauses.append)
    fetcher.get(f"{site.base}/page/a")
    fetcher.get(f"{site.base}/page/b")
    assert pauses and 0.3 < pauses[-1] <= 0.5
