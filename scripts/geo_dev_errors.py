"""List geoparsing errors on the DEV half of GWN or LGL (even-indexed articles), for tuning the geocoder.

    .venv/bin/python scripts/geo_dev_errors.py gwn [--limit N] [--far 161] > /tmp/gwn-dev-errors.txt

Only the dev half can be listed: the test half (odd-indexed articles) is for reporting, never for looking at."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitrep.evaluation import default_data_dir
from sitrep.evaluation.common import Runner, haversine, overlaps
from sitrep.evaluation.geoparsing import _match, load, place_mentions


def _report(doc, article, far: float) -> list[str]:
    places = place_mentions(doc)
    lines = []
    for top in article.toponyms:
        if top.lat is None:
            continue
        mention = _match(top, places)
        context = article.text[max(0, top.start - 40):top.end + 40].replace("\n", " ")
        if mention is None:
            lines.append(f"MISSED\t{top.name}\t\t{context}")
        elif mention.location is None:
            cands = len(mention.attrs.get("candidates") or [])
            lines.append(f"UNPLACED\t{top.name}\tspan={mention.text!r} cands={cands}\t{context}")
        else:
            loc = mention.location
            km = haversine(loc.latitude, loc.longitude, top.lat, top.lon)
            if km > far:
                lines.append(f"FAR {km:.0f}\t{top.name}\t{mention.text!r}->{loc.name},{loc.admin1},{loc.country_code}"
                             f" {loc.feature_type} gold=({top.lat:.2f},{top.lon:.2f})\t{context}")
    gold = [(t.start, t.end) for t in article.toponyms]
    for m in places:
        if not any(overlaps((m.start, m.end), g) for g in gold):
            lines.append(f"SPURIOUS\t{m.text}\t\t")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("gwn", "lgl"))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--far", type=float, default=161.0)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    articles = load(args.data or default_data_dir(), kind=args.kind, split="dev", limit=args.limit)
    docs = Runner().run([a.text for a in articles])
    for i, (doc, article) in enumerate(zip(docs, articles)):
        for line in _report(doc, article, args.far):
            print(f"{2 * i}\t{line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
