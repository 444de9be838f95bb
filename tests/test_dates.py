"""Dates as minutes and questions write them."""

from __future__ import annotations

from datetime import date

import pytest

from rag.dates import date_range_in_question, find_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("REFERAT Chefforum d. 30-03-2023", date(2023, 3, 30)),
        ("Mødedato Torsdag d. 30. marts 2023 kl. 09:00", date(2023, 3, 30)),
        ("Dato: Tirsdag den 15. september 2020", date(2020, 9, 15)),
        ("onsdag den 6. marts 2019, kl. 16:00", date(2019, 3, 6)),
        ("beslutning den 06.03.2019 Punkt 4", date(2019, 3, 6)),
        ("Dato: Onsdag den 31. september 2020", None),
    ],
)
def test_find_date_reads_the_ways_minutes_write_dates(text, expected):
    assert find_date(text) == expected


@pytest.mark.parametrize(
    "question, first, last",
    [
        ("hvad skete der i november 2023?", date(2023, 11, 1), date(2023, 11, 30)),
        ("hvad blev besluttet i 2019?", date(2019, 1, 1), date(2019, 12, 31)),
        ("mødet den 30-03-2023", date(2023, 3, 30), date(2023, 3, 30)),
        ("fra marts til november 2023", date(2023, 3, 1), date(2023, 11, 30)),
        ("what was decided in March 2023?", date(2023, 3, 1), date(2023, 3, 31)),
    ],
)
def test_questions_naming_dates_get_a_meeting_date_range(question, first, last):
    found = date_range_in_question(question)
    assert (found.first, found.last) == (first, last)


@pytest.mark.parametrize("question", ["hvad blev besluttet om budget 2024?", "hvad er måltallet?", "Who may attend?"])
def test_budget_years_and_plain_questions_set_no_date_range(question):
    assert date_range_in_question(question) is None
