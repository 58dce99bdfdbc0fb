"""Equipment ledger: named items and aggregates kept apart, vague quantities as ranges, de-duplication across
reports of the same loss, every line traceable to its evidence."""
from __future__ import annotations

import pytest

from sitrep import api
from sitrep.cli import main
from sitrep.ledger import agreed_quantity, ledger, losses

IS = "Islamic State"
SYRIA = "Military Forces of Syria (2000-2024)"


@pytest.fixture(scope="module")
def lines(example_db):
    return api.equipment_losses(db=example_db)


def _line(lines, item, status):
    found = [line for line in lines if line["item"] == item and line["status"] == status]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("item", ["T-62", "T-72", "BMP-1"])
def test_named_tanks_and_bmps_captured_by_is(lines, item):
    line = _line(lines, item, "captured")
    assert line["named_item"] and (line["losing_actor"], line["gaining_actor"]) == (SYRIA, IS)
    assert (line["count_low"], line["count_high"]) == (2, None)  # a plural with no number: at least two


def test_vague_aggregate_kept_apart_from_named_items(lines):
    vehicles = _line(lines, "vehicle", "captured")
    assert not vehicles["named_item"] and (vehicles["count_low"], vehicles["count_high"]) == (24, 99)


def test_abandoned_dozens(lines):
    for item in ("technical", "BMP", "truck"):
        line = _line(lines, item, "abandoned")
        assert (line["count_low"], line["count_high"], line["losing_actor"]) == (24, 99, SYRIA)
        evidence = line["losses"][0]["reports"][0]["evidence"]
        assert "abandoned dozens" in evidence["text"]


def test_filters(example_db):
    assert {line["status"] for line in api.equipment_losses(db=example_db, status="captured")} == {"captured"}
    assert api.equipment_losses(db=example_db, actor="Islamic State", status="abandoned") == []
    assert api.equipment_losses(db=example_db, since=__import__("datetime").date(2017, 1, 1)) == []


def test_cli_csv(example_db, capsys):
    assert main(["losses", "--db", str(example_db), "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("category,item,kind,status") and len(out) == 8


def _record(record_id, doc, qmin, qmax, text="three T-72s", date="2022-09-07"):
    return {"record_id": record_id, "document_id": doc, "item": "T-72", "category": "tank", "status": "captured",
            "quantity_min": qmin, "quantity_max": qmax, "quantity_text": text, "named_item": True,
            "losing_actor": "Military Forces of Russia (2000-)", "gaining_actor": None, "date": date,
            "location": {"name": "Verbivka", "latitude": 49.487, "longitude": 36.83, "gazetteer_id": "g1",
                         "geo_precision": 1}, "evidence": {"text": text, "start": 0, "end": len(text)}}


def test_reports_of_the_same_loss_are_counted_once():
    records = [_record("r1", "d1", 3, 3), _record("r2", "d2", 2, None, "T-72s"), _record("r3", "d3", 3, 3,
                                                                                          date="2022-10-30")]
    (line,) = ledger(losses(records, {}))
    assert [len(loss["reports"]) for loss in line["losses"]] == [2, 1]
    assert (line["count_low"], line["count_high"]) == (6, 6)


def test_contradicting_quantities_give_the_whole_span():
    assert agreed_quantity([_record("r1", "d1", 3, 3), _record("r2", "d2", 5, 5)]) == (3, 5)
    assert agreed_quantity([_record("r1", "d1", 24, 99), _record("r2", "d2", 30, 30)]) == (30, 30)


def test_one_report_telling_a_loss_twice_counts_it_once():
    lead = _record("r1", "d1", 3, 3, "Ukrainian troops captured three T-72s near Verbivka on Wednesday.")
    retold = _record("r2", "d1", 3, 3, "The three T-72s were captured by the 92nd Brigade, the army said.")
    (line,) = ledger(losses([lead, retold], {}))
    assert [len(loss["reports"]) for loss in line["losses"]] == [2]
    assert (line["count_low"], line["count_high"]) == (3, 3)


def test_a_further_loss_in_the_same_report_is_added():
    first = _record("r1", "d1", 3, 3, "Ukrainian troops captured three T-72s near Verbivka.")
    more = _record("r2", "d1", 3, 3, "Three more T-72s were captured later that day.")
    (line,) = ledger(losses([first, more], {}))
    assert (line["count_low"], line["count_high"]) == (6, 6)


def test_an_estimate_adds_no_lower_bound_and_removes_the_upper_one():
    estimate = _record("r1", "d1", None, None, "about 40 T-72s")
    assert [(line["count_low"], line["count_high"]) for line in ledger(losses([estimate], {}))] == [(None, None)]
    counted = _record("r2", "d2", 3, 3, date="2022-11-30")
    assert [(line["count_low"], line["count_high"]) for line in ledger(losses([estimate, counted], {}))] == [
        (3, None)]
