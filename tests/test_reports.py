"""End-to-end quality on reports about other wars, places and years (tests/fixtures/reports).

Each report's expected records were hand-coded. A report passes when at least RECALL_FLOOR of its expected events
are found with the right type, date, place (within 25 km), background flag and attacker, and nothing is placed
outside the report's countries or dated outside its years. The floors (fixtures/reports/floors.json) are the levels reached when recorded, so a drop fails."""
from __future__ import annotations

import json

import pytest

from sitrep.evaluate import score_fixture
from sitrep.lexicons import ActorDictionary

from .conftest import FIXTURES, load_expected, run_extract

REPORTS = sorted(p.stem for p in FIXTURES.glob("*.txt"))
FLOORS = json.loads((FIXTURES / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", REPORTS)
def test_report_events(name):
    expected = load_expected(name)
    result = run_extract(str(FIXTURES / f"{name}.txt"), expected.get("published"))
    score = score_fixture(expected, result, ActorDictionary.default())
    assert not score.violations, score.violations
    assert score.recall >= FLOORS["per_report"][name] - 1e-9, f"recall {score.recall:.2f}; missed: {score.misses}"


def test_overall_recall():
    actors = ActorDictionary.default()
    matched = expected_total = 0
    for name in REPORTS:
        expected = load_expected(name)
        score = score_fixture(expected, run_extract(str(FIXTURES / f"{name}.txt"), expected.get("published")), actors)
        matched, expected_total = matched + score.matched, expected_total + score.expected
    assert matched / expected_total >= FLOORS["overall"]


@pytest.mark.parametrize("name", REPORTS)
def test_report_evidence_is_exact(name):
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = load_expected(name)
    result = run_extract(str(FIXTURES / f"{name}.txt"), expected.get("published"))
    for record in result["events"] + result["equipment"] + result["displacement"]:
        spans = record["evidence"] if isinstance(record["evidence"], list) else [record["evidence"]]
        assert spans
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"]


def test_jsonl_batch():
    expected = json.loads((FIXTURES / "batch.expected.json").read_text(encoding="utf-8"))["documents"]
    result = run_extract(str(FIXTURES / "batch.jsonl"))
    assert {d["external_id"] for d in result["documents"]} == set(expected)
    actors = ActorDictionary.default()
    matched = expected_total = 0
    for doc in result["documents"]:
        mine = {key: [r for r in result[key] if r["document_id"] == doc["document_id"]]
                for key in ("events", "equipment", "displacement")}
        score = score_fixture(expected[doc["external_id"]], mine, actors)
        assert not score.violations, score.violations
        matched, expected_total = matched + score.matched, expected_total + score.expected
    assert matched / expected_total >= FLOORS["batch"]


HELDOUT = FIXTURES.parent / "heldout"
HELDOUT2 = FIXTURES.parent / "heldout2"
HELDOUT3 = FIXTURES.parent / "heldout3"
HELDOUT4 = FIXTURES.parent / "heldout4"
HELDOUT5 = FIXTURES.parent / "heldout5"
HELDOUT6 = FIXTURES.parent / "heldout6"
DEV5 = FIXTURES.parent / "dev5"


@pytest.mark.parametrize("folder, floor", [(HELDOUT, "heldout"), (HELDOUT2, "heldout2"), (HELDOUT3, "heldout3"),
                                           (HELDOUT4, "heldout4"), (HELDOUT5, "heldout5"), (HELDOUT6, "heldout6"),
                                           (DEV5, "dev5")])
def test_heldout_recall(folder, floor):
    """Reports written by someone who had not seen the extractor (fixtures/heldout*/README.md); their recall
    was first measured after the rules were written, so it is the honest figure. Its floor only guards against
    regressions; the misses are not to be tuned on."""
    actors = ActorDictionary.default()
    matched = expected_total = 0
    for path in sorted(folder.glob("*.txt")):
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        score = score_fixture(expected, run_extract(str(path), expected.get("published")), actors)
        matched, expected_total = matched + score.matched, expected_total + score.expected
    assert matched / expected_total >= FLOORS[floor]


def test_an_acled_acronym_name_matches_either_part():
    from sitrep.evaluate import _same_actor

    actors = ActorDictionary.default()
    assert _same_actor("FLGG: Front for the Liberation of Grand Gedeh", "FLGG", actors, None)
    assert _same_actor("FLGG: Front for the Liberation of Grand Gedeh", "Front for the Liberation of Grand-Gedeh",
                       actors, None)
    assert not _same_actor("FLGG: Front for the Liberation of Grand Gedeh", "MLR: Maryland Liberation Resistance",
                           actors, None)
