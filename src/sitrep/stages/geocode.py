"""geocode: each place mention resolved to one gazetteer entry, by the report's focus country, the kind of site the
text names, and distance to the other places in the report; events and records get their location."""
from __future__ import annotations

import math
from statistics import median

from ..gazetteer import Place, haversine_km
from ..model import Document, Location, Mention
from ..pipeline import Context, stage
from ..textnorm import fold

ADMIN_TYPES = {"admin1", "admin2", "country"}
NEAR_KM = 150.0


def _score(place: Place, mention: Mention, focus: str | None, centre: tuple[float, float] | None) -> float:
    score = math.log10(place.population + 10)
    if focus and place.country_code == focus:
        score += 6
    hint = mention.attrs.get("feature_hint")
    if hint and place.feature_type == hint:
        score += 4
    elif hint and place.feature_type == "populated_place":
        score -= 2
    if place.feature_type in ADMIN_TYPES and not _names_area(mention):
        score -= 3
    if centre is not None:
        distance = haversine_km(centre[0], centre[1], place.latitude, place.longitude)
        score += 3 * max(0.0, 1 - distance / 600)
    return score


def _names_area(mention: Mention) -> bool:
    lower = mention.text.lower()
    return any(word in lower for word in ("governorate", "province", "oblast", "region", "state"))


def _acceptable(place: Place, mention: Mention, focus: str | None) -> bool:
    """Outside the focus country, only countries, and large cities that the parser also sees as places, are
    plausible without other evidence."""
    if focus is None or place.country_code == focus:
        return True
    if mention.attrs.get("sound_match"):
        return False  # a spelling the gazetteer does not know is only trusted inside the report's country
    if place.feature_type == "country":
        return True
    return place.population >= 100_000 and mention.attrs.get("entity") in {"GPE", "LOC"} and len(mention.text) > 3


def _centre(points: list[Place]) -> tuple[float, float] | None:
    if not points:
        return None
    return median(p.latitude for p in points), median(p.longitude for p in points)


def resolve_places(doc: Document) -> None:
    places = [m for m in doc.mentions if m.type == "place" and m.attrs.get("candidates")]
    focus = doc.focus_country
    anchors = [m.attrs["candidates"][0] for m in places
               if len({c.id for c in m.attrs["candidates"]}) == 1 and m.attrs["candidates"][0].feature_type not in ADMIN_TYPES]
    centre = _centre([p for p in anchors if not focus or p.country_code == focus])
    for mention in places:
        options = [c for c in mention.attrs["candidates"] if _acceptable(c, mention, focus)]
        if not options:
            continue
        best = max(options, key=lambda c: _score(c, mention, focus, centre))
        mention.location = _location(best, mention.text, 3 if best.feature_type in ADMIN_TYPES else 1)


def _location(place: Place, mention_text: str, precision: int) -> Location:
    return Location(name=place.name, mention=mention_text, latitude=place.latitude, longitude=place.longitude,
                    country=place.country, country_code=place.country_code, admin1=place.admin1,
                    geo_precision=precision, gazetteer_id=place.id, feature_type=place.feature_type)


def resolve_anaphors(doc: Document) -> None:
    """'the city' → the last city named before it; 'the airbase' → the last airbase."""
    resolved: list[Mention] = []
    for mention in sorted((m for m in doc.mentions if m.type == "place"), key=lambda m: m.start):
        wanted = mention.attrs.get("anaphor")
        if wanted:
            target = next((r for r in reversed(resolved) if r.location and r.location.feature_type in wanted), None)
            if target is not None:
                loc = target.location
                mention.location = Location(**{**loc.to_dict(), "mention": mention.text})
        elif mention.location is not None:
            resolved.append(mention)


def place_unlisted_sites(doc: Document) -> None:
    """A named site the gazetteer lacks ('Jabal al-Tar', 'Maher gas field') is placed, as ACLED coders do, at the
    nearest known place the report ties it to: a place named in the same sentence, else the last place named before
    it. Its geo_precision is 2 and its gazetteer id says it is approximate."""
    resolved = [m for m in doc.mentions if m.type == "place" and m.location is not None
                and m.location.feature_type not in ADMIN_TYPES]
    for mention in doc.mentions:
        if mention.type != "place" or mention.location is not None or not mention.attrs.get("unlisted_site"):
            continue
        same_sentence = [m for m in resolved if m.sentence == mention.sentence]
        before = [m for m in resolved if m.start < mention.start]
        anchor = (same_sentence or before[-1:] or resolved[:1] or [None])[0]
        if anchor is None:
            continue
        base = anchor.location
        mention.location = Location(
            name=mention.attrs.get("lookup", mention.text), mention=mention.text, latitude=base.latitude,
            longitude=base.longitude, country=base.country, country_code=base.country_code, admin1=base.admin1,
            geo_precision=2, gazetteer_id=f"near:{base.gazetteer_id}:{fold(mention.text).replace(' ', '-')}",
            feature_type=mention.attrs.get("feature_hint") or "site")


def _last_town_before(doc: Document, char: int) -> Mention | None:
    """People flee from towns: the last populated place the report named before the sentence."""
    towns = [m for m in doc.mentions if m.type == "place" and m.start < char and m.location is not None
             and m.location.feature_type == "populated_place"]
    return towns[-1] if towns else None


def _event_location(mention: Mention | None, hint: int | None) -> Location | None:
    if mention is None or mention.location is None:
        return None
    loc = mention.location
    precision = max(loc.geo_precision, hint or 1)
    return Location(**{**loc.to_dict(), "geo_precision": precision})


@stage("geocode", reads=("mentions", "focus_country", "events"), adds=("locations",))
def geocode(doc: Document, ctx: Context) -> None:
    resolve_places(doc)
    resolve_anaphors(doc)
    place_unlisted_sites(doc)
    for event in doc.events:
        event.location = _event_location(event.work.get("place"), event.work.get("geo_hint"))
    for record in doc.displacement:
        record.origin = _event_location(record.work.get("origin") or _last_town_before(doc, record.work["char"]), None)
        record.destination = _event_location(record.work.get("destination"), None)
