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
UNDATED = ("{source}: {count} event(s) left undated: the text gives no year for its own time (a date line without "
           "one, or only 'since 2011'); pass --published YYYY-MM-DD")
YEAR_ASSUMED = ("{source}: dates assume {year}, the latest year the text names (no publication date, and no full "
                "date in the text); pass --published YYYY-MM-DD if the report is from another year")
DATABASE_LOCKED = ("{path}: the database is in use by another sitrep process (waited {waited:.0f} s); "
                   "try again when it has finished, or raise SITREP_LOCK_TIMEOUT")


class EvalDataError(SitrepError):
    """The third-party evaluation data is not where `sitrep eval` was told to look."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        super().__init__(EVAL_DATA_MISSING.format(path=self.path))


EVAL_DATA_MISSING = ("{path}: evaluation data not found (pass --data DIR or set SITREP_EVAL_DATA to the folder "
                     "holding re3d-conll/, geoparsing/, wikievents/, plover/ and event-location/)")


# Messages of the HTTP API (`sitrep serve`).
HTTP_BAD_NEAR = "'near' wants LAT,LON,KM (e.g. 34.56,38.28,50) with -90<=LAT<=90, -180<=LON<=180 and KM>0, got {value!r}"
HTTP_BAD_BBOX = ("'bbox' wants MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (e.g. 36,33,40,36) with longitudes in -180..180, "
                 "latitudes in -90..90 and MIN_LAT<=MAX_LAT, got {value!r}")
HTTP_BAD_RANGE = "'since' ({since}) is after 'until' ({until})"
HTTP_TOO_LARGE = "the request body is over the {limit_mb:g} MB limit for one document"
HTTP_UNSUPPORTED_TYPE = ("unsupported content type {value!r}: send application/json ({{\"text\": ...}}), "
                         "multipart/form-data (a 'file' or 'text' field) or text/plain")
HTTP_UPLOAD_TYPE = "uploaded file has content type {value!r}; only plain-text reports (text/plain, text/markdown) are accepted"
HTTP_BAD_BODY = "the request body is not a JSON object with a non-empty 'text' string: {detail}"
HTTP_BAD_FIELD = "'{field}' must be a string"
HTTP_NO_TEXT = "the form has neither a 'file' nor a 'text' field"
HTTP_TOKEN_REQUIRED = "writing needs 'Authorization: Bearer <token>' with the token in SITREP_API_TOKEN"
HTTP_NO_DOCUMENT = "no stored document with id {document_id!r}"
SERVE_NEEDS_TOKEN = ("refusing to listen on {host} (not a loopback address) without a write token: set {env} to a "
                     "secret, or listen on 127.0.0.1")

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
