"""Equipment ledger: how many of each item were captured, destroyed, damaged or abandoned, by losing and gaining
side, de-duplicated across reports of the same loss.

Two equipment records from different documents, or told twice in one document with the same exact count (the lead,
then a later paragraph), are the same loss (`same_loss`) when item, status and the named/aggregate distinction agree,
sides do not contradict each other, the places are within reach and the dates (±2 days) overlap; clusters are
connected components, computed as fusion does (order-independent). A cluster's quantity is the range every report
agrees on (the largest minimum to the smallest maximum); when the reports contradict each other (e.g. "three" and
"five") it is the whole span (smallest minimum to largest maximum).
Individually named items ("three T-72s") and vague aggregates ("dozens of vehicles") are separate lines, as
Oryx keeps them: an aggregate may include named items, so the two are never added together.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Iterable

from .fusion import cluster, cluster_id, same_place, side_of, sides_compatible

DATE_SLACK = timedelta(days=2)
STATUSES = ("captured", "destroyed", "damaged", "abandoned", "lost")  # lost: how, not said


def _close_dates(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(date.fromisoformat(a) - date.fromisoformat(b)) <= DATE_SLACK


def _places_agree(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    return (not a and not b) or same_place(a, b)


# Words that make a second count in one report a further loss, not the first one told again ('two more tanks').
FURTHER = re.compile(r"\b(?:more|another|other|others|additional|further|also)\b", re.I)


def _told_again(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One report telling one loss twice (the lead, then a later paragraph): the same exact count both times, and
    neither sentence says it adds to the other."""
    counts = {(r["quantity_min"], r["quantity_max"]) for r in (a, b)}
    if len(counts) != 1:
        return False
    low, high = counts.pop()
    return low is not None and low == high and not any(FURTHER.search(r["evidence"]["text"]) for r in (a, b))


def same_loss(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return ((a["document_id"] != b["document_id"] or _told_again(a, b))
            and a["item"] == b["item"] and a["status"] == b["status"]
            and a["named_item"] == b["named_item"]
            and sides_compatible(side_of(a["losing_actor"]), side_of(b["losing_actor"]))
            and sides_compatible(side_of(a["gaining_actor"]), side_of(b["gaining_actor"]))
            and _close_dates(a["date"], b["date"]) and _places_agree(a["location"], b["location"]))


def agreed_quantity(records: list[dict[str, Any]]) -> tuple[int | None, int | None]:
    """(low, high) for one loss reported by several records; high None = no upper bound given."""
    lows = [r["quantity_min"] for r in records if r["quantity_min"] is not None]
    highs = [r["quantity_max"] for r in records]
    low = max(lows) if lows else None
    bounded = [h for h in highs if h is not None]
    high = min(bounded) if bounded else None
    if low is not None and high is not None and low > high:  # the reports contradict each other
        return min(lows), (None if None in highs else max(bounded))
    return low, high


def _mode(values: Iterable[str | None]) -> str | None:
    present = sorted(v for v in values if v)
    return max(present, key=present.count) if present else None


def losses(records: list[dict[str, Any]], documents: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per real-world loss (cluster of records), with the reports behind it."""
    clusters = cluster(records, key=lambda r: f"{r['date'] or '9999'}|{r['record_id']}", same=same_loss,
                       block=lambda r: (r["item"], r["status"]))
    return [_loss(group, documents) for group in clusters]


def _loss(group: list[dict[str, Any]], documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    low, high = agreed_quantity(group)
    first = group[0]
    return {
        "loss_id": cluster_id("l", (r["record_id"] for r in group)),
        "item": first["item"], "category": first["category"], "status": first["status"],
        "named_item": first["named_item"], "quantity_low": low, "quantity_high": high,
        "losing_actor": _mode(r["losing_actor"] for r in group),
        "gaining_actor": _mode(r["gaining_actor"] for r in group),
        "date": min((r["date"] for r in group if r["date"]), default=None),
        "place": (first["location"] or {}).get("name"),
        "reports": [_report(r, documents) for r in group],
    }


def _report(record: dict[str, Any], documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    doc = documents.get(record["document_id"], {})
    return {"record_id": record["record_id"], "document_id": record["document_id"], "source": doc.get("source"),
            "published": doc.get("published"), "quantity_text": record["quantity_text"],
            "quantity_min": record["quantity_min"], "quantity_max": record["quantity_max"],
            "evidence": record["evidence"]}


def select(records: list[dict[str, Any]], *, actor: str | None, since: date | None, until: date | None,
           status: str | None) -> list[dict[str, Any]]:
    out = []
    for r in records:
        if status and r["status"] != status:
            continue
        if actor and not any(actor.casefold() in (r[k] or "").casefold() for k in ("losing_actor", "gaining_actor")):
            continue
        if (since or until) and r["date"] is None:
            continue
        if since and r["date"] < since.isoformat() or until and r["date"] > until.isoformat():
            continue
        out.append(r)
    return out


def _add(total: int | None, value: int | None) -> int | None:
    return None if total is None or value is None else total + value


def _add_low(total: int | None, value: int | None) -> int | None:
    """A lower bound of a sum: a loss whose count has no lower bound ('about 40 tanks') adds nothing to it."""
    return total if value is None else (total or 0) + value


def ledger(loss_list: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Totals per (category, item, named/aggregate, status, losing actor, gaining actor), each line listing the
    losses (and through them the reports and evidence) it adds up."""
    lines: dict[tuple, dict[str, Any]] = {}
    for loss in loss_list:
        key = (loss["category"], loss["item"], not loss["named_item"], loss["status"], loss["losing_actor"] or "",
               loss["gaining_actor"] or "")
        line = lines.setdefault(key, {
            "category": loss["category"], "item": loss["item"], "named_item": loss["named_item"],
            "status": loss["status"], "losing_actor": loss["losing_actor"], "gaining_actor": loss["gaining_actor"],
            "count_low": None, "count_high": 0, "losses": []})
        line["count_low"] = _add_low(line["count_low"], loss["quantity_low"])
        line["count_high"] = _add(line["count_high"], loss["quantity_high"])
        line["losses"].append(loss)
    for line in lines.values():
        line["reports"] = sum(len(loss["reports"]) for loss in line["losses"])
    return [lines[k] for k in sorted(lines)]
