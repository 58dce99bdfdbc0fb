"""Scoring extracted records against hand-coded expected records (the format of tests/fixtures/reports)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .gazetteer import haversine_km

LOCATION_TOLERANCE_KM = 25.0
TERRITORY = {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}


@dataclass
class FixtureScore:
    expected: int = 0
    matched: int = 0
    produced: int = 0
    misses: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    # Expected events some extracted event has the evidence sentence and type of, and how many of those also pass
    # each other check: where recall is lost (detection, or a field of a detected event).
    detected: int = 0
    field_ok: dict[str, int] = field(default_factory=dict)
    # Extracted events none of whose evidence holds an expected event's sentence: a precision proxy.
    unsupported: int = 0
    # Equipment records (found: same sentence and status; with_losers: also the losing side) and displacement
    # figures (found: same sentence and at least the expected number of people, within 10 %).
    equipment: tuple[int, int, int] = (0, 0, 0)
    displacement: tuple[int, int] = (0, 0)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return min(1.0, self.matched / self.produced) if self.produced else 1.0


def _bare_name(name: str) -> str:
    """'Military Forces of Russia (2000-)' and 'Civilians (Ukraine)' → 'military forces of russia', 'civilians'."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip().casefold()


def _name_keys(name: str) -> set[str]:
    """ACLED writes many groups 'ACRONYM: Full Name': either part identifies the group ('RUF: Revolutionary United
    Front' is 'RUF' and 'revolutionary united front'); punctuation and case aside."""
    bare = _bare_name(name)
    parts = bare.split(": ", 1) if re.match(r"^[\w-]{2,10}: ", bare) else [bare]
    return {" ".join(re.sub(r"['’]", "", part).replace("-", " ").split()) for part in parts}


def _same_actor(expected: str | None, produced: str | None, actors, country: str | None) -> bool:
    if expected is None:
        return True
    if produced is None:
        return False
    wanted = actors.canonical(expected, country=country) or actors.canonical(_bare_name(expected), country=country) \
        or expected
    return (produced == wanted or _bare_name(produced) == _bare_name(wanted)
            or bool(_name_keys(produced) & _name_keys(wanted))
            or actors.same_side(produced, wanted, country=country))


def _same_country(name: str, allowed: set[str]) -> bool:
    from .gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    code = gazetteer.country_code(name)
    return name in allowed or any(code is not None and gazetteer.country_code(other) == code for other in allowed)


def _evidence_has(event: dict[str, Any], needle: str) -> bool:
    return any(needle in span["text"] for span in event["evidence"])


def _date_ok(expected: dict[str, Any], event: dict[str, Any]) -> bool:
    if not expected.get("event_date") or not event.get("event_date"):
        return not expected.get("event_date")
    if expected.get("time_precision", 1) == 1:
        return event["event_date"] == expected["event_date"]
    return event["event_date"][:7] == expected["event_date"][:7]


def _place_ok(expected: dict[str, Any], event: dict[str, Any]) -> bool:
    loc = event.get("location")
    if expected.get("latitude") is None:
        return True
    if not loc:
        return False
    return haversine_km(loc["latitude"], loc["longitude"], expected["latitude"], expected["longitude"]) <= LOCATION_TOLERANCE_KM


def failed_checks(expected: dict[str, Any], event: dict[str, Any], actors, country: str | None) -> list[str]:
    """The criteria an extracted event fails for an expected one (empty when it matches). The two sides of an armed
    clash are unordered, as ACLED's actor order in a battle does not say who started it: 'clashes between the SAF
    and the RSF' matches a gold record that lists the RSF first."""
    same_type = (expected["event_type"] == event["event_type"] and expected["sub_event_type"] == event["sub_event_type"]
                 or {expected["sub_event_type"], event["sub_event_type"]} <= TERRITORY | {"Armed clash"})
    checks = {
        "type": same_type,
        "evidence": _evidence_has(event, expected["evidence_contains"]),
        "date": _date_ok(expected, event),
        "place": _place_ok(expected, event),
        "background": bool(expected.get("background")) == bool(event.get("background")),
        "actor1": _same_actor(expected.get("actor1"), event.get("actor1"), actors, country)
        or (event["sub_event_type"] == "Armed clash" and expected["sub_event_type"] == "Armed clash"
            and _same_actor(expected.get("actor1"), event.get("actor2"), actors, country)),
    }
    return [name for name, ok in checks.items() if not ok]


def event_matches(expected: dict[str, Any], event: dict[str, Any], actors, country: str | None) -> bool:
    return not failed_checks(expected, event, actors, country)


def _closest_failure(expected: dict[str, Any], events: list[dict[str, Any]], actors, country: str | None) -> str:
    failures = [(failed_checks(expected, event, actors, country), event) for event in events]
    failures = [(checks, event) for checks, event in failures if "evidence" not in checks]
    if not failures:
        return "no event from that sentence"
    checks, event = min(failures, key=lambda pair: len(pair[0]))
    location = (event.get("location") or {}).get("name")
    return (f"closest fails {', '.join(checks)} (got {event['sub_event_type']} at {location} on {event.get('event_date')}, "
            f"actor1 {event.get('actor1')})")


FIELDS = ("date", "place", "background", "actor1")


def _tally_fields(score: FixtureScore, wanted: dict[str, Any], events: list[dict[str, Any]], actors,
                  country: str | None) -> None:
    """Detection (an event from the expected sentence, of the expected type) and, for a detected event, which other
    checks its best candidate passes."""
    candidates = [failed_checks(wanted, event, actors, country) for event in events]
    candidates = [checks for checks in candidates if "evidence" not in checks and "type" not in checks]
    if not candidates:
        return
    score.detected += 1
    best = min(candidates, key=len)
    for name in FIELDS:
        score.field_ok[name] = score.field_ok.get(name, 0) + (name not in best)


def _record_says(record: dict[str, Any], needle: str) -> bool:
    evidence = record.get("evidence") or {}
    return needle in (evidence.get("text", "") if isinstance(evidence, dict) else "")


def _equipment_found(wanted: list[dict[str, Any]], records: list[dict[str, Any]], actors,
                     country: str | None) -> tuple[int, int, int]:
    found = with_losers = 0
    for item in wanted:
        same = [r for r in records if _record_says(r, item["evidence_contains"]) and r["status"] == item["status"]]
        found += bool(same)
        with_losers += any(item.get("losing_actor") is None or _same_actor(item["losing_actor"], r["losing_actor"],
                                                                           actors, country) for r in same)
    return len(wanted), found, with_losers


def _displacement_found(wanted: list[dict[str, Any]], records: list[dict[str, Any]]) -> tuple[int, int]:
    found = 0
    for item in wanted:
        low = item.get("quantity_min") or 0
        found += any(_record_says(r, item["evidence_contains"]) and abs(r["people"]["min"] - low) <= 0.1 * low
                     for r in records)
    return len(wanted), found


def score_fixture(expected: dict[str, Any], result: dict[str, Any], actors) -> FixtureScore:
    country = expected.get("country_code")
    score = FixtureScore(produced=len(result["events"]))
    for wanted in expected["events"]:
        if wanted.get("optional"):
            continue
        score.expected += 1
        _tally_fields(score, wanted, result["events"], actors, country)
        if any(event_matches(wanted, event, actors, country) for event in result["events"]):
            score.matched += 1
        else:
            score.misses.append(f"{wanted['sub_event_type']} at {wanted['location']} on {wanted['event_date']}: "
                                f"{_closest_failure(wanted, result['events'], actors, country)}")
    score.equipment = _equipment_found(expected.get("equipment") or [], result.get("equipment") or [], actors, country)
    score.displacement = _displacement_found(expected.get("displacement") or [], result.get("displacement") or [])
    needles = [wanted["evidence_contains"] for wanted in expected["events"]]
    score.unsupported = sum(not any(_evidence_has(event, needle) for needle in needles) for event in result["events"])
    forbidden = expected.get("forbidden") or {}
    allowed = set(forbidden.get("allowed_countries") or [])
    for event in result["events"]:
        loc = event.get("location")
        if allowed and loc and not _same_country(loc["country"], allowed):
            score.violations.append(f"event placed in {loc['country']}: {event['evidence'][0]['text'][:80]}")
        year = int(event["event_date"][:4]) if event.get("event_date") else None
        if year and not event["background"]:
            if forbidden.get("min_year") and year < forbidden["min_year"] or forbidden.get("max_year") and year > forbidden["max_year"]:
                score.violations.append(f"event dated {event['event_date']}: {event['evidence'][0]['text'][:80]}")
    return score
