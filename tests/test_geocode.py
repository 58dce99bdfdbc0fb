"""Geocoding rules (GitHub issue 4): famous places beat their namesakes unless the text qualifies them, the report's
country still decides small places, country points, and spans that are not places."""
from __future__ import annotations

import pytest

from sitrep.gazetteer import Gazetteer, haversine_km
from sitrep.gazetteer import Place
from sitrep.model import Document, Mention
from sitrep.stages import geocode
from sitrep.pipeline import DEFAULT_STAGES, Pipeline


@pytest.fixture(scope="module")
def run():
    pipeline = Pipeline(DEFAULT_STAGES)
    return lambda text: pipeline(Document(text=text))


def _placed(doc: Document) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.location.country_code, m.location.admin1)
            for m in doc.mentions if m.type == "place" and m.location is not None}


def test_famous_place_beats_a_namesake_in_the_focus_country(run):
    doc = run("Police in Houston, Dallas and Austin said the suspect had lived in London and Paris. "
              "Officials in Russia and Mexico were told.")
    placed = _placed(doc)
    assert doc.focus_country == "US"
    assert placed["London"][0] == "GB" and placed["Paris"][0] == "FR"
    assert placed["Russia"][0] == "RU" and placed["Mexico"][0] == "MX"


def test_towns_named_together_beat_a_famous_namesake(run):
    """Strong local evidence: two other names of the report have namesakes near the local town (Alexandria lies in
    Douglas County, Minnesota, near St. Cloud), none near the famous city. The test above is the weak case: the
    Texas cities name no place near a London or Paris of Texas, so the famous cities stay."""
    placed = _placed(run("An Alexandria man was hurt in a crash near Nelson in Douglas County on Sunday. He was "
                         "taken to a hospital in St. Cloud. Police in Alexandria said the other driver was not hurt."))
    assert placed["Alexandria"] == ("US", "Minnesota")


def test_towns_near_a_namesake_village_do_not_outvote_a_country_or_state():
    """Support from the report's other names chooses among towns, never between a town and a country or a state of
    the report's country bearing the name as its own ('Egypt' named with towns near Egypt, Pennsylvania)."""
    egypt = Place("geonames:357994", "Egypt", 27.0, 30.0, "EG", "Egypt", None, "country", 98_000_000)
    village = Place("v", "Egypt", 40.68, -75.53, "US", "United States", "Pennsylvania", "populated_place", 2_400)
    evidence = geocode.Evidence("US", None, neighbours={"allentown": (1.0, [(40.61, -75.49)]),
                                                        "bethlehem": (1.0, [(40.63, -75.37)]),
                                                        "easton": (1.0, [(40.69, -75.22)])})
    mention = Mention("Egypt", 0, 5, "place", 0, attrs={"lookup": "Egypt", "candidates": [egypt, village]})
    assert evidence.support(village, "egypt") == 3
    options = [egypt, village]
    assert geocode._score(egypt, mention, evidence, options) > geocode._score(village, mention, evidence, options)
    state = Place("s", "Vermont", 44.0, -72.7, "US", "United States", "Vermont", "admin1", 625_000 * 2)
    town = Place("t", "Vermont", 40.29, -90.43, "US", "United States", "Illinois", "populated_place", 700)
    mention = Mention("Vermont", 0, 7, "place", 0, attrs={"lookup": "Vermont", "candidates": [state, town]})
    assert geocode._rival_area(mention, [state, town], "US")


def test_a_bare_name_whose_county_the_report_names_is_in_that_county(run):
    placed = _placed(run("A woman was found dead in her home in Suffolk County on Friday. Suffolk police said the "
                         "case was being treated as a homicide, and detectives in Riverhead asked for help."))
    assert placed["Suffolk County"] == ("US", "New York") and placed["Suffolk"] == ("US", "New York")


def test_a_part_of_a_state_is_in_the_state(run):
    placed = _placed(run("The team traveled to central Washington and set up shop before police could go in. "
                         "A family reunion in central Ontario's cottage country was marred. Rain fell in central "
                         "Mexico."))
    assert placed["Washington"] == ("US", "Washington") and placed["Ontario"] == ("CA", "Ontario")
    assert placed["Mexico"] == ("MX", None)


def test_a_site_named_in_the_possessive_is_at_its_owner(run):
    doc = run("The first daily flights between Washington's Dulles Airport and Moscow's Domodedovo Airport start "
              "in June.")
    placed = {m.location.name: m.location.country_code for m in doc.mentions
              if m.type == "place" and m.location is not None and "'s" in m.text}
    assert placed == {"Washington": "US", "Moscow": "RU"}


def test_a_local_institution_is_in_its_town(run):
    placed = _placed(run("Volunteers from the Mount Pleasant Volunteer Fire Department answered a call in Titus County "
                         "near Pittsburg and Daingerfield on Sunday."))
    assert placed["Mount Pleasant Volunteer Fire Department"] == ("US", "Texas")


def test_the_area_after_a_town_and_a_comma_holds_the_town(run):
    doc = run("TBILISI, Georgia -- Police arrested several opposition members in Houston and Atlanta on Friday. The "
              "arrests are the first since Georgia's defeat in the war.")
    assert {m.location.country_code for m in doc.mentions if m.text == "Georgia"} == {"GE"}


def test_a_generic_word_is_no_region_of_a_country_the_report_does_not_name(run):
    doc = run("Moscow warned the West on Friday. Saudi Arabia imposed an embargo on a fellow US ally in the Gulf, "
              "Qatar. Settlers in the West Bank protested.")
    placed = {m.text: m.location for m in doc.mentions if m.type == "place"}
    assert placed["West"] is None and placed["Gulf"] is None  # not Cameroon's West region, Papua New Guinea's Gulf
    assert placed["West Bank"].country_code == "PS"


def test_text_that_names_the_state_picks_the_namesake(run):
    placed = _placed(run("The festival in Paris, Texas drew crowds. Police in Albany, N.Y. and in Kent, Wash. "
                         "made arrests. A man from London, Ohio was held."))
    assert placed["Paris"] == ("US", "Texas")
    assert placed["Albany"] == ("US", "New York")
    assert placed["Kent"] == ("US", "Washington")
    assert placed["London"] == ("US", "Ohio")


def test_small_place_in_a_syria_report_stays_syrian(run):
    doc = run("Syrian army troops shelled Tadmur on Sunday. ISIS fighters withdrew from Tadmur towards Raqqa.")
    assert doc.focus_country == "SY"
    assert {code for code, _ in _placed(doc).values()} == {"SY"}


def test_country_abbreviations_and_continents_are_placed(run):
    placed = _placed(run("The U.S. and the UK sent aid to Africa and Europe."))
    assert placed["U.S."][0] == "US" and placed["UK"][0] == "GB"
    assert "Africa" in placed and "Europe" in placed


def test_common_words_and_county_names_are_not_towns(run):
    doc = run("The parade went down Royal Street to River North. The Henry County sheriff said the Secretary "
              "spoke to Marines at the Center.")
    places = {m.text for m in doc.mentions if m.type == "place" and m.location is not None}
    assert not places & {"Royal", "North", "Henry", "Secretary", "Marines", "Center"}


def test_person_names_are_not_places(run):
    doc = run("Donald Trump met Narendra Modi in Washington.")
    texts = {m.text for m in doc.mentions if m.type == "place"}
    assert "Donald" not in texts and "Modi" not in texts and "Washington" in texts


def test_country_points_are_not_city_centres():
    gazetteer = Gazetteer.default()
    sweden = next(p for p in gazetteer.lookup("Sweden") if p.feature_type == "country")
    usa = next(p for p in gazetteer.lookup("United States") if p.feature_type == "country")
    assert (sweden.latitude, sweden.longitude) == (62.0, 15.0)  # countryinfo's point, in the middle of Sweden
    assert haversine_km(usa.latitude, usa.longitude, 39.76, -98.5) < 50  # centre of the contiguous states
    assert gazetteer.is_capital(next(p for p in gazetteer.lookup("Damascus") if p.country_code == "SY"))


def test_admin1_point_is_not_its_largest_city():
    michigan = next(p for p in Gazetteer.default().lookup("Michigan") if p.feature_type == "admin1")
    assert haversine_km(michigan.latitude, michigan.longitude, 42.33, -83.05) > 150  # not at Detroit


@pytest.mark.parametrize("text, name, country", [
    ("A roadside bomb exploded near Gao on 2 May 2019, Malian officials said.", "Gao", "Mali"),  # not 'GAO', Guantánamo's airport
    ("Fighters shelled Ras al-Ain and Ain Issa in Syria on 12 October 2019.", "‘Ayn ‘Īsá", "Syria"),
    ("A drone strike hit a convoy in Shabwa province in Yemen on 2 March 2018.", "Shabwah", "Yemen"),
])
def test_names_written_another_way(tmp_path, text, name, country):
    from datetime import date

    from sitrep.api import extract

    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    events = extract([path], published=date(2020, 1, 1)).combined()["events"]
    places = {(e["location"] or {}).get("name"): (e["location"] or {}).get("country") for e in events}
    assert places.get(name) == country, places


def test_countries_sit_at_their_geonames_points():
    japan = next(p for p in Gazetteer.default().lookup("Japan") if p.feature_type == "country")
    assert (japan.latitude, japan.longitude) == (35.68536, 139.75309)  # GeoNames' point of Japan, at Tokyo


def test_us_counties_are_areas_of_the_state_the_report_is_about(run):
    doc = run("Deputies in Henry County said the crash happened near Paris, Tennessee. Henry County schools "
              "closed, and officials in Nashville and Memphis were told.")
    placed = {m.text: m.location for m in doc.mentions if m.type == "place" and m.location is not None}
    assert placed["Henry County"].feature_type == "admin2" and placed["Henry County"].admin1 == "Tennessee"


def test_country_adjectives_are_places_of_their_country(run):
    doc = run("The Russian government and Chinese exporters met EU officials in Geneva on Monday.")
    modifiers = {m.text: m.location.country_code for m in doc.mentions
                 if m.type == "place" and m.attrs.get("modifier") and m.location is not None}
    assert modifiers.get("Russian") == "RU" and modifiers.get("Chinese") == "CN" and "EU" in modifiers
    assert all(m.attrs.get("modifier") is None for e in doc.events for m in [e.work.get("place")] if m)


def test_alternate_names_lose_to_own_names_and_possessives_qualify(run):
    placed = _placed(run("The Cardinals beat Louisville, Kentucky on Friday; police in Louisville said fans were "
                         "calm. Flights to London's Heathrow were delayed, officials in Virginia said."))
    assert placed["Louisville"] == ("US", "Kentucky")
    heathrow = next(m for m in run("Flights to London's Heathrow were delayed, officials in Virginia said.").mentions
                    if m.text == "Heathrow")
    assert heathrow.location is not None and heathrow.location.country_code == "GB"


def test_state_abbreviations_vote_for_their_state(run):
    doc = run("ALEXANDRIA, Va. - A man was arrested in Alexandria on Sunday, police in Arlington said.")
    assert doc.focus_country == "US"
    assert _placed(doc)["Alexandria"] == ("US", "Virginia")


def test_a_district_of_the_city_the_report_is_about_is_not_a_capital_abroad(run):
    doc = run("FREETOWN, Jan 8 - Rebels came through the Kissy and Wellington districts of Freetown before dawn on "
              "Wednesday and later reached Waterloo, east of the city.")
    placed = _placed(doc)
    assert placed.get("Wellington", ("SL",))[0] == "SL"


def test_a_town_across_the_border_is_placed_whatever_the_parser_took_it_for(run):
    doc = run("MAIDUGURI, Nigeria, May 6 (Reuters) - Boko Haram fighters attacked Gamboru on Sunday, residents said.\n\n"
              "On Monday, militants attacked a police post in Mora, killing two policemen.")
    assert _placed(doc)["Mora"][0] == "CM"  # not Bilimora, India, which bears the name only as an alternate
    doc = run("OUAGADOUGOU, March 3 (Reuters) - Gunmen killed 14 soldiers in an ambush near Djibo on Thursday.\n\n"
              "Separately, Niger's defence ministry said militants had attacked an army patrol near Torodi on Friday.")
    assert _placed(doc)["Torodi"][0] == "NE"


def test_a_hyphenated_name_finds_the_place_written_as_one_word(run):
    """GeoNames writes Haiti's Pétion-Ville as 'Pétionville'; the hyphen is a spelling, not two words."""
    doc = run("Gangs attacked police stations in Pétion-Ville and Port-au-Prince, Haiti, on Monday.")
    placed = _placed(doc)
    assert placed["Pétion-Ville"][0] == "HT" and placed["Port-au-Prince"][0] == "HT"


def test_congo_without_the_article_is_the_democratic_republic(run):
    doc = run("M23 rebels seized Goma in eastern Democratic Republic of Congo on Monday. Congo's army withdrew, and the "
              "Republic of Congo closed its border.")
    placed = _placed(doc)
    assert placed["Democratic Republic of Congo"] == ("CD", None) and placed["Congo"] == ("CD", None)
    assert placed["Republic of Congo"] == ("CG", None)


def test_a_state_named_with_the_short_compass_word_is_found(run):
    """GeoNames calls Sudan's state 'Western Darfur'; reports write 'West Darfur'."""
    doc = run("Sudan's Rapid Support Forces attacked El Geneina in West Darfur and Nyala in South Darfur on Friday.")
    placed = _placed(doc)
    assert placed["West Darfur"] == ("SD", "Western Darfur") and placed["South Darfur"] == ("SD", "Southern Darfur")
    doc = run("M23 rebels advanced on Goma in Congo's North Kivu province and on Bukavu in South Kivu.")
    assert _placed(doc)["North Kivu province"] == ("CD", "Nord Kivu")  # GeoNames' French 'Nord Kivu'


def test_a_place_the_report_already_placed_is_found_by_its_other_name(run):
    """In a report on Israel, 'Gaza City' (only an alternate name of Gaza, too weak to place abroad on its own) is the
    Gaza that the report's 'Gaza' was placed at."""
    doc = run("Israel pounds Gaza. GAZA CITY, July 20 (Reuters) - Israeli tanks shelled the Shujaiya neighbourhood of "
              "Gaza City on Sunday, Israeli officials in Tel Aviv and Jerusalem said. Rockets hit Ashkelon.")
    placed = _placed(doc)
    assert doc.focus_country == "IL"
    assert placed["Gaza"][0] == "PS" and placed["Gaza City"][0] == "PS" and placed["GAZA CITY"][0] == "PS"


def test_a_sea_is_not_the_state_named_after_it(run):
    """'the Red Sea' is the sea, not Sudan's Red Sea state; a ship's name ('the tanker Sounion') is no place."""
    doc = run("Houthi rebels in Yemen attacked the oil tanker Sounion in the Red Sea west of Hodeidah on Wednesday. "
              "In Sudan's Red Sea state, protesters blocked Port Sudan's harbour.")
    places = [m for m in doc.mentions if m.type == "place"]
    assert not any(m.text == "Sounion" for m in places)
    seas = [m for m in places if m.text in {"Red Sea", "Red Sea state"}]  # the state's mention holds 'state'
    assert seas[0].location is None and seas[1].location.country_code == "SD"


def test_towns_of_a_country_named_more_often_than_the_focus_are_not_namesakes_abroad(run):
    """Israeli towns and actors may make Israel the focus of a report datelined Beirut, but one that names Lebanon
    more often than Israel is as much about Lebanon: Qana (10,000 people) and Nabatieh (an alternate name of
    Nabatîyé et Tahta) are placed in Lebanon, not left out as unsupported places abroad."""
    doc = run("BEIRUT, Oct 16 (Reuters) - Israeli air strikes killed 12 people in southern Lebanon, Lebanon's health "
              "ministry said. A strike hit a house in the village of Qana. Another hit the municipal building in "
              "Nabatieh. Rockets fired from Lebanon hit Kiryat Shmona and Safed in northern Israel, the Israeli "
              "military said. Hezbollah said it fought Israeli troops in Lebanon.")
    placed = _placed(doc)
    assert placed["Qana"][0] == "LB" and placed["Nabatieh"][0] == "LB"


def test_the_city_of_a_name_is_the_city_and_its_demonym_no_place(run):
    """'the Ukrainian city of Sumy': the city, not the province of the same name; 'Ukrainian' says whose it is and
    is no place of its own."""
    doc = run("Ukrainian troops pushed into Russia's Kursk region. Russian air strikes killed four people in the "
              "Ukrainian city of Sumy on Friday, Ukrainian officials said.")
    sumy = next(m for m in doc.mentions if m.type == "place" and m.text == "Sumy")
    assert sumy.location.feature_type == "populated_place"
    assert not any(m.type == "place" and m.text == "Ukrainian" and not m.attrs.get("modifier") for m in doc.mentions)
