"""Reading reports: plain-text files, folders of them, JSON Lines (one document a line), CSV and Parquet archives
(sitrep.archives), HTML pages saved or at http(s) URLs (sitrep.htmlpages) and standard input. Bad inputs become
InputError values in the stream, so one bad file (or unreachable URL) never stops the batch."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Union

from . import errors
from .archives import ARCHIVE_SUFFIXES, CSV_SUFFIXES, read_csv, read_parquet
from .errors import InputError
from .fetch import is_url
from .htmlpages import HTML_SUFFIXES
from .model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
DEFAULT_MAX_MB = 10.0

Item = Union[Document, InputError]


@dataclass(frozen=True)
class ReadOptions:
    published: date | None = None
    max_mb: float = DEFAULT_MAX_MB
    fetcher: Any = None  # a sitrep.fetch.Fetcher for URLs; one is made on first use


def parse_date(value: str | None, *, source: str = "--published", line: int | None = None) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(source, errors.BAD_DATE.format(value=value), line=line) from exc


def _decode(raw: bytes, source: str) -> str:
    if not raw.strip():
        raise InputError(source, errors.EMPTY_FILE)
    if b"\0" in raw[:65536]:
        raise InputError(source, errors.BINARY_FILE)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, errors.NOT_UTF8.format(offset=exc.start)) from exc


def _check_size(size: int, source: str, options: ReadOptions) -> None:
    if size > options.max_mb * 1024 * 1024:
        raise InputError(source, errors.TOO_LARGE.format(size_mb=size / 1024 / 1024, limit_mb=options.max_mb))


def read_text_file(path: Path, options: ReadOptions) -> Document:
    _check_size(path.stat().st_size, str(path), options)
    text = _decode(path.read_bytes(), str(path))
    return Document(text=text, external_id=path.stem, title=None, published=options.published, origin=str(path))


def document_from_record(record: object, *, source: str, line: int, options: ReadOptions) -> Document:
    if not isinstance(record, dict):
        raise InputError(source, errors.JSON_NOT_OBJECT, line=line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, errors.JSON_NO_TEXT, line=line)
    _check_size(len(text.encode("utf-8")), f"{source}:{line}", options)
    published = parse_date(record.get("published"), source=source, line=line) or options.published
    return Document(text=text, external_id=str(record["id"]) if record.get("id") is not None else None,
                    title=record.get("title"), published=published, url=record.get("url"),
                    source=record.get("source"), origin=f"{source}:{line}")


def read_jsonl_lines(lines: Iterable[bytes], source: str, options: ReadOptions) -> Iterator[Item]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
            record = json.loads(text)
            yield document_from_record(record, source=source, line=number, options=options)
        except UnicodeDecodeError as exc:
            yield InputError(source, errors.NOT_UTF8.format(offset=exc.start), line=number)
        except json.JSONDecodeError as exc:
            yield InputError(source, errors.BAD_JSON.format(detail=exc.msg), line=number)
        except InputError as exc:
            yield exc


def _read_path(path: Path, options: ReadOptions) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        with open(path, "rb") as handle:
            yield from read_jsonl_lines(handle, str(path), options)
        return
    if suffix in CSV_SUFFIXES:
        yield from read_csv(path, options)
        return
    if suffix in ARCHIVE_SUFFIXES:
        yield from read_parquet(path, options)
        return
    try:
        if suffix in HTML_SUFFIXES:
            from .htmlpages import read_html_file

            yield read_html_file(path, options)
        else:
            yield read_text_file(path, options)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(path, exc.strerror or str(exc))


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")
                  and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | ARCHIVE_SUFFIXES)


def read_stdin(options: ReadOptions) -> Iterator[Item]:
    raw = sys.stdin.buffer.read()
    stripped = raw.lstrip()
    if stripped.startswith(b"{"):
        yield from read_jsonl_lines(raw.splitlines(), "<stdin>", options)
        return
    try:
        text = _decode(raw, "<stdin>")
        _check_size(len(raw), "<stdin>", options)
        yield Document(text=text, published=options.published, origin="<stdin>")
    except InputError as exc:
        yield exc


def _read_url(url: str, options: ReadOptions) -> Iterator[Item]:
    from .htmlpages import fetch_page

    try:
        yield fetch_page(url, fetcher=options.fetcher, published=options.published, external_id=url)
    except InputError as exc:
        yield exc


def read_inputs(inputs: Iterable[str | Path], *, published: date | None = None,
                max_mb: float = DEFAULT_MAX_MB, fetcher: Any = None) -> Iterator[Item]:
    """Every document in `inputs` (files, folders, http(s) URLs of HTML pages, '-'), in order; unreadable ones
    (and pages that cannot be fetched) as InputError."""
    options = ReadOptions(published=published, max_mb=max_mb, fetcher=fetcher)
    for item in inputs:
        if str(item) == "-":
            yield from read_stdin(options)
            continue
        if is_url(str(item)):
            if options.fetcher is None:
                from .fetch import Fetcher

                options = ReadOptions(published=published, max_mb=max_mb, fetcher=Fetcher())
            yield from _read_url(str(item), options)
            continue
        path = Path(item)
        if path.is_dir():
            for child in _folder_files(path):
                yield from _read_path(child, options)
        elif path.exists():
            yield from _read_path(path, options)
        else:
            yield InputError(path, errors.NOT_FOUND)
