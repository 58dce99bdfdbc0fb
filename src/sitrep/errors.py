"""Every error sitrep raises, and the wording of its messages, in one place."""
from __future__ import annotations

from pathlib import Path


class SitrepError(Exception):
    """Base class: anything sitrep reports to a user as a clean message."""


class InputError(SitrepError):
    """One input (a file, or one line of a JSON Lines file) could not be read as a report."""

    def __init__(self, source: str | Path, reason: str, *, line: int | None = None) -> None:
        self.source = str(source)
        self.line = line
        self.reason = reason
        where = f"{self.source}:{line}" if line is not None else self.source
        super().__init__(f"{where}: {reason}")


class ConfigError(SitrepError):
    """A pipeline configuration names a stage that does not exist or is out of order."""


class StorageError(SitrepError):
    """The database could not be opened or written."""


class DatabaseLocked(StorageError):
    """Another sitrep process held the database for longer than the lock timeout."""


class GazetteerError(SitrepError):
    """A gazetteer dump could not be imported."""


# Messages shown for bad input. Kept together so the wording stays consistent and tests can refer to them.
EMPTY_FILE = "file is empty (no text to read)"
BINARY_FILE = "looks like a binary file, not text (contains NUL bytes)"
NOT_UTF8 = "is not valid UTF-8 text (first bad byte at offset {offset})"
TOO_LARGE = "is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit for one document (split it or raise --max-mb)"
BAD_JSON = "is not valid JSON: {detail}"
JSON_NOT_OBJECT = "a JSON Lines record must be an object with a 'text' field"
JSON_NO_TEXT = "record has no non-empty 'text' field"
BAD_DATE = "'published' must be an ISO date (YYYY-MM-DD), got {value!r}"
NOT_FOUND = "no such file or folder"
DATABASE_LOCKED = ("{path}: the database is in use by another sitrep process (waited {waited:.0f} s); "
                   "try again when it has finished, or raise SITREP_LOCK_TIMEOUT")


class EvalDataError(SitrepError):
    """The third-party evaluation data is not where `sitrep eval` was told to look."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        super().__init__(EVAL_DATA_MISSING.format(path=self.path))


EVAL_DATA_MISSING = ("{path}: evaluation data not found (pass --data DIR or set SITREP_EVAL_DATA to the folder "
                     "holding re3d-conll/, geoparsing/, wikievents/, plover/ and event-location/)")


# Archives (CSV, Parquet), web pages and feeds.
ARCHIVE_NO_TEXT_COLUMN = "has no 'text' column (an archive needs id, text and optionally title, published, url, source)"
BAD_ARCHIVE = "cannot be read as an archive: {detail}"
PARQUET_NEEDS_PYARROW = "reading Parquet needs pyarrow (pip install pyarrow)"
FETCH_FAILED = "could not be fetched: {detail}"
FETCH_TIMEOUT = "timed out after {seconds:g} s ({attempts} attempt(s)); it will be retried on a later poll"
HTTP_STATUS = "the server answered HTTP {status} {reason}"
NOT_HTML = "is not an HTML page (content type {content_type!r})"
NO_MAIN_TEXT = "no article text found in the page (boilerplate only, or not an article)"
BAD_FEED = "is not an RSS or Atom feed: {detail}"


class FetchError(InputError):
    """A URL could not be fetched (network error, timeout, HTTP error status). `retryable` says whether asking
    again later may succeed (timeouts, connection errors, 5xx, 429), as opposed to a 404 or a page that is not HTML."""

    def __init__(self, source: str | Path, reason: str, *, retryable: bool = True) -> None:
        super().__init__(source, reason)
        self.retryable = retryable
