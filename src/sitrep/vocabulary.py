"""ACLED event vocabulary, the trigger lexicon that maps words to it, and the ACLED → PLOVER mapping for export."""
from __future__ import annotations

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

ARMED_CLASH = "Armed clash"
GOV_REGAINS = "Government regains territory"
NSA_OVERTAKES = "Non-state actor overtakes territory"

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: (ARMED_CLASH, GOV_REGAINS, NSA_OVERTAKES),
    REMOTE: ("Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
             "Suicide bomb", "Grenade", "Chemical weapon"),
    VAC: ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                "Headquarters or base established", "Looting/property destruction",
                "Non-violent transfer of territory", "Other"),
}

# Trigger classes. "territory" is resolved to GOV_REGAINS / NSA_OVERTAKES / ARMED_CLASH once actors are known.
TERRITORY = "territory"
TRIGGER_CLASSES: dict[str, tuple[str, str]] = {
    "territory": (BATTLES, TERRITORY),
    "clash": (BATTLES, ARMED_CLASH),
    "airstrike": (REMOTE, "Air/drone strike"),
    "shelling": (REMOTE, "Shelling/artillery/missile attack"),
    "ied": (REMOTE, "Remote explosive/landmine/IED"),
    "suicide": (REMOTE, "Suicide bomb"),
    "chemical": (REMOTE, "Chemical weapon"),
    "civilian_attack": (VAC, "Attack"),
    "abduction": (VAC, "Abduction/forced disappearance"),
    "sexual_violence": (VAC, "Sexual violence"),
    "arrest": (STRATEGIC, "Arrests"),
    "protest": (PROTESTS, "Peaceful protest"),
    "intervention": (PROTESTS, "Protest with intervention"),
    "excessive_force": (PROTESTS, "Excessive force against protesters"),
    "riot": (RIOTS, "Violent demonstration"),
    "looting": (STRATEGIC, "Looting/property destruction"),
    "transfer": (STRATEGIC, "Non-violent transfer of territory"),
    "agreement": (STRATEGIC, "Agreement"),
}

# Verb lemmas → trigger class.
VERB_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(["capture", "seize", "overrun", "retake", "recapture", "regain", "liberate", "conquer",
                     "occupy", "claim", "take", "fall", "lose", "collapse", "storm", "enter", "clear", "expel",
                     "oust"], "territory"),
    **dict.fromkeys(["attack", "assault", "clash", "fight", "battle", "ambush", "raid", "engage", "besiege",
                     "encircle", "rout", "counterattack", "advance", "push", "battle"], "clash"),
    **dict.fromkeys(["bomb", "airstrike"], "airstrike"),
    **dict.fromkeys(["strike", "hit", "target", "pound"], "strike"),
    **dict.fromkeys(["shell", "bombard"], "shelling"),
    **dict.fromkeys(["explode", "detonate"], "ied"),
    **dict.fromkeys(["massacre", "execute", "behead", "kill", "murder", "shoot"], "civilian_attack"),
    **dict.fromkeys(["abduct", "kidnap"], "abduction"),
    **dict.fromkeys(["rape"], "sexual_violence"),
    **dict.fromkeys(["arrest", "detain"], "arrest"),
    **dict.fromkeys(["protest", "demonstrate", "rally", "march"], "protest"),
    **dict.fromkeys(["riot"], "riot"),
    **dict.fromkeys(["loot", "pillage", "ransack", "torch", "raze"], "looting"),
}

# 'hunger strike', 'general strike', 'went on strike': a labour or political strike, not an attack.
LABOUR_STRIKE_WORDS = frozenset({"hunger", "general", "labour", "labor", "workers", "worker", "national", "teachers",
                                 "doctors", "nationwide", "sit-down", "wildcat", "rent", "student", "students"})
PROTESTER_WORDS = frozenset({"protesters", "protestors", "demonstrators", "rioters", "students", "strikers",
                             "crowds", "crowd", "mob", "marchers"})

# Verbs whose object is an event already told ('the GNA blamed the strike on the LNA'): the subject comments on
# the event, it did not carry it out.
REPORTING_VERBS = frozenset({"blame", "attribute", "condemn", "denounce", "deny", "claim", "investigate", "report",
                             "confirm", "accuse", "describe", "call", "criticise", "criticize", "document",
                             "verify", "acknowledge", "announce", "welcome", "mourn", "protest", "comment"})

# Noun lemmas (and multiword nouns, matched on lower-cased text) → trigger class.
NOUN_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(["capture", "seizure", "fall", "loss", "recapture", "takeover", "liberation", "control"],
                    "territory"),
    **dict.fromkeys(["attack", "assault", "offensive", "counteroffensive", "counter-offensive", "counterattack",
                     "counter-attack", "clash", "clashes", "fighting", "battle", "ambush", "raid", "siege",
                     "firefight", "skirmish", "incursion", "push", "onslaught"], "clash"),
    **dict.fromkeys(["strike", "strikes"], "strike"),
    **dict.fromkeys(["airstrike", "air strike", "air raid", "airstrikes", "air strikes", "drone strike",
                     "bombardment", "air attack", "drone attack"], "airstrike"),
    **dict.fromkeys(["bombing", "bombings"], "strike"),  # from the air or planted: read from the sentence
    **dict.fromkeys(["explosion", "explosions", "blast", "blasts", "detonation", "bomb attack", "bomb blast",
                     "car bombing", "bomb explosion", "grenade attack"], "ied"),
    **dict.fromkeys(["shelling", "artillery fire", "mortar fire", "rocket fire", "barrage", "missile strike",
                     "rocket attack", "missile attack", "shellfire"], "shelling"),
    **dict.fromkeys(["ied", "ieds", "roadside bomb", "landmine", "car bomb", "explosive device", "mine", "vbied",
                     "vbieds", "truck bomb", "booby trap"], "ied"),
    **dict.fromkeys(["suicide bombing", "suicide attack", "suicide bomber", "suicide car bomb", "svbied", "svbieds"],
                    "suicide"),
    **dict.fromkeys(["chemical attack", "gas attack", "chlorine attack", "sarin attack"], "chemical"),
    **dict.fromkeys(["massacre", "execution", "executions", "killing", "killings"], "civilian_attack"),
    **dict.fromkeys(["abduction", "kidnapping"], "abduction"),
    **dict.fromkeys(["sexual violence", "rape", "rapes", "gang rape", "sexual assault"], "sexual_violence"),
    **dict.fromkeys(["arrest", "arrests", "detention"], "arrest"),
    **dict.fromkeys(["protest", "demonstration", "rally", "sit-in"], "protest"),
    **dict.fromkeys(["riot"], "riot"),
    **dict.fromkeys(["looting"], "looting"),
    **dict.fromkeys(["ceasefire", "truce", "peace agreement", "peace deal"], "agreement"),
}

# Verbs whose subject is the loser of territory ("lost X to Y", "X fell to Y", defences "collapsed").
LOSER_SUBJECT_VERBS = {"lose", "collapse"}
PLACE_SUBJECT_VERBS = {"fall"}
# Words that make an attack fail.
FAILURE_VERBS = {"repel", "repulse", "halt", "thwart", "foil", "fend", "beat", "stop", "block", "fail", "rebuff",
                 "stall", "defeat"}
MODAL_WORDS = {"may", "might", "could", "would", "should", "will", "shall", "must"}
HYPOTHETICAL_ADJ = {"future", "possible", "potential", "planned", "expected", "imminent", "threatened", "likely"}

# ACLED sub-event → PLOVER event type (for export).
PLOVER = {
    ARMED_CLASH: "FIGHT", GOV_REGAINS: "FIGHT", NSA_OVERTAKES: "FIGHT",
    "Air/drone strike": "FIGHT", "Shelling/artillery/missile attack": "FIGHT",
    "Remote explosive/landmine/IED": "ASSAULT", "Suicide bomb": "ASSAULT", "Grenade": "ASSAULT",
    "Chemical weapon": "ASSAULT", "Attack": "ASSAULT", "Abduction/forced disappearance": "ASSAULT",
    "Sexual violence": "ASSAULT", "Peaceful protest": "PROTEST", "Protest with intervention": "PROTEST",
    "Excessive force against protesters": "ASSAULT", "Violent demonstration": "PROTEST", "Mob violence": "ASSAULT",
    "Agreement": "AGREE", "Arrests": "COERCE", "Change to group/activity": "OTHER",
    "Disrupted weapons use": "COERCE", "Headquarters or base established": "MOBILIZE",
    "Looting/property destruction": "ASSAULT", "Non-violent transfer of territory": "RETREAT", "Other": "OTHER",
}
