"""Fusion across reports: per-document events that describe the same real-world event become one fused event
with every source attached.

The clustering is a pure function of the *set* of stored events, so it does not depend on the order in which
documents were ingested: two events are "the same event" by a symmetric predicate (`same_event`), clusters are the
connected components of that relation, members are kept in sorted order, and a cluster's id is a digest of its
member event ids. Re-running it on the same events gives the same fused events, byte for byte.
"""
from __future__ import annotations

import hashlib
import math
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, Callable, Hashable, Iterable, Sequence, TypeVar

from .gazetteer import haversine_km

TERRITORY_SUB_EVENTS = frozenset({"Non-state actor overtakes territory", "Government regains territory",
                                  "Non-violent transfer of territory"})
# Days added on each side of an event's date range before comparing, by ACLED time precision: two outlets often
# date the same fighting a day apart ("overnight", "on Thursday" vs "on Friday").
DATE_SLACK_DAYS = {1: 1, 2: 3, 3: 7}
# Largest distance between two places for the same event, by the coarser geo_precision of the two. Two different
# gazetteer entries that are both exact (precision 1) are different places unless they are this close:
SAME_ENTRY_KM = 1.0
PLACE_KM = {1: SAME_ENTRY_KM, 2: 10.0, 3: 25.0}

T = TypeVar("T")


# --------------------------------------------------------------------------- generic, order-independent clustering

def _candidate_pairs(ordered: Sequence[T], members: list[int],
                     window: Callable[[T], tuple[date, date] | None] | None) -> Iterable[tuple[int, int]]:
    """Pairs inside one block; with `window`, only pairs whose windows overlap (a sweep over window starts), so
    the work grows with the number of overlapping items, not the square of the block."""
    if window is None:
        for pos, i in enumerate(members):
            for j in members[pos + 1:]:
                yield i, j
        return
    spans = sorted((w, i) for i in members if (w := window(ordered[i])) is not None)
    for pos, ((_, end), i) in enumerate(spans):
        for (start, _), j in spans[pos + 1:]:
            if start > end:
                break
            yield (i, j) if i < j else (j, i)


def _cross_pairs(ordered: Sequence[T], first: list[int], second: list[int],
                 window: Callable[[T], tuple[date, date] | None] | None) -> Iterable[tuple[int, int]]:
    """Pairs with one item in each of two neighbouring blocks; with `window`, only those whose windows overlap,
    found by binary search on window starts rather than by walking the pairs inside either block."""
    if window is None:
        for i in first:
            for j in second:
                yield (i, j) if i < j else (j, i)
        return
    spans_a = sorted((w, i) for i in first if (w := window(ordered[i])) is not None)
    spans_b = sorted((w, j) for j in second if (w := window(ordered[j])) is not None)
    starts_a = [w[0] for w, _ in spans_a]
    starts_b = [w[0] for w, _ in spans_b]
    # Two windows overlap when the later-starting one starts before the other ends. A tie in starts is counted
    # once, on the first side.
    for (start, end), i in spans_a:
        for _, j in spans_b[bisect_left(starts_b, start):bisect_right(starts_b, end)]:
            yield (i, j) if i < j else (j, i)
    for (start, end), j in spans_b:
        for _, i in spans_a[bisect_right(starts_a, start):bisect_right(starts_a, end)]:
            yield (i, j) if i < j else (j, i)


def cluster(items: Sequence[T], key: Callable[[T], str], same: Callable[[T, T], bool],
            block: Callable[[T], Hashable] = lambda item: None,
            window: Callable[[T], tuple[date, date] | None] | None = None,
            neighbours: Callable[[Hashable], Iterable[Hashable]] | None = None) -> list[list[T]]:
    """Connected components of `same` over `items`, each sorted by `key`, the list sorted by first key.
    `block` partitions items so only pairs inside a block are tried, and pairs across a block and each of its
    `neighbours` (e.g. the next cells of a spatial grid; each unordered pair of blocks is named once);
    `window`, when given, is a date range that two items must share to be the same (None: never the same)."""
    ordered = sorted(items, key=key)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[Hashable, list[int]] = {}
    for index, item in enumerate(ordered):
        blocks.setdefault(block(item), []).append(index)
    for name, members in blocks.items():
        pairs = [_candidate_pairs(ordered, members, window)]
        for other in (neighbours(name) if neighbours and name is not None else ()):
            if other in blocks:
                pairs.append(_cross_pairs(ordered, members, blocks[other], window))
        for i, j in (pair for source in pairs for pair in source):
            if same(ordered[i], ordered[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[T]] = {}
    for index, item in enumerate(ordered):
        groups.setdefault(find(index), []).append(item)
    return sorted(groups.values(), key=lambda group: key(group[0]))


def cluster_id(prefix: str, member_ids: Iterable[str]) -> str:
    return prefix + hashlib.sha256("\n".join(sorted(member_ids)).encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- actors and places

@cache
def _actors() -> Any:
    from .lexicons import ActorDictionary

    return ActorDictionary.default()


def side_of(actor: str | None, country: str | None = None) -> str | None:
    """The actor dictionary's side for a canonical actor name (None when unknown)."""
    if actor is None:
        return None
    try:
        return _actors().describe(actor).side_for(country)
    except KeyError:
        return actor  # not in the dictionary: the name is its own side


def sides_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def same_place(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Same gazetteer entry, or close enough for the coarser of the two geo precisions."""
    if not a or not b or a.get("latitude") is None or b.get("latitude") is None:
        return False
    if a.get("gazetteer_id") and a.get("gazetteer_id") == b.get("gazetteer_id"):
        return True
    precision = max(a.get("geo_precision") or 3, b.get("geo_precision") or 3)
    distance = haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    return distance <= PLACE_KM.get(precision, PLACE_KM[3])


def date_window(start: str | None, end: str | None, precision: int | None) -> tuple[date, date] | None:
    if not start:
        return None
    slack = timedelta(days=DATE_SLACK_DAYS.get(precision or 3, 7))
    return date.fromisoformat(start) - slack, date.fromisoformat(end or start) + slack


def windows_overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


# --------------------------------------------------------------------------- the "same event" predicate

@dataclass(frozen=True)
class Report:
    """One stored event together with the document (outlet, publication date) that reported it."""

    event: dict[str, Any]
    document: dict[str, Any]

    @property
    def event_id(self) -> str:
        return self.event["event_id"]

    @property
    def outlet(self) -> str:
        """The outlet; a document with no `source` counts as its own outlet."""
        return self.document.get("source") or f"document:{self.event['document_id']}"

    def side(self, role: int) -> str | None:
        loc = self.event.get("location") or {}
        return side_of(self.event.get(f"actor{role}"), loc.get("country_code"))

    def window(self) -> tuple[date, date] | None:
        e = self.event
        return date_window(e.get("event_date"), e.get("event_date_end"), e.get("time_precision"))


def _sub_events_compatible(a: str, b: str) -> bool:
    return a == b or (a in TERRITORY_SUB_EVENTS and b in TERRITORY_SUB_EVENTS)


def same_event(a: Report, b: Report) -> bool:
    """Two reports describe the same real-world event: different documents, same event type and compatible
    sub-event type, same outcome, places within reach (`same_place`), overlapping dates (with `DATE_SLACK_DAYS`)
    and no side contradicting the other report's side in the same role."""
    ea, eb = a.event, b.event
    return (ea["document_id"] != eb["document_id"]
            and ea["event_type"] == eb["event_type"]
            and _sub_events_compatible(ea["sub_event_type"], eb["sub_event_type"])
            and ea.get("outcome") == eb.get("outcome")
            and sides_compatible(a.side(1), b.side(1)) and sides_compatible(a.side(2), b.side(2))
            and same_place(ea.get("location"), eb.get("location"))
            and windows_overlap(a.window(), b.window()))


# --------------------------------------------------------------------------- one fused event from its reports

def _most_common(values: Iterable[Any]) -> Any:
    counted = Counter(v for v in values if v is not None)
    if not counted:
        return None
    return min(counted.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


def _best_dated(reports: list[Report]) -> Report:
    """The most precise date; among those, the date most documents give; ties: the earliest."""
    dated = [r for r in reports if r.event.get("event_date")] or reports
    finest = min(r.event.get("time_precision") or 3 for r in dated)
    candidates = [r for r in dated if (r.event.get("time_precision") or 3) == finest]
    votes = Counter(r.event.get("event_date") for r in candidates)
    best = min(votes.items(), key=lambda kv: (-kv[1], kv[0] or ""))[0]
    return min((r for r in candidates if r.event.get("event_date") == best), key=lambda r: r.event_id)


def _best_located(reports: list[Report]) -> dict[str, Any] | None:
    located = [r for r in reports if r.event.get("location")]
    if not located:
        return None
    finest = min(r.event["location"].get("geo_precision") or 3 for r in located)
    candidates = [r for r in located if (r.event["location"].get("geo_precision") or 3) == finest]
    ids = _most_common(r.event["location"].get("gazetteer_id") for r in candidates)
    return min((r for r in candidates if r.event["location"].get("gazetteer_id") == ids),
               key=lambda r: r.event_id).event["location"]


def fatalities_summary(reports: list[Report]) -> dict[str, Any]:
    """Best estimate = the lower median of the reported figures (always one report's own figure, so it is
    traceable to that report); low and high are the smallest and largest figures, each with its report."""
    figures = sorted(((r.event["fatalities"], r.event_id) for r in reports if r.event.get("fatalities") is not None))
    if not figures:
        return {"fatalities": None, "fatalities_low": None, "fatalities_high": None, "fatalities_reports": []}
    best = statistics.median_low([f for f, _ in figures])
    by_id = {r.event_id: r for r in reports}
    return {"fatalities": best, "fatalities_low": figures[0][0], "fatalities_high": figures[-1][0],
            "fatalities_reports": [{"fatalities": f, "event_id": eid, "document_id": by_id[eid].event["document_id"],
                                    "source": by_id[eid].document.get("source")} for f, eid in figures]}


def fused_confidence(reports: list[Report]) -> float:
    """1 - prod(1 - c) over independent outlets, c being the outlet's most confident report: a second outlet
    raises confidence, a second report from the same outlet does not."""
    best: dict[str, float] = {}
    for r in reports:
        best[r.outlet] = max(best.get(r.outlet, 0.0), r.event.get("confidence") or 0.0)
    doubt = 1.0
    for value in best.values():
        doubt *= 1.0 - min(value, 0.99)
    return round(min(1.0 - doubt, 0.99), 2)


def _sources(reports: list[Report]) -> list[dict[str, Any]]:
    by_doc: dict[str, dict[str, Any]] = {}
    for r in reports:
        doc = r.document
        entry = by_doc.setdefault(r.event["document_id"], {
            "document_id": r.event["document_id"], "external_id": doc.get("external_id"),
            "source": doc.get("source"), "title": doc.get("title"), "published": doc.get("published"),
            "event_ids": []})
        entry["event_ids"].append(r.event_id)
    return sorted(by_doc.values(), key=lambda s: (s["published"] or "9999", s["document_id"]))


def fuse(reports: list[Report]) -> dict[str, Any]:
    """One fused event from the reports of one cluster."""
    dated = _best_dated(reports).event
    published = sorted(r.document.get("published") for r in reports if r.document.get("published"))
    sub_events = [r.event["sub_event_type"] for r in reports]
    territory = [s for s in sub_events if s in TERRITORY_SUB_EVENTS]
    return {
        "fused_id": cluster_id("f", (r.event_id for r in reports)),
        "event_type": reports[0].event["event_type"],
        "sub_event_type": _most_common(territory or sub_events),
        "actor1": _most_common(r.event.get("actor1") for r in reports),
        "actor2": _most_common(r.event.get("actor2") for r in reports),
        "event_date": dated.get("event_date"), "event_date_end": dated.get("event_date_end"),
        "time_precision": dated.get("time_precision"),
        "location": _best_located(reports),
        **fatalities_summary(reports),
        "outcome": reports[0].event.get("outcome"),
        "background": all(r.event.get("background") for r in reports),
        "source_count": len({r.event["document_id"] for r in reports}),
        "independent_sources": len({r.outlet for r in reports}),
        "confidence": fused_confidence(reports),
        "first_reported": published[0] if published else None,
        "sources": _sources(reports),
        "event_ids": sorted(r.event_id for r in reports),
    }


def _report_key(r: Report) -> str:
    return f"{r.event.get('event_date') or '9999'}|{r.event_id}"


# Grid cells larger than the farthest two reports of one event can lie apart (PLACE_KM), so that the same event is
# always in one cell or in two neighbouring ones: 0.5 degrees of latitude is 55 km, 1 degree of longitude is more
# than 25 km up to 77 degrees north or south. Fusion then grows with the events near each other, not all events.
CELL_LAT, CELL_LON = 0.5, 1.0


def _grid_block(report: Report) -> Hashable:
    loc = report.event.get("location") or {}
    if loc.get("latitude") is None:
        return ("unplaced", report.event_id)  # never the same as anything (same_place needs coordinates)
    return (report.event["event_type"], math.floor(loc["latitude"] / CELL_LAT), math.floor(loc["longitude"] / CELL_LON))


def _next_cells(name: Hashable) -> Iterable[Hashable]:
    """The cells east, north, north-east and south-east: with the cell itself, each neighbouring pair once."""
    if not isinstance(name, tuple) or name[0] == "unplaced":
        return ()
    kind, row, column = name
    return ((kind, row, column + 1), (kind, row + 1, column), (kind, row + 1, column + 1), (kind, row - 1, column + 1))


def fuse_reports(reports: Sequence[Report]) -> list[dict[str, Any]]:
    """All fused events, in (date, fused_id) order. Independent of the order of `reports`."""
    unique = {r.event_id: r for r in reports}
    clusters = cluster(list(unique.values()), key=_report_key, same=same_event, block=_grid_block,
                       window=Report.window, neighbours=_next_cells)
    fused = [fuse(members) for members in clusters]
    return sorted(fused, key=lambda f: (f["event_date"] or "9999", f["fused_id"]))


# --------------------------------------------------------------------------- against the store

def reports_from_store(store: Any) -> list[Report]:
    documents = store.documents()
    return [Report(event, documents.get(event["document_id"], {})) for event in store.events()]


def refresh(store: Any) -> int:
    """Recompute the fused_events table from every stored event (a no-op when no event changed since the last
    refresh). Returns the number of fused events."""
    fingerprint = store.events_fingerprint()
    if store.fused_fingerprint() == fingerprint:
        return store.counts()["fused_events"]
    fused = fuse_reports(reports_from_store(store))
    store.replace_fused(fused, fingerprint)
    return len(fused)


def current_fused(store: Any) -> list[dict[str, Any]]:
    """The fused events; recomputed in memory when the table is stale (an ingest was interrupted before its
    refresh), so a read-only query never shows an out-of-date picture."""
    if store.fused_fingerprint() == store.events_fingerprint():
        return store.fused()
    return fuse_reports(reports_from_store(store))
