"""Where events and displacements happened: participles and the narrative take the town, not the province it was
said to lie in; 'the city' stands for the last city named; where people fled from and to."""
from tests.test_event_rules import _report


def _by_trigger(events: list[dict], trigger: str) -> dict:
    return next(e for e in events if e["trigger"] == trigger)


def test_participle_takes_the_town_not_the_province_that_holds_it(tmp_path):
    text = ("Insurgents seize Mozambique port\n\nMAPUTO, Aug 14, 2020\n\n"
            "Islamic State-linked insurgents occupied the town of Mocimboa da Praia in Mozambique's northern Cabo "
            "Delgado province for three days last week, looting shops and clashing with soldiers, residents said on "
            "Friday.\n\nGovernment troops arrived on Wednesday and drove the insurgents out after heavy fighting, the "
            "army said.\n")
    events = _report(tmp_path, text, "2020-08-14")["events"]
    looting = _by_trigger(events, "looting")
    assert looting["location"]["name"] == "Mocímboa da Praia" and looting["location"]["geo_precision"] == 1
    # the next sentence names no place: the narrative is at the town, not all over the province
    fighting = _by_trigger(events, "fighting")
    assert fighting["location"]["name"] == "Mocímboa da Praia" and fighting["location"]["geo_precision"] == 2


def test_participle_takes_the_town_named_like_its_region(tmp_path):
    text = ("Fighters seize Kidal\n\nBAMAKO, May 14, 2019\n\nFighters occupied the town of Kidal in Mali's northern "
            "Kidal region for two days, looting food stocks and clashing with soldiers, residents said on Tuesday.\n")
    looting = _by_trigger(_report(tmp_path, text, "2019-05-14")["events"], "looting")
    assert looting["location"]["feature_type"] == "populated_place" and looting["location"]["geo_precision"] == 1


def test_the_city_after_a_country_said_to_hold_it(tmp_path):
    """'eastern Congo's second city': a Congo the gazetteer cannot place is the area around the city, not a city
    that 'the city' could stand for."""
    text = ("Rebels take Bukavu as troops flee\n\nRebels entered Bukavu, eastern Congo's second city, on Friday, "
            "residents said.\n\nOn Sunday, government troops withdrew from their positions in the north of the city, "
            "a security source said.\n")
    report = _report(tmp_path, text, "2025-02-18")
    city = next(m for m in report["mentions"] if m["text"] == "the city")
    assert city["resolved"] and city["gazetteer_id"] == next(
        m["gazetteer_id"] for m in report["mentions"] if m["text"] == "Bukavu")
    withdrawal = _by_trigger(report["events"], "withdrew")
    assert withdrawal["location"]["name"] == "Bukavu" and withdrawal["location"]["geo_precision"] == 2


def _displacement(tmp_path, sentence: str, published: str) -> dict:
    text = f"Thousands flee\n\n{sentence}\n"
    (record,) = _report(tmp_path, text, published)["displacement"]
    return record


def test_fled_a_town_for_another(tmp_path):
    record = _displacement(tmp_path, "About 3,000 people fled Gwoza for Maiduguri over the weekend, an aid official "
                                     "said.", "2021-09-09")
    assert record["origin"]["name"] == "Gwoza" and record["destination"]["name"] == "Maiduguri"


def test_heading_for_after_fled_since(tmp_path):
    record = _displacement(tmp_path, "More than 50,000 people have fled Kherson since the fighting began in March, "
                                     "many of them heading for Mykolaiv and Odesa, the United Nations said.",
                           "2022-05-02")
    assert record["origin"]["name"] == "Kherson" and record["destination"]["mention"] == "Mykolaiv"


def test_towards_a_described_place(tmp_path):
    record = _displacement(tmp_path, "About 8,000 people have fled Mocimboa da Praia since Wednesday, most of them "
                                     "towards the district of Mueda and the provincial capital Pemba, the IOM said.",
                           "2021-03-30")
    assert record["origin"]["mention"] == "Mocimboa da Praia" and record["destination"]["name"] == "Mueda"


def test_displaced_by_fighting_around_a_town(tmp_path):
    """Where they were displaced is the town the fighting was around, not the last town the report named."""
    text = ("Militia attacks camp\n\nCODECO militiamen attacked a camp near Bunia in Congo on Sunday, killing 12 "
            "people.\n\nIn Kinshasa, police dispersed protesters on Monday.\n\nMore than 50,000 people have been "
            "displaced by fighting around Bunia since March, the UN refugee agency said.\n")
    (record,) = _report(tmp_path, text, "2023-06-14")["displacement"]
    assert record["origin"]["name"] == "Bunia"


def test_destinations_listed_in_a_flight_are_not_where_the_fighting_was(tmp_path):
    text = ("Thousands flee\n\nMore than 20,000 people have been displaced by fighting around Bukavu since January, "
            "the UN said, most of them towards the district of Uvira and the provincial capital Goma.\n")
    events = _report(tmp_path, text, "2025-02-18")["events"]
    assert {e["location"]["name"] for e in events if e["trigger"] == "fighting"} == {"Bukavu"}
