"""GeoWebNews (GWN) and LGL: toponym recognition and resolution (Gritta et al., "A Pragmatic Guide to Geoparsing
Evaluation", 2019; LGL from Lieberman et al. 2010 in the same repository's format).

Each article's text goes through the whole pipeline. Predictions are sitrep's place mentions (anaphors such as
"the city" and descriptions such as "the Somali capital" left out: the name inside, 'Somali', is its own mention). Gold toponyms are, in LGL, every annotated toponym; in GWN, the eight types that name a place
and carry coordinates (GWN_TOPONYM_TYPES: literal, mixed, coercion, metonymic, modifier and embedded uses), while
GWN's common-noun expressions ("the city", "residents"), demonyms, languages, homonyms and non-toponyms are not.
Recognition is scored strict (same character span) and loose (any overlap). Resolution is scored on the gold
toponyms with coordinates that sitrep recognised (loosely) and placed: error in km from the gold point, accuracy
within 161 km, median error and the error-curve AUC (see common.error_auc); `resolved_share` is how many of all
gold toponyms with coordinates got a sitrep coordinate at all; `same_geonames_id` is, over resolved toponyms whose
gold has a GeoNames id, how often sitrep chose that very entry (the right place even where its point differs from
the gold point, as sitrep's country points do)."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Document, Mention
from .common import (DEFAULT_SPLIT, PRF, SPLIT_NOTES, Runner, capped, exact_prf, geo_summary, haversine, need_file,
                     overlap_prf, overlaps, pct, split_half)

GWN_TOPONYM_TYPES = {"Literal", "Mixed", "Coercion", "Embedded_Literal", "Metonymic", "Non_Literal_Modifier",
                     "Literal_Modifier", "Embedded_Non_Lit"}
FILES = {"gwn": "GWN.xml", "lgl": "lgl.xml"}


@dataclass
class Toponym:
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonames_id: str | None = None


@dataclass
class Article:
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _gwn_toponym(node: ET.Element) -> Toponym | None:
    if node.findtext("type") not in GWN_TOPONYM_TYPES:
        return None
    return Toponym(int(node.findtext("start")), int(node.findtext("end")), node.findtext("extractedName") or "",
                   _float(node.findtext("latitude")), _float(node.findtext("longitude")),
                   (node.findtext("geonamesID") or "").strip() or None)


def _lgl_toponym(node: ET.Element) -> Toponym:
    gaz = node.find("gaztag")
    lat = _float(gaz.findtext("lat")) if gaz is not None else None
    lon = _float(gaz.findtext("lon")) if gaz is not None else None
    geonames_id = gaz.get("geonameid") if gaz is not None else None
    return Toponym(int(node.findtext("start")), int(node.findtext("end")), node.findtext("phrase") or "", lat, lon,
                   geonames_id or None)


def read_articles(path: Path, *, kind: str) -> list[Article]:
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        article = Article(node.findtext("text") or "")
        for top in node.find("toponyms") if node.find("toponyms") is not None else []:
            toponym = _gwn_toponym(top) if kind == "gwn" else _lgl_toponym(top)
            if toponym is not None:
                article.toponyms.append(toponym)
        articles.append(article)
    return articles


def place_mentions(doc: Document) -> list[Mention]:
    return [m for m in doc.mentions if m.type == "place" and not m.attrs.get("anaphor") and not m.attrs.get("description")]


def _match(toponym: Toponym, places: list[Mention]) -> Mention | None:
    """The place mention for a gold toponym: the exact one if there is one, else the first overlapping one."""
    found = [m for m in places if overlaps((m.start, m.end), (toponym.start, toponym.end))]
    exact = [m for m in found if (m.start, m.end) == (toponym.start, toponym.end)]
    return (exact or found or [None])[0]


@dataclass
class GeoTally:
    strict: PRF = field(default_factory=PRF)
    loose: PRF = field(default_factory=PRF)
    errors: list[float] = field(default_factory=list)
    with_coords: int = 0
    recognised: int = 0
    offset_mismatches: int = 0
    with_id: int = 0
    same_id: int = 0

    def add(self, doc: Document, article: Article) -> None:
        places = place_mentions(doc)
        pred = [(m.start, m.end) for m in places]
        gold = [(t.start, t.end) for t in article.toponyms]
        self.strict.add(exact_prf(pred, gold))
        self.loose.add(overlap_prf(pred, gold))
        self.offset_mismatches += sum(article.text[t.start:t.end] != t.name for t in article.toponyms)
        for toponym in article.toponyms:
            if toponym.lat is None or toponym.lon is None:
                continue
            self.with_coords += 1
            mention = _match(toponym, places)
            self.recognised += mention is not None
            if mention is not None and mention.location is not None:
                loc = mention.location
                self.errors.append(haversine(loc.latitude, loc.longitude, toponym.lat, toponym.lon))
                if toponym.geonames_id:
                    self.with_id += 1
                    self.same_id += loc.gazetteer_id == f"geonames:{toponym.geonames_id}"


def load(data_dir: Path, *, kind: str, split: str = DEFAULT_SPLIT, limit: int | None = None) -> list[Article]:
    articles = read_articles(need_file(data_dir / "geoparsing" / FILES[kind]), kind=kind)
    return list(capped(split_half(articles, split), limit))


def evaluate(data_dir: Path, *, kind: str, runner: Runner, limit: int | None = None,
             split: str = DEFAULT_SPLIT) -> dict[str, Any]:
    articles = load(data_dir, kind=kind, split=split, limit=limit)
    docs = runner.run([a.text for a in articles])
    tally = GeoTally()
    for doc, article in zip(docs, articles):
        tally.add(doc, article)
    return {
        "split": SPLIT_NOTES[split],
        "articles": len(articles),
        "recognition_strict": tally.strict.as_dict(),
        "recognition_loose": tally.loose.as_dict(),
        **geo_summary(tally.errors),
        "gold_with_coords": tally.with_coords,
        "recognised_with_coords": tally.recognised,
        "resolved": len(tally.errors),
        "resolved_share": pct(len(tally.errors) / tally.with_coords) if tally.with_coords else 0.0,
        "same_geonames_id": pct(tally.same_id / tally.with_id) if tally.with_id else 0.0,
        "gold_offset_mismatches": tally.offset_mismatches,
    }
