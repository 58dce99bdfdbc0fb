"""Territorial control: who held each place, since when and until when, and on what evidence.

Control *claims* come from fused events (a territory change gives the gaining actor control and tells that the
losing actor held it before; a repelled assault tells that the defender kept the place and that the attacker did not
take it) and from explicit statements in the stored text ("under IS control", "held by the SDF", "regime-held",
"retook", "withdrew from"; see `statements`). Claims about one place whose dates overlap form an *episode*; an
episode where two sides are both said to hold the place, or where one side is said both to hold and not to hold it,
is *contested*. Episodes in date order give the place's periods. Nothing is guessed: a date no claim covers is
`unknown`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

from .fusion import TERRITORY_SUB_EVENTS, side_of
from .gazetteer import haversine_km

GAIN, HOLD, LOST, NOT = "gain", "hold", "lost", "not"
WITHDRAWAL = "withdrawal"  # sitrep.vocabulary.WITHDRAWAL: the outcome of a side leaving a place
POSITIVE = (GAIN, HOLD)


@dataclass(frozen=True)
class Claim:
    place_key: str
    location: dict[str, Any]
    kind: str  # gain: took it then; hold: held it then; lost: lost it then; not: failed to take it then
    actor: str | None
    side: str
    start: date
    end: date
    precision: int
    evidence: dict[str, Any]


def place_key(location: dict[str, Any]) -> str:
    """The gazetteer id when there is one, else the normalised name and rounded coordinates."""
    if location.get("gazetteer_id"):
        return location["gazetteer_id"]
    slug = re.sub(r"[^a-z0-9]+", "-", (location.get("name") or "").lower()).strip("-")
    return f"name:{slug}@{location.get('latitude', 0):.2f},{location.get('longitude', 0):.2f}"


def _dates(record: dict[str, Any]) -> tuple[date, date] | None:
    if not record.get("event_date"):
        return None
    start = date.fromisoformat(record["event_date"])
    return start, date.fromisoformat(record.get("event_date_end") or record["event_date"])


def _fused_evidence(fused: dict[str, Any], kind: str) -> dict[str, Any]:
    return {"kind": kind, "basis": "event", "fused_id": fused["fused_id"], "sub_event_type": fused["sub_event_type"],
            "event_date": fused["event_date"], "event_ids": fused["event_ids"],
            "documents": [{"document_id": s["document_id"], "source": s["source"], "published": s["published"]}
                          for s in fused["sources"]]}


def _claim(fused: dict[str, Any], kind: str, actor: str, dates: tuple[date, date]) -> Claim:
    loc = fused["location"]
    return Claim(place_key(loc), loc, kind, actor, side_of(actor, loc.get("country_code")), dates[0], dates[1],
                 fused.get("time_precision") or 3, _fused_evidence(fused, kind))


def claims_from_fused(fused: dict[str, Any]) -> list[Claim]:
    """Territory changes, withdrawals and repelled assaults as control claims."""
    dates = _dates(fused)
    if not fused.get("location") or dates is None:
        return []
    a1, a2 = fused.get("actor1"), fused.get("actor2")
    claims = []
    if fused.get("outcome") == WITHDRAWAL:
        return _withdrawal_claims(fused, a1, a2, dates)
    if fused["sub_event_type"] in TERRITORY_SUB_EVENTS and a1:
        claims.append(_claim(fused, GAIN, a1, dates))
        if a2 and side_of(a2) != side_of(a1):
            claims.append(_claim(fused, LOST, a2, dates))
    elif fused["event_type"] == "Battles" and fused.get("outcome") == "failed":
        if a2:
            claims.append(_claim(fused, HOLD, a2, dates))
        if a1:
            claims.append(_claim(fused, NOT, a1, dates))
    return claims


def _withdrawal_claims(fused: dict[str, Any], a1: str | None, a2: str | None,
                       dates: tuple[date, date]) -> list[Claim]:
    """A withdrawal: actor1 left the place (`lost`); actor2, when it was handed over, has it (`gain`). Nothing is
    said about where the withdrawing side went. Only a withdrawal from the place itself (geo_precision 1: not 'from
    positions north of Tadmur') on a day of its own (time_precision 1: not a day borrowed from the narrative)."""
    if fused["location"].get("geo_precision") != 1 or fused.get("time_precision") != 1:
        return []
    claims = [_claim(fused, LOST, a1, dates)] if a1 else []
    if a2 and side_of(a2) != side_of(a1):
        claims.append(_claim(fused, GAIN, a2, dates))
    return claims


# --------------------------------------------------------------------------- periods

@dataclass
class Period:
    status: str  # held | contested
    since: date | None
    since_end: date | None = None  # the change happened somewhere in [since, since_end]
    until: date | None = None  # control ended on this day (the next period's start)
    last_seen: date | None = None  # the latest claim supporting this period
    ended_unrecorded: bool = False  # a later claim shows another holder but no recorded change
    inferred: bool = False  # known only from a later loss: start unknown
    side: str | None = None
    controller: str | None = None
    claims: list[Claim] = field(default_factory=list)

    def covers(self, day: date, window_start: date | None) -> bool:
        start = self.since or (self.claims_start() if not self.inferred else window_start)
        if start is None or day < start:
            return False
        if self.until is not None and day >= self.until:
            return False
        return not (self.ended_unrecorded and self.last_seen is not None and day > self.last_seen)

    def claims_start(self) -> date | None:
        return min((c.start for c in self.claims), default=None)

    def in_transition(self, day: date) -> bool:
        return self.since is not None and self.since_end is not None and self.since <= day < self.since_end

    def to_dict(self) -> dict[str, Any]:
        contenders = sorted({(c.side, c.actor or "") for c in self.claims if c.kind in POSITIVE})
        return {
            "status": self.status, "controller": self.controller, "side": self.side,
            "since": _iso(self.since), "since_end": _iso(self.since_end), "until": _iso(self.until),
            "first_seen": _iso(self.claims_start()), "last_seen": _iso(self.last_seen),
            "start_known": self.since is not None,
            "claimants": [{"side": s, "controller": a or None} for s, a in contenders] if self.status == "contested" else [],
            "evidence": [c.evidence for c in self.claims],
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def episodes(claims: list[Claim]) -> list[list[Claim]]:
    """Claims grouped where their date ranges overlap (transitively), in date order."""
    ordered = sorted(claims, key=lambda c: (c.start, c.end, c.kind, c.side, str(c.evidence)))
    groups: list[list[Claim]] = []
    group_end: date | None = None
    for claim in ordered:
        if groups and group_end is not None and claim.start <= group_end:
            groups[-1].append(claim)
            group_end = max(group_end, claim.end)
        else:
            groups.append([claim])
            group_end = claim.end
    return groups


def _verdict(group: list[Claim]) -> tuple[str, str | None]:
    """('held', side) | ('contested', None) | ('lost', side) | ('none', None) for one episode."""
    positive = {c.side for c in group if c.kind in POSITIVE}
    negative = {c.side for c in group if c.kind in (LOST, NOT)}
    if len(positive) > 1 or positive & negative:
        return "contested", None
    if positive:
        return "held", next(iter(positive))
    lost = sorted({c.side for c in group if c.kind == LOST})
    return ("lost", lost[0]) if len(lost) == 1 else ("none", None)


class Timeline:
    """Builds one place's periods from its episodes."""

    def __init__(self) -> None:
        self.periods: list[Period] = []
        self.current: Period | None = None

    def _close(self, until: date | None, *, unrecorded: bool = False) -> None:
        if self.current is not None:
            self.current.until = until
            self.current.ended_unrecorded = unrecorded
            self.periods.append(self.current)
            self.current = None

    def _open(self, period: Period) -> None:
        self.current = period

    def add(self, group: list[Claim]) -> None:
        verdict, side = _verdict(group)
        start, end = min(c.start for c in group), max(c.end for c in group)
        if verdict == "held":
            self._held(group, side, start, end)
        elif verdict == "contested":
            self._contested(group, start)
        elif verdict == "lost":
            self._lost(group, side, start)
        elif self.current is not None:
            self.current.claims.extend(group)  # a failed attack by someone else: the holder kept it

    def _held(self, group: list[Claim], side: str, start: date, end: date) -> None:
        supporting = [c for c in group if c.kind in POSITIVE]
        gained = any(c.kind == GAIN for c in supporting)
        cur = self.current
        if cur is not None and cur.status == "held" and cur.side == side:
            cur.claims.extend(group)
            cur.last_seen = max(cur.last_seen or start, end)
            return
        if gained:
            self._before_gain(group, side, start)
            self._close(start)
        else:
            self._close(None, unrecorded=True)
        controller = _controller(supporting)
        self._open(Period("held", start if gained else None, end if gained and end > start else None,
                          last_seen=end, side=side, controller=controller, claims=list(group)))

    def _before_gain(self, group: list[Claim], side: str, start: date) -> None:
        """A change from a known loser with no earlier record: the loser held it before (start unknown)."""
        losers = sorted({c.side for c in group if c.kind == LOST and c.side != side})
        if self.current is None and not self.periods and len(losers) == 1:
            lost = [c for c in group if c.kind == LOST]
            self.periods.append(Period("held", None, until=start, inferred=True, side=losers[0],
                                       controller=_controller(lost), claims=lost, last_seen=start))

    def _contested(self, group: list[Claim], start: date) -> None:
        if self.current is not None and self.current.status == "contested":
            self.current.claims.extend(group)
            return
        self._close(start)
        self._open(Period("contested", start, claims=list(group), last_seen=max(c.end for c in group)))

    def _lost(self, group: list[Claim], side: str, start: date) -> None:
        if self.current is not None and self.current.side == side:
            self.current.claims.extend(group)
            self._close(start)
        elif self.current is None and not self.periods:
            self.periods.append(Period("held", None, until=start, inferred=True, side=side,
                                       controller=_controller(group), claims=list(group), last_seen=start))

    def finish(self) -> list[Period]:
        self._close(None)
        return self.periods


def _controller(claims: Iterable[Claim]) -> str | None:
    actors = sorted(c.actor for c in claims if c.actor)
    return max(actors, key=actors.count) if actors else None


def periods_for(claims: list[Claim]) -> list[Period]:
    timeline = Timeline()
    for group in episodes(claims):
        timeline.add(group)
    return timeline.finish()


# --------------------------------------------------------------------------- the picture

@dataclass
class Place:
    key: str
    location: dict[str, Any]
    periods: list[Period]

    def header(self) -> dict[str, Any]:
        loc = self.location
        return {"place": loc.get("name"), "place_key": self.key, "latitude": loc.get("latitude"),
                "longitude": loc.get("longitude"), "country": loc.get("country"),
                "feature_type": loc.get("feature_type")}


def places_from_claims(claims: Iterable[Claim]) -> list[Place]:
    by_key: dict[str, list[Claim]] = {}
    for claim in claims:
        by_key.setdefault(claim.place_key, []).append(claim)
    places = []
    for key, group in by_key.items():
        location = min((c.location for c in group), key=lambda loc: (loc.get("geo_precision") or 3, loc.get("name") or ""))
        places.append(Place(key, location, periods_for(group)))
    return sorted(places, key=lambda p: ((p.location.get("name") or "").lower(), p.key))


def at(places: list[Place], day: date, *, window_start: date | None,
       near: tuple[float, float, float] | None = None) -> list[dict[str, Any]]:
    """Who controls each place on `day`: held, contested or unknown (with why)."""
    rows = []
    for place in places:
        if near and not _within(place.location, near):
            continue
        rows.append({**place.header(), "date": day.isoformat(), **_state_on(place, day, window_start)})
    return rows


def _state_on(place: Place, day: date, window_start: date | None) -> dict[str, Any]:
    for period in place.periods:
        if period.in_transition(day):
            return _unknown("control changed on an unknown day between "
                            f"{period.since} and {period.since_end}", [period])
        if period.covers(day, window_start):
            out = period.to_dict()
            return {**out, "reason": None}
    return _unknown("no report covers this date", [])


def _unknown(reason: str, periods: list[Period]) -> dict[str, Any]:
    return {"status": "unknown", "controller": None, "side": None, "since": None, "since_end": None, "until": None,
            "first_seen": None, "last_seen": None, "start_known": False, "claimants": [],
            "evidence": [c.evidence for p in periods for c in p.claims], "reason": reason}


def _within(location: dict[str, Any], near: tuple[float, float, float]) -> bool:
    lat, lon, km = near
    return location.get("latitude") is not None and haversine_km(location["latitude"], location["longitude"],
                                                                 lat, lon) <= km


def history(places: list[Place], name: str) -> list[dict[str, Any]]:
    """Every place whose name, mention or key matches `name` (case-insensitive), with its periods."""
    wanted = name.casefold()
    out = []
    for place in places:
        names = {place.key.casefold(), (place.location.get("name") or "").casefold(),
                 (place.location.get("mention") or "").casefold()}
        if wanted in names or any(wanted in n for n in names if n):
            out.append({**place.header(), "periods": [p.to_dict() for p in place.periods]})
    return out


