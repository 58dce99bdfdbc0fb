"""A synthetic, seedable corpus of conflict reports built from templates, for scale tests and benchmarks.

    .venv/bin/python benchmarks/corpus.py --articles 20000 --words 500 --seed 7 -o corpus.jsonl   # or .csv / .parquet

Each article is a dated report from a named outlet about one theatre (real places and actors of that theatre),
built from a dozen sentence templates (battles, air strikes, shelling, captures, equipment losses, displacement,
protests) filled at random and repeated until it holds about --words words. The same seed gives the same corpus
byte for byte, so engines and machines can be compared on identical input."""
from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

THEATRES = [
    {"country": "Syria", "places": ["Aleppo", "Manbij", "Raqqa", "Deir ez-Zor", "Palmyra", "Idlib", "Saraqib",
                                    "Homs", "Hama", "al-Bab", "Kobani", "Maarat al-Numan"],
     "actors": ["Syrian Democratic Forces", "Islamic State", "the Syrian army", "Hayat Tahrir al-Sham",
                "Turkish-backed rebels", "Russian aircraft"], "start": date(2016, 1, 1)},
    {"country": "Ukraine", "places": ["Kharkiv", "Izium", "Kupiansk", "Bakhmut", "Avdiivka", "Lyman", "Kherson",
                                      "Mariupol", "Zaporizhzhia", "Sievierodonetsk", "Lysychansk", "Balakliia"],
     "actors": ["Ukrainian forces", "Russian forces", "the Wagner Group", "Ukraine's 93rd Brigade",
                "Russian paratroopers"], "start": date(2022, 3, 1)},
    {"country": "Iraq", "places": ["Mosul", "Bartella", "Tal Afar", "Qayyarah", "Hawija", "Ramadi", "Fallujah",
                                   "Tikrit", "Bashiqa", "Sinjar"],
     "actors": ["Iraqi forces", "Islamic State", "Peshmerga fighters", "the Popular Mobilization Forces",
                "coalition aircraft"], "start": date(2016, 6, 1)},
    {"country": "Sudan", "places": ["El Fasher", "Khartoum", "Omdurman", "Nyala", "Geneina", "Wad Madani",
                                    "El Obeid", "Kadugli"],
     "actors": ["the Rapid Support Forces", "the Sudanese Armed Forces", "Sudanese army aircraft",
                "armed men"], "start": date(2023, 5, 1)},
    {"country": "Nigeria", "places": ["Maiduguri", "Bama", "Gwoza", "Damboa", "Monguno", "Baga", "Konduga"],
     "actors": ["Boko Haram", "Nigerian troops", "the Civilian Joint Task Force", "ISWAP fighters"],
     "start": date(2015, 1, 1)},
    {"country": "Yemen", "places": ["Marib", "Sanaa", "Taiz", "Hodeidah", "Aden", "al-Jawf", "Sirwah"],
     "actors": ["Houthi forces", "government forces", "Saudi-led coalition aircraft", "tribal fighters"],
     "start": date(2021, 2, 1)},
]
OUTLETS = ["Frontline Wire", "Levant Monitor", "Eastern Desk", "Conflict Daily", "Sahel Observer", "Field Notes"]
EQUIPMENT = ["tanks", "armoured vehicles", "BMP-2 infantry fighting vehicles", "T-72 tanks", "artillery pieces",
             "technicals", "a BTR-82A", "two howitzers", "a Grad launcher", "pickup trucks"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SENTENCES = [
    "{a1} attacked {a2} positions near {p1} on {day}, and fighting continued for several hours.",
    "Heavy clashes broke out between {a1} and {a2} on the outskirts of {p1} on {day}.",
    "Airstrikes on {p1} killed at least {n} civilians on {day}, local officials said.",
    "{a1} shelled residential areas of {p1} on {day}, killing {n} people and wounding dozens more.",
    "{a1} captured {p1} from {a2} on {day} after a week-long offensive.",
    "{a2} withdrew from {p1} on {day} as {a1} advanced from the direction of {p2}.",
    "{a1} said it had destroyed {k} {eq} belonging to {a2} near {p1}.",
    "{a1} captured {eq} from {a2} in the fighting around {p2}.",
    "Some {big} civilians have fled {p1} toward {p2} since the start of the month, according to aid agencies.",
    "Hundreds of residents protested in {p2} on {day} against the fighting in {p1}.",
    "A roadside bomb exploded near a checkpoint in {p2} on {day}, killing {n} soldiers.",
    "{a1} repelled an assault by {a2} on the village of {p1} on {day}, according to a statement.",
    "Residents of {p1} described long queues for bread and water after the power station was hit.",
    "The front line between {p1} and {p2} has barely moved in recent weeks, analysts said.",
]


def _sentence(rng: random.Random, theatre: dict) -> str:
    a1, a2 = rng.sample(theatre["actors"], 2)
    p1, p2 = rng.sample(theatre["places"], 2)
    text = rng.choice(SENTENCES).format(a1=a1, a2=a2, p1=p1, p2=p2, day=rng.choice(WEEKDAYS), n=rng.randint(2, 40),
                                        k=rng.randint(2, 9), eq=rng.choice(EQUIPMENT),
                                        big=f"{rng.randint(2, 90) * 1000:,}")
    return text[0].upper() + text[1:]


def article(index: int, *, seed: int = 7, words: int = 500) -> dict:
    """Article `index` of the corpus for `seed`: the same arguments always give the same article."""
    rng = random.Random(f"{seed}:{index}")
    theatre = rng.choice(THEATRES)
    published = theatre["start"] + timedelta(days=rng.randint(0, 700))
    outlet = rng.choice(OUTLETS)
    place = rng.choice(theatre["places"])
    title = f"{place}: {rng.choice(['fighting intensifies', 'front line shifts', 'civilians flee', 'new offensive'])}"
    paragraphs, count = [f"{place.upper()}, {theatre['country']}, {published:%B} {published.day}, {published.year} —"], 0
    while count < words:
        paragraph = " ".join(_sentence(rng, theatre) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    text = paragraphs[0] + " " + "\n\n".join(paragraphs[1:])
    slug = f"{seed}-{index:07d}"
    return {"id": slug, "text": text, "title": title, "published": published.isoformat(),
            "url": f"https://example.org/{outlet.lower().replace(' ', '-')}/{slug}", "source": outlet}


def articles(count: int, *, seed: int = 7, words: int = 500) -> Iterator[dict]:
    for index in range(count):
        yield article(index, seed=seed, words=words)


FIELDS = ("id", "text", "title", "published", "url", "source")


def write(path: Path, count: int, *, seed: int = 7, words: int = 500, row_group: int = 1000) -> Path:
    """Write the corpus as JSON Lines, CSV or Parquet (by suffix), streaming: memory stays flat."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        with open(path, "w", encoding="utf-8") as out:
            for record in articles(count, seed=seed, words=words):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif suffix == ".csv":
        import csv

        with open(path, "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(articles(count, seed=seed, words=words))
    elif suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(name, pa.string()) for name in FIELDS])
        with pq.ParquetWriter(path, schema) as writer:
            batch: list[dict] = []
            for record in articles(count, seed=seed, words=words):
                batch.append(record)
                if len(batch) == row_group:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    else:
        raise SystemExit(f"{path}: write .jsonl, .csv or .parquet")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    write(args.output, args.articles, seed=args.seed, words=args.words)


if __name__ == "__main__":
    main()
