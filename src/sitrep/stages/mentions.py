"""mentions: actors, places, equipment and quantities, found by lexicon and gazetteer matching first and spaCy's
named entities second (the small model calls Palmyra a PERSON; the gazetteer knows better)."""
from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..lexicon_patterns import (AREA_WORDS, CANADIAN_PROVINCE_ABBREVIATIONS, FACILITY_HEADS, PLACE_ANAPHORS,
                                REGION_QUALIFIERS, SETTLEMENT_WORDS, SITE_PREFIXES, SITE_SUFFIXES, SUFFIX_FEATURES,
                                US_STATE_ABBREVIATIONS, VAGUE_QUANTITIES)
from ..lexicons import BACKING_PARTICIPLES, country_adjectives
from ..model import Document, Mention
from ..pipeline import Context, stage
from ..textnorm import fold

MONTHS_AND_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "spring", "summer",
    "autumn", "winter", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
# The Arabic article as transliterations write it before a hyphen ('al-Bab', 'Deir ez-Zor', 'Tell esh-Shihab').
ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "es", "ed", "er", "en", "et", "esh", "ech",
            "adh", "ath", "ul", "ud", "ut", "us", "ur", "uz", "ush"}
# Lower-case words that join the parts of one name: 'Jabal al-Tar', 'Ras al-Ain', 'Bab el-Oued', 'Isle of Man'.
CONNECTORS = ARTICLES | {"ibn", "bin", "bint", "de", "du", "da", "do", "dos", "das", "del", "della", "di", "la", "le",
                         "of", "-", "'", "’"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
MAX_NAME_TOKENS = 5
UNIT_NOUNS = ("units", "unit", "militants", "fighters", "forces", "troops", "soldiers", "militiamen", "militia",
              "militias", "army", "brigade", "brigades", "battalion", "battalions", "regiment", "regiments",
              "positions", "jets", "aircraft", "warplanes", "military", "officials", "commanders", "gunmen",
              "insurgents", "rebels", "jihadists", "personnel", "special forces", "navy", "air force", "police",
              "officers", "convoy", "division", "artillery", "drones", "helicopters", "columns", "column", "armour",
              "armor", "paratroopers", "marines", "commandos", "authorities", "government", "parliament", "leaders",
              "leadership", "president", "prime minister", "premier", "minister", "foreign minister",
              "defence minister", "defense minister", "king", "emir", "chancellor", "leader", "armed groups",
              "armed group", "guerrillas", "extremists")


HARDWARE_NOUNS = {"jets", "aircraft", "warplanes", "drones", "helicopters", "artillery", "armour", "armor", "convoy",
                  "columns", "column"}

BACKING_SUFFIXES = rf"(?:{'|'.join(BACKING_PARTICIPLES)})"
HYPHEN_SUFFIXES = rf"(?:held|controlled|led|occupied|run|{BACKING_SUFFIXES})"
# 'a Barbados-flagged carrier', 'a Dubai-based firm': a flag or a seat, not where anything happened
NOT_HERE_SUFFIXES = r"(?:flagged|registered|owned|based|born|made|built)"


def _trie_pattern(words: set[str]) -> str:
    """One regex for many words, factored by shared prefixes: far faster than a flat alternation of a thousand
    aliases, and greedy the same way (the longest alias at a position is tried first)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" in node:
            return f"(?:{group})?"
        return group

    return build(trie)


@cache
def _alias_regex(forms: tuple[tuple[str, bool], ...], case_sensitive: bool) -> re.Pattern | None:
    chosen = {text if case_sensitive else text.lower() for text, sensitive in forms if sensitive == case_sensitive}
    if not chosen:
        return None
    body = _trie_pattern(chosen)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w-])(?:{body})(?:'s|’s|s|es)?(?=$|[^\w-]|-{HYPHEN_SUFFIXES}\b)", flags)


def _find_aliases(text: str, forms: tuple[tuple[str, bool], ...]) -> list[tuple[int, int]]:
    spans = []
    for sensitive in (True, False):
        pattern = _alias_regex(forms, sensitive)
        if pattern is not None:
            spans.extend(m.span() for m in pattern.finditer(text))
    return spans


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def _starts_inside(span: tuple[int, int], names: list[tuple[int, int]]) -> bool:
    """'Syrian Army fighters' inside 'Free Syrian Army fighters': a nationality and unit that begin within a name the
    dictionary knows are that name's words, however long the unit phrase."""
    return any(start < span[0] < end for start, end in names)


def _keep_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if not _overlaps(start, end, kept):
            kept.append((start, end))
    return sorted(kept)


def _extend_actor(doc: Document, start: int, end: int) -> int:
    """'IS' + ' units' → the actor mention covers 'IS units' so the head noun is part of the span."""
    rest = doc.text[end:end + 20].lower()
    for noun in UNIT_NOUNS:
        if rest.startswith(" " + noun) and not rest[len(noun) + 1:len(noun) + 2].isalpha():
            return end + len(noun) + 1
    return end


# 'The group overran Nyala': a collective noun that refers back to the armed group the report is about.
COLLECTIVE_ANAPHOR = re.compile(r"\b[Tt]he\s+(?:[A-Za-z][\w-]*\s+)?"
                                r"(?:group|fighters|attackers|assailants|gunmen|movement|organi[sz]ation|alliance|militia)\b")


# 'Its fighters then moved on Kyaukme', 'their troops': the forces of the actor the previous sentence named.
POSSESSIVE_ANAPHOR = re.compile(r"\b(?:[Ii]ts|[Tt]heir)\s+(?:own\s+)?(?:fighters|troops|forces|units|men|militiamen|"
                                r"soldiers|militants|columns|gunmen|combatants)\b")


def _collective_anaphors(doc: Document, taken: list[tuple[int, int]]) -> list[Mention]:
    """'The group', 'its fighters'; not 'the militant group al-Shabaab', which names the group it speaks of."""
    kinds = ((COLLECTIVE_ANAPHOR, {"anaphor": True}), (POSSESSIVE_ANAPHOR, {"anaphor": True, "possessive": True}))
    name_starts = {start for start, _ in taken}
    return [Mention(match.group(), match.start(), match.end(), "actor", doc.sentence_index(match.start()),
                    attrs=dict(attrs))
            for pattern, attrs in kinds
            for match in pattern.finditer(doc.text) if not _overlaps(*match.span(), taken)
            and SPACES.match(doc.text, match.end()).end() not in name_starts]


SPACES = re.compile(r"[ \t]*")


def _names_an_area(text: str, start: int, end: int) -> bool:
    """'Anka local government area', 'a government-held area': the word names a kind of place, not who governs."""
    return bool(re.match(r"[\s-]+(?:area|areas|district|headquarters)\b", text[end:end + 16], re.I)) \
        and bool(re.search(r"\blocal\s+$", text[max(0, start - 8):start], re.I))


def _capitalised_word_before(doc: Document, start: int) -> re.Match | None:
    """The capitalised word (and the space after it) right before `start` on the same line, if any: a headline's
    last word is not the first word of the name that opens the next paragraph."""
    return re.search(r"([A-Z][\w'’-]*)[ \t]+$", doc.text[max(0, start - 40):start])


def _demonym_before(doc: Document, start: int, actors) -> int:
    """'Ukrainian troops' when the parser did not see 'Ukrainian' as a nationality: the mention starts there."""
    previous = _capitalised_word_before(doc, start)
    if previous is not None and actors.is_demonym(previous.group(1)):
        return start - len(previous.group(0))
    return start


def _tail_of_unknown_name(doc: Document, start: int, end: int, actors) -> bool:
    """'Arakan Army', 'Kachin Independence Army': a generic word ending a name the dictionary does not know is
    that group, not the state's army ('Russian-backed government forces' are no name: the word before is a patron)."""
    previous = _capitalised_word_before(doc, start)
    if previous is None or previous.group(1) in {"The", "A", "An"} or previous.group(1).lower() in MONTHS_AND_DAYS \
            or PATRON_WORD.search(previous.group(1)):
        return False
    return actors.generic_role(doc.text[start:end]) is not None


def find_actor_mentions(doc: Document, ctx: Context) -> list[Mention]:
    actors = ctx.actors
    names = _find_aliases(doc.text, tuple(actors.surface_forms()))
    spans = names + [span for span in _demonym_units(doc, actors) if not _starts_inside(span, names)]
    mentions = []
    for start, end in _keep_longest(spans):
        start = _demonym_before(doc, start, actors)
        if _tail_of_unknown_name(doc, start, end, actors) or _names_an_area(doc.text, start, end):
            continue
        end = _extend_actor(doc, start, end)
        text = doc.text[start:end]
        mentions.append(Mention(text, start, end, "actor", doc.sentence_index(start)))
    taken = [(m.start, m.end) for m in mentions]
    mentions += [m for m in _demonym_actors(doc, actors) if not _overlaps(m.start, m.end, taken)]
    taken = [(m.start, m.end) for m in mentions]
    mentions += [m for m in _coordinated_demonyms(doc, actors) if not _overlaps(m.start, m.end, taken)]
    taken = [(m.start, m.end) for m in mentions]
    mentions += unknown_groups(doc, actors, taken)
    taken = [(m.start, m.end) for m in mentions]
    mentions += [m for m in _loyal_to(doc, actors) if not _overlaps(m.start, m.end, taken)]
    taken = [(m.start, m.end) for m in mentions]
    mentions += _collective_anaphors(doc, taken)
    mentions = _without_backers(doc, mentions)
    _mark_descriptors(doc, mentions)
    return sorted(mentions, key=lambda m: m.start)


BACKER_BEFORE_NAME = re.compile(rf"-{HYPHEN_SUFFIXES}[ \t]+")
PATRON_WORD = re.compile(rf"-{BACKING_SUFFIXES}$")  # 'Turkish-backed', 'Moscow-aligned'


def _without_backers(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """'Al-Qaeda-linked JNIM fighters': the group the hyphen qualifies is the actor, not its patron."""
    starts = {m.start for m in mentions}
    return [m for m in mentions
            if not ((after := BACKER_BEFORE_NAME.match(doc.text, m.end)) and after.end() in starts)]


# 'The al Qaeda-linked group', 'Islamic State-inspired militants', 'an al Qaeda affiliate', 'Islamic State's branch
# in Mozambique': a group named to say what another is; the act is that other's, the group the report is about.
DESCRIBED_GROUP = r"(?:group|movement|organi[sz]ation|militia|faction|outfit|network|militants|fighters|insurgents|" \
    r"jihadists|rebels|extremists|gunmen)"
DESCRIBING_AFTER = re.compile(rf"(?:-(?:{BACKING_SUFFIXES}|inspired)[ \t]+(?:[\w-]+[ \t]+)?{DESCRIBED_GROUP}|"
                              r"[ \t]+(?:affiliate|offshoot|franchise)|['’]s[ \t]+(?:branch|affiliate|offshoot|"
                              r"franchise|province)[ \t]+in)\b")


def _mark_descriptors(doc: Document, mentions: list[Mention]) -> None:
    """A group named only to describe another stands for the group the report is about (resolved like 'the group';
    where the report names none before, for itself)."""
    for mention in mentions:
        if mention.type == "actor" and DESCRIBING_AFTER.match(doc.text, mention.end):
            mention.attrs.update(anaphor=True, descriptor=True)


LOYAL_TO = re.compile(r"\b(?:those|forces|troops|fighters|units)\s+loyal\s+to\s+((?:[A-Z][\w'’.-]*\s?){1,5})")


def _loyal_to(doc: Document, actors) -> list[Mention]:
    """'those loyal to First Vice-President Riek Machar': forces loyal to a leader the dictionary knows by name, with
    or without the title written before it."""
    out = []
    for match in LOYAL_TO.finditer(doc.text):
        words = match.group(1).split()
        for first in range(len(words)):
            name = " ".join(words[first:])
            if actors.lookup(f"forces loyal to {name}") is not None:
                end = match.start(1) + len(match.group(1).rstrip())
                out.append(Mention(doc.text[match.start():end], match.start(), end, "actor",
                                   doc.sentence_index(match.start()), attrs={"lookup": f"forces loyal to {name}"}))
                break
    return out


# Names the dictionary does not know but that are plainly armed groups: a run of capitalised words ending in a head
# that names a fighting body ('Revolutionary United Front', 'Lord's Resistance Army', 'Gulf Clan').
GROUP_HEADS = {"Front", "Army", "Forces", "Force", "Brigade", "Brigades", "Militia", "Militias", "Battalion",
               "Battalions", "Corps", "Guard", "Guards", "Resistance", "Mujahideen", "Legion", "Cartel", "Gang", "Tigers",
               "Commandos", "Clan", "Regiment"}
# Heads that name armed groups only with an armed word in the name ('Sudan Liberation Movement', not 'Movement for
# Democratic Change'; 'Islamic Courts Union', not 'European Union').
LOOSE_HEADS = {"Movement", "Alliance", "Council", "Group", "Organisation", "Organization", "Union", "Coalition",
               "Committee", "Committees", "Network"}
ARMED_WORDS = {"Liberation", "Revolutionary", "Armed", "Islamic", "Resistance", "Jihad", "Jihadist", "Mujahideen",
               "Defence", "Defense", "Salvation", "Patriotic", "Militia", "Military", "Insurgent", "Rebel", "Fighters",
               "Courts", "Popular", "Self-Defence", "Self-Defense"}
CONNECTOR = r"(?:of|for|in|and|de|del|des|du|la|al|el|wal)(?:[ \t]+the)?"
CAPITALISED = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’-]*|al-[A-Z][\w'’-]*)"
GROUP_NAME = re.compile(rf"{CAPITALISED}(?:[ \t]+(?:{CONNECTOR}[ \t]+)?{CAPITALISED})+")
# A state's own institutions and a unit of an army ('217th Pamir Corps', 'Parachute Regiment') are not armed groups.
STATE_INSTITUTION = re.compile(r"\b(?:Armed Forces|National Guard|National Army|National Police|Air Force|Navy|"
                               r"Police Force)\b")
UNIT_WORDS = {"Parachute", "Infantry", "Armoured", "Armored", "Mechanised", "Mechanized", "Airborne", "Marine",
              "Marines", "Artillery", "Commando", "Rifles", "Cavalry", "Tank", "Motorised", "Motorized", "Mountain",
              "Engineer", "Signals", "Logistics", "Support"}
MILITARY_UNIT_HEADS = {"Corps", "Regiment", "Battalion", "Battalions", "Brigade", "Brigades", "Division", "Guards"}
LEADING_NOISE = re.compile(r"^(?:(?:The|A|An|In|On|At|By|As|After|Before|When|While|Its|Their|His|Her|Both|Rebel|"
                           r"Fighters|Militants|Members|Troops|Soldiers|Units|Rebels|Gunmen|Elements|Leaders?|"
                           r"Commanders?|Men|Forces)\s+(?:(?:of|from|loyal to)\s+)?(?:the\s+)?)+")
GENERIC_WORDS = {"Government", "Security", "Armed", "Air", "Police", "Special", "Task", "State", "Joint", "National",
                 "Federal", "Rapid", "Border", "Republican", "Presidential", "Coalition", "Allied", "Regional",
                 "Military", "Defence", "Defense", "Ground", "Naval", "Peacekeeping", "Interim", "Islamist"}
ROLE_WORDS = GENERIC_WORDS | GROUP_HEADS | LOOSE_HEADS  # words that name a role, not one group
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z0-9-]{1,7})\)")
LEADING_PATRON = re.compile(rf"(?:(?P<country>[A-Z][\w-]*(?:[ \t][A-Z][\w-]*)?)['’]s|(?P<backer>[A-Z][\w'’-]*-"
                            rf"{BACKING_SUFFIXES}))[ \t]+")


@cache
def _country_names() -> frozenset[str]:
    return frozenset(country for _, country in country_adjectives().values())


def _group_name(text: str, actors, before: str = "") -> tuple[int, str] | None:
    """(offset into text, name) when ``text`` is an unknown armed group's name."""
    noise = LEADING_NOISE.match(text)
    offset = noise.end() if noise else 0
    patron = LEADING_PATRON.match(text, offset)  # "Yemen's Giants Brigades", 'Turkish-backed Hamza Brigade'
    if patron is not None and (patron.group("backer") or patron.group("country") in _country_names()):
        offset = patron.end()
    name = text[offset:]
    words = name.split()
    if len(words) < 2 or actors.lookup(name) is not None or actors.is_demonym(words[0]) \
            or re.search(r"['’]s$", words[0]) or STATE_INSTITUTION.search(name):
        return None  # 'ELN's Northeastern War Front' is the ELN's; 'Bolivarian National Guard' a state's
    if words[-1] in MILITARY_UNIT_HEADS and (UNIT_WORDS & set(words) or re.search(r"\d(?:st|nd|rd|th)\s+$",
                                                                                  before)):
        return None
    capitalised = [w for w in words if w[:1].isupper()]
    if all(w in ROLE_WORDS for w in capitalised):
        return None  # 'Armed Forces', 'Joint Task Force', 'Security Council': a role, not a name
    if _joins_a_role(words):
        return None  # 'from Muhamalai and Task Force 1': a place and a unit, not one name
    heads = [words[-1]] + ([words[0]] if words[1] in {"of", "for"} else [])  # 'Front for the Liberation of ...'
    if any(head in GROUP_HEADS or head in LOOSE_HEADS and ARMED_WORDS & set(words) for head in heads):
        return offset, name
    return None


def _joins_a_role(words: list[str]) -> bool:
    """'Muhamalai and Task Force': 'and' before a bare role joins two things ('Justice and Equality Movement' is
    one name: its last part is not a role alone)."""
    if "and" not in words[1:-1]:
        return False
    after = words[words.index("and") + 1:]
    return all(w in ROLE_WORDS for w in after)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())


def unknown_groups(doc: Document, actors, taken: list[tuple[int, int]]) -> list[Mention]:
    """Armed groups the dictionary does not know, named as ACLED names them ('RUF: Revolutionary United Front' when
    the report gives the acronym), with the acronym's later mentions; each mention's ``adhoc`` attribute is the name."""
    found: list[tuple[int, int, str]] = []
    acronyms: dict[str, str] = {}
    for match in GROUP_NAME.finditer(doc.text):
        named = _group_name(match.group(), actors, doc.text[max(0, match.start() - 12):match.start()])
        if named is None:
            continue
        start = match.start() + named[0]
        end = start + len(named[1])
        if _overlaps(start, end, taken):
            continue
        after = ACRONYM_AFTER.match(doc.text, end)
        acronym = after.group(1) if after else None
        if acronym is None and len(_initials(named[1])) >= 2 and re.search(
                rf"(?<![\w-]){re.escape(_initials(named[1]))}(?![\w-])", doc.text):
            acronym = _initials(named[1])
        full = f"{acronym}: {named[1]}" if acronym else named[1]
        found.append((start, end, full))
        if acronym:
            acronyms.setdefault(acronym, full)
    for acronym, full in acronyms.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", doc.text):
            if not any(s <= match.start() < e for s, e, _ in found):
                found.append((match.start(), match.end(), full))
    mentions = []
    for start, end, full in sorted(found):
        if _overlaps(start, end, taken + [(m.start, m.end) for m in mentions]):
            continue
        end = _extend_actor(doc, start, end)
        mentions.append(Mention(doc.text[start:end], start, end, "actor", doc.sentence_index(start),
                                attrs={"adhoc": full}))
    return mentions


def _coordinated_demonyms(doc: Document, actors) -> list[Mention]:
    """'Armenian and Azerbaijani forces', 'Ethiopian, Eritrean and Amhara troops': every nationality before the
    shared unit noun names its own forces, not only the last one."""
    out = []
    nouns = "|".join(re.escape(noun) for noun in sorted(UNIT_NOUNS, key=len, reverse=True))
    for ent in _nationality_entities(doc, actors):
        rest = doc.text[ent.end_char:ent.end_char + 80]
        match = re.match(rf"(?:,\s+[A-Z][\w'’-]*)*,?\s+(?:and|or)\s+([A-Z][\w'’-]*)\s+(?:{nouns})\b", rest, re.I)
        if match and actors.is_demonym(match.group(1)) and actors.is_demonym(ent.text):
            noun = doc.text[ent.end_char + match.end(1):ent.end_char + match.end()].strip()
            out.append(Mention(ent.text, ent.start_char, ent.end_char, "actor", doc.sentence_index(ent.start_char),
                               attrs={"lookup": f"{ent.text} {noun}"}))
    return out


VIOLENCE_NOUNS = ("shelling", "airstrike", "airstrikes", "air strike", "air strikes", "strike", "strikes", "artillery",
                  "jets", "warplanes", "drones", "drone", "missile", "missiles", "rockets", "rocket", "bombardment",
                  "bombing", "offensive", "attack", "attacks", "assault", "counteroffensive", "advance", "gunfire",
                  "fire", "mortar", "tanks", "helicopters", "aircraft", "raid", "raids", "bomb", "bombs", "shells",
                  "munitions", "jet", "warplane", "plane", "planes", "helicopter", "tank", "fighter jet", "armoured",
                  "shell", "barrage", "salvo", "salvos",
                  "armored", "vehicles", "vehicle", "howitzers", "howitzer", "warships", "warship", "gunboats")


def _demonym_actors(doc: Document, actors) -> list[Mention]:
    """'Russian shelling', 'Turkish drones', 'Israeli airstrikes': the nationality names the state forces."""
    out = []
    for ent in _nationality_entities(doc, actors):
        if not actors.is_demonym(ent.text):
            continue  # 'advanced on Kidal after air strikes': a town the parser took for a nationality
        rest = doc.text[ent.end_char:ent.end_char + 40].lower()
        # a model name may stand between: 'Armenian T-72 tanks', 'Russian Su-25 jets'
        if any(re.match(rf"\s+(?:(?:\w+|[\w/-]*\d[\w/-]*)\s+)?{re.escape(noun)}\b", rest) for noun in VIOLENCE_NOUNS):
            mention = Mention(doc.text[ent.start_char:ent.end_char], ent.start_char, ent.end_char, "actor",
                              doc.sentence_index(ent.start_char), attrs={"lookup": f"{ent.text} forces"})
            out.append(mention)
    return out


def _nationality_entities(doc: Document, actors) -> list:
    """NORP entities, and nationality words the parser labelled otherwise ('Ukrainian' as a GPE); found once per
    parse (several readers ask)."""
    cached = doc.spacy_doc.user_data.get("nationality_entities")
    if cached is not None:
        return cached
    found, covered = [], set()
    for ent in doc.spacy_doc.ents:
        if actors.is_demonym(ent.text) or ent.label_ == "NORP" and not _names_a_model(doc, ent):
            covered.update(range(ent.start, ent.end))
            found.append(ent)
    for token in doc.spacy_doc:  # 'Somali forces' where the small model saw no entity
        if token.i not in covered and token.text[:1].isupper() and actors.is_demonym(token.text):
            found.append(token.doc[token.i:token.i + 1])
    doc.spacy_doc.user_data["nationality_entities"] = found
    return found


def _names_a_model(doc: Document, ent) -> bool:
    """'Shahed drones', 'Grad rockets': a model name before a hardware noun that the parser took for a nationality."""
    words = re.findall(r"[\w/-]+", doc.text[ent.end_char:ent.end_char + 30].lower())[:2]
    return any(word in HARDWARE_NOUNS | {"rockets", "missiles", "tanks"} for word in words)


_UNIT_ALTERNATION = "|".join(re.escape(noun) for noun in sorted(UNIT_NOUNS, key=len, reverse=True))
# A unit noun that begins the name of a vehicle or weapon ('armoured personnel carriers', 'army trucks') is not one.
_NOT_EQUIPMENT = r"(?!\s+(?:carriers?|vehicles?|trucks?|helicopters?|boats?)\b)"
UNIT_NOUN_NEXT = re.compile(rf"\s+(?P<noun>{_UNIT_ALTERNATION})\b{_NOT_EQUIPMENT}")
UNIT_NOUN_AFTER = re.compile(rf"\s+\w+\s+(?P<noun>{_UNIT_ALTERNATION})\b{_NOT_EQUIPMENT}")


def _demonym_units(doc: Document, actors) -> list[tuple[int, int]]:
    """'Iraqi militiamen', 'Russian military officials', 'Turkish troops': a NORP followed by a unit noun."""
    spans = []
    for ent in _nationality_entities(doc, actors):
        rest = doc.text[ent.end_char:ent.end_char + 40].lower()
        matches = [m for m in (UNIT_NOUN_AFTER.match(rest), UNIT_NOUN_NEXT.match(rest)) if m is not None]
        if matches:  # the longest unit noun, right after the nationality or one word later
            match = max(matches, key=lambda m: len(m.group("noun")))
            spans.append((ent.start_char, ent.end_char + match.end()))
    return spans


def _names_a_unit(text: str, end: int) -> bool:
    """'the SAM battalions', 'a tank brigade': a weapon word naming a unit, not a piece of equipment."""
    return bool(re.match(r"\s+(?:battalions?|brigades?|regiments?|units?|divisions?|companies|company|crews?|"
                         r"teams?|operators?|squadrons?|corps|sites?|positions?)\b", text[end:end + 20], re.I))


def find_equipment_mentions(doc: Document, ctx: Context, taken: list[tuple[int, int]]) -> list[Mention]:
    lexicon = ctx.equipment
    mentions = []
    forms = tuple(lexicon.surface_forms())
    free = []
    for start, end in _find_aliases(doc.text, forms):
        if not _overlaps(start, end, taken):
            free.append((start, end))
            continue
        rest = max(t_end for t_start, t_end in taken if start < t_end and t_start < end)
        # 'army trucks' with 'army' an actor: the trucks after it are still equipment
        free += [(rest + a, rest + b) for a, b in _find_aliases(doc.text[rest:end], forms) if b == end - rest]
    for start, end in _keep_longest(free):
        if _names_a_unit(doc.text, end) or _a_place_by_that_name(doc.text, start, end) \
                or SUICIDE_BEFORE.search(doc.text, max(0, start - 12), start):
            continue  # 'suicide bombers' are people, not bomber aircraft
        text = doc.text[start:end]
        kind = lexicon.lookup(text)
        if kind is None:
            continue
        mentions.append(Mention(text, start, end, "equipment", doc.sentence_index(start), canonical=kind.item,
                                attrs={"category": kind.category, "generic": kind.generic}))
    return _join_named_with_head(doc, mentions, lexicon)


SUICIDE_BEFORE = re.compile(r"\bsuicide[ \t-]+\Z", re.I)
PLACE_AFTER_NAME = re.compile(r"\s+(?:local government area|LGA|district|province|state|town|village|city|county|"
                              r"region|governorate|oblast)\b", re.I)


def _a_place_by_that_name(text: str, start: int, end: int) -> bool:
    """'in Anka local government area', 'near Anka': one capitalised word that names a model of drone or tank but
    stands where a place does (after 'in', 'near' ..., or before 'district', 'town' ...)."""
    word = text[start:end]
    if " " in word or not word[:1].isupper() or HARDWARE_AFTER_NAME.match(text, end):
        return False  # 'in Bayraktar drones', 'near Grad launchers': the model after all
    return bool(re.search(r"\b(?:in|near|at|outside|around|to|from|towards?)\s+$", text[max(0, start - 12):start])) \
        or bool(PLACE_AFTER_NAME.match(text, end))


HARDWARE_AFTER_NAME = re.compile(r"[\s-]+(?:\w+\s+)?(?:rockets?|missiles?|drones?|tanks?|launchers?|systems?|jets?|"
                                 r"helicopters?|aircraft|vehicles?|howitzers?|guns?|UAVs?)\b", re.I)


def _join_named_with_head(doc: Document, mentions: list[Mention], lexicon) -> list[Mention]:
    """'three T-72 tanks', 'two BMP-1 infantry fighting vehicles': the model and its kind are one item, counted
    once."""
    out: list[Mention] = []
    for mention in mentions:
        previous = out[-1] if out else None
        if previous is not None and not previous.attrs.get("generic") and mention.attrs.get("generic") \
                and (doc.text[previous.end:mention.start].isspace() or _model_of(doc, previous, mention)):
            joined = doc.text[previous.start:mention.end]
            kind = lexicon.lookup(joined)
            same_kind = kind is not None and kind.item == previous.canonical
            if same_kind or mention.attrs.get("category") in {previous.attrs.get("category"), "other"}:
                out[-1] = Mention(joined, previous.start, mention.end, "equipment", previous.sentence,
                                  canonical=previous.canonical, attrs=dict(previous.attrs))
                continue
        out.append(mention)
    return out


def _model_of(doc: Document, model: Mention, kind: Mention) -> bool:
    """'two BMD-2 airborne combat vehicles': a model name whose noun, a few descriptive words later, is the kind."""
    if not re.fullmatch(r"(?:\s+[a-z][\w-]*){1,3}\s+", doc.text[model.end:kind.start]) \
            or re.search(r"\b(?:and|or|with|of)\b", doc.text[model.end:kind.start]):
        return False
    model_span = doc.spacy_doc.char_span(model.start, model.end, alignment_mode="expand")
    kind_span = doc.spacy_doc.char_span(kind.start, kind.end, alignment_mode="expand")
    return model_span is not None and kind_span is not None and model_span.root.head == kind_span.root \
        and model_span.root.dep_ in {"compound", "amod", "nmod", "nummod"}


# ---- places ------------------------------------------------------------------------------------------------------

def _is_name_token(token) -> bool:
    text = token.text
    if text.lower().rstrip(".") in MONTHS_AND_DAYS:
        return False  # 'on Nov. 9', 'Sept.'
    if token.is_sent_start and not token.ent_type_ and token.i + 1 < len(token.doc) \
            and token.nbor(1).ent_type_ == "NORP":
        return False  # 'Young Algerians blocked roads': an adjective capitalised by the sentence, not a town
    if token.pos_ == "PROPN" or token.ent_type_ in PLACE_ENTS:
        return text[:1].isupper() or text[:1].isdigit()
    if token.is_sent_start:
        return False
    return text[:1].isupper() and token.pos_ in {"NOUN", "ADJ", "X", "NUM", "PROPN", "VERB"}


def _name_runs(sent) -> list[tuple[int, int]]:
    """Token index ranges of capitalised names, joined across connectors such as 'al-' and 'of'."""
    runs, start = [], None
    tokens = list(sent)
    for i, token in enumerate(tokens):
        inside = start is not None
        if _is_name_token(token):
            start = i if start is None else start
            if start == i and i >= 2 and tokens[i - 1].text == "-" and tokens[i - 2].lower_ in ARTICLES:
                start = i - 2  # 'al-Bab' is tokenised 'al', '-', 'Bab'
        elif inside and token.text in CONNECTORS and i + 1 < len(tokens) and _is_name_token(tokens[i + 1]):
            continue
        elif inside and _of_the_before_name(tokens, i):
            continue  # 'Democratic Republic of the Congo', 'Islamic Republic of the Gambia'
        elif inside and _hyphenated_article(tokens, i):
            continue  # 'Maarat al-Numan': the article and its hyphen join the name
        elif inside and _hyphenated_particle(tokens, i):
            continue  # 'Port-au-Prince', 'Croix-des-Bouquets', 'Stratford-upon-Avon'
        elif inside:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(tokens)))
    return [(tokens[a].i, tokens[b - 1].i + 1) for a, b in runs]


def _of_the_before_name(tokens, i: int) -> bool:
    """Token i is 'of' or 'the' of 'of the' between two parts of one name."""
    if tokens[i].lower_ == "of":
        return i + 2 < len(tokens) and tokens[i + 1].lower_ == "the" and _is_name_token(tokens[i + 2])
    return tokens[i].lower_ == "the" and i >= 1 and tokens[i - 1].lower_ == "of" \
        and i + 1 < len(tokens) and _is_name_token(tokens[i + 1])


def _hyphenated_article(tokens, i: int) -> bool:
    """Token i is 'al' (or its hyphen) of 'al-Numan' inside a longer name."""
    if tokens[i].lower_ in ARTICLES:
        return i + 2 < len(tokens) and tokens[i + 1].text == "-" and _is_name_token(tokens[i + 2])
    return tokens[i].text == "-" and i >= 1 and tokens[i - 1].lower_ in ARTICLES \
        and i + 1 < len(tokens) and _is_name_token(tokens[i + 1])


def _hyphenated_particle(tokens, i: int) -> bool:
    """Token i is a hyphen or the lower-case word between two hyphens that join one name ('Port-au-Prince'),
    written without spaces."""
    def joined(j: int) -> bool:  # tokens j-1, j, j+1, j+2 are '-', word, '-', Name with nothing between them
        return 1 <= j and j + 2 < len(tokens) and tokens[j - 1].text == "-" and tokens[j].is_lower \
            and tokens[j + 1].text == "-" and _is_name_token(tokens[j + 2]) \
            and not any(t.whitespace_ for t in tokens[j - 2:j + 2])
    if tokens[i].text == "-":
        return joined(i + 1) or (i >= 1 and joined(i - 1))
    return joined(i)


NOT_SITE_NAMES = {"the", "this", "that", "a", "an", "each", "every", "its", "their", "his", "her", "one", "another",
                  "same", "nearby", "border", "key", "strategic", "northern", "southern", "eastern", "western",
                  "central", "small", "large", "frontline", "front-line", "rebel-held", "government-held"}


def _site_phrases(doc: Document, actors) -> list[tuple[int, int, str]]:
    """'T4 Airbase', 'Jabal al-Tar', 'Maher and Sha'er gas fields' (→ each field), 'Tiyas village'."""
    article = rf"(?:(?-i:{'|'.join(sorted(ARTICLES, key=len, reverse=True))})-)?"
    name = rf"(?:{article}(?-i:[A-Z0-9])[\w'’\-]*(?:\s+{article}(?-i:[A-Z0-9])[\w'’\-]*){{0,3}})"
    suffixes = "|".join(re.escape(s) for s in sorted(SITE_SUFFIXES + ("village", "town"), key=len, reverse=True))
    found = []
    pattern = re.compile(rf"\b({name})((?:\s*,\s*{name})*\s+and\s+{name})?\s+({suffixes})\b", re.IGNORECASE)
    for match in pattern.finditer(doc.text):
        last = match.group(1).split()[-1]
        if last.lower() in NOT_SITE_NAMES or actors.is_demonym(last):
            continue  # 'The town', 'This village', 'Nigerian town': a description, not a name
        suffix = match.group(3)
        singular = re.sub(r"s$", "", suffix) if suffix.lower().endswith(("fields", "hills")) else suffix
        end = match.end(1) if match.group(2) else match.end()
        start, first = _without_leading_function_words(doc.text, match.start(1), match.end(1))
        if start >= match.end(1):
            continue
        found.append((start, end, f"{first} {singular}"))
        if match.group(2):
            for part in re.finditer(name, match.group(2)):
                offset = match.start(2) + part.start()
                found.append((offset, offset + len(part.group(0)), f"{part.group(0)} {singular}"))
    joined = rf"{name}(?:\s+(?-i:da|de|do|dos|das|del|di|du|la|le|el|al|ibn|bin)\s+{name})*"
    for match in re.finditer(rf"\b(?:village|town|city|hamlet|locality|settlement|commune|suburb)\s+of\s+({joined})",
                             doc.text):
        found.append((match.start(1), match.end(1), match.group(1)))  # 'the nearby village of Munyenge'
    prefixes = "|".join(re.escape(p) for p in SITE_PREFIXES)
    for match in re.finditer(rf"\b(?:{prefixes})\s+{name}", doc.text, re.IGNORECASE):
        if match.group(0)[:1].isupper():
            found.append((match.start(), match.end(), match.group(0)))
    return found


LEADING_FUNCTION_WORDS = {"in", "at", "on", "near", "from", "by", "for", "with", "to", "into", "of", "and", "outside",
                          "around", "across", "after", "before", "during", "since", "inside", "towards", "toward"}


def _without_leading_function_words(text: str, start: int, end: int) -> tuple[int, str]:
    """'In Al Sireha village' at the start of a sentence: the name is 'Al Sireha'."""
    while True:
        word = re.match(r"\S+\s+", text[start:end])
        if word is None or word.group(0).strip().lower() not in LEADING_FUNCTION_WORDS:
            return start, text[start:end]
        start += word.end()


def _feature_hint(text: str) -> str | None:
    lower = text.lower()
    for suffix, feature in sorted(SUFFIX_FEATURES.items(), key=lambda kv: -len(kv[0])):
        if lower.endswith(suffix):
            return feature
    if lower.split(" ")[0] in {"jabal", "jebel", "jbel", "mount", "mt.", "tal", "tell"}:
        return "hill"
    return None


def _place_mention(doc: Document, start: int, end: int, candidates, *, lookup_name: str | None = None) -> Mention:
    text = doc.text[start:end]
    attrs = {"candidates": candidates, "lookup": lookup_name or text}
    hint = _feature_hint(lookup_name or text)
    if hint:
        attrs["feature_hint"] = hint
    return Mention(text, start, end, "place", doc.sentence_index(start), attrs=attrs)


def _lookup_site(gazetteer, phrase: str):
    found = gazetteer.lookup(phrase)
    if found:
        return found
    words = phrase.split()
    last = words[-1].lower()
    if last in SETTLEMENT_WORDS and len(words) > 1:
        return gazetteer.lookup(" ".join(words[:-1]))
    return []


def find_place_mentions(doc: Document, ctx: Context, taken: list[tuple[int, int]]) -> list[Mention]:
    gazetteer = ctx.gazetteer
    mentions: list[Mention] = []
    claimed = list(taken)
    for start, end, phrase in sorted(_site_phrases(doc, ctx.actors), key=lambda s: -(s[1] - s[0])):
        if _overlaps(start, end, claimed):
            continue
        written = doc.text[start:end]
        plural = written != phrase and len(written.split()) == len(phrase.split())
        whole = gazetteer.lookup(written) if plural and _plausible_name(written) else []
        if whole:  # 'Beverly Hills', 'Blue Springs': the whole name is a known place, not a hill called 'Beverly'
            mention = _place_mention(doc, start, end, whole)
        else:
            mention = _place_mention(doc, start, end, _lookup_site(gazetteer, phrase), lookup_name=phrase)
        candidates = mention.attrs["candidates"]
        if not candidates:
            mention.attrs["unlisted_site"] = True  # a named site the gazetteer lacks: placed near the report's places
        mentions.append(mention)
        claimed.append((start, end))
    for start, end, candidates in _possessive_names(doc, gazetteer):
        if not _overlaps(start, end, claimed):
            mentions.append(_place_mention(doc, start, end, candidates))
            claimed.append((start, end))
    claimed += [match.span() for match in NAMESAKE_BUILDING.finditer(doc.text)]
    for sent in doc.spacy_doc.sents:
        for run_start, run_end in _name_runs(sent):
            mentions.extend(_match_run(doc, gazetteer, run_start, run_end, claimed))
    mentions.extend(_province_abbreviations(doc, gazetteer, claimed))
    mentions.extend(_anaphors(doc, claimed))
    mentions.extend(_unresolved_entities(doc, gazetteer, claimed))
    mentions.extend(_names_after_locatives(doc, claimed))
    mentions.extend(_repeated_names(doc, mentions, claimed))
    mentions.extend(_capitals_named_by_country(doc, gazetteer))
    mentions = [m for m in mentions if not _names_a_backer(doc, m)
                and not NAMED_PERSON.search(doc.text[max(0, m.start - 30):m.start])
                and not NAMED_VESSEL.search(doc.text[max(0, m.start - 30):m.start])]
    for mention in mentions:
        if "." in mention.text and mention.text in US_STATE_ABBREVIATIONS:  # 'Va.' is Virginia, not Wa, Ghana
            state = US_STATE_ABBREVIATIONS[mention.text]
            mention.attrs["candidates"] = [p for p in gazetteer.lookup(state)
                                           if p.feature_type == "admin1" and p.country_code == "US"]
            mention.attrs.pop("sound_match", None)
    for mention in mentions:
        _area_by_its_town(mention, gazetteer)
    dateline = dateline_end(doc.text)
    for mention in mentions:
        if mention.end <= dateline:
            mention.attrs["dateline"] = True  # where the reporter filed from, not where anything happened
    return mentions


POSSESSIVE_NAME = re.compile(r"\b[A-Z][\w.-]*(?:[ \t][A-Z][\w.-]*)?['’]s[ \t][A-Z][\w-]*(?:[ \t][A-Z][\w-]*)?")


# "St. Anthony's Shrine", "St Mary's Hospital", "Paddy's Pub": the saint or owner a building is named after is no place.
NAMESAKE_BUILDING = re.compile(r"\b(?:St\.?[ \t]+)?[A-Z][\w-]*['’]s[ \t](?=(?:Church|Shrine|Cathedral|Chapel|Basilica|"
                               r"Mosque|Hospital|School|College|University|Market|Hotel|Pub|Club|Bar|Cafe|Restaurant)\b)")


def _possessive_names(doc: Document, gazetteer) -> list[tuple[int, int, list]]:
    """"Cox's Bazar", "Martha's Vineyard": a place whose name has a possessive in it, when the gazetteer has the
    whole name ('Mosul's Grand al-Nuri Mosque' is two places)."""
    found = []
    for match in POSSESSIVE_NAME.finditer(doc.text):
        name = match.group()
        for end in (match.end(), match.start() + len(name.rsplit(None, 1)[0])):
            candidates = gazetteer.lookup(doc.text[match.start():end])
            if candidates and "'" not in doc.text[end - 2:end]:
                found.append((match.start(), end, candidates))
                break
    return found


TOWN_NAMED_AREAS = {"District", "Province", "Region", "Governorate", "Oblast", "Prefecture", "Department"}
AREA_SUFFIX = re.compile(r"^(?P<name>.+?)\s+(?:District|Province|Region|State|County|Governorate|Oblast|Prefecture|"
                         r"Department|Municipality|Division)$")


def _area_by_its_town(mention: Mention, gazetteer) -> None:
    """'Ampara District', 'Kandy District': an area the gazetteer does not list by that name, found by the name it
    shares with its province or its main town (a point inside it: the event is placed to the area, not the town)."""
    match = AREA_SUFFIX.match(mention.text)
    if mention.attrs.get("candidates") or match is None or mention.attrs.get("anaphor"):
        return
    found = gazetteer.lookup(match.group("name"))
    areas = [p for p in found if p.feature_type == "admin1"]
    towns = [p for p in found if p.feature_type == "populated_place"]
    if areas or towns:
        mention.attrs["candidates"] = areas or towns
        mention.attrs["feature_hint"] = "admin1" if areas else mention.attrs.get("feature_hint")
        mention.attrs["area_by_town"] = not areas


PROVINCE_ABBREVIATION = re.compile(
    rf"(?<![\w.])({'|'.join(re.escape(a) for a in sorted(CANADIAN_PROVINCE_ABBREVIATIONS, key=len, reverse=True))})"
    r"(?![\w])")


def _province_abbreviations(doc: Document, gazetteer, claimed) -> list[Mention]:
    """'Nelson, B.C.', 'FrontCounter BC': a Canadian province by its abbreviation (not '500 BC')."""
    out = []
    for match in PROVINCE_ABBREVIATION.finditer(doc.text):
        start, end = match.span()
        if _overlaps(start, end, claimed) or re.search(r"\d\s*$", doc.text[max(0, start - 6):start]):
            continue
        province = [p for p in gazetteer.lookup(CANADIAN_PROVINCE_ABBREVIATIONS[match.group(1)])
                    if p.feature_type == "admin1" and p.country_code == "CA"]
        if province:
            out.append(_place_mention(doc, start, end, province))
            claimed.append((start, end))
    return out


CAPITAL_PHRASE = re.compile(r"\b(?:the\s+)?(?P<country>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?:'s|’s)?\s+capital\b"
                            r"(?![ \t]+(?:city[ \t]+)?(?:of[ \t]+)?[A-Z])(?!,[ \t]*[A-Z])")


def _capitals_named_by_country(doc: Document, gazetteer) -> list[Mention]:
    """'the Somali capital', "Ukraine's capital" with no city named after it: that country's capital city. A
    description, like 'the city', not a name: the country's own mention stays ('Ukraine' is still Ukraine)."""
    out = []
    adjectives = country_adjectives()
    for match in CAPITAL_PHRASE.finditer(doc.text):
        word = match.group("country")
        code = adjectives.get(word, ("", ""))[0] or gazetteer.country_code(word)
        capital = gazetteer.capital(code) if code else None
        if capital is not None:
            mention = _place_mention(doc, *match.span(), [capital])
            mention.attrs["description"] = True
            out.append(mention)
    return out


def _names_a_backer(doc: Document, mention: Mention) -> bool:
    """'Tuareg-led rebels', 'Moscow-backed separatists', 'Kyiv-controlled territory': the name qualifies who leads
    or holds, it is not a place where anything happened."""
    return bool(re.match(rf"-{HYPHEN_SUFFIXES}\b", doc.text[mention.end:mention.end + 16]))


# Who backs a side: 'backed by the coalition', 'with the support of Turkish drones', 'under the protection of ...'
BACKER = re.compile(r"\b(?:(?:backed|supported|armed|trained|aided|assisted|reinforced|sponsored|funded)\s+by|"
                    r"allied (?:with|to)|in alliance with|together with|alongside|(?:with|under)\s+(?:the\s+)?"
                    r"(?:(?:air|aerial|artillery)\s+)?(?:help|support|backing|cover|protection)\s+(?:of|from))\b", re.I)
# 'with Russian air cover', 'under coalition air support': the backer named before what it gave
AIR_COVER_AFTER = re.compile(r"\s+(?:air|aerial|artillery)\s+(?:cover|support)\b", re.I)
WITH_OR_UNDER = re.compile(r"\b(?:with|under)\s+(?:the\s+)?$", re.I)
BACKER_REACH = 3  # words from 'backed by' to the backer outside an aside: 'backed by the Saudi-led coalition'
# The name an acronym in brackets follows: 'allied with the Ta'ang National Liberation Army (TNLA)'.
NAME_BEFORE_ACRONYM = re.compile(r"(?:[A-Z][\w'’.-]*[ \t]+)*[A-Z][\w'’.-]*[ \t]*\($")
# An ally named by its tie to the clause's subject: 'the army and its allied Joint Forces', 'the TPLF and its ally, the
# OLA', 'the RSF and allied militias'.
OWN_ALLY = re.compile(r"(?:\b(?:its|their)|\band)\s+(?:ally|allies|allied)(?:\s*,)?\s+(?:the\s+)?$", re.I)


def backs_another(text: str, start: int, mention: Mention) -> bool:
    """'Government forces, backed by the Saudi-led coalition, and Houthi fighters': the coalition backs one side; it
    is not the other side. A mention after 'backed by' inside an aside (commas), or right after it, is a backer, and
    so is one named as the subject's ally ('its allied Joint Forces'); an acronym in brackets is what its name is."""
    before = text[start:mention.start]
    named = NAME_BEFORE_ACRONYM.search(before)
    if named:
        before = before[:named.start()]
    aside = before.rfind(",")
    clause = before[aside + 1:]
    found = list(BACKER.finditer(clause))
    if found and (aside >= 0 or len(clause[found[-1].end():].split()) <= BACKER_REACH) or OWN_ALLY.search(before):
        return True
    return WITH_OR_UNDER.search(clause) is not None and AIR_COVER_AFTER.match(text, mention.end) is not None


# An ally named by the side it fights beside, right after it: "the MNDAA's ally, the TNLA", 'the army and its allied
# Joint Forces', 'the MNDAA (...) and its allies, the TNLA and the Arakan Army'.
ALLY_AFTER_PARTNER = re.compile(r"(?:['’]s\s+|\)?,?\s+and\s+(?:its\s+|their\s+)?|\)?,\s*(?:its|their)\s+)"
                                r"(?:ally|allies|allied)(?:\s*,)?\s+(?:the\s+)?", re.I)
# 'an alliance of the MNDAA, the TNLA and the Arakan Army': the members listed after it.
ALLIANCE_OF = re.compile(r"\b(?:alliance|coalition)\s+(?:of|between|comprising|made up of|formed by)\s+(?:the\s+)?$",
                         re.I)
# What joins two names of one list, an acronym after its name included: 'the TNLA and the Arakan Army',
# 'Ta'ang National Liberation Army (TNLA), the Arakan Army'.
LIST_GAP = re.compile(r"\s*\(|\)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


def ally_pairs(doc: Document) -> list[tuple[Mention, Mention]]:
    """Pairs of actor mentions the report puts on one side: a backer or ally and the party it backs ('The MNDAA,
    allied with the TNLA, ...', 'the army and its allied Joint Forces'), and the members of an alliance."""
    pairs = []
    by_sentence: dict[int, list[Mention]] = {}
    for mention in doc.mentions:
        if mention.type == "actor":
            by_sentence.setdefault(mention.sentence, []).append(mention)
    for index, actors in by_sentence.items():
        pairs += _backed_and_backers(doc, doc.sentences[index].start, actors)
        pairs += _alliance_members(doc, actors)
    return pairs


def _backed_and_backers(doc: Document, sentence_start: int, actors: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Each backer or ally with the party it stands beside: the last one named before it that is no backer itself.
    The names listed after an ally word are all allies ('its allies, the TNLA and the Arakan Army'); the names after a
    backer's aside are not ('Government forces, backed by the coalition, and Houthi fighters')."""
    pairs, partner, ally_word_list = [], None, False
    for i, mention in enumerate(actors):
        if partner is not None and (_named_as_ally(doc, partner, mention)
                                    or ally_word_list and _listed_together(doc, actors[i - 1], mention)):
            pairs.append((partner, mention))
            ally_word_list = True
            continue
        ally_word_list = False
        if partner is not None and backs_another(doc.text, sentence_start, mention):
            pairs.append((partner, mention))
        else:
            partner = mention
    return pairs


def _named_as_ally(doc: Document, partner: Mention, mention: Mention) -> bool:
    end = partner.end - 2 if re.search(r"['’]s$", partner.text) else partner.end  # "the army's allies"
    return ALLY_AFTER_PARTNER.fullmatch(doc.text, end, mention.start) is not None


def _alliance_members(doc: Document, actors: list[Mention]) -> list[tuple[Mention, Mention]]:
    pairs = []
    for i, first in enumerate(actors):
        if not ALLIANCE_OF.search(doc.text[max(0, first.start - 40):first.start]):
            continue
        members = [first]
        for mention in actors[i + 1:]:
            if not _listed_together(doc, members[-1], mention):
                break
            members.append(mention)
        pairs += [(first, other) for other in members[1:]]
    return pairs


def _listed_together(doc: Document, first: Mention, second: Mention) -> bool:
    return LIST_GAP.fullmatch(doc.text, first.end, second.start) is not None


def flag_or_seat(doc: Document, mention: Mention) -> bool:
    """'a Barbados-flagged carrier', 'a Dubai-based firm': a place named as a ship's flag or a seat, where nothing in
    the sentence happened (still a place name, as geoparsing gold counts it)."""
    return bool(re.match(rf"-{NOT_HERE_SUFFIXES}\b", doc.text[mention.end:mention.end + 16]))


DATELINE = re.compile(r"\A(?:[^\n]{0,160}\n\s*)?[A-Z][A-Z .'’-]{2,40},[^\n—]{0,80}?(?:—|–|--|\s-\s)")


def dateline_end(text: str) -> int:
    match = DATELINE.match(text)
    return match.end() if match else 0


def _match_run(doc: Document, gazetteer, run_start: int, run_end: int, claimed) -> list[Mention]:
    """Longest gazetteer matches inside one run of name tokens; a whole name of several words that the gazetteer
    knows only under another transliteration ('Ain Issa' for ‘Ayn ‘Īsá) is matched by sound before its words are
    tried one by one ('Issa' alone is a village in Russia)."""
    whole = _sounds_like_whole_run(doc, gazetteer, run_start, run_end, claimed) \
        or _unknown_whole_name(doc, gazetteer, run_start, run_end, claimed)
    if whole is not None:
        claimed.append((whole.start, whole.end))
        return [whole]
    found, i = [], run_start
    while i < run_end:
        mention, next_i = _longest_match(doc, gazetteer, i, (run_start, run_end), claimed)
        if mention is not None:
            found.append(mention)
            claimed.append((mention.start, mention.end))
        i = next_i
    return found


def _sounds_like_whole_run(doc: Document, gazetteer, run_start: int, run_end: int, claimed) -> Mention | None:
    sp = doc.spacy_doc
    span = sp[run_start:run_end]
    if not 2 <= len(span) <= MAX_NAME_TOKENS or not _good_span_edges(span) or _part_of_person(span) \
            or _overlaps(span.start_char, span.end_char, claimed):
        return None
    text = doc.text[span.start_char:span.end_char]
    if not _plausible_name(text) or gazetteer.lookup(text) or _area_word_after(sp, run_end):
        return None
    candidates = [p for p in gazetteer.lookup_by_sound(text) if p.feature_type != "country"]
    if not candidates:
        return None
    mention = _place_mention(doc, span.start_char, span.end_char, candidates)
    mention.attrs["sound_match"] = True
    mention.attrs["entity"] = span.root.ent_type_ or None
    return mention


def _unknown_whole_name(doc: Document, gazetteer, run_start: int, run_end: int, claimed) -> Mention | None:
    """'Zeleny Shlyakh', a village the gazetteer lacks, is not the Ukrainian village of Shlyakh: when the parser
    calls the whole name a place and only its tail is in the gazetteer, the whole stays one unresolved place
    (placed near the places around it)."""
    sp = doc.spacy_doc
    span = sp[run_start:run_end]
    if len(span) < 2 or _overlaps(span.start_char, span.end_char, claimed) or not _good_span_edges(span):
        return None
    entity = next((e for e in sp.ents if e.start == run_start and e.end == run_end and e.label_ in PLACE_ENTS), None)
    text = doc.text[span.start_char:span.end_char]
    if entity is None or gazetteer.lookup(text) or not _plausible_name(text) or _well_known(gazetteer, span[0].text) \
            or _well_known(gazetteer, span[-1].text):
        return None  # 'Kharkiv City', 'Idlib Governorate office': a known place and a word about it
    if span[-1].lower_ in GENERIC_NAME_WORDS or span[0].lower_ in ARTICLES:
        return None
    mention = _place_mention(doc, span.start_char, span.end_char, [])
    mention.attrs["entity"] = entity.label_
    return mention


def _well_known(gazetteer, name: str) -> bool:
    return any(p.population >= 50_000 or p.feature_type in {"country", "admin1"} for p in gazetteer.lookup(name))


def _area_word_after(sp, j: int) -> str | None:
    return sp[j].lower_ if j < len(sp) and sp[j].lower_ in AREA_WORDS else None


def _area_match(doc: Document, gazetteer, span) -> Mention | None:
    """'Shabwa province' is the province Shabwah, not the Burmese village Sha Bwa that shares the bare name;
    'Katsina state' is the state, not its capital, which GeoNames names alike."""
    word = _area_word_after(span.doc, span.end)
    if word is None:
        return None
    name = doc.text[span.start_char:span.end_char]
    phrase = f"{name} {word}"
    areas = [p for p in gazetteer.lookup(phrase) if p.feature_type == "admin1"] \
        or [p for p in gazetteer.lookup(name) if p.feature_type == "admin1"]
    sounds = [] if areas else [p for p in gazetteer.lookup_by_sound(phrase) if p.feature_type == "admin1"]
    if not areas and not sounds:
        return None
    end = span.doc[span.end]
    mention = _place_mention(doc, span.start_char, end.idx + len(end.text), areas or sounds)
    if sounds:
        mention.attrs["sound_match"] = True  # trusted inside the report's country only
    return mention


def _longest_match(doc: Document, gazetteer, i: int, run: tuple[int, int], claimed) -> tuple[Mention | None, int]:
    """The longest place name starting at token i, and the token to go on from."""
    sp = doc.spacy_doc
    for j in range(min(run[1], i + MAX_NAME_TOKENS), i, -1):
        span = sp[i:j]
        if not _good_span_edges(span) or _overlaps(span.start_char, span.end_char, claimed):
            continue
        text = doc.text[span.start_char:span.end_char]
        area = _area_match(doc, gazetteer, span) if j == run[1] and _plausible_name(text) else None
        if area is not None:
            return area, j + 1
        candidates = gazetteer.lookup(text) if _plausible_name(text) else []
        if not candidates and gazetteer.continent(text) is not None:
            return _place_mention(doc, span.start_char, span.end_char, []), j  # the geocoder places continents
        if not candidates or _generic_part(text, candidates, whole=(i, j) == run) or _part_of_person(span):
            continue
        if i > run[0] and sp[i - 1].text in REGION_QUALIFIERS and candidates[0].feature_type == "country":
            continue  # 'America' of 'Latin America' is not the United States
        if j < len(sp) and sp[j].lower_ in DIVISION_WORDS:
            # 'Henry' of 'Henry County' is the county, which the gazetteer lacks, not the town of Henry
            return _place_mention(doc, span.start_char, sp[j].idx + len(sp[j].text), []), j + 1
        if j < len(sp) and sp[j].text in TOWN_NAMED_AREAS and not any(c.feature_type == "admin1" for c in candidates):
            # 'Batticaloa District': the district named after its town, placed there at the district's precision
            # (not 'the Saltivka district', which may be a quarter of a city)
            mention = _place_mention(doc, span.start_char, sp[j].idx + len(sp[j].text), candidates)
            mention.attrs["area_by_town"] = True
            return mention, j + 1
        mention = _place_mention(doc, span.start_char, span.end_char, candidates)
        mention.attrs["entity"] = span.root.ent_type_ or None
        if j < len(sp) and sp[j].lower_ in FACILITY_HEADS:
            mention.attrs["facility"] = sp[j].lower_  # 'Carnegie Library': maybe not the town of Carnegie
        return mention, j
    return None, i + 1


# Abbreviations that do name countries, unlike most short acronyms.
COUNTRY_ABBREVIATIONS = {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "U.A.E.", "DPRK", "DRC"}
# Capitalised common words that the gazetteer knows as some small town ('Royal', 'Republic', 'Summit', 'Center'):
# a place only when the whole name is the word and the gazetteer has a country, region or continent so called.
GENERIC_NAME_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northwest",
    "northeast", "southwest", "southeast", "midwest", "upper", "lower", "greater", "royal", "republic", "union",
    "federal", "national", "state", "states", "city", "county", "college", "university", "school", "academy",
    "summit", "point", "delta", "gulf", "bay", "pacific", "atlantic", "peninsula", "center", "centre", "street",
    "tower", "see", "cup", "secretary", "marines", "marine", "navy", "army", "senate", "congress", "house", "white",
    "capitol", "embassy", "mission", "church", "temple", "station", "park", "square", "bridge", "harbor", "harbour",
    "valley", "ridge", "springs", "lake", "river", "island", "islands", "beach", "hills", "heights", "village",
    "ocean", "sea", "coast", "president", "premier", "minister", "governor", "mayor", "general", "colonel",
    "captain", "sergeant", "justice", "liberty", "freedom", "independence", "victory", "friendship", "unity",
    "progress", "enterprise", "commerce", "industry", "energy", "security", "defense", "defence", "police",
    "democrat", "republican", "christian", "catholic", "baptist", "global", "international", "american", "canadian",
    "welcome", "hope", "faith", "providence", "paradise", "eden", "golden", "silver", "diamond", "crystal",
    "garden", "gardens", "grove", "forest", "woods", "plains", "mountain", "mount", "highland", "highlands",
    "the", "more", "air", "english", "agency", "officer", "vice", "week", "court", "market", "research",
    "commissioner", "prince", "pope", "mega", "villa", "dr", "dr.", "mr", "mrs", "one", "two", "three", "four",
    "council", "act", "day", "hospital", "way", "road", "hall", "bank", "war", "leader", "human", "gov.", "sen.",
    "rep.", "sgt", "sgt.", "inc.", "superior", "force", "forces", "st", "st.", "sens", "sens.", "reps", "reps.",
}


# Words after a name that make it a division the gazetteer lacks ('Henry County', 'Orleans Parish').
DIVISION_WORDS = {"county", "counties", "parish", "township", "borough"}


def _good_span_edges(span) -> bool:
    """A name neither ends in a connector nor starts with a lower-case one ('at Windsor'), unless it starts with an
    Arabic article written with its hyphen ('al-Bab'); 'Al Hazm' is a name."""
    if span[-1].text in CONNECTORS or span[0].text in CONNECTORS - ARTICLES:
        return False
    if span[0].text in ARTICLES:
        return len(span) > 1 and span[1].text == "-"
    return True


def _part_of_person(span) -> bool:
    """'Donald' of 'Donald Trump', 'Modi' of 'Narendra Modi': part of a longer PERSON entity, or a word that such an
    entity holds elsewhere in the text ('Brown said' after 'Gordon Brown'). A lone PERSON, as the small model calls
    Palmyra, is still looked up."""
    sp = span.doc
    if len(span) == 1 and span[0].text in _person_name_parts(sp):
        return True
    return _person_entity_part(span)


# 'gave only his first name, Serhii', 'a fighter named Ali': a person's name, whatever place shares it.
# 'the oil tanker Sounion', 'the cargo ship Galaxy Leader', 'the destroyer USS Carney': a ship's name is no place.
NAMED_VESSEL = re.compile(r"\b(?:tanker|ship|vessel|freighter|carrier|frigate|destroyer|corvette|cruiser|warship|"
                          r"submarine|yacht|ferry|trawler|dhow|tug|barge)\s+(?:(?:USS|HMS|MV|MT|SS|INS)\s+)?$")
NAMED_PERSON = re.compile(r"\b(?:(?:first|last|family|given|real) name,?|named|nicknamed|identified as|"
                          r"known only as|a man called|a woman called)\s+$", re.I)


def _person_entity_part(span) -> bool:
    sp = span.doc
    if any(token.ent_type_ != "PERSON" for token in span):
        return False
    inside_before = span[0].ent_iob_ == "I"
    inside_after = span.end < len(sp) and sp[span.end].ent_iob_ == "I" and sp[span.end].ent_type_ == "PERSON"
    return inside_before or inside_after


def _person_name_parts(sp) -> set[str]:
    """The words of the text's PERSON entities of two or more words (cached on the spaCy doc); not of those that end
    in an area word, which the small model sometimes calls a person ('Mykolaiv Oblast', 'Shabwa Governorate')."""
    if not sp.user_data.get("person_name_parts"):
        parts = {token.text for ent in sp.ents if ent.label_ == "PERSON" and len(ent) > 1
                 and ent[-1].lower_ not in AREA_WORDS and ent[-1].lower_ not in DIVISION_WORDS for token in ent}
        sp.user_data["person_name_parts"] = parts or {""}
    return sp.user_data["person_name_parts"]


def _generic_part(text: str, candidates, *, whole: bool) -> bool:
    """A common word matched on its own ('Royal' of 'Royal Street', 'North' of 'River North', a lone 'Summit')."""
    if text.lower() not in GENERIC_NAME_WORDS:
        return False
    named_area = any(c.feature_type in {"country", "admin1", "continent"} and c.name.lower() == text.lower()
                     for c in candidates)
    return not (whole and named_area)


def _plausible_name(text: str) -> bool:
    """Short acronyms ('SAM', 'SAA') are unit or weapon names far more often than places; a few name countries."""
    if text in COUNTRY_ABBREVIATIONS:
        return True
    if len(text) <= 2:
        return False
    return not (text.isupper() and len(text) <= 4)


@cache
def _demonyms() -> frozenset[str]:
    return frozenset(fold(word) for word in country_adjectives())


def _a_demonym(text: str) -> bool:
    return fold(text) in _demonyms()


def _unresolved_entities(doc: Document, gazetteer, claimed) -> list[Mention]:
    """spaCy GPE/LOC/FAC entities the gazetteer does not know by that spelling: matched by sound ('Tajoura' →
    Tājūrā’) when it knows another transliteration, else kept as places without coordinates."""
    out = []
    for ent in doc.spacy_doc.ents:
        if ent.label_ in PLACE_ENTS and not _overlaps(ent.start_char, ent.end_char, claimed) and ent.text[:1].isupper():
            if ent.text.lower() in MONTHS_AND_DAYS or _a_demonym(ent.text):
                continue  # 'the Ukrainian city of Sumy': the adjective says whose, the place is Sumy
            plausible = _plausible_name(ent.text) and ent.text.lower() not in GENERIC_NAME_WORDS \
                and all(word[:1].isupper() or word.lower() in CONNECTORS for word in ent.text.split()) \
                and ent.text.split()[0].lower() not in {"the", "a", "an"}
            known = gazetteer.lookup(ent.text) if _plausible_name(ent.text) \
                and ent.text.lower() not in GENERIC_NAME_WORDS else []  # 'Bosnia and Herzegovina'
            plausible = plausible or bool(known)
            sounds_like = gazetteer.lookup_by_sound(ent.text) if plausible and not known else []
            mention = _place_mention(doc, ent.start_char, ent.end_char, known or sounds_like)
            mention.attrs["entity"] = ent.label_
            if sounds_like:
                mention.attrs["sound_match"] = True
            out.append(mention)
            claimed.append((ent.start_char, ent.end_char))
    return out


TAKING_VERBS = {"capture", "seize", "overrun", "overran", "retake", "retook", "recapture", "liberate", "enter",
                "storm", "occupy", "besiege", "encircle", "shell", "bomb", "raid", "attack"}
LOCATIVE_PREPS = {"in", "near", "at", "outside", "around", "into", "inside", "towards", "toward"}


def _names_after_locatives(doc: Document, claimed) -> list[Mention]:
    """'seized an outpost near Laiza', where the small model calls Laiza an organisation: a capitalised name that
    is the object of 'near', 'in', 'outside' ... and names no actor is a place, placed near the places around it."""
    out = []
    for token in doc.spacy_doc:
        located = token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS
        taken = token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in TAKING_VERBS  # 'entered Hadrut',
        # 'Mindat had been retaken by the army'
        controlled = token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() == "control"
        taken = taken or controlled  # 'had taken control of Jarjanaz'
        if not (located or taken) or token.pos_ != "PROPN":
            continue
        first = token
        while first.i > token.sent.start and first.nbor(-1).pos_ == "PROPN" and first.nbor(-1).dep_ == "compound":
            first = first.nbor(-1)
        start, end = first.idx, token.idx + len(token.text)
        text = doc.text[start:end]
        people_too = taken and token.head.lemma_.lower() in {"capture", "seize", "attack", "raid"}
        if _overlaps(start, end, claimed) or not text[:1].isupper() or not _plausible_name(text) \
                or text.lower() in MONTHS_AND_DAYS | GENERIC_NAME_WORDS or token.ent_type_ in {"DATE", "TIME"} \
                or (token.ent_type_ == "PERSON" and (located or people_too) and not controlled):
            continue  # 'entered Hadrut' even when the parser calls Hadrut a person; not 'captured Hapilon'
        mention = _place_mention(doc, start, end, [])
        mention.attrs["entity"] = "LOC"
        out.append(mention)
        claimed.append((start, end))
    return out


def _repeated_names(doc: Document, places: list[Mention], claimed) -> list[Mention]:
    """One name, one sense per report: once 'Tajoura' is a place, 'the Tajoura detention centre' names it too."""
    out = []
    for text, first in {m.text: m for m in places if m.attrs.get("candidates")}.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(text)}(?![\w-])", doc.text):
            start, end = match.span()
            if _overlaps(start, end, claimed):
                continue
            attrs = {k: v for k, v in first.attrs.items() if k != "dateline"}
            out.append(Mention(text, start, end, "place", doc.sentence_index(start), attrs=attrs))
            claimed.append((start, end))
    return out


def _anaphors(doc: Document, claimed) -> list[Mention]:
    out = []
    for phrase, features in PLACE_ANAPHORS.items():
        for match in re.finditer(rf"\b{re.escape(phrase)}\b(?!\s+of\s+(?:the\s+)?(?-i:[A-Z]|(?:al|el|ad|as|ash|ar|at|an)-))", doc.text, re.IGNORECASE):
            start, end = match.span()
            if _overlaps(start, end, claimed):
                continue
            mention = Mention(doc.text[start:end], start, end, "place", doc.sentence_index(start),
                              attrs={"candidates": [], "anaphor": list(features)})
            out.append(mention)
    return out


# ---- quantities ------------------------------------------------------------------------------------------------

def find_quantity_mentions(doc: Document) -> list[Mention]:
    out = []
    for ent in doc.spacy_doc.ents:
        if ent.label_ in {"CARDINAL", "QUANTITY"}:
            out.append(Mention(ent.text, ent.start_char, ent.end_char, "quantity", doc.sentence_index(ent.start_char)))
    vague = "|".join(re.escape(v) for v in sorted(VAGUE_QUANTITIES, key=len, reverse=True))
    for match in re.finditer(rf"\b(?:{vague})\b", doc.text, re.IGNORECASE):
        if not any(m.start <= match.start() < m.end for m in out):
            out.append(Mention(match.group(0), match.start(), match.end(), "quantity",
                               doc.sentence_index(match.start()), attrs={"vague": True}))
    return out


# ---- focus country -----------------------------------------------------------------------------------------------

FOCUS_REPEAT_WEIGHT = 0.3  # a name the report repeats votes again, more weakly (repeated names are often people's)
FOCUS_OWN_NAMES = True
FOCUS_COUNTRY_WEIGHT = 2.5  # a country's name counts more than a town's
FOCUS_POSSESSIVE_WEIGHT = 0.5  # ... but less as a possessive: 'Russia's defence ministry said' in a report on a
# Ukrainian village does not outvote the village
FOCUS_TOP_BONUS = 0.5
FOCUS_SHARE = 0.5  # an ambiguous name votes for each country by its namesakes there, by population**0.5


def focus_country(doc: Document, ctx: Context) -> str | None:
    """The country the report is about: votes from places (unambiguous ones count most) and country-bound actors."""
    votes: Counter[str] = Counter()
    seen: set[str] = set()
    for mention in doc.mentions:
        candidates = mention.attrs.get("candidates") or []
        if mention.type == "place" and candidates and not mention.attrs.get("sound_match") \
                and not mention.attrs.get("modifier"):
            repeat = fold(mention.text) in seen
            seen.add(fold(mention.text))
            candidates = _own_named(mention, candidates) if FOCUS_OWN_NAMES else candidates
            countries = {c.country_code for c in candidates}
            top = candidates[0]
            weight = (FOCUS_COUNTRY_WEIGHT if top.feature_type == "country" else 1.0) \
                * (FOCUS_REPEAT_WEIGHT if repeat else 1.0)
            if top.feature_type == "country" and re.match(r"['’]s\b", doc.text[mention.end:mention.end + 3]):
                weight *= FOCUS_POSSESSIVE_WEIGHT  # 'Russia's defence ministry said': the state speaking
            if top.feature_type == "country" \
                    and backs_another(doc.text, doc.sentences[mention.sentence].start, mention):
                continue  # 'Houthi fighters, backed by Iran, attacked Marib': the patron is not where it happens
            if top.feature_type == "country" and owns_a_mission(doc, mention):
                continue  # 'protesters attacked the embassies of Rwanda, France and Belgium' in Kinshasa
            if len(countries) == 1:
                votes[top.country_code] += 2 * weight
            else:
                for code, share in _shares(candidates).items():
                    votes[code] += weight * share
                votes[top.country_code] += FOCUS_TOP_BONUS
        elif mention.type == "actor":
            actor = ctx.actors.lookup(mention.text)
            if actor is not None and actor.country:
                votes[actor.country] += 0.5
    return votes.most_common(1)[0][0] if votes else None


# A country named as the owner of a diplomatic mission: 'the embassies of Rwanda, France and Belgium', "Rwanda's
# embassy", 'the French consulate' (an adjective, no place mention).
MISSION_WORDS = r"(?:embass(?:y|ies)|consulates?|high commissions?)"
MISSION_OF = re.compile(rf"\b{MISSION_WORDS}\s+of\s+(?:the\s+)?(?:[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*"
                        r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?)*$")
MISSION_AFTER = re.compile(rf"(?:['’]s)?\s+{MISSION_WORDS}\b")


def owns_a_mission(doc: Document, mention: Mention) -> bool:
    """The country is named as whose embassy it is: the mission stands in another country's capital."""
    return bool(MISSION_OF.search(doc.text[max(0, mention.start - 200):mention.start])
                or MISSION_AFTER.match(doc.text, mention.end))


def _shares(candidates) -> dict[str, float]:
    codes = {c.country_code for c in candidates}
    if FOCUS_SHARE == "uniform":
        return {code: 1 / len(codes) for code in codes}
    mass: Counter[str] = Counter()
    for c in candidates:
        mass[c.country_code] = max(mass[c.country_code], (c.population + 1000) ** FOCUS_SHARE)
    total = sum(mass.values())
    return {code: value / total for code, value in mass.items()}


def _own_named(mention: Mention, candidates):
    """The candidates that bear the name as their own, where any does, and those far larger: GeoNames' stray
    alternate names ('Alexandria' for Mashhad) do not vote, a town's other spelling ('Balakliia') does."""
    name = fold(mention.attrs.get("lookup") or mention.text)
    own = [c for c in candidates if fold(c.name) == name]
    largest = max((c.population for c in own), default=0)
    return own + [c for c in candidates if c not in own and c.population > 10 * largest] if own else candidates


@stage("mentions", reads=("spacy_doc", "sentences"), adds=("mentions", "focus_country"))
def mentions(doc: Document, ctx: Context) -> None:
    actor_mentions = find_actor_mentions(doc, ctx)
    taken = [(m.start, m.end) for m in actor_mentions]
    equipment = find_equipment_mentions(doc, ctx, taken)
    taken += [(m.start, m.end) for m in equipment]
    places = find_place_mentions(doc, ctx, taken)
    doc.mentions = sorted(actor_mentions + equipment + places + find_quantity_mentions(doc),
                          key=lambda m: (m.start, m.end))
    doc.focus_country = focus_country(doc, ctx)
