"""Actor dictionary and equipment lexicon.

Both lexicons are JSON files shipped in ``sitrep/data`` (schema and editing
rules: ``sitrep/data/LEXICONS.md``).  This module loads them into small
immutable lookup tables:

* :class:`ActorDictionary` maps a surface form ("ISIS", "IS militants",
  "government forces" in a Syria report, "Iraqi militiamen") to an
  :class:`Actor` with an ACLED-style canonical name, side and inter code.
* :class:`EquipmentLexicon` maps a surface form ("T-72s", "technicals",
  "supply trucks") to an :class:`EquipmentType`.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "Actor",
    "ActorDictionary",
    "EquipmentType",
    "EquipmentLexicon",
    "EQUIPMENT_CATEGORIES",
    "ACTOR_KINDS",
    "NON_ALIGNED_SIDES",
]

EQUIPMENT_CATEGORIES: frozenset[str] = frozenset(
    {
        "tank",
        "infantry_fighting_vehicle",
        "armoured_personnel_carrier",
        "armoured_vehicle",
        "technical",
        "truck",
        "artillery",
        "multiple_rocket_launcher",
        "air_defence",
        "manpads",
        "anti_tank_weapon",
        "aircraft",
        "helicopter",
        "drone",
        "naval_vessel",
        "small_arms",
        "ammunition",
        "other",
    }
)

ACTOR_KINDS: frozenset[str] = frozenset(
    {"state", "rebel", "militia", "external", "civilians", "protesters", "rioters"}
)

#: Sides whose members are not allies of one another (two unidentified armed
#: groups are not "the same side"); :meth:`ActorDictionary.same_side` is False.
NON_ALIGNED_SIDES: frozenset[str] = frozenset({"unidentified", "civilians", "protesters", "rioters"})

STATE_FORCES_ROLE = "state_forces"
UNIDENTIFIED_ARMED_GROUP = "Unidentified Armed Group"
POLICE_ROLE = "police"
WILDCARD_COUNTRY = "*"

# ---------------------------------------------------------------------------
# text normalisation
# ---------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u00b4": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]+")
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)


PERIOD = re.compile(r"\s*\((\d{4})-(\d{4})?\)")


def _without_period(name: str, match: re.Match) -> str:
    """'Military Forces of Yemen (2012-2022) Hadi' → 'Military Forces of Yemen Hadi'."""
    return " ".join((name[:match.start()] + name[match.end():]).split())


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _actor_key(text: str, *, fold: bool, possessive: bool = False) -> str:
    """Normalise an actor surface form: accents, apostrophes, dashes, dots,
    whitespace and a leading "the"; casefold unless ``fold`` is False.
    ``possessive`` drops a word-final "'s" ("IS's" -> "IS") instead of
    only the apostrophe ("People's" -> "Peoples")."""
    s = _strip_accents(text).translate(_APOSTROPHES)
    if possessive:
        s = re.sub(r"'s\b", "", s)
    s = s.replace("'", "").replace(".", "")
    s = _DASHES.sub(" ", s)
    s = _SPACES.sub(" ", s).strip(" ,;:")
    s = _LEADING_ARTICLE.sub("", s)
    return s.casefold() if fold else s


def _equipment_key(text: str, *, fold: bool) -> str:
    """Compact key for equipment: "T-72", "T72", "t 72" -> "t72"."""
    s = _strip_accents(text).translate(_APOSTROPHES)
    s = re.sub(r"'s\b", "", s).replace("'", "")
    s = re.sub(r"[^0-9A-Za-z/]+", "", s)
    return s.casefold() if fold else s


def _singulars(word: str) -> Iterator[str]:
    """English de-pluralisation candidates, most specific first; 'militiamen' is the militia's men."""
    if word.lower() in {"militiamen", "militiaman"}:
        yield word[:7]
        return
    if len(word) < 3 or word[-1] not in "sS":
        return
    if word[-3:].lower() == "ies" and len(word) > 4:
        yield word[:-3] + ("Y" if word[-3:].isupper() else "y")
    yield word[:-1]
    if word[-2:].lower() == "es":
        yield word[:-2]


# ---------------------------------------------------------------------------
# shared alias parsing
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Alias:
    text: str
    case_sensitive: bool = False
    countries: frozenset[str] | None = None


def _parse_alias(raw: str | Mapping[str, Any]) -> _Alias:
    if isinstance(raw, str):
        return _Alias(raw)
    countries = raw.get("countries")
    return _Alias(
        text=raw["text"],
        case_sensitive=bool(raw.get("case_sensitive", False)),
        countries=frozenset(countries) if countries else None,
    )


def _read_json(path: Path | None, filename: str) -> Any:
    if path is None:
        text = resources.files("sitrep").joinpath("data", filename).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return json.loads(text)


# ---------------------------------------------------------------------------
# actors
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """One actor.  ``inter`` is the ACLED inter code the actor has in its home
    country; use :meth:`inter_in` for the code in a given report country."""

    name: str
    side: str
    inter: int
    country: str | None
    kind: str
    aliases: tuple[str, ...]
    state_of: str | None = None
    side_in: tuple[tuple[str, str], ...] = field(default=())

    def side_for(self, country: str | None = None) -> str:
        """Side key, honouring per-country overrides (``side_in``)."""
        return dict(self.side_in).get(country or "", self.side)

    def inter_in(self, country: str | None = None) -> int:
        """ACLED inter code in ``country``: state forces abroad are 8."""
        if self.kind == "state" and country and self.country and country != self.country:
            return 8
        return self.inter


@dataclass(frozen=True)
class _Demonym:
    demonym: str
    country: str
    state_actor: str | None
    militia_actor: str | None
    militia_in: frozenset[str] | None
    ambiguous_militia_in: frozenset[str]


class _AliasIndex:
    """Alias key -> candidate (value, country scope) pairs, in two spaces:
    case-sensitive (exact after normalisation) and casefolded."""

    def __init__(self, key_fn: Callable[..., str], *, possessive: bool = False) -> None:
        self._key_fn = key_fn
        self._possessive = possessive
        self.exact: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
        self.folded: dict[str, list[tuple[str, frozenset[str] | None]]] = {}

    def add(self, alias: _Alias, value: str) -> None:
        fold = not alias.case_sensitive
        keys = {self._key_fn(alias.text, fold=fold)}
        if self._possessive:
            keys.add(self._key_fn(alias.text, fold=fold, possessive=True))
        for key in keys:
            if not key:
                raise ValueError(f"alias {alias.text!r} of {value!r} normalises to nothing")
            self._add_key(alias, value, key)

    def _add_key(self, alias: _Alias, value: str, key: str) -> None:
        table = self.exact if alias.case_sensitive else self.folded
        entries = table.setdefault(key, [])
        for other, scope in entries:
            if other != value and _scopes_overlap(scope, alias.countries):
                raise ValueError(f"alias {alias.text!r} claimed by both {other!r} and {value!r}")
        if (value, alias.countries) not in entries:
            entries.append((value, alias.countries))

    def find(self, exact_key: str, folded_key: str, country: str | None) -> str | None:
        cands = self.exact.get(exact_key, []) + self.folded.get(folded_key, [])
        return _pick(cands, country)


def _scopes_overlap(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    return a is None or b is None or bool(a & b)


def _pick(cands: list[tuple[str, frozenset[str] | None]], country: str | None) -> str | None:
    """Choose among alias candidates: scope must admit ``country``; an
    explicit scope match beats an unscoped alias; still ambiguous -> None."""
    live = [(v, s) for v, s in cands if s is None or country is None or country in s]
    if country is not None and len({v for v, _ in live}) > 1:
        live = [(v, s) for v, s in live if s is not None and country in s] or live
    values = {v for v, _ in live}
    return values.pop() if len(values) == 1 else None


class ActorDictionary:
    """Surface form -> :class:`Actor` resolution.

    Resolution order for :meth:`lookup` (first hit wins), applied to the
    text and then to the text with trailing descriptor words ("militants",
    "fighters", "forces", ...) and leading hedges ("suspected") removed, and to
    a de-pluralised form:

    1. actor aliases (case-sensitive ones must match case);
    2. generic aliases ("government forces") resolved through ``country``;
    3. finally demonym phrases ("Iraqi militiamen", "Russian military
       officials") on the full text.
    """

    def __init__(self, data: Mapping[str, Any], *, every_country: bool = False) -> None:
        self._actors: dict[str, Actor] = {}
        self._aliases = _AliasIndex(_actor_key, possessive=True)
        self._generic = _AliasIndex(_actor_key, possessive=True)
        self._generic_fallback: dict[str, str | None] = {}
        self._role_defaults: dict[str, dict[str, str]] = {}
        self._state_of: dict[str, str] = {}
        self._demonyms: dict[str, _Demonym] = {}
        self._heads: dict[str, str] = {}
        self._descriptors: frozenset[str] = frozenset()
        self._hedges: frozenset[str] = frozenset()
        self._surface: list[tuple[str, bool]] = []
        self._surface_cache: dict[bool, list[tuple[str, bool]]] = {}
        self._generic_surface: list[tuple[str, bool]] = []
        self._load_actors(data["actors"])
        self._police_of: dict[str, str] = {}
        self._add_state_forces_everywhere(_country_names() if every_country else {})
        self._periods: dict[str, list[tuple[int, int | None, str]]] = {}
        self._undated: dict[str, Actor] = {}
        self._index_periods()
        self._load_generic(data.get("generic_aliases", []), data.get("role_defaults", {}))
        self._load_demonyms(data.get("demonym_aliases", []), data.get("demonym_heads", {}))
        if every_country:
            self._add_demonyms_everywhere(country_adjectives())
        self._descriptors = frozenset(w.casefold() for w in data.get("descriptor_words", []))
        self._hedges = frozenset(w.casefold() for w in data.get("hedge_words", []))

    # -- construction ------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None, *, every_country: bool = False) -> "ActorDictionary":
        """Load ``path`` or, by default, the packaged ``actors.json``; with ``every_country``, countries the file
        lacks get military and police forces in ACLED's naming."""
        return cls(_read_json(path, "actors.json"), every_country=every_country)

    @classmethod
    def default(cls) -> "ActorDictionary":
        """The packaged dictionary, loaded once per process."""
        return _default_actors()

    def _load_actors(self, records: Iterable[Mapping[str, Any]]) -> None:
        for rec in records:
            actor = self._make_actor(rec)
            if actor.name in self._actors:
                raise ValueError(f"duplicate actor name {actor.name!r}")
            self._actors[actor.name] = actor
            if actor.state_of:
                self._register_state(actor)
            for alias in [_Alias(actor.name)] + [_parse_alias(a) for a in rec.get("aliases", [])]:
                self._aliases.add(alias, actor.name)
                if alias.text != actor.name:
                    self._surface.append((alias.text, alias.case_sensitive))
            self._surface.append((actor.name, False))

    @staticmethod
    def _make_actor(rec: Mapping[str, Any]) -> Actor:
        inter = int(rec["inter"])
        if not 1 <= inter <= 8:
            raise ValueError(f"{rec['name']!r}: inter {inter} outside 1..8")
        if rec["kind"] not in ACTOR_KINDS:
            raise ValueError(f"{rec['name']!r}: unknown kind {rec['kind']!r}")
        aliases = tuple(_parse_alias(a).text for a in rec.get("aliases", []))
        return Actor(
            name=rec["name"],
            side=rec["side"],
            inter=inter,
            country=rec.get("country"),
            kind=rec["kind"],
            aliases=aliases,
            state_of=rec.get("state_of"),
            side_in=tuple(sorted(rec.get("side_in", {}).items())),
        )

    def _add_state_forces_everywhere(self, countries: Mapping[str, str]) -> None:
        """Every country has military and police forces, in ACLED's naming ('Military Forces of Mozambique',
        'Police Forces of Mozambique'), on the government's side; the dictionary's own entries take precedence."""
        for actor in self._actors.values():
            if actor.kind == "state" and actor.country and actor.name.startswith("Police Forces of "):
                self._police_of.setdefault(actor.country, actor.name)
        for code, country in countries.items():
            country = _with_article(country)
            state = self._state_of.get(code)
            if state is None and f"Military Forces of {country}" not in self._actors:
                self._load_actors([{"name": f"Military Forces of {country}", "side": f"{code.lower()}_gov",
                                    "inter": 1, "country": code, "kind": "state", "state_of": code}])
                state = self._state_of[code]
            if code not in self._police_of and state is not None:
                name = f"Police Forces of {country}"
                if name not in self._actors:
                    side = self._actors[state].side
                    self._load_actors([{"name": name, "side": side, "inter": 1, "country": code, "kind": "state"}])
                self._police_of[code] = name

    def _index_periods(self) -> None:
        """ACLED names state forces by the government period they served ('Military Forces of Mali (2021-)'): each
        such name is filed under its name without the period, which also stands, as its own actor on the same
        side, for the forces of a period the dictionary has no name for."""
        for actor in list(self._actors.values()):
            match = PERIOD.search(actor.name)
            if actor.kind != "state" or match is None:
                continue
            base = _without_period(actor.name, match)
            end = int(match.group(2)) if match.group(2) else None
            self._periods.setdefault(base, []).append((int(match.group(1)), end, actor.name))
            if base not in self._actors and base not in self._undated:
                self._undated[base] = Actor(name=base, side=actor.side, inter=actor.inter, country=actor.country,
                                            kind=actor.kind, aliases=(), side_in=actor.side_in)

    def in_year(self, name: str, year: int) -> str:
        """The name of ``name``'s forces as they were in ``year``: 'Military Forces of Syria (2000-2024)' in 2025 is
        'Military Forces of Syria (2024-)', and in 1982 'Military Forces of Syria'."""
        match = PERIOD.search(name)
        if match is None:
            return name
        base = _without_period(name, match)
        for start, end, dated in self._periods.get(base, ()):
            if start <= year and (end is None or year <= end):
                return dated
        return base

    def police_forces(self, country: str) -> Actor | None:
        name = self._police_of.get(country.upper())
        return self._actors[name] if name else None

    def _register_state(self, actor: Actor) -> None:
        assert actor.state_of is not None
        if actor.state_of in self._state_of:
            raise ValueError(f"two state actors for {actor.state_of}: {self._state_of[actor.state_of]!r}, {actor.name!r}")
        self._state_of[actor.state_of] = actor.name

    def _load_generic(self, records: Iterable[Mapping[str, Any]], defaults: Mapping[str, Mapping[str, str]]) -> None:
        self._role_defaults = {role: dict(table) for role, table in defaults.items()}
        for table in self._role_defaults.values():
            for name in table.values():
                self._require_actor(name)
        for rec in records:
            alias = _parse_alias(rec)
            self._generic.add(alias, rec["role"])
            self._generic_fallback[rec["role"]] = rec.get("fallback_role")
            self._generic_surface.append((alias.text, alias.case_sensitive))

    def _load_demonyms(self, records: Iterable[Mapping[str, Any]], heads: Mapping[str, Iterable[str]]) -> None:
        for rec in records:
            dem = _Demonym(
                demonym=rec["demonym"],
                country=rec["country"],
                state_actor=rec.get("state_actor"),
                militia_actor=rec.get("militia_actor"),
                militia_in=frozenset(rec["militia_in"]) if rec.get("militia_in") else None,
                ambiguous_militia_in=frozenset(rec.get("ambiguous_militia_in", [])),
            )
            for name in (dem.state_actor, dem.militia_actor):
                if name is not None:
                    self._require_actor(name)
            for form in [dem.demonym, *rec.get("variants", [])]:
                self._demonyms[_actor_key(form, fold=True)] = dem
        for kind in ("state", "militia", "armed", "ambiguous"):
            for word in heads.get(kind, []):
                self._heads[word.casefold()] = kind

    def _add_demonyms_everywhere(self, adjectives: Mapping[str, tuple[str, str]]) -> None:
        """Every country's adjective ('Tajik troops', 'Kyrgyz border guards') names its state forces, where the
        dictionary's own demonym entries say nothing of that adjective."""
        for word, (code, _) in adjectives.items():
            key = _actor_key(word, fold=True)
            state = self._state_of.get(code)
            if state and key not in self._demonyms:
                self._demonyms[key] = _Demonym(demonym=word, country=code, state_actor=state, militia_actor=None,
                                               militia_in=None, ambiguous_militia_in=frozenset())

    def _require_actor(self, name: str) -> None:
        if name not in self._actors:
            raise ValueError(f"reference to unknown actor {name!r}")

    # -- queries -------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def by_name(self, name: str) -> Actor:
        """The actor with canonical name ``name`` (KeyError if none)."""
        return self._actors[name] if name in self._actors else self._undated[name]

    def describe(self, name: str) -> Actor:
        """The actor named ``name``; for a group the dictionary does not know (named in a report as it stands), an
        actor of its own side: a militia (ACLED inter 3) when its name says militia, gang, cartel or clan, else a
        rebel group (2)."""
        if name in self._actors or name in self._undated:
            return self.by_name(name)
        militia = re.search(r"\b(?:militias?|gangs?|cartel|clan|vigilantes?|self-defen[cs]e)\b", name, re.I)
        return Actor(name=name, side=f"own:{name}", inter=3 if militia else 2, country=None,
                     kind="militia" if militia else "rebel", aliases=())

    def state_forces(self, country: str) -> Actor | None:
        """The state-forces actor of ``country`` (ISO2), if known."""
        name = self._state_of.get(country.upper())
        return self._actors[name] if name else None

    def lookup(self, text: str, *, country: str | None = None) -> Actor | None:
        """Resolve a surface form; ``country`` is the report's focus ISO2."""
        country = country.upper() if country else None
        for exact, folded in self._candidates(text):
            name = self._aliases.find(exact, folded, country) or self._resolve_generic(exact, folded, country)
            if name:
                return self._actors[name]
        name = self._resolve_demonym(text, country)
        return self._actors[name] if name else None

    def generic_role(self, text: str, *, country: str | None = None) -> str | None:
        """The role a generic form names ('militants' → jihadists, 'the army' → state_forces), None for a name."""
        country = country.upper() if country else None
        for exact, folded in self._candidates(text):
            if self._aliases.find(exact, folded, country):
                return None
            role = self._generic.find(exact, folded, country)
            if role is not None:
                return role
        return None

    def is_demonym(self, word: str) -> bool:
        """'Ukrainian', 'Russian', 'Houthi': a nationality or group adjective the dictionary knows."""
        return _actor_key(word, fold=True) in self._demonyms

    def canonical(self, text: str, *, country: str | None = None) -> str | None:
        actor = self.lookup(text, country=country)
        return actor.name if actor else None

    def same_side(self, a: str, b: str, *, country: str | None = None) -> bool:
        """True if both resolve (alias or canonical name) and share a side
        in ``country``; non-aligned sides (unidentified, civilians) never do."""
        actor_a, actor_b = self._resolve_any(a, country), self._resolve_any(b, country)
        if actor_a is None or actor_b is None:
            return False
        side = actor_a.side_for(country)
        return side not in NON_ALIGNED_SIDES and side == actor_b.side_for(country)

    def surface_forms(self, *, include_generic: bool = True) -> list[tuple[str, bool]]:
        """Every alias text (canonical names included) with its
        case_sensitive flag, deduplicated, for a PhraseMatcher/EntityRuler."""
        cached = self._surface_cache.get(include_generic)
        if cached is None:
            forms = self._surface + (self._generic_surface if include_generic else [])
            dotted = [(_dotted(text), sensitive) for text, sensitive in forms if _ACRONYM.search(text)]
            cached = self._surface_cache[include_generic] = list(dict.fromkeys(forms + dotted))
        return list(cached)

    # -- resolution helpers ------------------------------------------------------

    def _resolve_any(self, text: str, country: str | None) -> Actor | None:
        return self._actors.get(text) or self.lookup(text, country=country)

    def _candidates(self, text: str) -> Iterator[tuple[str, str]]:
        """(case-preserving key, folded key) variants of ``text``: as is,
        hedges dropped, trailing descriptors dropped, de-pluralised."""
        seen: set[str] = set()
        for possessive in (True, False):
            yield from self._stems(_actor_key(text, fold=False, possessive=possessive).split(" "), seen)

    def _stems(self, words: list[str], seen: set[str]) -> Iterator[tuple[str, str]]:
        while words and words[0].casefold() in self._hedges:
            words = words[1:]
        for end in range(len(words), 0, -1):
            if end < len(words) and words[end].casefold() not in self._descriptors:
                break
            stem = " ".join(words[:end])
            for form in (stem, *(" ".join(words[: end - 1] + [w]) for w in _singulars(words[end - 1]))):
                if form not in seen:
                    seen.add(form)
                    yield form, form.casefold()

    def _resolve_generic(self, exact: str, folded: str, country: str | None) -> str | None:
        role = self._generic.find(exact, folded, country)
        while role is not None:
            name = self._role_actor(role, country)
            if name:
                return name
            role = self._generic_fallback.get(role)
        return None

    def _role_actor(self, role: str, country: str | None) -> str | None:
        table = self._role_defaults.get(role, {})
        if country and country in table:
            return table[country]
        if role == STATE_FORCES_ROLE and country:
            return self._state_of.get(country)
        if role == POLICE_ROLE and country:
            return self._police_of.get(country)
        return table.get(WILDCARD_COUNTRY)

    def _resolve_demonym(self, text: str, country: str | None) -> str | None:
        words = _actor_key(text, fold=True).split(" ")
        for i, word in enumerate(words):
            two_words = " ".join(words[i:i + 2])
            dem = self._demonyms.get(two_words) or self._demonyms.get(word)  # 'South Sudanese' before 'Sudanese'
            if dem is None:
                continue
            rest = words[i + 2:] if two_words in self._demonyms else words[i + 1:]
            if rest[:1] and rest[0] in BACKING_PARTICIPLES:
                continue  # 'Russian-backed government forces' are not Russia's
            if POLICE_WORDS & set(rest) and dem.country in self._police_of:
                return self._police_of[dem.country]  # 'Indonesian police', 'Nigerian policemen'
            head = "armed" if rest[:1] == ["armed"] and rest[1:2] in (["group"], ["groups"]) \
                else self._first_head(rest)  # 'Palestinian armed groups'
            return self._demonym_actor(dem, head, country) if head else None
        return None

    def _first_head(self, words: list[str]) -> str | None:
        """The kind of the first head word ('troops' state, 'fighters' militia); 'fighter' before an aircraft word is
        none: 'Kenyan fighter jets' are the state's, not a militia."""
        for word, following in zip(words, [*words[1:], None]):
            if word in self._heads and not (word == "fighter" and following in AIRCRAFT_AFTER_FIGHTER):
                return self._heads[word]
        return None

    @staticmethod
    def _demonym_actor(dem: _Demonym, head: str, country: str | None) -> str | None:
        militia_ok = dem.militia_in is None or country is None or country in dem.militia_in
        if head == "militia":
            return dem.militia_actor if militia_ok else None
        if head == "armed":  # 'Palestinian militants', where no one group goes by that name: ACLED's unidentified
            return (dem.militia_actor or UNIDENTIFIED_ARMED_GROUP) if militia_ok else None
        if head == "ambiguous" and country in dem.ambiguous_militia_in and dem.militia_actor:
            return dem.militia_actor
        return dem.state_actor


POLICE_WORDS = {"police", "policemen", "policeman", "policewomen"}
# 'Iranian-backed militias', 'Turkish-supported rebels': the name before the participle is the patron, not the group
BACKING_PARTICIPLES = ("backed", "supported", "sponsored", "funded", "trained", "allied", "linked", "aligned",
                       "affiliated")  # not 'armed': 'Palestinian armed groups' are Palestinians
AIRCRAFT_AFTER_FIGHTER = {"jets", "jet", "planes", "plane", "aircraft", "bombers", "bomber", "squadron", "squadrons"}


@functools.cache
def _default_actors() -> ActorDictionary:
    return ActorDictionary.load(every_country=True)


_ACRONYM = re.compile(r"\b[A-Z]{2,3}\b")


def _dotted(text: str) -> str:
    """'US Africa Command' as newspapers print it: 'U.S. Africa Command'."""
    return _ACRONYM.sub(lambda m: ".".join(m.group(0)) + ".", text)


def _with_article(country: str) -> str:
    """ACLED writes 'Military Forces of the Philippines', '... of the Central African Republic'."""
    if country.startswith(("The ", "the ")):
        return country
    plural = country.endswith("s") and not country.endswith(("ss", "us", "Laos"))
    if plural or re.match(r"(?:United|Central|Democratic|Dominican|Czech|Republic|Gambia)\b", country) \
            or country.endswith(("Republic", "Islands", "Emirates", "Kingdom")):
        return f"the {country}"
    return country


@functools.cache
def country_adjectives() -> dict[str, tuple[str, str]]:
    """'Russian' → ('RU', 'Russia'), 'South Sudanese' → ('SS', 'South Sudan'), 'European' → ('', 'Europe'), from
    data/demonyms.tsv."""
    text = resources.files("sitrep").joinpath("data", "demonyms.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {row[0]: (row[1], row[2]) for row in rows[1:] if len(row) == 3}


# Peoples named as such in counts of the displaced ('36,000 Ethiopians have fled to Sudan', 'tens of thousands of
# Rohingya Muslims have fled Maungdaw'), beside the country adjectives' plurals (peoples_by_name).
ETHNIC_PEOPLES = ("Rohingya", "Yazidis", "Kurds", "Tutsis", "Hutus", "Hazaras", "Uyghurs", "Masalit", "Tigrayans",
                  "Amharas", "Muslims", "Christians")


def peoples_by_name() -> tuple[str, ...]:
    """Plural nouns for the people of a country ('Ethiopians', 'Iraqis', 'Sudanese') and ETHNIC_PEOPLES, longest
    first (for a regular expression's alternation)."""
    plurals = {adjective + "s" if adjective.endswith(("an", "i")) else adjective
               for adjective in country_adjectives() if adjective.endswith(("an", "i", "ese")) and " " not in adjective}
    return tuple(sorted(plurals | set(ETHNIC_PEOPLES), key=lambda word: (-len(word), word)))


def _country_names() -> dict[str, str]:
    """ISO code → English short name, from the packaged country points."""
    text = resources.files("sitrep").joinpath("data", "country_points.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {row[0]: row[3] for row in rows[1:] if len(row) >= 4}


# ---------------------------------------------------------------------------
# equipment
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EquipmentType:
    """One equipment entry.  ``generic`` marks class words ("tank");
    ``family`` links a model to its family entry ("BMP-2" -> "BMP")."""

    item: str
    category: str
    generic: bool
    aliases: tuple[str, ...]
    family: str | None = None


class EquipmentLexicon:
    """Surface form -> :class:`EquipmentType`.

    Matching is on a compact key (case, spaces, hyphens and dots ignored:
    "T-72" = "T72" = "t 72"), tolerates plurals and possessives ("T-72s",
    "T-62's", "technicals"), drops a trailing class word ("T-72 tanks" ->
    "T-72") and leading modifiers ("Russian T-90M" -> "T-90M")."""

    def __init__(self, records: Iterable[Mapping[str, Any]], *, head_words: Iterable[str] = ()) -> None:
        self._items: dict[str, EquipmentType] = {}
        self._index = _AliasIndex(_equipment_key)
        self._surface: list[tuple[str, bool]] = []
        self._surface_cache: dict[bool, list[tuple[str, bool]]] = {}
        self._heads = frozenset(_equipment_key(w, fold=True) for w in head_words)
        for rec in records:
            self._add(rec)
        for item in self._items.values():
            if item.family is not None and item.family not in self._items:
                raise ValueError(f"{item.item!r}: unknown family {item.family!r}")

    @classmethod
    def load(cls, path: Path | None = None) -> "EquipmentLexicon":
        """Load ``path`` or, by default, the packaged ``equipment.json``."""
        data = _read_json(path, "equipment.json")
        return cls(data["items"], head_words=data.get("head_words", []))

    @classmethod
    def default(cls) -> "EquipmentLexicon":
        """The packaged lexicon, loaded once per process."""
        return _default_equipment()

    def _add(self, rec: Mapping[str, Any]) -> None:
        if rec["category"] not in EQUIPMENT_CATEGORIES:
            raise ValueError(f"{rec['item']!r}: unknown category {rec['category']!r}")
        if rec["item"] in self._items:
            raise ValueError(f"duplicate equipment item {rec['item']!r}")
        aliases = [_parse_alias(a) for a in rec.get("aliases", [])]
        item = EquipmentType(
            item=rec["item"],
            category=rec["category"],
            generic=bool(rec.get("generic", False)),
            aliases=tuple(a.text for a in aliases),
            family=rec.get("family"),
        )
        self._items[item.item] = item
        for alias in [_Alias(item.item, case_sensitive=bool(rec.get("case_sensitive", False)))] + aliases:
            self._index.add(alias, item.item)
            self._surface.append((alias.text, alias.case_sensitive))

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[EquipmentType]:
        return iter(self._items.values())

    def by_item(self, item: str) -> EquipmentType:
        return self._items[item]

    def lookup(self, text: str) -> EquipmentType | None:
        words = _strip_accents(text).split()
        for start in range(len(words)):
            tail = words[start:]
            hit = self._match(tail) or self._match_without_head(tail)
            if hit:
                return hit
        return None

    def surface_forms(self) -> list[tuple[str, bool]]:
        return list(dict.fromkeys(self._surface))

    def _match_without_head(self, words: list[str]) -> EquipmentType | None:
        if len(words) < 2:
            return None
        last = _equipment_key(words[-1], fold=True)
        if last in self._heads or any(s in self._heads for s in _singulars(last)):
            return self._match(words[:-1])
        return None

    def _match(self, words: list[str]) -> EquipmentType | None:
        phrase = " ".join(words)
        exact, folded = _equipment_key(phrase, fold=False), _equipment_key(phrase, fold=True)
        if not folded:
            return None
        for e, f in zip((exact, *_singulars(exact)), (folded, *_singulars(folded))):
            name = self._index.find(e, f, None)
            if name:
                return self._items[name]
        return None


@functools.cache
def _default_equipment() -> EquipmentLexicon:
    return EquipmentLexicon.load()
