"""Fusion across reports: order independence and idempotent re-ingest (hypothesis), the fatality and confidence
rules."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.api import Extractor
from sitrep.fusion import Report, fatalities_summary, fuse_reports, fused_confidence, refresh
from sitrep.sources import read_inputs
from sitrep.store import Store

from .conftest import CAMPAIGN


@pytest.fixture(scope="module")
def processed():
    """(document, result) for every campaign report, extracted once."""
    errors: list = []
    return list(Extractor().process(read_inputs([CAMPAIGN / "kharkiv-2022.jsonl"]), errors))


def _fused_after(pairs) -> list[dict]:
    store = Store.open(":memory:")
    try:
        for doc, result in pairs:
            store.save(doc, result)
        refresh(store)
        return store.fused()
    finally:
        store.close()


@pytest.fixture(scope="module")
def baseline(processed):
    return _fused_after(processed)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_ingest_order_and_reingest_give_the_same_fused_events(processed, baseline, data):
    assert len(baseline) > 10
    order = data.draw(st.permutations(processed))
    again = data.draw(st.lists(st.sampled_from(processed), max_size=4))  # re-ingesting changes nothing
    assert _fused_after(list(order) + again) == baseline


def _report(event_id, doc, source, *, fatalities=None, confidence=0.6, date="2022-09-08", actor1="Military Forces of Ukraine (2019-)",
            gid="geonames:712926", lat=49.456, lon=36.8443):
    event = {"event_id": event_id, "document_id": doc, "event_date": date, "event_date_end": date, "time_precision": 1,
             "event_type": "Battles", "sub_event_type": "Government regains territory", "actor1": actor1,
             "actor2": None, "inter1": 1, "inter2": None, "fatalities": fatalities, "outcome": None,
             "background": False, "confidence": confidence, "trigger": "retook", "evidence": [],
             "location": {"name": "Balakliya", "latitude": lat, "longitude": lon, "gazetteer_id": gid,
                          "geo_precision": 1, "country_code": "UA"}}
    return Report(event, {"document_id": doc, "source": source, "published": date})


@given(st.permutations([_report("e1", "d1", "A", fatalities=2), _report("e2", "d2", "B", fatalities=9),
                        _report("e3", "d3", "C", fatalities=5), _report("e4", "d4", "A", date="2022-09-09"),
                        _report("e5", "d5", "B", actor1="Military Forces of Russia (2000-)"),
                        _report("e6", "d6", "C", gid="geonames:689969", lat=49.487, lon=36.83)]))
def test_clusters_do_not_depend_on_report_order(reports):
    fused = fuse_reports(reports)
    assert json.dumps(fused, sort_keys=True) == json.dumps(fuse_reports(sorted(reports, key=lambda r: r.event_id)),
                                                           sort_keys=True)
    groups = sorted(f["event_ids"] for f in fused)
    assert groups == [["e1", "e2", "e3", "e4"], ["e5"], ["e6"]]  # other side, and Verbivka 3.5 km away, stay apart


def test_fatalities_keep_disagreement_and_trace_each_figure():
    reports = [_report("e1", "d1", "A", fatalities=2), _report("e2", "d2", "B", fatalities=9),
               _report("e3", "d3", "C", fatalities=5), _report("e4", "d4", "D")]
    summary = fatalities_summary(reports)
    assert (summary["fatalities"], summary["fatalities_low"], summary["fatalities_high"]) == (5, 2, 9)
    assert [r["event_id"] for r in summary["fatalities_reports"]] == ["e1", "e3", "e2"]


def test_confidence_rises_with_independent_outlets_only():
    one = fused_confidence([_report("e1", "d1", "A")])
    same_outlet = fused_confidence([_report("e1", "d1", "A"), _report("e2", "d2", "A")])
    two_outlets = fused_confidence([_report("e1", "d1", "A"), _report("e2", "d2", "B")])
    assert one == same_outlet < two_outlets


def test_fused_event_lists_every_source():
    fused = fuse_reports([_report("e1", "d1", "A"), _report("e2", "d2", "B", date="2022-09-09")])
    assert len(fused) == 1
    event = fused[0]
    assert event["source_count"] == 2 and event["independent_sources"] == 2
    assert event["first_reported"] == "2022-09-08"
    assert [s["event_ids"] for s in event["sources"]] == [["e1"], ["e2"]]


def test_grid_blocking_fuses_exactly_as_comparing_every_pair():
    """Reports near a cell edge fuse across it: the spatial blocking only saves work."""
    from sitrep.fusion import Report, _grid_block, _next_cells, _report_key, cluster, same_event

    def report(i: int, lat: float, lon: float, day: int) -> Report:
        event = {"event_id": f"e{i}", "document_id": f"d{i}", "event_type": "Battles", "sub_event_type": "Armed clash",
                 "event_date": f"2024-05-{day:02d}", "time_precision": 1, "outcome": None,
                 "location": {"latitude": lat, "longitude": lon, "geo_precision": 2, "gazetteer_id": None}}
        return Report(event, {"source": f"outlet{i}"})

    reports = [report(i, 35.49 + (i % 5) * 0.004, 36.99 + (i % 7) * 0.005, 1 + i % 3) for i in range(40)]
    reports += [report(100 + i, 10.0 + i, 20.0, 5) for i in range(5)]
    grid = cluster(reports, key=_report_key, same=same_event, block=_grid_block, window=Report.window,
                   neighbours=_next_cells)
    every_pair = cluster(reports, key=_report_key, same=same_event, block=lambda r: r.event["event_type"],
                         window=Report.window)
    assert [[r.event_id for r in c] for c in grid] == [[r.event_id for r in c] for c in every_pair]
    assert len(grid) < len(reports)
