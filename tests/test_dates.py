from datetime import date

import pytest

from sitrep.dates import TimeExpression, find_anchor, find_time_expressions

PALMYRA = (
    "Recaptured in the spring of 2016, the city was secure ... Beginning on December 10th, IS units "
    "launched a furious assault ... and in the afternoon of the 11th IS claimed Tadmur as their own "
    "once again. ... months of progress by the government in the region has been undone in mere days."
)


def by_text(text: str, published: date | None = None) -> dict[str, TimeExpression]:
    return {found.text: found for found in find_time_expressions(text, published=published)}


def dates_of(expression: TimeExpression) -> tuple[date, date, int]:
    return expression.date_start, expression.date_end, expression.time_precision


def single(text: str, published: date | None = None) -> TimeExpression:
    found = find_time_expressions(text, published=published)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- canonical example


def test_palmyra_paragraph():
    found = find_time_expressions(PALMYRA)
    assert [f.text for f in found] == ["the spring of 2016", "December 10th", "the afternoon of the 11th"]
    spring, december_10, eleventh = found
    assert dates_of(spring) == (date(2016, 3, 1), date(2016, 5, 31), 3)
    assert spring.kind == "season" and spring.explicit_year
    assert dates_of(december_10) == (date(2016, 12, 10), date(2016, 12, 10), 1)
    assert not december_10.explicit_year
    assert dates_of(eleventh) == (date(2016, 12, 11), date(2016, 12, 11), 1)
    assert eleventh.text.endswith("the 11th")


def test_palmyra_vague_durations_are_not_dates():
    texts = {f.text for f in find_time_expressions(PALMYRA)}
    assert not any("months" in t or "days" in t for t in texts)


def test_palmyra_anchor_is_latest_written_year():
    assert find_anchor(PALMYRA) == date(2016, 1, 1)


# --------------------------------------------------------------------------- anchors and date lines


def test_anchor_prefers_publication_date():
    assert find_anchor(PALMYRA, published=date(2017, 1, 3)) == date(2017, 1, 3)


def test_anchor_none_without_any_year():
    assert find_anchor("On December 10th the town fell; on the 11th it was retaken.") is None


def test_dateline_with_agency_and_publication_date():
    text = "KHARKIV, Ukraine, May 14 (AP) — Russian troops pulled back from the city."
    found = single(text, published=date(2022, 5, 14))
    assert found.text == "May 14"
    assert dates_of(found) == (date(2022, 5, 14), date(2022, 5, 14), 1)


def test_dateline_after_dash_sets_anchor_and_reference():
    text = "MOSUL, Iraq — 17 October 2016: Iraqi forces began the offensive. Yesterday, jets struck Bartella."
    assert find_anchor(text) == date(2016, 10, 17)
    found = by_text(text)
    assert dates_of(found["17 October 2016"]) == (date(2016, 10, 17), date(2016, 10, 17), 1)
    assert found["17 October 2016"].explicit_year
    assert dates_of(found["Yesterday"]) == (date(2016, 10, 16), date(2016, 10, 16), 1)


def test_dateline_without_year_takes_latest_written_year():
    text = "KYIV, March 3 (Reuters) - Shelling resumed, the worst since the invasion of 2022."
    assert find_anchor(text) == date(2022, 3, 3)


def test_published_iso_line():
    text = "Published: 2019-04-05\nAirstrikes hit Maarat al-Numan on Wednesday."
    assert find_anchor(text) == date(2019, 4, 5)
    assert dates_of(by_text(text)["Wednesday"]) == (date(2019, 4, 3), date(2019, 4, 3), 1)


# --------------------------------------------------------------------------- relative to publication

OCT_12_2023 = date(2023, 10, 12)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected_text", "start", "end", "precision"),
    [
        ("Rockets hit Sderot on Tuesday.", "Tuesday", date(2023, 10, 10), date(2023, 10, 10), 1),
        ("Rockets hit Sderot yesterday.", "yesterday", date(2023, 10, 11), date(2023, 10, 11), 1),
        ("A raid took place on Thursday.", "Thursday", date(2023, 10, 12), date(2023, 10, 12), 1),
        ("Talks resume next Tuesday.", "next Tuesday", date(2023, 10, 17), date(2023, 10, 17), 1),
        ("Clashes erupted last Thursday.", "last Thursday", date(2023, 10, 5), date(2023, 10, 5), 1),
        ("Gunmen attacked on Saturday night.", "Saturday night", date(2023, 10, 7), date(2023, 10, 7), 1),
        ("Two soldiers died two days ago.", "two days ago", date(2023, 10, 10), date(2023, 10, 10), 1),
        ("Fighting intensified last week.", "last week", date(2023, 10, 2), date(2023, 10, 8), 2),
        ("Fighting intensified earlier this week.", "earlier this week", date(2023, 10, 9), date(2023, 10, 11), 2),
        ("The siege began last month.", "last month", date(2023, 9, 1), date(2023, 9, 30), 3),
        ("Drones struck the port this morning.", "this morning", date(2023, 10, 12), date(2023, 10, 12), 1),
        ("Drones struck the port overnight.", "overnight", date(2023, 10, 11), date(2023, 10, 12), 2),
        ("Shelling killed four on the 3rd.", "the 3rd", date(2023, 10, 3), date(2023, 10, 3), 1),
        ("The offensive stalled last summer.", "last summer", date(2023, 6, 1), date(2023, 8, 31), 3),
        ("The town changed hands last December.", "last December", date(2022, 12, 1), date(2022, 12, 31), 3),
    ],
)
def test_relative_to_publication(text, expected_text, start, end, precision):
    found = single(text, published=OCT_12_2023)
    assert found.text == expected_text
    assert dates_of(found) == (start, end, precision)


def test_relative_expressions_need_a_reference_day():
    assert find_time_expressions("In 2015 rebels attacked yesterday and on Tuesday.")[0].text == "2015"
    assert len(find_time_expressions("In 2015 rebels attacked yesterday and on Tuesday.")) == 1


def test_undated_month_day_in_news_is_in_the_past():
    found = single("The convoy was ambushed on December 30.", published=date(2015, 1, 5))
    assert found.date_start == date(2014, 12, 30)


# --------------------------------------------------------------------------- sequential narrative


def test_year_rolls_over_after_late_december():
    text = "In 2014 the rebels regrouped. On December 30 they attacked Donetsk airport; on January 2 it fell."
    found = by_text(text)
    assert found["December 30"].date_start == date(2014, 12, 30)
    assert dates_of(found["January 2"]) == (date(2015, 1, 2), date(2015, 1, 2), 1)


def test_no_rollover_for_earlier_month_in_same_year():
    text = "On 20 July 2016 the army advanced. On 3 March, before that, the rebels had dug in."
    assert by_text(text)["3 March"].date_start == date(2016, 3, 3)


def test_anaphoric_days_follow_last_date():
    text = "Operations began on 17 October 2016. Two days later Bartella fell, and the next day Qaraqosh."
    found = by_text(text)
    assert found["Two days later"].kind == "anaphoric"
    assert dates_of(found["Two days later"]) == (date(2016, 10, 19), date(2016, 10, 19), 1)
    assert found["the next day"].date_start == date(2016, 10, 20)


def test_anaphoric_week_and_previous_day():
    text = "Aleppo's east fell on 22 December 2016. A week later a ceasefire began; the day before, buses left."
    found = by_text(text)
    assert dates_of(found["A week later"]) == (date(2016, 12, 29), date(2016, 12, 29), 2)
    assert found["the day before"].date_start == date(2016, 12, 28)


def test_anaphoric_without_context_is_omitted():
    assert find_time_expressions("The following day, the militia withdrew.") == []


def test_day_of_month_needs_a_month():
    assert find_time_expressions("In 2012 the rebels attacked on the 11th.")[0].text == "2012"
    assert len(find_time_expressions("In 2012 the rebels attacked on the 11th.")) == 1


def test_no_year_no_publication_gives_nothing():
    assert find_time_expressions("On December 10th the town fell; on the 11th it was retaken.") == []


# --------------------------------------------------------------------------- absolute forms


@pytest.mark.parametrize(
    ("text", "expected_text", "start", "end", "precision", "kind"),
    [
        ("Sirte fell on 2016-12-10.", "2016-12-10", date(2016, 12, 10), date(2016, 12, 10), 1, "absolute"),
        ("Sirte fell on 10 December 2016.", "10 December 2016", date(2016, 12, 10), date(2016, 12, 10), 1, "absolute"),
        ("Sirte fell on December 10, 2016.", "December 10, 2016", date(2016, 12, 10), date(2016, 12, 10), 1, "absolute"),
        ("Sirte fell on Dec 10th 2016.", "Dec 10th 2016", date(2016, 12, 10), date(2016, 12, 10), 1, "absolute"),
        ("Sirte fell on 25/12/2016.", "25/12/2016", date(2016, 12, 25), date(2016, 12, 25), 1, "absolute"),
        ("Sirte fell in December 2016.", "December 2016", date(2016, 12, 1), date(2016, 12, 31), 3, "month"),
        ("The war in Yemen escalated in 2015.", "2015", date(2015, 1, 1), date(2015, 12, 31), 3, "year"),
        ("Fighting raged from mid-2015.", "mid-2015", date(2015, 5, 1), date(2015, 8, 31), 3, "part_of_year"),
        ("Peace talks stalled in early 2017.", "early 2017", date(2017, 1, 1), date(2017, 4, 30), 3, "part_of_year"),
        ("Amerli was besieged until mid-August 2014.", "mid-August 2014", date(2014, 8, 11), date(2014, 8, 20), 2,
         "part_of_month"),
        ("Shelling peaked in the first week of March 2022.", "the first week of March 2022", date(2022, 3, 1),
         date(2022, 3, 7), 2, "week_of_month"),
        ("Raqqa fell in the winter of 2015-16.", "the winter of 2015-16", date(2015, 12, 1), date(2016, 2, 29), 3,
         "season"),
        ("Troops advanced 30 December 2015 to 2 January 2016.", "30 December 2015 to 2 January 2016",
         date(2015, 12, 30), date(2016, 1, 2), 2, "range"),
        ("The siege lasted 2014-2016.", "2014-2016", date(2014, 1, 1), date(2016, 12, 31), 3, "year_range"),
    ],
)
def test_absolute_forms(text, expected_text, start, end, precision, kind):
    found = single(text)
    assert (found.text, found.kind) == (expected_text, kind)
    assert dates_of(found) == (start, end, precision)


@pytest.mark.parametrize(
    ("phrase", "start_day", "end_day"),
    [
        ("early December", 1, 10),
        ("mid-December", 11, 20),
        ("mid December", 11, 20),
        ("the middle of December", 11, 20),
        ("late December", 21, 31),
        ("the end of December", 21, 31),
    ],
)
def test_parts_of_month_take_anchor_year(phrase, start_day, end_day):
    text = f"The Houthis took Hodeidah's outskirts in 2018; clashes continued into {phrase}."
    found = by_text(text)[phrase]
    assert dates_of(found) == (date(2018, 12, start_day), date(2018, 12, end_day), 2)
    assert found.kind == "part_of_month"


def test_late_june_after_mid_august_same_year():
    text = "Amerli was relieved in mid-August 2014, after a siege begun in late June."
    assert dates_of(by_text(text)["late June"]) == (date(2014, 6, 21), date(2014, 6, 30), 2)


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("between 5 and 7 June", date(2017, 6, 5), date(2017, 6, 7), 2),
        ("3-5 March", date(2017, 3, 3), date(2017, 3, 5), 2),
        ("March 3–5", date(2017, 3, 3), date(2017, 3, 5), 2),
        ("between March 3 and 5", date(2017, 3, 3), date(2017, 3, 5), 2),
    ],
)
def test_day_ranges(phrase, start, end, precision):
    found = by_text(f"Marawi, 2017: militants held the city {phrase}, officials said.")[phrase]
    assert found.kind == "range"
    assert dates_of(found) == (start, end, precision)


@pytest.mark.parametrize(
    "phrase", ["December 10th", "10 December", "Dec. 10", "the 10th of December"]
)
def test_month_day_spellings_take_anchor_year(phrase):
    found = by_text(f"The Battle of Sirte ended in 2016. Earlier, on {phrase}, the last pocket fell.")[phrase]
    assert dates_of(found) == (date(2016, 12, 10), date(2016, 12, 10), 1)
    assert not found.explicit_year


def test_seasons_against_anchor_year():
    found = by_text("Donetsk, 2014: fighting slowed in spring and resumed in the autumn.")
    assert dates_of(found["spring"]) == (date(2014, 3, 1), date(2014, 5, 31), 3)
    assert dates_of(found["the autumn"]) == (date(2014, 9, 1), date(2014, 11, 30), 3)


def test_ambiguous_numeric_date_is_skipped():
    assert [f.text for f in find_time_expressions("Reported 10/12/2016 by locals.")] == []


# --------------------------------------------------------------------------- things that are not dates


@pytest.mark.parametrize(
    "text",
    [
        "The brigade fought for three days before withdrawing in 2019.",
        "Within 24 hours, in 2019, the front collapsed.",
        "In 2019 some 2000 troops and 1500 civilians were evacuated at 2030 hours.",
        "In 2019 the 93rd Mechanized Brigade and the 20th century fort were shelled.",
        "In 2019 the spring offensive began after the fall of Mosul.",
        "In 2019 months of fighting were undone in mere days, for some time.",
    ],
)
def test_non_dates_are_not_returned(text):
    assert [f.text for f in find_time_expressions(text)] == ["2019"]


# --------------------------------------------------------------------------- invariants

ALL_TEXTS = [
    PALMYRA,
    "KHARKIV, Ukraine, May 14 (AP) — Shelling since 2014; on Tuesday, two days ago and overnight; last week too.",
    "MOSUL, Iraq — 17 October 2016: The next day, between 18 and 20 October, and a week later.",
    "In 2014, On December 30 ... on January 2 ... the winter of 2014-15, late last year, mid-2015.",
]


@pytest.mark.parametrize("text", ALL_TEXTS)
@pytest.mark.parametrize("published", [None, date(2022, 5, 14)])
def test_offsets_and_ordering(text, published):
    found = find_time_expressions(text, published=published)
    assert found
    for expression in found:
        assert text[expression.start:expression.end] == expression.text
        assert expression.date_start <= expression.date_end
        assert expression.time_precision in (1, 2, 3)
    starts = [expression.start for expression in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# --------------------------------------------------------------------------- winters and paragraphs


def test_winter_of_a_single_year_is_the_winter_ending_in_it():
    text = "It took ten weeks, from the Sahel winter of 2012 to April. On 24 January the rebels overran Aguelhok."
    found = by_text(text)
    assert dates_of(found["winter of 2012"]) == (date(2011, 12, 1), date(2012, 2, 29), 3)
    assert found["April"].date_start == date(2012, 4, 1)
    assert found["24 January"].date_start == date(2012, 1, 24)


def test_bare_winter_in_a_february_report_is_the_current_one():
    found = single("Power cuts worsened in the winter.", published=date(2023, 2, 10))
    assert dates_of(found) == (date(2022, 12, 1), date(2023, 2, 28), 3)


def test_background_year_does_not_leak_into_next_news_paragraph():
    text = (
        "The Houthis seized Al Hazm in March 2020.\n\n"
        "DISPLACEMENT\nBetween 8 and 15 February, 8,400 people fled Sirwah."
    )
    found = by_text(text, published=date(2021, 2, 16))
    assert found["March 2020"].date_start == date(2020, 3, 1)
    assert dates_of(found["Between 8 and 15 February"]) == (date(2021, 2, 8), date(2021, 2, 15), 2)


def test_date_at_end_of_title_line_is_a_date_line():
    text = "LIBYA: Tripoli Clashes - Flash Update No. 14 (as of 3 July 2019)\n\nAn air strike hit Tajoura on 2 July."
    assert find_anchor(text) == date(2019, 7, 3)
    assert by_text(text)["2 July"].date_start == date(2019, 7, 2)


def test_a_weekday_beside_the_full_date_it_names_is_that_date():
    found = find_time_expressions("On 3 March 2002, Palm Sunday, gunmen attacked the village. On Sunday aid arrived.",
                                  published=date(2002, 3, 20))
    days = [(t.text, t.date_start) for t in found]
    assert days[:2] == [("3 March 2002", date(2002, 3, 3)), ("Sunday", date(2002, 3, 3))]
    assert days[2] == ("Sunday", date(2002, 3, 17))


def test_a_year_after_since_does_not_move_the_story_to_that_year():
    found = find_time_expressions("Kunduz was the first provincial capital to fall since 2001. Afghan forces retook "
                                  "the city centre on 1 October, the deadliest fighting since the 2009 offensive.",
                                  published=date(2015, 10, 4))
    assert [(t.text, t.date_start) for t in found if t.text == "1 October"] == [("1 October", date(2015, 10, 1))]


def test_the_date_of_an_accord_does_not_move_the_story_to_its_year():
    found = find_time_expressions("The rebels accuse Kinshasa of breaking the March 23, 2009 peace deal. In July they "
                                  "took the border town of Bunagana.", published=date(2012, 11, 20))
    assert [(t.text, t.date_start) for t in found if t.text == "July"] == [("July", date(2012, 7, 1))]


def test_two_weekdays_joined_are_the_days_between_them():
    found = by_text("Aircraft bombed positions near the town on Saturday and Sunday.", date(2012, 11, 20))
    assert dates_of(found["Saturday and Sunday"]) == (date(2012, 11, 17), date(2012, 11, 18), 2)
    found = by_text("Fighting raged from Monday to Wednesday.", date(2022, 3, 4))
    assert dates_of(found["Monday to Wednesday"]) == (date(2022, 2, 28), date(2022, 3, 2), 2)


def test_the_weekend_is_the_last_saturday_and_sunday():
    found = by_text("Thousands have fled the camp since the weekend.", date(2012, 11, 20))
    assert dates_of(found["the weekend"]) == (date(2012, 11, 17), date(2012, 11, 18), 2)


def test_a_few_days_later_is_a_range_after_the_last_date():
    found = by_text("Rebels captured the town on March 10 and took the airport a few days later.", date(2014, 4, 1))
    assert dates_of(found["a few days later"]) == (date(2014, 3, 12), date(2014, 3, 16), 2)
    found = by_text("The army left Kunduz on October 3. Weeks later, the Taliban returned.", date(2015, 12, 30))
    assert dates_of(found["Weeks later"])[2] == 3


def test_days_after_a_range_are_a_range():
    found = by_text("Troops entered the city between June 4 and June 6. Two days later, the garrison surrendered.",
                    date(2017, 7, 1))
    assert dates_of(found["Two days later"]) == (date(2017, 6, 6), date(2017, 6, 8), 2)


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("have fled since the start of the year", date(2025, 1, 1), date(2025, 1, 28), 3),
        ("since the beginning of the month", date(2025, 1, 1), date(2025, 1, 10), 2),
        ("at the end of last year", date(2024, 9, 1), date(2024, 12, 31), 3),
        ("recaptured late last month", date(2024, 12, 21), date(2024, 12, 31), 2),
    ],
)
def test_part_of_the_reports_year_or_month(text, start, end, precision):
    assert dates_of(single(text, published=date(2025, 1, 28))) == (start, end, precision)


@pytest.mark.parametrize("text", ["by the end of the month", "talks will resume at the end of the month",
                                  "by the end of the year"])
def test_part_of_the_month_still_ahead_is_not_a_date(text):
    assert find_time_expressions(text, published=date(2025, 1, 28)) == []


def test_part_of_a_later_month_without_a_year_is_last_years():
    found = single("have fled since early March", published=date(2025, 1, 28))
    assert dates_of(found) == (date(2024, 3, 1), date(2024, 3, 10), 2)
