"""Our Swedish dates are written without Babel for speed; they must read as Babel's do."""

from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_date

from samverkan.language.swedish import month_label, swedish_date


def test_dates_and_months_match_babels_swedish():
    day = date(2025, 1, 1)
    while day.year < 2027:
        assert swedish_date(day) == format_date(day, "d MMMM y", locale="sv")
        assert month_label(day) == format_date(day, "LLLL y", locale="sv").capitalize()
        day += timedelta(days=1)
