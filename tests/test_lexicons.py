"""Tests for the actor dictionary and equipment lexicon (sitrep.lexicons)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from sitrep.lexicons import (
    ACTOR_KINDS,
    EQUIPMENT_CATEGORIES,
    UNIDENTIFIED_ARMED_GROUP,
    Actor,
    ActorDictionary,
    EquipmentLexicon,
    EquipmentType,
    _actor_key,
)

SYRIA_STATE = "Military Forces of Syria (2000-2024)"
UKRAINE_STATE = "Military Forces of Ukraine (2019-)"
ISLAMIC_STATE = "Islamic State"


def _raw(filename: str) -> dict:
    return json.loads(resources.files("sitrep").joinpath("data", filename).read_text(encoding="utf-8"))


def _alias_text(alias: str | dict) -> str:
    return alias if isinstance(alias, str) else alias["text"]


def _shared_texts() -> set[str]:
    """Folded alias keys that more than one actor claims (in scopes that do not overlap, or one case-sensitive):
    without a report country these are ambiguous, so they resolve to None rather than to either actor."""
    owners: dict[str, set[str]] = {}
    for rec in _raw("actors.json")["actors"]:
        for alias in [rec["name"], *rec["aliases"]]:
            owners.setdefault(_actor_key(_alias_text(alias), fold=True), set()).add(rec["name"])
    return {key for key, names in owners.items() if len(names) > 1}


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.default()


@pytest.fixture(scope="module")
def equipment() -> EquipmentLexicon:
    return EquipmentLexicon.default()


# ---------------------------------------------------------------- actors: basics


@pytest.mark.parametrize(
    "text",
    ["IS", "ISIS", "ISIL", "Daesh", "Daech", "Islamic State", "the Islamic State", "The Islamic State",
     "Islamic State of Iraq and the Levant", "IS militants", "IS fighters", "ISIS fighters",
     "suspected IS militants", "Daesh terrorists", "IS's fighters", "Islamic State group"],
)
def test_islamic_state_forms_resolve_to_one_actor(actors: ActorDictionary, text: str) -> None:
    assert actors.canonical(text) == ISLAMIC_STATE
    assert actors.canonical(text, country="SY") == ISLAMIC_STATE


@pytest.mark.parametrize("text", ["is", "Is", "is fighters"])
def test_case_sensitive_alias_needs_exact_case(actors: ActorDictionary, text: str) -> None:
    assert actors.lookup(text) is None


def test_whitespace_apostrophes_and_hyphens_are_normalised(actors: ActorDictionary) -> None:
    assert actors.canonical("  Hayat   Tahrir al-Sham ") == actors.canonical("Hay\u2019at Tahrir al Sham")
    assert actors.canonical("Kata\u2019ib Hezbollah") == "Kataib Hezbollah"
    assert actors.canonical("People\u2019s Protection Units") == "YPG: Peoples Protection Units"
    assert actors.canonical("U.S. troops") == actors.canonical("US troops")


def test_canonical_name_resolves_to_itself(actors: ActorDictionary) -> None:
    shared = _shared_texts()
    for actor in actors:
        assert actors.lookup(actor.name, country=actor.country) == actor
        # Without a country a name another actor also claims ('Al Shabaab', which is also what Cabo Delgado's
        # insurgents are called in Mozambique reports) is ambiguous: None, never the other actor.
        expected = None if _actor_key(actor.name, fold=True) in shared else actor
        assert actors.lookup(actor.name) == expected, actor.name
        assert actors.by_name(actor.name) is actor


def test_by_name_unknown_raises(actors: ActorDictionary) -> None:
    with pytest.raises(KeyError):
        actors.by_name("No Such Actor")


def test_unknown_text_is_none(actors: ActorDictionary) -> None:
    assert actors.lookup("weather station") is None
    assert actors.lookup("") is None
    assert actors.lookup("forces") is None


# ---------------------------------------------------------------- generic aliases


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("government forces", "SY", SYRIA_STATE),
        ("government forces", "UA", UKRAINE_STATE),
        ("government forces", "sy", SYRIA_STATE),
        ("the regime", "SY", SYRIA_STATE),
        ("regime troops", "SY", SYRIA_STATE),
        ("pro-government forces", "SY", SYRIA_STATE),
        ("government soldiers", "NG", "Military Forces of Nigeria (2023-)"),
        ("the junta", "MM", "Military Forces of Myanmar (2021-)"),
        ("pro-government militias", "SY", "NDF: National Defence Forces"),
        ("pro-government militia", "NG", "CJTF: Civilian Joint Task Force"),
        ("rebels", "YE", "Houthis (Ansar Allah)"),
        ("militants", "SO", "Al Shabaab"),
        ("separatists", "UA", "NAF: United Armed Forces of Novorossiya"),
        ("the coalition", "YE", "Saudi-led Coalition"),
        ("coalition warplanes", "SY", "Global Coalition Against Daesh"),
        ("peacekeepers", "CD", "United Nations"),
        ("peacekeepers", "SO", "ATMIS: African Union Transition Mission in Somalia"),
    ],
)
def test_generic_alias_resolves_by_country(actors: ActorDictionary, text: str, country: str, expected: str) -> None:
    assert actors.canonical(text, country=country) == expected


@pytest.mark.parametrize("text", ["government forces", "the regime", "rebels", "militants"])
def test_generic_alias_without_country_is_unresolved(actors: ActorDictionary, text: str) -> None:
    assert actors.lookup(text) is None


def test_ambiguous_generic_in_country_is_unresolved(actors: ActorDictionary) -> None:
    # Syria has several jihadist groups (IS, HTS, Hurras al-Din): no default.
    assert actors.lookup("militants", country="SY") is None


def test_state_of_is_unique_and_state_forces_helper(actors: ActorDictionary) -> None:
    states = [a.state_of for a in actors if a.state_of]
    assert len(states) == len(set(states))
    assert actors.state_forces("SY").name == SYRIA_STATE
    assert actors.state_forces("XX") is None


# ---------------------------------------------------------------- demonyms


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Russian military officials", None, "Military Forces of Russia (2000-)"),
        ("Russian warplanes", "SY", "Military Forces of Russia (2000-)"),
        ("Russian mercenaries", "ML", "Wagner Group"),
        ("Iraqi militiamen", "SY", "Iraqi Shiite Militias"),
        ("Iraqi brigade", "SY", "Iraqi Shiite Militias"),
        ("Iraqi brigade", "IQ", "Military Forces of Iraq (2003-)"),
        ("Iraqi Shiite militiamen", "SY", "Iraqi Shiite Militias"),
        ("Afghan fighters", "SY", "Fatemiyoun Brigade"),
        ("Turkish drones", "SY", "Military Forces of Turkey (2016-)"),
        ("Israeli jets", "LB", "Military Forces of Israel (2022-)"),
        ("U.S. special operations troops", "SY", "Military Forces of the United States (2021-)"),
    ],
)
def test_demonym_phrases(actors: ActorDictionary, text: str, country: str | None, expected: str) -> None:
    assert actors.canonical(text, country=country) == expected


@pytest.mark.parametrize(
    ("text", "country"),
    [("Russian", None), ("Iraqi", "SY"), ("Afghan fighters", "AF"), ("Syrian fighters", "SY"), ("Iraqi children", "SY")],
)
def test_demonym_without_usable_head_is_unresolved(actors: ActorDictionary, text: str, country: str | None) -> None:
    assert actors.lookup(text, country=country) is None


@pytest.mark.parametrize(
    ("text", "country"),
    [("Russian-backed government forces", "SY"), ("Iranian-backed militias", "SY"),
     ("Turkish-supported fighters", "SY"), ("Iranian-aligned militias", "IQ")],
)
def test_a_patrons_nationality_names_no_actor(actors: ActorDictionary, text: str, country: str) -> None:
    assert actors.lookup(text, country=country) is None  # the patron is not the group it backs
    assert actors.canonical("Palestinian armed groups", country="PS") == UNIDENTIFIED_ARMED_GROUP  # no patron here


# ---------------------------------------------------------------- country-scoped aliases


def test_scoped_alias_depends_on_country(actors: ActorDictionary) -> None:
    assert actors.canonical("SNA", country="SY") == "SNA: Syrian National Army"
    assert actors.canonical("SNA", country="SO") == "Military Forces of Somalia (2022-)"
    assert actors.lookup("SNA") is None  # ambiguous without a country
    assert actors.canonical("NAF", country="NG") == "Military Forces of Nigeria (2023-)"
    assert actors.canonical("NAF", country="UA") == "NAF: United Armed Forces of Novorossiya"


def test_single_candidate_scoped_alias_resolves_without_country(actors: ActorDictionary) -> None:
    assert actors.canonical("Republican Guard") == SYRIA_STATE
    assert actors.lookup("Republican Guard", country="IQ") is None


# ---------------------------------------------------------------- theatres added later


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # Philippines
        ("the Maute group", "PH", "Maute Group"),
        ("Abu Sayyaf militants", "PH", "Abu Sayyaf Group"),
        ("BIFF", "PH", "BIFF: Bangsamoro Islamic Freedom Fighters"),
        ("MILF fighters", "PH", "MILF: Moro Islamic Liberation Front"),
        ("NPA rebels", "PH", "NPA: New People's Army"),
        ("communist rebels", "PH", "NPA: New People's Army"),
        ("Philippine troops", "PH", "Military Forces of the Philippines (2022-)"),
        ("PNP", "PH", "Police Forces of the Philippines (2022-)"),
        # Colombia, Mexico
        ("FARC dissidents", "CO", "FARC Dissidents"),
        ("EMC", "CO", "FARC Dissidents"),
        ("ELN guerrillas", "CO", "ELN: National Liberation Army"),
        ("National Liberation Army", "CO", "ELN: National Liberation Army"),
        ("Gulf Clan", "CO", "Clan del Golfo"),
        ("AGC", "CO", "Clan del Golfo"),
        ("Sinaloa cartel gunmen", "MX", "Sinaloa Cartel"),
        ("Jalisco New Generation Cartel", "MX", "CJNG: Jalisco New Generation Cartel"),
        # Central African Republic
        ("anti-Balaka militias", "CF", "Anti-Balaka"),
        ("UPC", "CF", "UPC: Union for Peace in the Central African Republic"),
        ("FPRC", "CF", "FPRC: Popular Front for the Renaissance of the Central African Republic"),
        ("3R rebels", "CF", "3R: Return, Reclamation, Rehabilitation"),
        ("CPC", "CF", "CPC: Coalition of Patriots for Change"),
        ("FACA", "CF", "Military Forces of the Central African Republic (2016-)"),
        ("MINUSCA", "CF", "MINUSCA: United Nations Multidimensional Integrated Stabilization Mission in the Central "
                          "African Republic (2014-)"),
        # South Sudan
        ("SPLA-IO", "SS", "SPLM/A-IO: Sudan People's Liberation Movement/Army-In Opposition"),
        ("SPLM-IO forces", "SS", "SPLM/A-IO: Sudan People's Liberation Movement/Army-In Opposition"),
        ("SSPDF", "SS", "Military Forces of South Sudan (2011-)"),
        ("South Sudanese troops", "SS", "Military Forces of South Sudan (2011-)"),
        ("NAS", "SS", "NAS: National Salvation Front"),
        ("White Army", "SS", "White Army (South Sudan)"),
        # Mozambique
        ("ISMP", "MZ", "Islamic State Mozambique Province"),
        ("Ahlu Sunnah Wa-Jama", "MZ", "Islamic State Mozambique Province"),
        ("SAMIM", "MZ", "SAMIM: Southern African Development Community Mission in Mozambique"),
        ("FADM", "MZ", "Military Forces of Mozambique"),
        # South Asia, Iran
        ("Naxalites", "IN", "CPI (Maoist): Communist Party of India (Maoist)"),
        ("CPI (Maoist)", "IN", "CPI (Maoist): Communist Party of India (Maoist)"),
        ("CRPF", "IN", "Police Forces of India (2014-)"),
        ("BLA", "PK", "BLA: Balochistan Liberation Army"),
        ("Jaish al-Adl", "IR", "Jaish al-Adl"),
        ("Jaish ul-Adl", "PK", "Jaish al-Adl"),
        # Nigeria
        ("Lakurawa militants", "NG", "Lakurawa"),
        ("Ansaru", "NG", "Ansaru"),
        ("suspected Fulani herdsmen", "NG", "Fulani Ethnic Militia (Nigeria)"),
        ("bandits", "NG", "Unidentified Armed Group"),
        # DR Congo, Haiti, Sudan
        ("ADF", "CD", "ADF: Allied Democratic Forces"),
        ("ADF/ISCAP", "CD", "ADF: Allied Democratic Forces"),
        ("Twirwaneho", "CD", "Twirwaneho"),
        ("NDC-R", "CD", "NDC-R: Nduma Defence of Congo-Renovated"),
        ("Viv Ansanm", "HT", "Viv Ansanm"),
        ("G9 gang", "HT", "G9 Family and Allies"),
        ("Haitian National Police", "HT", "Police Forces of Haiti"),
        ("Joint Forces", "SD", "Darfur Joint Forces/JSAMF: Joint Force of Armed Struggle Movement"),
        ("JEM", "SD", "JEM-Gibiril Ibrahim: Justice and Equality Movement"),
        ("JeM", "IN", "JeM: Jaish-e-Mohammed"),
    ],
)
def test_new_theatre_aliases(actors: ActorDictionary, text: str, country: str, expected: str) -> None:
    assert actors.canonical(text, country=country) == expected


def test_country_restricted_alias_resolves_by_country(actors: ActorDictionary) -> None:
    # "al-Shabaab" is what Cabo Delgado's insurgents are called in Mozambique reports, the Somali group elsewhere.
    for text in ("al-Shabaab", "Al-Shabaab fighters", "al-Shabaab militants"):
        assert actors.canonical(text, country="MZ") == "Islamic State Mozambique Province", text
        assert actors.canonical(text, country="SO") == "Al Shabaab", text
        assert actors.canonical(text, country="KE") == "Al Shabaab", text
    assert actors.lookup("al-Shabaab") is None  # ambiguous without a country
    assert actors.canonical("Maoists", country="IN") == "CPI (Maoist): Communist Party of India (Maoist)"
    assert actors.canonical("Maoist rebels", country="PH") == "NPA: New People's Army"
    assert actors.lookup("Maoists", country="NP") is None
    assert actors.canonical("SADC troops", country="MZ") == "SAMIM: Southern African Development Community Mission in Mozambique"
    assert actors.canonical("SADC troops", country="CD") == ("SAMIDRC: Southern African Development Community Mission in "
                                                             "the Democratic Republic of Congo")
    assert actors.canonical("ADF", country="CM") == "Ambazonian Separatists"
    assert actors.lookup("ADF") is None  # Allied Democratic Forces (CD, UG) or Ambazonia Defence Forces (CM)


@pytest.mark.parametrize(
    ("text", "country"),
    [("White Army", "RU"), ("NPA", "NG"), ("CPC", "CN"), ("UPC", "UG"), ("National Salvation Front", "TN"),
     ("National Liberation Army", "MK"), ("G9", "US"), ("settlers", "US"), ("AFP", "PH"), ("SPLA", "SD"),
     ("biff", None), ("milf", None), ("let", None), ("fact", None), ("Fulani herdsmen", "ML")],
)
def test_new_aliases_stay_in_their_theatre(actors: ActorDictionary, text: str, country: str | None) -> None:
    # AFP is the news agency, not the Armed Forces of the Philippines; CPC is also the Communist Party of China.
    assert actors.lookup(text, country=country) is None


def test_new_theatre_roles_sides_and_inter(actors: ActorDictionary) -> None:
    assert actors.canonical("peacekeepers", country="CF").startswith("MINUSCA: ")
    assert actors.canonical("peacekeepers", country="SS").startswith("UNMISS: ")
    assert actors.canonical("militants", country="MZ") == "Islamic State Mozambique Province"
    assert actors.canonical("pro-government militia", country="PH") == "CAFGU: Citizen Armed Force Geographical Unit"
    assert actors.same_side("SPLA-IO", "White Army", country="SS")
    assert actors.same_side("Rwandan troops", "FADM", country="MZ")
    assert actors.lookup("Rwandan troops", country="MZ").inter_in("MZ") == 8
    assert actors.lookup("Sinaloa Cartel").inter == 3  # ACLED codes cartels as political militias
    assert actors.lookup("Anti-Balaka").inter == 4


# ---------------------------------------------------------------- sides


def test_saa_and_ndf_are_distinct_but_same_side(actors: ActorDictionary) -> None:
    saa, ndf = actors.lookup("SAA"), actors.lookup("NDF")
    assert saa is not None and ndf is not None
    assert saa.name != ndf.name
    assert actors.same_side("SAA", "NDF")
    assert actors.same_side("Syrian Arab Army", "National Defense Force")


def test_same_side_other_cases(actors: ActorDictionary) -> None:
    assert not actors.same_side("SAA", "ISIS")
    assert actors.same_side("SDF", "YPG")
    assert actors.same_side("ISIS", "ISWAP")
    assert actors.same_side(SYRIA_STATE, "NDF")  # canonical names accepted
    assert not actors.same_side("SAA", "no such actor")
    assert not actors.same_side("unknown gunmen", "unidentified gunmen")  # non-aligned side


def test_side_overrides_by_country(actors: ActorDictionary) -> None:
    assert actors.same_side("Hezbollah", "SAA", country="SY")
    assert not actors.same_side("Hezbollah", "SAA")
    pmf = actors.lookup("PMF")
    assert pmf is not None
    assert pmf.side_for("IQ") == "iraq_gov"
    assert pmf.side_for("SY") == "syria_gov"


def test_inter_in_foreign_country(actors: ActorDictionary) -> None:
    russia = actors.lookup("Russian forces")
    assert russia is not None
    assert russia.inter == 1
    assert russia.inter_in("RU") == 1
    assert russia.inter_in("UA") == 8
    assert actors.lookup("ISIS").inter_in("SY") == 2


# ---------------------------------------------------------------- data integrity


def test_every_alias_resolves_to_its_own_actor(actors: ActorDictionary) -> None:
    failures = []
    shared = _shared_texts()
    for rec in _raw("actors.json")["actors"]:
        for alias in rec["aliases"]:
            text = _alias_text(alias)
            scope = alias.get("countries") if isinstance(alias, dict) else None
            # An unscoped alias that another actor claims in some country is checked in its actor's home country.
            home = rec["country"] if _actor_key(text, fold=True) in shared else None
            for country in scope or [home]:
                got = actors.canonical(text, country=country)
                if got != rec["name"]:
                    failures.append((text, country, rec["name"], got))
    assert failures == []


def test_no_alias_claimed_by_two_actors_in_overlapping_scope() -> None:
    # The loader raises on a clash; check it on a deliberately broken copy too.
    data = _raw("actors.json")
    data["actors"][1]["aliases"].append("SAA")
    with pytest.raises(ValueError, match="claimed by both"):
        ActorDictionary(data)


def test_generic_aliases_not_shadowed_by_actor_aliases(actors: ActorDictionary) -> None:
    # In a country with no role defaults and no state actor, a generic alias
    # must yield only its role's "*" default (or nothing), never an actor alias.
    data = _raw("actors.json")
    for generic in data["generic_aliases"]:
        wildcard = data["role_defaults"].get(generic["role"], {}).get("*")
        assert actors.canonical(generic["text"], country="ZZ") == wildcard, generic["text"]


def test_actor_schema_sanity() -> None:
    data = _raw("actors.json")
    names = [rec["name"] for rec in data["actors"]]
    assert 80 <= len(names) <= 300
    assert len(names) == len(set(names))
    for rec in data["actors"]:
        assert 1 <= rec["inter"] <= 8, rec["name"]
        assert rec["kind"] in ACTOR_KINDS, rec["name"]
        assert rec["side"] and rec["side"] == rec["side"].lower(), rec["name"]
        assert rec["country"] is None or (len(rec["country"]) == 2 and rec["country"].isupper()), rec["name"]
        for alias in rec["aliases"]:
            assert isinstance(alias, str) or set(alias) <= {"text", "case_sensitive", "countries"}, alias
    for role_table in data["role_defaults"].values():
        for name in role_table.values():
            assert name in names
    for dem in data["demonym_aliases"]:
        for key in ("state_actor", "militia_actor"):
            assert dem.get(key) is None or dem[key] in names


def test_surface_forms(actors: ActorDictionary) -> None:
    forms = actors.surface_forms()
    assert ("IS", True) in forms
    assert ("ISIS", False) in forms
    assert ("government forces", False) in forms
    assert ("government forces", False) not in actors.surface_forms(include_generic=False)
    assert len(forms) == len(set(forms))


def test_load_from_explicit_path(tmp_path: Path) -> None:
    data = {
        "actors": [
            {"name": "A Forces", "side": "a", "inter": 1, "country": "AA", "kind": "state", "state_of": "AA",
             "aliases": ["AF", {"text": "IS", "case_sensitive": True}]},
        ],
        "generic_aliases": [{"text": "government forces", "role": "state_forces"}],
    }
    path = tmp_path / "actors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    small = ActorDictionary.load(path)
    assert len(small) == 1
    assert small.canonical("government forces", country="AA") == "A Forces"
    assert isinstance(small.lookup("AF"), Actor)


def test_invalid_inter_rejected() -> None:
    bad = {"actors": [{"name": "X", "side": "x", "inter": 9, "country": None, "kind": "rebel", "aliases": []}]}
    with pytest.raises(ValueError, match="inter"):
        ActorDictionary(bad)


def test_default_is_cached() -> None:
    assert ActorDictionary.default() is ActorDictionary.default()
    assert EquipmentLexicon.default() is EquipmentLexicon.default()


# ---------------------------------------------------------------- equipment


@pytest.mark.parametrize(
    ("text", "item", "category"),
    [
        ("T-72", "T-72", "tank"),
        ("T-72s", "T-72", "tank"),
        ("T72", "T-72", "tank"),
        ("T-72B3", "T-72", "tank"),
        ("T-62's", "T-62", "tank"),
        ("two T-72 tanks", "T-72", "tank"),
        ("Russian T-90M tanks", "T-90", "tank"),
        ("technicals", "technical", "technical"),
        ("BMPs", "BMP", "infantry_fighting_vehicle"),
        ("BMP-2", "BMP-2", "infantry_fighting_vehicle"),
        ("trucks", "truck", "truck"),
        ("supply trucks", "truck", "truck"),
        ("lorries", "truck", "truck"),
        ("tanks", "tank", "tank"),
        ("Humvees", "Humvee", "armoured_vehicle"),
        ("armored vehicles", "armoured vehicle", "armoured_vehicle"),
        ("BM-21 Grad", "BM-21 Grad", "multiple_rocket_launcher"),
        ("Grad", "BM-21 Grad", "multiple_rocket_launcher"),
        ("SAMs", "air defence system", "air_defence"),
        ("MANPADS", "MANPADS", "manpads"),
        ("Bayraktar TB2 drones", "Bayraktar TB2", "drone"),
        ("Geran-2", "Shahed-136", "drone"),
        ("Mi-24/35", "Mi-24", "helicopter"),
        ("Leopard 2s", "Leopard 2", "tank"),
        ("car bombs", "VBIED", "ammunition"),
        ("artillery pieces", "artillery piece", "artillery"),
    ],
)
def test_equipment_lookup(equipment: EquipmentLexicon, text: str, item: str, category: str) -> None:
    found = equipment.lookup(text)
    assert found is not None, text
    assert (found.item, found.category) == (item, category)


@pytest.mark.parametrize("text", ["grad", "sam", "spike", "leopard", "round", "", "negotiations"])
def test_equipment_non_matches(equipment: EquipmentLexicon, text: str) -> None:
    assert equipment.lookup(text) is None


def test_generic_flag_and_family(equipment: EquipmentLexicon) -> None:
    assert equipment.lookup("tank").generic
    assert equipment.lookup("technical").generic
    assert not equipment.lookup("T-72").generic
    bmp2 = equipment.lookup("BMP-2")
    assert isinstance(bmp2, EquipmentType)
    assert bmp2.family == "BMP"
    assert equipment.by_item("BMP").family is None


def test_every_equipment_alias_resolves_to_its_item(equipment: EquipmentLexicon) -> None:
    failures = []
    for rec in _raw("equipment.json")["items"]:
        for text in [rec["item"], *map(_alias_text, rec["aliases"])]:
            found = equipment.lookup(text)
            if found is None or found.item != rec["item"]:
                failures.append((text, rec["item"], found and found.item))
    assert failures == []


def test_equipment_schema_sanity() -> None:
    data = _raw("equipment.json")
    assert set(data["categories"]) == EQUIPMENT_CATEGORIES
    items = [rec["item"] for rec in data["items"]]
    assert len(items) == len(set(items))
    for rec in data["items"]:
        assert rec["category"] in EQUIPMENT_CATEGORIES, rec["item"]
        assert isinstance(rec["generic"], bool), rec["item"]


def test_equipment_surface_forms(equipment: EquipmentLexicon) -> None:
    forms = equipment.surface_forms()
    assert ("T-72", False) in forms
    assert ("Grad", True) in forms
    assert len(forms) == len(set(forms))


def test_equipment_unknown_category_rejected() -> None:
    with pytest.raises(ValueError, match="category"):
        EquipmentLexicon([{"item": "X", "category": "spaceship", "generic": False, "aliases": []}])


def test_state_forces_are_named_for_the_period_of_the_event(actors: ActorDictionary) -> None:
    assert actors.in_year("Military Forces of Syria (2000-2024)", 2016) == "Military Forces of Syria (2000-2024)"
    assert actors.in_year("Military Forces of Syria (2000-2024)", 2025) == "Military Forces of Syria (2024-)"
    assert actors.in_year("Military Forces of Mali (2021-)", 2012) == "Military Forces of Mali"
    undated = actors.by_name("Military Forces of Mali")
    assert undated.side == actors.by_name("Military Forces of Mali (2021-)").side and undated.inter == 1
    assert actors.in_year("Islamic State", 1990) == "Islamic State"


@pytest.mark.parametrize("text, country, expected", [
    ("Tajik troops", "KG", "Military Forces of Tajikistan"),
    ("Kyrgyz border guards", "KG", "Military Forces of Kyrgyzstan"),
    ("South Sudanese soldiers", "SS", "Military Forces of South Sudan"),
    ("Sudanese soldiers", "SD", "Military Forces of Sudan"),
])
def test_every_country_adjective_names_its_state_forces(text: str, country: str, expected: str) -> None:
    actors = ActorDictionary.default()
    assert actors.canonical(text, country=country).startswith(expected)


def test_country_adjective_without_a_force_word_is_no_actor() -> None:
    assert ActorDictionary.default().canonical("Tajik villagers", country="KG") is None


@pytest.mark.parametrize("text", ["Palestinian militants", "Palestinian armed groups", "Nigerien gunmen"])
def test_nationals_called_militants_are_an_unidentified_armed_group(actors: ActorDictionary, text: str) -> None:
    assert actors.canonical(text, country="PS") == "Unidentified Armed Group"


def test_the_yugoslav_army_and_federal_troops_in_croatia_are_one_actor():
    actors = ActorDictionary.default()
    assert actors.canonical("JNA") == actors.canonical("Yugoslav People's Army") == \
        "Military Forces of Yugoslavia (1992-2003)"
    assert actors.lookup("federal troops", country="HR").name == "Military Forces of Yugoslavia (1992-2003)"
    assert actors.lookup("federal troops", country="NG").name != "Military Forces of Yugoslavia (1992-2003)"
    assert actors.in_year("Military Forces of Yugoslavia (1992-2003)", 1991) == "Military Forces of Yugoslavia"


def test_a_nations_police_are_its_police_forces_not_its_military():
    actors = ActorDictionary.default()
    assert actors.lookup("Indonesian police").name == "Police Forces of Indonesia"
    assert actors.lookup("Nigerian policemen").name == "Police Forces of Nigeria"
    assert actors.lookup("Kenyan troops").name == "Military Forces of Kenya"
