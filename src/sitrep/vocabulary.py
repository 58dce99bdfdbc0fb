"""ACLED event vocabulary, the trigger lexicon that maps words to it, and the ACLED → PLOVER mapping for export."""
from __future__ import annotations

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
FIGHTING = frozenset({BATTLES, REMOTE, VAC})  # the violent event types: fights, strikes and attacks

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
    # A side leaving ground ('withdrew from Kherson', 'pulled out of', 'fell back'): ACLED codes a withdrawal as a
    # non-violent transfer of territory with the withdrawing side as actor1 (outcome WITHDRAWAL says so).
    "retreat": (STRATEGIC, "Non-violent transfer of territory"),
    # Troops sent somewhere, reservists called up: ACLED has no category of its own; sitrep codes them as 'Other'
    # (its only use of 'Other'), exported to PLOVER as MOBILIZE.
    "mobilize": (STRATEGIC, "Other"),
    # A side threatening force or sanctions ('threatened to launch a new offensive', 'vowed to retaliate', 'issued an
    # ultimatum'): not an act, but what analysts watch for; ACLED's 'Other', exported to PLOVER as THREATEN.
    "threat": (STRATEGIC, "Other"),
    # A curfew, martial law, a state of emergency or a blockade imposed, a border closed, rallies or the internet
    # banned or shut: ACLED's 'Other', PLOVER COERCE (CAMEO 1721, 1723, 1724, 191).
    "restrict": (STRATEGIC, "Other"),
    # People expelled or deported from a country: ACLED's 'Other', PLOVER COERCE (CAMEO 174 'Expel or deport').
    "expel": (STRATEGIC, "Other"),
    # A curfew, blockade, siege or state of emergency lifted or eased, aid, inspectors or peacekeepers let in, a
    # crossing reopened: 'Other', PLOVER RETREAT (CAMEO 0813, 0862, 0863, 0872).
    "ease": (STRATEGIC, "Other"),
    # Military exercises and drills held ('began large-scale military drills near the border'): a show of force,
    # ACLED's 'Other', PLOVER MOBILIZE (CAMEO 150 'Demonstrate military or police power').
    "drill": (STRATEGIC, "Other"),
    # Armed men demobilised, disarmed or disbanded: ACLED's change to a group's activity, PLOVER RETREAT (CAMEO 0873).
    "disarm": (STRATEGIC, "Change to group/activity"),
    "base": (STRATEGIC, "Headquarters or base established"),
    # People (not places) captured or seized: by state forces an arrest, by a rebel group or militia an abduction
    # (settled once actors are known); told with a battle, part of the battle.
    "captive": (STRATEGIC, "Arrests"),
    # ACLED's Agreement includes surrenders and prisoner releases: a side yielding (PLOVER RETREAT).
    "yield": (STRATEGIC, "Agreement"),
}
WITHDRAWAL = "withdrawal"  # Event.outcome of a 'retreat' event: actor1 left the place, actor2 (if any) was handed it

# Verb lemmas → trigger class.
VERB_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(["capture", "seize", "overrun", "retake", "recapture", "regain", "liberate", "conquer",
                     "occupy", "claim", "take", "fall", "lose", "collapse", "storm", "enter", "clear", "expel",
                     "oust"], "territory"),
    **dict.fromkeys(["attack", "assault", "clash", "fight", "battle", "ambush", "raid", "engage", "besiege",
                     "encircle", "rout", "counterattack", "advance", "push", "battle", "neutralise", "neutralize"],
                    "clash"),
    **dict.fromkeys(["bomb", "airstrike", "strafe"], "airstrike"),
    **dict.fromkeys(["strike", "hit", "target", "pound"], "strike"),
    **dict.fromkeys(["shell", "bombard"], "shelling"),
    **dict.fromkeys(["explode", "detonate"], "ied"),
    **dict.fromkeys(["massacre", "execute", "behead", "kill", "murder", "shoot", "torture", "assassinate", "stab",
                     "ram"], "civilian_attack"),
    **dict.fromkeys(["abduct", "kidnap"], "abduction"),
    **dict.fromkeys(["rape"], "sexual_violence"),
    **dict.fromkeys(["arrest", "detain", "apprehend"], "arrest"),
    # Checked against their arguments in the events stage (an armed side leaving a place; troops sent somewhere).
    **dict.fromkeys(["withdraw", "retreat", "evacuate", "abandon", "flee", "vacate", "cede", "relinquish", "leave",
                     "depart"], "retreat"),
    **dict.fromkeys(["deploy", "redeploy", "dispatch", "send", "mobilise", "mobilize", "mass", "arrive", "station",
                     "move", "conscript", "draft", "recruit", "increase", "boost", "bolster", "strengthen", "put",
                     "place"], "mobilize"),
    **dict.fromkeys(["surrender", "release", "free", "exchange", "swap"], "yield"),
    **dict.fromkeys(["threaten", "vow", "swear", "warn", "pledge"], "threat"),
    **dict.fromkeys(["deport"], "expel"),
    **dict.fromkeys(["demobilize", "demobilise", "disarm", "disband"], "disarm"),
    **dict.fromkeys(["establish", "build", "construct"], "base"),
    **dict.fromkeys(["protest", "demonstrate", "rally", "march"], "protest"),
    **dict.fromkeys(["riot"], "riot"),
    **dict.fromkeys(["loot", "pillage", "ransack", "torch", "raze", "plunder", "confiscate"], "looting"),
}

# Verb + particle → trigger class: 'pulled out of', 'fell back', 'rounded up', 'called up reservists', 'set up a base',
# 'handed the base over to'. The particle decides: 'fell' alone is a place falling, 'pulled' alone nothing.
PARTICLE_TRIGGERS: dict[tuple[str, str], str] = {
    ("pull", "out"): "retreat", ("pull", "back"): "retreat", ("fall", "back"): "retreat", ("hand", "over"): "retreat",
    ("move", "out"): "retreat", ("give", "up"): "retreat", ("round", "up"): "arrest", ("call", "up"): "mobilize",
    ("build", "up"): "mobilize", ("set", "up"): "base", ("beat", "up"): "civilian_attack", ("step", "up"): "mobilize",
    # The winner's side of a retreat: 'drove al-Shabaab out of the town', 'pushed the rebels out of Goma'.
    ("drive", "out"): "territory", ("push", "out"): "territory", ("force", "out"): "territory",
    ("chase", "out"): "territory", ("kick", "out"): "territory", ("flush", "out"): "territory",
}
# Verb + particle that is a surrender (ACLED's Agreement) when its object is the doers themselves or their arms:
# 'handed themselves over to', 'gave themselves up', 'laid down their weapons'.
SURRENDER_PARTICLES: dict[tuple[str, str], frozenset[str]] = {
    **dict.fromkeys([("hand", "over"), ("give", "up"), ("turn", "in"), ("hand", "in")],
                    frozenset({"themselves", "himself", "herself", "ourselves"})),
    ("lay", "down"): frozenset({"arms", "weapons", "guns", "rifles"}),
}
# What a warning or a vow must threaten to be a threat ('warned of retaliation', 'vowed to crush the rebels'), beside
# any event trigger: not 'warned of famine' or 'vowed to rebuild'. A 'threaten' is always a threat.
THREAT_WORDS = frozenset({"retaliate", "retaliation", "respond", "response", "consequence", "consequences", "action",
                          "force", "revenge", "avenge", "reprisal", "reprisals", "punish", "punishment", "war",
                          "boycott", "sanction", "sanctions", "break", "cut", "expel", "ban", "blockade", "destroy",
                          "annihilate", "crush", "wipe", "eliminate", "invade", "invasion", "escalate", "hit",
                          "target", "fight", "continue", "resume", "intensify", "blow", "blows", "liquidate",
                          "exterminate", "retaliatory", "measures", "step"})
# Verbs that impose a curfew, martial law or a state of emergency ('placed the city under curfew').
IMPOSING_VERBS = frozenset({"impose", "declare", "institute", "introduce", "extend", "enforce", "order", "proclaim",
                            "announce", "put", "place", "reimpose", "slap"})
# Who can withdraw, be deployed or be called up: the head word of the phrase naming them.
TROOP_WORDS = frozenset({"troop", "troops", "soldier", "soldiers", "force", "forces", "unit", "units", "battalion",
                         "battalions", "brigade", "brigades", "regiment", "regiments", "division", "divisions",
                         "personnel", "reservist", "reservists", "conscript", "conscripts", "fighter", "fighters",
                         "militiaman", "militiamen", "paratrooper", "paratroopers", "marine", "marines", "peacekeeper",
                         "peacekeepers", "police", "policemen", "gendarme", "gendarmes", "commando", "commandos",
                         "reinforcement", "reinforcements", "contingent", "contingents", "garrison", "army",
                         "detachment", "detachments", "militants", "militant", "rebels", "rebel", "insurgents",
                         "insurgent", "jihadists", "guards", "guardsmen", "servicemen", "mercenaries", "sailors",
                         "gunmen", "grouping", "column", "columns", "company", "companies", "officer",
                         "officers", "policemen", "troopers", "recruits", "volunteers", "guerrillas", "guerrilla",
                         "combatants", "militia", "militias", "paramilitaries"})
# Force words that can begin an equipment's name and say whose it was ('army trucks', 'rebel pick-up trucks'); not
# 'military', which says what kind of vehicle it is ('military vehicles'), not whose.
OWNER_WORDS = frozenset({"army", "police", "government", "regime", "rebel", "rebels", "militant", "militants",
                         "insurgent", "insurgents", "jihadist", "jihadists", "separatist", "separatists"})
# Where a side can withdraw from: positions and places, not talks or treaties.
POSITION_WORDS = frozenset({"position", "base", "garrison", "post", "outpost", "checkpoint", "town", "city",
                            "village", "area", "district", "region", "frontline", "front", "line", "trench",
                            "stronghold", "airport", "airbase", "airfield", "barracks", "headquarters", "bridgehead",
                            "territory", "hill", "island", "province", "bank", "camp", "border", "zone", "sector",
                            "port", "neighbourhood", "neighborhood", "suburb", "outskirts", "capital", "compound",
                            "facility", "plant", "dam", "bridge", "hills", "heights", "enclave", "pocket", "corridor",
                            "road", "highway", "route", "crossing", "valley", "ridge", "mountain", "mountains",
                            "forest", "countryside", "strip", "peninsula", "salient", "positions"})
# Military hardware whose deployment is a show of force ('deployed warships to', 'stationed missiles in').
HARDWARE_WORDS = frozenset({"tank", "tanks", "warship", "warships", "ship", "ships", "carrier", "carriers", "jet", "jets",
                            "aircraft", "missile", "missiles", "artillery", "submarine", "submarines", "bomber",
                            "bombers", "battery", "batteries", "howitzers", "destroyer", "destroyers", "frigate",
                            "frigates", "armour", "armor", "presence"})
# Who can be captured, seized, detained or freed: people, not places or things.
PERSON_WORDS = frozenset({"people", "person", "persons", "man", "men", "woman", "women", "child", "children", "suspect",
                          "suspects", "civilian", "civilians", "leader", "leaders", "commander", "commanders", "member",
                          "members", "journalist", "journalists", "protester", "protesters", "activist", "activists",
                          "prisoner", "prisoners", "hostage", "hostages", "villager", "villagers", "resident",
                          "residents", "student", "students", "worker", "workers", "official", "officials", "soldier",
                          "soldiers", "fighter", "fighters", "militant", "militants", "insurgent", "insurgents", "rebel",
                          "rebels", "gunman", "gunmen", "troops", "policemen", "officer", "officers", "detainee",
                          "detainees", "captive", "captives", "pow", "pows", "abductee", "abductees", "chief", "chiefs",
                          "elder", "elders", "youth", "youths", "teacher", "teachers", "priest", "priests", "pilot",
                          "pilots", "crew", "passengers", "tourists", "foreigners", "nationals", "jihadists", "spy",
                          "spies", "kingpin", "mastermind", "militiamen", "mercenaries", "opponents", "dissidents"})
# Civilian property whose seizure ACLED codes as Looting/property destruction ('seized land from farmers').
PROPERTY_WORDS = frozenset({"land", "lands", "farmland", "property", "properties", "house", "houses", "home", "homes",
                            "farm", "farms", "cattle", "livestock", "goats", "sheep", "camels", "cows", "goods", "crops",
                            "harvest", "money", "cash", "assets", "businesses", "shops", "belongings", "valuables",
                            "possessions", "food", "grain", "gold", "jewellery", "jewelry"})
CAPTIVE_WORDS = frozenset({"prisoner", "prisoners", "hostage", "hostages", "detainee", "detainees", "captive", "captives",
                           "pow", "pows", "abductee", "abductees", "prisoners-of-war"})
BASE_WORDS = frozenset({"base", "headquarters", "outpost", "garrison", "airbase", "command"})
# Governors that make a noun trigger a proposal, not a deed: 'called for the withdrawal of', 'a warrant for the arrest'.
DEMAND_WORDS = frozenset({"call", "demand", "urge", "ask", "announce", "order", "plan", "seek", "negotiate", "agree",
                          "discuss", "propose", "request", "insist", "want", "expect", "investigate", "investigation",
                          "warrant", "demands", "calls", "plans", "talks", "deal", "agreement", "timetable", "deadline",
                          "condition", "pledge", "promise", "threat", "threaten", "consider", "approve", "authorise",
                          "authorize", "schedule", "decision", "decide"})

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
                     "firefight", "skirmish", "incursion", "push", "onslaught", "invasion"], "clash"),
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
    **dict.fromkeys(["massacre", "execution", "executions", "killing", "killings", "assassination", "torture",
                     "shooting", "shootings", "mass shooting", "stabbing", "stabbings", "shooting spree"],
                    "civilian_attack"),
    **dict.fromkeys(["abduction", "kidnapping"], "abduction"),
    **dict.fromkeys(["sexual violence", "rape", "rapes", "gang rape", "sexual assault"], "sexual_violence"),
    **dict.fromkeys(["arrest", "arrests", "detention"], "arrest"),
    **dict.fromkeys(["withdrawal", "pullout", "pull-out", "retreat"], "retreat"),
    **dict.fromkeys(["ultimatum", "warning", "threat", "threats"], "threat"),
    **dict.fromkeys(["exercise", "exercises", "drill", "drills", "manoeuvres", "maneuvers", "war games",
                     "wargames"], "drill"),
    **dict.fromkeys(["curfew", "curfews", "martial law", "of emergency", "lockdown", "emergency rule", "blockade"],
                    "restrict"),
    **dict.fromkeys(["protest", "demonstration", "rally", "sit-in"], "protest"),
    **dict.fromkeys(["riot"], "riot"),
    **dict.fromkeys(["looting"], "looting"),
    **dict.fromkeys(["ceasefire", "truce", "peace agreement", "peace deal"], "agreement"),
}

# What a mine is dug for: 'ruby mines', 'a gold mine', 'coltan mines' are pits, not explosives.
MINED_MATERIALS = frozenset({"gold", "silver", "copper", "coal", "iron", "tin", "zinc", "lead", "nickel", "cobalt",
                             "coltan", "cassiterite", "wolframite", "tungsten", "tantalum", "uranium", "lithium",
                             "bauxite", "manganese", "platinum", "diamond", "diamonds", "ruby", "rubies", "jade",
                             "emerald", "emeralds", "sapphire", "amber", "gemstone", "gem", "salt", "phosphate",
                             "potash", "limestone", "marble", "earth", "mineral", "opencast", "artisanal"})
# Words in a bare 'mine's sentence that say it is dug, not laid: 'mining', 'mineral ore' (not 'miners', whom a
# laid mine can kill).
MINING_WORDS = frozenset({"mining", "mineral", "minerals", "ore", "ores", "concession",
                          "concessions", "excavation", "extraction", "prospecting", "prospectors"})
# What is done to an explosive mine: 'hit a mine', 'stepped on a mine', 'mines planted', 'a mine exploded'.
MINE_VERBS = frozenset({"hit", "strike", "step", "plant", "lay", "detonate", "explode", "trigger", "defuse", "clear",
                        "sow", "bury", "drive", "run", "roll", "blow", "kill", "wound", "injure", "maim", "go"})

# Verbs whose subject is the loser of territory ("lost X to Y", "X fell to Y", defences "collapsed").
LOSER_SUBJECT_VERBS = {"lose", "collapse"}
PLACE_SUBJECT_VERBS = {"fall"}
# Words that make an attack fail.
FAILURE_VERBS = {"repel", "repulse", "halt", "thwart", "foil", "fend", "beat", "stop", "block", "fail", "rebuff",
                 "stall", "defeat"}
MODAL_WORDS = {"may", "might", "could", "would", "should", "will", "shall", "must"}
# Verbs whose 'to' clause, or a verb joined to them by 'and', is an aim rather than a deed: 'vowed to retake',
# 'threatened to withdraw', 'plans to encircle and capture'.
INTENT_HEADS = {"threaten", "plan", "want", "hope", "vow", "aim", "intend", "prepare", "encircle"}
# Verbs and adjectives whose 'to' clause (only) is an intention, a forecast, an order or a demand: 'is expected to
# withdraw', 'agreed to pull out', 'ordered troops to withdraw', 'is likely to fall', 'refused to leave'.
INTENT_TO_HEADS = INTENT_HEADS | {
    "expect", "agree", "promise", "pledge", "order", "urge", "ask", "call", "demand", "refuse", "decide", "likely",
    "due", "ready", "poised", "offer", "propose", "seek", "need", "warn", "tell", "instruct", "request", "wish",
    "consider", "determine", "resolve", "unlikely", "unable", "willing", "reluctant", "eager", "going",
    # a fight whose aim is not yet won: 'were fighting to retake the town' (the fighting is the event; an attempt,
    # 'tried to storm', is an attack of its own: _is_attempt)
    "fight", "struggle", "battle", "strive", "scramble"}
# Verbs whose object or clause is what was kept from happening: 'withdrew to avoid being encircled', 'in order to
# prevent an attack', 'evaded capture' (not 'fled to escape the fighting': fighting fled is real).
AVOIDANCE_VERBS = {"avoid", "prevent", "avert", "forestall", "preempt", "pre-empt", "evade"}
HYPOTHETICAL_ADJ = {"future", "possible", "potential", "planned", "expected", "imminent", "threatened", "likely",
                    "similar", "such"}  # and a kind of event, not one: "has carried out similar attacks"

# Triggers that make an ACLED sub-event another PLOVER type: ACLED's Agreement holds surrenders and prisoner releases
# (PLOVER RETREAT: yield); its Looting/property destruction holds seizures (PLOVER COERCE: confiscate property) and
# destruction (ASSAULT).
PLOVER_BY_TRIGGER: dict[str, tuple[tuple[str, str], ...]] = {
    "Agreement": ((r"^(?:surrender|releas|free|exchang|swap|laid|lay|hand|gave|give|turn)", "RETREAT"),),
    "Looting/property destruction": ((r"^(?:loot|pillag|ransack|plunder|seiz|confiscat)", "COERCE"),),
    # 'Other' holds deployments (MOBILIZE) and threats, told by the trigger: a threat verb, or the act a conditional
    # ultimatum threatens ('will withdraw ... unless').
    "Other": ((r"^(?:deploy|redeploy|dispatch|sen[dt]|mobili[sz]|mass|arriv|station|mov|conscript|draft|recruit|"
               r"increas|boost|bolster|strengthen|put|plac|call|buil|reinforc|step|exercise|drill|manoeuv|maneuv|games|"
               r"wargames)", "MOBILIZE"),
              (r"^(?:curfew|law|emergency|lockdown|rule|blockade|clos|shut|seal|expel|deport|ban|prohibit|outlaw|"
               r"forb)", "COERCE"),
              (r"^(?:lift|eas|relax|end|allow|admit|permit|reopen|let)", "RETREAT")),
    "Change to group/activity": ((r"^(?:demobili|disarm|disband)", "RETREAT"),),
}


def plover_event_type(sub_event_type: str, trigger: str | None = None) -> str:
    """The PLOVER type an event is exported as: by its ACLED sub-event type, refined by its trigger word."""
    import re

    for pattern, plover in PLOVER_BY_TRIGGER.get(sub_event_type, ()):
        if trigger and re.match(pattern, trigger.lower()):
            return plover
    return PLOVER.get(sub_event_type, "OTHER")


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
    "Looting/property destruction": "ASSAULT", "Non-violent transfer of territory": "RETREAT",
    # sitrep codes 'Other' for threats and, told by the trigger word (PLOVER_BY_TRIGGER), troop deployments and
    # call-ups (trigger class "mobilize").
    "Other": "THREATEN",
}
