"""RSS and Atom feeds: poll, fetch only the items not seen before, extract their pages and store them.

What has been seen lives in the DuckDB file itself (table feed_items), so a restarted watcher fetches nothing twice.
An item whose page times out, errors or holds no article text stays 'pending' with its error and is tried again on
the next poll, up to MAX_ATTEMPTS polls, then marked 'failed'; it is never lost silently and never stops the poll."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

from . import errors
from .errors import InputError, SitrepError
from .fetch import Fetcher, is_url

MAX_ATTEMPTS = 5
FEED_SCHEMA = """
CREATE TABLE IF NOT EXISTS feed_items (
    item_key VARCHAR PRIMARY KEY, feed VARCHAR, link VARCHAR, title VARCHAR, status VARCHAR, attempts INTEGER,
    last_error VARCHAR, document_id VARCHAR, first_seen TIMESTAMP, last_attempt TIMESTAMP);
"""


@dataclass
class FeedItem:
    key: str
    feed: str
    link: str | None
    title: str | None
    published: date | None
    outlet: str | None
    html: str | None  # the entry's own content, used when it has no link


@dataclass
class PollReport:
    """One poll of every feed."""

    seen: int = 0  # items in the feeds
    new: int = 0  # items tried this poll (never seen, or pending a retry)
    stored: int = 0
    already_stored: int = 0
    errors: list[SitrepError] = field(default_factory=list)
    pending: int = 0  # items left to retry on a later poll


def parse_duration(value: str) -> float:
    """'90s', '10m', '2h', '1d' or a number of seconds."""
    text = str(value).strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        if text and text[-1] in units:
            seconds = float(text[:-1]) * units[text[-1]]
        else:
            seconds = float(text)
    except ValueError as exc:
        raise SitrepError(f"--every wants a duration such as 90s, 10m or 1h, got {value!r}") from exc
    if seconds <= 0:
        raise SitrepError(f"--every must be positive, got {value!r}")
    return seconds


def read_feed(feed: str, fetcher: Fetcher) -> list[FeedItem]:
    """The items of one feed (a URL or a file); FetchError/InputError when it cannot be read."""
    import feedparser

    if is_url(feed):
        body = fetcher.get(feed).body
    else:
        path = Path(feed)
        if not path.exists():
            raise InputError(feed, errors.NOT_FOUND)
        body = path.read_bytes()
    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        detail = str(getattr(parsed, "bozo_exception", "")) or "no items and no feed header"
        raise InputError(feed, errors.BAD_FEED.format(detail=detail))
    outlet = parsed.feed.get("title")
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        key = entry.get("id") or link
        if not key:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        content = entry.get("content")
        html = content[0].get("value") if content else entry.get("summary")
        items.append(FeedItem(str(key), feed, link, entry.get("title"), published, outlet, html))
    return items


def poll(feeds: Iterable[str], *, db: str | Path, fetcher: Fetcher | None = None, extractor: Any = None,
         max_attempts: int = MAX_ATTEMPTS) -> PollReport:
    """Read every feed once, fetch and store the items not stored yet (and retry the pending ones)."""
    from .api import Extractor, _refresh_situation, RunReport
    from .htmlpages import document_from_html, fetch_page
    from .store import Store

    fetcher = fetcher or Fetcher()
    extractor = extractor or Extractor()
    report = PollReport()
    items: list[FeedItem] = []
    for feed in feeds:
        try:
            items.extend(read_feed(feed, fetcher))
        except InputError as exc:
            report.errors.append(exc)
    report.seen = len(items)
    store = Store.open(db)
    try:
        store.db.execute(FEED_SCHEMA)
        for item in items:
            row = store.db.execute("SELECT status, attempts FROM feed_items WHERE item_key = ?",
                                   [item.key]).fetchone()
            if row and row[0] in ("done", "failed"):
                continue
            attempts = (row[1] if row else 0) + 1
            report.new += 1
            try:
                if item.link and is_url(item.link):
                    doc = fetch_page(item.link, fetcher=fetcher, published=item.published, external_id=item.key)
                elif item.html:
                    doc = document_from_html(item.html, source=item.key, url=item.link, external_id=item.key,
                                             published=item.published, origin=item.feed)
                else:
                    raise InputError(item.key, errors.NO_MAIN_TEXT)
            except InputError as exc:
                report.errors.append(exc)
                retry = getattr(exc, "retryable", True) and attempts < max_attempts
                report.pending += retry
                _mark(store, item, "pending" if retry else "failed", attempts, str(exc.reason), None)
                continue
            doc.title = doc.title or item.title
            doc.source = doc.source or item.outlet
            if store.has_document(doc.id):
                report.already_stored += 1
            else:
                for done, result in extractor.process([doc], report.errors):
                    if store.save(done, result):
                        report.stored += 1
                    else:
                        report.already_stored += 1
            _mark(store, item, "done", attempts, None, doc.id)
    finally:
        _refresh_situation(store, RunReport(stored=report.stored))
        store.close()
    return report


def _mark(store: Any, item: FeedItem, status: str, attempts: int, error: str | None, document_id: str | None) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    store.db.execute(
        "INSERT INTO feed_items VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (item_key) DO UPDATE SET "
        "status = excluded.status, attempts = excluded.attempts, last_error = excluded.last_error, "
        "document_id = excluded.document_id, last_attempt = excluded.last_attempt",
        [item.key, item.feed, item.link, item.title, status, attempts, error, document_id, now, now])


def watch(feeds: list[str], *, db: str | Path, every: float = 600.0, once: bool = False, polls: int | None = None,
          fetcher: Fetcher | None = None, on_poll: Callable[[PollReport], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> list[PollReport]:
    """Poll `feeds` every `every` seconds (once with `once`, or `polls` times); the pipeline is loaded once."""
    from .api import Extractor

    fetcher = fetcher or Fetcher()
    extractor = Extractor()
    reports: list[PollReport] = []
    limit = 1 if once else polls
    while True:
        started = time.monotonic()
        report = poll(feeds, db=db, fetcher=fetcher, extractor=extractor)
        reports.append(report)
        if on_poll:
            on_poll(report)
        if limit is not None and len(reports) >= limit:
            return reports
        sleep(max(0.0, every - (time.monotonic() - started)))
