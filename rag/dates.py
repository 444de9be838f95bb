"""Danish (and English) dates as people write them in minutes and in questions."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

MONTHS = {
    "januar": 1, "jan": 1, "january": 1,
    "februar": 2, "feb": 2, "february": 2,
    "marts": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
DANISH_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))

NUMERIC_DATE = re.compile(r"\b(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>\d{4})\b")
WORDED_DATE = re.compile(rf"\b(?P<d>\d{{1,2}})\.?\s+(?P<month>{_MONTH_WORDS})\.?\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
# "April 3, 2019": the month first, as some portals print English dates.
MONTH_FIRST_DATE = re.compile(rf"\b(?P<month>{_MONTH_WORDS})\.?\s+(?P<d>\d{{1,2}}),\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
ISO_DATE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
MONTH_OPT_YEAR = re.compile(
    # "may" only before a year: alone it is more often the verb ("which items may be decided in March 2024").
    r"\b(?P<month>januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|january|february|march|june|july|october|may(?=\s+(?:19|20)\d{2}\b))\b\.?(?:\s+(?P<y>(?:19|20)\d{2})\b)?",
    re.IGNORECASE,
)
RANGE_WORDS = re.compile(r"\b(til|to|until|through)\b|[-–]", re.IGNORECASE)
MORE_YEARS = re.compile(r"\s*(?:,|og|and|eller|or|til|to|[-–])\s*(?:i\s+|in\s+)?(?P<y>(?:19|20)\d{2})\b", re.IGNORECASE)
YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_MONTH = "|".join(DANISH_MONTHS)
# What answers "hvornår": a day ("3. maj", "23-11-2023" but not the case number "00.01.00-P35-9-22"), a month
# of a year ("august 2023", "ultimo marts"), a week or quarter, a season or a holiday ("i foråret 2024",
# "efter efterårsferien").
DATE_IN_TEXT = re.compile(
    rf"\b\d{{1,2}}\.\s*(?:{_MONTH})\b|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b(?!-[A-Za-z])|\b(?:uge|kvartal)\s*\d|"
    rf"\b(?:{_MONTH})\s+\d{{4}}\b|\b(?:primo|medio|ultimo|start(?:en)? af|slut(?:ningen)? af|i løbet af)\s+(?:{_MONTH}|\d{{4}})\b|"
    rf"\b(?:i|efter|før|inden|til)\s+(?:foråret|sommeren|efteråret|vinteren)\b|\b(?:jule|påske|vinter|sommer|efterårs|pinse)ferien\b",
    re.IGNORECASE,
)
# A question about a meeting itself ("på mødet i 2023", "fraværende"): its dates are meeting dates.
MEETING_REF = re.compile(r"\b(møde\w*|meeting\w*|fravær\w*|deltog|deltager\w*|afbud|absent\w*|attend\w*)\b", re.IGNORECASE)
# Meetings still to come ("Hvornår mødes byrådet i 2022?", "mødekalenderen for 2025"): minutes of the year before plan them.
PLANNED_MEETINGS = re.compile(
    r"\b(mødes|møde(?:kalender|plan|datoer|rækk)\w*|(?:holder|afholder)\s+(?:\w+\s+)?møde|afholdes|meets?|meeting (?:calendar|schedule|dates))\b",
    re.IGNORECASE,
)
# What a meeting does ("hvad blev besluttet i 2019?"): the year is when the meeting was held.
MEETING_ACT = re.compile(r"\b(beslut\w*|vedt[aoe]\w*|godkend\w*|drøft\w*|behandl\w*|decid\w*|discuss\w*|approv\w*)\b", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH_WORDS})\.?\s+(?P<y>(?:19|20)\d{{2}})\b", re.IGNORECASE)


def long_date(day: date) -> str:
    """"23. november 2023": how the minutes themselves write a meeting date."""
    return f"{day.day}. {DANISH_MONTHS[day.month - 1]} {day.year}"


def _make(y: str | int, m: str | int, d: str | int) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def find_date(text: str) -> date | None:
    """Return the first full date in `text` ("30-03-2023", "15. september 2020", "2023-03-30"), or None."""
    found: list[tuple[int, date]] = []
    for pattern in (NUMERIC_DATE, ISO_DATE):
        for m in pattern.finditer(text):
            if (d := _make(m["y"], m["m"], m["d"])) is not None:
                found.append((m.start(), d))
    for pattern in (WORDED_DATE, MONTH_FIRST_DATE):
        for m in pattern.finditer(text):
            if (d := _make(m["y"], MONTHS[m["month"].lower()], m["d"])) is not None:
                found.append((m.start(), d))
    return min(found, key=lambda f: f[0])[1] if found else None


@dataclass(frozen=True, slots=True)
class DateRange:
    """Inclusive range of meeting dates a question is about."""

    first: date
    last: date
    phrase: str  # the words of the question that set it
    # Separate periods ("i 2019 og i 2023", "i januar og oktober 2023"); empty when first..last is one period.
    spans: tuple[tuple[date, date], ...] = ()
    # Years named alone ("kompetenceugen i 2024", "overskuddet i 2020"): minutes plan a year ahead and report
    # on it after (its accounts), so earlier and later minutes that write the year count too. Empty when a month or day, a meeting or what meetings do ("besluttet") narrows it to meetings.
    years: tuple[int, ...] = ()
    # Months of meetings to come ("Hvornår holder Ældrerådet møde i september 2016?"): earlier minutes that
    # write the month and its year ("12. september 2016 kl. 10") count too, as they planned them.
    months: tuple[tuple[int, int], ...] = ()

    @property
    def only_when_held(self) -> bool:
        """The phrase names the days or months meetings were held ("i april 2023", "den 13. april 2023") and
        nothing more: the filter says all it says. A year alone may be what is asked about ("låne i 2015"), and
        months of meetings to come are searched for in earlier minutes that plan them."""
        return not self.years and not self.months and bool(MONTH_OPT_YEAR.search(self.phrase) or NUMERIC_DATE.search(self.phrase) or ISO_DATE.search(self.phrase))

    @property
    def periods(self) -> tuple[tuple[date, date], ...]:
        return self.spans or ((self.first, self.last),)

    def __contains__(self, day: date) -> bool:
        return any(a <= day <= b for a, b in self.periods)

    @classmethod
    def of_periods(cls, periods: list[tuple[date, date]], phrase: str, years: tuple[int, ...] = ()) -> "DateRange":
        """One range over the periods the phrase names: "fra marts til november" spans the gap, "i januar og
        oktober" keeps them apart."""
        periods = sorted(set(periods))
        spans = () if RANGE_WORDS.search(phrase) or len(periods) < 2 else tuple(periods)
        return cls(periods[0][0], max(b for _, b in periods), phrase, spans, years)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


# A day a figure is taken at, not a meeting's: "omplaceringer pr. 30.09.2016", "status per 31. marts".
AS_OF = re.compile(r"\b(?:pr|per|ultimo|primo|medio|opgjort)\.?\s*(?:\d{1,2}\.?\s*)?$", re.IGNORECASE)


def _meeting_day(pattern: re.Pattern[str], question: str) -> re.Match[str] | None:
    """The first day the pattern finds that is not a figure's date ("pr. 30.09.2016")."""
    return next((m for m in pattern.finditer(question) if not AS_OF.search(question[: m.start()])), None)


def date_range_in_question(question: str) -> DateRange | None:
    """Return the meeting dates a question names ("i november 2023", "i 2019", "den 30-03-2023"), or None.

    Example:
        >>> date_range_in_question("hvad skete der i november 2023?")
        DateRange(first=datetime.date(2023, 11, 1), last=datetime.date(2023, 11, 30), phrase='november 2023', spans=())
    """
    for pattern in (NUMERIC_DATE, ISO_DATE):
        if (m := _meeting_day(pattern, question)) and (d := _make(m["y"], m["m"], m["d"])):
            return DateRange(d, d, m.group(0))
    if (m := _meeting_day(WORDED_DATE, question)) and (d := _make(m["y"], MONTHS[m["month"].lower()], m["d"])):
        return DateRange(d, d, m.group(0))
    if MONTH_YEAR.search(question):
        # "fra marts til november 2023", "i marts og april 2023": every month named, years read forward.
        mentions = [m for m in MONTH_OPT_YEAR.finditer(question) if not AS_OF.search(question[: m.start()])]
        months, pending = [], []
        for m in mentions:
            pending.append(MONTHS[m["month"].lower()])
            if m["y"]:
                months.extend((int(m["y"]), mo) for mo in pending)
                pending = []
        if months:
            phrase = question[mentions[0].start() : mentions[-1].end()] if len(months) > 1 else mentions[0].group(0)
            found = DateRange.of_periods([(date(y, mo, 1), _month_end(y, mo)) for y, mo in months], phrase)
            planned = PLANNED_MEETINGS.search(question) and not MEETING_ACT.search(question)
            return replace(found, months=tuple(sorted(set(months)))) if planned else found
    # "Budget 2024" names a budget year, not a meeting year; only a year after "i"/"in"/"år"/"fra" filters.
    for m in re.finditer(r"\b(?:i|in|år|year|fra|from|during|under)\s+((?:19|20)\d{2})\b", question, re.IGNORECASE):
        y = int(m.group(1))
        if not re.search(rf"(?:budget|regnskab|budgetaftale)\w*\s+{y}", question, re.IGNORECASE):
            # "i 2019 og i 2023", "fra 2019 til 2021": the years that follow belong to the same period.
            years, end = [y], m.end()
            while more := MORE_YEARS.match(question, end):
                years.append(int(more["y"]))
                end = more.end()
            phrase = question[m.start() : end]
            periods = [(date(n, 1, 1), date(n, 12, 31)) for n in years]
            if RANGE_WORDS.search(phrase):
                years = list(range(min(years), max(years) + 1))
            held = (MEETING_REF.search(question) and not PLANNED_MEETINGS.search(question)) or MEETING_ACT.search(question)
            written = () if held else tuple(sorted(set(years)))
            return DateRange.of_periods(periods, phrase, written)
    return None
