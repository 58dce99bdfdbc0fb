"""events: triggers (verbs and nouns) found in the dependency parse, mapped to ACLED types, with their arguments
(who acted, on whom, where, when, with what result); equipment losses and displacement from the same sentences."""
from __future__ import annotations

import calendar
import re

from ..eventplace import attached_to_verb, choose_event_place, holds_another, modifies_a_noun, narrow_places
from ..gazetteer import haversine_km
from ..lexicon_patterns import (ACLED_VAGUE_FATALITIES, AT_LEAST_AFTER, FIRST_LEVEL_WORDS, QUALIFIER_BEFORE,
                               SETTLEMENT_WORDS, VAGUE_QUANTITIES, VICINITY, count_bounds, names_area, parse_number)
from ..lexicons import peoples_by_name
from ..model import Document, Event, EquipmentRecord, DisplacementRecord, Mention, Quantity
from ..pipeline import Context, stage
from .mentions import BACKER, backs_another, flag_or_seat, owns_a_mission
from ..vocabulary import (AVOIDANCE_VERBS, BASE_WORDS, CAPTIVE_WORDS, DEMAND_WORDS, FAILURE_VERBS, FIGHTING,
                          HARDWARE_WORDS, HYPOTHETICAL_ADJ, IMPOSING_VERBS, INTENT_HEADS, INTENT_TO_HEADS,
                          LABOUR_STRIKE_WORDS, LOSER_SUBJECT_VERBS, MINE_VERBS, MINED_MATERIALS, MINING_WORDS,
                          MODAL_WORDS, NOUN_TRIGGERS, OWNER_WORDS, PARTICLE_TRIGGERS, PERSON_WORDS,
                          PLACE_SUBJECT_VERBS, POSITION_WORDS, PROPERTY_WORDS, PROTESTER_WORDS,
                          REPORTING_VERBS, SURRENDER_PARTICLES, THREAT_WORDS, TRIGGER_CLASSES, TROOP_WORDS,
                          VERB_TRIGGERS, WITHDRAWAL)

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj", "attr", "oprd"}
DESTINATION_PREPS = {"to", "towards", "toward", "into", "for"}
MOTION_VERBS = {"flee", "retreat", "withdraw", "rout", "escape", "head", "move", "evacuate", "send", "run", "push",
                "pull", "fall", "drive", "go", "return", "redeploy", "relocate"}
TAKING_CONTROL = re.compile(r"\b(?:t[ao]ok|take[sn]?|taking|seiz\w+|gain\w*|regain\w*|assum\w+|wrest\w*|restor\w+|"
                            r"establish\w*|grab\w*|now\s+in|now\s+under(?:\s+\S+){0,3}?)\s+"
                            r"(?:full\s+|complete\s+|total\s+|effective\s+)?control\b", re.I)
CIVILIAN_WORDS = re.compile(r"\b(?:civilians?|residents?|villagers?|children|women|worshippers|farmers|"
                            r"displaced (?:people|persons)|families|people|inhabitants|pilgrims|students|patients|"
                            r"idps|refugees|passengers|worshipers|shoppers|pedestrians|passers-by|passersby|bystanders|"
                            r"commuters|diners|internally displaced (?:people|persons))\b",
                            re.I)
# A civilian ship: its crew are civilians ('the Greek-flagged oil tanker', 'a Liberian-flagged bulk carrier', 'a
# fishing boat'); not a bare 'vessel' or 'ship', which may be a warship.
MERCHANT_VESSEL = re.compile(r"\b(?:(?:merchant|commercial|cargo|container|bulk|oil|fuel|gas|lng|lpg|chemical|"
                             r"products?|crude|fishing|passenger|civilian)\s+(?:ships?|vessels?|tankers?|carriers?|"
                             r"boats?|shipping)|tankers?|freighters?|bulk carriers?|ferry|ferries|cargo ships?)\b",
                             re.I)
# A word inside the noun phrase between a number and its verb ('24 Kyrgyz citizens were killed'), not one that starts
# another clause ('injuring eight Israelis before he was shot dead').
_PHRASE_WORD = r"(?:(?!(?:before|after|when|while|until|as|he|she|they|it|we|who|which|that|but|and)\b)\w+\s+)"
FATALITY_PATTERNS = [
    re.compile(r"\b(?:killing|killed|kills|kill|leaving|left|claimed the lives of|neutrali[sz](?:ed|ing))\s+"
               r"(?:at least|some|about|around|"
               r"nearly|almost|more than|over|up to|an estimated|as many as)?\s*(?P<n>[\w,-]+)", re.I),
    re.compile(rf"(?P<n>\b[\w,-]+)\s+{_PHRASE_WORD}{{0,3}}?(?:were|was|have been|had been|are)\s+(?:reportedly\s+)?"
               r"(?:killed|dead|executed|slain|shot dead)", re.I),
    re.compile(r"(?P<n>\b[\w,-]+)\s+(?:people|civilians|soldiers|fighters|militants|troops|members|dead|deaths|"
               r"fatalities)\s+(?:dead|killed)", re.I),
    re.compile(r"death toll\s+(?:\w+\s+){0,3}?(?:of|to|at|reached|rose to|stands at)\s+(?:at least\s+)?(?P<n>[\w,-]+)", re.I),
    # 'The death toll from Monday's suicide bombing at a mosque inside the police headquarters rose to 84'
    re.compile(r"death toll\s+(?:[\w'’-]+\s+){0,14}?(?:rose|climbed|increased|jumped|reached|stands|stood|hit)\s+"
               r"(?:to\s+|at\s+)?(?:at least\s+)?(?P<n>[\w,-]+)", re.I),
    re.compile(r"\b(?:raising|bringing|pushing|taking) the (?:death )?toll to\s+(?:at least\s+)?(?P<n>[\w,-]+)", re.I),
    re.compile(r"(?P<n>\b[\w,-]+)\s+(?:were\s+)?(?:dead|killed)\b", re.I),
    re.compile(rf"(?P<n>\b[\w,-]+)\s+{_PHRASE_WORD}{{0,4}}?(?:had\s+|have\s+|has\s+)?died\b", re.I),
    # 'ended in a rout, with dozens of soldiers killed': an absolute construction, the dead its subject
    re.compile(r"\bwith\s+(?:at least|some|about|around|nearly|almost|more than|over|up to|an estimated|as many as)?"
               rf"\s*(?P<n>[\w,-]+)\s+(?:of\s+)?{_PHRASE_WORD}{{0,3}}?(?:killed|dead)\b", re.I),
]
STATUS_LEMMAS = {
    "captured": {"capture", "seize", "take", "grab", "loot", "commandeer", "seized", "captured", "trophy", "acquire",
                 "recover", "recovered", "confiscate", "impound", "find", "found", "retrieve", "haul", "uncover"},
    "destroyed": {"destroy", "knock", "burn", "eliminate", "wreck", "obliterate", "destroyed", "blow", "hit", "strike",
                  "down", "downed", "torch", "shoot"},
    "damaged": {"damage", "damaged", "disable", "immobilise", "immobilize"},
    "abandoned": {"abandon", "leave", "abandoned", "desert", "ditch"},
    "lost": {"lose"},  # lost, how not said ('the army lost four armoured vehicles')
}
SCALED_NUMBER = r"(?:[\d.,]+|half a|a|one|two|three|four|five|six|seven|eight|nine|ten) (?:million|thousand)"
# Who is counted as fleeing: '270,000 Rohingya refugees have crossed into Bangladesh', '3,000 IDPs reached Dikwa'.
DISPLACED_PEOPLE = (r"civilians|residents|people|persons|families|villagers|inhabitants|households|refugees|IDPs|"
                    r"(?-i:ethnic [A-Z][\w'’-]+s)|(?-i:" + "|".join(peoples_by_name()) + ")")
DISPLACEMENT_VERBS = (
    r"fled|escaped|to escape|to flee|were displaced|have been displaced|"
    r"had been displaced|were evacuated|displaced|evacuated|left their homes|were forced to leave|left for|"
    r"(?:have |had )?left (?:the |their )?(?:camp|city|town|village|area|district|neighbou?rhood|region)s?\b|"
    r"headed for|sought refuge|crossed into|(?:have |had )?(?:left|fled) (?:the |their )?\w+(?: \w+)? for|"
    r"(?:have |had )?(?:arrived|crossed|walked|reached)|(?:are|were) (?:\w+ )?(?:staying|sheltering) in|"
    r"(?:have been|were|had been) forced from|poured into|streamed into")
DISPLACEMENT = re.compile(
    r"(?P<q>\b(?:(?:several|a few|some|many) (?:hundred|thousand)|" + SCALED_NUMBER + r"|[\d,]+|\w+(?: of)?|"
    r"tens of thousands of|hundreds of|thousands of|dozens of)\s+)?(?:[A-Z][\w'-]*\s+)?"
    r"(?P<who>" + DISPLACED_PEOPLE + r")\b"
    r"(?P<mid>[^.;]{0,60}?)\b(?P<verb>" + DISPLACEMENT_VERBS + ")", re.I)
# A further figure that leaves its people unsaid, counted with the one before it: '... have been displaced in
# Lebanon, ..., and about 400,000 have crossed into Syria'.
FURTHER_FIGURE = re.compile(
    r"\b(?:and|while|whereas|but)\s+(?:(?:more than|over|about|around|some|nearly|almost|at least|an estimated|"
    r"up to|another)\s+)?(?P<q>" + SCALED_NUMBER + r"|\d[\d,]*)\s+(?:more\s+|others\s+)?(?P<who>)"
    r"(?P<verb>" + DISPLACEMENT_VERBS + ")", re.I)

# 'the fighting has displaced 1.5 million people', 'forcing 20,000 residents to flee': the people after the verb.
DISPLACED_OBJECT = re.compile(
    r"\b(?P<verb>displaced|displacing|displaces|uprooted|uprooting|forced|forcing|drove|driving|driven|evacuated|"
    r"evacuating)\s+"
    r"(?:(?:more than|over|about|around|some|nearly|almost|at least|an estimated|up to)\s+)?"
    r"(?P<q>" + SCALED_NUMBER + r"|tens of thousands of|hundreds of thousands of|thousands of|hundreds of|[\d,]+|\w+)\s+"
    r"(?P<who>" + DISPLACED_PEOPLE + r")\b"
    r"(?P<rest>[^.;]{0,40})", re.I)
FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$")
ARRIVAL = re.compile(r"\b(?:arrived|crossed|walked|reached|staying|sheltering|poured|streamed)\b", re.I)
LEAVING = re.compile(r"\b(?:to (?:flee|leave)|from their homes|out of|to seek refuge|into exile)\b", re.I)

# ---- mention lookup over the parse -------------------------------------------------------------------------------

class MentionIndex:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.by_type: dict[str, list[Mention]] = {}
        for mention in doc.mentions:
            self.by_type.setdefault(mention.type, []).append(mention)

    def within(self, kind: str, start: int, end: int) -> list[Mention]:
        return [m for m in self.by_type.get(kind, []) if start <= m.start and m.end <= end]

    def in_subtree(self, kind: str, token) -> list[Mention]:
        return self.within(kind, token.left_edge.idx, _end_char(token.right_edge))

    def at_token(self, kind: str, token) -> Mention | None:
        for m in self.by_type.get(kind, []):
            if m.start <= token.idx < m.end:
                return m
        return None


def _end_char(token) -> int:
    return token.idx + len(token.text)


# ---- triggers ----------------------------------------------------------------------------------------------------

ENTRY_VERBS = {"drive", "roll", "sweep", "march", "ride", "walk", "move", "pour", "stream", "swarm"}
REMOTE_CLASSES = {"airstrike", "shelling", "ied", "suicide", "strike"}
# Past forms the small model's lemmatizer leaves as they are.
IRREGULAR_LEMMAS = {"retook": "retake", "retaken": "retake", "overran": "overrun", "outran": "outrun",
                    "withdrew": "withdraw", "withdrawn": "withdraw", "shot": "shoot", "slew": "slay"}


def _lemma(token) -> str:
    return IRREGULAR_LEMMAS.get(token.lower_, token.lemma_.lower())


LAUNCH_VERBS = {"fire", "launch", "drop", "lob", "rain", "unleash", "open"}
CROWD_CONTROL = re.compile(r"\b(?:tear ?gas|teargas|rubber bullets|water cannons?|batons?|stun grenades?)\b", re.I)


def _object_words(token) -> str:
    """The words of what the verb acts on: its object, or the subject of a passive ('16 soldiers were killed')."""
    return " ".join(t.lower_ for c in token.children if c.dep_ in OBJECTS | {"nsubjpass"} for t in c.subtree)


IMPACT_VERBS = {"slam", "crash", "land", "rain", "smash", "tear", "destroy", "wreck", "devastate", "level"}
FALLING_VERBS = {"fall"}
AIRCRAFT_THAT_LAND = {"helicopter", "plane", "aircraft", "airplane", "jet", "chopper", "transport", "airliner"}


def _impact_class(token, lemma: str) -> str | None:
    """'Katyusha rockets slammed into Dar Saad', 'TB2 drones destroyed a supply column': a weapon as the subject of
    an impact verb is a strike, of the kind the weapon says."""
    subject, passive = _subject(token)
    if subject is None or passive:
        return None
    weapon = " ".join(t.lower_ for t in subject.subtree)
    if lemma == "land" and subject.lemma_.lower() in AIRCRAFT_THAT_LAND:
        return None  # 'a helicopter carrying soldiers landed near the market': it came down, nothing struck
    if AIR_WORDS.search(weapon):
        return "airstrike"
    if ARTILLERY_WORDS.search(weapon):
        return "shelling"
    if EXPLOSIVE_WORDS.search(weapon) and lemma != "destroy":
        return "ied"
    return None


def _weapon_killed(token, lemma: str) -> str | None:
    """A weapon fired from afar as the subject of 'kill' ('Russian missiles killed five people', 'glide bombs killed'):
    a strike of the weapon's kind; not a bomber on foot ('a suicide bomber killed 20')."""
    if lemma != "kill" or token.tag_ == "VBG":
        return None  # ', killing six': the result of the act it hangs on
    subject, passive = _subject(token)
    if subject is None or passive or any(t.lower_ == "suicide" for t in subject.subtree):
        return None
    impact = _impact_class(token, lemma)
    return impact if impact in {"airstrike", "shelling"} else None


def _launch_class(token, lemma: str) -> str | None:
    """'fired a ballistic missile at Marib', 'dropped barrel bombs on Kafr Nabl', 'launched drones at Odesa',
    'fired tear gas at demonstrators', 'opened fire on the crowd': what was fired says what kind of event it is."""
    fired = _object_words(token)
    if lemma == "open" and not re.search(r"\bfire\b", fired):
        return None
    if CROWD_CONTROL.search(fired):
        return "intervention"
    subject, _ = _subject(token)
    shooter = " ".join(t.lower_ for t in subject.subtree) if subject is not None else ""
    if AIR_WORDS.search(fired) or (lemma == "drop" and EXPLOSIVE_WORDS.search(fired)) or (
            AIR_WORDS.search(shooter) and (ARTILLERY_WORDS.search(fired) or EXPLOSIVE_WORDS.search(fired))):
        return "airstrike"
    if ARTILLERY_WORDS.search(fired):
        return "shelling"
    if lemma in {"fire", "open"} and (not fired or re.search(r"\b(?:fire|shots|bullets|rounds|live ammunition)\b", fired)):
        return "gunfire"
    return None


def _particle_class(token, lemma: str) -> str | None:
    """'pulled out of', 'fell back', 'rounded up', 'called up', 'set up', 'handed ... over'; 'taken into custody';
    'gave themselves up'."""
    for child in token.children:
        if child.dep_ in {"prt", "advmod", "prep"} and (lemma, child.lower_) in SURRENDER_PARTICLES and any(
                c.dep_ in OBJECTS and c.lower_ in SURRENDER_PARTICLES[lemma, child.lower_] for c in token.children):
            return "yield"  # 'handed themselves over to UN peacekeepers', 'laid down their arms'
        if child.dep_ in {"prt", "advmod", "prep"}:
            cls = PARTICLE_TRIGGERS.get((lemma, child.lower_))
            if cls:
                return cls
            if lemma in {"take", "place", "put"} and child.lower_ in {"into", "in"} and any(
                    g.dep_ == "pobj" and g.lemma_.lower() == "custody" for g in child.children):
                return "arrest"
        if lemma == "blow" and child.lower_ == "up" and any(
                c.dep_ in {"dobj", "obj"} and c.lower_ in {"himself", "herself", "themselves"} for c in token.children):
            return "suicide"  # 'the bomber blew himself up in the market'
        if lemma == "blow" and child.lower_ == "up" and _object_words(token) \
                and set(_object_words(token).split()) & INFRASTRUCTURE:
            return "looting"  # 'blew up three power lines', 'blew up the pipeline': sabotage, property destroyed
        if lemma == "march" and child.lower_ in {"off", "away"}:
            return "abduction"  # 'marched off 78 students': led away by force
        if lemma in {"trade", "exchange"} and child.dep_ == "dobj" and child.lemma_.lower() in FIRE_WORDS:
            return "clash"  # 'were trading fire with its guard force', 'exchanged gunfire'
        if lemma == "shoot" and child.lower_ == "down" and any(
                c.dep_ == "dobj" and MANNED_AIRCRAFT.search(" ".join(t.text for t in c.subtree)) for c in token.children):
            return "clash"  # 'shot down an Indian fighter jet'; a drone or missile shot down is an interception
    return None


INFRASTRUCTURE = {"lines", "line", "pipeline", "pipelines", "pylon", "pylons", "tower", "towers", "bridge", "bridges",
                  "railway", "rail", "tracks", "substation", "dam", "plant", "station", "mast", "masts", "grid"}
MANNED_AIRCRAFT = re.compile(r"\b(?:jets?|planes?|aircraft|helicopters?|fighters?|bombers?|gunships?|"
                             r"F-\d+\w*|MiG-?\d*\w*|Su-\d+\w*)\b", re.I)


FIRE_WORDS = {"fire", "gunfire", "shot", "salvo", "blow", "artillery", "rocket"}


# Strategic developments read from their arguments: a side leaving a place, troops sent somewhere, a base set up.
STRATEGIC_CLASSES = {"retreat", "mobilize", "base", "captive", "yield", "threat", "restrict", "disarm", "expel", "ease",
                     "drill"}


def _armed_subject(token) -> bool:
    subject, passive = _subject(token)
    if subject is None or passive:
        return False
    words = " ".join(t.lower_ for t in subject.subtree)
    return not CIVILIAN_WORDS.search(words) and bool(re.search(
        r"\b(?:troops|forces|fighters|soldiers|militants|rebels|insurgents|units|columns?|militia\w*|army|gunmen|"
        r"jihadists|tanks|convoys?|brigades?|battalions?|taliban|commandos|paratroopers)\b", words))


def _past_tense_lemma(word: str) -> str | None:
    """'bombarded' → 'bombard', 'seized' → 'seize', 'shelled' → 'shell', 'stopped' → 'stop'."""
    if not word.endswith("ed"):
        return None
    for candidate in (word[:-2], word[:-1], word[:-3] if len(word) > 4 and word[-3] == word[-4] else ""):
        if candidate in VERB_TRIGGERS:
            return candidate
    return None


def misparsed_verb(token) -> bool:
    """'Air Force jets on Monday bombarded insurgent positions', 'SAF aircraft, meanwhile, bombed ...': the small
    model reads a past-tense verb after a date or an aside as an adjective. An adjective follows a determiner, a
    number or another modifier; after a comma, a date or an adverb the word is the verb."""
    if token.pos_ != "ADJ" or token.dep_ not in {"amod", "compound"} or token.i == token.sent.start:
        return False
    if _past_tense_lemma(token.lower_) is None:
        return False
    previous = token.nbor(-1)
    return previous.text == "," or previous.ent_type_ in {"DATE", "TIME"} or previous.pos_ == "ADV"


def misparsed_passive(token) -> str | None:
    """'Tikrit was overrun with little resistance': the small model reads an irregular participle after 'was' as a
    noun or adjective complement. Returns the verb's lemma."""
    if token.pos_ not in {"NOUN", "ADJ"} or token.dep_ not in {"acomp", "attr"} or token.head.lemma_ != "be" \
            or any(c.dep_ in {"det", "poss", "nummod", "amod"} for c in token.children):
        return None
    lemma = token.lower_ if token.lower_ in VERB_TRIGGERS else _past_tense_lemma(token.lower_)
    return lemma if lemma in VERB_TRIGGERS else None


GATHERING_VERBS = frozenset({"gather", "assemble", "converge", "congregate"})


def _protesters_as_subject(token) -> bool:
    subject, passive = _subject(token)
    return subject is not None and not passive and bool(PROTESTER_WORDS & {t.lower_ for t in subject.subtree})


LOST_LINKS = {"contact", "touch", "communication", "communications", "track", "sight"}
TRACE_NOUNS = {"sign", "trace", "mark", "scar"}


def _not_an_act(token, lemma: str) -> bool:
    """Phrases that use an event word for no event: 'lost contact with the town', 'fired into the air', 'the truce
    collapsed', 'imagery showing signs of shelling and looting'."""
    if lemma == "lose" and any(c.dep_ == "dobj" and c.lower_ in LOST_LINKS for c in token.children):
        return True
    if lemma == "fire" and any(prep in {"into", "in"} and obj.lower_ == "air" for prep, obj in _preps(token)):
        return True
    if lemma in BREAKDOWN_VERBS and _subject_words(token) & PACT_WORDS:
        return True  # 'the ceasefire collapsed', 'peace talks collapsed': no defences gave way
    head = token
    while head.dep_ == "conj":
        head = head.head
    return head.dep_ in {"pobj", "pcomp"} and head.head.lower_ == "of" and head.head.head.lemma_.lower() in TRACE_NOUNS


def _subject_words(token) -> set[str]:
    """The subject's head word and its lemma."""
    subject, _ = _subject(token)
    return set() if subject is None else {subject.lower_, subject.lemma_.lower()}


AUTHORSHIP_WORDS = {"responsibility", "credit"}  # what a group claims when it claims an act: 'claimed responsibility'


def _took_place(token) -> bool:
    """'clashes took place', 'a ceasefire took effect': the verb says something happened, nothing was taken."""
    return _lemma(token) == "take" and any(c.dep_ == "dobj" and c.lower_ in {"place", "effect"} for c in token.children)


def _trigger_class(token) -> str | None:
    if misparsed_verb(token):
        return VERB_TRIGGERS[_past_tense_lemma(token.lower_)]
    passive = misparsed_passive(token)
    if passive:
        return VERB_TRIGGERS[passive]
    lemma = _lemma(token)
    if lemma == "claim" and any(c.dep_ in {"ccomp", "xcomp"} or c.dep_ == "dobj" and (
            c.lemma_.lower() in AUTHORSHIP_WORDS or NOUN_TRIGGERS.get(c.lemma_.lower()))
            for c in token.children):
        return None  # 'claimed that the counteroffensive had failed', 'claimed to have ...', 'claimed responsibility
        # for the attack', 'claimed both bombings': speech or authorship, not a taking
    if _took_place(token):
        return None  # 'clashes took place in the camp': the clashes are the event
    if _not_an_act(token, lemma):
        return None
    if token.dep_ == "pcomp" and token.head.lower_ == "from" \
            and _lemma(token.head.head) in {"prevent", "stop", "bar", "block", "ban", "keep", "deter"}:
        return None  # 'ambulances were prevented from entering': what did not happen
    if token.pos_ in {"VERB", "AUX"} or (token.tag_ in {"VBN", "VBD", "VBG"}):
        impact = _impact_class(token, lemma) if lemma in FALLING_VERBS else None
        if impact:  # 'two shells fell in the Mugunga district': a shelling, no town fell; bombs that fall were dropped
            return "airstrike" if impact == "ied" else impact
        if lemma in ENTRY_VERBS and any(c.dep_ == "prep" and c.lower_ == "into" for c in token.children) \
                and _armed_subject(token):
            return "territory"  # 'rebel columns drove into Timbuktu', 'M23 rebels marched into Goma'; not 'residents
            # poured into Goma' or 'protesters marched into the square'
        weapon = _weapon_killed(token, lemma)
        if weapon:  # 'Russian glide bombs and missiles killed 11 people': the weapon's strike did the killing
            return weapon
        cls = _particle_class(token, lemma) or VERB_TRIGGERS.get(lemma)
        if cls == "abduction" and _then_killed(token) is not None:
            return "civilian_attack"  # 'abducted and killed a village chief': ACLED's Attack, abduction with deaths
        if cls == "protest" and any(c.dep_ == "dobj" for c in token.children):
            return None  # a march, rally or demonstration of something is not a protest ('demonstrated its resolve')
        if cls:
            return cls
        if lemma in LAUNCH_VERBS:
            return _launch_class(token, lemma)
        if lemma in IMPACT_VERBS:
            impact = _impact_class(token, lemma)
            if impact:
                return impact
        if lemma in {"burn", "torch", "destroy", "raze", "demolish"} and set(_object_words(token).split()) & (
                BUILDING_WORDS | DWELLINGS | {"homes", "houses", "villages", "shops", "churches", "mosques", "schools"}):
            return "looting"  # 'burned a cathedral', 'torching dozens of homes'
        if lemma in CLOSING_VERBS and set(_object_words(token).split()) & CLOSED_THINGS:
            return "restrict"  # 'closed the border with Chad', 'sealed off the crossing'
        if lemma in BANNING_VERBS and set(_object_words(token).split()) & BANNED_THINGS:
            return "restrict"  # 'banned all rallies', 'shut down the internet in Tigray'
        if lemma in ADMITTING_VERBS and set(_object_words(token).split()) & ADMITTED_THINGS:
            return "ease"  # 'allowed aid convoys into Aleppo', 'reopened the Rafah crossing'
        if lemma in {"end", "break"} and set(_object_words(token).split()) & SIEGE_WORDS and _armed_subject(token):
            return "clash"  # 'security forces ended a 30-hour siege by militants at a hotel', 'broke the siege of Deir
            # ez-Zor': forces breaking another side's siege fought it; a besieger lifting its own siege eases it
        if lemma in EASING_VERBS and set(_object_words(token).split()) & EASED_THINGS:
            return "ease"  # 'lifted the curfew', 'eased the blockade of Gaza'
        if lemma in {"block", "barricade", "blockade"} and _blockade_by_civilians(token):
            return "protest"  # 'angry paper workers blocked the bridge', 'young Algerians blocked roads'
        if lemma in {"block", "blockade"} and set(_object_words(token).split()) & CLOSED_THINGS:
            return "restrict"  # 'the Houthis blocked access to the port': armed men closing a way
        if lemma == "burn" and CIVILIAN_WORDS.search(_object_words(token)):
            return "civilian_attack"  # 'burning residents alive'
        if lemma == "set" and any(c.dep_ == "dobj" and c.lower_ == "fire" for c in token.children) and any(
                prep == "to" and _lemma(obj) in DWELLINGS | BUILDING_WORDS | {"houses", "homes", "villages", "shops"}
                for prep, obj in _preps(token)):
            return "looting"  # 'set fire to the village': arson, ACLED's property destruction
        if lemma == "disperse" and PROTESTER_WORDS & set(_object_words(token).split()):
            return "intervention"  # 'police dispersed the demonstrators'
        if lemma in GATHERING_VERBS and _protesters_as_subject(token):
            return "protest"  # 'demonstrators gathered outside the government building'
    if token.pos_ in {"NOUN", "PROPN"}:
        text = token.text.lower()
        before = token.nbor(-1).text.lower() if token.i > token.sent.start else ""
        cls = (NOUN_TRIGGERS.get(f"{before} {text}") or NOUN_TRIGGERS.get(f"{before} {lemma}")
               or NOUN_TRIGGERS.get(text) or NOUN_TRIGGERS.get(lemma))
        if cls == "ied" and _dug_mine(token):
            return None  # 'Mogoke, known for its ruby mines': a pit, not an explosive
        if cls == "ied" and any(t.lower_ == "suicide" for t in token.doc[max(token.sent.start, token.i - 3):token.i]):
            return "suicide"  # 'suicide car bombs'
        if cls == "clash" and _on_a_life(token):
            return "civilian_attack"  # 'an attack on his life': an attempt to kill a person
        if cls == "protest" and any(c.dep_ == "amod" and c.lower_ == "violent" for c in token.children):
            return "riot"  # 'violent protests in Lira town'
        return cls
    return None


def _dug_mine(token) -> bool:
    """'its ruby mines', 'gold and copper mines', 'a mine owned by a Chinese firm', 'mines ... of mining revenue': a
    mine dug for minerals. What was done with it decides a bare 'mine': 'hit a mine', 'mines planted', 'a mine
    exploded'."""
    if _lemma(token) != "mine":
        return False
    modifiers = {t.lower_ for left in token.lefts for t in left.subtree}
    if modifiers & MINED_MATERIALS:
        return True
    participles = {_lemma(c) for c in token.children if c.dep_ == "acl"}
    if participles & {"own", "operate", "run", "exploit"}:
        return True
    if _lemma(token.head) in MINE_VERBS or participles & MINE_VERBS:
        return False
    if token.dep_ == "pobj" and _lemma(token.head.head) in MINE_VERBS:
        return False  # 'stepped on a mine', 'drove over a mine'
    return bool({t.lower_ for t in token.sent} & MINING_WORDS)


CLOSING_VERBS = {"close", "shut", "seal"}
CLOSED_THINGS = {"border", "borders", "crossing", "crossings", "airspace", "frontier", "frontiers", "checkpoint",
                 "checkpoints", "passage", "internet", "newspaper", "newspapers", "station", "stations", "port",
                 "ports", "airport", "corridor", "road", "roads", "highway", "highways", "access", "route", "routes"}
EASING_VERBS = {"lift", "ease", "relax", "end"}
BANNING_VERBS = {"ban", "prohibit", "outlaw", "forbid"}
BANNED_THINGS = {"rallies", "rally", "protests", "protest", "demonstrations", "gatherings", "assemblies", "marches",
                 "movement", "travel", "media", "newspapers", "broadcasts", "internet", "parties", "party"}
ADMITTING_VERBS = {"allow", "admit", "permit", "reopen", "let"}
ADMITTED_THINGS = {"aid", "convoy", "convoys", "inspectors", "observers", "monitors", "peacekeepers", "access",
                   "crossing", "crossings", "border", "corridor", "corridors", "airport", "humanitarian", "deliveries",
                   "supplies", "evacuation", "evacuations"}
BEGINNING_VERBS = {"begin", "start", "unfold", "erupt"}
SIEGE_WORDS = {"siege", "sieges", "standoff", "stand-off"}
EASED_THINGS = {"curfew", "curfews", "siege", "blockade", "lockdown", "emergency", "law", "restrictions"}
EXPELLED_WORDS = {"ambassador", "ambassadors", "commissioner", "commissioners", "charge", "chargé", "diplomat",
                  "diplomats", "envoy", "envoys", "migrants", "refugees", "journalists", "staff", "workers", "nationals", "citizens", "observers", "peacekeepers", "mission",
                  "attache", "attaché", "consul", "correspondent", "correspondents"}
ROADWAYS = {"road", "roads", "bridge", "bridges", "highway", "highways", "street", "streets", "traffic", "roadway",
            "motorway", "junction", "intersection", "crossing", "railway", "rail", "port", "access", "entrance"}


def _blockade_by_civilians(token) -> bool:
    """People, not armed men, blocking a road or a bridge: ACLED codes the blockade as a protest."""
    subject, passive = _subject(token)
    if subject is None or passive or not set(_object_words(token).split()) & ROADWAYS:
        return False
    words = {t.lower_ for t in subject.subtree}
    armed = words & TROOP_WORDS or re.search(r"\b(?:army|police|gunmen|militants|rebels)\b", " ".join(words))
    return not armed and (subject.pos_ in {"NOUN", "PROPN"} or subject.ent_type_ == "NORP")


def _participle_doer(verb):
    """'Gunmen on motorcycles killed 137 people', hung by the parser on a date line as a participle of 'Gunmen': a
    participle with an object is active, so the noun it hangs on did it."""
    if verb.dep_ == "acl" and any(c.dep_ == "dobj" for c in verb.children):
        return verb.head
    return None


def _accused(token):
    """The party accused of the act: 'accused Moscow of sending soldiers' → Moscow."""
    if token.dep_ not in {"pcomp", "pobj"} or token.head.lower_ != "of" or _lemma(token.head.head) != "accuse":
        return None
    return next((c for c in token.head.head.children if c.dep_ in {"dobj", "obj"}), None)


def _denied(token) -> bool:
    """'denied that troops burned homes', 'denied killing civilians': the act is told inside a denial, whose own date
    ('in a statement yesterday') is when it was denied, not when the act happened."""
    node = token
    for _ in range(3):
        if node.dep_ not in {"ccomp", "xcomp", "pcomp", "pobj", "prep", "dobj"} or node.head == node:
            return False
        node = node.head
        if node.lemma_.lower() == "deny":
            return True
    return False


def _governing_chain(token) -> list:
    """The trigger and the verbs whose mood it shares: 'may attack and capture', 'could try to storm'; not the verb
    of another clause it happens to hang from ('the figures could not be verified')."""
    chain = [token]
    while token.pos_ in {"NOUN", "PROPN", "ADP"} and token.dep_ in {"pobj", "prep", "dobj", "conj", "appos", "nsubj",
                                                                     "attr"} \
            and token.head != token:
        token = token.head  # a noun trigger shares the mood of the verb it hangs from: 'will rely on airstrikes'
        chain.append(token)
    while len(chain) < 6 and chain[-1].head != chain[-1] and (
            chain[-1].dep_ in {"xcomp", "conj"} or chain[-1].dep_ == "advcl" and chain[-1].tag_ == "VBG"):
        chain.append(chain[-1].head)
    return chain


MANDATIVE_VERBS = {"demand", "insist", "urge", "ask", "order", "request", "require", "recommend", "propose",
                   "suggest", "command", "decree"}


TREND_VERBS = {"become", "rise", "increase", "grow", "decline", "surge", "mount", "soar", "double", "drop"}
SPAN_OF_TIME = re.compile(r"\b(?:in recent (?:years|months|weeks|decades)|since (?:\d{4}|the \d{4}s)|over the (?:past|last) "
                          r"(?:\w+ )?(?:years|months|weeks|decades)|for (?:years|decades|months)|every (?:day|week|month|"
                          r"year))\b", re.I)
SERIES_WORDS = {"spate", "series", "wave", "string", "dozens", "scores", "hundreds", "thousands", "number", "campaign"}


def _generic_plural(token) -> bool:
    """A kind of event, not one: 'attacks on aid workers are rising', 'suicide attacks have become common', 'a spate
    of attacks in recent years', 'dozens of attacks since 2015', 'using IEDs to target security forces'."""
    if token.tag_ != "NNS" or any(c.dep_ in {"det", "poss", "nummod"} and c.lower_ not in {"some", "many"}
                                  for c in token.children):
        return False
    head = token.head
    if token.dep_ == "nsubj" and _lemma(head) in TREND_VERBS | {"be"} and (
            _lemma(head) in TREND_VERBS or any(c.dep_ == "acomp" and c.lower_ in {"common", "frequent", "rare",
                                                                                 "routine", "rising"}
                                               for c in head.children)):
        return True
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in SERIES_WORDS \
            and SPAN_OF_TIME.search(token.sent.text):
        return True
    return token.dep_ in OBJECTS and _lemma(head) in {"use", "employ", "deploy", "plant"} \
        and any(c.dep_ == "aux" and c.lower_ in {"have", "has", "been"} for c in head.children) \
        and head.tag_ == "VBG"  # 'have been using IEDs': a habit, not an attack


def _event_noun_did_it(token, triggers) -> bool:
    """A verb of impact ('hit', 'struck', 'pounded', 'targeted') whose subject is itself an event noun of the sentence."""
    if token.pos_ != "VERB" or _lemma(token) not in {"hit", "strike", "target", "pound", "rock", "shake"}:
        return False
    subject, passive = _subject(token)
    if subject is None or passive or subject.head != token:
        return False
    told = {subject} | {obj for prep, obj in _preps(subject) if prep == "of" and subject.lower_ in SERIES_WORDS}
    return any(other in told and other.pos_ in {"NOUN", "PROPN"} for other, _ in triggers)  # 'a wave of attacks hit'


def _a_tally_of_ground(token) -> bool:
    """Ground counted rather than a place taken: an area ('1,263 square kilometers') or a running count of
    settlements over a period ('93 settlements since the incursion began')."""
    words = {t.lower_ for t in token.sent if t.i > token.i}
    if "square" in words and words & {"kilometers", "kilometres", "km", "miles"}:
        return True
    counted = [t for t in token.sent if t.i > token.i and t.dep_ == "nummod"
               and t.head.lemma_.lower() in {"settlement", "village", "town", "locality"}]
    return any((parse_number(t.text) or 0) >= 10 for t in counted) and bool(PERIOD.search(token.sent.text))


WEAPON_WORDS = {"weapon", "arms", "ammunition", "device", "explosive", "bomb", "mine", "rifle", "gun", "rocket",
                "shell", "grenade", "cache", "stockpile", "depot"}
IMPACT_LEMMAS = {"strike", "hit", "target"}  # verbs of a strike whose equipment may have survived it
FINDING_VERBS = {"seize", "find", "discover", "confiscate", "defuse", "dismantle", "recover", "uncover", "store",
                 "stockpile", "manufacture", "smuggle", "make", "possess", "hide", "capture"}


def _frames_the_verb(token, triggers) -> bool:
    """A generic attack noun in an adjunct of another trigger verb ('In a separate attack on Sunday, a motorcycle
    bomb exploded ...') names that verb's act, not a second one."""
    if token.pos_ != "NOUN" or token.lower_ not in {"attack", "assault", "incident"} or token.dep_ != "pobj" \
            or token.head.lower_ not in {"in", "during"}:
        return False
    verb = token.head.head
    if _lemma(verb) in KILLING_LEMMAS | {"wound", "injure"}:
        return False  # 'five people were killed in an attack on the market': the attack is the event
    return any(other.i == verb.i and other.pos_ == "VERB" for other, _ in triggers)


def _long_awaited(adjective) -> bool:
    """'its long-threatened invasion', 'the long-expected offensive': threatened long ago, happening now."""
    return adjective.i >= 2 and adjective.nbor(-1).text == "-" and adjective.nbor(-2).lower_ in {"long", "much"}


def _broken_agreement(token) -> bool:
    """'after a Chinese-brokered ceasefire collapsed', 'the truce broke down', 'violated the ceasefire', 'accused each
    other of breaching the truce', 'the collapse of the ceasefire': an agreement broken is none reached."""
    node = token
    while node.dep_ == "conj":
        node = node.head
    head = node.head
    if node.dep_ == "nsubj":
        return _lemma(head) in BREAKDOWN_VERBS or _lemma(head) in {"break", "fall"} and any(
            c.dep_ in {"prt", "advmod"} and c.lower_ in {"down", "apart"} for c in head.children)
    if node.dep_ in OBJECTS | {"nsubjpass"}:
        return _lemma(head) in BREACHING_VERBS
    if node.dep_ == "pobj" and head.lower_ == "of":
        return head.head.lemma_.lower() in BREAKDOWN_NOUNS
    return node.dep_ == "pobj" and head.lower_ == "from" and _lemma(head.head) in {"withdraw", "pull", "exit"}


def _is_hypothetical(token) -> bool:
    chain = _governing_chain(token)
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for node in chain for c in node.children):
        return True
    if any(_avoided(node) for node in chain[1:]):
        return True  # 'withdrew to avoid being encircled', 'in order to prevent an attack': kept from happening
    for node in chain:
        if any(c.dep_ == "aux" and c.lower_ in MODAL_WORDS for c in node.children):
            return True
        if any(c.dep_ in {"advmod", "acomp"} and c.lower_ in {"likely", "probably", "possibly", "perhaps"}
               for c in node.children):
            return True  # 'is likely attempting to regain the initiative': an assessment of intent
        if any(c.dep_ == "neg" for c in node.children) and node.lemma_ not in FAILURE_VERBS and node is token:
            return True
    if any(c.dep_ == "amod" and c.lower_ in HYPOTHETICAL_ADJ and not _long_awaited(c) for c in token.children):
        return True
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
    purpose = token.dep_ in {"acl", "advcl", "relcl"} or token.dep_ == "xcomp" and token.head.pos_ in {"NOUN", "PROPN"}
    if infinitive and purpose and not _is_attempt(token):
        return True  # 'launched an offensive to retake Mosul', 'a push to capture the airport': the aim, not the deed
    if token.dep_ in {"xcomp", "acl"} and token.head.lemma_.lower() in INTENT_TO_HEADS \
            and not _withdrawal_ordered(token):
        return True  # 'is expected to withdraw', 'agreed to pull back', 'is likely to fall'
    for node in chain[1:]:
        if node.dep_ in {"xcomp", "ccomp"} and node.head.lemma_.lower() in INTENT_TO_HEADS \
                and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
            return True  # 'we expect ISIS to consolidate rather than assault Baghdad'
    if token.dep_ == "ccomp" and token.tag_ in {"VB", "VBP"} and _lemma(token.head) in MANDATIVE_VERBS:
        return True  # 'demanded that the army leave Kidal': what is demanded, not done
    before = [t.lower_ for t in token.doc[max(token.sent.start, token.i - 4):token.i]]
    if any(before[i:i + 2] == ["or", "face"] for i in range(len(before) - 1)):
        return True  # '... leave the town or face attack', 'or face military action': the ultimatum's penalty
    if any(c.dep_ == "cc" and c.lower_ == "than" for c in token.children):
        return True  # '... rather than assault Baghdad': the alternative not taken
    if _deliberated(token):
        return True
    if _generic_plural(token):
        return True
    if token.dep_ == "xcomp" and _lemma(token.head) in {"continue", "keep"} and token.head.dep_ == "relcl" \
            and token.head.tag_ in {"VBP", "VBZ"}:
        return True  # 'rife with insurgents who continue to ambush regime forces': what they do, not an event
    if token.dep_ in {"nsubj", "nsubjpass"} and any(c.dep_ == "acomp" and c.lower_ in UNCERTAIN_STATES
                                                     for c in token.head.children):
        return True  # 'a Russian-brokered ceasefire is possible
    return token.dep_ == "conj" and token.head.lemma_ in INTENT_HEADS


def _withdrawal_ordered(token) -> bool:
    """'said he had ordered his troops to withdraw from Avdiivka': a commander's order to his troops to pull back,
    told as given, is the withdrawal (ACLED codes it when it happened); not 'will order', 'ordered residents to
    leave' or an order to attack, which is an aim."""
    order = token.head
    if _lemma(order) != "order" or order.tag_ not in {"VBD", "VBN"} or not _retreat_verb(token):
        return False
    if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in MODAL_WORDS for c in order.children):
        return False
    return _troops_ordered(order) is not None


def _troops_ordered(order):
    """The troops an order is given to: 'ordered his troops to withdraw'."""
    return next((c for c in order.children if c.dep_ in OBJECTS and c.lower_ in TROOP_WORDS), None)


def _retreat_verb(token) -> bool:
    """'withdraw', 'retreat', 'pull back', 'fall back'."""
    particles = {(_lemma(token), c.lower_) for c in token.children if c.dep_ == "prt"}
    return VERB_TRIGGERS.get(_lemma(token)) == "retreat" \
        or any(PARTICLE_TRIGGERS.get(pair) == "retreat" for pair in particles)


def _avoided(verb) -> bool:
    """'to avoid being encircled', 'prevented an attack'; not 'failed to prevent the attack', 'could not avert it'."""
    if _lemma(verb) not in AVOIDANCE_VERBS or any(c.dep_ == "neg" for c in verb.children):
        return False
    return not (verb.dep_ == "xcomp" and _lemma(verb.head) == "fail")


DELIBERATION_WORDS = {"consider", "weigh", "discuss", "mull", "contemplate", "option", "debate", "propose",
                      "threaten", "plan", "expect", "fear", "warn", "predict", "anticipate", "forecast", "intention",
                      "intent", "threat"}
UNCERTAIN_STATES = {"possible", "likely", "unlikely", "probable", "imminent", "expected", "feared", "planned"}


def _deliberated(token) -> bool:
    """'is considering all options, including air strikes', 'threatened airstrikes': something weighed, not done.
    The trigger must sit inside what that verb or noun governs, below the clause's own subject."""
    return _governed_by(token, DELIBERATION_WORDS, steps=5,
                        stop=lambda node: any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children))


def _governed_by(token, words: set[str], *, steps: int, stop) -> bool:
    """One of ``words`` governs the trigger, below the first ancestor where ``stop`` says the climb ends."""
    node = token
    for _ in range(steps):
        if node.head == node:
            return False
        node = node.head
        if node.lemma_.lower() in words:
            return True
        if stop(node):
            return False
    return False


def _is_attempt(token) -> bool:
    """'tried to storm Ternova', 'an attempt by IS to encircle the airbase': an attack, whatever it aimed at."""
    return token.dep_ in {"xcomp", "acl"} and token.head.lemma_ in {"try", "attempt", "seek"}


AIR_WORDS = re.compile(r"\b(?:air|aircraft|airstrikes?|warplanes?|jets?|drones?|helicopters?|uavs?|bombers?|"
                       r"air force|aerial|sorties?|bayraktar|shahed|glide bombs?|guided bombs?|barrel bombs?|kabs?|"
                       r"air-dropped|fab-\d+)\b", re.I)
EXPLOSIVE_WORDS = re.compile(r"\b(?:bombs?|ieds?|explosives?|explosive devices?|(?:land)?mines?|vbieds?|"
                             r"booby[- ]traps?)\b", re.I)
ARTILLERY_WORDS = re.compile(r"\b(?:artillery|shell\w*|mortars?|rockets?|missiles?|howitzers?|grads?|himars|"
                             r"barrage|katyusha)\b", re.I)


def _strike_kind(token) -> str | None:
    """'struck', 'hit', 'targeted', 'bombing': an air strike, a shelling or a planted bomb, by what the sentence
    says did it; 'a hunger strike', 'went on strike' are not attacks at all."""
    if token.pos_ == "NOUN" and token.lemma_.lower() == "strike" and _labour_strike(token):
        return "protest"
    text = token.sent.text
    if re.search(r"\bsuicide (?:car |truck )?bombers?\b", text, re.I):
        return "suicide"  # 'a suicide bomber struck the airfield': no aircraft
    if CHEMICAL_WORDS.search(text):
        return "chemical"  # 'rockets with chemical agents hit Zamalka'
    if AIR_WORDS.search(text):
        return "airstrike"
    if ARTILLERY_WORDS.search(text):
        return "shelling"
    if token.lemma_.lower() in {"bombing", "bomb"} or EXPLOSIVE_WORDS.search(text):
        return "ied"  # 'a roadside bomb struck a police vehicle'
    return "airstrike" if token.pos_ == "NOUN" else "shelling"


CHEMICAL_WORDS = re.compile(r"\b(?:chemical (?:agents?|weapons?|munitions?)|sarin|chlorine|mustard gas|nerve agents?|"
                            r"poison(?:ous)? gas|toxic gas)\b", re.I)


WORKFORCE = re.compile(r"\b(?:workers?|unions?|employees|staff|miners|drivers|nurses|teachers|doctors|dockers|"
                       r"strikers|labou?r|work)\b", re.I)


HARM_WORDS = re.compile(r"\b(?:kill\w*|wound\w*|injur\w*|dead|died|destroy\w*|damag\w*|hit|struck|casualt\w+)\b",
                        re.I)


def _labour_strike(token) -> bool:
    """'a hunger strike', 'went on strike', '500,000 workers stopped work on the first day of an open-ended strike':
    a strike by a workforce, with no weapon named, is a protest."""
    modifiers = {c.lower_ for c in token.children if c.dep_ in {"amod", "compound", "poss", "nmod"}}
    went_on = token.dep_ == "pobj" and token.head.lower_ == "on" and token.head.head.lemma_ in {"go", "be", "stay"}
    text = token.sent.text
    by_workers = WORKFORCE.search(text) is not None and not (
        AIR_WORDS.search(text) or ARTILLERY_WORDS.search(text) or EXPLOSIVE_WORDS.search(text)
        or HARM_WORDS.search(text))  # 'a Russian strike on Kharkiv killed two workers
    return bool(modifiers & LABOUR_STRIKE_WORDS) or went_on or by_workers


def _is_headline(sent, text: str) -> bool:
    """The first line of a report when it is a title: short, on its own line, no closing punctuation."""
    return sent.start_char <= HEADLINE_MAX and sent.start_char < headline_end(text)


HEADLINE_MAX = 200  # characters: a first line ending later is no title


def headline_end(text: str) -> int:
    """Where the report's title ends (0 when its first line is no title)."""
    first_line_end = text.find("\n", re.match(r"\s*", text).end())
    if first_line_end < 0 or first_line_end > HEADLINE_MAX:
        return 0
    line = text[:first_line_end].strip()
    return first_line_end if len(line) < 160 and not line.endswith((".", "!", "?", "\"", "”")) else 0


def _on_a_life(token) -> bool:
    """'survived an attack on his life', 'an attempt on her life'."""
    return any(prep == "on" and obj.lower_ in {"life", "lives"} for prep, obj in _preps(token))


def _unnamed(actor: Mention | None) -> bool:
    """No attacker, or one the report says it cannot name ('unidentified armed men', 'unknown gunmen')."""
    return actor is None or bool(re.search(r"\b(?:unidentified|unknown|suspected)\b", actor.text, re.I)) \
        or bool(NAMELESS_ATTACKERS.fullmatch(actor.text.strip()))


# 'gunmen stormed the college ... al-Shabaab claimed responsibility': words for attackers that name no one.
NAMELESS_ATTACKERS = re.compile(r"(?:(?:the|a|an|some|several|two|three|four|five|six|\d+)\s+)?(?:(?:armed|masked|"
                                r"heavily armed|suicide)\s+)?(?:gunmen|gunman|armed men|attackers?|assailants?|"
                                r"bombers?|militants|insurgents|terrorists|jihadists)", re.I)


def _nation_in(actors, doc: Document, phrase) -> Mention | None:
    """'The Azerbaijani defence ministry', 'Azerbaijani President Ilham Aliyev': a nationality inside a speaker's
    phrase names that state's forces."""
    if actors is None:
        return None
    for token in phrase.subtree:
        if token.text[:1].isupper() and actors.is_demonym(token.text):
            return Mention(token.text, token.idx, _end_char(token), "actor", doc.sentence_index(token.idx),
                           attrs={"lookup": f"{token.text} forces"})
    return None


def _state_forces(place: Mention) -> Mention | None:
    """A country's name standing for its forces, as an actor mention; None when the place is not a country."""
    candidates = place.attrs.get("candidates") or []
    if not candidates or candidates[0].feature_type != "country":
        return None
    return Mention(place.text, place.start, place.end, "actor", place.sentence,
                   attrs={"state_of": candidates[0].country_code})


def _listed_title(sent) -> bool:
    """'* 2014 Bagram Airfield bombing' under 'See also', '- 2016 Ankara bombing': a bulleted name of another
    event, with no verb, is a reference, not news of it."""
    text = sent.text.strip()
    return bool(re.match(r"^[*•\-–]\s", text)) and not any(t.pos_ in {"VERB", "AUX"} for t in sent) \
        and not text.endswith(".")


SECTION_HEADING_WORDS = 6


def _section_heading(sent, text: str) -> bool:
    """'Attack', 'Casualties', 'Responsibility and aftermath': a short line of its own with no verb and no closing
    punctuation heads the section that tells the event; it is not an event."""
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    line_end = text.find("\n", sent.start_char + len(sent.text.rstrip()))
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return line.strip() == sent.text.strip() and len(sent.text.split()) <= SECTION_HEADING_WORDS \
        and not sent.text.strip().endswith((".", "!", "?", ":", "\"", "”")) \
        and not any(t.pos_ in {"VERB", "AUX"} for t in sent)


def _civilian(mention: Mention) -> bool:
    return bool(CIVILIAN_WORDS.fullmatch(mention.text.strip()))


def _is_modifier(token) -> bool:
    """'captured vehicles', 'regiments fighting in the desert', 'detention centre', 'attack helicopters': a word
    describing a noun is not an event."""
    if token.dep_ == "compound" and token.pos_ in {"NOUN", "PROPN"}:
        return True
    if token.dep_ == "attr" and token.head.lemma_ == "be" and token.pos_ == "NOUN":
        return True  # 'Every street is a battle': a description, not a new event
    if _verb_read_as_modifier(token):
        return False
    return token.dep_ in {"amod", "acl", "compound"} and token.tag_ in {"VBN", "VBG", "JJ"}


def _describes_a_noun(token) -> bool:
    """A trigger word the sentence uses only to describe a noun ('kidnapped travellers', 'attack helicopters')."""
    return _is_modifier(token) and not misparsed_verb(token)


def _verb_read_as_modifier(token) -> bool:
    """'Coalition-backed Yemeni forces advanced into the outskirts': finding no main verb, the small model makes the
    verb a modifier of the troops it follows, which are its subject."""
    head = token.head
    if token.dep_ != "acl" or token.tag_ not in {"VBN", "VBD"} or head.i > token.i or _agent(token) is not None:
        return False
    top = head  # the noun phrase the verb hangs in: 'assailants from the CODECO armed group', 'Hundreds of teachers'
    while top.dep_ == "pobj" and top.head.dep_ == "prep":
        top = top.head.head
    if any(c.dep_ == "dobj" for c in token.children) and (top.dep_ == "ROOT" or top.dep_ == "nsubj"
                                                          and top.head.i > token.i):
        return True  # 'assailants from the CODECO armed group killed at least 45 people': no reduced relative
    if top.dep_ == "ROOT" and head.lower_ in PERSON_WORDS | PROTESTER_WORDS | TROOP_WORDS | QUANTITY_HEADS:
        return True  # 'Hundreds of teachers protested in Peshawar': no verb left for the sentence but this one
    if not (head.lower_ in TROOP_WORDS or head.lower_ in {"militias", "militia", "groups"}):
        return False
    return head.dep_ == "ROOT" or head.dep_ == "nsubj" and head.head.i > token.i and (
        _lemma(head.head) in REPORTING_VERBS | {"say", "report"}) or _allied_read_as_verb(head)


# Participles that describe the troops after them: 'the RSF and allied Arab militias killed ...'.
ADJECTIVAL_PARTICIPLES = frozenset({"ally", "align", "affiliate", "link", "back", "support"})


def _allied_read_as_verb(noun) -> bool:
    """'The RSF and allied militias killed 280 civilians': the small model makes 'allied' the sentence's verb,
    'militias' its object and 'killed' a modifier of them."""
    verb = noun.head
    return noun.dep_ == "dobj" and verb.dep_ in {"ROOT", "ccomp"} and verb.i < noun.i \
        and _lemma(verb) in ADJECTIVAL_PARTICIPLES \
        and all(t.pos_ in {"ADJ", "PROPN", "NOUN"} for t in noun.doc[verb.i + 1:noun.i])


def _subject_of_allied_read_as_verb(verb):
    """'its troops and allied Amhara militias had repelled an attack': the small model makes 'allied' a verb of its
    own, with 'troops' its subject and 'militias' its object, and leaves the verb after them without a subject."""
    if verb.dep_ not in {"ccomp", "conj"} or any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for c in verb.children):
        return None
    allied = next((c for c in verb.head.children if c.i < verb.i and c.dep_ == verb.dep_
                   and _lemma(c) in ADJECTIVAL_PARTICIPLES), None)
    if allied is None:
        return None
    subject = next((c for c in allied.children if c.dep_ == "nsubj"), None)
    objects = [c for c in allied.children if c.dep_ == "dobj"]
    if subject is None or not objects or any(t.pos_ not in {"AUX", "ADV", "PART"}
                                             for t in verb.doc[objects[-1].i + 1:verb.i]):
        return None  # 'had repelled' right after the object: its subject is the one 'allied' took
    return subject


def _subject(token):
    """The grammatical subject of a verb, following xcomp/advcl/conj chains up to the verb that has one."""
    allied_subject = _subject_of_allied_read_as_verb(token)
    if allied_subject is not None:
        return allied_subject, False
    if _verb_read_as_modifier(token):
        head = token.head
        if _allied_read_as_verb(head):  # the troops before 'and allied ...' are the first subject
            first = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            return (first if first is not None else head), False
        return head, False
    node = token
    for _ in range(4):
        if node is not token and _verb_read_as_modifier(node):
            return node.head, False  # 'Armed bandits abducted 40 people and killed six others': the troops it hangs on
        subjects = [child for child in node.children if child.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        if subjects:  # two subjects are a misparse ('SRINAGAR (Reuters) - Indian authorities imposed'): the nearer
            child = max((c for c in subjects if c.i < node.i), key=lambda c: c.i, default=subjects[0])
            return child, child.dep_ in PASSIVE_SUBJECTS
        if node.dep_ in {"xcomp", "advcl", "conj", "dobj", "pobj", "pcomp", "prep", "ccomp", "relcl", "acl",
                         "npadvmod"} and node.head != node:  # 'npadvmod': 'a day after taking Bayhan'
            node = node.head
        else:
            break
    return None, False


def _agent(token):
    for child in token.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


LEAVING_PARTICLES = {"out", "away", "back", "off"}


def _preps(token):
    """A word's prepositions with their objects; 'out of X', 'back from X' (the particle parsed as a preposition,
    a particle or an adverb) are read as 'from X': 'pushed the rebels out of Saraqib', 'pulled out of Soledar'."""
    for child in token.children:
        if child.dep_ == "prep":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield child.lower_, grand
        if child.dep_ in {"prep", "prt", "advmod"} and child.lower_ in LEAVING_PARTICLES:
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ in {"of", "from"}:
                    for obj in grand.children:
                        if obj.dep_ == "pobj":
                            yield "from", obj


# ---- arguments -------------------------------------------------------------------------------------------------

def _places_in(index: MentionIndex, token) -> tuple[Mention, ...]:
    """The places a phrase names, less those in a description of a place it names: 'Staryi Saltiv, a small town on
    the Siverskyi Donets reservoir east of Kharkiv' is Staryi Saltiv."""
    found = index.in_subtree("place", token)
    if not found:
        return ()
    if index.at_token("place", token) is None:  # 'in both regions to mark the swearing-in in Yaoundé': not there
        described = [child for child in token.children if child.dep_ in {"relcl", "acl"} and child.tag_ == "VB"]
    else:
        described = [child for child in token.children if child.dep_ in {"appos", "relcl", "acl"}]
    return tuple(m for m in found if not any(
        c.left_edge.idx <= m.start < _end_char(c.right_edge) for c in described))


DISTINCT_WORDS = {"separate", "another", "second", "third", "new", "further", "additional", "unrelated"}


def _set_apart(token) -> bool:
    """'a separate attack', 'another raid'; or an act told 'In a separate attack on Saturday, gunmen opened fire'."""
    return any(c.lower_ in DISTINCT_WORDS for c in token.children) or any(
        prep in {"in", "during"} and any(c.lower_ in DISTINCT_WORDS for c in frame.children)
        for prep, frame in _preps(token))


def _named_group_head(index: MentionIndex, token) -> bool:
    """'PKK guerrillas', 'Taliban gunmen': a group's name on the noun (compound or modifier) names who they are."""
    return any(c.dep_ in {"compound", "amod", "nmod"} and index.at_token("actor", c) for c in token.children)


def _agent_actor(index: MentionIndex, agent) -> Mention | None:
    """Who a 'by' phrase names, not counting a conjoined thing that is no actor ('air strikes by drones and the
    deployment of hundreds of troops': the troops are not the drones' operators)."""
    found = _first_actor(index, agent)
    if found is None:
        return None
    foreign = [c for c in agent.children if c.dep_ == "conj" and index.at_token("actor", c) is None
               and c.lemma_.lower() not in TROOP_WORDS | PERSON_WORDS]
    inside = any(c.left_edge.idx <= found.start < _end_char(c.right_edge) for c in foreign)
    return None if inside else found


def _inside_a_claim(token) -> bool:
    """'al-Shabaab claimed responsibility, saying it had targeted the ministry', 'JNIM claimed the attack, saying it
    had targeted the army': the act claimed, told before."""
    return any(_lemma(node) == "claim" and any(_names_the_act_claimed(c) for c in node.children)
               for node in token.ancestors)


def _names_the_act_claimed(child) -> bool:
    """'responsibility', 'credit', or the act itself as the claim's object ('claimed the attack', 'the bombing')."""
    return child.lower_ in AUTHORSHIP_WORDS or child.dep_ == "dobj" and bool(NOUN_TRIGGERS.get(child.lemma_.lower()))


def _first_actor(index: MentionIndex, token) -> Mention | None:
    """The actor a noun phrase names; for a pronoun ('it', 'they'), the last actor named before it in the sentence."""
    found = index.in_subtree("actor", token)
    described = [c for c in token.children if c.dep_ == "relcl"]
    if described:  # 'the Alliance, which includes the Arakan Army, ...': the members are not the subject
        found = [m for m in found if not any(c.left_edge.idx <= m.start < _end_char(c.right_edge) for c in described)]
    if len(found) > 1 and _bare_fighters(found[0]) and not _civilian(found[1]) \
            and not BACKER.search(token.doc.text[found[0].end:found[1].start]):
        return found[1]  # 'militants loyal to the Islamic State', 'fighters from the Arakan Army'; not 'rebels
        # backed by Russian troops'
    if found:
        return found[0]
    if token.pos_ == "PRON" and token.lower_ in {"it", "they", "he", "she", "we"}:
        sent = token.sent
        before = [m for m in index.within("actor", sent.start_char, token.idx) if not _civilian(m)
                  and not _in_a_description(token.doc, m, token)
                  and not backs_another(token.doc.text, sent.start_char, m)]  # 'X, backed by Y, said they ...'
        if before:
            return before[-1]
        return _last_sentences_doer(index, token) if token.i == sent.start and token.lower_ == "they" else None
    return None


def _last_sentences_doer(index: MentionIndex, pronoun) -> Mention | None:
    """'The fighters broke into warehouses ... They also burned several houses': a sentence that opens with 'They'
    goes on about the armed doers of the sentence before (its main verb's subject), not whoever was named last."""
    if pronoun.sent.start == 0:
        return None
    previous = pronoun.doc[pronoun.sent.start - 1].sent
    subject, passive = _subject(previous.root)
    if subject is None or passive or subject.pos_ == "PRON":
        return None
    doer = index.in_subtree("actor", subject)
    return doer[0] if doer and not _civilian(doer[0]) else None


def _in_a_description(sp, mention: Mention, pronoun) -> bool:
    """'The al-Shabaab group, which is linked to al-Qaida, said it ...': an actor inside a relative clause about
    another is not who 'it' is."""
    span = sp.char_span(mention.start, mention.end, alignment_mode="expand")
    clause = next((t for t in span.root.ancestors if t.dep_ == "relcl"), None) if span is not None else None
    return clause is not None and not clause.left_edge.i <= pronoun.i <= clause.right_edge.i


# Verbs whose joint subject is both sides ('the army and the rebels clashed'), not allies acting together.
RECIPROCAL_VERBS = {"clash", "fight", "battle", "skirmish", "exchange", "engage", "duel", "trade"}

BARE_FIGHTERS = re.compile(r"(?:the\s+)?(?:militants|fighters|gunmen|insurgents|jihadists|rebels|members|elements|"
                           r"militiamen|combatants|troops|forces|units)", re.I)


def _bare_fighters(mention: Mention) -> bool:
    return bool(BARE_FIGHTERS.fullmatch(mention.text.strip()))


def _governing_verb(token):
    """The verb a noun phrase hangs from, through prepositions and nouns: 'claimed responsibility for the attack'."""
    node = token
    for _ in range(4):
        if node.head == node:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
        if node.dep_ not in {"prep", "pobj", "dobj", "obj", "compound", "amod", "attr", "appos", "conj"} \
                and node.pos_ not in {"ADP", "NOUN", "PROPN"}:
            return None
    return None


def _blamed_actor(index: MentionIndex, token) -> Mention | None:
    lemma = _lemma(token)
    if token.pos_ != "VERB" or lemma not in {"blame", "attribute", "claim", "accuse"}:
        return None
    objects = [c for c in token.children if c.dep_ in OBJECTS]
    if lemma == "claim":
        subject, passive = _subject(token)
        claimed_act = any(o.lemma_ == "responsibility" or NOUN_TRIGGERS.get(o.lemma_.lower()) and any(
            c.dep_ in {"det", "predet"} and c.lower_ in {"the", "this", "that", "these", "those", "both", "all"}
            for c in o.children) for o in objects)
        if subject is None or passive or not claimed_act:
            return None  # 'claimed responsibility', 'later claimed the attack'; not 'claimed Tadmur'
        return _first_actor(index, subject)
    if lemma == "accuse":
        return next((a for a in (_first_actor(index, o) for o in objects) if a is not None), None)
    wanted = "on" if lemma == "blame" else "to"
    for node in (token, *objects):  # the parser hangs 'on the LNA' on the verb or on 'the strike'
        for prep, obj in _preps(node):
            if prep == wanted:
                return _first_actor(index, obj)
    if lemma == "blame":  # 'It blamed the ELN's Northeastern War Front', 'blamed Boko Haram for the attack'
        return next((a for a in (_first_actor(index, o) for o in objects) if a is not None and not _civilian(a)), None)
    return None


def _is_comparison(mention: Mention, doc: Document) -> bool:
    """'territory the size of Belgium', 'villages near the border with Mali': a yardstick, not a place where anything
    happened."""
    before = doc.text[max(0, mention.start - 30):mention.start].lower()
    return bool(re.search(r"(?:size of|as large as|larger than|bigger than|smaller than|area of|border with|"
                          r"frontier with)\s+(?:the\s+)?$", before))


def _an_area(place: Mention) -> bool:
    """The gazetteer's first reading of the name is a province, region or country, not a town or a site."""
    candidates = place.attrs.get("candidates") or []
    return bool(candidates) and candidates[0].feature_type in {"admin1", "admin2", "country"}


def _is_destination(mention: Mention, doc: Document) -> bool:
    """Where someone went: 'fled to X', 'heading towards the district of X'; and the places listed after it ('... and
    the provincial capital Y')."""
    before = doc.text[max(0, mention.start - 60):mention.start]
    if LISTED_AFTER.search(before):
        previous = [m for m in doc.mentions if m.type == "place" and mention.start - 60 <= m.end < mention.start]
        return bool(previous) and LISTED_AFTER.fullmatch(doc.text, previous[-1].end, mention.start) is not None \
            and _is_destination(previous[-1], doc)
    return bool(DESTINATION_BEFORE.search(before)) \
        and bool(re.search(r"\b(?:fled|flee|fleeing|retreat\w*|withdr\w+|routed|escap\w+|head\w*|evacuat\w+|sent|"
                           r"pulled back|fell back|moved|all the way|(?:most|many|some|all|others) of them)\b",
                           doc.text[max(0, mention.start - 80):mention.start], re.I))


# What a place is called before its name: 'the district of Mueda', 'the provincial capital Pemba', 'the border town of'.
PLACE_DESCRIPTION = (r"(?:(?:[\w-]+\s+){0,2}?(?:"
                     + "|".join(SETTLEMENT_WORDS + FIRST_LEVEL_WORDS + ("capital", "camp", "county"))
                     + r")\s+(?:of\s+)?)?")
# 'into the town of X' is where troops went in ('moved into the Georgian city of Gori'), not a destination named.
DESTINATION_BEFORE = re.compile(
    r"\b(?:(?:to|towards|toward|for)\s+(?:the\s+)?" + PLACE_DESCRIPTION + r"|into\s+(?:the\s+)?)$", re.I)
LISTED_AFTER = re.compile(r"(?:,\s*|\s+)(?:and|or)\s+(?:the\s+)?" + PLACE_DESCRIPTION + "$", re.I)


class TriggerReader:
    """Reads the arguments of one trigger token."""

    def __init__(self, doc: Document, index: MentionIndex, token, cls: str, *, actors=None) -> None:
        self.doc, self.index, self.token, self.cls, self.actors = doc, index, token, cls, actors
        self.actor1: Mention | None = None
        self.actor2: Mention | None = None
        self.places: list[Mention] = []
        self.anaphoric = False
        self.told = False
        self.valid = True  # a strategic trigger whose arguments say it is something else ('withdrew from the talks')
        self.origin = False  # a withdrawal says where from
        self.claimed = False  # a side saying it carried out an act already told
        self.verdict = False  # 'the deadliest attack since 2016': a judgement on an act already told

    def read(self) -> None:
        if self.cls in STRATEGIC_CLASSES:
            {"retreat": self._read_retreat, "mobilize": self._read_mobilize, "base": self._read_base,
             "captive": self._read_verb, "yield": self._read_yield, "threat": self._read_threat,
             "restrict": self._read_restrict, "disarm": self._read_disarm, "expel": self._read_expel,
             "ease": self._read_ease, "drill": self._read_drill}[self.cls]()
            if self.cls == "captive":
                self._fallback_actors()
            return
        if misparsed_verb(self.token):
            self._patient(self.token.head)  # 'bombarded insurgent positions around Monguno': the noun it hangs on
            self._read_preps(self.token.head)
        elif misparsed_passive(self.token):
            subject, _ = _subject(self.token.head)
            if subject is not None:
                self._patient(subject)
            self._read_preps(self.token)
        elif self.token.pos_ in {"NOUN", "PROPN"}:
            self._read_noun()
        else:
            self._read_verb()
        self._between_parties()
        self._joint_subject()
        self._fallback_actors()
        if self.cls in REMOTE_CLASSES and self.actor1 is not None and _civilian(self.actor1):
            self.actor1 = None  # 'Residents fled after shelling hit Latamneh': civilians do not shell
        if self.actor2 is None and self.cls in REMOTE_CLASSES:
            self.actor2 = self._victims()
        if self.cls in {"intervention", "excessive_force"}:
            self._protest_parties()

    def _speaking_country(self, subject) -> Mention | None:
        """'Pakistan says it shot down an Indian jet': 'it' is the country that says so, standing for its forces."""
        if subject.pos_ != "PRON" or subject.lower_ not in {"it", "they", "we"}:
            return None
        verb = subject.head
        while verb.dep_ in {"ccomp", "xcomp", "conj"} and verb.head != verb:
            verb = verb.head
            if _lemma(verb) in REPORTING_VERBS | {"say", "state", "announce", "insist"}:
                speaker, _ = _subject(verb)
                return self._country_as_actor(speaker) if speaker is not None else None
        return None

    def _protest_parties(self) -> None:
        """ACLED puts the protesters first in a protest the police broke up, and the force first when it used
        lethal force: 'police fired tear gas at demonstrators' is Protesters / Police."""
        sent = self.token.sent
        protesters = next((m for m in self.index.within("actor", sent.start_char, sent.end_char)
                           if m is not self.actor1 and PROTESTER_WORDS & set(m.text.lower().split())), None)
        force = self.actor1 if self.actor1 is not protesters else None
        if self.cls == "intervention":
            self.actor1, self.actor2 = protesters, force
        else:
            self.actor1, self.actor2 = force, protesters

    def _between_parties(self) -> None:
        """'fighting between the army and the Kachin Independence Army', 'clashes erupted in Tal Afar between
        Iraqi troops and IS militants': the two sides are named after 'between', whatever the subject is."""
        if self.cls not in {"clash", "territory"}:
            return
        holders = {self.token.i, self.token.head.i}
        for token in self.token.sent:
            if token.lower_ != "between" or not any(a.i in holders for a in (token.head, *token.head.ancestors)):
                continue
            for obj in (c for c in token.children if c.dep_ == "pobj"):
                parties = [m for m in self.index.in_subtree("actor", obj) if not _civilian(m)
                           and not backs_another(self.doc.text, obj.idx, m)]
                if len(parties) < 2:  # the parser lost the second side: 'between X forces, backed by Y, and Z'
                    parties = [m for m in self.index.within("actor", token.idx, token.sent.end_char)
                               if not _civilian(m) and not backs_another(self.doc.text, token.idx, m)][:2]
                if len(parties) < 2:
                    continue
                first, second = parties[0], parties[1]
                if self.actor1 is not None and self.actor1.text == second.text:
                    first, second = second, first  # the side the clause already made the attacker stays first
                self.actor1, self.actor2 = first, second
                return

    def _joint_subject(self) -> None:
        """'Separatist fighters and the army clashed in Kumba', 'Armenian and Azerbaijani forces clashed': the second of
        two joint subjects, or of two nationalities sharing one noun, is the other side."""
        if self.cls != "clash" or self.actor2 is not None or self.token.pos_ != "VERB" \
                or self.token.lemma_.lower() not in RECIPROCAL_VERBS:
            return  # 'Turkish troops and allied rebels pushed into Afrin' are one side
        subject, passive = _subject(self.token)
        if subject is None or passive:
            return
        for other in (c for c in subject.children if c.dep_ == "conj"):
            actor = _first_actor(self.index, other)
            if actor is not None and actor is not self.actor1 and not _civilian(actor):
                self.actor2 = actor
                return
        for modifier in (c for c in subject.children if c.dep_ in {"amod", "compound", "nmod"}):
            for other in modifier.conjuncts:  # 'Armenian and Azerbaijani forces clashed'
                actor = self.index.at_token("actor", other)
                if actor is not None and actor is not self.actor1 and not _civilian(actor):
                    self.actor2 = actor
                    return

    def _victims(self) -> Mention | None:
        """'an airstrike ... killed 27 al Shabaab fighters', '... killing at least nine civilians': whom a strike hit."""
        for token in self.token.sent:
            if token.lemma_ not in {"kill", "wound", "injure", "hit", "shoot"}:
                continue
            victims = [c for c in token.children if c.dep_ in OBJECTS or c.dep_ == "nsubjpass"]
            for victim in victims:
                found = _first_actor(self.index, victim)
                if found is not None and found is not self.actor1:
                    return found
        return None

    def _armed_victim(self) -> Mention | None:
        """'killing 49 civilians and 15 soldiers': an armed group among the dead, whichever of the conjoined groups
        it is; an attack that kills soldiers, gendarmes or police is a battle with them."""
        for group in _armed_dead(self.token.sent):
            found = self.index.within("actor", group.left_edge.idx, _end_char(group))
            armed = [m for m in found if not _civilian(m) and m is not self.actor1]
            if armed:
                return armed[0]
        return None

    def _adjacent_actor(self) -> Mention | None:
        """'... and IS claimed Tadmur': an actor written right before an active verb is its subject, whatever
        the parser attached."""
        token = self.token
        i = token.i - 1
        while i >= token.sent.start and token.doc[i].pos_ in {"ADV", "AUX", "PART"} and token.doc[i].dep_ != "nsubj":
            i -= 1
        if i < token.sent.start:
            return None
        return self.index.at_token("actor", token.doc[i])

    def _read_verb(self) -> None:
        token = self.token
        if _is_attempt(token) and token.head.pos_ == "NOUN":
            self._read_preps(token.head)  # 'an attempt by IS to encircle the airbase': the attempt names the attacker
        subject, passive = _subject(token) if self.actor1 is None else (None, False)
        if subject is not None and subject.tag_ in {"WDT", "WP"} and token.dep_ == "relcl":
            subject = token.head  # 'Russian forces, which seized Izium': the relative pronoun stands for its noun
        if subject is None and self.actor1 is None:
            subject = _participle_doer(token)
        adjacent = self._adjacent_actor() if token.tag_ in {"VBD", "VBZ", "VBP"} else None
        direct = subject is not None and subject.head == token
        if adjacent is not None and (not direct or _first_actor(self.index, subject) is None):
            subject, passive = None, False
            self.actor1 = adjacent
        agent = _agent(token)
        lemma = _lemma(token)
        if subject is not None:
            if passive:
                self._patient(subject)
            elif lemma in LOSER_SUBJECT_VERBS:
                self.actor2 = _first_actor(self.index, subject)
                lost = next((c for c in token.children if c.dep_ in OBJECTS), None)
                if lost is None or self._is_position(lost):  # 'denies losing an aircraft': no ground lost
                    self.places += _places_in(self.index, subject)
                self.actor1 = self.actor1 or self._actor_after_to()
            elif lemma in PLACE_SUBJECT_VERBS:
                self.places += _places_in(self.index, subject)
                self.actor2 = self.actor2 or _first_actor(self.index, subject)
            elif token.tag_ == "VBN" and token.dep_ == "advcl" and subject.head != token:
                self._patient(subject)  # 'Recaptured in 2016, the city was ...': the city was recaptured
            else:
                self.actor1 = self._owner_of_pronoun(subject) or _first_actor(self.index, subject) \
                    or self._country_as_actor(subject) or self._speaking_country(subject)
        if agent is not None:
            self.actor1 = _first_actor(self.index, agent) or self.actor1
        if lemma in LOSER_SUBJECT_VERBS | PLACE_SUBJECT_VERBS:
            self.actor1 = self.actor1 or self._actor_after_to()
        for child in token.children:
            if child.dep_ in OBJECTS:
                self._patient(child)
        self._read_preps(token)

    def _read_noun(self) -> None:
        token = self.token
        if any(c.dep_ == "amod" and c.lower_ in VERDICT_ADJECTIVES for c in token.children):
            self.anaphoric = self.told = self.verdict = True  # '..., the deadliest assault on civilians in ...'
            return
        governor = _governing_verb(token)
        if token.dep_ == "pobj" and token.head.lower_ == "for" \
                and token.head.head.lower_ in {"responsible", "responsibility", "blame", "credit"}:
            self.anaphoric = self.told = True  # 'claimed they were responsible for the attack': told before
            return
        if token.dep_ in OBJECTS | {"pobj"} and governor is not None and _lemma(governor) in REPORTING_VERBS:
            self.anaphoric = self.told = True  # 'the GNA blamed the strike on ...': the strike told before
            if token.dep_ in OBJECTS and governor == token.head and _lemma(governor) == "claim":
                subject, passive = _subject(governor)  # 'Shekau claimed both Nyanya bombings': his group's act
                self.actor1 = _first_actor(self.index, subject) if subject is not None and not passive else None
                self.claimed = self.actor1 is not None
            return
        if token.dep_ in OBJECTS and governor == token.head and _lemma(governor) in PERPETRATION_VERBS \
                and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children):
            self.anaphoric = self.told = self.claimed = True  # 'Jaish-e-Mohammad said it carried out the attack''
        if governor is not None and _lemma(governor) in PROTESTED_VERBS and token.dep_ in OBJECTS | {"pobj", "nmod"}:
            self.anaphoric = self.told = True  # 'youths protesting the massacre': the massacre told before
            return
        for child in token.children:
            if child.dep_ in {"compound", "amod", "poss", "nmod"}:
                self.actor1 = self.actor1 or self.index.at_token("actor", child)
            if child.dep_ == "acl" and _agent(child) is not None:  # 'a device planted by the terrorists'
                self.actor1 = self.actor1 or _first_actor(self.index, _agent(child))
        self._read_preps(token)
        if self.actor1 is None and token.dep_ == "nsubjpass" and _agent(token.head) is not None \
                and _lemma(token.head) in PERPETRATION_VERBS:
            self.actor1 = _first_actor(self.index, _agent(token.head))  # 'the massacre was carried out by Serb forces'
        if self.actor1 is None and token.dep_ in OBJECTS | {"pobj"} and not _referred_to_in_time(token):
            # ('police stepped up patrols after the attack': the police did not attack)
            verb = token.head if token.dep_ in OBJECTS else token.head.head
            subject, passive = _subject(verb)
            if subject is not None and not passive and verb.lemma_ not in FAILURE_VERBS:
                actor = _first_actor(self.index, subject) or self._country_as_actor(subject)
                self.actor1 = actor if actor is None or not _civilian(actor) else None  # 'residents fled the attack'
            elif subject is not None and not passive:
                self._repelled_by(subject)
        if self.actor1 is None:
            self.actor1 = self._killer_of_the_attack(token)
        if self.actor1 is None:
            self.actor1 = self._doer_of_its_beginning(token)
        if self.actor1 is None and any(c.dep_ == "det" and c.lower_ in BACK_POINTING for c in token.children):
            self.anaphoric = True  # 'the assault was repelled': the assault the report just described
        if self.actor1 is None and token.lemma_ in {"loss"}:
            self.actor1 = self._actor_after_to()

    def _doer_of_its_beginning(self, token) -> Mention | None:
        """'The attack began on Friday when militants detonated two car bombs': the doers of the clause that tells
        how it began are the attackers."""
        if token.dep_ != "nsubj" or _lemma(token.head) not in BEGINNING_VERBS:
            return None
        for clause in token.head.children:
            if clause.dep_ == "advcl" and any(c.dep_ in {"advmod", "mark"} and c.lower_ in WHEN_WORDS
                                              for c in clause.children):
                subject, passive = _subject(clause)
                doer = _first_actor(self.index, subject) if subject is not None and not passive else None
                if doer is not None and not _civilian(doer):
                    return doer
        return None

    def _repelled_by(self, subject) -> None:
        """'14 Boko Haram fighters were killed when troops repelled an attack on Konduga': the troops defended,
        so they are the second side, and the attacker is the other armed side the sentence names."""
        defender = _first_actor(self.index, subject)
        if defender is None or _civilian(defender):
            return
        self.actor2 = defender
        sent = self.token.sent
        defenders = self.index.in_subtree("actor", subject)  # 'SAF troops and the allied Joint Forces repelled'
        others = [m for m in self.index.within("actor", sent.start_char, sent.end_char)
                  if m not in defenders and m is not defender and not _civilian(m) and not _bare_fighters(m)
                  and not backs_another(self.doc.text, sent.start_char, m)  # 'troops and allied militias repelled'
                  and any(ch.isupper() for ch in re.sub(r"^(?:The|A|An)\s+", "", m.text))]  # named, not 'The army'
        if others and self.actor1 is None:
            self.actor1 = others[0]

    # -- strategic developments: withdrawals, deployments, bases
    def _doer(self, subject, passive: bool) -> Mention | None:
        """Who withdrew or deployed: the active subject (a country standing for its forces), else the passive's
        agent, else whom the passive subject names ('Russian troops were withdrawn')."""
        if subject is not None and subject.tag_ in {"WDT", "WP"} and self.token.dep_ == "relcl":
            subject = self.token.head
        if passive:
            agent = _agent(self.token)
            found = _first_actor(self.index, agent) if agent is not None else None
            return found or (_first_actor(self.index, subject) if subject is not None else None)
        if subject is not None:
            return _first_actor(self.index, subject) or self._country_as_actor(subject)
        return self._adjacent_actor() if self.token.tag_ in {"VBD", "VBZ", "VBP"} else None

    def _armed(self, node, found: Mention | None) -> bool:
        """An armed side: an actor that is not civilians or protesters, or troops named as such."""
        if node is not None:
            words = {t.lower_ for t in node.subtree}
            if CIVILIAN_WORDS.search(" ".join(words)) and not words & TROOP_WORDS or words & PROTESTER_WORDS:
                return False
            if _head_words(node) & TROOP_WORDS:
                return True
        return found is not None and not _civilian(found) and found.text.lower() not in PROTESTER_WORDS

    def _is_position(self, node) -> bool:
        """A place or a military position ('their positions', 'the base'), not talks, a treaty or an ambassador."""
        if _head_words(node) & POSITION_WORDS or self.index.at_token("place", node) is not None:
            return True
        if node.lemma_.lower() == "control":  # 'ceded control of Kidal'
            return any(prep == "of" and self._is_position(obj) for prep, obj in _preps(node))
        return any(self.index.at_token("place", head) for head in node.conjuncts)

    def _read_retreat(self) -> None:
        token = self.token
        if token.pos_ in {"NOUN", "PROPN"}:
            self._read_retreat_noun()
            return
        lemma = _lemma(token)
        subject, passive = _subject(token)
        if _withdrawal_ordered(token):  # 'he had ordered his troops to withdraw': the troops withdrew
            subject, passive = _troops_ordered(token.head), False
        self.actor1 = self._doer(subject, passive)
        objects = [c for c in token.children if c.dep_ in OBJECTS]
        leaving = lemma in {"flee", "abandon", "evacuate", "vacate", "cede", "hand", "leave", "depart", "relinquish",
                            "give"}
        origins = []
        for obj in objects:
            if leaving:  # 'fled the town', 'abandoned their positions', 'handed the base over'
                if not self._is_position(obj):
                    self.valid = False  # 'evacuated civilians', 'abandoned three tanks'
                origins.append(obj)
            elif not _head_words(obj) & (TROOP_WORDS | {"equipment", "personnel", "weapons", "most", "all", "some"}):
                self.valid = False  # 'withdrew its ambassador', 'withdrew support'
        if leaving and lemma != "flee" and not objects:
            self.valid = False
        for prep, obj in self._retreat_preps():
            if prep == "from":
                if not self._is_position(obj):
                    self.valid = False  # 'withdrew from the talks'
                origins.append(obj)
            elif prep == "to" and lemma in {"hand", "cede", "relinquish", "give"}:
                self.actor2 = _first_actor(self.index, obj)  # 'handed the base over to the army'
        carrier = subject if not (objects and not leaving) else objects[0]
        if not (self._armed(subject, self.actor1) or carrier is not subject and self._armed(carrier, None)):
            self.valid = False
        for origin in origins:
            self.places += _places_in(self.index, origin)
        self.origin = bool(self.places)
        if lemma in {"leave", "depart"} and not origins:
            self.valid = False  # 'troops left for the front' is a deployment; 'the blast left 12 dead' no withdrawal

    def _retreat_preps(self):
        """The verb's prepositions ('out of X' read as 'from X', see `_preps`)."""
        yield from _preps(self.token)
        for obj in (c for c in self.token.children if c.dep_ in OBJECTS):
            for prep, grand in _preps(obj):  # 'withdrew its troops from Kherson' when 'from' hangs on the troops
                if prep == "from":
                    yield prep, grand

    def _read_retreat_noun(self) -> None:
        """'the withdrawal of Russian troops from Kherson', 'the Russian pullout from Izium'; not 'called for the
        withdrawal of', 'an investigation into the withdrawal'."""
        token = self.token
        who = None
        for child in token.children:
            if child.dep_ in {"compound", "amod", "poss", "nmod"}:
                self.actor1 = self.actor1 or self.index.at_token("actor", child)
        for prep, obj in _preps(token):
            if prep == "of" and self._armed(obj, _first_actor(self.index, obj)):
                who = obj
                self.actor1 = self.actor1 or _first_actor(self.index, obj)
            elif prep == "from":
                if not self._is_position(obj):
                    self.valid = False
                    return
                self.places += _places_in(self.index, obj)
        self.origin = bool(self.places)
        governor = _governing_verb(token)
        if self.actor1 is None and governor is not None and token.dep_ in OBJECTS:
            subject, passive = _subject(governor)  # 'Soviet forces completed their withdrawal from Afghanistan'
            if subject is not None and not passive and self._armed(subject, _first_actor(self.index, subject)):
                self.actor1 = _first_actor(self.index, subject)
                who = subject
        if who is None and not (self.actor1 and self.places):
            self.valid = False

    def _read_mobilize(self) -> None:
        """'deployed 2,000 troops to Kharkiv', 'reservists were called up', 'reinforcements arrived in Bakhmut'."""
        token = self.token
        lemma = _lemma(token)
        subject, passive = _subject(token)
        if lemma == "arrive":
            troops = subject if not passive else None
            fresh = troops is not None and (
                _head_words(troops) & {"reinforcement", "reinforcements"} or _head_words(troops) & TROOP_WORDS and any(
                    c.lower_ in {"additional", "fresh", "more", "extra", "new"} for c in troops.children))
            if not fresh:
                self.valid = False
                return
            self.actor1 = _first_actor(self.index, troops)
        elif passive:
            troops = subject
            self.actor1 = self._doer(subject, True)
        else:
            troops = next((c for c in token.children if c.dep_ in OBJECTS), None)
            self.actor1 = self._doer(subject, False) or (_first_actor(self.index, troops) if troops is not None else None)
        words = _head_words(troops) if troops is not None else set()
        if lemma in {"put", "place"}:  # 'put its forces on high alert'
            alert = any(prep == "on" and obj.lemma_.lower() == "alert" for prep, obj in _preps(token))
            wanted = TROOP_WORDS | HARDWARE_WORDS if alert else set()
        elif lemma in {"increase", "boost", "bolster", "strengthen", "step"}:
            wanted = {"presence", "deployment", "troops", "forces", "patrols", "patrol", "security", "checkpoints"}
            # 'increased its military presence', 'stepped up patrols'
        elif lemma in {"conscript", "draft", "recruit", "mobilise", "mobilize"}:
            wanted = TROOP_WORDS | {"men", "youths", "recruits", "volunteers", "children", "boys"}
        elif lemma in {"deploy", "redeploy", "station", "mass", "move"}:
            wanted = TROOP_WORDS | HARDWARE_WORDS  # 'deployed warships to', 'stationed missiles in'
        else:
            wanted = TROOP_WORDS
        if troops is None or not words & wanted:
            self.valid = False  # 'sent aid', 'deployed drones', 'mobilised supporters', 'drafted a law'
            return
        if lemma == "move" and not any(prep in {"to", "into", "toward", "towards", "near"} for prep, _ in _preps(token)):
            self.valid = False  # troops moved somewhere: 'moved troops to the border'
            return
        if any(c.dep_ in {"xcomp", "ccomp", "oprd", "advcl"} and c.tag_ == "VBG" for c in token.children):
            self.valid = False  # 'sent the militiamen running': a rout, not a deployment
            return
        for node in (token, troops):
            for prep, obj in _preps(node):
                if prep in {"to", "into", "in", "at", "near", "along", "on", "toward", "towards", "across", "inside",
                            "around", "outside"}:
                    self.places += _places_in(self.index, obj)

    def _read_yield(self) -> None:
        """ACLED Agreement: 'some 200 Boko Haram fighters surrendered to the army', 'the rebels released 30
        prisoners', 'the two sides exchanged prisoners'."""
        token = self.token
        subject, passive = _subject(token)
        if _surrenders(token):
            if passive or subject is None or not self._armed(subject, _first_actor(self.index, subject)):
                self.valid = False  # 'surrendered their passports'; who surrendered must be armed
                return
            self.actor1 = _first_actor(self.index, subject)
            for prep, obj in (*_preps(token), *(pair for verb in _surrender_conjuncts(token) for pair in _preps(verb))):
                if prep == "to":
                    self.actor2 = self.actor2 or _first_actor(self.index, obj)
        else:
            freed = subject if passive else next((c for c in token.children if c.dep_ in OBJECTS), None)
            if freed is None or not _head_words(freed) & CAPTIVE_WORDS:
                self.valid = False  # 'released a statement', 'freed up funds'
                return
            self.actor1 = self._doer(subject, passive)
        for prep, obj in _preps(token):
            if prep in {"in", "at", "near", "outside", "inside"}:
                self.places += _places_in(self.index, obj)

    def _read_threat(self) -> None:
        """'Iran threatened to launch a new offensive', 'the group vowed to retaliate against Israel', 'warned Kyiv of
        consequences', 'gave the garrison an ultimatum', 'said it would withdraw its troops unless ...': who threatens
        (a named side, a state, a leader) and whom."""
        token = self.token
        if token.pos_ in {"NOUN", "PROPN"}:
            verb = token.head if token.dep_ in OBJECTS else None
            if _lemma(token) != "ultimatum" and (verb is None or _lemma(verb) not in ISSUING_VERBS):
                self.valid = False  # 'the threat of IS', 'warnings of famine': no one issued one here
                return
            subject, passive = _subject(verb) if verb is not None else (None, False)
            threatened = [obj for node in (token, verb) if node is not None for prep, obj in _preps(node)
                          if prep in {"to", "against"}]
            threatened += [c for node in (token, verb) if node is not None for c in node.children
                           if c.dep_ in {"dative", "acl", "relcl"}]
            threatened += [obj for prep, obj in _preps(token) if prep == "of"]  # 'the threat of a nuclear strike'
        elif VERB_TRIGGERS.get(_lemma(token)) != "threat":  # a conditional ultimatum: the act threatened
            subject, passive = _subject(token)
            threatened = [token]
        else:
            subject, passive = _subject(token)
            threatened = [c for c in token.children if c.dep_ in OBJECTS | {"xcomp", "ccomp", "dative"}]
            threatened += [obj for prep, obj in _preps(token) if prep in {"of", "with", "against", "to"}]
        if passive or subject is None or not threatened:
            self.valid = False
            return
        self.actor1 = self._acting_side(subject, False)
        said = {_lemma(t) for node in threatened for t in node.subtree} | {t.lower_ for node in threatened
                                                                          for t in node.subtree}
        menacing = _lemma(token) in {"threaten", "ultimatum"} or said & (THREAT_WORDS | HOSTILE_TRIGGERS)
        named = self.actor1 is not None or _names_someone(_speaker_node(subject) or subject)
        others = [c for c in threatened if _warned_of_others(c)] if _lemma(token) == "warn" else []
        if others and _lemma(others[0]) in THREAT_WORDS:  # 'Khan warned that Pakistan would respond to aggression'
            subject, _ = _subject(others[0])
            self.actor1 = self._acting_side(subject, False) or self.actor1
        elif others:
            self.valid = False  # 'warned that the insurgents may try again': a warning of someone else's threat
            return
        if not named or (self.actor1 is not None and _civilian(self.actor1)) or not menacing:
            self.valid = False  # 'residents were warned to leave', 'aid agencies warned of famine'
            return
        self.actor2 = self._threatened_party(threatened)
        for prep, obj in _preps(token):
            if prep in {"in", "at"}:
                self.places += _places_in(self.index, obj)

    def _read_restrict(self) -> None:
        """'Turkish authorities imposed a curfew in Cizre', 'the city was placed under curfew', 'declared martial
        law': imposed by whom, where; not one lifted, demanded or defied."""
        token = self.token
        noun = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token  # 'state of emergency'
        verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "under" else noun.head
        if token.pos_ == "VERB":  # 'closed the border with Chad'
            noun, verb = next((c for c in token.children if c.dep_ in OBJECTS), token), token
        elif verb is None or _lemma(verb) not in IMPOSING_VERBS:
            self.valid = False
            return
        subject, passive = _subject(verb)
        self.actor1 = self._acting_side(subject, passive)
        for node in (noun, verb):
            for prep, obj in _preps(node):
                if prep in {"in", "on", "across", "throughout", "over"}:
                    self.places += _places_in(self.index, obj)
        if passive and subject is not None:
            self.places += _places_in(self.index, subject)  # 'Cizre was placed under curfew'

    def _read_expel(self) -> None:
        """'Mali expelled the French ambassador', 'Niger deported 300 migrants to Mali': who expelled whom."""
        token = self.token
        subject, passive = _subject(token)
        expelled = _patient_of(token)
        self.actor1 = self._acting_side(subject, passive)
        if self.actor1 is None and not (subject is not None and _names_someone(subject)):
            self.valid = False
            return
        if expelled is not None:
            self.actor2 = _first_actor(self.index, expelled) or self._country_as_actor(expelled)

    def _read_ease(self) -> None:
        """'The rebels lifted the siege of Taiz', 'the government eased the curfew in Cizre'."""
        token = self.token
        subject, passive = _subject(token)
        self.actor1 = self._acting_side(subject, passive)
        eased = subject if passive else next((c for c in token.children if c.dep_ in OBJECTS), None)
        for node in (token, eased):
            for prep, obj in _preps(node) if node is not None else ():
                if prep in {"in", "on", "of", "around", "across", "over", "at", "near", "into", "to"}:
                    self.places += _places_in(self.index, obj)

    def _read_drill(self) -> None:
        """'Russia began large-scale military drills near the border', 'the navy held live-fire exercises off Taiwan':
        armed forces holding exercises; not 'a training exercise for teachers' or 'a drill for fire safety'."""
        token = self.token
        words = {t.lower_ for t in token.subtree if t.i < token.i}
        verb = token.head if token.dep_ in OBJECTS | {"nsubjpass"} else None
        subject, passive = _subject(verb) if verb is not None else (None, False)
        self.actor1 = self._acting_side(subject, passive) if subject is not None else None
        military = words & {"military", "naval", "army", "air", "joint", "live-fire", "combat", "war", "nuclear",
                            "missile", "amphibious", "tank", "artillery"}
        if not military and not (self.actor1 is not None and not _civilian(self.actor1)
                                 and subject is not None and self._armed(subject, self.actor1)):
            self.valid = False
            return
        for node in (token, verb):
            for prep, obj in _preps(node) if node is not None else ():
                if prep in {"in", "near", "off", "along", "around", "on", "at", "over"}:
                    self.places += _places_in(self.index, obj)

    def _read_disarm(self) -> None:
        """'a third of the guerrillas have been demobilised', 'the militia disbanded': the armed men who stood down."""
        token = self.token
        subject, passive = _subject(token)
        disarmed = subject if passive or not any(c.dep_ in OBJECTS for c in token.children) \
            else next(c for c in token.children if c.dep_ in OBJECTS)
        if disarmed is None or not self._armed(disarmed, _first_actor(self.index, disarmed)):
            self.valid = False  # 'disarmed the bomb', 'the committee disbanded'
            return
        self.actor1 = _first_actor(self.index, disarmed)
        if not passive and disarmed is not subject and subject is not None:
            self.actor2 = self._doer(subject, False)

    def _acting_side(self, subject, passive: bool) -> Mention | None:
        """Who did it: the doer, or, for 'its troops' or 'it' in what a side says, the side that says it."""
        if subject is None:
            return None
        return self._doer(subject, passive) or (
            None if passive else self._owner_of_pronoun(subject) or self._speaker_of(subject))

    def _country_named_at(self, token) -> Mention | None:
        """'against the United States': the country a noun phrase's head word names, standing for its forces."""
        place = self.index.at_token("place", token)
        return _state_forces(place) if place is not None else None

    def _speaker_of(self, subject) -> Mention | None:
        """'Palestinian leaders said they would boycott ...': 'they' are who said it."""
        speaker = _speaker_node(subject)
        return None if speaker is None else _first_actor(self.index, speaker) or self._country_as_actor(speaker)

    def _threatened_party(self, threatened) -> Mention | None:
        """The side a threat is aimed at: the first actor, or country, named as an object in what is threatened,
        outside any condition attached to it ('unless Baghdad accepted')."""
        for node in threatened:
            conditions = {t.i for c in node.subtree if c.dep_ in {"advcl", "relcl"} and c is not node
                          for t in c.subtree}
            for token in node.subtree:
                if token.i in conditions or token.dep_ not in {"pobj", "dobj", "dative"} | OBJECTS:
                    continue
                found = _first_actor(self.index, token) or self._country_as_actor(token) \
                    or self._country_named_at(token)
                if found is not None and found.text != getattr(self.actor1, "text", None) \
                        and not any(t.idx == found.start and t.i in conditions for t in node.subtree):
                    return found
        return None

    def _read_base(self) -> None:
        """'established a base in Gao', 'set up its headquarters in Kidal'."""
        token = self.token
        subject, passive = _subject(token)
        site = subject if passive else next((c for c in token.children if c.dep_ in OBJECTS), None)
        if site is None or site.lemma_.lower() not in BASE_WORDS:
            self.valid = False
            return
        self.actor1 = self._doer(subject, passive) if not passive else (
            _first_actor(self.index, _agent(token)) if _agent(token) is not None else None)
        self.places += _places_in(self.index, site)
        for prep, obj in _preps(token):
            if prep in {"in", "at", "near", "on", "outside", "inside", "around"}:
                self.places += _places_in(self.index, obj)

    def _owner_of_pronoun(self, subject) -> Mention | None:
        """'The MNDAA announced that its troops had overrun the command': 'its troops' are the announcer's; 'President
        Aliyev said his forces had taken Shusha': a leader's forces are his nation's."""
        if not any(c.dep_ == "poss" and c.lower_ in {"its", "their", "his", "her"} for c in subject.children):
            return None
        for verb in self.token.ancestors:
            if verb.pos_ == "VERB" and _lemma(verb) in REPORTING_VERBS | {"say", "announce", "state"}:
                speaker, passive = _subject(verb)
                if speaker is None or passive:
                    continue
                actor = _first_actor(self.index, speaker) or _nation_in(self.actors, self.doc, speaker) \
                    or self._owning_country(speaker)
                if actor is not None and not _civilian(actor):
                    return actor
        owner = next(c for c in subject.children if c.dep_ == "poss" and c.lower_ in {"its", "their", "his", "her"})
        if owner.i == owner.sent.start:
            return self._last_sentence_subject()  # 'ECOMOG ... hit back on Thursday. Its Alpha jets bombed ...'
        return None

    def _last_sentence_subject(self) -> Mention | None:
        """The actor the sentence before was about: the subject of its main verb."""
        sent = self.token.sent
        if sent.start == 0:
            return None
        previous = self.doc.spacy_doc[sent.start - 1].sent
        subject = next((t for t in previous if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None) or next(
            (t for t in previous if t.dep_ == "ROOT" and t.pos_ in {"NOUN", "PROPN"}), None)  # the verb misread
        actor = _first_actor(self.index, subject) if subject is not None and subject.pos_ != "PRON" else None
        return actor if actor is not None and not _civilian(actor) else None

    def _country_as_actor(self, subject) -> Mention | None:
        """'Ukraine regained control of Kupiansk', 'Russia seized the port': the state acting is its forces."""
        for place in self.index.in_subtree("place", subject):
            if place.start == subject.left_edge.idx or self.doc.text[place.start:place.end] == subject.text:
                state = _state_forces(place)
                if state is not None:
                    return state
        return None

    def _owning_country(self, speaker) -> Mention | None:
        """"Russia's defence ministry": the country whose body speaks stands for its forces."""
        for owner in (c for c in speaker.children if c.dep_ == "poss"):
            place = self.index.at_token("place", owner)
            if place is not None and _state_forces(place) is not None:
                return _state_forces(place)
        return None

    def _actor_after_to(self) -> Mention | None:
        """'losing the city of Tadmur and the ruins of Palmyra to the Islamic State': the winner follows 'to'."""
        sent = self.token.sent
        for mention in self.index.within("actor", self.token.idx, sent.end_char):
            if re.search(r"\bto\s+(?:the\s+)?$", self.doc.text[max(0, mention.start - 8):mention.start]):
                return mention
        return None

    def _patient(self, node) -> None:
        if self.cls == "territory" and self.index.at_token("equipment", node):
            return
        if self.cls == "territory" and node.pos_ == "PRON" and node.lower_ == "it":
            place = self._place_before(node)  # 'fought their way into Bartella ... and recaptured it'
            if place is not None:
                self.places.append(place)
            return
        if node.tag_ in {"WDT", "WP"} and self.token.dep_ == "relcl":
            antecedent = self.token.head  # '... the Tishrin Dam, which the alliance had captured'
            place = self.index.at_token("place", antecedent)
            if place is not None:
                self.places.append(place)
            return
        actor = _first_actor(self.index, node)
        places = _places_in(self.index, node)
        if places:
            self.places += places
        if actor is not None and (not places or actor.start < places[0].start):
            self.actor2 = self.actor2 or actor

    def _place_before(self, token) -> Mention | None:
        sent = token.sent
        before = [m for m in self.index.within("place", sent.start_char, token.idx)
                  if _where_it_happened(m, self.doc) and not _vicinity(self.doc, m)]
        return before[-1] if before else None

    def _read_preps(self, token) -> None:
        lemma = _lemma(token)
        for prep, obj in _preps(token):
            if prep == "by":
                self.actor1 = self.actor1 or _agent_actor(self.index, obj)
            elif prep == "to" and lemma in {"fall", "lose", "loss"}:
                self.actor1 = self.actor1 or _first_actor(self.index, obj)
            elif prep in {"from", "against", "on", "upon", "with"} and (
                    self.index.at_token("actor", obj) or _named_group_head(self.index, obj)):
                self.actor2 = self.actor2 or _first_actor(self.index, obj)
                self.places += _places_in(self.index, obj)
            elif prep in {"on", "against", "upon"} and self.actor2 is None and self._owner_of_pronoun(obj):
                self.actor2 = self._owner_of_pronoun(obj)  # 'the army said it repelled an attack on its detachment'
                self.places += _places_in(self.index, obj)
            elif prep in DESTINATION_PREPS and lemma in MOTION_VERBS and not (prep == "into" and lemma in ENTRY_VERBS):
                continue  # 'fled to Kharkiv'; but 'drove into Timbuktu' is the place entered
            elif prep == "from" and self.cls == "territory" and lemma in EXPELLING_VERBS:
                self.places += _places_in(self.index, obj)  # 'drove al-Shabaab out of Adan Yabaal'
            elif prep in {"in", "at", "near", "around", "outside", "on", "of", "across", "along", "inside",
                          "within", "into", "over", "against", "upon", "north", "south", "east", "west"}:
                self.places += _places_in(self.index, obj)

    def _killer_of_the_attack(self, token) -> Mention | None:
        """'Gunmen on motorcycles killed at least 137 people in a series of attacks on villages': who killed in the
        attacks made them."""
        verb = next((a for a in list(token.ancestors)[:6] if a.pos_ == "VERB"), None)
        if verb is None or _lemma(verb) not in {"kill", "wound", "injure", "shoot", "massacre"}:
            return None
        subject, passive = _subject(verb)
        if subject is None:
            subject, passive = _participle_doer(verb), False
        found = _first_actor(self.index, subject) if subject is not None and not passive else None
        return found if found is not None and not _civilian(found) else None

    def _suffered(self, mention: Mention) -> bool:
        """'at least 40 of its fighters were killed when their column was shelled': those the passive happened to
        are the victims, not the attacker."""
        span = self.doc.spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
        node = span.root if span is not None and len(span) else None
        for _ in range(3):
            if node is None:
                return False
            if node.dep_ == "nsubjpass":
                return True
            if node.dep_ not in {"pobj", "prep"}:
                return False
            node = node.head
        return False

    def _speakers(self) -> list[Mention]:
        """'The army says an explosive-laden drone hit its base': whoever says so first is the source, not the
        attacker (not 'Air Force jets bombarded ..., military sources said', which the parser may hang the same way)."""
        found = []
        for node in self.token.ancestors:
            if node.i < self.token.i and _lemma(node) in REPORTING_VERBS | {"say", "state", "announce", "tell",
                                                                          "report", "add", "confirm"}:
                subject, _ = _subject(node)
                mention = _first_actor(self.index, subject) if subject is not None else None
                if mention is not None:
                    found.append(mention)
        return found

    def _fallback_actors(self) -> None:
        """When the parse leaves actor1 empty, take an actor named in the same clause before the trigger."""
        if self.actor1 is not None or self.anaphoric:
            return
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in LONE_ATTACKERS for c in self.token.children):
            return  # 'when the bomber detonated his vest': a doer named, not one of the actors before him
        sent = self.token.sent
        used = {id(self.actor2)}
        speakers = {id(m) for m in self._speakers()}
        before = [m for m in self.index.within("actor", sent.start_char, self.token.idx)
                  if id(m) not in used and id(m) not in speakers and not _civilian(m) and not self._suffered(m)
                  and not backs_another(self.doc.text, sent.start_char, m)]
        if before and self.cls != "territory" and self.token.pos_ not in {"NOUN", "PROPN"}:
            self.actor1 = before[-1]
        elif self.cls == "territory" and not any(c.dep_ in SUBJECTS for c in self.token.children):
            clause = self.token.head if self.token.dep_ == "advcl" else self.token
            others = [m for m in self.index.in_subtree("actor", clause) if id(m) not in used]
            self.actor1 = others[0] if others else None


SUPPORTER_WORDS = {"supporter", "follower", "relative", "family", "sympathiser", "sympathizer", "partisan", "loyalist",
                   "backer", "fan"}
LONE_ATTACKERS = {"bomber", "attacker", "assailant", "gunman", "shooter", "assassin", "perpetrator", "suspect", "man",
                  "woman", "teenager", "youth"}
QUANTITY_HEADS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores", "number",
                  "group", "groups", "batch", "most", "all", "some", "many", "several", "rest", "remainder", "half",
                  "majority", "couple", "few", "part", "bulk", "contingent", "unit", "units", "battalion", "company",
                  "detachment", "column", "convoy", "team", "third", "thirds", "quarter", "fraction", "percent"}


def _launch_sites(index: MentionIndex, token) -> list[Mention]:
    """Where a launch verb's fire came from: 'fired from Lebanon'."""
    return [m for prep, obj in _preps(token) if prep == "from" for m in _places_in(index, obj)]


def _head_words(node) -> set[str]:
    """A phrase's head word, and what it counts ('dozens of troops', 'most of their equipment', 'a battalion of
    paratroopers'), with its conjuncts; not what it is about ('a video of two hostages')."""
    words = set()
    for head in (node, *node.conjuncts):
        words |= {head.lower_, head.lemma_.lower()}
        if head.lemma_.lower() in QUANTITY_HEADS or head.lower_ in QUANTITY_HEADS or head.pos_ == "NUM":
            for prep, obj in _preps(head):
                if prep == "of":
                    words |= {obj.lower_, obj.lemma_.lower()}
    return words


ARRIVAL_PREPS = DESTINATION_PREPS - {"for"}  # not 'fighting for the town'


def _where_another_went(doc: Document, mention: Mention, trigger) -> bool:
    span = doc.spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ not in ARRIVAL_PREPS:
        return False
    verb = span.root.head.head
    return verb.pos_ in {"VERB", "AUX"} and verb not in (trigger, trigger.head)


def _where_it_happened(mention: Mention, doc: Document) -> bool:
    """Not a destination, a reporter's date line, a yardstick ('the size of Belgium') or the country whose embassy
    it was ('attacked the embassies of Germany and Britain in Khartoum')."""
    return not (_is_destination(mention, doc) or mention.attrs.get("dateline") or _is_comparison(mention, doc)
                or flag_or_seat(doc, mention) or owns_a_mission(doc, mention))


def _clause_places(doc: Document, index: MentionIndex, token) -> list[Mention]:
    """Places in the trigger's sentence, nearest first, when the parse did not attach one."""
    sent = token.sent
    places = [m for m in index.within("place", sent.start_char, sent.end_char) if _where_it_happened(m, doc)
              and not _in_others_relative_clause(doc, m, token)]
    return sorted(places, key=lambda m: abs(m.start - token.idx))


def _in_others_relative_clause(doc: Document, place: Mention, trigger) -> bool:
    """'The leaders, who met in Samarkand, agreed to a ceasefire, but the fighting continued': a place in a
    relative clause describing someone who is not a party to the event's verb says where they were, not where the
    event happened (the ceasefire they agreed was agreed there; the fighting was not)."""
    span = doc.spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    clause = next((t for t in span.root.ancestors if t.dep_ == "relcl"), None)
    if clause is None or clause.head == trigger or clause.left_edge.i <= trigger.i <= clause.right_edge.i:
        return False
    if not any(t.lower_ in {"who", "whom", "whose"} for t in clause.subtree):
        return False  # '31 May, when SDF units crossed at the Tishrin Dam': when and where the event itself was
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else next(
        (t for t in trigger.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    return clause.head.head != verb


def _choose_places(doc: Document, places: list[Mention], *,
                   keep_destinations: bool = False) -> list[tuple[Mention, int]]:
    """Drop destinations (unless the event is the arrival: troops deployed to a place) and reference points
    ('surrounding Tadmur') when a more specific place is given."""
    unique = []
    for place in places:
        if place not in unique and (_where_it_happened(place, doc) or keep_destinations and not (
                place.attrs.get("dateline") or _is_comparison(place, doc))):
            unique.append(place)
    known = [p for p in unique if p.attrs.get("candidates") or p.attrs.get("anaphor") or p.attrs.get("unlisted_site")]
    unique = known or unique
    unique = [p for p in unique if not _named_after(doc, p, unique) and not _describes_another(doc, p, unique)]
    unique = [p for p in unique if not _office_of(doc, p)] or unique
    specific = [p for p in unique if not _country_only(p)]
    unique = specific or unique
    near = [p for p in unique if _vicinity(doc, p)]
    scored = [(p, 2 if p in near or any(_listed_after(doc, v, p) for v in near) else 1) for p in unique]
    exact = [(p, g) for p, g in scored if g == 1]
    if exact or not scored:
        return exact
    first = scored[0][0]  # 'near Bakhmut, Soledar and Opytne': one 'near' for the whole list
    return [(p, g) for p, g in scored if p is first or _listed_after(doc, first, p)]


def _office_of(doc: Document, place: Mention) -> bool:
    """'including the mayor of Nabatieh', 'the governor of Kherson said': the place names whose office the person
    holds, as 'the Nabatieh mayor' would (a modifier), not where the act was; it stands only when no other does."""
    span = doc.spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ != "of":
        return False
    holder = span.root.head.head
    return holder.pos_ == "NOUN" and holder.lower_ in OFFICIALS


def _where_one_victim_was(doc: Document, place: Mention) -> bool:
    """'killed at least 11 people in Ukraine's Kharkiv region, including a police officer in Kupiansk': where one of
    the dead listed after 'including' was is not where the whole act was, when another place is given."""
    span = doc.spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ not in {"in", "at", "from"}:
        return False
    victim = span.root.head.head
    return victim.pos_ in {"NOUN", "PROPN"} and victim.dep_ == "pobj" and victim.head.lower_ == "including"


def _describes_another(doc: Document, place: Mention, places: list[Mention]) -> bool:
    """'Shusha, a strategic town that overlooks the enclave's capital Stepanakert': a place inside a relative clause
    describing another of the event's places is part of the description, not a second place of the event."""
    span = doc.spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
    clause = next((t for t in span.root.ancestors if t.dep_ == "relcl"), None) if span is not None else None
    if clause is None:
        return False
    described = {clause.head} | ({clause.head.head} if clause.head.dep_ == "appos" else set())
    for other in places:
        other_span = doc.spacy_doc.char_span(other.start, other.end, alignment_mode="expand")
        if other is not place and other_span is not None and other_span.root in described:
            return True
    return False


# 'shelled Beryslav and Nikopol ..., killing two civilians in Nikopol': the deaths are told at one of the places.
# What lies between is the dead, never the wounded: 'killing five in Kharkiv and wounding three in Sumy'.
NOT_THE_WOUNDED = r"(?:(?!\b(?:wound|injur|hurt|kill)\w*)[^.;])"
DEATHS_AT = re.compile(rf"\b(?:kill(?:ing|ed|s)?|died|dead)\b(?P<dead>{NOT_THE_WOUNDED}{{0,50}})\b(?:in|at)\s+(?:the\s+)?$",
                       re.I)
# 'killing four civilians and two soldiers in Kharkiv and three civilians in Sumy': the next group of the same list
# of dead, told at the next place.
MORE_DEATHS_AT = re.compile(rf"\s*,?\s*(?:and\s+)?(?P<dead>{NOT_THE_WOUNDED}{{1,40}}?)\s+(?:in|at)\s+(?:the\s+)?",
                            re.I)


# 'between 1 and 7 November', 'since January', 'so far this year', 'over the past two weeks': a period, not a day.
PERIOD = re.compile(
    r"\b(?:between\s+\d{1,2}\s+(?:and|-)\s+\d{1,2}\s+[A-Z][a-z]+|between\s+[A-Z][a-z]+\s+\d{1,2}\s+and\s+"
    r"(?:[A-Z][a-z]+\s+)?\d{1,2}|since\s+(?:the\s+(?:start|beginning|outbreak)\b|(?:early\s+|mid-?|late\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|\d{1,2}\s+[A-Z][a-z]+"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|last\s+(?:week|month|year)|\d{4})|so\s+far\s+this\s+(?:year|month|week)|(?:in|over|during)\s+the\s+(?:past|last)"
    r"\s+(?:\w+\s+)?(?:days|weeks|months|years))")


def _running_toll(token) -> bool:
    """'At least 47 civilians were killed and 62 injured between 1 and 7 November': a count of the dead over a
    period, with nobody said to have killed them, sums events; it is not one."""
    _, passive = _subject(token)
    unnamed = (passive or _lemma(token) == "die") and _agent(token) is None
    return unnamed and bool(PERIOD.search(token.sent.text))


def _toll_to_its_act(sent, events: list[Event]) -> None:
    """'attacked a border post on Wednesday and shelled Isfara on Thursday, killing at least 15 people': the toll
    told by a participle clause is the result of the act it hangs on, not of every act the sentence tells; 'Fighting
    continued ..., and 17 people were killed when shells hit Kyeshero': the dead are those of the act the toll's
    'when' clause tells."""
    acts = {event.work["token"] for event in events if event.fatalities}
    if len(acts) < 2:
        return
    killers = _participle_act(sent, acts) or _acts_told_by_when(sent, acts) or _acts_of_the_killing(sent, acts)
    if not killers:
        return
    for event in events:
        if event.work["token"] not in killers and event.work["token"] in acts:
            event.fatalities = None


def _participle_act(sent, acts: set[int]) -> set[int]:
    killing = next((t for t in sent if _lemma(t) == "kill" and t.tag_ == "VBG"
                    and t.dep_ in {"advcl", "xcomp", "conj"}), None)
    return {killing.head.i} if killing is not None and killing.head.i in acts else set()


WHEN_WORDS = {"when", "as", "after", "while"}  # 'were killed when shells hit', 'died as the building collapsed'


def _acts_told_by_when(sent, acts: set[int]) -> set[int]:
    """The acts inside the time clause of a passive 'were killed' or of 'died' (or of a verb joined to it: 'were
    killed and 367 wounded when shells hit')."""
    for dying in (t for t in sent if _lemma(t) in {"kill", "die"} and t.tag_ != "VBG"
                  and not any(c.dep_ == "dobj" for c in t.children)):  # not 'strikes killed 12 as ... fired'
        clauses = [c for verb in (dying, *dying.conjuncts) for c in verb.children if c.dep_ == "advcl"
                   and any(w.lower_ in WHEN_WORDS for w in c.children if w.dep_ in {"mark", "advmod"})]
        inside = {act for act in acts for clause in clauses if clause.left_edge.i <= act <= clause.right_edge.i}
        if inside:
            return inside
    return set()


def _acts_of_the_killing(sent, acts: set[int]) -> set[int]:
    """'Israeli air strikes killed 12 people ... as Hezbollah fired rockets at northern Israel': the dead are those
    of the act whose clause killed them (the killing verb, its subject, or the noun a reduced 'killed' hangs on);
    an act told in a time clause beside it ('as', 'while', 'when') is another act, with no toll of its own."""
    for killing in (t for t in sent if _lemma(t) == "kill" and t.tag_ != "VBG"):
        own = {node.i for node in (killing, *(c for c in killing.children if c.dep_ == "nsubj"))} & acts
        if killing.dep_ == "acl" and killing.head.i in acts:
            own.add(killing.head.i)  # 'strikes killed ...' parsed as a reduced relative on 'strikes'
        beside = {act for act in acts - own if _in_time_clause_without(sent.doc[act], killing)
                  or _in_another_conjunct(sent.doc[act], killing)}
        if own and beside:
            return acts - beside
    return set()


def _in_another_conjunct(act, killing) -> bool:
    """'RSF drones struck a power station in Kosti, and RSF shelling killed eight civilians in El Fasher': the act is
    told in a clause joined to the killing's, and the killing has a subject of its own: another act, not the killer
    ('drones struck a market and killed eight' keeps its dead: one subject for both)."""
    if not any(c.dep_ == "nsubj" for c in killing.children) or killing.left_edge.i <= act.i <= killing.right_edge.i:
        return False
    clause = act if act.pos_ in {"VERB", "AUX"} else next((a for a in act.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    return clause is not None and (killing.dep_ == "conj" and killing.head == clause
                                   or clause.dep_ == "conj" and clause.head == killing)


def _in_time_clause_without(act, killing) -> bool:
    """The act lies in an 'as', 'while' or 'when' clause that does not hold the killing."""
    for node in (act, *act.ancestors):
        if node.dep_ == "advcl" and any(w.lower_ in WHEN_WORDS for w in node.children if w.dep_ in {"mark", "advmod"}):
            return not node.left_edge.i <= killing.i <= node.right_edge.i
    return False


def _tolls_by_place(doc: Document, places: list[Mention], toll: int | None) -> list[int | None]:
    """One sentence's toll over the events of its places: the count told at each place ('killing five in Gaza City
    and three in Rafah'), all of it at the one place the deaths are told at, else, as ACLED does with a total it
    cannot place, divided evenly (the remainder to the first places), so that the report's dead are counted once."""
    if len(places) < 2 or not toll:
        return [toll] * max(len(places), 1)
    told = _deaths_told_at(doc, places[0].sentence)
    counted = [told.get(place.text) for place in places]
    if sum(count is not None for count in counted) >= 2:
        return counted
    named = [place for place in places if place.text in told]
    if len(told) == 1 and len(named) == 1:
        return [toll if place is named[0] else None for place in places]
    share, remainder = divmod(toll, len(places))
    return [share + (1 if i < remainder else 0) for i in range(len(places))]


# 'killing five in Gaza City and three in Rafah': a count told at a place, after the killing word (DEATHS_AT).
COUNT_AT = re.compile(r"\b(?P<n>[\w,-]+)\s+(?:[a-z]+\s+)?(?:in|at)\s+(?:the\s+)?$")


def _deaths_told_at(doc: Document, sentence: int) -> dict[str, int | None]:
    """The places (by name) the sentence says people died at, each with the count it gives there, if any: every
    group of the dead told before the place ('four civilians and two soldiers in Kharkiv' is six)."""
    told: dict[str, int | None] = {}
    previous = None
    for mention in doc.mentions:
        if mention.type != "place" or mention.sentence != sentence:
            continue
        before = doc.text[max(0, mention.start - 70):mention.start]
        deaths = DEATHS_AT.search(before)
        following = previous is not None and MORE_DEATHS_AT.fullmatch(doc.text, previous.end, mention.start)
        if deaths is None and not following:
            continue
        count = _dead_in(following.group("dead") if following else deaths.group("dead"))
        if count is None and deaths is not None:
            numbers = (parse_number(match.group("n").rstrip(",")) for match in _every_match(COUNT_AT, before))
            count = next((n for n in numbers if n is not None), None)  # 'and two in Izium': two, not 'and'
        if told.get(mention.text) is None:
            told[mention.text] = count if count is not None and 0 < count < 100000 else None
        previous = mention if count is not None else None
    return told


MONTH_NAMES = "(?:" + "|".join(calendar.month_name[1:]) + ")"
DATE_IN_LIST = re.compile(rf"\b\d{{1,2}}\s+{MONTH_NAMES}\b|\b{MONTH_NAMES}\s+\d{{1,2}}\b|\b(?:19|20)\d\d\b")


def _dead_in(words: str) -> int | None:
    """The sum of the counts in a list of the dead: 'four civilians and two soldiers' → 6."""
    words = DATE_IN_LIST.sub(" ", words)  # 'killed two people on 12 March in Kharkiv': 12 is the day
    counts = [parse_number(word) or ACLED_VAGUE_FATALITIES.get(word.lower())
              for word in re.findall(r"[\w-]+(?:,\d{3})*", words) if word.lower() not in {"a", "an"}]
    counts = [count for count in counts if count]
    return sum(counts) if counts else None


# 'Bakhmut, Soledar and Opytne': names joined only by commas, 'and', 'or'.
LIST_BETWEEN = re.compile(r"(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)*"
                          r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")


def _listed_after(doc: Document, first: Mention, other: Mention) -> bool:
    """Whether `other` comes later in the same list of names as `first`."""
    return other.start > first.end and bool(LIST_BETWEEN.fullmatch(doc.text, first.end, other.start))


# 'St. Anthony's Shrine in Kochchikade, St. Sebastian's Church in Negombo, and Zion Church in Batticaloa': the next
# item of a list of sites, each a noun phrase with its place.
ITEM_BETWEEN = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?P<item>[^,;:()]{1,60}?)\s+(?:in|at)\s+(?:the\s+)?")
ITEM_WORDS = {"DET", "PROPN", "NOUN", "ADJ", "NUM", "PART", "PUNCT"}  # a noun phrase: no verb, no clause of its own
ITEM_MAX_WORDS = 6


def _next_item(doc: Document, first: Mention, other: Mention) -> bool:
    """Whether `other` is the place of the next item of a list whose item before names `first`: the words between
    are a noun phrase the parse conjoins (or sets in apposition) to what came before, then 'in' or 'at'; not
    'and civilians in Ariha fled' (a subject) or ', killing five in Ariha' (a clause)."""
    match = ITEM_BETWEEN.fullmatch(doc.text, first.end, other.start)
    if match is None:
        return False
    item = doc.spacy_doc.char_span(match.start("item"), match.end("item"), alignment_mode="expand")
    return item is not None and 0 < len(item) <= ITEM_MAX_WORDS and item.root.dep_ in {"conj", "appos"} \
        and all(t.pos_ in ITEM_WORDS for t in item)


# 'advancing towards Starobesheve and Amvrosiivka', 'fled from X and Y', 'between X and Y': a list of goals, origins
# or ends, not of the places the act happened at.
NOT_A_SITE = re.compile(r"\b(?:to|towards?|from|for|via|between|beyond|than)\s+(?:the\s+)?$", re.I)


def _sites(doc: Document, index: MentionIndex, sent, found: list[Mention]) -> list[Mention]:
    """The places an act was told at, with the other places of the lists they stand in ('hit Idlib, Saraqib and
    Ariha', 'struck a church in Negombo and a church in Batticaloa'), each list item one site: in 'in Kochchikade,
    Colombo, ...' the city written after the neighbourhood holds it, and the two are one site (the neighbourhood
    where the gazetteer knows it, else the city)."""
    if not found:
        return found
    names = [m for m in index.within("place", sent.start_char, sent.end_char) if not modifies_a_noun(doc, m)]
    links = [_link(doc, names, i) for i in range(len(names) - 1)]
    sites = list(found)
    for place in (p for p in found if p in names):
        lo = hi = names.index(place)
        while lo > 0 and links[lo - 1]:
            lo -= 1
        while hi < len(links) and links[hi]:
            hi += 1
        if "list" in links[lo:hi] and not NOT_A_SITE.search(doc.text, max(0, names[lo].start - 30), names[lo].start):
            sites += [m for m in names[lo:hi + 1] if all(m.text != s.text for s in sites)]
    one_site = [(names[i], names[i + 1]) for i, link in enumerate(links) if link == "site"]
    dropped = [city if _lies_in(place, city) else place for place, city in one_site
               if any(s is place for s in sites) and any(s is city for s in sites)]
    return [s for s in sites if not any(s is d for d in dropped)]


def _site_of_the_act(doc: Document, token, place: Mention) -> bool:
    """The place hangs from the trigger, or from the verb the trigger (a noun or gerund) is the subject or object of
    ('Air strikes hit Idlib', 'Fighting was reported in Marib'), with no other verb in between: not 'officials in
    Kabul and Washington were informed'."""
    acts = [token] + ([token.head] if token.dep_ in SUBJECTS | PASSIVE_SUBJECTS | OBJECTS else [])
    return any(attached_to_verb(doc, (act.idx, _end_char(act)), place) for act in acts)


SAME_SITE_KM = 30.0  # a neighbourhood and the city it is named with: 'Kochchikade, Colombo', 'Karrada, Baghdad'


def _lies_in(place: Mention, holder: Mention) -> bool:
    """Whether the gazetteer knows the place where the text puts it: in the country or province named after it, or
    within a city's reach of the town named after it (not 'Renon, Denpasar' read as Renon in Italy)."""
    holders = holder.attrs.get("candidates") or []
    if not holders:
        return True
    where = holders[0]
    return any(c.country_code == where.country_code and (
        where.feature_type in {"country", "admin1", "admin2"}
        or haversine_km(c.latitude, c.longitude, where.latitude, where.longitude) <= SAME_SITE_KM)
        for c in place.attrs.get("candidates") or [])


def _link(doc: Document, names: list[Mention], i: int) -> str | None:
    """How the i-th place name is joined to the next: 'list' (the next item of a list of sites), 'site' ('Kochchikade,
    Colombo, St. Sebastian's Church in Negombo': a comma, and no bare name of a list follows, so the second holds the
    first) or None."""
    first, second = names[i], names[i + 1]
    following = names[i + 2] if i + 2 < len(names) else None
    if re.fullmatch(r",\s*", doc.text[first.end:second.start]) \
            and (following is None or not _listed_after(doc, second, following)):
        return "site"
    return "list" if _listed_after(doc, first, second) or _next_item(doc, first, second) else None


def _named_after(doc: Document, anaphor: Mention, places: list[Mention]) -> bool:
    """'the bridge at Kehl', 'the base near Gao': a back-reference whose own phrase names the place."""
    if not anaphor.attrs.get("anaphor") or anaphor.attrs.get("candidates"):
        return False
    return any(re.fullmatch(r"\s+(?:at|in|near|outside|of)\s+(?:the\s+)?", doc.text[anaphor.end:other.start])
               for other in places if other is not anaphor and other.attrs.get("candidates"))


def _country_only(mention: Mention) -> bool:
    """A country or province, not a town: 'Aden' is also a governorate, but the city of that name is the place."""
    candidates = mention.attrs.get("candidates") or []
    if not candidates or candidates[0].feature_type not in {"country", "admin1"}:
        return False
    return candidates[0].feature_type == "country" or names_area(mention.text) or not any(
        c.feature_type == "populated_place" and c.country_code == candidates[0].country_code for c in candidates)


def _vicinity(doc: Document, mention: Mention) -> bool:
    return bool(VICINITY.search(doc.text[max(0, mention.start - 45):mention.start]))


# ---- fatalities, outcome, equipment, displacement -----------------------------------------------------------------

def _killed_group_total(sent) -> int | None:
    """'two SDF fighters and at least 17 militants were killed' → 19, 'killing 49 civilians and 15 soldiers' → 64:
    the numbers of every conjoined group of the dead, subjects of a passive or dying verb or objects of a killing."""
    for token in sent:
        groups = sorted(_groups_of_dead(token), key=lambda group: group.i)
        counted = [group for before, group in zip([None, *groups], groups) if not _part_of_the_others(before, group)]
        numbers = [number for group in counted for number in [_group_count(group)] if number is not None]
        if len(numbers) > 1:
            return sum(numbers)
    return None


# 'nine civilians, among them five children', '35 civilians, 31 of them women, and seven soldiers': a part of the
# dead already counted.
PART_OF_THE_DEAD = re.compile(r"\b(?:including|among them|among whom|of them|of whom|mostly|mainly)\b", re.I)


def _part_of_the_others(before, group) -> bool:
    if before is None:
        return False
    of_them = any(c.dep_ == "prep" and c.lower_ in {"of", "among"} and any(g.lower_ in {"them", "whom"}
                                                                            for g in c.children)
                  for c in group.children)
    return of_them or bool(PART_OF_THE_DEAD.search(group.doc[before.i + 1:group.i].text))


def _groups_of_dead(token) -> list:
    """The conjoined noun phrases a killing word names as its dead ('49 civilians', '15 soldiers'); never the
    wounded, whose verb ('and wounding five') is a conjunct of the verb, not of its object, nor livestock."""
    if token.lemma_ not in {"kill", "die"} and token.lower_ not in {"dead", "killed"}:
        return []
    killing = token.lemma_ == "kill" and token.pos_ == "VERB"
    wanted = {"nsubjpass", "dobj"} if killing else {"nsubjpass", "nsubj"}  # not the killers: 'two gunmen killed ...'
    heads = [c for c in token.children if c.dep_ in wanted]
    return [node for head in heads for node in [head, *head.conjuncts]
            if not NOT_DEAD_WORDS.fullmatch(node.lower_) and node.lower_ not in PROPERTY_WORDS]  # 'and 30 cattle'


def _armed_dead(sent) -> list:
    """The groups of the dead that are soldiers, gendarmes, police or fighters ('and 15 soldiers')."""
    return [group for token in sent for group in _groups_of_dead(token) if group.lower_ in ARMED_VICTIMS]


NOT_DEAD_WORDS = re.compile(r"wounded|injured|hurt|missing|captured|abducted", re.I)


def _group_count(node) -> int | None:
    """The number of one group of the dead; it may hang from a word inside the noun phrase: '15 al Shabaab
    fighters', or be the phrase itself: 'killing three'."""
    if node.tag_ == "CD":
        return parse_number(node.text)
    if node.lower_ in ACLED_VAGUE_FATALITIES:
        return ACLED_VAGUE_FATALITIES[node.lower_]  # 'killing dozens of civilians and 15 soldiers'
    for child in node.doc[node.left_edge.i:node.i]:
        if child.dep_ == "nummod":
            value = _number_words([t.lower_ for t in child.subtree if t.lower_ not in COUNT_QUALIFIERS])
            if value is not None:
                return value
    return _counted(node)  # 'killing three soldiers and a civilian': one, a single person


KILLING_LEMMAS = {"kill", "die", "slay", "execute", "behead", "assassinate", "murder"}
DYING_SUBJECT_LEMMAS = {"die"}
NO_ONE = {"no", "nobody", "none", "noone"}


def _dead_counted_by_parse(sent) -> int | None:
    """The dead a sentence names as the subject of a killing when no pattern finds a number: 'Six American NATO
    service members were killed' (6), 'more than two dozen pro-regime fighters were killed' (24), 'a major general
    was killed' and 'Tamerlan died' (1). Numbers of every conjoined victim are added up; a victim with no number
    counts one when it is a single person (a named person, 'he', 'a commander'), and nothing when it is an
    uncounted group ('civilians were killed')."""
    total = None
    for token in sent:
        for victim in _victims_of(token):
            count = sum(_counted(node) or 0 for node in [victim, *victim.conjuncts])
            if count:
                total = (total or 0) + count
    return total


def _victims_of(token) -> list:
    lemma = token.lemma_.lower()
    if lemma == "shoot" and any(c.lower_ == "dead" for c in token.children):
        lemma = "kill"  # 'he was shot dead'
    if lemma not in KILLING_LEMMAS or any(c.dep_ == "neg" for c in token.children) \
            or any(c.lower_ in MODAL_WORDS | {"to"} for c in token.children if c.dep_ == "aux"):
        return []  # 'no one was killed', 'could have been killed', 'vowed to kill'
    if token.dep_ == "acl" and token.tag_ in {"VBN", "VBD"}:  # 'the six U.S. service members killed'
        return [token.head] if token.head.pos_ in {"NOUN", "PROPN"} else []
    wanted = {"nsubj"} if lemma in DYING_SUBJECT_LEMMAS else {"nsubjpass", "dobj"}  # 'IED kills major general'
    victims = [c for c in token.children if c.dep_ in wanted and c.lower_ not in NO_ONE
               and not any(t.lower_ in NO_ONE for t in c.subtree)]
    if any(v.dep_ == "dobj" for v in victims):  # 'killing the mayor and five other people', 'people' read as a verb's
        victims += [c for c in token.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    return victims


def _counted(node) -> int | None:
    number = next((c for c in node.children if c.dep_ == "nummod"), None)
    if number is not None:
        words = [t.lower_ for t in number.subtree if t.lower_ not in COUNT_QUALIFIERS]
        return _number_words(words)
    if node.lower_ in {"he", "she", "him", "her"}:
        return 1
    single_person = node.tag_ == "NN" and node.lower_ in (PERSON_WORDS | OFFICIALS | MILITARY_RANKS) - {"crew"} \
        or node.tag_ == "NNP" and node.ent_type_ == "PERSON"
    if single_person and not any(c.dep_ == "det" and c.lower_ in {"every", "each", "any", "no"}
                                 for c in node.children):
        return 1
    return None


COUNT_QUALIFIERS = {"more", "than", "at", "least", "about", "around", "nearly", "almost", "over", "some", "up", "to",
                    "an", "estimated", "as", "many", "approximately", "roughly", "just", "under", "fewer", "less"}


def _number_words(words: list[str]) -> int | None:
    """'two dozen' → 24, 'three hundred' → 300, '1,200' → 1200."""
    if len(words) == 2 and words[1] == "dozen":
        base = parse_number(words[0])
        return base * 12 if base is not None else None
    value = parse_number(" ".join(words))
    return value if value is not None and 0 < value < 100000 else None


def _counted_as_killed(text: str, match: re.Match) -> bool:
    """'has killed more than 2,600 people ... and displaced nearly 700,000': the number before 'people' is the
    dead; the displaced are the number after the verb."""
    return bool(re.search(r"\b(?:killed|killing|kills|kill)\s+(?:at least\s+|more than\s+|over\s+|some\s+|about\s+|"
                          r"nearly\s+|almost\s+|an estimated\s+)?$", text[max(0, match.start() - 40):match.start()],
                          re.I))


def _every_match(pattern: re.Pattern, text: str):
    """Overlapping matches: 'officials said fourteen people had been killed' must be tried from 'fourteen' too."""
    match = pattern.search(text)
    while match is not None:
        yield match
        match = pattern.search(text, match.start() + 1)


# A later count of the dead: 'the death toll rose to 20', 'eight of the wounded died in hospital', 'succumbed to
# their injuries'.
TOLL_UPDATE = re.compile(r"\b(?:death toll|toll|number of (?:the )?dead|number of people killed)\b.{0,40}?\b(?:rose|risen|"
                         r"climbed|reached|increased|stands|stood|jumped)\b|\bdied (?:of|from) (?:their |his |her )?"
                         r"(?:wounds|injuries)\b|\bdied in hospital\b|\bsuccumbed to\b|"
                         r"\b(?:were|was|have been|had been)\s+(?:\w+\s+)?killed\b(?!\s+by\b)|"
                         r"\b(?:have |has |had )?died\b(?!\s+(?:in|on) (?:\d{4}|January|February|March|April|May|June|"
                         r"July|August|September|October|November|December)\b)", re.I)


def fatalities_in(sentence_text: str, sent=None) -> int | None:
    best = _killed_group_total(sent) if sent is not None else None
    for pattern in FATALITY_PATTERNS:
        for match in _every_match(pattern, sentence_text):
            raw = match.group("n").strip().lower()
            if raw.endswith(","):  # 'killing dozens, witnesses said'; not 'In January 2021, militants killed'
                raw = raw.rstrip(",")
                if re.fullmatch(r"(?:19|20)\d\d", raw):
                    continue
            if _a_year(sentence_text, match.start("n"), raw):
                continue  # 'In January 2021 militants killed ...': a date, not a count
            number = parse_number(raw)
            if number is None:
                number = ACLED_VAGUE_FATALITIES.get(raw)
            elif _dozens_of(sentence_text, match):
                number *= 12  # 'two dozen soldiers were killed'
            if raw == "dozen" and _dozens_of(sentence_text, match, before=True):
                continue  # the 'dozen' of 'two dozen', counted from 'two'
            single = raw in {"a", "an", "one"} and _one_killed(pattern, sentence_text, match)
            if number is not None and 0 < number < 100000 and (single or raw not in {"a", "an", "one", "both"}):
                best = max(best or 0, number)
    besides = _one_and_others(sentence_text)
    if besides is not None:
        best = max(best or 0, besides)
    if best is None and sent is not None:
        return _dead_counted_by_parse(sent)
    return best


# 'killed mayor Ahmad Kahil and five other people', 'killing the commander and three others': one person named, then
# the others counted.
ONE_AND_OTHERS = re.compile(r"\b(?:killing|killed|kills|kill)\s+(?P<one>(?:[\w'’.-]+\s+){1,5}?)and\s+(?P<n>[\w-]+)\s+"
                            r"others?\b", re.I)


def _one_and_others(text: str) -> int | None:
    """The others counted, and the one person told before them: 'and five other people' after a name is six."""
    for match in ONE_AND_OTHERS.finditer(text):
        words = match.group("one").split()
        plural = any(w.islower() and w.endswith("s") and not w.endswith("ss") and w not in {"his", "its"} for w in words)
        others = parse_number(match.group("n"))
        if others and 0 < others < 100000 and not plural and all(parse_number(w) is None for w in words):
            return others + 1
    return None


def _dozens_of(text: str, match: re.Match, *, before: bool = False) -> bool:
    """The count is a number of dozens: 'two dozen' (seen from 'two', or from 'dozen' with before=True)."""
    if before:
        previous = re.search(r"(\w+)\s+$", text[:match.start("n")])
        return previous is not None and previous.group(1).lower() not in {"a", "an"} \
            and parse_number(previous.group(1)) is not None
    return bool(re.match(r"\s+dozen\b", text[match.end("n"):], re.I))


def _one_killed(pattern: re.Pattern, text: str, match: re.Match) -> bool:
    """'killing one civilian', 'killed a soldier': one dead, told right after the verb; not 'no one was killed',
    'killed a number of fighters', 'one of the wounded died'."""
    return pattern is FATALITY_PATTERNS[0] and not re.match(
        r"\s+(?:number|few|dozen|handful|couple|score|total|series|day|week|month|year|of)\b", text[match.end("n"):],
        re.I)


def _a_year(text: str, start: int, raw: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", raw)) and bool(re.search(
        r"\b(?:in|since|of|january|february|march|april|may|june|july|august|september|october|november|december|"
        r"spring|summer|autumn|fall|winter)\s+$", text[max(0, start - 12):start], re.I))


def _failed(token) -> bool:
    """'the assault was repelled', 'three assaults were not enough to breach', 'failed to break through'."""
    for node in list(token.ancestors)[:3]:
        if node.lemma_.lower() in FAILURE_VERBS:
            return True
    if token.tag_ == "VBN" and token.lemma_.lower() in FAILURE_VERBS:
        return True
    head = token.head
    if token.dep_ in SUBJECTS | PASSIVE_SUBJECTS:
        if any(c.dep_ == "neg" for c in head.children) or head.lemma_ in {"fail", "falter", "stall"}:
            return True
    return False


UNCONTESTED = re.compile(r"\b(?:without (?:a fight|a shot|firing a shot|resistance|fighting)|unopposed|"
                         r"(?:hand(?:ed|ing|s)?|turn(?:ed|ing|s)?) (?:\w+ ){0,3}?over to)\b", re.I)


def _own_clause_text(token) -> str:
    """The trigger's clause without the clauses inside it ('..., six months after the mayor surrendered it without
    a fight' is not part of 'regained')."""
    nested = [c for c in token.children if c.dep_ in {"advcl", "relcl", "ccomp", "acl", "parataxis"}
              and c.pos_ not in {"ADJ", "ADV"}]  # 'drove into Timbuktu unopposed': the manner, not another clause
    skip = {t.i for c in nested for t in c.subtree}
    return " ".join(t.text for t in token.subtree if t.i not in skip)


# Kinds of event whose sentence's death toll belongs to something else ('a rebel alliance, which signed a peace
# deal in 2015, said it had captured a camp, killing 81 soldiers').
NON_LETHAL_CLASSES = {"agreement", "transfer", "arrest", "protest", "intervention"}
STOPPING_NOUNS = {"pause", "halt", "lull", "suspension", "end", "cessation", "freeze", "stop", "break"}
STOPPING_VERBS = {"freeze", "halt", "end", "stop", "suspend", "pause", "cease", "interrupt", "lift", "ease", "relax",
                  "ban", "prohibit", "outlaw", "forbid"}
# What ends or breaks an agreement: 'the ceasefire collapsed', 'violated the truce', 'the breakdown of the truce'.
BREAKDOWN_VERBS = {"collapse", "fail", "expire", "lapse", "unravel", "crumble", "falter", "founder", "disintegrate"}
BREACHING_VERBS = {"violate", "breach", "break", "flout", "abandon", "scrap", "renounce", "undermine", "wreck",
                   "derail", "sabotage", "terminate", "shatter"}
PACT_WORDS = {"ceasefire", "truce", "deal", "agreement", "accord", "pact", "talks", "negotiation", "negotiations",
              "process", "peace", "armistice"}
BREAKDOWN_NOUNS = {"collapse", "violation", "breach", "breakdown", "failure", "expiry", "expiration", "abandonment"}
# Verbs of an attack that may have had no armed opponent; 'clashes', 'fighting' always had two armed sides.
EXPELLING_VERBS = {"drive", "push", "force", "chase", "kick", "flush", "expel", "oust", "clear", "evict"}
ATROCITY_VERBS = {"execute", "massacre", "behead", "murder", "slaughter", "lynch", "torture", "assassinate", "beat"}
ONE_SIDED_ATTACKS = {"attack", "raid", "storm", "assault", "ambush"}
VESSEL_ATTACKS = {"clash", "airstrike", "shelling", "ied", "suicide"}  # kinds of act whose target can be a ship
BUILDING_WORDS = {"hotel", "school", "church", "mosque", "market", "prison", "jail", "hospital", "restaurant", "mall",
                  "parliament", "embassy", "compound", "house", "home", "office", "offices", "station", "bank",
                  "court", "courthouse", "ministry", "building", "headquarters", "university", "college", "clinic",
                  "cafe", "theatre", "theater", "stadium", "bus", "train", "guesthouse", "residence", "cathedral",
                  "temple", "shrine", "monastery", "chapel", "museum", "arena", "nightclub", "club", "bar",
                  "concert", "supermarket", "cinema", "synagogue", "festival", "venue"}


# Unarmed office-holders whose killing ACLED codes as violence against civilians: 'gunmen killed the district
# governor', 'shot dead a journalist'.
OFFICIALS = frozenset({"official", "officials", "chief", "mayor", "governor", "journalist", "journalists", "judge",
                       "minister", "president", "politician", "politicians", "cleric", "imam", "priest", "activist",
                       "activists", "candidate", "lawmaker", "mp", "senator", "diplomat", "businessman", "teacher",
                       "teachers", "doctor", "doctors", "worker", "workers", "elder", "elders", "leader", "leaders",
                       "chairman", "councillor", "councilor", "prosecutor", "envoy", "ambassador", "editor"})


MILITARY_RANKS = frozenset({"commander", "commanders", "general", "colonel", "lieutenant", "captain", "major",
                            "sergeant", "corporal", "private", "admiral", "brigadier", "marshal", "emir", "warlord",
                            "militant", "fighter", "rebel", "insurgent", "jihadist", "gunman"})


def _an_official_killed(token) -> bool:
    """The object of a killing, or a passive subject, is an unarmed office-holder or a named person ('killed the
    deputy chief of ...', 'Anna Politkovskaya was shot dead'), not a commander or a fighter."""
    if _lemma(token) not in {"kill", "murder", "shoot", "assassinate"}:
        return False
    victim = _patient_of(token)
    if victim is None or set(t.lower_ for t in victim.subtree) & (ARMED_VICTIMS | MILITARY_RANKS):
        return False
    return bool(_head_words(victim) & OFFICIALS) or victim.ent_type_ == "PERSON"  # 'Anna Politkovskaya was shot dead'


def _one_official_killed(token) -> int | None:
    """'killed the district governor': one death, though no number is written; 'the governor was abducted and
    killed': the same, told by the abduction."""
    killed = _then_killed(token) if _lemma(token) in {"abduct", "kidnap"} else None
    if killed is not None:
        token = killed
    if not _an_official_killed(token) or _lemma(token) == "shoot" and not re.search(r"\bdead\b", token.sent.text):
        return None
    victim = _patient_of(token)
    return 1 if victim.tag_ in {"NN", "NNP"} and not any(c.dep_ == "conj" for c in victim.children) else None


def _then_killed(token):
    """'abducted and killed', 'kidnapped and later executed': the killing verb joined to an abduction."""
    return next((c for c in token.children if c.dep_ == "conj" and _lemma(c) in {
        "kill", "execute", "behead", "murder", "shoot", "slaughter"}), None)


# Places where unarmed people gather: gunfire or an assault there, with no armed opponent, is an attack on them.
CIVILIAN_BUILDINGS = frozenset({"school", "church", "mosque", "market", "hotel", "restaurant", "mall", "hospital",
                                "university", "college", "clinic", "cafe", "theatre", "theater", "stadium", "museum",
                                "arena", "nightclub", "club", "bar", "concert", "supermarket", "cinema", "synagogue",
                                "temple", "shrine", "cathedral", "chapel", "festival", "venue", "mall", "bus", "train"})


def _attacked_words(token) -> str:
    """What was attacked: the object, or the subject of a passive ('a camp for Congolese refugees was attacked')."""
    subject, passive = _subject(token)
    told = " ".join(t.lower_ for t in subject.subtree) if passive and subject.head == token else ""
    return f"{_object_words(token)} {told}"


def _target_is_building(token) -> bool:
    """'stormed a hotel in Mogadishu', 'raided parts of the hospital': an assault on a building, not the taking of a
    town."""
    return any(c.dep_ in OBJECTS and _head_words(c) & BUILDING_WORDS for c in token.children)


HAMLETS = {"village", "villages", "hamlet", "hamlets", "homestead", "homesteads"}


def _target_is_a_village(token) -> bool:
    """'stormed the village of Wad al-Noura': where farmers live, not a town held by armed men."""
    return any(c.dep_ in OBJECTS and _head_words(c) & HAMLETS for c in token.children)


def _target_words(token) -> set[str]:
    words = {t.lower_ for c in token.children if c.dep_ in OBJECTS for t in c.subtree}
    words |= {t.lower_ for prep, obj in _preps(token) if prep in {"on", "at", "into", "upon"} for t in obj.subtree}
    return words


ARMED_VICTIMS = {"soldiers", "soldier", "gendarmes", "gendarme", "policemen", "policeman", "police", "officers",
                 "troops", "fighters", "militants", "rebels", "guards", "militiamen", "servicemen", "personnel",
                 "peacekeepers", "jihadists", "insurgents", "commanders", "commander", "marines", "paratroopers",
                 "volunteers", "vdp", "militiaman", "vigilantes", "auxiliaries", "dozos",
                 "wazalendo", "guardsmen", "conscripts", "bandits", "gunmen", "kidnappers"}


# People no word marks as armed: gunfire at them, with no armed side named, is at civilians ('opened fire on men
# digging the trenches'); 'armed men', 'the men of the battalion' are not.
UNARMED_MEN = {"man", "men", "boys", "youths", "travellers", "travelers", "motorists", "labourers", "laborers",
               "traders", "herders", "fishermen"}


def _unarmed_men(targets: set[str]) -> bool:
    return bool(targets & UNARMED_MEN) and not targets & (ARMED_VICTIMS | TROOP_WORDS | {"armed"})


def _refine_class(token, cls: str) -> str | None:
    """What the rest of the sentence says about the trigger's kind of event."""
    if cls == "strike":
        cls = _strike_kind(token)
    if cls == "shelling" and AIR_WORDS.search(_said_before_in_clause(token)):
        cls = "airstrike"  # 'Air Force jets bombarded', 'warplanes pounded'
    if cls == "civilian_attack" and token.pos_ == "VERB" and ARMED_VICTIMS & set(_object_words(token).split()):
        cls = "clash"  # 'separatists killed two gendarmes at a checkpoint': an attack on armed men is a battle
    if _lemma(token) in {"take", "hold", "seize", "keep"} and re.search(r"\bhostages?\b|\bcaptives?\b",
                                                                         _own_clause_text(token), re.I):
        return "abduction"  # 'took a priest and several parishioners hostage'
    if cls == "gunfire":
        targets = _target_words(token)
        if targets & PROTESTER_WORDS:
            return "excessive_force"  # 'security forces opened fire on protesters'
        civilian_place = targets & CIVILIAN_BUILDINGS
        cls = "civilian_attack" if CIVILIAN_WORDS.search(" ".join(targets)) or civilian_place \
            or _unarmed_men(targets) else "clash"
    if cls == "territory" and _lemma(token) in {"storm", "raid"} and _target_is_building(token):
        cls = "clash"
    if cls == "territory" and _is_attempt(token):
        cls = "clash"
    if cls == "territory" and _lemma(token) == "expel" and _patient_of(token) is not None \
            and _head_words(_patient_of(token)) & (EXPELLED_WORDS | PERSON_WORDS) - ARMED_PEOPLE:
        return "expel"  # 'expelled the French ambassador', 'deported 300 migrants'
    if cls == "territory" and _people_taken(token):
        return "abduction" if _held_hostage(token) else "captive"
    if cls == "territory" and _taken(token) is not None and _head_words(_taken(token)) & PROPERTY_WORDS:
        return "looting"  # 'seized land from farmers': ACLED's looting covers seizing goods or property
    if cls == "territory" and UNCONTESTED.search(_own_clause_text(token)):
        cls = "transfer"  # 'entered Kupiansk without a fight', 'drove into Timbuktu unopposed'
    if cls == "ied" and re.search(r"\bsuicide\b|\b(?:explosive|suicide|bomb) (?:vest|belt|jacket)s?\b", token.sent.text,
                                  re.I):
        cls = "suicide"  # 'the bomber ... detonated his explosive vest'
    if cls == "clash" and _protesters_involved(token):
        cls = "riot"  # battles are between armed groups; 'protesters clashed with police' is a riot
    if cls in {"clash", "territory"} and token.pos_ == "VERB" and re.search(r"\bsuicide bombers?\b",
                                                                            _subject_text(token), re.I):
        return "suicide"  # 'a suicide bomber attacked a market': not a bomber aircraft
    if cls in {"clash", "territory"} and token.pos_ == "VERB" and AIR_WORDS.search(_subject_text(token)):
        cls = "airstrike"  # 'army helicopter gunships engaged the retreating group'
    if cls == "clash" and _remote_instrument(token):
        cls = _remote_instrument(token)  # 'attacked the tanker with drones and missiles': no exchange of fire
    if cls in {"civilian_attack", "looting"} and PROTESTING.search(_subject_text(token)):
        cls = "riot"  # 'hundreds of youths protesting the massacre stoned vehicles and looted shops'
    if cls == "territory" and _civilian_camp(token):
        cls = "civilian_attack"  # 'rebels entered the camp' of displaced people: an attack on civilians
    return cls


def _said_before_in_clause(token) -> str:
    """The words of the trigger's own clause before it: 'Air Force jets bombarded', not the air strikes of the main
    clause before 'as Hezbollah fired dozens of rockets'."""
    start = token.left_edge.i if token.pos_ == "VERB" else token.sent.start
    return token.doc[start:token.i].text


# Means of a fight at close quarters: hand weapons, people ('suicide bombers', 'gunmen'), ground vehicles.
CLOSE_QUARTERS = re.compile(r"\b(?:guns?|gunfire|rifles?|arms|weapons|machetes?|knives|knife|grenades?|"
                            r"machine-?guns?|kalashnikovs?|ak-47s?|bullets|suicide|bombers?|fighters|gunmen|"
                            r"men|troops|soldiers|militants|tanks?|vehicles?|trucks?|motorbikes?|motorcycles?)\b",
                            re.I)


def _remote_instrument(token) -> str | None:
    """'attacked the tanker with drones and missiles', 'an attack on the base with rockets': the weapons it was done
    with, when all are fired from afar, make it a strike (drones first, as everywhere AIR_WORDS is read before
    ARTILLERY_WORDS), not a battle; 'attacked the post with rockets and small arms' stays a fight."""
    if _lemma(token) != "attack":
        return None  # 'stormed the building with tanks and rockets': an assault on the ground
    heads = [w for prep, obj in _preps(token) if prep == "with" for w in (obj, *obj.conjuncts)]
    words = " ".join(t.lower_ for w in heads for t in (*(c for c in w.children if c.dep_ in {"amod", "compound"}), w))
    if not heads or CLOSE_QUARTERS.search(words) or re.search(r"\b(?:support|cover)\b", words):
        return None  # 'with suicide bombers and mortars', 'with rockets and machine guns', 'with air support'
    if AIR_WORDS.search(words):
        return "airstrike"
    return "shelling" if ARTILLERY_WORDS.search(words) else None


# A superlative names a verdict on an event already told, not a new one: 'the deadliest attack since 2016'.
VERDICT_ADJECTIVES = {"deadliest", "worst", "bloodiest", "biggest", "largest", "heaviest", "fiercest", "costliest"}
PERPETRATION_VERBS = {"carry", "stage", "perpetrate", "commit", "conduct", "mount", "orchestrate", "mastermind"}
PROTESTED_VERBS = {"protest", "mourn", "commemorate", "decry", "demonstrate"}
PROTESTING = re.compile(r"\b(?:protest(?:ing|ers?)|protestors?|demonstrat(?:ing|ors?)|riot(?:ing|ers?)|mobs?|"
                        r"crowds?)\b", re.I)
CIVILIAN_CAMP = re.compile(r"\b(?:IDP|displacement|refugee|displaced)\b[^.]{0,40}\bcamps?\b|"
                           r"\bcamps?\s+(?:for|of)\s+(?:the\s+)?(?:internally\s+)?(?:displaced|refugees)", re.I)


# Trigger words that menace: not a release, a surrender, a rally or a ceasefire ('vowed to release the hostages').
HOSTILE_TRIGGERS = frozenset(word for table in (VERB_TRIGGERS, NOUN_TRIGGERS) for word, cls in table.items()
                             if cls not in {"yield", "agreement", "protest", "riot", "base", "threat", "ease", "disarm"})
# Verbs that make a warning or threat the speaker's own act: 'issued a warning', 'raised the threat of'.
ISSUING_VERBS = {"issue", "make", "raise", "repeat", "send", "deliver", "give", "renew", "utter", "carry", "level"}
ULTIMATUM_ACTS = {"boycott", "blockade", "retaliate", "sanction", "expel", "attack", "invade"}


def _ultimatum(token) -> bool:
    """'will withdraw its peacekeepers from Chad unless elections are held', 'said they would boycott all contact with
    the United States': an act promised on a condition, or a sanction announced, is a threat, not a deed or a plan."""
    if token.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"} for c in token.children):
        return False
    if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
           for c in token.children):
        return True
    return _lemma(token) in ULTIMATUM_ACTS and token.dep_ == "ccomp" \
        and _lemma(token.head) in {"say", "announce", "warn", "declare", "state"}


def _warned_of_others(clause) -> bool:
    """A warning's clause whose doer is someone other than the one warning ('warned that the insurgents may attack')."""
    if clause.dep_ != "ccomp":
        return False
    subject, _ = _subject(clause)
    return subject is not None and subject.head == clause and subject.pos_ != "PRON"


def _speaker_node(subject):
    """The subject of the reporting verb a pronoun subject stands for: 'the party said it will boycott' → the party."""
    if subject.pos_ != "PRON":
        return None
    for verb in subject.head.ancestors:
        if verb.pos_ == "VERB" and _lemma(verb) in REPORTING_VERBS | {"say", "announce", "state", "declare"}:
            speaker, passive = _subject(verb)
            return None if passive else speaker
    return None


def _told_only_where_said(cls: str, lemma: str) -> bool:
    """A threat is not made where it is aimed, an expulsion or a border closure not where the narrative last was:
    such events take a place only from their own words ('imposed a curfew in Cizre')."""
    return cls in {"threat", "expel"} or cls == "restrict" and lemma in CLOSING_VERBS


def _trigger_text(token, cls: str) -> str:
    """The trigger as written; a conditional ultimatum's with its modal ('would blockade'), which says it is a threat."""
    if cls == "threat" and _ultimatum(token):
        modal = next(c for c in token.children if c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"})
        return token.doc.text[modal.idx:_end_char(token)]
    return token.text


def _names_someone(subject) -> bool:
    """A subject that names a side, a state or a leader ('President Bush', 'the Umma party'), not 'residents'."""
    words = list(subject.subtree)
    return any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in words) \
        and not CIVILIAN_WORDS.search(" ".join(t.lower_ for t in words))


def _subject_text(token) -> str:
    """The subject noun phrase up to its head, with an 'of' phrase ('hundreds of youths protesting'), not what an
    aside says about it ('Somali forces, backed by U.S. airstrikes')."""
    subject, passive = _subject(token)
    if subject is None or passive:
        return ""
    words = [t for t in subject.subtree if t.i <= subject.i]
    for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
        words += list(prep.subtree)
    return " ".join(t.text for t in words)


def _civilian_camp(token) -> bool:
    """The place taken is a camp of displaced people or refugees (named so here or earlier in the report)."""
    targets = [c for c in token.children if c.dep_ in OBJECTS] + [obj for _, obj in _preps(token)]
    if not any("camp" in _head_words(t) for t in targets):  # 'stormed parts of the Zamzam displacement camp'
        return False
    return bool(CIVILIAN_CAMP.search(token.doc.text[:token.sent.end_char]))


def _temporal_clause(token) -> bool:
    """'before the militia left the town', 'after the garrison withdrew', 'as they retreated'."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {
        "before", "after", "as", "when", "until", "while", "once", "since"} for c in token.children)


def _demanded(token) -> bool:
    """A noun trigger asked for, planned or investigated, not done: 'a warrant for the arrest of the former
    president', 'called for the withdrawal of', 'an investigation into the withdrawal'."""
    return _governed_by(token, DEMAND_WORDS, steps=4, stop=lambda node: node.pos_ in {"VERB", "AUX"})


def _own_event(cls: str, reader: TriggerReader, sentence_events) -> bool:
    """One event per happening. A withdrawal told with a capture ('RSF overran Mellit after the garrison withdrew',
    'forced to retreat ... and IS claimed Tadmur') is the capture; one told with a fight and no place of its own
    ('the assault was repelled and the grouping fell back') is the fight's outcome. A deployment told with an attack
    is part of that attack; a surrender to someone other than the attackers ('M23 took the airport as soldiers
    handed themselves over to UN peacekeepers') is not."""
    sentence_events = [e for e in sentence_events if not _referred_to_in_time(reader.token.doc[e.work["token"]])]
    kinds = {event.work["cls"] for event in sentence_events}
    if cls in {"restrict", "expel", "ease", "drill"}:
        return True  # 'imposed a curfew after a demonstration': the curfew is news of its own
    if cls == "captive":  # 'captured 12 fighters' in a battle is the battle's; on its own, a detention
        return not any(event.event_type == "Battles" for event in sentence_events)
    if cls == "retreat":
        if kinds & {"territory", "transfer"}:
            return False
        if _temporal_clause(reader.token) and (sentence_events or not reader.origin):
            return False  # '... shot dead four men, before the militia left the town': when the killing happened;
            # 'abandoned three armoured vehicles as they retreated into the city': when the vehicles were lost
        return reader.origin or not any(event.event_type == "Battles" for event in sentence_events)
    if cls == "yield" and reader.actor2 is not None and "yield" not in kinds:
        return not any(_same_party(reader.actors, event.work.get("actor1"), reader.actor2) for event in sentence_events)
    return not sentence_events


def _surrenders(verb) -> bool:
    return _lemma(verb) == "surrender" or _particle_class(verb, _lemma(verb)) == "yield"


def _surrender_conjuncts(token) -> list:
    """'laid down their arms and surrendered to UN peacekeepers': one surrender, its recipient named once."""
    return [verb for verb in token.conjuncts if verb.pos_ == "VERB" and _surrenders(verb)]


def _same_party(actors, one: Mention | None, other: Mention) -> bool:
    """Two mentions of one side: the same words, or names the actor dictionary resolves alike ('M23 rebels', 'M23')."""
    if one is None:
        return False
    if one.text.lower() == other.text.lower():
        return True
    if actors is None:
        return False
    first, second = (actors.lookup(m.attrs.get("lookup") or m.text) for m in (one, other))
    return first is not None and first == second


BACK_POINTING = {"the", "this", "that", "these", "those"}  # determiners of an event already told


def _referred_to_in_time(token) -> bool:
    """'after the attack', 'following the clashes': an event named only to say when something else happened."""
    return token.dep_ == "pobj" and token.head.lower_ in {"after", "following", "since", "before"} \
        and any(c.dep_ == "det" and c.lower_ in BACK_POINTING for c in token.children)


def _people_taken(token) -> bool:
    """'captured 12 Boko Haram militants', 'seized two suspects', 'took 20 people hostage': people, not a place."""
    taken = _taken(token)
    if taken is None or taken.pos_ == "PRON":
        return False
    return bool(_head_words(taken) & PERSON_WORDS) and not _head_words(taken) & POSITION_WORDS


def _taken(token):
    """What a capturing verb ('captured', 'seized', 'took', 'grabbed') took: its object, or its passive subject."""
    if _lemma(token) not in {"capture", "seize", "take", "grab"} or token.pos_ not in {"VERB", "AUX"}:
        return None
    return _patient_of(token)


def _patient_of(token):
    """Whom a verb acted on: its object, or its passive subject."""
    subject, passive = _subject(token)
    return subject if passive else next((c for c in token.children if c.dep_ in {"dobj", "obj"}), None)


# People whose expulsion from a place is a fight for it ('expelled the militants from Kherson').
ARMED_PEOPLE = frozenset({"soldier", "soldiers", "fighter", "fighters", "militant", "militants", "insurgent",
                          "insurgents", "rebel", "rebels", "gunman", "gunmen", "troops", "jihadists", "militiamen",
                          "mercenaries"})


def _held_hostage(token) -> bool:
    return any(t.lower_ in {"hostage", "hostages", "captive"} for t in token.subtree)


def _protesters_involved(token) -> bool:
    subject, _ = _subject(token)
    parties = list(subject.subtree) if subject is not None else []
    parties += [obj for prep, obj in _preps(token) if prep == "with"]
    return any(t.lower_ in PROTESTER_WORDS for t in parties)


DWELLINGS = {"village", "town", "home", "house", "market", "camp", "settlement", "neighbourhood", "neighborhood",
             "hamlet", "school", "hospital", "mosque", "church", "farm", "homestead"}
UNVERIFIED = re.compile(r"\b(?:not (?:been )?(?:independently )?(?:verified|confirmed)|could not (?:be )?(?:independently )?"
                        r"(?:verify|verified|confirm|confirmed)|unverified|unconfirmed|has not observed confirmation|"
                        r"no confirmation|without evidence|(?:cannot|can not|can't|unable to) (?:independently )?"
                        r"(?:verify|confirm) (?:these|this|the|that|such|their|its) claims?|"
                        r"a claim (?:that )?(?:the )?(?:[\w.-]+ ){0,4}(?:rejected|denied|dismissed|disputed)|"
                        r"(?:rejected|denied|dismissed|disputed) (?:the|this|that) claim)\b", re.I)


def _unconfirmed_claim(token) -> bool:
    """'Milbloggers claimed that Russian forces encircled Ukrainian troops, but ISW has not observed confirmation':
    a claim the report itself doubts is not coded."""
    claimed = any(_lemma(node) in {"claim", "allege", "boast", "state", "say", "assert", "report", "announce"}
                  for node in token.ancestors)
    if claimed and UNVERIFIED.search(token.sent.text):
        return True
    # 'Unconfirmed reports on Monday said the insurgents were advancing', 'reports that Aybak has fallen (unconfirmed)'
    reported = any(_lemma(node) in {"say", "report", "suggest", "claim"} | REPORTING_VERBS
                   or node.lower_ in {"reports", "rumours", "rumors", "claims"} for node in token.ancestors)
    return reported and bool(UNCONFIRMED_SOURCE.search(token.sent.text))


UNCONFIRMED_SOURCE = re.compile(r"\b(?:unconfirmed|unverified|uncorroborated)\b", re.I)


FACILITY_WORDS = {"compound", "headquarters", "base", "barracks", "airport", "airbase", "garrison", "building",
                  "palace", "ministry", "prison", "checkpoint", "post", "outpost", "camp", "station", "bridge"}


def _takes_a_facility(token) -> bool:
    """'walked into the governor's compound', 'overran the army base': the town is the one the sentence names."""
    targets = [c for c in token.children if c.dep_ in OBJECTS]
    targets += [obj for prep, obj in _preps(token) if prep in {"into", "inside"}]
    return any(t.lemma_.lower() in FACILITY_WORDS or any(c.lemma_.lower() in FACILITY_WORDS for c in t.conjuncts)
               for t in targets)


def _judged(token) -> bool:
    """'Putin claimed the Ukrainian counteroffensive had completely failed': a verdict on a campaign, not an event."""
    if token.pos_ != "NOUN" or token.dep_ != "nsubj" or _lemma(token.head) not in {"fail", "succeed", "stall", "falter"}:
        return False
    return any(_lemma(node) in REPORTING_VERBS | {"say", "assess", "argue", "insist"} for node in token.head.ancestors)


ORDINAL_VERDICTS = {"first", "second", "third", "latest", "last"}


def _ranked(token) -> bool:
    """'The siege was the first major attack in the capital since May', 'The bombing was the deadliest since 2017':
    an event already told, set against the past; the comparison names no new event, and its dates are yardsticks."""
    if token.pos_ != "NOUN" or token.dep_ != "nsubj" or token.head.lemma_ != "be" \
            or not any(c.dep_ == "det" and c.lower_ in BACK_POINTING or c.dep_ == "poss" for c in token.children):
        return False  # 'Saturday's bombing', 'the siege': one told before
    complements = [c for c in token.head.children if c.dep_ in {"attr", "acomp"}]
    return any(_ranking_words(c) for c in complements)


def _ranking_complement(token) -> bool:
    """'... are the worst single attack on civilians since rebels killed 170 people at Atiak': the attack ranked is
    one told before; the killing it is measured against is an act of its own, not that attack's result."""
    return token.dep_ == "attr" and token.head.lemma_ == "be" and _ranking_words(token)


def _ranking_words(complement) -> bool:
    words = [complement, *(c for c in complement.children if c.dep_ in {"amod", "advmod"})]
    return any(w.tag_ == "JJS" or w.lower_ in VERDICT_ADJECTIVES | ORDINAL_VERDICTS for w in words)


def _stopped(token) -> bool:
    """'a ceasefire froze the fighting', 'to halt the offensive', 'a pause in the offensive': fighting named as what
    stopped is no new event."""
    if token.dep_ == "pobj" and token.head.lower_ in {"in", "of", "to"} \
            and _lemma(token.head.head) in STOPPING_VERBS | STOPPING_NOUNS:
        return True
    return token.tag_ in {"NN", "NNS", "VBG"} and token.dep_ in OBJECTS | {"xcomp", "nsubjpass"} \
        and _lemma(token.head) in STOPPING_VERBS


class EventBuilder:
    def __init__(self, doc: Document, ctx: Context) -> None:
        self.doc, self.ctx = doc, ctx
        self.index = MentionIndex(doc)
        self.seq = 0

    def run(self) -> None:
        for sent in self.doc.spacy_doc.sents:
            if _is_headline(sent, self.doc.text) or _listed_title(sent) or _section_heading(sent, self.doc.text):
                continue
            claimed_tokens: set[int] = set()
            triggers = [(token, "threat" if _ultimatum(token) else _trigger_class(token)) for token in sent]
            triggers = [(token, cls) for token, cls in triggers if cls is not None]
            # 'freed 17 kidnapped travellers': a participle describing a noun tells no act of this sentence
            acts = [(token, cls) for token, cls in triggers if not _describes_a_noun(token)]
            other_violence = any(cls not in {"civilian_attack"} | STRATEGIC_CLASSES for _, cls in acts)
            arrests = any(cls == "arrest" and not _is_hypothetical(token) and not (
                token.pos_ in {"NOUN", "PROPN"} and _demanded(token)) for token, cls in triggers)
            first = len(self.doc.events)
            # Withdrawals, deployments and bases after the rest: what else the sentence tells decides whether they
            # are events of their own ('RSF overran Mellit after the garrison withdrew' is one event, the capture).
            deferred = [pair for pair in triggers if pair[1] in STRATEGIC_CLASSES or _refine_class(*pair) == "captive"]
            ordered = [pair for pair in triggers if pair not in deferred] + deferred
            for token, cls in ordered:
                if token.i in claimed_tokens or _describes_a_noun(token) \
                        or _is_hypothetical(token) and not _ultimatum(token) or _stopped(token) or _judged(token) \
                        or _ranked(token):
                    continue
                if cls in {"civilian_attack", "clash"} and other_violence and token.lemma_ in {"kill", "shoot", "neutralise",
                                                                                       "neutralize"} \
                        and any(other.i != token.i and c not in {"civilian_attack"} | STRATEGIC_CLASSES
                                and not _ranking_complement(other) for other, c in acts):
                    continue  # 'the strike killed nine civilians': the killing is the strike's result
                if _event_noun_did_it(token, triggers):
                    continue  # 'Russian strikes hit Kharkiv': the strikes are the event, 'hit' what they did
                if token.pos_ == "NOUN" and token.dep_ in OBJECTS | {"conj"} and _lemma(_first_conjunct(token).head) \
                        in FINDING_VERBS:
                    continue  # 'seized about 1,000 explosive devices': weapons found, not an explosion
                if _frames_the_verb(token, triggers):
                    continue  # 'In a separate attack, a motorcycle bomb exploded': the attack is the explosion
                if cls == "agreement" and _broken_agreement(token):
                    continue  # 'after a ceasefire collapsed', 'violated the truce': no agreement made
                if cls == "clash" and arrests and token.lemma_.lower() == "raid":
                    continue  # 'police raided the offices and arrested three editors': ACLED codes the arrests
                if cls in {"arrest", "retreat"} and token.pos_ in {"NOUN", "PROPN"} and _demanded(token):
                    continue  # 'a warrant for the arrest of', 'called for the withdrawal of'
                cls = _refine_class(token, cls)
                if cls is None:
                    continue
                event = self._event(token, cls, self.doc.events[first:])
                if event is not None:
                    self.doc.events.append(event)
                    claimed_tokens.update(t.i for t in token.subtree if t.i != token.i and t.dep_ == "dobj")
            if self._only_a_toll(sent, self.doc.events[first:]):
                del self.doc.events[first:]  # 'Eight civilians, five of them children, were killed': the dead of
                # the strike just told, not a second attack
            if len(self.doc.events) == first:
                self._casualty_update(sent)
            _toll_to_its_act(sent, self.doc.events[first:])
            self._attribution(sent)
            self._equipment(sent)
            self._displacement(sent)

    # -- who is said to have done it
    def _attribution(self, sent) -> None:
        """'The GNA blamed the strike on the LNA', 'attributed the fire to LNA units', 'IS claimed responsibility':
        the perpetrator of an event told without one, named in a later sentence. The claim is marked as such."""
        for token in sent:
            blamed = _blamed_actor(self.index, token)
            if blamed is None:
                continue
            target = self._recent_unattributed(sent)
            if target is not None:
                target.work["actor1"] = blamed
                target.work["attributed"] = token.lemma_.lower()

    def _only_a_toll(self, sent, events: list[Event]) -> bool:
        """A sentence whose only news is people killed or dead, by no one it names, at no place or date of its own,
        right after a violent event was told."""
        if not events or any(e.work.get("lemma") not in {"kill", "die"} or e.work.get("actor1") is not None
                             or e.work.get("place") is not None for e in events):
            return False
        if any(t.start >= sent.start_char and t.end <= sent.end_char for t in self.doc.time_expressions):
            return False
        return any(e.event_type in FIGHTING and e.work.get("paragraph") == events[0].work.get("paragraph")
                   for e in self._told_just_before(sent) if e not in events)

    def _casualty_update(self, sent) -> None:
        """'The death toll rose to 20 after eight of the wounded died in hospital': a later count of an attack told
        just before, with no new act. The sentence joins that event's evidence and the count replaces a lower one."""
        if not TOLL_UPDATE.search(sent.text) or PERIOD.search(sent.text):
            return  # 'killed between 1 and 7 November': a period's dead, not a later count of that one event
        count = fatalities_in(sent.text, sent)
        for event in self._told_just_before(sent):
            if event.event_type in FIGHTING:
                event.evidence.append(self.doc.span(sent.start_char, sent.end_char))
                if count is not None and count > (event.fatalities or 0):
                    event.fatalities = count
                return

    def _recent_unattributed(self, sent) -> Event | None:
        for event in self._told_just_before(sent):
            if _unnamed(event.work.get("actor1")) and event.event_type != "Battles" and not event.work.get("anaphoric"):
                return event  # 'unidentified armed men attacked Seytenga ... IS Sahel later claimed the attack'
        return None

    def _told_just_before(self, sent):
        """The events told so far in this sentence and the two before it, the latest first."""
        here = self.doc.sentence_index(sent.start_char)
        for event in reversed(self.doc.events):
            if here - event.work["sentence"] > 2:
                return
            yield event

    def _event(self, token, cls: str, sentence_events: list[Event] = ()) -> Event | None:
        reader = TriggerReader(self.doc, self.index, token, cls, actors=self.ctx.actors)
        reader.read()
        if cls in {"protest", "riot"} and reader.actor1 is not None and self._supporters_of(reader.actor1):
            reader.actor1 = None  # 'Supporters of the ruling junta demonstrated': protesters, not the junta
        if cls == "protest" and _lemma(token) in {"block", "barricade", "blockade"} and self._armed_group(reader.actor1):
            cls = "restrict"  # 'the Houthis blocked access to the port': a named armed group, not a crowd
            reader = TriggerReader(self.doc, self.index, token, cls, actors=self.ctx.actors)
            reader.read()
        accused = _accused(token)
        if accused is not None:  # 'Kiev accused Moscow of sending 1,000 soldiers': Moscow's act, as alleged
            reader.actor1 = _first_actor(self.index, accused) or reader._country_as_actor(accused)
            reader.claimed = reader.actor1 is not None
        question = token.sent.text.rstrip().endswith("?")
        if question:  # 'And this follows Tuesday's raid by India?': asked about an event told, not news of one
            reader.anaphoric = reader.told = True
        if any(c.lower_ == "first" and c.dep_ in {"advmod", "npadvmod"} for c in token.children):
            reader.anaphoric = reader.told = True  # 'said Tajik troops had opened fire first': blame for a fight told
        if _inside_a_claim(token):
            reader.anaphoric = reader.told = reader.claimed = True  # 'claimed responsibility, saying it had targeted'
        if token.dep_ == "pobj" and token.head.lower_ == "by" and _lemma(token.head.head) in {"displace", "uproot"}:
            return None  # 'displaced by the fighting': the cause of a displacement, the fighting told before

        lemma = _lemma(token)
        raided = self._raided_villagers(token, cls, reader)
        if cls == "territory" and lemma in {"storm", "raid"} and _target_is_a_village(token) \
                and (self._people_in_homes(token) is not None or raided is not None) and not _armed_dead(token.sent):
            cls = "clash"  # 'stormed the village, killing 40 people': an assault on its people (settled below)
        armed_dead = cls == "clash" and bool(_armed_dead(token.sent))  # 'killing 20 civilians and two policemen'
        if cls == "clash" and reader.actor2 is None and lemma in ONE_SIDED_ATTACKS:
            victims = reader._armed_victim() or reader._victims() or self._people_in_homes(token) or raided
            if victims is not None and (_civilian(victims) or victims is raided) and not armed_dead:
                cls, reader.actor2 = "civilian_attack", victims  # 'gunmen attacked the village, killing 40 civilians'
            elif victims is not None and not _civilian(victims):
                reader.actor2 = victims  # 'killed 30 Kenyan soldiers in a raid on a base': the other side
        if cls == "clash" and lemma in ONE_SIDED_ATTACKS and not armed_dead \
                and (reader.actor2 is None or CIVILIAN_WORDS.search(reader.actor2.text)) \
                and CIVILIAN_WORDS.search(_attacked_words(token)):
            cls = "civilian_attack"  # 'attacked a camp for displaced people': the target itself is civilians
        crew = self._crew_of_vessel(token) if cls in VESSEL_ATTACKS and reader.actor2 is None else None
        if crew is not None:  # 'attacked the Greek-flagged oil tanker Sounion': a civilian ship, its crew civilians
            cls = "civilian_attack" if cls == "clash" else cls
            reader.actor2 = crew
        if _unconfirmed_claim(token):
            return None
        if lemma in LAUNCH_VERBS and reader.actor1 is None:
            reader.actor1 = self._firer_from(token)
        if cls in STRATEGIC_CLASSES and not (reader.valid and _own_event(cls, reader, sentence_events)):
            if cls == "retreat" and reader.valid and reader.actor1 is not None:
                for event in sentence_events:  # 'RSF overran Mellit after the SAF garrison withdrew': SAF lost it
                    if event.work["cls"] in {"territory", "transfer"} and event.work.get("actor2") is None \
                            and event.work.get("actor1") is not reader.actor1:
                        event.work["actor2"] = reader.actor1
            return None
        if cls == "territory" and not reader.places and not _takes_a_facility(token):
            return None
        if lemma in {"kill", "die"} and _running_toll(token):
            return None
        governor = _governing_verb(token) if token.pos_ == "NOUN" else None
        if governor is not None and _lemma(governor) in {"kill", "die"} and _running_toll(governor):
            return None  # 'at least 54 people had been killed in clashes ... since Wednesday': the period's toll
        if cls == "civilian_attack" and not (CIVILIAN_WORDS.search(token.sent.text) or _civilian_camp(token)
                                             or crew is not None or raided is not None
                                             or _unarmed_men(_target_words(token))
                                             or lemma in ATROCITY_VERBS
                                             and not ARMED_VICTIMS & set(_object_words(token).split())
                                             or _an_official_killed(token) or _on_a_life(token)):
            return None
        if cls == "territory" and self._took_things(token):
            return None  # 'seized about 1,000 explosive devices in Jenin': weapons taken, not ground
        if cls == "territory" and _a_tally_of_ground(token):
            return None  # 'have taken control of 1,263 square kilometers and 93 settlements since August 6'
        if cls == "territory" and lemma == "control" and not TAKING_CONTROL.search(token.sent.text):
            return None  # 'controls a swathe of territory', 'months of LNA control': a state, not a change
        # troops sent to Kharkiv are in Kharkiv; a missile fired towards Jizan struck, or was stopped, at Jizan
        destinations = cls in {"mobilize", "base"} or lemma in LAUNCH_VERBS
        own_places = [p for p in reader.places if not _where_one_victim_was(self.doc, p)] or list(reader.places)
        sites = _sites(self.doc, self.index, token.sent, own_places)
        places = _choose_places(self.doc, narrow_places(self.doc, sites), keep_destinations=destinations) \
            or ([] if _told_only_where_said(cls, lemma) else self._sentence_place(token))
        sentence = self.doc.span(token.sent.start_char, token.sent.end_char)
        nonviolent = cls in STRATEGIC_CLASSES | {"arrest", "agreement"}
        outcome = WITHDRAWAL if cls == "retreat" else "failed" if not nonviolent and _failed(token) else None
        events = []
        toll = None if nonviolent or cls in NON_LETHAL_CLASSES else (
            fatalities_in(sentence.text, token.sent) or _one_official_killed(token))
        tolls = _tolls_by_place(self.doc, [place for place, _ in places], toll)
        for site, ((place, precision), fatalities) in enumerate(zip(places or [(None, None)], tolls)):
            event_type, sub_type = TRIGGER_CLASSES[cls]
            self.seq += 1
            event = Event(
                event_id="", document_id=self.doc.id, event_date=None, time_precision=3,
                event_type=event_type, sub_event_type=sub_type, actor1=None, actor2=None, location=None,
                fatalities=fatalities,
                outcome=outcome,
                background=False, confidence=0.0, evidence=[sentence], trigger=_trigger_text(token, cls),
            )
            event.work.update(distinct=_set_apart(token),
                              anaphoric=reader.anaphoric and not reader.places, told=reader.told,
                              definite=reader.anaphoric and bool(reader.places))
            event.work.update(cls=cls, token=token.i, char=token.idx, place=place, geo_hint=precision, site=site,
                              sentence=self.doc.sentence_index(token.idx),
                              paragraph=self.doc.paragraph_start(token.idx),
                              actor1=reader.actor1, actor2=reader.actor2, lemma=lemma, seq=self.seq,
                              denied=_denied(token), question=question, verdict=reader.verdict,
                              own_place_only=_told_only_where_said(cls, lemma))
            if reader.claimed and reader.actor1 is not None:
                event.work["attributed"] = "accuse" if accused is not None else "claim"
            events.append(event)
        self.doc.events.extend(events[1:])
        return events[0]

    def _crew_of_vessel(self, token) -> Mention | None:
        """The civilians aboard the merchant ship the act was aimed at: the object, the subject of a passive, or
        what it was 'on' or 'at' ('a drone attack on a bulk carrier')."""
        subject, passive = _subject(token)
        targets = [c for c in token.children if c.dep_ in OBJECTS]
        targets += [subject] if passive and subject is not None and subject.head == token else []
        targets += [obj for prep, obj in _preps(token) if prep in {"on", "at", "upon", "against"}]
        for target in targets:
            start, end = target.left_edge.idx, _end_char(target.right_edge)
            match = MERCHANT_VESSEL.search(self.doc.text, start, end)
            if match is not None:
                return Mention(match.group(), match.start(), match.end(), "actor",
                               self.doc.sentence_index(match.start()), attrs={"lookup": "civilians"})
        return None

    def _took_things(self, token) -> bool:
        """The object taken is weapons or equipment, not a place or a position."""
        objects = [c for c in token.children if c.dep_ in OBJECTS]
        return bool(objects) and all(
            not self.index.in_subtree("place", o) and (self.index.in_subtree("equipment", o) or o.lemma_.lower()
                                                         in HARDWARE_WORDS | WEAPON_WORDS) for o in objects)

    def _supporters_of(self, mention: Mention) -> bool:
        """The actor is named only as whom the crowd supports ('supporters of the junta', 'relatives of the
        detained soldiers')."""
        span = self.doc.spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
        node = span.root if span is not None else None
        return node is not None and node.dep_ == "pobj" and node.head.lower_ == "of" \
            and node.head.head.lemma_.lower() in SUPPORTER_WORDS

    def _armed_group(self, mention: Mention | None) -> bool:
        """A mention the actor dictionary knows as a state force, rebel group or militia."""
        if mention is None or _civilian(mention):
            return False
        actor = self.ctx.actors.lookup(mention.attrs.get("lookup") or mention.text)
        return actor is not None and actor.kind in {"state", "rebel", "militia"}

    def _raided_villagers(self, token, cls: str, reader: TriggerReader) -> Mention | None:
        """'The gunmen stormed the village, shooting sporadically and breaking into homes': unnamed gunmen or bandits
        storming or raiding a village, with no armed side there, assault its people; they hold no ground (ACLED codes
        bandits' raids on villages as attacks on civilians). A named force storming a village ('The RSF stormed the
        village of Wad al-Noura') may be taking it, and keeps that reading."""
        if cls not in {"territory", "clash"} or _lemma(token) not in {"storm", "raid"} or reader.actor2 is not None \
                or not _target_is_a_village(token) or _armed_dead(token.sent) or not self._unnamed_armed(reader.actor1):
            return None
        village = next(c for c in token.children if c.dep_ in OBJECTS and _head_words(c) & HAMLETS)
        return Mention(village.text, village.idx, _end_char(village), "actor", self.doc.sentence_index(village.idx),
                       attrs={"lookup": "civilians"})

    def _unnamed_armed(self, mention: Mention | None) -> bool:
        """'gunmen', 'armed bandits': ACLED's unidentified armed group."""
        actor = self.ctx.actors.lookup(mention.attrs.get("lookup") or mention.text) if mention is not None else None
        return actor is not None and actor.side == "unidentified"

    def _people_in_homes(self, token) -> Mention | None:
        """'attacked villages ..., killing at least 124 people': people killed where people live are civilians."""
        targets = {t.lemma_.lower() for c in token.children if c.dep_ in OBJECTS for t in c.subtree}
        targets |= {t.lemma_.lower() for prep, obj in _preps(token) if prep in {"on", "against"} for t in obj.subtree}
        if not targets & (DWELLINGS | BUILDING_WORDS):
            return None
        match = re.search(r"\b(?:killing|killed)\s+(?:at least\s+|some\s+|about\s+|more than\s+)?[\w,-]+\s+(\w+)\b",
                          token.sent.text, re.I)
        if match is None or not CIVILIAN_WORDS.fullmatch(match.group(1)):
            return None  # 'killing 12 people', 'killing four passengers'
        start = token.sent.start_char + match.start(1)
        return Mention(match.group(1), start, start + len(match.group(1)), "actor", self.doc.sentence_index(start),
                       attrs={"lookup": "civilians"})

    def _sentence_place(self, token) -> list[tuple[Mention, int]]:
        """No place attached to the trigger: the sentence's place the event most likely happened at; for a noun,
        not where another verb's subject went ('crossed into Kousseri, fleeing the fighting N'Djamena has seen')."""
        antecedent = self._antecedent_of_where(token)
        if antecedent:  # 'Sirens sounded in Kiryat Shmona and Safed, where ... rockets were fired': in those towns
            antecedent = narrow_places(self.doc, antecedent)  # (even 'the border with Somalia, where troops fought')
            return _choose_places(self.doc, antecedent) or [(place, 1) for place in antecedent]
        places = _clause_places(self.doc, self.index, token)
        if token.pos_ in {"NOUN", "PROPN"}:
            places = [p for p in places if not _where_another_went(self.doc, p, token)] or places
        if _lemma(token) in LAUNCH_VERBS:  # 'fired from Lebanon': the fire landed elsewhere, where the sentence says
            places = [p for p in places if p not in _launch_sites(self.index, token)] or places
        verb = (token.idx, _end_char(token))
        chosen = choose_event_place(self.doc, verb, places)
        if chosen is not None and _an_area(chosen) and holds_another(self.doc, chosen, places):
            # 'occupied the town of Macomia in Cabo Delgado province, looting food stocks': the act is in the town
            chosen = choose_event_place(self.doc, verb, narrow_places(self.doc, places)) or chosen
        if chosen is None:
            return []
        sites = _sites(self.doc, self.index, token.sent, [chosen]) if _site_of_the_act(self.doc, token, chosen) \
            else [chosen]
        return _choose_places(self.doc, narrow_places(self.doc, sites))

    def _antecedent_of_where(self, token) -> list[Mention]:
        """The places a 'where' clause holding the trigger describes, with the places listed beside them."""
        clause = next((node for node in (token, *token.ancestors) if node.dep_ == "relcl"), None)
        if clause is None or not any(c.lower_ == "where" and c.dep_ == "advmod" for c in clause.children):
            return []
        named = [m for node in (clause.head, *clause.head.conjuncts)
                 for m in [self.index.at_token("place", node)] if m is not None]
        return _sites(self.doc, self.index, token.sent, named) if named else []

    def _firer_from(self, token) -> Mention | None:
        """'about 50 rockets were fired from Lebanon': told without a firer, the fire is that of the armed group the
        report names from the country it came from (the only one: with two, who fired is not said), else of that
        country's forces; not the military that reported it."""
        countries = {(m.attrs.get("candidates") or [None])[0].country_code for m in _launch_sites(self.index, token)
                     if m.attrs.get("candidates")}
        named = [(m, actor) for m in self.index.within("actor", 0, len(self.doc.text))
                 if self._armed_group(m) and not m.attrs.get("anaphor")
                 for actor in [self.ctx.actors.lookup(m.attrs.get("lookup") or m.text)] if actor.country in countries]
        for kinds in ({"rebel", "militia"}, {"state"}):
            sides = [(m, actor.name) for m, actor in named if actor.kind in kinds]
            if sides:
                return sides[0][0] if len({name for _, name in sides}) == 1 else None
        return None

    # -- equipment
    def _equipment(self, sent) -> None:
        first = len(self.doc.equipment)
        self._equipment_named(sent)
        self._equipment_of_them(sent)
        told = self.doc.equipment[first:]
        struck = [r for r in told if r.work.get("verb") in IMPACT_LEMMAS
                  and any(o.work.get("verb") not in IMPACT_LEMMAS and o.category == r.category and o.status == r.status
                          for o in told)]  # 'striking a column of six BMPs ..., destroying four of the BMPs'
        self.doc.equipment[first:] = [r for r in told if r not in struck]

    def _equipment_named(self, sent) -> None:
        for mention in self.index.within("equipment", sent.start_char, sent.end_char):
            token = self.doc.spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if token is None:
                continue
            head = token.root
            if mention.attrs.get("generic") and any(
                    c.dep_ == "appos" and self.index.at_token("equipment", c) for c in head.children):
                continue
            if head.dep_ in {"compound", "amod", "nmod"} and head.head.pos_ == "NOUN" \
                    and _lemma(head.head) in NOUN_TRIGGERS:
                continue  # 'a drone strike hit the square': the drone is the weapon of the strike, not a loss
            status, verb = _equipment_status(head)
            if status is None or (head.dep_ == "nsubj" and head.head == verb and not _reduced_passive(verb)):
                continue  # 'a roadside bomb struck a police vehicle': the bomb did the damage, it was not lost
            self._add_equipment(sent, mention, status, _equipment_quantity(head, mention), verb,
                                char=mention.start, owner=self._owner(head) or self._owner(_first_conjunct(head)),
                                place_of=head)

    def _add_equipment(self, sent, mention: Mention, status: str, quantity: Quantity, verb, *, char: int,
                       owner: Mention | None, place_of=None) -> None:
        """One equipment record from the sentence that tells it; the verb's active subject is who acted on it, the
        place its clause names where it happened."""
        record = EquipmentRecord(
            record_id="", document_id=self.doc.id, item=mention.canonical or mention.text,
            category=mention.attrs.get("category", "other"), status=status, quantity=quantity,
            losing_actor=None, gaining_actor=None, date=None, location=None,
            evidence=self.doc.span(sent.start_char, sent.end_char),
            named_item=not mention.attrs.get("generic", False),
        )
        subject, passive = _subject(verb) if verb is not None else (None, False)
        passive = passive or _reduced_passive(verb)  # '17 military vehicles destroyed': no one named did it
        if subject is None and verb is not None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
            subject, passive = _subject(verb.head)  # 'drones striking a column, destroying four BMPs'
            subject = subject or _participle_doer(verb.head)
        doer = None if subject is None or passive else self._speaker(subject) or _first_actor(self.index, subject)
        places = self._own_place(place_of, verb) if place_of is not None else []
        record.work.update(char=char, verb=verb.lemma_ if verb is not None else None, mention=mention, owner=owner,
                           subject=doer, place=places[0] if places else None)
        self.doc.equipment.append(record)

    def _own_place(self, head, verb) -> list[tuple[Mention, int]]:
        """Where the loss happened, when its own clause says so ('Two tanks were destroyed near X', 'abandoned tanks
        ... near Izium'); a place another clause of the sentence names ('... and retook Axum') is not it."""
        anchor = verb if verb is not None and verb.pos_ in {"VERB", "AUX"} else head
        places = [p for p in _clause_places(self.doc, self.index, anchor) if _in_clause_of(self.doc, p, head)]
        chosen = choose_event_place(self.doc, (anchor.idx, _end_char(anchor)), places) if places else None
        return _choose_places(self.doc, [chosen]) if chosen is not None else []

    def _speaker(self, subject) -> Mention | None:
        """'The defence ministry said it had captured ...', '... said its forces had destroyed ...': the pronoun, or
        the forces it owns, stand for who said so."""
        owned = any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in subject.children)
        pronoun = subject if subject.pos_ == "PRON" else None
        if pronoun is None and owned:
            pronoun = next(c for c in subject.children if c.dep_ == "poss" and c.lower_ in {"its", "their"})
        if pronoun is None or pronoun.lower_ not in {"it", "they", "its", "their"}:
            return None
        for verb in subject.ancestors:
            if verb.pos_ == "VERB" and _lemma(verb) in REPORTING_VERBS | {"say", "announce", "state", "declare"}:
                speaker, passive = _subject(verb)
                if speaker is None or passive:
                    return None
                actor = _first_actor(self.index, speaker) or _nation_in(self.ctx.actors, self.doc, speaker)
                return actor if actor is not None and not _civilian(actor) else None
        return None

    @staticmethod
    def _shared_origin(match: re.Match, previous: DisplacementRecord | None) -> Mention | None:
        """'... displaced in Lebanon, ..., and about 400,000 have crossed into Syria': a further figure told without
        its people left where the figure before it was displaced from."""
        return previous.work["origin"] if match.re is FURTHER_FIGURE and previous is not None else None

    @staticmethod
    def _read_origin_with(record: DisplacementRecord, match: re.Match, previous: DisplacementRecord | None) -> None:
        """A further figure whose origin no words tell is read, later, where the figure before it is: not from a
        destination told between them ('..., many of them to Cucuta, and about 1,000 crossed into Venezuela')."""
        if match.re is FURTHER_FIGURE and previous is not None and record.work["origin"] is None:
            record.work["origin_char"] = previous.work.get("origin_char", previous.work["char"])

    def _equipment_of_them(self, sent) -> None:
        """'launched 14 Shahed drones ..., and air defences destroyed 13 of them', '25 of which were shot down': a
        count of the equipment just named, lost as the verb says."""
        for token in sent:
            if token.lower_ not in {"them", "which"} or token.dep_ != "pobj" or token.head.lower_ != "of":
                continue
            count = token.head.head
            number = parse_number(count.text)
            if number is None or count.dep_ not in {"dobj", "nsubjpass", "nsubj"}:
                continue
            status, verb = _equipment_status(count)
            if status is None:
                continue
            doer, _ = _subject(verb)
            doing = set(range(doer.left_edge.idx, _end_char(doer.right_edge))) if doer is not None else set()
            named = [m for m in self.index.within("equipment", max(0, sent.start_char - 400), token.idx)
                     if m.start not in doing]  # 'air defences destroyed 13 of them': not the air defences
            if not named:
                continue
            mention = named[-1]
            self._add_equipment(sent, mention, status, Quantity(number, number, f"{count.text} of {token.text}"), verb,
                                char=count.idx, owner=self._launcher(mention))

    def _launcher(self, mention: Mention) -> Mention | None:
        """Who launched, fired or sent the equipment: 'Russian forces launched 14 drones' → Russian forces."""
        span = self.doc.spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.root.dep_ not in OBJECTS:
            return None
        verb = span.root.head
        if _lemma(verb) not in {"launch", "fire", "send", "deploy", "use", "fly"}:
            return None
        subject, passive = _subject(verb)
        return _first_actor(self.index, subject) if subject is not None and not passive else None

    def _owner(self, head) -> Mention | None:
        """Whose equipment it was: 'four Russian tanks', 'three army trucks', 'rebel pick-up trucks', 'tanks
        abandoned by the retreating Russian unit'."""
        for child in head.children:
            if child.dep_ in {"amod", "compound", "poss", "nmod"}:
                owner = self._owner_word(child) or self.index.at_token("actor", child)
                if owner is not None:
                    return owner
            if child.dep_ == "acl" and _status_of(child.lemma_.lower()) == "abandoned":
                agent = _agent(child)
                if agent is not None:
                    return _first_actor(self.index, agent)
        return None

    def _owner_word(self, token) -> Mention | None:
        """'army' in 'army trucks', 'rebel' in 'rebel pick-up trucks': a force word the equipment's name begins with,
        read as the force it stands for in this report. The army or police it names is the one of the place, not a
        foreign army told of before ('Rwandan troops arrived ... set fire to two army trucks' in Mozambique)."""
        word = token.lower_
        if word not in OWNER_WORDS:
            return None
        of_the_place = word in {"army", "police"}
        lookup = word if of_the_place or word in {"government", "regime"} else word.removesuffix("s") + "s"
        return Mention(token.text, token.idx, _end_char(token), "actor", self.doc.sentence_index(token.idx),
                       attrs={"lookup": lookup, "of_the_place": of_the_place})

    # -- displacement
    def _named_from(self, place: Mention) -> bool:
        """'people from Kunduz', 'refugees from Tigray': the place named right after 'from'."""
        return bool(FROM_BEFORE.search(self.doc.text[max(0, place.start - 12):place.start]))

    def _displacement(self, sent) -> None:
        forced = [m for m in DISPLACED_OBJECT.finditer(sent.text)
                  if m.group("verb").lower().startswith(("displac", "uproot", "evacuat"))
                  or LEAVING.search(m.group("rest"))]
        counted: set[int] = set()
        figures = [*DISPLACEMENT.finditer(sent.text), *forced]
        further = [m for m in FURTHER_FIGURE.finditer(sent.text)
                   if any(f.end() <= m.start() for f in figures)]  # only after a figure whose people it shares
        starts = sorted(m.start() for m in [*figures, *further])
        previous: DisplacementRecord | None = None
        for match in [*figures, *further]:
            quantity = _quantity_from_text((match.group("q") or "").strip())
            if quantity is None or match.start("who") in counted or _counted_as_killed(sent.text, match):
                continue
            quantity = _with_lower_bound(quantity, sent.text, match)
            counted.add(match.start("who"))
            start = sent.start_char + match.start()
            record = DisplacementRecord(record_id="", document_id=self.doc.id, people=quantity, origin=None,
                                        destination=None, date=None,
                                        evidence=self.doc.span(sent.start_char, sent.end_char))
            # each figure's places lie before the next figure: '1.2 million have been displaced in Lebanon ... and
            # about 400,000 have crossed into Syria' (Syria is the second figure's)
            limit = sent.start_char + next((s for s in starts if s >= match.end()), len(sent.text))
            after = self.index.within("place", sent.start_char + match.end(), limit)
            before = [p for p in self.index.within("place", sent.start_char, start) if not _a_speaker(self.doc, p)]
            if ARRIVAL.search(match.group("verb")):  # '14,000 people from Kunduz had reached Kabul'
                origins = [p for p in self.index.within("place", start, limit) if self._named_from(p)]
                destinations = [p for p in after if not self._named_from(p)]
                record.work.update(char=start, origin=origins[0] if origins else self._shared_origin(match, previous),
                                   destination=destinations[0] if destinations else None)
                self._read_origin_with(record, match, previous)
                self.doc.displacement.append(record)
                previous = record
                continue
            toward = match.group("verb").lower().endswith((" for", " into", "refuge"))  # 'left for Kharkiv'
            destination = next((p for p in after if _fled_to(self.doc, p, toward)), None)
            origin = next((p for p in after if p is not destination and (
                re.search(r"(?:\bfrom\s+(?:the\s+)?|^\s*)$", self.doc.text[sent.start_char + match.end():p.start],
                          re.I) or re.search(r"\bfrom\s+(?:the\s+)?$", self.doc.text[max(0, p.start - 12):p.start],
                                             re.I)
                or FLED_PART_OF.fullmatch(self.doc.text, sent.start_char + match.end(), p.start))), None)
            if origin is None and re.search(r"displac|uproot", match.group("verb"), re.I):
                origin = next((p for p in after if DISPLACED_WHERE.fullmatch(
                    self.doc.text, sent.start_char + match.end(), p.start)), None)
            inside = self.index.within("place", sent.start_char + match.start("verb"), sent.start_char + match.end())
            origin = origin or (inside[0] if inside else None)  # 'have left Bamenda for Douala'
            residents_of = self.index.within("place", start, sent.start_char + match.start("who")) + [
                p for p in self.index.within("place", sent.start_char + match.end("who"),
                                             sent.start_char + match.start("verb")) if self._named_from(p)]
            # 'about 2,000 Gharyan residents fled to ...', '60,000 refugees from Tigray have fled into Sudan'
            origin = residents_of[0] if residents_of else origin
            origin = origin or self._shared_origin(match, previous)
            record.work.update(char=start, origin=origin or (before[-1] if before else None), destination=destination)
            self._read_origin_with(record, match, previous)
            self.doc.displacement.append(record)
            previous = record


# 'displaced in Shan State', 'displaced by fighting around Goma': where the people were displaced from.
DISPLACED_WHERE = re.compile(r"\s*(?:by\s+(?:[\w-]+\s+){1,3}?)?(?:in|within|across|inside|around|near)\s+(?:the\s+)?",
                             re.I)

# Where people fled to: 'to Kharkiv', 'towards the district of Mueda', 'into the provincial capital Pemba'; 'for' and
# 'in' only after a verb of heading somewhere ('sought refuge in', 'left for', 'fled Zamzam for', 'heading for').
FLIGHT_DESTINATION = re.compile(
    r"(?<!according )\b(?P<prep>to|towards|toward|into|for|in)\s+(?:the\s+)?(?:neighbou?ring\s+)?" + PLACE_DESCRIPTION
    + "$", re.I)  # 'fled to neighbouring Sudan'
HEADING = re.compile(r"\b(?:head(?:ing|ed|s)?|bound|making|set(?:ting)?\s+(?:off|out)|left|leaving|fled|fleeing)\s+"
                     r"(?:[\w'’-]+\s+){0,2}$", re.I)


def _fled_to(doc: Document, place: Mention, toward: bool) -> bool:
    """The place is where the people fled to; `toward`: the displacement verb itself heads somewhere ('left for')."""
    before = doc.text[max(0, place.start - 60):place.start]
    found = FLIGHT_DESTINATION.search(before)
    if found is None:
        return False
    heading_for = found.group("prep").lower() == "for" and HEADING.search(before, 0, found.start("prep"))
    return found.group("prep").lower() not in {"for", "in"} or toward or bool(heading_for)


# 'fled rural areas of Morales', 'fled their homes in Kherson', 'fled the outskirts of Gao': the place they left.
FLED_PART_OF = re.compile(r"\s+(?:the\s+|their\s+)?(?:\w+\s+)?(?:areas?|parts?|outskirts|villages|homes|houses|"
                          r"neighbou?rhoods?|districts?|countryside|suburbs?|surroundings)\s+(?:of|in|around|near)\s+"
                          r"(?:the\s+)?", re.I)


def _a_speaker(doc: Document, place: Mention) -> bool:
    """'Russia said that 90,000 people had been displaced': the country that says so, not where they fled from."""
    span = doc.spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in REPORTING_VERBS | {"say", "announce", "state", "tell"}


def _instrument_or_agent(preposition) -> bool:
    """'with' a verb's instrument ('destroyed them with missiles', 'mounted with machine guns'; not 'along with two
    BMPs'), or 'by' its passive agent ('rescued by a warship')."""
    if preposition.lower_ == "by":
        return preposition.dep_ == "agent"
    return preposition.lower_ == "with" and _lemma(preposition.head) in WIELDING_VERBS \
        and preposition.nbor(-1).lower_ not in {"along", "together"}


# Verbs whose 'with' is what they used or carry, not what they took ('made off with three police vehicles').
WIELDING_VERBS = {"destroy", "hit", "strike", "attack", "target", "shell", "shoot", "fire", "bomb", "down", "knock",
                  "disable", "damage", "kill", "ambush", "repel", "mount", "arm", "equip", "fit", "engage", "neutralise",
                  "neutralize", "eliminate"}


def _first_conjunct(token):
    """'four Armenian tanks, two Grad launchers and an S-300 system': the list's first item, whose owner the others
    share when they name none."""
    while token.dep_ == "conj":
        token = token.head
    return token


def _in_clause_of(doc: Document, place: Mention, head) -> bool:
    """The place hangs on the noun itself ('tanks abandoned near Izium'), or on the clause the noun belongs to (the
    first verb above the place governs the noun), not on a clause of its own beside it ('... and retook Axum') nor on
    a relative clause about the noun ('aircraft that had left Moscow')."""
    span = doc.spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    relative = False
    for node in span.root.ancestors:
        if node == head:
            return not relative
        if node.pos_ in {"VERB", "AUX"}:
            if head not in set(node.ancestors):
                return node in _governors(head)
            relative = relative or node.dep_ == "relcl"
    return True  # no verb at all: a headline


def _governors(token) -> set:
    """The words above a token up to the verb of its own clause and the clauses that verb hangs in, not a clause it
    is coordinated with ('militants attacked Nazran, and two aircraft were destroyed': not 'attacked')."""
    governors = set()
    while token.head != token and not (token.pos_ in {"VERB", "AUX"} and token.dep_ == "conj"):
        token = token.head
        governors.add(token)
    return governors


def _set_on_fire(verb) -> bool:
    """'Several vehicles were set on fire', 'set ablaze', 'set alight': burned, so destroyed."""
    return _lemma(verb) == "set" and any(
        c.lower_ in {"ablaze", "alight"} or c.lower_ == "on" and any(g.lower_ in {"fire", "flames"} for g in c.children)
        for c in verb.children)


def _reduced_passive(verb) -> bool:
    """'17 military vehicles destroyed, 4 tanks captured': a bare participle after its noun, as in a list or a
    headline, is passive (no auxiliary, no object). The parser may read it as a past tense; a verb whose active,
    objectless use says what the equipment itself did is not one ('the drones struck', 'the trucks left')."""
    if verb is None or verb.tag_ not in {"VBN", "VBD"} or any(
            c.dep_ in {"aux", "auxpass", "dobj", "agent"} for c in verb.children):
        return False
    return verb.tag_ == "VBN" or _lemma(verb) not in IMPACT_LEMMAS | {"leave", "shoot", "fire"}


def _equipment_status(head):
    """The word that says what happened to the equipment: the verb it is the object of ('seized three T-72s
    abandoned by ...' were captured), else a participle describing it, else a verb further up."""
    if head.dep_ in {"dobj", "nsubjpass", "conj"}:
        verb = head.head if head.dep_ != "conj" else head.head.head
        status = _status_of(verb.lemma_.lower()) if verb.pos_ in {"VERB", "AUX"} else None
        if status or _set_on_fire(verb):
            return status or "destroyed", verb
    if head.dep_ == "pobj" and (head.head.lower_ in {"from", "aboard", "atop"} or _instrument_or_agent(head.head)
                                or _conveyance(head.head)):
        return None, None  # 'shot at us from pickup trucks', 'destroyed two tanks with guided missiles', 'rescued by
        # an Indian warship', 'took them away in buses': what they fired from, used or rode, or who acted
    node = head
    for _ in range(6):
        for child in node.children:
            if child.dep_ in {"amod", "acl"}:
                status = _status_of(child.lemma_.lower()) or _status_of(child.lower_)
                if status:
                    return status, child
        if node is not head and node.pos_ in {"VERB", "AUX"} or (node is not head and node.tag_ in {"VBN", "VBD"}):
            if _took_place(node):
                return None, None  # 'fighting, including the use of tanks, took place': nothing was taken
            status = _status_of(node.lemma_.lower())
            if status and status != "lost":  # 'lost' only of its own object: 'the army lost four vehicles'
                return status, node
        if node.head == node:
            break
        node = node.head
    return None, None


CARRYING_VERBS = {"take", "carry", "transport", "ferry", "drive", "move", "evacuate", "flee", "arrive", "travel",
                  "ride", "bus", "truck", "escape", "leave", "come", "go", "remove"}


def _conveyance(preposition) -> bool:
    """'took them away in buses', 'were taken out of the town by army trucks': what carried people, not a loss."""
    verb = preposition.head
    if verb.lower_ in LEAVING_PARTICLES and verb.dep_ in {"advmod", "prt"}:
        verb = verb.head  # 'took them away in buses'
    return preposition.lower_ in {"in", "by", "on"} and _lemma(verb) in CARRYING_VERBS


def _status_of(lemma: str) -> str | None:
    for status, lemmas in STATUS_LEMMAS.items():
        if lemma in lemmas:
            return status
    return None


def _with_lower_bound(quantity: Quantity, text: str, match: re.Match) -> Quantity:
    """'more than 4,000 people' are at least 4,001, 'at least 300' or '300 or more' at least 300, with no upper
    bound. 'up to' and 'about' leave the figure as reported, the words in its text: it is the figure aid agencies
    count with."""
    if quantity.min is None or quantity.min != quantity.max:
        return quantity
    low, high, said = _qualified_count(quantity.min, text, match.start("q"), match.end("q"))
    return quantity if low is None or high is not None else Quantity(low, None, said.strip())


def _quantity_from_text(text: str) -> Quantity | None:
    lowered = text.lower().strip()
    if not lowered:
        return None
    scaled = re.fullmatch(r"(several|a few|some|many) (hundred|thousand)", lowered)
    if scaled:  # 'several hundred' → 300-900, by the vague-quantity table times the unit
        low, high = VAGUE_QUANTITIES.get(scaled.group(1), (2, None))
        unit = 100 if scaled.group(2) == "hundred" else 1000
        return Quantity(low * unit, high * unit if high else None, text)
    vague = VAGUE_QUANTITIES.get(lowered) or VAGUE_QUANTITIES.get(lowered.removesuffix(" of"))
    if vague:
        return Quantity(vague[0], vague[1], text)
    number = parse_number(lowered.removesuffix(" of"))
    if number is not None:
        return Quantity(number, number, text)
    return None


def _equipment_quantity(head, mention: Mention) -> Quantity:
    """'two T-72 tanks' → 2; 'more than 300 tanks' → at least 301; 'about 40 tanks' → no bound, an estimate;
    'several tanks' and 'dozens of technicals, BMPs' → the vague-quantity table, for each; 'T-72s' → at least 2."""
    first = head
    while first.dep_ == "conj":
        first = first.head
    text = head.doc.text
    for node in (head, first):
        vague = _vague_determiner(node)
        if vague is not None:
            low, high = VAGUE_QUANTITIES[vague]
            return Quantity(low, high, f"{vague} {mention.text}")
        for child in sorted(node.children, key=lambda c: abs(c.i - node.i)):  # '24 August 2004 two aircraft': two
            if child.dep_ in {"nummod", "quantmod"} or (child.dep_ == "det" and child.lower_ in {"a", "an"}):
                number = parse_number(child.text)
                if number is not None:
                    return _stated_count(number, text, child.idx, _end_char(child), mention)
    for node in (head, first):
        if node.dep_ == "pobj" and node.head.lower_ == "of":
            quant_head = node.head.head
            phrase = " ".join(t.text for t in quant_head.subtree if t.i <= node.head.i).lower()
            for vague, (low, high) in sorted(VAGUE_QUANTITIES.items(), key=lambda kv: -len(kv[0])):
                if phrase.endswith(vague.removesuffix(" of") + " of") or phrase.endswith(vague):
                    return Quantity(low, high, f"{quant_head.text} of {mention.text}")
            number = parse_number(quant_head.text)
            if number is not None:
                return Quantity(number, number, f"{quant_head.text} of {mention.text}")
    before = re.search(r"(\b[\w,-]+)\s+$", text[max(0, mention.start - 30):mention.start])
    number = parse_number(before.group(1)) if before else None
    if number is not None:  # '11 AK-47 rifles', where the parser hangs the number on the model name
        return _stated_count(number, text, mention.start - len(before.group(0)), mention.start - len(before.group(0))
                        + len(before.group(1)), mention)
    if head.tag_ in {"NNS", "NNPS"} or re.search(r"(?:s|'s|’s)$", mention.text) and not mention.text.endswith("ss"):
        return Quantity(2, None, mention.text)
    return Quantity(1, 1, mention.text)


def _vague_determiner(node) -> str | None:
    """'several tanks', 'a few trucks', 'many vehicles': a vague-quantity word before the noun (not 'some 30')."""
    words = [c for c in node.children if c.dep_ in {"amod", "det", "nummod", "quantmod"} and c.i < node.i]
    for child in words:
        phrase = f"{child.nbor(-1).lower_} {child.lower_}" if child.i > 0 else child.lower_
        if phrase in VAGUE_QUANTITIES:
            return phrase  # 'a few'
        if child.lower_ in VAGUE_QUANTITIES and not any(c.dep_ in {"nummod", "quantmod"} for c in node.children):
            return child.lower_
    return None


def _stated_count(number: int, text: str, start: int, end: int, mention: Mention) -> Quantity:
    """A stated number with what the words around it say about it: 'more than 300 tanks' is at least 301."""
    low, high, said = _qualified_count(number, text, start, end)
    return Quantity(low, high, f"{said} {mention.text}")


def _qualified_count(number: int, text: str, start: int, end: int) -> tuple[int | None, int | None, str]:
    """The bounds of the number written at text[start:end] ('more than 300' → 301, None) and the words that say
    so, qualifier included."""
    before = text[max(0, start - 25):start]
    if start > 25:
        before = before.split(" ", 1)[-1]  # whole words only
    low, high = count_bounds(number, before, text[end:end + 10])
    qualifier, postfix = QUALIFIER_BEFORE.search(before), AT_LEAST_AFTER.match(text[end:end + 10])
    said = text[start - len(before) + qualifier.start() if qualifier else start:end + (postfix.end() if postfix else 0)]
    return low, high, said


@stage("events", reads=("spacy_doc", "mentions", "time_expressions"),
       adds=("events", "equipment", "displacement"))
def events(doc: Document, ctx: Context) -> None:
    doc.events, doc.equipment, doc.displacement = [], [], []
    EventBuilder(doc, ctx).run()
    doc.events.sort(key=lambda e: (e.work["char"], e.work["seq"]))
