"""Writing results: JSON (one object), JSON Lines, ACLED-style CSV and GeoJSON ([longitude, latitude] points)."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

from .vocabulary import PLOVER

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
        "plover_event_type": PLOVER.get(event["sub_event_type"], "OTHER"),
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
