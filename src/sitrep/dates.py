"""Find temporal expressions in English conflict reports and resolve them to dates.

Resolution reads the text in order, like a person would: it keeps the current year,
the current month and the last day-level date, so that "the 11th" after "December 10th"
means 11 December, and "January 2" after "December 30" means the next year.

Precision follows ACLED: 1 = one day, 2 = a week or a range of days (up to ~2 weeks),
3 = a month or anything vaguer (season, year).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

__all__ = ["TimeExpression", "after_since", "find_anchor", "find_time_expressions", "in_since_clause",
           "year_is_assumed"]


@dataclass(frozen=True)
class TimeExpression:
    text: str  # exactly document_text[start:end]
    start: int
    end: int
    date_start: date  # first day covered
    date_end: date  # last day covered (== date_start for a single day)
    time_precision: int  # ACLED: 1 day, 2 week / range of days, 3 month or vaguer
    kind: str
    explicit_year: bool  # the year was written in the expression itself


# --------------------------------------------------------------------------- vocabulary

_MONTH_NUMBERS = {name.lower()[:3]: number for number, name in enumerate(calendar.month_name) if name}
_WEEKDAYS = [name.lower() for name in calendar.day_name]
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "a couple of": 2,
}
_HALF_YEAR = timedelta(days=183)


def _ci(alternatives: str) -> str:
    """A case-insensitive group; month and weekday names stay case-sensitive."""
    return f"(?i:{alternatives})"


def _capitalised(names: list[str]) -> str:
    return "|".join(variant for name in names for variant in (name, name.upper()))


_FULL_MONTHS = sorted((name for name in calendar.month_name if name), key=len, reverse=True)
_MONTH_ABBREVIATIONS = _capitalised(["Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
_MONTH_ALT = rf"(?:{_MONTH_ABBREVIATIONS})\.|(?:{_capitalised(_FULL_MONTHS)}|{_MONTH_ABBREVIATIONS})\b"
_WEEKDAY_ALT = _capitalised(list(calendar.day_name))
_NUM = r"(?<!\w)(?P<n>\d{1,3}|" + _ci(r"a\s+couple\s+of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty") + ")"


def _month(group: str, full_only: bool = False) -> str:
    names = rf"(?:{_capitalised(_FULL_MONTHS)})\b" if full_only else _MONTH_ALT
    return rf"(?P<{group}>{names})"


def _day(group: str) -> str:
    return rf"(?<![\d.,/:])\b(?P<{group}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)\b"


def _year(group: str) -> str:
    return rf"(?P<{group}>(?:19|20)\d\d)(?![\d%])"


_OPT_WEEKDAY = rf"(?:(?:{_WEEKDAY_ALT}),?\s+)?"
_WEEKDAY_WITH_MOD = r"(?:(?P<mod>" + _ci("last|this|next|early|late") + r")\s+)?\b(?P<wd>" + _WEEKDAY_ALT + r")"
_OPT_TIME_OF_DAY = r"(?:" + _ci(r"(?:the\s+)?(?:early\s+|late\s+)?(?:morning|afternoon|evening|night|early\s+hours|small\s+hours)\s+of") + r"\s+)?"
_RANGE_SEP = r"(?P<sep>\s*[-–—]\s*|\s+" + _ci("to|until|till|through|and") + r"\s+)"
_OPT_BETWEEN = r"(?:(?P<between>" + _ci("between|from") + r")\s+)?"
_SEASON = _ci("spring|summer|autumn|fall|winter")

_UNIT_WORDS = (
    "troops|soldiers|fighters|militants|militiamen|people|civilians|residents|refugees|families|"
    "households|men|women|children|persons|casualties|deaths|dead|killed|wounded|injured|km|"
    "kilometres|kilometers|miles|meters|metres|m|ft|feet|kg|tons|tonnes|rounds|shells|rockets|"
    "missiles|drones|dollars|usd|euros|pounds|hours|hrs|vehicles|tanks|homes|houses|buildings|"
    "cases|displaced|members|officers|police|personnel|strong|times|votes|prisoners|detainees"
)
_UNIT_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?" + _ci(_UNIT_WORDS) + r"\b")
_CLOCK_AFTER = re.compile(r"\s*" + _ci(r"hours\b|hrs\b|h\b|gmt\b|utc\b|local\b|z\b"))
_YEAR_PREPOSITIONS = {
    "in", "since", "during", "until", "till", "by", "of", "from", "before", "after", "through",
    "throughout", "early", "mid", "late", "year", "circa", "spring", "summer",
    "autumn", "fall", "winter", "end", "beginning", "start", "middle",
}
_NOT_YEAR_WORDS = {
    "about", "around", "nearly", "almost", "over", "some", "approximately", "roughly", "least",
    "than", "to", "up", "resolution", "no.", "number", "route", "flight", "hill", "height", "code",
    "model", "article", "section", "at", "estimated", "killing", "killed",
}
_SEASON_NOUNS = "offensive|counter-?offensive|campaign|operations?|assault|push|session|term"
_ORDINAL_NOUNS = (
    "century|centuries|anniversary|brigades?|division|army|armies|regiment|battalion|corps|fleet|"
    "squadron|wing|group|company|battery|detachment|infantry|armou?red|mechani[sz]ed|airborne|"
    "marines?|guards|rifle|tank|artillery|assault|unit|units|times?|round|day|days|week|month|"
    "year|floor|street|avenue|district|precinct|amendment|session|grade|birthday|largest|biggest|"
    "most|place|hour|minute|congress|parliament|convoy|wave|attempt|consecutive|straight|party|"
    "edition|person|victim"
)


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class _Span:
    start: date
    end: date
    precision: int


def _span(start: date, end: date, precision: int | None = None) -> _Span:
    if precision is None:
        days = (end - start).days + 1
        precision = 1 if days == 1 else 2 if days <= 15 else 3
    return _Span(start, end, precision)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int) -> _Span:
    return _span(date(year, month, 1), _month_end(year, month), 3)


def _months_span(year: int, first_month: int, last_month: int) -> _Span:
    return _span(date(year, first_month, 1), _month_end(year, last_month), 3)


def _year_span(year: int) -> _Span:
    return _months_span(year, 1, 12)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name.lower()[:3]]


def _number(text: str) -> int:
    text = " ".join(text.lower().split())
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def _group(match: re.Match, name: str) -> str | None:
    return match.groupdict().get(name)


def _full_year(text: str, century_from: int) -> int:
    """'16' after 2015 means 2016."""
    return int(text) if len(text) == 4 else century_from // 100 * 100 + int(text)


# --------------------------------------------------------------------------- reading context


@dataclass
class _Context:
    year: int | None = None
    reference: date | None = None  # publication day or date line: the "today" of the text
    month: tuple[int, int] | None = None  # (year, month) of the last single-month date
    last_start: date | None = None  # last date with precision <= 2
    last_end: date | None = None

    def advance(self, span: _Span) -> None:
        self.year = span.end.year
        if (span.start.year, span.start.month) == (span.end.year, span.end.month):
            self.month = (span.start.year, span.start.month)
        if span.precision <= 2:
            self.last_start, self.last_end = span.start, span.end


def _year_for(ctx: _Context, month: int, day: int) -> int | None:
    """Year of a month-day written without one."""
    if ctx.year is None:
        return None
    year = ctx.year
    probe = date(year, month, min(day, 28))
    last = ctx.last_end
    ref = ctx.reference
    if last and last.year == year and last.month >= 9 and probe < last - _HALF_YEAR:
        crossed = date(year + 1, month, min(day, 28))
        if crossed - last <= timedelta(days=100) and (ref is None or crossed <= ref + timedelta(days=7)):
            year += 1  # "December 30 ... January 2": the narrative crossed New Year; not past the report's date
    if ref and ref.year == year and date(year, month, min(day, 28)) > ref + _HALF_YEAR:
        year -= 1  # a news report's undated month-days are in its past
    return year


# --------------------------------------------------------------------------- resolvers


def _resolve_day_month(m: re.Match, ctx: _Context) -> _Span | None:
    month, day = _month_number(m["m1"]), int(m["d1"])
    year = int(m["y"]) if m["y"] else _year_for(ctx, month, day)
    return _single_day(year, month, day)


def _single_day(year: int | None, month: int, day: int) -> _Span | None:
    found = _safe_date(year, month, day) if year else None
    return _span(found, found) if found else None


def _resolve_iso(m: re.Match, ctx: _Context) -> _Span | None:
    return _single_day(int(m["y"]), int(m["mo"]), int(m["d"]))


def _numeric_day_month(m: re.Match) -> tuple[int, int] | None:
    first, second = int(m["a"]), int(m["b"])
    if first == second or second > 12 >= first:
        return second, first  # month/day
    if first > 12 >= second:
        return first, second  # day/month
    return None


def _resolve_numeric(m: re.Match, ctx: _Context) -> _Span | None:
    day_month = _numeric_day_month(m)
    return _single_day(int(m["y"]), day_month[1], day_month[0]) if day_month else None


def _resolve_day_range(m: re.Match, ctx: _Context) -> _Span | None:
    month_end = _month_number(m["m2"]) if _group(m, "m2") else None
    month_start = _month_number(m["m1"]) if m["m1"] else month_end
    month_end = month_end or month_start
    day_start, day_end = int(m["d1"]), int(m["d2"])
    year_start, year_end = (int(y) if y else None for y in (m["y1"], m["y2"]))
    crosses_year = (month_start, day_start) > (month_end, day_end)
    if year_start is None:
        year_start = year_end - crosses_year if year_end else _year_for(ctx, month_start, day_start)
    if year_start is None:
        return None
    year_end = year_end or year_start + crosses_year
    start, end = _safe_date(year_start, month_start, day_start), _safe_date(year_end, month_end, day_end)
    return _span(start, end) if start and end and start <= end else None


_PART_OF_MONTH = {
    "early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20), "middle": (11, 20),
    "late": (21, 31), "end": (21, 31), "first half": (1, 15), "second half": (16, 31),
}
_PART_OF_YEAR = {
    "early": (1, 4), "beginning": (1, 4), "start": (1, 4), "mid": (5, 8), "middle": (5, 8),
    "late": (9, 12), "end": (9, 12), "first half": (1, 6), "second half": (7, 12),
}


def _part_name(m: re.Match) -> str:
    return " ".join((m["part"] or m["part_of"]).lower().split())


def _resolve_part_of_month(m: re.Match, ctx: _Context) -> _Span | None:
    month = _month_number(m["m1"])
    year = int(m["y"]) if m["y"] else _year_for(ctx, month, 15)
    if year is None:
        return None
    if not m["y"] and _after_the_report(m, ctx, year, month):
        year -= 1  # 'since early March', in a January report: last March
    first, last = _PART_OF_MONTH[_part_name(m)]
    last = min(last, calendar.monthrange(year, month)[1])
    return _span(date(year, month, first), date(year, month, last), 2)


_WEEK_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 5, "final": 5}


def _resolve_week_of_month(m: re.Match, ctx: _Context) -> _Span | None:
    month = _month_number(m["m1"])
    year = int(m["y"]) if m["y"] else _year_for(ctx, month, 15)
    if year is None:
        return None
    ordinal = _WEEK_ORDINALS[m["ord"].lower()]
    if ordinal == 5:
        end = _month_end(year, month)
        return _span(end - timedelta(days=6), end, 2)
    start = date(year, month, 7 * ordinal - 6)
    return _span(start, start + timedelta(days=6), 2)


def _resolve_part_of_year(m: re.Match, ctx: _Context) -> _Span | None:
    return _months_span(int(m["y"]), *_PART_OF_YEAR[_part_name(m)])


def _resolve_month(m: re.Match, ctx: _Context) -> _Span | None:
    month = _month_number(m["m1"])
    year = int(m["y"]) if _group(m, "y") else _year_for(ctx, month, 1)
    if year and not _group(m, "y") and _after_the_report(m, ctx, year, month):
        year -= 1  # 'since the offensive began in October', in a June report: last October
    return _month_span(year, month) if year else None


def _after_the_report(m: re.Match, ctx: _Context, year: int, month: int) -> bool:
    """A month written without a year that would fall after the report's month, with no word looking ahead."""
    ref = ctx.reference
    return ref is not None and (year, month) > (ref.year, ref.month) \
        and not _FUTURE_BEFORE.search(m.string, max(0, m.start() - 60), m.start())


# Words before a month that look ahead ('elections due in October', 'until December'): the month may be to come.
_FUTURE_BEFORE = re.compile(r"\b(?:will|would|next|until|till|by|scheduled|expected|due|planned|plans?|coming|ahead|"
                            r"later|upcoming|before|from)\b[^.;\n]*$", re.I)


def _resolve_part_of_period(m: re.Match, ctx: _Context) -> _Span | None:
    """'the start of the year', 'the end of last month': a part of the report's year or month, or of the one before.
    A part still ahead of the report ('by the end of the month') is not read."""
    ref = ctx.reference
    if ref is None:
        return None
    back = int(m["mod"].lower() == "last")
    if m["unit"].lower() == "year":
        span = _months_span(ref.year - back, *_PART_OF_YEAR[_part_name(m)])
    else:
        year, month = _shift_month(ref.year, ref.month, -back)
        first, last = _PART_OF_MONTH[_part_name(m)]
        span = _span(date(year, month, first), date(year, month, min(last, calendar.monthrange(year, month)[1])), 2)
    if span.start > ref or span.end > ref and _looks_ahead(m):
        return None
    return _span(span.start, min(span.end, ref), span.precision)  # 'since the start of the year', in January


_DEADLINE_WORDS = {"by", "until", "till", "before"}
_PLANNED_BEFORE = re.compile(r"\b(?:will|would|shall|expected|scheduled|due|planned|plans?)\b[^.;\n]*$", re.I)


def _looks_ahead(m: re.Match) -> bool:
    """'by the end of the month', 'talks are due to resume at the end of the month'."""
    return _previous_word(m.string, m.start()) in _DEADLINE_WORDS \
        or bool(_PLANNED_BEFORE.search(m.string, max(0, m.start() - 60), m.start()))


def _resolve_relative_month(m: re.Match, ctx: _Context) -> _Span | None:
    ref = ctx.reference
    if ref is None:
        return None
    month, modifier = _month_number(m["m1"]), m["mod"].lower()
    year = ref.year
    if modifier == "last" and month >= ref.month:
        year -= 1
    elif modifier == "next" and month <= ref.month:
        year += 1
    return _month_span(year, month)


_SEASON_FIRST_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season_span(season: str, year: int) -> _Span:
    """Northern meteorological seasons; the winter of Y runs December Y-1 to February Y."""
    first_month = _SEASON_FIRST_MONTH[season.lower()]
    start = date(year - (first_month == 12), first_month, 1)
    end_year, end_month = _shift_month(start.year, start.month, 2)
    return _span(start, _month_end(end_year, end_month), 3)


def _resolve_season_of_year(m: re.Match, ctx: _Context) -> _Span | None:
    year = int(m["y"])
    if m["y2"] and m["season"].lower() == "winter":  # "the winter of 2015-16"
        year = _full_year(m["y2"], year)
    return _season_span(m["season"], year)


def _resolve_bare_season(m: re.Match, ctx: _Context) -> _Span | None:
    first_month = _SEASON_FIRST_MONTH[m["season"].lower()]
    year = _year_for(ctx, 1 if first_month == 12 else first_month, 1)
    return _season_span(m["season"], year) if year else None


def _resolve_relative_season(m: re.Match, ctx: _Context) -> _Span | None:
    ref = ctx.reference
    if ref is None:
        return None
    seasons = [_season_span(m["season"], year) for year in range(ref.year - 2, ref.year + 3)]
    modifier = m["mod"].lower()
    if modifier == "last":
        return [s for s in seasons if s.end < ref][-1]
    if modifier == "next":
        return [s for s in seasons if s.start > ref][0]
    return [s for s in seasons if s.start <= ref][-1]


def _resolve_year(m: re.Match, ctx: _Context) -> _Span | None:
    return _year_span(int(m["y"]))


def _resolve_year_range(m: re.Match, ctx: _Context) -> _Span | None:
    first = int(m["y"])
    return _span(date(first, 1, 1), date(_full_year(m["y2"], first), 12, 31), 3)


def _resolve_weekday(m: re.Match, ctx: _Context) -> _Span | None:
    ref = ctx.reference
    if ref is None:
        return None
    weekday = _WEEKDAYS.index(m["wd"].lower())
    modifier = (m["mod"] or "").lower()
    if modifier == "next":
        day = ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    else:
        back = (ref.weekday() - weekday) % 7
        day = ref - timedelta(days=back or (7 if modifier == "last" else 0))
    return _span(day, day)


def _resolve_weekday_pair(m: re.Match, ctx: _Context) -> _Span | None:
    """'on Saturday and Sunday', 'from Monday to Wednesday': the days between the two weekdays, both in the report's
    past week (or the next week after 'next')."""
    first = _resolve_weekday(m, ctx)
    if first is None:
        return None
    last = first.start + timedelta(days=(_WEEKDAYS.index(m["wd2"].lower()) - first.start.weekday()) % 7)
    return _span(first.start, last) if last > first.start else None


_DAY_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0, "yesterday": -1, "last night": -1,
    "late last night": -1, "the day before yesterday": -2, "tomorrow": 1,
}


def _resolve_relative_day(m: re.Match, ctx: _Context) -> _Span | None:
    ref = ctx.reference
    if ref is None:
        return None
    word = " ".join(m["word"].lower().split())
    if word == "overnight":  # the night before the report: it straddles two days
        return _span(ref - timedelta(days=1), ref)
    day = ref + timedelta(days=_DAY_OFFSETS[word])
    return _span(day, day)


def _resolve_ago(m: re.Match, ctx: _Context) -> _Span | None:
    ref = ctx.reference
    if ref is None:
        return None
    count, unit = _number(m["n"]), m["unit"].lower().rstrip("s")
    if unit == "day":
        day = ref - timedelta(days=count)
        return _span(day, day, 1)
    if unit == "week":
        day = ref - timedelta(weeks=count)
        return _span(day, day, 2)  # best-guess day, approximate
    if unit == "month":
        return _month_span(*_shift_month(ref.year, ref.month, -count))
    return _year_span(ref.year - count)


def _weekend(ref: date, modifier: str) -> tuple[date, date]:
    saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
    if modifier == "last" and saturday + timedelta(days=1) >= ref:
        saturday -= timedelta(days=7)
    elif modifier in ("this", "next") and ref.weekday() < 5:
        saturday += timedelta(days=7)
    return saturday, saturday + timedelta(days=1)


def _previous_month(ref: date) -> tuple[date, date]:
    year, month = _shift_month(ref.year, ref.month, -1)
    return date(year, month, 1), _month_end(year, month)


def _next_month(ref: date) -> tuple[date, date]:
    year, month = _shift_month(ref.year, ref.month, 1)
    return date(year, month, 1), _month_end(year, month)


def _before(ref: date, first: date) -> tuple[date, date]:
    """From `first` up to the day before `ref` (or `first` itself)."""
    return first, max(first, ref - timedelta(days=1))


_DAY = timedelta(days=1)
_PERIODS: dict[tuple[str, str], Callable[[date], tuple[date, date]]] = {
    ("last", "week"): lambda r: (_monday(r) - 7 * _DAY, _monday(r) - _DAY),
    ("this", "week"): lambda r: (_monday(r), r),
    ("earlier this", "week"): lambda r: _before(r, _monday(r)),
    ("later this", "week"): lambda r: (r, _monday(r) + 6 * _DAY),
    ("next", "week"): lambda r: (_monday(r) + 7 * _DAY, _monday(r) + 13 * _DAY),
    ("the past", "week"): lambda r: (r - 7 * _DAY, r),
    ("last", "weekend"): lambda r: _weekend(r, "last"),
    ("this", "weekend"): lambda r: _weekend(r, "this"),
    ("the", "weekend"): lambda r: _weekend(r, ""),
    ("last", "month"): _previous_month,
    ("this", "month"): lambda r: (r.replace(day=1), r),
    ("earlier this", "month"): lambda r: _before(r, r.replace(day=1)),
    ("later this", "month"): lambda r: (r, _month_end(r.year, r.month)),
    ("next", "month"): _next_month,
    ("the past", "month"): lambda r: (r - 30 * _DAY, r),
    ("last", "year"): lambda r: (date(r.year - 1, 1, 1), date(r.year - 1, 12, 31)),
    ("this", "year"): lambda r: (date(r.year, 1, 1), r),
    ("earlier this", "year"): lambda r: _before(r, date(r.year, 1, 1)),
    ("early this", "year"): lambda r: (date(r.year, 1, 1), date(r.year, 4, 30)),
    ("later this", "year"): lambda r: (r, date(r.year, 12, 31)),
    ("early last", "year"): lambda r: (date(r.year - 1, 1, 1), date(r.year - 1, 4, 30)),
    ("late last", "year"): lambda r: (date(r.year - 1, 9, 1), date(r.year - 1, 12, 31)),
    ("next", "year"): lambda r: (date(r.year + 1, 1, 1), date(r.year + 1, 12, 31)),
    ("the past", "year"): lambda r: (r - 365 * _DAY, r),
}


def _period_key(m: re.Match) -> tuple[str, str]:
    modifier = " ".join(m["mod"].lower().split())
    if modifier == "past":
        modifier = "the past"
    return modifier, m["unit"].lower()


def _resolve_period(m: re.Match, ctx: _Context) -> _Span | None:
    period = _PERIODS.get(_period_key(m))
    if ctx.reference is None or period is None:
        return None
    return _span(*period(ctx.reference))


def _resolve_past_days(m: re.Match, ctx: _Context) -> _Span | None:
    if ctx.reference is None:
        return None
    days = _number(m["n"]) * (7 if m["unit"].lower().startswith("week") else 1)
    return _span(ctx.reference - timedelta(days=days), ctx.reference)


_FORWARD = {"later", "after", "afterwards", "afterward", "next", "following"}
_BACKWARD = {"earlier", "before", "prior", "previous", "preceding"}


def _resolve_anaphoric(m: re.Match, ctx: _Context) -> _Span | None:
    if ctx.last_start is None:
        return None
    direction = (_group(m, "dir") or "same").lower()
    unit = m["unit"].lower().rstrip("s")
    count = _number(m["n"]) if _group(m, "n") else 1
    if direction == "same":
        return _span(ctx.last_start, ctx.last_start) if ctx.last_start == ctx.last_end else None
    sign = 1 if direction in _FORWARD else -1
    if unit != "week":
        shift = timedelta(days=sign * count)
        return _span(ctx.last_start + shift, ctx.last_end + shift)  # 'two days later' than a range: a range
    base = ctx.last_end if sign > 0 else ctx.last_start
    if _group(m, "n"):
        day = base + timedelta(weeks=sign * count)
        return _span(day, day, 2)  # "a week later": best-guess day, approximate
    monday = _monday(base) + timedelta(weeks=sign)
    return _span(monday, monday + timedelta(days=6), 2)  # "the following week"


_VAGUE_LATER = {"day": (2, 6), "week": (14, 42)}  # 'a few days': two to six; 'a few weeks': two to six


def _resolve_vague_anaphoric(m: re.Match, ctx: _Context) -> _Span | None:
    """'a few days later', 'several weeks earlier', 'days later': a range after (or before) the last date."""
    if ctx.last_start is None:
        return None
    low, high = _VAGUE_LATER[m["unit"].lower().rstrip("s")]
    if m["dir"].lower() in _FORWARD:
        return _span(ctx.last_end + timedelta(days=low), ctx.last_end + timedelta(days=high))
    return _span(ctx.last_start - timedelta(days=high), ctx.last_start - timedelta(days=low))


def _resolve_day_of_month(m: re.Match, ctx: _Context) -> _Span | None:
    if ctx.month is None:
        return None
    return _single_day(ctx.month[0], ctx.month[1], int(m["d1"]))


# --------------------------------------------------------------------------- filters


def _previous_word(text: str, position: int) -> str:
    found = re.search(r"([A-Za-z]+\.?)[^\w.]*$", text[max(0, position - 30):position])
    return found.group(1).lower() if found else ""


def _looks_like_year(m: re.Match) -> bool:
    after = m.string[m.end():m.end() + 60]
    before = _previous_word(m.string, m.start())
    if _CLOCK_AFTER.match(after):
        return False
    if before in _YEAR_PREPOSITIONS:
        return True
    return before not in _NOT_YEAR_WORDS and not _UNIT_AFTER.match(after)


def _looks_like_year_range(m: re.Match) -> bool:
    first = int(m["y"])
    if _full_year(m["y2"], first) <= first or not _looks_like_year(m):
        return False
    return _range_separator_ok(m)


def _range_separator_ok(m: re.Match) -> bool:
    """'3 and 5 March' is only a range after 'between'."""
    return m["sep"].strip().lower() != "and" or bool(m["between"])


def _not_a_duration(m: re.Match) -> bool:
    return _previous_word(m.string, m.start()) not in ("for", "within", "lasting", "over")


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, _Context], _Span | None]
    accept: Callable[[re.Match], bool] | None = None


def _rule(kind, pattern, resolve, accept=None) -> _Rule:
    return _Rule(kind, re.compile(pattern), resolve, accept)


_OPT_YEAR = r"(?:,?\s+" + _year("y") + ")?"
_OPT_THE_ORDINAL = r"(?:" + _ci("the") + r"\s+(?=\d+(?:st|nd|rd|th)\b))?"
_PART_OF = (
    r"(?:(?P<part>" + _ci("early|mid|late") + r")(?:-|\s+)|(?:" + _ci("the") + r"\s+)?(?P<part_of>"
    + _ci(r"beginning|start|middle|end|first\s+half|second\s+half") + r")\s+" + _ci("of") + r"\s+)"
)
_NUMBERED_UNIT = r"\s+(?P<unit>" + _ci("days?|weeks?|months?|years?") + r")"

# Order matters only for ties: the longest match wins, then the earlier rule.
_RULES: list[_Rule] = [
    _rule("absolute", r"(?<![\d-])" + _year("y") + r"-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)", _resolve_iso),
    _rule("absolute", r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.]" + _year("y"), _resolve_numeric,
          lambda m: _numeric_day_month(m) is not None),
    _rule("range", _OPT_TIME_OF_DAY + _OPT_BETWEEN + _day("d1") + r"(?:\s+" + _month("m1") + r"(?:,?\s+" + _year("y1") + ")?)?"
          + _RANGE_SEP + _day("d2") + r"(?:\s+" + _ci("of") + r")?\s+" + _month("m2") + r"(?:,?\s+" + _year("y2") + ")?",
          _resolve_day_range, _range_separator_ok),
    _rule("range", _OPT_BETWEEN + _month("m1") + r"\s+" + _day("d1") + r"(?:,?\s+" + _year("y1") + ")?" + _RANGE_SEP
          + r"(?:" + _month("m2") + r"\s+)?" + _day("d2") + r"(?:,?\s+" + _year("y2") + ")?",
          _resolve_day_range, _range_separator_ok),
    _rule("absolute", _OPT_WEEKDAY + _OPT_TIME_OF_DAY + _OPT_THE_ORDINAL + _day("d1") + r"(?:\s+" + _ci("of") + r")?\s+"
          + _month("m1") + _OPT_YEAR, _resolve_day_month),
    _rule("absolute", _OPT_WEEKDAY + _OPT_TIME_OF_DAY + _month("m1") + r"\s+(?:" + _ci("the") + r"\s+)?" + _day("d1")
          + _OPT_YEAR, _resolve_day_month),
    _rule("week_of_month", _ci("the") + r"\s+(?P<ord>" + _ci("first|second|third|fourth|last|final") + r")\s+"
          + _ci("week") + r"\s+" + _ci("of") + r"\s+" + _month("m1") + _OPT_YEAR, _resolve_week_of_month),
    _rule("part_of_month", _PART_OF + _month("m1") + _OPT_YEAR, _resolve_part_of_month),
    _rule("part_of_year", _PART_OF + _year("y"), _resolve_part_of_year),
    _rule("relative", _PART_OF + r"(?P<mod>" + _ci("the|this|last") + r")\s+(?P<unit>" + _ci("year|month") + r")\b",
          _resolve_part_of_period),
    _rule("month", _month("m1") + r",?\s+" + _year("y"), _resolve_month),
    _rule("month", r"(?P<mod>" + _ci("last|this|next") + r")\s+" + _month("m1", full_only=True), _resolve_relative_month),
    _rule("month", r"\b" + _ci("in|into|since|until|till|to|by|during|through|throughout|from|before|after|of|early|late")
          + r"\s+(?P<expr>" + _month("m1", full_only=True) + ")", _resolve_month),
    _rule("season", r"(?:" + _ci("the") + r"\s+)?(?:" + _ci("early|late") + r"\s+)?(?P<season>" + _SEASON + r")(?:\s+"
          + _ci("of") + r")?\s+" + _year("y") + r"(?:\s*[-–/]\s*(?P<y2>(?:19|20)\d\d|\d\d)(?!\d))?", _resolve_season_of_year),
    _rule("season", r"(?P<mod>" + _ci("last|this|next") + r")\s+(?P<season>" + _SEASON + r")\b", _resolve_relative_season),
    _rule("season", r"\b" + _ci("in|during|throughout|since|until|by|over|through") + r"\s+(?P<expr>(?:" + _ci("the")
          + r"\s+)?(?:" + _ci("early|late") + r"\s+)?(?P<season>" + _ci("spring|summer|autumn|winter") + "|"
          + _ci(r"fall(?!\s+of\b)") + r")\b)(?!\s+" + _ci(_SEASON_NOUNS) + r"\b)", _resolve_bare_season),
    _rule("year_range", _OPT_BETWEEN + r"(?<![\w$£€.,/:-])" + _year("y") + _RANGE_SEP.replace("[-–—]", "[-–—/]")
          + r"(?P<y2>(?:19|20)\d\d|\d\d)(?![\d%])(?!" + _UNIT_AFTER.pattern + ")", _resolve_year_range, _looks_like_year_range),
    _rule("year", r"(?<![\w$£€.,/:-])" + _year("y") + r"(?!s\b|\s*[-–/]\s*\d)", _resolve_year, _looks_like_year),
    _rule("weekday", _WEEKDAY_WITH_MOD + r"\s+(?:"
          + _ci("and|to|until|through") + r")\s+(?P<wd2>" + _WEEKDAY_ALT + r")\b", _resolve_weekday_pair),
    _rule("weekday", _WEEKDAY_WITH_MOD + r"\b(?:\s+"
          + _ci("morning|afternoon|evening|night") + r"\b)?", _resolve_weekday),
    _rule("relative", r"(?:" + _ci("early|late") + r"\s+)?\b(?P<word>" + _ci(
        r"the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|late\s+last\s+night|last\s+night|overnight|"
        r"this\s+(?:morning|afternoon|evening)|earlier\s+today|later\s+today") + r")\b(?:\s+"
          + _ci("morning|afternoon|evening|night") + r"\b)?", _resolve_relative_day),
    _rule("relative", _NUM + _NUMBERED_UNIT + r"\s+" + _ci("ago") + r"\b", _resolve_ago),
    _rule("relative", r"\b(?P<mod>" + _ci(r"last|this|next|earlier\s+this|later\s+this|early\s+this|late\s+last|early\s+last|"
          r"the\s+past|past") + r")\s+(?P<unit>" + _ci("week|weekend|month|year") + r")\b", _resolve_period),
    _rule("relative", r"\b(?P<mod>" + _ci("the") + r")\s+(?P<unit>" + _ci("weekend") + r")\b", _resolve_period),
    _rule("relative", r"\b" + _ci(r"(?:the\s+)?past") + r"\s+" + _NUM + r"\s+(?P<unit>" + _ci("days|weeks") + r")\b",
          _resolve_past_days),
    _rule("anaphoric", r"\b(?:" + _ci("the") + r"\s+)?(?P<dir>" + _ci("next|following|previous|preceding") + r")\s+(?P<unit>"
          + _ci("day|morning|afternoon|evening|night") + r")\b", _resolve_anaphoric),
    _rule("anaphoric", r"\b" + _ci("the") + r"\s+(?P<dir>" + _ci("following|previous|preceding") + r")\s+(?P<unit>"
          + _ci("week") + r")\b", _resolve_anaphoric),
    _rule("anaphoric", r"\b" + _ci("the") + r"\s+(?P<unit>" + _ci("day") + r")\s+(?P<dir>" + _ci("after|before") + r")\b",
          _resolve_anaphoric),
    _rule("anaphoric", _NUM + r"\s+(?P<unit>" + _ci("days?|weeks?") + r")\s+(?P<dir>"
          + _ci("later|afterwards?|earlier|before|prior") + r")\b", _resolve_anaphoric, _not_a_duration),
    _rule("anaphoric", r"\b(?:(?:" + _ci(r"a\s+few|several|some") + r")\s+)?(?P<unit>" + _ci("days|weeks") + r")\s+(?P<dir>"
          + _ci("later|afterwards?|earlier|before") + r")\b", _resolve_vague_anaphoric),
    _rule("anaphoric", r"\b(?:" + _ci("later") + r"\s+)?" + _ci(r"that|the\s+same") + r"\s+(?P<unit>"
          + _ci("day|morning|afternoon|evening|night") + r")\b", _resolve_anaphoric),
    _rule("day_of_month", _OPT_TIME_OF_DAY + _ci("the") + r"\s+(?P<d1>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?!-)"
          + r"(?!(?:\s+[\w'-]+){0,3}?\s+" + _ci(_ORDINAL_NOUNS) + r"\b)", _resolve_day_of_month),
]


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    rule: _Rule
    match: re.Match = field(compare=False)

    def written_years(self) -> list[int]:
        groups = self.match.groupdict()
        years = [int(groups[name]) for name in ("y", "y1") if groups.get(name)]
        if groups.get("y2"):
            years.append(_full_year(groups["y2"], years[0] if years else 2000))
        return years


def _mention_bounds(m: re.Match) -> tuple[int, int]:
    return m.span("expr") if "expr" in m.re.groupindex else m.span()


def _find_mentions(text: str) -> list[_Mention]:
    candidates = []
    for priority, rule in enumerate(_RULES):
        for m in rule.pattern.finditer(text):
            if rule.accept is None or rule.accept(m):
                start, end = _mention_bounds(m)
                candidates.append((-(end - start), priority, start, _Mention(start, end, rule, m)))
    chosen: list[_Mention] = []
    for *_, mention in sorted(candidates, key=lambda c: c[:3]):
        if all(mention.end <= other.start or mention.start >= other.end for other in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda mention: mention.start)


_DATELINE_PREFIX = re.compile(
    r"\s*(?:(?:[A-Z][^\n,—–:()]{0,40}?\s*[,—–-]\s*){0,4}|" + _ci(r"published|updated|posted|dated?") + r"\s*:?\s*)"
)
_DATELINE_SUFFIX = re.compile(r"[ \t]*(?:\([^)\n]*\)[ \t]*)?(?:[-—–:]|\.(?:[ \t]|$)|\n|$)")  # 'KABUL — Sept. 28, 2015.'
_TITLE_DATE = re.compile(r"\)[ \t]*(?:\n|$)")
_TITLE_DATE_OPENING = re.compile(r"\A[^\n]*\(" + _ci(r"(?:as\s+of|updated:?)\s+") + "?$")


def _dateline(text: str, mentions: list[_Mention]) -> _Mention | None:
    """A day-level date opening the text, like "KYIV, March 3 (Reuters) -"."""
    if not mentions or mentions[0].rule.kind != "absolute":
        return None
    first = mentions[0]
    line_start = text.rfind("\n", 0, first.start) + 1
    heading_lines = [line for line in text[:line_start].splitlines() if line.strip()]
    if len(heading_lines) <= 2 and _DATELINE_PREFIX.fullmatch(text, line_start, first.start) \
            and _DATELINE_SUFFIX.match(text, first.end):
        return first  # a date line opening the text, or opening the body under a headline
    if _TITLE_DATE.match(text, first.end) and _TITLE_DATE_OPENING.search(text[:first.start]):
        return first  # "Flash Update #2 (16 February 2021)" as the first line
    return None


_NAMES_AN_ACCORD = re.compile(r"\s+(?:(?:peace|ceasefire|power-sharing|security|framework)\s+)?(?:deal|agreement|accords?|"
                              r"ceasefire|truce|elections?|referendum|constitution|coup)\b", re.I)
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)  # 'since 2011', 'the deadliest since the 1998 bombing'


def _lower_bound_only(text: str, mention: _Mention) -> bool:
    """'the largest offensive since 2011': the report was written after 2011, in a year it does not say."""
    return mention.end - mention.start <= 4 and after_since(text, mention.start)


def after_since(text: str, start: int) -> bool:
    """A date written after 'since' ('since 2011, when ...') lies before the time of the report."""
    return bool(_SINCE.search(text[max(0, start - 30):start]))


_SINCE_CLAUSE = re.compile(r"\bsince\b[^,;:.()\n]{0,60}$", re.I)  # 'since the fighting began in July'


def in_since_clause(text: str, start: int) -> bool:
    """A date in the clause 'since' opens ('have fled since the fighting began in July'): when a state began."""
    return bool(_SINCE_CLAUSE.search(text[max(0, start - 70):start]))


def year_is_assumed(text: str, *, published: date | None = None) -> bool:
    """True when the report's year is not given by a publication date or a dated date line, but taken from the
    latest year the text names ('KIDAL, Nov 14 - ... a peace deal signed in 2015'): a guess the user should hear of."""
    if published is not None:
        return False
    mentions = _find_mentions(text)
    full_dates = [m for m in mentions if m.written_years() and re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b",
                                                                          text[m.start:m.end])]
    return not full_dates and any(m.written_years() for m in mentions)


def _anchor(text: str, mentions: list[_Mention], published: date | None) -> tuple[int | None, date | None]:
    """(year, reference day) for reading the text."""
    if published is not None:
        return published.year, published
    written = [year for mention in mentions if not _lower_bound_only(text, mention)
               for year in mention.written_years()]
    latest = max(written, default=None)
    dateline = _dateline(text, mentions)
    if dateline is not None:
        span = dateline.rule.resolve(dateline.match, _Context(year=latest))
        if span is not None:
            return span.start.year, span.start
    return latest, None


# --------------------------------------------------------------------------- public API


def read_dates(text: str, *, published: date | None = None) -> tuple[date | None, list[TimeExpression]]:
    """The reference date (see `find_anchor`) and every resolved temporal expression, from one scan of the text."""
    mentions = _find_mentions(text)
    year, reference = _anchor(text, mentions, published)
    anchor = reference if reference is not None else (date(year, 1, 1) if year is not None else None)
    return anchor, _resolve_all(text, mentions, year, reference)


def find_anchor(text: str, *, published: date | None = None) -> date | None:
    """The reference date: `published` if given; else the date line at the very start of the text
    (its year, or the latest year written in the text); else 1 January of the latest written year;
    else None."""
    return read_dates(text, published=published)[0]


def find_time_expressions(text: str, *, published: date | None = None) -> list[TimeExpression]:
    """Every temporal expression that can be resolved, in text order."""
    return read_dates(text, published=published)[1]


# '21 April 2019, Easter Sunday,': a weekday set beside the date it names, one word of a feast's name between.
_APPOSED_WEEKDAY = re.compile(r",?\s+(?:[A-Z][\w'’-]*\s+)?\Z")


def _apposed_day(text: str, mention: _Mention, found: list[TimeExpression], previous_end: int) -> _Span | None:
    """The day a weekday in apposition to a full date names: that date, not the weekday nearest the report."""
    if mention.rule.kind != "weekday" or not found or found[-1].end != previous_end or found[-1].time_precision != 1 \
            or found[-1].date_start != found[-1].date_end:
        return None
    if not _APPOSED_WEEKDAY.match(text, found[-1].end, mention.start) or "\n" in text[found[-1].end:mention.start]:
        return None
    return _span(found[-1].date_start, found[-1].date_end)


def _resolve_all(text: str, mentions: list[_Mention], year: int | None,
                 reference: date | None) -> list[TimeExpression]:
    ctx = _Context(year=year, reference=reference, month=(reference.year, reference.month) if reference else None)
    found = []
    previous_end = 0
    for mention in mentions:
        if reference and "\n" in text[previous_end:mention.start]:
            ctx.year = reference.year  # a news report's new paragraph is back in its own present
        span = _apposed_day(text, mention, found, previous_end) or mention.rule.resolve(mention.match, ctx)
        previous_end = mention.end
        if span is None:
            continue
        if not _lower_bound_only(text, mention) and not _NAMES_AN_ACCORD.match(text, mention.end):
            # 'the first capital to fall since 2001', 'under the March 23, 2009 peace deal': the story stays where
            # it was ('In July the rebels took Bunagana' is not July 2009)
            ctx.advance(span)
        found.append(TimeExpression(
            text=text[mention.start:mention.end], start=mention.start, end=mention.end,
            date_start=span.start, date_end=span.end, time_precision=span.precision,
            kind=mention.rule.kind, explicit_year=bool(mention.written_years()),
        ))
    return found
