"""Writing results: JSON (one object), JSON Lines, ACLED-style CSV and GeoJSON ([longitude, latitude] points)."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

from .vocabulary import plover_event_type

FORMATS = ("json", "jsonl", "csv", "geojson")

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                 "inter1", "actor2", "inter2", "interaction", "country", "iso", "admin1", "location", "latitude",
                 "longitude", "geo_precision", "source", "notes", "fatalities", "outcome", "background",
                 "confidence", "plover_event_type", "document_id", "evidence_start", "evidence_end")


def acled_row(event: dict[str, Any], *, source: str | None = None) -> dict[str, Any]:
    loc = event.get("location") or {}
    evidence = event.get("evidence") or []
    inters = sorted(i for i in (event.get("inter1"), event.get("inter2")) if i is not None)
    return {
        "event_id_cnty": event["event_id"],
        "event_date": event["event_date"],
        "year": (event["event_date"] or "")[:4],
        "time_precision": event["time_precision"],
        "event_type": event["event_type"],
        "sub_event_type": event["sub_event_type"],
        "actor1": event["actor1"], "inter1": event.get("inter1"),
        "actor2": event["actor2"], "inter2": event.get("inter2"),
        "interaction": int("".join(str(i) for i in inters)) if inters else None,
        "country": loc.get("country"), "iso": loc.get("country_code"), "admin1": loc.get("admin1"),
        "location": loc.get("name"), "latitude": loc.get("latitude"), "longitude": loc.get("longitude"),
        "geo_precision": loc.get("geo_precision"),
        "source": source,
        "notes": " ".join(span["text"] for span in evidence),
        "fatalities": event["fatalities"] if event["fatalities"] is not None else 0,
        "outcome": event.get("outcome"), "background": event.get("background"),
        "confidence": event.get("confidence"),
        "plover_event_type": plover_event_type(event["sub_event_type"], event.get("trigger")),
        "document_id": event["document_id"],
        "evidence_start": evidence[0]["start"] if evidence else None,
        "evidence_end": evidence[0]["end"] if evidence else None,
    }


def to_csv(events: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(acled_row(event))
    return buffer.getvalue()


def to_geojson(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for event in events:
        loc = event.get("location")
        if not loc or loc.get("latitude") is None:
            continue
        properties = {k: v for k, v in event.items() if k != "location"}
        properties.update(location_name=loc["name"], geo_precision=loc["geo_precision"], country=loc["country"])
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [loc["longitude"], loc["latitude"]]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def render(combined: dict[str, list[dict[str, Any]]], fmt: str, *, per_document: list[dict[str, Any]] | None = None) -> str:
    """Text of `combined` results (documents/events/equipment/...) in `fmt`."""
    if fmt == "json":
        return json.dumps(combined, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        rows = per_document if per_document is not None else [combined]
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if fmt == "csv":
        return to_csv(combined["events"])
    if fmt == "geojson":
        return json.dumps(to_geojson(combined["events"]), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_events(events: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
    if fmt == "json":
        return json.dumps({"events": events}, ensure_ascii=False, indent=2) + "\n"
    return render({"events": events}, fmt)


# --------------------------------------------------------------------------- situation picture (control, losses, displacement)

TABLE_FORMATS = ("table", "json", "csv")
CONTROL_FORMATS = ("table", "json", "geojson")


def _cell(value: Any) -> str:
    if value is None:
        return "?"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def to_table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    """A plain fixed-width table; '?' marks an unknown value."""
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"


def rows_to_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c) for c in columns})
    return buffer.getvalue()


def render_rows(rows: list[dict[str, Any]], fmt: str, *, key: str, columns: tuple[str, ...]) -> str:
    """`rows` as a table or CSV (the given columns) or as JSON ({key: rows}, every field)."""
    if fmt == "table":
        return to_table(rows, columns)
    if fmt == "csv":
        return rows_to_csv(rows, columns)
    if fmt == "json":
        return json.dumps({key: rows}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "geojson":
        return json.dumps(points_geojson(rows), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}")


def points_geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows carrying `latitude`/`longitude` as GeoJSON points ([longitude, latitude])."""
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                 "properties": {k: v for k, v in r.items() if k not in ("latitude", "longitude")}}
                for r in rows if r.get("latitude") is not None]
    return {"type": "FeatureCollection", "features": features}


CONTROL_COLUMNS = ("place", "status", "controller", "since", "until", "basis", "sources")
HISTORY_COLUMNS = ("place", "status", "controller", "since", "until", "basis", "sources")
LOSSES_COLUMNS = ("category", "item", "kind", "status", "losing_actor", "gaining_actor", "count_low", "count_high",
                  "losses", "reports")
DISPLACEMENT_COLUMNS = ("date", "people_low", "people_high", "people_text", "origin", "destination", "source")


def _basis(row: dict[str, Any]) -> str:
    kinds = sorted({e["kind"] for e in row.get("evidence") or []})
    if row["status"] == "contested":
        return "claimed by " + " and ".join(c["controller"] or c["side"] for c in row["claimants"])
    if row["status"] == "unknown":
        return row.get("reason") or ""
    return "+".join(kinds)


def _source_count(row: dict[str, Any]) -> int:
    docs = set()
    for e in row.get("evidence") or []:
        docs.update(d["document_id"] for d in e.get("documents", []))
        if e.get("document_id"):
            docs.add(e["document_id"])
    return len(docs)


def control_table_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**r, "since": _since(r), "basis": _basis(r), "sources": _source_count(r)} for r in rows]


def _since(row: dict[str, Any]) -> str:
    if row["status"] == "unknown":
        return "?"
    if not row["start_known"]:
        return f"? (seen {row['first_seen'] or row['last_seen']})"
    return f"{row['since']}..{row['since_end']}" if row.get("since_end") else row["since"]


def history_table_rows(places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for place in places:
        for period in place["periods"]:
            rows.append({"place": place["place"], **period})
    return control_table_rows(rows)


def losses_table_rows(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**line, "kind": "named" if line["named_item"] else "aggregate", "losses": len(line["losses"]),
             "count_high": line["count_high"] if line["count_high"] is not None else "no upper bound"}
            for line in lines]
