"""Archives of articles: CSV and Parquet files with the columns id, text, title, published, url, source (the same
fields as a JSON Lines record). Both are read streaming, one record (CSV) or one record batch (Parquet) at a time,
so memory stays flat however large the file; a bad row becomes an InputError naming the row, never the batch."""
from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from . import errors
from .errors import InputError

if TYPE_CHECKING:
    from .sources import Item, ReadOptions

CSV_SUFFIXES = {".csv"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
ARCHIVE_SUFFIXES = CSV_SUFFIXES | PARQUET_SUFFIXES
PARQUET_BATCH_ROWS = 256


def read_csv(path: Path, options: "ReadOptions") -> Iterator["Item"]:
    """One Document per CSV row (after the header); row numbers count the header as line 1 of the file."""
    from .sources import document_from_record

    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    source = str(path)
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        yield InputError(path, exc.strerror or str(exc))
        return
    with handle:
        reader = csv.DictReader(handle)
        try:
            if reader.fieldnames is None or "text" not in reader.fieldnames:
                yield InputError(source, errors.ARCHIVE_NO_TEXT_COLUMN)
                return
            for number, row in enumerate(reader, start=2):
                try:
                    yield document_from_record(_clean(row), source=source, line=number, options=options)
                except InputError as exc:
                    yield exc
        except UnicodeDecodeError as exc:
            yield InputError(source, errors.NOT_UTF8.format(offset=exc.start))
        except csv.Error as exc:
            yield InputError(source, errors.BAD_ARCHIVE.format(detail=exc), line=reader.line_num)


def read_parquet(path: Path, options: "ReadOptions", *, batch_rows: int = PARQUET_BATCH_ROWS) -> Iterator["Item"]:
    """One Document per Parquet row, read with pyarrow's iter_batches (one record batch in memory at a time).
    Row numbers are 1-based positions in the file."""
    from .sources import document_from_record

    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        yield InputError(path, errors.PARQUET_NEEDS_PYARROW)
        return
    source = str(path)
    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid / OSError for a file that is not Parquet
        yield InputError(source, errors.BAD_ARCHIVE.format(detail=exc))
        return
    names = set(parquet.schema_arrow.names)
    if "text" not in names:
        yield InputError(source, errors.ARCHIVE_NO_TEXT_COLUMN)
        return
    columns = [name for name in ("id", "text", "title", "published", "url", "source") if name in names]
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=batch_rows, columns=columns):
            for row in batch.to_pylist():
                number += 1
                try:
                    yield document_from_record(_clean(row), source=source, line=number, options=options)
                except InputError as exc:
                    yield exc
    except Exception as exc:  # a corrupt row group: report it, keep what was read
        yield InputError(source, errors.BAD_ARCHIVE.format(detail=exc), line=number + 1)


def _clean(row: dict) -> dict:
    """Empty CSV cells are absent values; Parquet dates and timestamps become ISO strings."""
    out = {}
    for key, value in row.items():
        if key is None or value is None or value == "":
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        out[key] = value
    return out
