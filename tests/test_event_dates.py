"""Event dates come from the event's own clause, never from the date line the report was filed under."""
from __future__ import annotations

from datetime import date

from sitrep.api import extract

REPORT = ("HODEIDAH, Yemen, Nov. 7 (Reuters) - Coalition warplanes struck a port facility in Hodeidah on Tuesday, "
          "killing at least 12 people, according to medical sources.\n")


def test_weekday_beats_the_date_line(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(REPORT, encoding="utf-8")
    events = extract([path], published=date(2018, 11, 8)).combined()["events"]
    strikes = [e for e in events if e["sub_event_type"] == "Air/drone strike"]
    assert strikes and strikes[0]["event_date"] == "2018-11-06"
    assert strikes[0]["fatalities"] == 12


def _events(tmp_path, text: str, published: date) -> list[dict]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return extract([path], published=published).combined()["events"]


def test_a_date_recalled_in_a_relative_clause_does_not_date_the_main_clause(tmp_path):
    events = _events(tmp_path, "MAIDUGURI, Nigeria, Sept 14 (Reuters) - Boko Haram fighters raided the town of Gajiram "
                               "in Borno state on Tuesday, killing 12 civilians, residents said.\n\nThe group, which has "
                               "waged an insurgency in the northeast since July 2009, also attacked a military base near "
                               "Monguno, wounding three soldiers, the army said.", date(2023, 9, 14))
    (base,) = [e for e in events if e["trigger"] == "attacked"]
    assert not base["background"]
    assert base["event_date"] == "2023-09-12"  # the narrative's Tuesday, not July 2009


def test_a_recent_date_in_a_relative_clause_still_dates_the_main_clause(tmp_path):
    events = _events(tmp_path, "BISHKEK, Sept 17 - The leaders of both countries, who met in Samarkand on Friday at a "
                               "regional summit, agreed to a ceasefire, but the fighting continued into the evening.",
                     date(2022, 9, 17))
    (ceasefire,) = [e for e in events if e["trigger"] == "ceasefire"]
    assert (ceasefire["event_date"], ceasefire["time_precision"]) == ("2022-09-16", 1)


def test_a_participle_shares_its_main_verbs_final_date(tmp_path):
    events = _events(tmp_path, "MAPUTO, Oct 21 - Insurgents occupied the town of Mocimboa da Praia for three days last "
                               "week, looting shops and clashing with police, officials said on Monday.\n\nAbout 200 "
                               "fighters entered the town on Thursday morning and attacked the police station, killing "
                               "six officers, a security source said.", date(2020, 10, 21))
    (occupation,) = [e for e in events if e["trigger"] == "occupied"]
    (looting,) = [e for e in events if e["trigger"] == "looting"]
    assert (occupation["event_date"], occupation["time_precision"]) == ("2020-10-15", 1)
    assert (looting["event_date"], looting["time_precision"]) == ("2020-10-15", 1)
