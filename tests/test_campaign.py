"""Acceptance on the Kharkiv 2022 corpus (tests/fixtures/campaign): control histories, fused events, ledger totals
and displacement, checked against what a reader of the reports would say (expected.json). Expectations the current
extraction misses are strict xfails with the reason."""
from __future__ import annotations

import json
from datetime import date

import pytest

from sitrep import api
from sitrep.fusion import side_of

from .conftest import CAMPAIGN

EXPECTED = json.loads((CAMPAIGN / "expected.json").read_text(encoding="utf-8"))


def _cases(section: str) -> list:
    return [pytest.param(case, id=f"{section}-{i}",
                         marks=[pytest.mark.xfail(strict=True, reason=case["known_gap"])] if "known_gap" in case else [])
            for i, case in enumerate(EXPECTED[section])]


@pytest.mark.parametrize("case", _cases("control"))
def test_control(campaign_db, case):
    rows = [r for r in api.control_at(db=campaign_db, day=date.fromisoformat(case["at"])) if r["place"] == case["place"]]
    assert len(rows) == 1, f"{case['place']} not in the picture"
    row = rows[0]
    assert row["status"] == case["status"], row
    if "side" in case:
        assert row["side"] == case["side"]
    if row["status"] == "contested":
        assert {c["side"] for c in row["claimants"]} == {"russia", "ukraine"}


def _documents(campaign_db) -> dict[str, str]:
    from sitrep.store import Store

    store = Store.open(campaign_db, read_only=True)
    try:
        return {d["external_id"]: doc_id for doc_id, d in store.documents().items()}
    finally:
        store.close()


def _fused(campaign_db, case) -> list[dict]:
    found = []
    for f in api.fused_events(db=campaign_db):
        loc = f["location"] or {}
        if loc.get("name") == case["place"] and f["event_date"] == case["date"] and \
                (case["sub_event_type"] is None or f["sub_event_type"] == case["sub_event_type"]):
            found.append(f)
    return found


@pytest.mark.parametrize("case", _cases("fused"))
def test_fused(campaign_db, case):
    fused = _fused(campaign_db, case)
    assert fused, "no such fused event"
    documents = _documents(campaign_db)
    matching = [f for f in fused if {documents[x] for x in case.get("documents", [])} <= {s["document_id"] for s in f["sources"]}]
    assert matching, [f["sources"] for f in fused]
    event = matching[0]
    for key in ("independent_sources", "first_reported", "fatalities", "fatalities_low", "fatalities_high"):
        if key in case:
            assert event[key] == case[key], (key, event[key])


@pytest.mark.parametrize("case", _cases("ledger"))
def test_ledger(campaign_db, case):
    lines = [line for line in api.equipment_losses(db=campaign_db)
             if line["item"] == case["item"] and line["status"] == case["status"]
             and line["named_item"] == case["named_item"] and side_of(line["losing_actor"]) == case["losing_side"]
             and ("gaining_side" not in case or side_of(line["gaining_actor"]) == case["gaining_side"])]
    assert len(lines) == 1, lines
    assert (lines[0]["count_low"], lines[0]["count_high"]) == (case["low"], case["high"])
    for loss in lines[0]["losses"]:
        for report in loss["reports"]:
            assert report["evidence"]["text"] and report["document_id"]


@pytest.mark.parametrize("case", _cases("displacement"))
def test_displacement(campaign_db, case):
    rows = [r for r in api.displacement(db=campaign_db)
            if r["destination"] == case["destination"] and ("origin" not in case or r["origin"] == case["origin"])]
    assert rows
    if "low" in case:
        assert (rows[0]["people_low"], rows[0]["people_high"]) == (case["low"], case["high"])


def test_duplicate_and_late_reports_are_one_event(campaign_db):
    """Three outlets' reports of the Balakliia recapture on 2022-09-08, one published a week later, are one fused
    event whose earliest report predates the late one."""
    recaptures = [f for f in api.fused_events(db=campaign_db) if (f["location"] or {}).get("name") == "Balakliya"
                  and f["sub_event_type"] == "Government regains territory"]
    assert len(recaptures) == 1
    event = recaptures[0]
    assert event["source_count"] >= 2 and event["first_reported"] < "2022-09-16"
    assert any(s["published"] == "2022-09-16" for s in event["sources"])


def test_evidence_points_into_the_stored_text(campaign_db):
    from sitrep.store import Store

    store = Store.open(campaign_db, read_only=True)
    try:
        texts = store.document_texts()
    finally:
        store.close()
    for row in api.control_at(db=campaign_db, day=date(2022, 9, 11)):
        for evidence in row["evidence"]:
            if evidence["basis"] == "statement":
                assert texts[evidence["document_id"]][evidence["start"]:evidence["end"]] == evidence["text"]
