"""Territorial control: the Palmyra picture on 2016-12-12, Tadmur's history, and the rules for contested and
unknown control."""
from __future__ import annotations

from datetime import date

import pytest

from sitrep import api
from sitrep.cli import main
from sitrep.control import GAIN, HOLD, LOST, NOT, Claim, at, places_from_claims

IS = "Islamic State"
SYRIA = "Military Forces of Syria (2000-2024)"


@pytest.fixture(scope="module")
def picture(example_db):
    return {row["place"]: row for row in api.control_at(db=example_db, day=date(2016, 12, 12))}


@pytest.mark.parametrize("place", ["Tadmur", "Tiyas village", "Jabal al-Tar", "Jabal Hayyal", "Maher gas field",
                                   "Sha’er gas field"])
def test_places_held_by_is_on_december_12(picture, place):
    assert picture[place]["status"] == "held"
    assert picture[place]["controller"] == IS


def test_t4_airbase_held_by_the_government_after_the_failed_assault(picture):
    t4 = picture["Tiyas Military Airbase"]
    assert (t4["status"], t4["controller"]) == ("held", SYRIA)
    assert {e["kind"] for e in t4["evidence"]} == {HOLD, NOT}


def test_tadmur_history(example_db):
    (tadmur,) = api.control_history(db=example_db, place="Tadmur")
    periods = [(p["controller"], p["since"], p["until"]) for p in tadmur["periods"]]
    assert periods == [(SYRIA, "2016-03-01", "2016-12-11"), (IS, "2016-12-11", None)]
    assert tadmur["place_key"] == "geonames:163808"


def test_before_any_report_control_is_unknown(example_db):
    rows = api.control_at(db=example_db, day=date(2015, 6, 1))
    assert rows and all(r["status"] == "unknown" for r in rows)


def test_during_a_vaguely_dated_change_control_is_unknown(example_db):
    (tadmur,) = [r for r in api.control_at(db=example_db, day=date(2016, 4, 15)) if r["place"] == "Tadmur"]
    assert tadmur["status"] == "unknown" and "2016-03-01" in tadmur["reason"]


def test_near_filter(example_db):
    rows = api.control_at(db=example_db, day=date(2016, 12, 12), near=(34.5224, 37.6297, 5))
    assert {r["place"] for r in rows} <= {"Tiyas Military Airbase", "Tiyas village"}


def test_cli_table_and_geojson(example_db, capsys):
    assert main(["control", "--db", str(example_db), "--at", "2016-12-12"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["place", "status", "controller"]
    assert main(["control", "--db", str(example_db), "--at", "2016-12-12", "--format", "geojson"]) == 0
    assert '"FeatureCollection"' in capsys.readouterr().out


def _claim(kind, side, day, doc="d1", key="p1"):
    day = date.fromisoformat(day)
    return Claim(key, {"name": "X", "latitude": 1.0, "longitude": 1.0}, kind, side.upper(), side, day, day, 1,
                 {"kind": kind, "document_id": doc})


def test_two_sides_claiming_the_same_day_is_contested():
    places = places_from_claims([_claim(GAIN, "a", "2022-01-05", "d1"), _claim(HOLD, "b", "2022-01-05", "d2")])
    (row,) = at(places, date(2022, 1, 6), window_start=None)
    assert row["status"] == "contested" and {c["side"] for c in row["claimants"]} == {"a", "b"}


def test_a_gain_and_a_failed_attack_by_the_same_side_is_contested():
    places = places_from_claims([_claim(GAIN, "a", "2022-01-05", "d1"), _claim(NOT, "a", "2022-01-05", "d2")])
    assert at(places, date(2022, 1, 5), window_start=None)[0]["status"] == "contested"


def test_loser_held_before_and_withdrawal_ends_control():
    places = places_from_claims([_claim(GAIN, "a", "2022-01-05"), _claim(LOST, "b", "2022-01-05"),
                                 _claim(LOST, "a", "2022-02-01")])
    rows = {d: at(places, date.fromisoformat(d), window_start=date(2022, 1, 1))[0] for d in
            ("2021-12-01", "2022-01-02", "2022-01-20", "2022-02-02")}
    assert rows["2021-12-01"]["status"] == "unknown"  # before anything was reported
    assert rows["2022-01-02"]["side"] == "b" and not rows["2022-01-02"]["start_known"]
    assert rows["2022-01-20"]["side"] == "a"
    assert rows["2022-02-02"]["status"] == "unknown"  # withdrew; nobody said who came in


def _fused_withdrawal(actor1, actor2=None, geo_precision=1, time_precision=1):
    return {"fused_id": "f1", "event_type": "Strategic developments",
            "sub_event_type": "Non-violent transfer of territory", "outcome": "withdrawal", "actor1": actor1,
            "actor2": actor2, "event_date": "2022-11-11", "event_date_end": None, "time_precision": time_precision,
            "event_ids": ["e1"], "sources": [],
            "location": {"name": "Kherson", "gazetteer_id": "geonames:706448", "latitude": 46.6, "longitude": 32.6,
                         "geo_precision": geo_precision, "country_code": "UA"}}


def test_a_withdrawal_says_the_withdrawing_side_lost_the_place_not_that_it_holds_it():
    from sitrep.control import claims_from_fused

    claims = claims_from_fused(_fused_withdrawal("Military Forces of Russia (2000-)"))
    assert [(c.kind, c.actor) for c in claims] == [(LOST, "Military Forces of Russia (2000-)")]
    handed = claims_from_fused(_fused_withdrawal("Military Forces of France", "Military Forces of Mali (2021-)"))
    assert {(c.kind, c.actor) for c in handed} == {(LOST, "Military Forces of France"),
                                                   (GAIN, "Military Forces of Mali (2021-)")}


@pytest.mark.parametrize("geo_precision, time_precision", [(2, 1), (1, 2)])
def test_a_withdrawal_near_a_place_or_on_a_borrowed_day_claims_nothing(geo_precision, time_precision):
    from sitrep.control import claims_from_fused

    fused = _fused_withdrawal("Military Forces of Russia (2000-)", geo_precision=geo_precision,
                              time_precision=time_precision)
    assert claims_from_fused(fused) == []
