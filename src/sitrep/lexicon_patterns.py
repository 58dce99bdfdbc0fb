"""General military vocabulary used by the mention and event stages: place words, quantity words, casualty words.
These are the field's words, not any one report's."""
from __future__ import annotations

import re

# Words that make a site name out of a proper name: "Kuweires Airbase", "Jabal Bishri", "Omar oil field".
SITE_SUFFIXES = (
    "military airbase", "air base", "airbase", "airport", "airfield", "air field", "military airport",
    "gas field", "gas fields", "oil field", "oil fields", "oilfield", "oilfields", "gas plant", "refinery",
    "dam", "bridge", "border crossing", "crossing", "prison", "military base", "base", "barracks",
    "checkpoint", "power plant", "power station", "port", "island", "hill", "hills", "mountain", "heights",
)
SITE_PREFIXES = ("jabal", "jebel", "jbel", "mount", "mt.", "tal", "tell", "camp", "fort", "wadi")
SETTLEMENT_WORDS = ("village", "town", "city", "district", "neighbourhood", "neighborhood", "suburb", "area")
# Words that make a name a first-level division: 'Idlib province', 'Kursk Oblast', 'Hiraan region'.
FIRST_LEVEL_WORDS = ("province", "governorate", "oblast", "region", "state")
AREA_WORDS = frozenset(FIRST_LEVEL_WORDS) | {"prefecture"}  # the word after a name: 'Shabwa province'
_AREA_WORD = re.compile(rf"\b(?:{'|'.join(FIRST_LEVEL_WORDS)})\b", re.I)


def names_area(text: str) -> bool:
    """'Shabwa province', 'Homs Governorate': the text says it names a province, not a town of that name."""
    return bool(_AREA_WORD.search(text))

SUFFIX_FEATURES = {
    "airbase": "airbase", "air base": "airbase", "military airbase": "airbase", "airfield": "airbase",
    "air field": "airbase", "airport": "airport", "military airport": "airbase", "gas field": "gas_field",
    "gas fields": "gas_field", "oil field": "oil_field", "oil fields": "oil_field", "oilfield": "oil_field",
    "oilfields": "oil_field", "dam": "dam", "bridge": "bridge", "crossing": "border_crossing",
    "border crossing": "border_crossing", "prison": "prison", "base": "military_base", "military base": "military_base",
    "refinery": "refinery", "hill": "hill", "mountain": "mountain",
}

# US state abbreviations, postal and AP style, as they follow a town's name ('Kent, Wash.', 'Albany, NY').
US_STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Cal.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia",
    "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky",
    "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
    "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada",
    "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York",
    "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Tex.": "Texas",
    "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia", "W. Va.": "West Virginia",
    "Wis.": "Wisconsin", "Wyo.": "Wyoming", "D.C.": "Washington, D.C.",
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "DC": "Washington, D.C.",
}

# Canadian province abbreviations ('Nelson, B.C.', 'FrontCounter BC').
CANADIAN_PROVINCE_ABBREVIATIONS = {
    "B.C.": "British Columbia", "BC": "British Columbia", "Alta.": "Alberta", "Sask.": "Saskatchewan",
    "Man.": "Manitoba", "Ont.": "Ontario", "Que.": "Quebec", "N.S.": "Nova Scotia", "N.B.": "New Brunswick",
    "P.E.I.": "Prince Edward Island", "Nfld.": "Newfoundland and Labrador",
}
# Words before a country's name or adjective that make a region of it: 'Latin America', 'Central American'.
REGION_QUALIFIERS = frozenset({"Latin", "Central", "North", "South", "East", "West", "Northern", "Southern", "Eastern",
                               "Western", "Middle", "Sub-Saharan", "Pan"})

# Words after a place name that make it the name of a street, building or institution ('Carnegie Library', 'Hampton
# Avenue', 'Cornell University', 'Stonewall Golf Club'): named after a person or a thing as often as after a town, so
# the town of that name is trusted only where the report's other places support it.
FACILITY_HEADS = frozenset({
    "street", "streets", "avenue", "avenues", "boulevard", "road", "drive", "lane", "library", "university", "college",
    "school", "elementary", "academy", "golf", "club", "centre", "center", "courthouse", "plantation", "stadium",
    "arena", "park", "square", "hotel", "theatre", "theater", "museum", "cathedral", "church", "mall", "hospital",
    "institute", "hall",
})

# Anaphoric place nouns: "the city" refers back to the last city named.
PLACE_ANAPHORS = {
    "the city": ("populated_place",), "the town": ("populated_place",), "the village": ("populated_place",),
    "the airbase": ("airbase",), "the air base": ("airbase",), "the airport": ("airport", "airbase"),
    "the base": ("military_base", "airbase"), "the dam": ("dam",), "the field": ("gas_field", "oil_field"),
    "the bridge": ("bridge",), "the crossing": ("border_crossing",),
}

# Direction and vicinity words that make a location approximate (ACLED geo_precision 2).
VICINITY = re.compile(
    r"\b(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?(?:\s+and\s+(?:north|south|east|west)(?:ern)?)?"
    r"\s+(?:of|outskirts of)|near(?:by)?|outside|around|outskirts of|vicinity of|surrounding|close to|on the road to|"
    r"edges? of|fringes? of|approaches to|towards?|"
    r"km\s+(?:from|of)|kilometres\s+(?:from|of)|kilometers\s+(?:from|of)|miles\s+(?:from|of)|countryside of|environs of)\s*$",
    re.IGNORECASE,
)

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12,
    "dozen": 12, "a couple of": 2, "a pair of": 2, "both": 2,
}

# Vague quantities as (min, max): one documented table, used for equipment, casualties and displacement.
VAGUE_QUANTITIES = {
    "several": (3, 9), "a few": (2, 5), "few": (2, 5), "some": (2, None), "a number of": (2, None),
    "numerous": (10, None), "many": (10, None), "scores of": (40, None), "dozens of": (24, 99),
    "dozens": (24, 99), "hundreds of": (200, 999), "hundreds": (200, 999), "thousands of": (2000, 9999),
    "thousands": (2000, 9999), "tens of thousands of": (20000, 99999), "a wealth of": (10, None),
    "a handful of": (2, 5), "various": (2, None),
}

# What a word before a number says about the count: 'more than 300' is at least 301, 'up to 12' at most 12, 'about
# 40' neither bound (an estimate: no exact figure is recorded for it).
COUNT_QUALIFIERS = {
    "above": ("more than", "over", "upwards of", "in excess of", "just over", "well over"),
    "at_least": ("at least", "no fewer than", "no less than", "not less than", "a minimum of"),
    "at_most": ("up to", "as many as", "no more than", "at most", "a maximum of"),
    "below": ("fewer than", "less than", "under", "nearly", "almost", "just under"),
    "estimate": ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "close to",
                 "circa", "approx."),
}
QUALIFIER_BEFORE = re.compile(r"\b(?P<q>" + "|".join(
    re.escape(q) for q in sorted((q for qs in COUNT_QUALIFIERS.values() for q in qs), key=len, reverse=True))
    + r")\s+$", re.I)
AT_LEAST_AFTER = re.compile(r"^(?:\s+or\s+more\b|-?plus\b|\+)", re.I)  # '30 or more tanks', '30-plus', '30+'


def count_bounds(number: int, before: str, after: str = "") -> tuple[int | None, int | None]:
    """(min, max) of a count given the text right before and after its number: 'more than 300' → (301, None)."""
    match = QUALIFIER_BEFORE.search(before)
    kind = next((k for k, qs in COUNT_QUALIFIERS.items() if match and match.group("q").lower() in qs), None)
    if kind is None and AT_LEAST_AFTER.match(after):
        kind = "at_least"
    return {"above": (number + 1, None), "at_least": (number, None), "at_most": (None, number),
            "below": (None, number - 1), "estimate": (None, None)}.get(kind, (number, number))


# ACLED's coding convention for vague fatality reports: the figure coded is the low end.
ACLED_VAGUE_FATALITIES = {"several": 3, "a few": 3, "dozens": 12, "dozens of": 12, "scores of": 20, "many": 10,
                          "hundreds": 100, "hundreds of": 100, "thousands": 1000, "thousands of": 1000}


SCALES = {"thousand": 1_000, "million": 1_000_000}


def parse_number(text: str) -> int | None:
    """'23' / '1,200' / 'three' / 'twenty-five' / 'a dozen' / '1.5 million' / 'half a million' → int; else None."""
    cleaned = text.strip().lower().replace(",", "")
    if cleaned.isdigit():
        return int(cleaned)
    scaled = re.fullmatch(r"(.+?)\s+(thousand|million)", cleaned)
    if scaled:
        if scaled.group(1) == "half a":
            return SCALES[scaled.group(2)] // 2
        if re.fullmatch(r"\d+(?:\.\d+)?", scaled.group(1)):
            return round(float(scaled.group(1)) * SCALES[scaled.group(2)])
        base = parse_number(scaled.group(1))
        return base * SCALES[scaled.group(2)] if base is not None else None
    if cleaned in NUMBER_WORDS:
        return NUMBER_WORDS[cleaned]
    parts = re.split(r"[-\s]+", cleaned)
    if parts and all(p in NUMBER_WORDS for p in parts):
        if len(parts) == 2 and parts[1] == "hundred":
            return NUMBER_WORDS[parts[0]] * 100
        return sum(NUMBER_WORDS[p] for p in parts)
    return None
