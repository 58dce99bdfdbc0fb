"""Which of a sentence's places an event happened at: the place of "captured", not the place soldiers "fled
towards", a reporter's date line, or a yardstick ("the size of Belgium").

`choose_event_place` is the library form of that choice, scored by `sitrep eval --set event-location`, and the
events stage's choice when the parse attaches no place to a trigger:

- method "ranker" (the default) is a learned linear ranker: each (event verb, candidate place) pair is described by
  `candidate_features` (the dependency path from the verb to the place and the preposition that attaches it, the
  labels on the way, verbs in between, distance and order, spaCy's entity label, the events stage's own filters and
  what the "syntax" rule picks), a "no place" option by `none_features`; the weights
  (models/eventplace_ranker.json) come from scripts/train_eventplace.py, a conditional logistic regression trained on
  ahalterman/event_location without its RELABEL test records. The best named place wins unless "no place" beats it
  by the trained margin; anaphoric places ('the town'), which that data never marks, are left to "syntax". Without
  the weights file it falls back to "syntax";
- method "baseline" is what the events stage did before it used this module: drop
  destinations, date lines and comparisons (events._where_it_happened), take the nearest remaining place, preferring
  gazetteer-known, more specific than country, not "near X" (events._choose_places);
- method "syntax" (the rule chooser) narrows the candidates before applying the baseline: it sets aside places that
  only modify a noun ('US sailors', "Iraq's oil terminal") and containers named after a more specific place in the
  same phrase ('Radhwaniyah area in southwestern Baghdad', 'the village of Ashmi ... of Kobane'), then prefers the
  places the dependency parse attaches to the verb itself (through a preposition or as its object, with no other
  verb in between); each narrowing is undone when it leaves nothing the baseline accepts.

Changing `candidate_features` or `none_features` means retraining: the weights are keyed by feature name."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from .lexicon_patterns import SETTLEMENT_WORDS, SITE_SUFFIXES
from .model import Document, Mention

METHODS = ("baseline", "syntax", "ranker")
RANKER_FILE = Path(__file__).resolve().parent / "models" / "eventplace_ranker.json"


def choose_event_place(doc: Document, verb: tuple[int, int], candidates: Sequence[Mention], *,
                       method: str = "ranker") -> Mention | None:
    """The candidate place where the event expressed by the verb at character span `verb` happened, or None.

    `doc` must have been parsed (doc.spacy_doc set); candidates are place mentions in the same text. Method "ranker"
    falls back to "syntax" when the ranker's weights are not there."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; known: {', '.join(METHODS)}")
    if method == "ranker":
        ranker = load_ranker()
        if ranker is not None:
            return ranker.choose(doc, verb, candidates)
        method = "syntax"
    if method == "syntax":
        plain = _without_modifiers(doc, candidates)
        specific = _without_containers(doc, plain)
        attached = [c for c in specific if attached_to_verb(doc, verb, c)]
        for group in (attached, specific, plain):
            chosen = _baseline(doc, verb, group)
            if chosen is not None:
                return chosen
    return _baseline(doc, verb, candidates)


def narrow_places(doc: Document, places: Sequence[Mention]) -> list[Mention]:
    """Set aside places that only describe a noun and containers of a more specific place named in the same
    phrase, unless that leaves none."""
    return _without_containers(doc, _without_modifiers(doc, places))


def _without_modifiers(doc: Document, places: Sequence[Mention]) -> list[Mention]:
    return [c for c in places if not modifies_a_noun(doc, c)] or list(places)


def holds_another(doc: Document, place: Mention, others: Sequence[Mention]) -> bool:
    """The place is named as the container of a more specific one among `others` ('the town of Macomia in Cabo
    Delgado province', "Niger's Tahoua region"): said to locate that place, not as where anything happened."""
    return _container(doc, place, others)


def _without_containers(doc: Document, places: list[Mention]) -> list[Mention]:
    # "Ukraine's Kharkiv region": the parse may read each as holding the other; the possessive still names the holder
    return [c for c in places if not _container(doc, c, places)] \
        or [c for c in places if not _possessive_holder(doc, c, places)] or places


def _baseline(doc: Document, verb: tuple[int, int], candidates: Sequence[Mention]) -> Mention | None:
    # The events stage's own filters, so that this chooser's baseline is exactly the pipeline's behaviour.
    from .stages.events import _choose_places, _where_it_happened

    usable = [c for c in candidates if _where_it_happened(c, doc)]
    nearest = sorted(usable, key=lambda m: min(abs(m.start - verb[0]), abs(m.end - verb[0])))
    chosen = _choose_places(doc, nearest)
    return chosen[0][0] if chosen else None


MODIFIER_DEPS = {"compound", "amod", "nmod"}
PLACE_HEADS = {word for phrase in SETTLEMENT_WORDS + SITE_SUFFIXES for word in phrase.split()[-1:]} | {
    "province", "governorate", "region", "countryside", "camp", "street", "road", "quarter", "municipality",
    "county", "state", "valley", "outskirts", "market"}


def modifies_a_noun(doc: Document, place: Mention) -> bool:
    """A place name used to describe something else: 'US sailors', "Iraq's key oil terminal", "Syria's city of
    Daraa" (the place of the event is the thing described, or another place); not 'Radhwaniyah area',
    'Makhmur district', 'Mosul dam', which name the place itself."""
    root = _root(doc, place)
    return root is not None and root.dep_ in MODIFIER_DEPS and root.head.lemma_.lower() not in PLACE_HEADS


def _root(doc: Document, mention: Mention):
    span = doc.spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _container(doc: Document, place: Mention, others: Sequence[Mention]) -> bool:
    """The place is governed, without a verb in between, by a phrase that also holds a place named before it:
    'X area in Baghdad', 'the village of X in the countryside of Kobane' (Baghdad and Kobane contain X); or it
    qualifies the next place in the possessive: 'Niger's Tahoua region'."""
    if _possessive_holder(doc, place, others):
        return True
    if any(_comma_container(doc, o, place) for o in others if o is not place):
        return True
    node = _root(doc, place)
    for _ in range(6):
        if node is None or node.head == node or node.dep_ in {"conj", "appos"}:
            return False  # 'Jabal al-Tar and Jabal Hayyal', 'Konduga, 35 km from X': siblings, not containers
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return False
        low, high = node.left_edge.idx, node.right_edge.idx + len(node.right_edge)
        if any(o is not place and o.start < place.start and low <= o.start and o.end <= high for o in others):
            return True
    return False


def _possessive_holder(doc: Document, place: Mention, others: Sequence[Mention]) -> bool:
    after = re.match(r"['’]s\s+", doc.text[place.end:place.end + 4])
    return bool(after) and any(o.start == place.end + after.end() for o in others)


def _comma_container(doc: Document, inner: Mention, outer: Mention) -> bool:
    """'Parkland, Florida', 'Tahoua, Niger': a state or country written after the place it holds."""
    if doc.text[inner.end:outer.start] not in {", ", ","}:
        return False
    holder = (outer.attrs.get("candidates") or [None])[0]
    if holder is None or holder.feature_type not in {"admin1", "country"}:
        return False
    return any(held.country_code == holder.country_code and (
        holder.feature_type == "country" or (held.admin1 or "").lower() == holder.name.lower())
        for held in inner.attrs.get("candidates") or [])


def _verb_token(doc: Document, verb: tuple[int, int]):
    span = doc.spacy_doc.char_span(verb[0], verb[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def attached_to_verb(doc: Document, verb: tuple[int, int], place: Mention) -> bool:
    """The verb governs the place with no other verb (clause) in between: 'captured X', 'fighting in X'."""
    head = _verb_token(doc, verb)
    span = doc.spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
    if head is None or span is None or not len(span):
        return False
    node = span.root
    for _ in range(8):
        if node.head == node:
            return False
        node = node.head
        if node.i == head.i:
            return True
        if node.pos_ in {"VERB", "AUX"}:
            return False
    return False


# ---- the learned ranker -------------------------------------------------------------------------------------------

REFERENCE_POINT = re.compile(  # '40 kilometers east of Kharkiv', '115km west of Baghdad': a yardstick for distance
    r"(?:\b(?:km|kms|kilometres?|kilometers?|miles?)|\d\s?km)\s+(?:\([^)]*\)\s+)?(?:\w+\s+)?(?:of|from)\s+(?:the\s+)?$"
    r"|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


ROUTE_WORDS = {"road", "highway", "route", "motorway", "railway", "corridor", "axis", "front", "frontline", "line"}


def _route_word(node):
    """The road, highway or front a place name is part of the name of: 'Khartoum' and 'Wad Medani' in 'the
    Khartoum-Wad Medani road' (the parse chains the names: Khartoum -> Medani -> road)."""
    for _ in range(3):
        if node is None or node.dep_ not in MODIFIER_DEPS:
            return None
        node = node.head
        if node.lemma_.lower() in ROUTE_WORDS:
            return node
    return None


def _bucket(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _ancestors(token) -> list:
    """The token and its heads up to the sentence root."""
    chain = [token]
    while chain[-1].head != chain[-1] and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _function_word(token) -> str:
    return token.lower_ if token.pos_ in {"ADP", "SCONJ", "DET", "PART", "PUNCT", "CCONJ"} or token.is_stop else "_"


def candidate_features(doc: Document, verb: tuple[int, int], candidates: Sequence[Mention]) -> list[dict[str, float]]:
    """Features of each (event verb, candidate place) pair, for the ranker: the dependency path from the verb to the
    place (the preposition that attaches it, the labels on the way, verbs in between), distance and order, the
    events stage's own filters (destination, date line, yardstick, 'near'), and what the rule chooser picks."""
    from .stages.events import DESTINATION_PREPS, MOTION_VERBS, _is_comparison, _is_destination, _vicinity

    head = _verb_token(doc, verb)
    rule = choose_event_place(doc, verb, candidates, method="syntax")
    nearest = choose_event_place(doc, verb, candidates, method="baseline")
    order = sorted(range(len(candidates)), key=lambda k: min(abs(candidates[k].start - verb[0]),
                                                            abs(candidates[k].end - verb[0])))
    rank = {k: r for r, k in enumerate(order)}
    lemma = head.lemma_.lower() if head is not None else ""
    motion = lemma in MOTION_VERBS
    references = [bool(REFERENCE_POINT.search(doc.text[max(0, c.start - 45):c.start])) for c in candidates]
    near = [_vicinity(doc, c) for c in candidates]
    kinds = [getattr((c.attrs.get("candidates") or [None])[0], "feature_type", None) for c in candidates]
    # a town named for itself, besides the yardsticks and countries: 'Staryi Saltiv, ... 40 km east of Kharkiv'
    named_towns = [not ref and kind not in {"country", "admin1"} for ref, kind in zip(references, kinds)]
    exact_towns = [town and not close for town, close in zip(named_towns, near)]
    routes = [_route_word(_root(doc, c)) for c in candidates]
    out = []
    for k, place in enumerate(candidates):
        f: dict[str, float] = {"bias": 1.0, f"rank={min(rank[k], 3)}": 1.0}
        f["rule"] = float(place is rule)
        f["nearest_rule"] = float(place is nearest)
        f["destination"] = float(_is_destination(place, doc))
        f["dateline"] = float(bool(place.attrs.get("dateline")))
        f["comparison"] = float(_is_comparison(place, doc))
        f["vicinity"] = float(near[k])
        if near[k] and any(exact for j, exact in enumerate(exact_towns) if j != k):
            f["vicinity_besides_a_town"] = 1.0
        f["reference_point"] = float(references[k])
        if references[k] and any(named for j, named in enumerate(named_towns) if j != k):
            f["reference_point_besides_a_town"] = 1.0
        f["country"] = float(kinds[k] == "country")
        f["admin1"] = float(kinds[k] == "admin1")
        f["modifier"] = float(modifies_a_noun(doc, place))
        f["container"] = float(_container(doc, place, candidates))
        f["all_caps"] = float(place.text.isupper() and len(place.text) > 3)
        f["name_place_word"] = float(place.text.split()[-1].lower() in PLACE_HEADS if place.text.split() else 0)
        span = doc.spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
        node = span.root if span is not None and len(span) else None
        if head is None or node is None:
            f["no_parse"] = 1.0
            out.append(f)
            continue
        f["after" if node.i > head.i else "before"] = 1.0
        f[f"dist={_bucket(abs(node.i - head.i), (1, 2, 3, 5, 8, 12, 20))}"] = 1.0
        if node.sent != head.sent:
            f["other_sentence"] = 1.0
        first = span[0]
        prev = doc.spacy_doc[first.i - 1] if first.i > 0 else None
        if prev is not None and prev.lower_ == "the" and first.i > 1:
            prev = doc.spacy_doc[first.i - 2]
        f[f"prev={_function_word(prev) if prev is not None else '^'}"] = 1.0
        if first.i - node.sent.start <= 1 and span.end < len(doc.spacy_doc) and \
                doc.spacy_doc[span.end].text in {"—", "-", "--", "(", ",", ":"}:
            f["sentence_initial"] = 1.0
        f[f"place_dep={node.dep_}"] = 1.0
        f[f"entity={node.ent_type_ or '-'}"] = 1.0  # spaCy's own reading of the name (PERSON, ORG, GPE ...)
        if node.head.lemma_.lower() in PLACE_HEADS:
            f["head_place_word"] = 1.0
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in node.head.children) and node.i < node.head.i:
                f["names_container_of"] = 1.0  # 'the Colombo suburb of Nugegoda', 'the West Bank city of Nablus'
        if routes[k] is not None:
            f["names_route"] = 1.0  # 'the Aleppo-Latakia highway', 'the Khartoum-Wad Medani road', 'the Kherson front'
            if any(j != k and route is not None and route.i == routes[k].i for j, route in enumerate(routes)):
                f["route_endpoint"] = 1.0  # one of the two places a road is named after, not where anything was
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in PLACE_HEADS:
            f["place_word_of"] = 1.0  # 'the city of Nablus', 'the village of Ashmi'
        # the path: up from the place to the lowest common ancestor, up from the verb to it
        mine, theirs = _ancestors(node), _ancestors(head)
        ids = {t.i for t in theirs}
        lca = next((t for t in mine if t.i in ids), None)
        if lca is None:
            f["no_path"] = 1.0
            out.append(f)
            continue
        up = mine[:[t.i for t in mine].index(lca.i) + 1]
        down = theirs[:[t.i for t in theirs].index(lca.i) + 1]
        preps = [t.lower_ for t in up[1:] if t.dep_ in {"prep", "agent"} or (t.pos_ == "ADP" and t.dep_ != "pobj")]
        if preps:
            f[f"own_prep={preps[0]}"] = 1.0
            f[f"top_prep={preps[-1]}"] = 1.0
            if motion:
                f[f"motion_prep={preps[-1]}"] = 1.0
            if preps[-1] in DESTINATION_PREPS and motion:
                f["motion_destination"] = 1.0
        for t in up[:-1]:
            f[f"up_dep={t.dep_}"] = 1.0
        for t in down[:-1]:
            f[f"down_dep={t.dep_}"] = 1.0
        verbs_up = sum(t.pos_ in {"VERB", "AUX"} for t in up[1:-1])
        f[f"verbs_up={min(verbs_up, 2)}"] = 1.0
        f[f"len_up={_bucket(len(up) - 1, (1, 2, 3, 4, 6))}"] = 1.0
        f[f"len_down={_bucket(len(down) - 1, (0, 1, 2, 3))}"] = 1.0
        if node.i == head.i:
            f["same_token"] = 1.0  # 'the Aleppo offensive' read as one word, or a verb span inside the name
        elif lca.i == head.i:
            f["in_verb_subtree"] = 1.0
            under = up[-2]
            f[f"attach={under.dep_}"] = 1.0
            if under.dep_ == "prep":
                f[f"attach_prep={under.lower_}"] = 1.0
                f[f"verb_{head.pos_}_attach_prep={under.lower_}"] = 1.0
        elif lca.i == node.i:
            f["governs_verb"] = 1.0
        else:
            f[f"lca_pos={lca.pos_}"] = 1.0
            f[f"verb_dep_under_lca={down[-2].dep_}"] = 1.0
        low, high = sorted((node.i, head.i))
        between = [t for t in doc.spacy_doc[low + 1:high] if t.pos_ == "VERB" and t.i not in {x.i for x in span}]
        f[f"verbs_between={min(len(between), 2)}"] = 1.0
        out.append(f)
    return out


def none_features(doc: Document, verb: tuple[int, int], candidates: Sequence[Mention]) -> dict[str, float]:
    """Features of the 'no place' choice: the event verb itself, and whether anything is attached to it."""
    head = _verb_token(doc, verb)
    f = {"none:bias": 1.0}
    if head is None:
        return f
    f[f"none:verb_pos={head.pos_}"] = 1.0
    f[f"none:verb_dep={head.dep_}"] = 1.0
    f[f"none:verb_tag={head.tag_}"] = 1.0
    if any(c.dep_ == "neg" for c in head.children):
        f["none:negated"] = 1.0
    if any(c.dep_ == "aux" and c.lower_ in {"will", "would", "could", "may", "might", "should", "can"}
           for c in head.children):
        f["none:modal"] = 1.0
    f[f"none:lemma={head.lemma_.lower()}"] = 1.0
    if any(attached_to_verb(doc, verb, c) for c in candidates):
        f["none:attached"] = 1.0
    if any(c.dep_ == "prep" and c.lower_ in {"in", "at", "near", "outside", "inside", "around"} for c in head.children):
        f["none:place_preposition"] = 1.0
    nodes = [_root(doc, c) for c in candidates]
    distances = [abs(n.i - head.i) for n in nodes if n is not None]
    if distances:
        f[f"none:nearest={_bucket(min(distances), (2, 5, 10, 20))}"] = 1.0
    if all(n is not None and n.sent != head.sent for n in nodes):
        f["none:other_sentences"] = 1.0
    return f


SET_ASIDE = ("reference_point_besides_a_town", "route_endpoint")


def set_aside(features: dict[str, float]) -> bool:
    """A candidate the ranker does not choose, whatever its score, while another is left: a yardstick ('40 km east
    of Kharkiv') when the sentence also names a town for itself (the events stage's own rule: an exact place before
    a reference point; in the training sentences such a yardstick is right 20 times in 246), and the places a road
    is named after ('the Khartoum-Wad Medani road': right 3 times in 48)."""
    return any(features.get(name) for name in SET_ASIDE)


class Ranker:
    """A linear score per option (each candidate place, and "no place"); the best place wins unless "no place"
    beats it by more than the trained margin."""

    def __init__(self, weights: dict[str, float], none_margin: float | None) -> None:
        self.weights, self.none_margin = weights, none_margin

    def score(self, features: dict[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def choose(self, doc: Document, verb: tuple[int, int], candidates: Sequence[Mention]) -> Mention | None:
        """The ranker's choice among the named places. Anaphoric places ('the town', 'the airbase') are left to the
        rule chooser: the training data marks named places only, so the ranker never learnt when one is right,
        while in a report an anaphor stands for a place named before ('breach the airbase's fortifications')."""
        named = [c for c in candidates if not c.attrs.get("anaphor")]
        if len(named) < len(candidates):
            rule = choose_event_place(doc, verb, candidates, method="syntax")
            if rule is not None and (rule.attrs.get("anaphor") or not named):
                return rule
        if not named:
            return None
        features = candidate_features(doc, verb, named)
        scores = [self.score(f) for f in features]
        best = max(range(len(named)), key=lambda k: (not set_aside(features[k]), scores[k], -k))
        if self.none_margin is not None and \
                self.score(none_features(doc, verb, named)) > scores[best] + self.none_margin:
            return None
        return named[best]


@lru_cache(maxsize=1)
def load_ranker(path: Path = RANKER_FILE) -> Ranker | None:
    """The shipped weights (scripts/train_eventplace.py), or None when the file is not there."""
    try:
        payload: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Ranker(payload["weights"], payload.get("none_margin"))
