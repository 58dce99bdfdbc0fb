"""geocode: each place mention resolved to one gazetteer entry, by the report's focus country, the kind of site the
text names, and distance to the other places in the report; events and records get their location."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from statistics import median
from typing import Any

from ..gazetteer import COUNTRY_ALIASES, Place, haversine_km
from ..lexicons import country_adjectives
from ..lexicon_patterns import CANADIAN_PROVINCE_ABBREVIATIONS, REGION_QUALIFIERS, US_STATE_ABBREVIATIONS, names_area
from ..model import Document, Location, Mention
from ..pipeline import Context, stage
from .mentions import GENERIC_NAME_WORDS
from ..textnorm import fold

ADMIN_TYPES = {"admin1", "admin2", "country", "continent"}
WHOLE_AREA_TYPES = {"admin1", "country", "continent"}  # areas that a state or province cannot be said to hold
NEAR_KM = 150.0
CENTRE_BONUS = 4.0  # for a candidate at the centre of the report's places, less with distance
CENTRE_KM = 400.0  # ... down to nothing at this distance
POPULATION_WEIGHT = 1.0  # per tenfold population
FAMOUS_POPULATION = 500_000
FOCUS_BONUS = 6.0  # a place in the report's country
FOCUS_SHARE_BONUS = 4.0  # ... and up to this more, the more of the report's names its country bears
FOCUS_SHARE_FROM = 0.5  # (nothing more below this share)
FAMOUS_BONUS = 6.0  # a country, a capital or a city of a million: wins over namesakes without local evidence
REGION_NAMED_BONUS = 5.0  # a place in a state/province the report names elsewhere
REGION_VOTE_BONUS = 3.0  # times the state's share of the report's place names, relative to the leading state
QUALIFIED_BONUS = 15.0  # 'Paris, Texas', 'Albany, N.Y.': the text says which one
NAME_BONUS = 2.0  # the place's own name, not one of its alternate names
OTHER_NAME_PENALTY = 4.0  # only an alternate name, where another candidate bears the name as its own
PROMINENT_AREA_POPULATION = 1_000_000
PROMINENT_AREA_BONUS = 5.0  # a state or province of a million, by its own name ('Georgia', 'Ontario')
PART_OF_AREA_BONUS = 6.0  # 'central Washington', 'northern Ontario': a part of a state, so the state
PART_OF_AREA = re.compile(r"\b(?:central|(?:north|south)(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|upstate|"
                          r"downstate|rural|coastal)\s+$")  # lower case only: 'West Virginia' is a name

_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][\w'’.-]*|of|de|la)(?:[ \t]+(?:[A-Z][\w'’.-]*|of|de|la)){0,3})")

Region = tuple[str, str | None]  # (country code, admin1 name or None for the whole country)


@dataclass
class Evidence:
    """What the report says about where its places are: its focus country, the centre of its unambiguous places,
    the states/provinces and countries it names, and the gazetteer (capitals are famous)."""

    focus: str | None
    centre: tuple[float, float] | None
    regions: set[Region] = field(default_factory=set)
    gazetteer: Any = None
    region_votes: dict[Region, float] = field(default_factory=dict)  # each state's share of the report's names
    focus_share: float = 0.0  # the share of the report's place names that a place of the focus country bears
    countries: set[str] = field(default_factory=set)  # the countries the report names
    neighbours: dict[str, tuple[float, list]] = field(default_factory=dict)  # name -> (weight, its candidates' points)
    named_more: set[str] = field(default_factory=set)  # countries the report names more often than its focus country
    _support: dict[tuple[str, str], float] = field(default_factory=dict)

    def support(self, place: Place, name: str) -> float:
        """How many of the report's other names have a namesake near `place` (within SUPPORT_KM): towns named
        together lie together, so 'Alexandria' named with 'Douglas County' and 'St. Cloud' is Alexandria,
        Minnesota. Countries, continents and states neither get nor give support (they are large). It scores only
        inside the report's country (namesakes abroad that happen to lie near each other do not pull a name across
        the border: Dublin, Ohio stays Dublin, Ohio beside Irish names); abroad it only makes a candidate
        acceptable (SUPPORT_ACCEPT)."""
        if place.feature_type in WHOLE_AREA_TYPES:
            return 0
        key = (place.id, name)
        if key not in self._support:
            self._support[key] = sum(
                weight for other, (weight, points) in self.neighbours.items() if other != name and any(
                    _near(place.latitude, place.longitude, lat, lon, SUPPORT_KM) for lat, lon in points))
        return self._support[key]


SUPPORT_KM = 120.0
SUPPORT_BONUS = 3.0  # per other name of the report with a namesake near a candidate in the report's country ...
SUPPORT_CAP = 3  # ... counting at most this many
WEAK_SUPPORT = 0.5  # a name the parser never sees as a place
SUPPORT_ACCEPT = 2  # a candidate abroad with this many is acceptable ('London' named with Sarnia and Brampton)


def _near(lat1: float, lon1: float, lat2: float, lon2: float, km: float) -> bool:
    if abs(lat1 - lat2) * 111.2 > km:
        return False
    return haversine_km(lat1, lon1, lat2, lon2) <= km


def _name_of(mention: Mention) -> str:
    return fold(mention.attrs.get("lookup") or mention.text)


def _neighbours(places: list[Mention], gazetteer: Any, focus: str | None) -> dict[str, tuple[float, list]]:
    """Each distinct name of the report, with how much it counts and the points of its candidates that bear it as
    their own name (all of them where none does) and are no whole state or country. A name the parser sees as a
    place at least once counts whole, as does a county's ('Walker County Commissioners Court'); one it only sees as
    a person, an organisation or nothing ('Winfield police chief') counts WEAK_SUPPORT; a facility's ('Lions club')
    or one spelt unlike any known name counts nothing. A country's or a state's name counts nothing either, a famous
    city's only near that city."""
    names: dict[str, list[tuple[float, float]]] = {}
    weights: dict[str, float] = {}
    for mention in places:
        name = _name_of(mention)
        weights[name] = max(weights.get(name, 0.0), _name_weight(mention))
        if name in names:
            continue
        candidates = mention.attrs["candidates"]
        own = [c for c in candidates if _own_name(c, mention)] or candidates
        if any(_whole_area(c, focus) for c in own):
            names[name] = []  # a country or a state: no point of its own
            continue
        famous = [c for c in own if _famous(c, gazetteer) and c.feature_type not in WHOLE_AREA_TYPES | {"landmark"}]
        names[name] = [(c.latitude, c.longitude) for c in famous or own if c.feature_type not in WHOLE_AREA_TYPES]
    return {name: (weights[name], points) for name, points in names.items() if weights[name] and points}


def _name_weight(mention: Mention) -> float:
    """How much a mention counts as evidence of where the report is: whole where the parser sees a place or the
    name is a county's, WEAK_SUPPORT where it sees a person or an organisation, nothing for a facility's name, a
    modifier or a name spelt unlike any known one."""
    if mention.attrs.get("sound_match") or mention.attrs.get("modifier") or mention.attrs.get("description"):
        return 0.0
    if any(c.feature_type == "admin2" for c in mention.attrs["candidates"]) \
            or mention.attrs.get("entity") in {"GPE", "LOC"} and not mention.attrs.get("facility"):
        return 1.0
    if not mention.attrs.get("facility") and mention.attrs.get("entity") in {"ORG", "PERSON", None}:
        return WEAK_SUPPORT
    return 0.0


def _rival_area(mention: Mention, options: list[Place], focus: str | None) -> bool:
    """Whether a country, or a state of a million in the report's country, bears the name as its own ('Egypt',
    'Vermont', 'New York' in a report on the United States): the report's other names do not make it a town of that
    name (the text has to qualify it: 'Egypt, Pa.')."""
    return any(_own_name(o, mention) and _whole_area(o, focus) for o in options)


def _whole_area(place: Place, focus: str | None) -> bool:
    return place.feature_type == "country" or place.feature_type == "admin1" \
        and place.population >= PROMINENT_AREA_POPULATION and (focus is None or place.country_code == focus)


def _famous(place: Place, gazetteer: Any) -> bool:
    if place.feature_type in {"country", "continent", "landmark"} or (place.feature_type == "populated_place"
                                           and place.population >= FAMOUS_POPULATION):
        return True
    return bool(gazetteer is not None and gazetteer.is_capital(place))


def _famous_bonus(place: Place, mention: Mention) -> float:
    """Famous places win over namesakes, by their own name more surely: 'Mexico' is the country, not Mexico City,
    which also answers to it; 'White House' is not Casablanca. (Small places get no such bonus: their spellings
    vary with transliteration, 'Balakliia' for Balakliya.)"""
    if fold(place.name) == fold(mention.attrs.get("lookup") or mention.text):
        return FAMOUS_BONUS + NAME_BONUS
    return FAMOUS_BONUS if place.feature_type == "country" else FAMOUS_BONUS / 2


def _in_region(place: Place, regions: set[Region]) -> bool:
    return (place.country_code, place.admin1) in regions and place.feature_type not in WHOLE_AREA_TYPES


def _score(place: Place, mention: Mention, evidence: Evidence, options: list[Place] | None = None,
           qualifier: set[Region] | None = None) -> float:
    score = POPULATION_WEIGHT * math.log10(place.population + 10)
    if evidence.focus and place.country_code == evidence.focus:
        score += FOCUS_BONUS + FOCUS_SHARE_BONUS * max(0.0, evidence.focus_share - FOCUS_SHARE_FROM) / (1 - FOCUS_SHARE_FROM)
    if _famous(place, evidence.gazetteer):
        score += _famous_bonus(place, mention)
    if _in_region(place, evidence.regions) and fold(place.admin1 or "") != fold(mention.text):
        score += REGION_NAMED_BONUS  # ('Montana' itself does not make Montana City likelier)
    if _in_region(place, qualifier or set()):
        score += QUALIFIED_BONUS
    if evidence.region_votes and place.feature_type not in WHOLE_AREA_TYPES:
        score += REGION_VOTE_BONUS * evidence.region_votes.get((place.country_code, place.admin1), 0.0)
    if not _rival_area(mention, options or [], evidence.focus) and (not evidence.focus
                                                                   or place.country_code == evidence.focus):
        score += SUPPORT_BONUS * min(evidence.support(place, _name_of(mention)), SUPPORT_CAP)
    score += _feature_score(place, mention, options or [])
    if mention.attrs.get("part_of_area") and place.feature_type == "admin1" and _own_name(place, mention) \
            and not any(o.feature_type == "country" and _own_name(o, mention) for o in options or []):
        score += PART_OF_AREA_BONUS  # 'central Washington', 'northern Ontario': a part of a state or province
    score += _name_score(place, mention, options or [])
    if evidence.centre is not None:
        distance = haversine_km(evidence.centre[0], evidence.centre[1], place.latitude, place.longitude)
        score += CENTRE_BONUS * max(0.0, 1 - distance / CENTRE_KM)
    return score


def _own_name(place: Place, mention: Mention) -> bool:
    return fold(place.name) == fold(mention.attrs.get("lookup") or mention.text)


def _name_score(place: Place, mention: Mention, options: list[Place]) -> float:
    """GeoNames' alternate names include old and stray ones ('Louisville' for Morris, New York; 'Florida' for Valle
    Vista, California): a place known by the name only as an alternate loses to one that bears it as its own (a
    country's short forms, 'UK', are no stray names), unless that one is far smaller: a town's other spellings are
    often some village's own ('Balakliia' is Balakliya, not the hamlet spelt so). A
    state or province of a million named by its own name is as prominent as a large city ('Georgia' in a report
    on the United States is the state)."""
    own = _own_name(place, mention)
    if not own and place.feature_type != "country" and any(
            _own_name(o, mention) and o.population >= place.population / 10 for o in options):
        return -OTHER_NAME_PENALTY
    if own and place.feature_type == "admin1" and place.population >= PROMINENT_AREA_POPULATION:
        return PROMINENT_AREA_BONUS
    return 0.0


def _feature_score(place: Place, mention: Mention, options: list[Place]) -> float:
    hint = mention.attrs.get("feature_hint")
    if hint and place.feature_type == hint:
        return 4.0
    if hint and place.feature_type == "populated_place":
        return -2.0
    if place.feature_type in {"admin1", "admin2"} and not names_area(mention.text) and _has_namesake_town(place, options):
        return -3.0  # 'Idlib' is the city unless the text says 'Idlib province'
    return 0.0


def _has_namesake_town(area: Place, options: list[Place]) -> bool:
    """A town of the area's name inside the area itself (Idlib in Idlib governorate), not elsewhere in the country
    (California, Maryland is no reason to doubt that 'California' is the state)."""
    return any(o.feature_type == "populated_place" and o.country_code == area.country_code
               and o.admin1 == area.admin1 and o.population >= 10_000 for o in options)


def _acceptable(place: Place, mention: Mention, evidence: Evidence, qualifier: set[Region] | None = None) -> bool:
    """Outside the focus country, only countries, famous places, places the text qualifies ('Paris, Texas') and
    large cities or regions that the parser also sees as places are plausible without other evidence."""
    focus = evidence.focus
    if place.feature_type == "continent" and _own_name(place, mention):
        return True  # 'South America': found by sound only because continents are kept out of name lookups
    if focus is None and mention.attrs.get("sound_match") and " " not in mention.text.strip():
        return False  # one word spelt unlike any known name, in a report with no country: too weak a match
    if focus is None or place.country_code == focus:
        return True
    if mention.attrs.get("sound_match"):
        return False  # a spelling the gazetteer does not know is only trusted inside the report's country
    if place.country_code in evidence.named_more:
        return True
    if _in_region(place, qualifier or set()):
        return True
    words = mention.text.lower().split()
    if place.feature_type != "country" and place.country_code not in evidence.countries \
            and all(w in GENERIC_NAME_WORDS for w in words) \
            and (len(words) == 1 or place.population < PROMINENT_AREA_POPULATION):
        return False  # 'the West', 'the Gulf', 'West Coast' (not 'West Bank'): no region of an unnamed country
    if _famous(place, evidence.gazetteer):
        return True
    if evidence.support(place, _name_of(mention)) >= SUPPORT_ACCEPT \
            and not _rival_area(mention, [place], evidence.focus):
        return True  # 'London' named with Sarnia and Brampton, in a report otherwise on the United States
    if place.feature_type == "admin1" and names_area(mention.text):
        return True  # 'Kursk Oblast' in a report on Ukraine: the word 'Oblast' leaves no doubt
    if place.feature_type == "admin1" and place.population >= PROMINENT_AREA_POPULATION \
            and _own_name(place, mention) and not mention.attrs.get("sound_match") \
            and mention.text.strip().title() not in REGION_QUALIFIERS:
        return True  # 'California', 'Wales': a state or province of a million, by its own name ('Western' is no name)
    if _across_the_border(place, mention, evidence):
        return True
    if mention.attrs.get("entity") not in {"GPE", "LOC"} or len(mention.text) <= 3:
        return False
    if fold(place.name) != fold(mention.attrs.get("lookup", mention.text)):
        return False  # abroad, another name of a mid-sized city ('Nawa' for Naha, Japan) is too weak a match
    return place.population >= 100_000 or place.feature_type == "admin1" or _in_region(place, evidence.regions)


BORDER_TOWN_POPULATION = 10_000
BORDER_KM = 500.0


def _across_the_border(place: Place, mention: Mention, evidence: Evidence) -> bool:
    """'Tillaberi' in a report on Mali that names Niger, 'Gao' in one on Niger: a town of some size, by its own
    name, the largest bearing it, in a country the report names or near its places though across a border,
    whatever the parser took the word for."""
    if place.feature_type != "populated_place" or place.population < BORDER_TOWN_POPULATION \
            or not _own_name(place, mention):
        return False
    bearers = [c for c in mention.attrs["candidates"] if c.feature_type == "populated_place" and _own_name(c, mention)]
    if max(bearers, key=lambda c: c.population).id != place.id:
        return False
    return place.country_code in evidence.countries or evidence.centre is not None \
        and haversine_km(*evidence.centre, place.latitude, place.longitude) <= BORDER_KM


def _centre(points: list[Place]) -> tuple[float, float] | None:
    if not points:
        return None
    return median(p.latitude for p in points), median(p.longitude for p in points)


def _regions_of(gazetteer: Any, name: str) -> set[Region]:
    """The states/provinces (and countries) a qualifier such as 'Texas', 'N.Y.' or 'Ohio' can name."""
    if name in US_STATE_ABBREVIATIONS:
        return {("US", US_STATE_ABBREVIATIONS[name])}
    if name in CANADIAN_PROVINCE_ABBREVIATIONS:
        return {("CA", CANADIAN_PROVINCE_ABBREVIATIONS[name])}
    if gazetteer is None or len(name) <= 2:
        return set()
    return {(p.country_code, p.admin1) for p in gazetteer.lookup(name) if p.feature_type == "admin1"}


def _qualifier(doc: Document, mention: Mention, gazetteer: Any) -> set[Region]:
    """'Paris, Texas' → {(US, Texas)}; 'Albany, N.Y.' → {(US, New York)}: the region written after a comma."""
    match = _QUALIFIER.match(doc.text, mention.end)
    if not match:
        return set()
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        regions = _regions_of(gazetteer, name) or _regions_of(gazetteer, name.rstrip(".,"))
        if regions:
            return regions
    return set()


SETTLEMENT_NOUNS = r"(?:city|town|village|port|capital)"
NATIONAL_QUALIFIER = re.compile(r"\b([A-Z][\w-]+)\s+(?:(?:border|port|coastal|frontier)\s+)?(?:" + SETTLEMENT_NOUNS
                                + r"|province|region|district|governorate)\s+of\s+$")
SETTLEMENT_OF = re.compile(r"\b" + SETTLEMENT_NOUNS + r"\s+of\s+$", re.I)  # 'the city of Sumy': not the oblast


def _national_qualifier(doc: Document, mention: Mention) -> str | None:
    """'the Saudi city of Jizan', 'the Turkish border town of Kilis': the country the text says the place is in."""
    match = NATIONAL_QUALIFIER.search(doc.text[max(0, mention.start - 50):mention.start])
    if match is None:
        return None
    code, _ = country_adjectives().get(match.group(1), ("", ""))
    return code or None


def _named_regions(places: list[Mention], gazetteer: Any) -> set[Region]:
    """States and provinces the report names ('Ohio', 'Homs Governorate'), each as (country, admin1); a name that
    is also a famous place ('Washington', 'New York') names none."""
    regions: set[Region] = set()
    for mention in places:
        candidates = mention.attrs["candidates"]
        if any(_famous(c, gazetteer) and c.feature_type not in ADMIN_TYPES for c in candidates):
            continue
        areas = [c for c in candidates if c.feature_type == "admin1" and c.population >= 100_000]
        if areas:
            top = max(areas, key=lambda c: c.population)
            regions.add((top.country_code, top.admin1))
    return regions


def _evidence(doc: Document, places: list[Mention], gazetteer: Any, *, focus: str | None = None) -> Evidence:
    focus = focus or doc.focus_country
    anchors = [m.attrs["candidates"][0] for m in places
               if len({c.id for c in m.attrs["candidates"]}) == 1 and m.attrs["candidates"][0].feature_type not in ADMIN_TYPES]
    local = [p for p in anchors if not focus or p.country_code == focus]
    countries = {c.country_code for m in places for c in m.attrs["candidates"]
                 if c.feature_type == "country" and _own_name(c, m)}
    return Evidence(focus, _centre(local), _named_regions(places, gazetteer) | _home_region(local), gazetteer,
                    _region_votes(places), _focus_share(places, focus), countries,
                    _neighbours(places, gazetteer, focus), _named_more_than(places, focus))


def _named_more_than(places: list[Mention], focus: str | None) -> set[str]:
    """Countries named (by their own name, twice or more) more often than the focus country: a report datelined
    Beirut on Israeli strikes, which names Lebanon six times and Israel twice, may take Israel as its focus for its
    Israeli towns and actors, yet it is as much about Lebanon; its Lebanese towns are no namesakes abroad."""
    named = Counter(c.country_code for m in places if not m.attrs.get("modifier")
                    for c in m.attrs["candidates"] if c.feature_type == "country" and _own_name(c, m))
    return {code for code, times in named.items() if code != focus and times >= 2 and times > named[focus]}


def _focus_share(places: list[Mention], focus: str | None) -> float:
    """How much of the report is about its focus country: the share of its distinct place names whose most
    populous bearer lies there (near 1 in local news; lower in a report that also names London and Paris, whose
    namesakes in the focus country are small)."""
    names: dict[str, bool] = {}
    for mention in places:
        candidates = mention.attrs["candidates"]
        own = [c for c in candidates if _own_name(c, mention)] or candidates
        if not own:
            continue
        names[fold(mention.text)] = max(own, key=lambda c: c.population).country_code == focus
    return sum(names.values()) / len(names) if focus and names else 0.0


def _region_votes(places: list[Mention]) -> dict[Region, float]:
    """How strongly the report's names point at each state or province: every place name votes (as much as
    `_name_weight` says), split evenly among the states its candidates lie in (a state's own name votes for it
    whole), and the votes are scaled so
    that the leading state has 1. 'Boone County' in a report that also names Indianapolis, Hendricks County and
    Indiana is Boone County, Indiana."""
    votes: Counter[Region] = Counter()
    for mention in places:
        regions = {(c.country_code, c.admin1) for c in mention.attrs["candidates"]
                   if c.admin1 and c.feature_type not in {"country", "continent"}}
        for region in regions:
            votes[region] += _name_weight(mention) / len(regions)
    top = max(votes.values(), default=0.0)
    return {region: vote / top for region, vote in votes.items()} if top else {}


def _home_region(anchors: list[Place]) -> set[Region]:
    """The state/province where most of the report's unambiguous towns lie (at least two, and half of them): local
    papers write about one area, so 'Paris' in a story about Henry County towns of Tennessee is Paris, Tennessee."""
    regions = Counter((p.country_code, p.admin1) for p in anchors if p.admin1)
    if not regions:
        return set()
    (region, count), = regions.most_common(1)
    return {region} if count >= 2 and count >= 0.5 * len(anchors) else set()


def _candidates(mention: Mention, gazetteer: Any) -> list[Place]:
    """The mention's gazetteer candidates, the continent of that name, or for an AP state abbreviation ('Kan.',
    'N.M.') the state itself."""
    if gazetteer is None:
        return mention.attrs["candidates"]
    if "." in mention.text and mention.text in US_STATE_ABBREVIATIONS:
        state = US_STATE_ABBREVIATIONS[mention.text]
        return [p for p in gazetteer.lookup(state) if p.feature_type == "admin1" and p.country_code == "US"]
    continent = gazetteer.continent(mention.text)
    return [*mention.attrs["candidates"], *([continent] if continent else [])]


def resolve_places(doc: Document, gazetteer: Any = None) -> None:
    """Each place mention to its best candidate, in two readings: the first centres on the report's unambiguous
    places (where it has any), the second on the places the first reading chose in the report's country, so that
    each name is read near where the report's other names were read."""
    for mention in doc.mentions:
        if mention.type == "place" and not mention.attrs.get("candidates") and gazetteer is not None:
            _read_possessive(mention, gazetteer) or _read_institution(mention, gazetteer)
    places = [m for m in doc.mentions if m.type == "place" and not m.attrs.get("anaphor")
              and (m.attrs.get("candidates") or _candidates(m, gazetteer))]
    sections = country_sections(doc, gazetteer)
    if sections:  # a regional digest: 'Mali', 'Burkina Faso', 'Niger' as headings, each over its own country's news
        for start, end, code in sections:
            for mention in doc.mentions:
                if mention.type == "place" and start <= mention.start < end:
                    mention.attrs["section_country"] = code
            _resolve_reading(doc, [m for m in places if start <= m.start < end], gazetteer, focus=code)
        _resolve_reading(doc, [m for m in places if not any(a <= m.start < b for a, b, _ in sections)], gazetteer)
    else:
        _resolve_reading(doc, places, gazetteer)
    if ONE_SENSE and not sections:
        _one_sense(doc, places, gazetteer)
    _county_sense(places)


def _resolve_reading(doc: Document, places: list[Mention], gazetteer: Any, *, focus: str | None = None) -> None:
    evidence = _evidence(doc, places, gazetteer, focus=focus)
    sites = _resolve_all(doc, places, evidence, gazetteer)
    if SECOND_READING:
        centre = _centre([_as_point(m.location) for m in places if m.location is not None
                          and m.location.feature_type not in ADMIN_TYPES | {"landmark"}
                          and (not evidence.focus or m.location.country_code == evidence.focus)])
        if centre is not None:
            for mention in places:
                mention.location = None
            evidence.centre = centre
            sites = _resolve_all(doc, places, evidence, gazetteer)
    for mention in sites:
        mention.attrs["unlisted_site"] = True  # placed near the report's places, as a site the gazetteer lacks
    _place_by_another_name(places, sites)


def _place_by_another_name(places: list[Mention], sites: list[Mention]) -> None:
    """'Gaza City' in a report on Israel is Gaza, by an alternate name too weak to place it abroad on its own; but
    where another of the report's mentions was placed there ('Gaza'), the report is talking about that place."""
    placed = {m.location.gazetteer_id: m.location for m in places if m.location is not None}
    for mention in places:
        if mention.location is not None or mention in sites or mention.attrs.get("sound_match"):
            continue
        known = [c for c in mention.attrs["candidates"] if c.id in placed and c.feature_type == "populated_place"
                 and fold(placed[c.id].mention) != _name_of(mention)]
        if len(known) == 1:
            mention.location = Location(**{**placed[known[0].id].to_dict(), "mention": mention.text})


def country_sections(doc: Document, gazetteer: Any) -> list[tuple[int, int, str]]:
    """(start, end, ISO2) of the parts of a report that a heading line naming only a country opens ('Mali',
    'BURKINA FASO'), when it has at least two such headings; else none."""
    cached = doc.spacy_doc.user_data.get("country_sections") if doc.spacy_doc is not None else None
    if cached is None:
        cached = _country_sections(doc, gazetteer)
        if doc.spacy_doc is not None:
            doc.spacy_doc.user_data["country_sections"] = cached
    return cached


def section_at(sections: list[tuple[int, int, str]], char: int) -> tuple[int, int, str] | None:
    """The country section (start, end, ISO2) that holds offset ``char``, if any."""
    return next((section for section in sections if section[0] <= char < section[1]), None)


def _country_sections(doc: Document, gazetteer: Any) -> list[tuple[int, int, str]]:
    if gazetteer is None:
        return []
    headings = []
    for match in re.finditer(r"(?m)^[ \t]*([A-Z][A-Za-z' .-]{2,40}?)[ \t:]*$", doc.text):
        code = gazetteer.country_code(match.group(1).strip().title())
        if code:
            headings.append((match.start(), code))
    if len(headings) < 2:
        return []
    ends = [start for start, _ in headings[1:]] + [len(doc.text)]
    return [(start, end, code) for (start, code), end in zip(headings, ends)]


ONE_SENSE = True
POSSESSIVE_INSIDE = re.compile(r"^(.+?)['’]s(?:\s+\S.*)?$")


def _read_possessive(mention: Mention, gazetteer: Any) -> bool:
    """A name the gazetteer lacks that holds a possessive ("Washington's Dulles Airport", "Moscow's Domodedovo",
    "Mount Hood's") is read as the place before the possessive: the airport is at Washington, the slopes are
    Mount Hood's."""
    match = POSSESSIVE_INSIDE.match(mention.text)
    if match is None:
        return False
    owner = match.group(1).strip()
    candidates = gazetteer.lookup(owner) if len(owner) > 2 else []
    if candidates:
        mention.attrs.update(candidates=candidates, lookup=owner)
        for key in ("unlisted_site", "feature_hint", "sound_match"):
            mention.attrs.pop(key, None)
    return bool(candidates)


INSTITUTION = re.compile(r"\s+(?:High School|Middle School|Elementary|Community|Fire|Police|City|Public|Volunteer|"
                         r"News|Times|Chamber|Township|Board)\b")


def _read_institution(mention: Mention, gazetteer: Any) -> bool:
    """A local institution the gazetteer lacks, named after its town ('Mount Pleasant High School', 'Mt. Pleasant
    News', 'Cookville Volunteer Fire Department'): the town, trusted only as a facility's namesake is (near the
    report's places, in a state it names, or large)."""
    match = INSTITUTION.search(mention.text)
    if match is None or match.start() == 0:
        return False
    town = mention.text[:match.start()].strip()
    candidates = [c for c in gazetteer.lookup(town) if c.feature_type == "populated_place"]
    if candidates:
        mention.attrs.update(candidates=candidates, lookup=town, facility=match.group(0).strip().lower())
        for key in ("unlisted_site", "feature_hint", "sound_match"):
            mention.attrs.pop(key, None)
    return bool(candidates)


def _one_sense(doc: Document, places: list[Mention], gazetteer: Any) -> None:
    """One name, one place per report: where the text once says which ('Portland, Ore.', 'Paris, Texas', 'TBILISI,
    Georgia'), its other mentions of the bare name are that place too."""
    decided: dict[str, Location] = {}
    for mention in places:
        qualifier = _qualifier(doc, mention, gazetteer)
        if mention.location is not None and ((mention.location.country_code, mention.location.admin1) in qualifier
                                             or mention.attrs.get("contained")):
            decided.setdefault(fold(mention.attrs.get("lookup") or mention.text), mention.location)
    for mention in places:
        location = decided.get(fold(mention.attrs.get("lookup") or mention.text))
        if location is not None and mention.location is not None and mention.location.gazetteer_id != \
                location.gazetteer_id and not _qualifier(doc, mention, gazetteer):
            mention.location = Location(**{**location.to_dict(), "mention": mention.text})


SECOND_READING = True
COUNTY_KM = 60.0


def _county_sense(places: list[Mention]) -> None:
    """'Suffolk police' in a report that names Suffolk County is the county's, not Suffolk, Virginia: a bare name
    whose county the report names is placed in that county (at its namesake town there, if it has one, else at
    the county)."""
    counties = {}
    for mention in places:
        loc = mention.location
        name = _name_of(mention)
        if loc is not None and loc.feature_type == "admin2" and name.endswith(" county"):
            counties.setdefault(name[:-len(" county")], loc)
    for mention in places:
        county = counties.get(_name_of(mention))
        if county is None or mention.attrs.get("modifier"):
            continue
        inside = [c for c in mention.attrs.get("candidates") or [] if c.feature_type == "populated_place"
                  and _within(c, county, COUNTY_KM)]
        if mention.location is not None and _within(_as_place(mention.location), county, COUNTY_KM):
            continue
        best = max(inside, key=lambda c: c.population) if inside else None
        mention.location = _location(best, mention.text, 1) if best is not None else \
            Location(**{**county.to_dict(), "mention": mention.text})


def _as_place(location: Location) -> Place:
    return Place(location.gazetteer_id or "", location.name, location.latitude, location.longitude,
                 location.country_code or "", location.country or "", location.admin1, location.feature_type or "", 0)


def _as_point(location: Location) -> Place:
    return Place(location.gazetteer_id or "", location.name, location.latitude, location.longitude,
                 location.country_code or "", location.country or "", location.admin1, location.feature_type or "", 0)


def _resolve_all(doc: Document, places: list[Mention], evidence: Evidence, gazetteer: Any) -> list[Mention]:
    """Resolves the mentions in order (a possessive looks back at the place before it); returns those that are
    better placed as sites near the report's places than at any candidate."""
    sites = []
    for mention in places:
        qualifier = _qualifier(doc, mention, gazetteer)
        if PART_OF_AREA.search(doc.text[max(0, mention.start - 12):mention.start]):
            mention.attrs["part_of_area"] = True  # lower case: 'central Washington', not 'West Virginia'
        candidates = _candidates(mention, gazetteer)
        options = [c for c in candidates if _acceptable(c, mention, evidence, qualifier)]
        nation = _national_qualifier(doc, mention)
        if nation is not None:  # 'the Saudi city of Jizan' in a report about Yemen
            options = [c for c in candidates if c.country_code == nation] or options
        if SETTLEMENT_OF.search(doc.text[max(0, mention.start - 30):mention.start]):
            options = [c for c in options if c.feature_type == "populated_place"] or options  # 'the city of Sumy'
        container = _contained(doc, mention, places)
        if container is not None:  # 'Tbilisi, Georgia', 'Toronto, Ontario': the area that holds the place before
            inside = [c for c in options if c.country_code == container.country_code and (
                c.feature_type == "country" or c.feature_type == "admin1" and c.admin1 == container.admin1)]
            options = inside or options
            mention.attrs["contained"] = bool(inside)
        if _names_natural_feature(doc, mention):
            options = [c for c in options if c.feature_type not in {"populated_place", "admin1", "admin2"}]
        if not options:
            continue
        owner = _possessor(doc, mention, places)
        if owner is not None:
            near = [c for c in options if _within(c, owner.location, NEAR_KM)]
            if not near:  # 'London's Heathrow' is not Heathrow, Florida: placed at London, as a site there
                sites.append(mention)
                continue
            options = near
        best = max(options, key=lambda c: _score(c, mention, evidence, options, qualifier))
        if mention.attrs.get("facility") and not _supported(best, evidence, qualifier) \
                or _names_a_locality(doc, mention) and not _near_the_report(best, evidence, qualifier):
            sites.append(mention)  # 'Carnegie Library', 'the Wellington district' far from where the report is
            continue
        if best.feature_type == "populated_place" and best.population < SMALL_PLACE_POPULATION \
                and not _small_place_supported(best, evidence, qualifier):
            continue  # a village far from everything else the report names: more likely a namesake than the place
        area = best.feature_type in ADMIN_TYPES or mention.attrs.get("area_by_town")
        mention.location = _location(best, mention.text, 3 if best.feature_type in ADMIN_TYPES else 2 if area else 1)
    return sites


LOCALITY_AFTER = re.compile(r"\s+(?:and\s+[A-Z][\w'’-]*\s+)?(?:districts?|neighbou?rhoods?|quarters?|suburbs?|"
                            r"wards?|townships?)\b")


def _contained(doc: Document, mention: Mention, places: list[Mention]) -> Location | None:
    """The town just before the mention and a comma ('TBILISI, Georgia', 'Toronto, Ontario, Canada'), as resolved:
    the mention names the area that holds it."""
    match = re.search(r",\s*$", doc.text[max(0, mention.start - 3):mention.start])
    if match is None:
        return None
    before = [m for m in places if m.end <= mention.start and m.location is not None
              and not doc.text[m.end:mention.start].strip(", \t")]
    location = before[-1].location if before else None
    return location if location is not None and location.feature_type in {"populated_place", "admin1", "admin2"} \
        else None


def _names_a_locality(doc: Document, mention: Mention) -> bool:
    """'came through the Kissy and Wellington districts': a part of the city the report is about, not a capital
    abroad that happens to share the name."""
    return bool(LOCALITY_AFTER.match(doc.text, mention.end))


def _possessor(doc: Document, mention: Mention, places: list[Mention]) -> Mention | None:
    """'London's Heathrow', 'Moscow's Domodedovo': the resolved city whose possessive names the place."""
    match = re.search(r"['’]s\s+$", doc.text[max(0, mention.start - 4):mention.start])
    if match is None:
        return None
    end = mention.start - (len(doc.text[max(0, mention.start - 4):mention.start]) - match.start())
    return next((m for m in places if m.end == end and m.location is not None
                 and m.location.feature_type in {"populated_place", "admin1", "admin2"}), None)


def _within(place: Place, location: Location, km: float) -> bool:
    return haversine_km(place.latitude, place.longitude, location.latitude, location.longitude) <= km


FACILITY_TOWN_POPULATION = 100_000


def _supported(place: Place, evidence: Evidence, qualifier: set[Region]) -> bool:
    """Whether the report supports reading 'Carnegie Library' or 'Hampton Avenue' as being in the town so called:
    a large or famous place, an area, or a town near the report's other places or in a state it names."""
    if place.feature_type != "populated_place" or place.population >= FACILITY_TOWN_POPULATION \
            or _famous(place, evidence.gazetteer) or _in_region(place, evidence.regions | qualifier):
        return True
    centre = evidence.centre
    return centre is not None and haversine_km(centre[0], centre[1], place.latitude, place.longitude) <= NEAR_KM


LOCALITY_KM = 300.0


def _near_the_report(place: Place, evidence: Evidence, qualifier: set[Region]) -> bool:
    """A district or quarter lies in the city the report is about: near its places or in a state it names,
    however large a namesake elsewhere is."""
    if _in_region(place, evidence.regions | qualifier):
        return True
    centre = evidence.centre
    return centre is None or haversine_km(centre[0], centre[1], place.latitude, place.longitude) <= LOCALITY_KM


SMALL_PLACE_POPULATION = 15_000
SMALL_PLACE_KM = 500.0


def _small_place_supported(place: Place, evidence: Evidence, qualifier: set[Region]) -> bool:
    """A village is placed when the report backs it: it lies in the report's country and near its other places
    (or the report has no other anchor), in a state the report names or mostly writes about, or the text
    qualifies it ('Booker, Texas')."""
    if _in_region(place, evidence.regions | qualifier) or evidence.region_votes.get(
            (place.country_code, place.admin1), 0.0) >= 0.5:
        return True
    if evidence.focus and place.country_code != evidence.focus and place.country_code not in evidence.named_more:
        return False
    centre = evidence.centre
    return centre is None or haversine_km(centre[0], centre[1], place.latitude, place.longitude) <= SMALL_PLACE_KM


NATURAL_FEATURE = re.compile(r"\s+(?:river|reservoir|lake|canal|sea|mountains|valley|desert|plain|gulf|bay)\b", re.I)


# 'the left bank of the Dnipro', 'across the Euphrates', 'the banks of the Niger': a river, named without 'River'.
RIVER_BEFORE = re.compile(r"\b(?:(?:left|right|east|west|eastern|western|north|south|northern|southern|opposite|"
                          r"other)\s+banks?|banks|across|crossed|crossing|crossings|bridges?)\s+(?:of\s+|over\s+)?"
                          r"the\s+$", re.I)


# 'the Red Sea', 'the Gulf of Aden', 'the Strait of Hormuz': a sea, not the state or town named after it.
SEA_NAME = re.compile(r"(?:\b(?:Sea|Ocean|Gulf|Straits?)|^(?:Gulf|Bay|Sea|Straits?)\s+of\s+.+)$")
AREA_OF_A_SEA = re.compile(r"\s+(?:state|governorate|province|region)\b", re.I)  # Sudan's 'Red Sea state'


def _names_natural_feature(doc: Document, mention: Mention) -> bool:
    """'the Siverskyi Donets river', 'Lake Chad', 'the left bank of the Dnipro', 'the Red Sea': the name is the river,
    lake or sea, not a town or state called so."""
    return bool(NATURAL_FEATURE.match(doc.text, mention.end)) or \
        doc.text[max(0, mention.start - 5):mention.start].lower() == "lake " or \
        bool(RIVER_BEFORE.search(doc.text[max(0, mention.start - 40):mention.start])) or \
        bool(SEA_NAME.search(mention.text)) and not AREA_OF_A_SEA.match(doc.text, mention.end)


def _location(place: Place, mention_text: str, precision: int) -> Location:
    return Location(name=place.name, mention=mention_text, latitude=place.latitude, longitude=place.longitude,
                    country=place.country, country_code=place.country_code, admin1=place.admin1,
                    geo_precision=precision, gazetteer_id=place.id, feature_type=place.feature_type)


def resolve_anaphors(doc: Document) -> None:
    """'the city' → the last city named before it; 'the airbase' → the last airbase. Not the dateline's city, where
    the reporter filed from, and nothing when the name told last is one the gazetteer could not place ('fighting to
    retake the town' after 'the town of Palma', a Palma it does not know): an older town would be the wrong one."""
    resolved: list[Mention] = []
    for mention in sorted((m for m in doc.mentions if m.type == "place"), key=lambda m: m.start):
        wanted = mention.attrs.get("anaphor")
        if wanted:
            target = _described_as(doc, mention, resolved) or next(
                (r for r in reversed(resolved) if _could_be(doc, r, wanted)), None)
            if target is not None and target.location is not None:
                loc = target.location
                mention.location = Location(**{**loc.to_dict(), "mention": mention.text})
        elif mention.attrs.get("dateline") or mention.attrs.get("modifier"):
            continue
        elif mention.location is not None or mention.attrs.get("candidates"):
            resolved.append(mention)  # a place, or a known name the report's country ruled out


def _could_be(doc: Document, mention: Mention, wanted: list[str]) -> bool:
    """The place is of the kind the anaphor names; or, unplaced, it may be, unless the text says it holds a city
    ('eastern Congo's largest city', a Congo the gazetteer knows only as villages elsewhere)."""
    if mention.location is not None:
        return mention.location.feature_type in wanted
    return not HOLDS_A_SETTLEMENT.match(doc.text, mention.end)


# "Congo's largest city", "Syria's second city", "Ukraine's capital": the name is the area around a settlement.
HOLDS_A_SETTLEMENT = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:city|cities|town|towns|capital|villages?)\b", re.I)


def _described_as(doc: Document, anaphor: Mention, named: list[Mention]) -> Mention | None:
    """'Shusha, a strategic town that overlooks the capital Stepanakert ... denied the town had fallen': the place the
    report itself called a town, when one of the last two sentences did."""
    noun = anaphor.text.split()[-1].lower()
    described = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(noun)}\b", re.I)
    for mention in reversed(named):
        if anaphor.sentence - mention.sentence > 2:
            return None
        if mention.location is not None and described.match(doc.text, mention.end):
            return mention
    return None


def place_unlisted_sites(doc: Document) -> None:
    """A named site the gazetteer lacks ('Jabal al-Tar', 'Maher gas field') is placed, as ACLED coders do, at the
    nearest known place the report ties it to: a place named in the same sentence, else the last place named before
    it. Its geo_precision is 2 (3 when only a region is known) and its gazetteer id says it is approximate."""
    located = [m for m in doc.mentions if m.type == "place" and m.location is not None
               and m.location.feature_type != "country" and not m.attrs.get("dateline")]
    for mention in doc.mentions:
        if mention.type != "place" or mention.location is not None:
            continue
        if not _unplaced_name(mention) and not _held_by_a_region(doc, mention, located):
            continue
        regions_too = not mention.attrs.get("unlisted_site")  # 'the town of Moqokori in Hiraan region'
        resolved = [m for m in located if regions_too or m.location.feature_type not in ADMIN_TYPES]
        section = mention.attrs.get("section_country")
        if section:  # a digest's 'Burkina Faso' part: never near a place of its 'Mali' part
            resolved = [m for m in resolved if m.location.country_code == section]
        # a region the text says holds it counts for a site too: 'the village of Kawaye in Zamfara state'
        same_sentence = [m for m in located if m.sentence == mention.sentence and (
            m in resolved and m.location.feature_type not in ADMIN_TYPES or _contains(doc, mention, m))]
        before = [m for m in resolved if m.start < mention.start] if not regions_too else []
        # the report's own country first: 'near the village of Kok-Tash' in a Kyrgyz report is not placed at the
        # Uzbek city where a summit was held, named last
        home = section or doc.focus_country
        before = [m for m in before if m.location.country_code == home] or before
        countries = [m for m in doc.mentions if m.type == "place" and m.location is not None
                     and m.location.feature_type == "country" and m.sentence == mention.sentence]
        anchor = (same_sentence or before[-1:] or (resolved[:1] if not regions_too else []) or countries[:1]
                  or [None])[0]
        if anchor is None:
            continue
        base = anchor.location
        mention.location = Location(
            name=mention.attrs.get("lookup", mention.text), mention=mention.text, latitude=base.latitude,
            longitude=base.longitude, country=base.country, country_code=base.country_code, admin1=base.admin1,
            geo_precision=3 if base.feature_type in ADMIN_TYPES | {"country"} else 2,
            gazetteer_id=f"near:{base.gazetteer_id}:{fold(mention.text).replace(' ', '-')}",
            feature_type=mention.attrs.get("feature_hint") or ("site" if mention.attrs.get("unlisted_site") else "place"))


def place_anaphors_of_unlisted_names(doc: Document) -> None:
    """'a raid on the village of Kawaye ... The gunmen stormed the village': an anaphor left unplaced because the
    name it refers to is one the gazetteer lacks takes the place that name was given (place_unlisted_sites), when the
    report called it by the anaphor's noun ('the village of Kawaye', 'Kawaye village') in one of the last two
    sentences."""
    places = sorted((m for m in doc.mentions if m.type == "place"), key=lambda m: m.start)
    for i, anaphor in enumerate(places):
        if not anaphor.attrs.get("anaphor") or anaphor.location is not None:
            continue
        noun = re.escape(anaphor.text.split()[-1].lower())
        introduced = re.compile(rf"\b{noun}\s+of\s+(?:the\s+)?$", re.I)
        for named in reversed(places[:i]):
            if anaphor.sentence - named.sentence > 2:
                break
            if named.attrs.get("unlisted_site") and named.location is not None and (
                    introduced.search(doc.text, max(0, named.start - 30), named.start)
                    or re.match(rf"\s+{noun}\b", doc.text[named.end:], re.I)):
                anaphor.location = Location(**{**named.location.to_dict(), "mention": anaphor.text})
                break


def _held_by_a_region(doc: Document, mention: Mention, located: list[Mention]) -> bool:
    """'Boni, in the Mopti region': a village the gazetteer knows only as another place's alternate name (Bonn,
    Watampone), which the report's country ruled out, but which the text puts inside a region it names."""
    return mention.attrs.get("entity") in {"GPE", "LOC", "FAC"} and not mention.attrs.get("dateline") \
        and any(m.sentence == mention.sentence and m.location.feature_type in ADMIN_TYPES and _contains(doc, mention, m)
                for m in located)


def _contains(doc: Document, mention: Mention, region: Mention) -> bool:
    """'Moqokori in Hiraan region', 'Zeleny Shlyakh in Kursk Oblast': the region is said to hold the place; not
    'Minova, a lakeside town on the road to South Kivu'."""
    between = doc.text[mention.end:region.start] if region.start >= mention.end else ""
    return len(between) <= 40 and bool(re.search(r"\b(?:in|of)\b", between)) and "road" not in between


def _unplaced_name(mention: Mention) -> bool:
    """A named site the gazetteer lacks ('Jabal al-Tar'), or a name the parser calls a place that no gazetteer
    entry matches ('the town of Moqokori in Hiraan region')."""
    if mention.attrs.get("unlisted_site"):
        return True
    return mention.attrs.get("entity") in {"GPE", "LOC", "FAC"} and not mention.attrs.get("dateline") \
        and not mention.attrs.get("anaphor") \
        and (not mention.attrs.get("candidates") or mention.attrs.get("sound_match"))


def _last_town_before(doc: Document, char: int, countries: set[str | None]) -> Mention | None:
    """People flee from towns: the last populated place the report named before the sentence, in the report's
    country or the one they fled to (not the foreign capital a rocket was fired at, for refugees who fled Tigray
    into Sudan)."""
    towns = [m for m in doc.mentions if m.type == "place" and m.start < char and m.location is not None
             and m.location.feature_type == "populated_place" and not m.attrs.get("dateline")
             and (doc.focus_country is None or m.location.country_code in countries)]
    return towns[-1] if towns else None


def same_place(a: Location | None, b: Location | None) -> bool:
    """Both known, and the same gazetteer entry."""
    return a is not None and b is not None and a.gazetteer_id == b.gazetteer_id


def _event_location(mention: Mention | None, hint: int | None) -> Location | None:
    if mention is None or mention.location is None:
        return None
    loc = mention.location
    precision = max(loc.geo_precision, hint or 1)
    return Location(**{**loc.to_dict(), "geo_precision": precision})


UNION_NAMES = {"EU": "Europe", "European Union": "Europe"}  # the Union placed, as GeoNames-based gold places it
MODIFIER_NEXT_POS = {"NOUN", "PROPN", "ADJ", "NUM"}
REGION_QUALIFIER = re.compile(rf"\b(?:{'|'.join(sorted(REGION_QUALIFIERS))})[\s-]+$")


@cache
def _modifier_pattern(names: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w])")


def _modifier_place(gazetteer: Any, code: str, name: str) -> Place | None:
    if not code:
        return gazetteer.continent(name)
    found = [p for p in gazetteer.lookup(name) if p.country_code == code]
    return next((p for p in found if p.feature_type == "country"), None) \
        or next((p for p in found if p.feature_type == "admin1"), None)


def add_modifier_places(doc: Document, gazetteer: Any) -> None:
    """Countries named inside other names and as adjectives: 'the Russian government', 'Chinese exports', 'Pakistan
    Army engineers', 'U.S.-led', 'EU member states'. The actor and place stages leave these to the actors (a
    country's name inside 'Pakistan Army' is the army); they are still places the text names, so each becomes a
    place mention of its country (or continent: 'European'), marked `modifier`. Added after the events stage,
    which never sees them."""
    if gazetteer is None or not hasattr(gazetteer, "country_names"):
        return
    demonyms = country_adjectives()
    countries = {name: code for code, name in gazetteer.country_names().items()}
    for code, aliases in COUNTRY_ALIASES.items():
        countries.update({alias: code for alias in aliases})
    taken = [(m.start, m.end) for m in doc.mentions if m.type == "place" and not m.attrs.get("description")]
    tokens = {t.idx: t for t in doc.spacy_doc} if doc.spacy_doc is not None else {}
    added = []
    for match in _modifier_pattern(tuple({*demonyms, *countries, *UNION_NAMES})).finditer(doc.text):
        start, end, text = match.start(), match.end(), match.group(0)
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        if REGION_QUALIFIER.search(doc.text[max(0, start - 30):start]):
            continue  # 'Central American', 'Latin America': a region's name, not the country's
        if text in demonyms:
            following = re.match(r"\s+", doc.text[end:])
            token = tokens.get(end + following.end()) if following else None
            if token is None or token.pos_ not in MODIFIER_NEXT_POS:
                continue  # 'the Chinese said': people, not a modifier of a thing of China
            place = _modifier_place(gazetteer, *demonyms[text])
        elif text in UNION_NAMES:
            place = gazetteer.continent(UNION_NAMES[text])
        else:
            place = next((p for p in gazetteer.lookup(text)
                          if p.feature_type == "country" and p.country_code == countries[text]), None)
        if place is None:
            continue
        mention = Mention(text, start, end, "place", doc.sentence_index(start),
                          attrs={"candidates": [place], "lookup": text, "modifier": True})
        mention.location = _location(place, text, 3)
        added.append(mention)
        taken.append((start, end))
    if added:
        doc.mentions = sorted([*doc.mentions, *added], key=lambda m: (m.start, m.end))


@stage("geocode", reads=("mentions", "focus_country", "events"), adds=("locations",))
def geocode(doc: Document, ctx: Context) -> None:
    resolve_places(doc, ctx.gazetteer)
    resolve_anaphors(doc)
    place_unlisted_sites(doc)
    place_anaphors_of_unlisted_names(doc)
    add_modifier_places(doc, ctx.gazetteer)
    for event in doc.events:
        event.location = _event_location(event.work.get("place"), event.work.get("geo_hint"))
    for record in doc.equipment:
        place, hint = record.work.get("place") or (None, None)
        record.location = _event_location(place, hint)  # where its own clause says; else merge lends the fight's
    for record in doc.displacement:
        origin = record.work.get("origin")
        record.destination = _event_location(record.work.get("destination"), None)
        record.origin = _event_location(origin if origin is not None else _last_town_before(
            doc, record.work.get("origin_char", record.work["char"]),
            {doc.focus_country, getattr(record.destination, "country_code", None)}), None)
        if same_place(record.origin, record.destination):
            record.origin = None  # 'fled to Anka and Gusau' after raids near Anka: where they fled from is not told
