"""Acceptance on the canonical report: the Islamic State's December 2016 capture of Tadmur (Palmyra)."""
from __future__ import annotations

import pytest

from sitrep.gazetteer import haversine_km

IS = "Islamic State"
PALMYRA = (34.5624, 38.28402)


def _events(result, *, sub_event=None, place=None, background=False):
    found = []
    for event in result["events"]:
        if event["background"] != background:
            continue
        if sub_event and event["sub_event_type"] != sub_event:
            continue
        loc = event["location"] or {}
        if place and place.lower() not in (loc.get("name") or "").lower() and place.lower() not in (loc.get("mention") or "").lower():
            continue
        found.append(event)
    return found


def _syrian_state(name):
    return name is not None and "Syria" in name


def test_offensive_begins_december_10_north_and_east_of_tadmur(example_result):
    clashes = [e for e in _events(example_result, sub_event="Armed clash", place="Tadmur")
               if e["event_date"] == "2016-12-10"]
    assert clashes, "no armed clash at Tadmur on 2016-12-10"
    clash = clashes[0]
    assert clash["actor1"] == IS and _syrian_state(clash["actor2"])
    assert clash["location"]["geo_precision"] == 2
    assert clash["time_precision"] == 1


def test_is_takes_tadmur_on_december_11(example_result):
    captures = [e for e in _events(example_result, sub_event="Non-state actor overtakes territory", place="Tadmur")
                if e["event_date"] == "2016-12-11"]
    assert len(captures) == 1, "the capture of Tadmur should be one event with several evidence spans"
    capture = captures[0]
    assert capture["actor1"] == IS and _syrian_state(capture["actor2"])
    loc = capture["location"]
    assert haversine_km(loc["latitude"], loc["longitude"], *PALMYRA) < 5
    assert len(capture["evidence"]) >= 2


@pytest.mark.parametrize("place", ["Jabal al-Tar", "Jabal Hayyal", "Tiyas", "Maher", "Sha"])
def test_places_lost_to_is(example_result, place):
    taken = _events(example_result, sub_event="Non-state actor overtakes territory", place=place)
    assert taken, f"no territory event at {place}"
    assert all(e["actor1"] == IS for e in taken)


T4_AIRBASE = (34.5225, 37.6297)  # Tiyas Military Airbase


def _near(event, point, km=5):
    loc = event["location"]
    return loc is not None and haversine_km(loc["latitude"], loc["longitude"], *point) <= km


def test_t4_assaults_repelled(example_result):
    t4 = [e for e in _events(example_result) if e["event_type"] == "Battles" and _near(e, T4_AIRBASE)
          and e["location"]["geo_precision"] == 1]
    assert t4, "no battle at T4 Airbase"
    assert any(e["outcome"] == "failed" and e["actor1"] == IS for e in t4)
    assert all(e["sub_event_type"] != "Non-state actor overtakes territory" for e in t4), "T4 did not fall"


def test_spring_recapture_is_background_dated_2016(example_result):
    recaptures = _events(example_result, place="Tadmur", background=True)
    assert recaptures, "the spring-2016 recapture should be a background event"
    recapture = recaptures[0]
    assert recapture["event_date"].startswith("2016-0")
    assert recapture["sub_event_type"] == "Government regains territory"
    assert _syrian_state(recapture["actor1"])


def _equipment(result, item, status):
    return [r for r in result["equipment"] if r["item"] == item and r["status"] == status]


@pytest.mark.parametrize("item", ["T-62", "T-72", "BMP-1"])
def test_tanks_and_bmps_captured_by_is(example_result, item):
    records = _equipment(example_result, item, "captured")
    assert records, f"{item} not recorded as captured"
    assert records[0]["gaining_actor"] == IS
    assert _syrian_state(records[0]["losing_actor"])
    assert records[0]["quantity"]["min"] >= 2


@pytest.mark.parametrize("item", ["technical", "BMP", "truck"])
def test_vehicles_abandoned(example_result, item):
    records = _equipment(example_result, item, "abandoned")
    assert records, f"{item} not recorded as abandoned"
    assert records[0]["quantity"]["min"] >= 12


def test_no_event_after_2016_or_outside_syria_or_without_evidence(example_result):
    text = open(__import__("tests.conftest", fromlist=["EXAMPLE"]).EXAMPLE, encoding="utf-8").read()
    for event in example_result["events"]:
        assert event["event_date"] is None or event["event_date"] <= "2016-12-31"
        assert event["location"] is None or event["location"]["country_code"] == "SY"
        assert event["evidence"]
        for span in event["evidence"]:
            assert text[span["start"]:span["end"]] == span["text"]


def test_no_event_from_a_forecast(example_result):
    for event in example_result["events"]:
        assert not any("may still fall" in span["text"] and event["trigger"] == "fall" for span in event["evidence"])


def test_displacement_of_civilians(example_result):
    assert any(r["people"]["min"] >= 1000 and (r["origin"] or {}).get("name") == "Tadmur"
               for r in example_result["displacement"])


def test_every_capture_goes_to_is_and_every_t4_attack_is_theirs(example_result):
    captured = [r for r in example_result["equipment"] if r["status"] == "captured"]
    assert captured and all(r["gaining_actor"] == IS and _syrian_state(r["losing_actor"]) for r in captured)
    t4 = [e for e in _events(example_result) if e["event_type"] == "Battles" and _near(e, T4_AIRBASE)]
    assert all(e["actor1"] == IS for e in t4)
