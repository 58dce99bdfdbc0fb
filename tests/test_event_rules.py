"""Sentence-level reading rules, each on a short report of its own (none from the fixtures)."""
from __future__ import annotations

from datetime import date

import pytest

from sitrep.api import extract


def _events(tmp_path, text: str, published: str | None = None) -> list[dict]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    report = extract([path], published=date.fromisoformat(published) if published else None)
    assert report.ok, report.errors
    return report.combined()["events"]


def test_perpetrator_named_later_is_an_attribution(tmp_path):
    events = _events(tmp_path, "TAIZ, Yemen, March 4 -\nA car bomb exploded near a market in Taiz on Monday, killing "
                               "12 people. Local officials blamed the attack on the Houthis, who denied it.",
                     "2019-03-05")
    blast = [e for e in events if e["event_type"] == "Explosions/Remote violence"]
    assert len(blast) == 1
    assert blast[0]["actor1"] == "Houthis (Ansar Allah)"
    assert blast[0]["actor1_basis"] == "attributed (blame)"


def test_the_group_refers_to_the_last_named_armed_group(tmp_path):
    events = _events(tmp_path, "Al Shabaab fighters attacked an army base near Baidoa on 3 June 2017. "
                               "The group overran the town of Burhakaba on 5 June 2017.")
    takeover = [e for e in events if e["sub_event_type"] == "Non-state actor overtakes territory"]
    assert takeover and takeover[0]["actor1"] == "Al Shabaab"


def test_relative_clause_subject_is_its_noun(tmp_path):
    events = _events(tmp_path, "Houthi fighters, who seized the town of Hazm in March 2020, shelled Marib city "
                               "on 14 February 2021.", "2021-02-16")
    recalled = [e for e in events if e["background"]]
    assert recalled and recalled[0]["actor1"] == "Houthis (Ansar Allah)"


@pytest.mark.parametrize("sentence", [
    "Teachers in Khartoum began a hunger strike on 3 May 2023 over unpaid salaries.",
    "Dock workers went on strike in Aden on 3 May 2023.",
])
def test_labour_strikes_are_not_attacks(tmp_path, sentence):
    events = _events(tmp_path, sentence)
    assert not [e for e in events if e["event_type"] == "Explosions/Remote violence"]


def test_protesters_clashing_with_police_is_a_riot(tmp_path):
    events = _events(tmp_path, "Protesters clashed with police in Baghdad on 25 October 2019.")
    assert events and all(e["event_type"] != "Battles" for e in events)


def test_date_told_relative_to_another_event(tmp_path):
    events = _events(tmp_path, "Iraqi troops recaptured Tal Afar on Thursday, three years after Islamic State "
                               "fighters overran the town.", "2017-08-26")
    recapture = next(e for e in events if e["sub_event_type"] == "Government regains territory")
    overrun = next(e for e in events if e["actor1"] == "Islamic State")
    assert recapture["event_date"] == "2017-08-24"
    assert overrun["event_date"][:4] == "2014" and overrun["background"]


def test_aim_of_an_offensive_is_not_an_event(tmp_path):
    events = _events(tmp_path, "The army launched an offensive on 2 May 2016 to retake Fallujah from Islamic State.")
    assert not [e for e in events if e["sub_event_type"] == "Government regains territory"]


def _only(events: list[dict], sub_event_type: str) -> dict:
    found = [e for e in events if e["sub_event_type"] == sub_event_type]
    assert len(found) == 1, [(e["sub_event_type"], e["actor1"]) for e in events]
    return found[0]


def test_both_sides_named_after_between(tmp_path):
    events = _events(tmp_path, "Heavy fighting erupted on 4 May 2019 in Kidal between the Malian army and "
                               "fighters of the Islamic State in the Greater Sahara.")
    clash = _only(events, "Armed clash")
    assert {clash["actor1"], clash["actor2"]} >= {"Islamic State (Greater Sahara)"} or \
        "Islamic State" in (clash["actor1"] or "") + (clash["actor2"] or "")
    assert clash["actor1"] and clash["actor2"] and clash["actor1"] != clash["actor2"]


def test_fighters_loyal_to_a_group_are_that_group(tmp_path):
    events = _events(tmp_path, "Gunmen loyal to Al Shabaab ambushed a police patrol outside Kismayo in Somalia "
                               "on 9 July 2018.")
    assert events and events[0]["actor1"] == "Al Shabaab"


@pytest.mark.parametrize("sentence, sub_event_type", [
    ("Houthi forces fired three rockets at the port of Mokha on 2 June 2018.", "Shelling/artillery/missile attack"),
    ("Army helicopters dropped barrel bombs on Daraya in Syria on 5 March 2016.", "Air/drone strike"),
    ("Russian forces launched a wave of Shahed drones at Odesa on 17 July 2023.", "Air/drone strike"),
])
def test_what_was_fired_says_the_kind_of_attack(tmp_path, sentence, sub_event_type):
    assert _only(_events(tmp_path, sentence), sub_event_type)


def test_force_against_protesters(tmp_path):
    events = _events(tmp_path, "Soldiers opened fire on demonstrators in Omdurman in Sudan on 30 June 2022, "
                               "killing nine. The next day police fired tear gas at protesters in Khartoum.")
    lethal = _only(events, "Excessive force against protesters")
    assert lethal["actor2"] == "Protesters" and lethal["fatalities"] == 9
    dispersed = _only(events, "Protest with intervention")
    assert dispersed["actor1"] == "Protesters"
    broken_up = _events(tmp_path, "Riot police dispersed hundreds of demonstrators in Nairobi on 7 July 2023.")
    assert _only(broken_up, "Protest with intervention")["actor1"] == "Protesters"


def test_gunmen_killing_villagers_is_violence_against_civilians(tmp_path):
    events = _events(tmp_path, "Armed men attacked the village of Kongoussi in Burkina Faso on 2 April 2022, "
                               "killing 17 villagers.")
    assert _only(events, "Attack")["event_type"] == "Violence against civilians"


def test_storming_a_building_is_not_taking_a_town(tmp_path):
    events = _events(tmp_path, "Militants stormed a school in Kabul in Afghanistan on 3 May 2021.")
    assert not [e for e in events if e["sub_event_type"] in {"Non-state actor overtakes territory",
                                                             "Government regains territory"}]


def test_a_year_after_since_does_not_date_the_report(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("HARGEISA, Somaliland, May 3 - Gunmen attacked a police post in Burao on Saturday. It was the "
                    "deadliest attack since 2008, when suicide bombers struck Hargeisa.", encoding="utf-8")
    report = extract([path])
    events = report.combined()["events"]
    recalled = [e for e in events if e["event_date"] and e["event_date"].startswith("2008")]
    assert recalled and all(e["background"] for e in recalled)
    assert all(e["event_date"] is None for e in events if not e["background"])
    assert report.notices and "--published" in report.notices[0]


def test_a_guessed_year_is_reported(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("KIDAL, Nov 14 - Malian troops took control of Kidal on Tuesday. The rebels signed a peace deal "
                    "with Bamako in 2015.", encoding="utf-8")
    assert any("dates assume 2015" in notice for notice in extract([path]).notices)
    assert not extract([path], published=date(2023, 11, 14)).notices


def test_a_backer_named_before_led_is_not_a_place(tmp_path):
    events = _events(tmp_path, "Malian troops took control of the northern town of Kidal, a stronghold of "
                               "Tuareg-led separatist rebels, on 14 November 2023.")
    assert [(e["location"] or {}).get("name") for e in events] == ["Kidal"]


def test_a_stopped_fight_is_not_an_event(tmp_path):
    events = _events(tmp_path, "Rebels and the army signed a truce in Idlib on 5 March 2020, a deal that "
                               "froze fighting across the province.")
    assert not [e for e in events if e["event_type"] == "Battles"]


def test_a_peace_deal_takes_no_death_toll(tmp_path):
    events = _events(tmp_path, "The alliance, which signed a peace deal with Bamako in 2015, said on 2 October "
                               "2023 it had captured a camp in Bourem, killing 81 soldiers.")
    assert all(e["fatalities"] in (None, 0) for e in events if e["event_type"] == "Strategic developments")


def test_attacking_villages_and_killing_people_is_violence_against_civilians(tmp_path):
    events = _events(tmp_path, "Militiamen attacked three villages near Bentiu in South Sudan on 3 May 2022, "
                               "killing at least 40 people.")
    attack = _only(events, "Attack")
    assert attack["actor2"] == "Civilians" and attack["fatalities"] == 40


def test_sexual_violence(tmp_path):
    events = _events(tmp_path, "Women were subjected to sexual violence by soldiers in Bunia in Congo on 4 June 2023.")
    assert _only(events, "Sexual violence")["event_type"] == "Violence against civilians"


def test_a_glide_bomb_is_an_air_strike(tmp_path):
    events = _events(tmp_path, "A Russian glide bomb hit a hospital in Kherson on 4 June 2024.")
    strike = _only(events, "Air/drone strike")
    assert strike["actor1"].startswith("Military Forces of Russia")


def test_a_claim_the_report_doubts_is_not_coded(tmp_path):
    events = _events(tmp_path, "Russian milbloggers claimed on 4 June 2024 that Russian forces captured Ocheretyne, "
                               "but the claim could not be independently verified.")
    assert not [e for e in events if e["event_type"] == "Battles"]


def test_a_village_name_unknown_to_the_gazetteer_is_not_its_last_word(tmp_path):
    events = _events(tmp_path, "Ukrainian forces recaptured positions near Zeleny Shlyakh in Kursk Oblast on "
                               "11 September 2024.")
    place = events[0]["location"]
    assert place["name"] == "Zeleny Shlyakh" and place["country"] == "Russia" and place["geo_precision"] >= 2


def test_killing_soldiers_is_a_battle_and_joint_subjects_are_both_sides(tmp_path):
    events = _events(tmp_path, "Separatists killed two gendarmes at a checkpoint in Muyuka in Cameroon on "
                               "1 October 2018. Rebels and the army clashed in Kumba on 2 October 2018.")
    assert [e["event_type"] for e in events] == ["Battles", "Battles"]
    assert all(e["actor2"] for e in events)


def test_hostages_and_burned_buildings(tmp_path):
    events = _events(tmp_path, "Militants burned a church in Marawi in the Philippines on 23 May 2017 and took a "
                               "priest hostage.")
    kinds = {e["sub_event_type"] for e in events}
    assert {"Abduction/forced disappearance", "Looting/property destruction"} <= kinds


def test_the_village_of_an_unknown_name_is_a_place(tmp_path):
    events = _events(tmp_path, "Soldiers raided the nearby village of Munyenge in Cameroon on 1 October 2018, "
                               "torching dozens of homes.")
    assert any((e["location"] or {}).get("name") == "Munyenge" for e in events)


def test_every_country_has_state_forces():
    from sitrep.lexicons import ActorDictionary

    actors = ActorDictionary.default()
    assert actors.lookup("government forces", country="PH").name == "Military Forces of the Philippines"
    assert actors.lookup("police", country="MZ").name == "Police Forces of Mozambique"
