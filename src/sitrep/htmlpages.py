"""HTML pages (saved files or http(s) URLs) as documents: trafilatura extracts the main text, title, publication date
and outlet, offline, and drops navigation, footers and other boilerplate. The stored document text is the extracted
text, so evidence offsets point into it."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from . import errors
from .errors import FetchError, InputError
from .model import Document

if TYPE_CHECKING:
    from .fetch import Fetcher
    from .sources import ReadOptions

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def document_from_html(raw: bytes | str, *, source: str, url: str | None = None, external_id: str | None = None,
                       published: date | None = None, origin: str | None = None) -> Document:
    """The article in one HTML page. `published` is used only when the page states no date."""
    import trafilatura

    if isinstance(raw, bytes):
        if not raw.strip():
            raise InputError(source, errors.EMPTY_FILE)
        if b"\0" in raw[:65536]:
            raise InputError(source, errors.BINARY_FILE)
    try:
        extracted = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False,
                                                include_tables=False, include_images=False, deduplicate=False)
    except Exception as exc:  # lxml can raise on pathological markup
        raise InputError(source, errors.NO_MAIN_TEXT + f" ({exc})") from exc
    text = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    if not text:
        raise InputError(source, errors.NO_MAIN_TEXT)
    page_date = _date(getattr(extracted, "date", None))
    outlet = getattr(extracted, "sitename", None) or getattr(extracted, "hostname", None)
    if not outlet and url:
        outlet = urlsplit(url).hostname
    return Document(text=text, external_id=external_id, title=getattr(extracted, "title", None) or None,
                    published=page_date or published, url=url or getattr(extracted, "url", None),
                    source=outlet, origin=origin or source)


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_html_file(path: Path, options: "ReadOptions") -> Document:
    from .sources import _check_size

    _check_size(path.stat().st_size, str(path), options)
    return document_from_html(path.read_bytes(), source=str(path), external_id=path.stem,
                              published=options.published, origin=str(path))


def fetch_page(url: str, *, fetcher: "Fetcher", published: date | None = None,
               external_id: str | None = None) -> Document:
    """Fetch and extract one web page; FetchError when it cannot be fetched or holds no article."""
    response = fetcher.get(url)
    kind = response.content_type.split(";")[0].strip().lower()
    if kind and "html" not in kind and "xml" not in kind and not kind.startswith("text/"):
        raise FetchError(url, errors.NOT_HTML.format(content_type=kind), retryable=False)
    try:
        return document_from_html(response.body, source=url, url=url, external_id=external_id, published=published,
                                  origin=url)
    except FetchError:
        raise
    except InputError as exc:  # a page without article text is garbage for now; it may be fixed later
        raise FetchError(url, exc.reason, retryable=True) from exc
