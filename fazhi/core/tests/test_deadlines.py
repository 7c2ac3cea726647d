"""Deadlines on real 2024–2026 boundaries (民法典 Art. 201–203; DOMAIN.md §0).

Every expected date below was counted by hand from the 国务院办公厅 notices (see test_calendar.py).
"""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from fazhi.core.calendar import (
    UnknownCalendarYear,
    calendar_cache_clear,
    calendar_day_save,
    calendar_year_mark,
)
from fazhi.core.deadlines import (
    DUE_SOON_DAYS,
    Deadline,
    Rule,
    calendar_days_between,
    deadline,
    rule_get,
    rule_list,
    working_days_between,
)
from fazhi.core.errors import ValidationFailed
from fazhi.testing import persona

FIFTEEN = Rule("core_tests.fifteen", "告知期限", 15, "calendar", "《信访工作条例》第二十三条")
THIRTY = Rule("core_tests.thirty", "复查期限", 30, "calendar", "《信访工作条例》第三十五条")
SIXTY = Rule("core_tests.sixty", "办理期限", 60, "calendar", "《信访工作条例》第三十四条")
FIVE_WORKDAYS = Rule("core_tests.five", "异议期限", 5, "workday", "《信访工作条例》第二十三条")
ONE_WORKDAY = Rule("core_tests.one", "一个工作日", 1, "workday", "测试")
SIX_MONTHS = Rule("core_tests.six_months", "起诉期限", 6, "month", "《行政诉讼法》第四十六条")
TWO_YEARS = Rule("core_tests.two_years", "追责时效", 2, "year", "《行政处罚法》第三十六条")


@pytest.fixture(autouse=True)
def fresh_calendar(db):
    calendar_cache_clear()
    yield
    calendar_cache_clear()


@pytest.fixture
def sysadmin(db):
    return persona("sysadmin")


# --- calendar-day periods ------------------------------------------------------------------------


def test_the_start_day_is_not_counted():
    assert deadline(FIFTEEN, date(2025, 3, 3)).due == date(2025, 3, 18)
    assert deadline(ONE_WORKDAY, date(2025, 3, 3)).due == date(2025, 3, 4)


@pytest.mark.parametrize(
    ("start", "last_day", "due"),
    [
        (date(2024, 9, 20), date(2024, 10, 5), date(2024, 10, 8)),
        (date(2025, 9, 16), date(2025, 10, 1), date(2025, 10, 9)),
        (date(2026, 9, 20), date(2026, 10, 5), date(2026, 10, 8)),
    ],
    ids=["2024", "2025", "2026"],
)
def test_a_fifteen_day_period_ending_in_national_day_rolls_to_the_first_working_day(start, last_day, due):
    result = deadline(FIFTEEN, start)
    assert result.due == due
    assert result.rolled_from == last_day


def test_a_period_ending_in_spring_festival_2024_rolls_to_the_adjusted_sunday():
    result = deadline(FIFTEEN, date(2024, 2, 1))
    assert result.rolled_from == date(2024, 2, 16)
    assert result.due == date(2024, 2, 18)  # a Sunday, but a 调休 working day


def test_a_last_day_on_a_plain_sunday_rolls_to_monday():
    result = deadline(FIFTEEN, date(2025, 3, 1))
    assert result.rolled_from == date(2025, 3, 16)
    assert result.due == date(2025, 3, 17)


def test_a_last_day_on_an_adjusted_working_sunday_does_not_roll():
    result = deadline(FIFTEEN, date(2025, 9, 13))
    assert result.due == date(2025, 9, 28)
    assert result.rolled_from is None


def test_a_last_day_on_a_working_day_stays():
    result = deadline(SIXTY, date(2025, 3, 3))
    assert result.due == date(2025, 5, 6)  # May 2 falls in 劳动节 (May 1–5)
    assert result.rolled_from == date(2025, 5, 2)
    assert deadline(THIRTY, date(2025, 3, 3)).due == date(2025, 4, 2)


# --- working-day periods -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "due"),
    [
        # Feb 9 (Fri), then 春节 Feb 10–17, then Feb 18 (Sun, 调休), 19, 20, 21.
        (date(2024, 2, 8), date(2024, 2, 21)),
        # Feb 5, 6, 7, then Feb 8 (Sat, 调休), then Feb 10 (Mon).
        (date(2025, 1, 27), date(2025, 2, 10)),
        # Feb 13 (Fri), Feb 14 (Sat, 调休), then 春节 Feb 15–23, then Feb 24, 25, 26.
        (date(2026, 2, 12), date(2026, 2, 26)),
    ],
    ids=["2024", "2025", "2026"],
)
def test_a_five_working_day_period_spanning_spring_festival_counts_the_adjusted_weekend_day(start, due):
    result = deadline(FIVE_WORKDAYS, start)
    assert result.due == due
    assert result.rolled_from is None


@pytest.mark.parametrize(
    ("start", "due"),
    [
        # Sep 28 (Sun, 调休), 29, 30, then 国庆 Oct 1–8, then Oct 9, 10.
        (date(2025, 9, 26), date(2025, 10, 10)),
        # Sep 29, 30, then 国庆, then Oct 9, 10, 11 (Sat, 调休).
        (date(2025, 9, 28), date(2025, 10, 11)),
    ],
)
def test_a_five_working_day_period_skips_national_day_2025_and_counts_both_adjusted_days(start, due):
    assert deadline(FIVE_WORKDAYS, start).due == due


# --- month and year periods ----------------------------------------------------------------------


def test_a_month_period_ends_on_the_corresponding_day_and_rolls_out_of_national_day():
    assert deadline(SIX_MONTHS, date(2025, 4, 1)).due == date(2025, 10, 9)
    assert deadline(SIX_MONTHS, date(2025, 3, 17)).due == date(2025, 9, 17)


def test_a_month_without_the_corresponding_day_ends_on_its_last_day():
    # Feb 28, 2026 is a Saturday but a 调休 working day, so it does not roll.
    assert deadline(SIX_MONTHS, date(2025, 8, 31)).due == date(2026, 2, 28)
    assert deadline(SIX_MONTHS, date(2023, 8, 31)).due == date(2024, 2, 29)
    assert deadline(SIX_MONTHS, date(2025, 3, 31)).due == date(2025, 9, 30)


def test_a_year_period_from_a_leap_day_ends_on_february_twenty_eighth():
    assert deadline(TWO_YEARS, date(2024, 2, 29)).due == date(2026, 2, 28)


def test_a_year_period_ending_in_national_day_rolls():
    result = deadline(TWO_YEARS, date(2023, 10, 3))
    assert result.rolled_from == date(2025, 10, 3)
    assert result.due == date(2025, 10, 9)


# --- pauses and extensions -----------------------------------------------------------------------


def test_a_pause_inside_the_period_extends_it_by_its_calendar_days():
    result = deadline(THIRTY, date(2025, 3, 3), pauses=[(date(2025, 3, 10), date(2025, 3, 14))])
    assert result.due == date(2025, 4, 7)  # Apr 2 + 5 days
    assert result.paused_days == 5
    assert result.pauses == ((date(2025, 3, 10), date(2025, 3, 14)),)


def test_a_pause_in_a_working_day_period_extends_it_by_its_working_days():
    # Base: Mar 4–7, 10 → Mar 10. The pause Thu Mar 6 – Sun Mar 9 holds two working days.
    result = deadline(FIVE_WORKDAYS, date(2025, 3, 3), pauses=[(date(2025, 3, 6), date(2025, 3, 9))])
    assert result.paused_days == 2
    assert result.due == date(2025, 3, 12)


def test_a_pause_running_past_the_end_moves_the_end_by_its_whole_length():
    result = deadline(FIFTEEN, date(2025, 3, 3), pauses=[(date(2025, 3, 15), date(2025, 3, 24))])
    assert result.due == date(2025, 3, 28)  # Mar 18 + 10


def test_pause_days_on_or_before_the_start_day_are_not_counted():
    result = deadline(FIFTEEN, date(2025, 3, 3), pauses=[(date(2025, 3, 1), date(2025, 3, 4))])
    assert result.pauses == ((date(2025, 3, 4), date(2025, 3, 4)),)
    assert result.due == date(2025, 3, 19)


def test_a_pause_after_the_due_date_is_ignored():
    result = deadline(FIFTEEN, date(2025, 3, 3), pauses=[(date(2025, 3, 19), date(2025, 3, 25))])
    assert result.due == date(2025, 3, 18)
    assert result.pauses == ()


def test_a_pause_starting_in_the_holiday_roll_still_counts():
    # 15 days from Mar 1 end on Sunday Mar 16, rolled to Monday Mar 17; a pause from Mar 17 counts.
    result = deadline(FIFTEEN, date(2025, 3, 1), pauses=[(date(2025, 3, 17), date(2025, 3, 18))])
    assert result.due == date(2025, 3, 18)


def test_a_pause_made_reachable_by_an_earlier_pause_counts_and_overlaps_count_once():
    pauses = [(date(2025, 3, 10), date(2025, 3, 14)), (date(2025, 3, 12), date(2025, 3, 16))]
    assert deadline(FIFTEEN, date(2025, 3, 3), pauses=pauses).paused_days == 7
    chained = [(date(2025, 3, 5), date(2025, 3, 9)), (date(2025, 3, 20), date(2025, 3, 21))]
    result = deadline(FIFTEEN, date(2025, 3, 3), pauses=chained)
    assert result.due == date(2025, 3, 25)  # Mar 18 + 5 = Mar 23 (Sun) reaches Mar 20; + 2
    assert result.paused_days == 7


def test_a_pause_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationFailed) as raised:
        deadline(FIFTEEN, date(2025, 3, 3), pauses=[(date(2025, 3, 10), date(2025, 3, 9))])
    assert "pauses" in raised.value.fields


def test_an_extension_adds_to_the_period_and_the_roll_applies_to_the_new_last_day():
    result = deadline(SIXTY, date(2025, 3, 3), extension_days=30)
    assert result.extension_days == 30
    assert result.rolled_from == date(2025, 6, 1)  # May 2 + 30 days: a 端午 Sunday
    assert result.due == date(2025, 6, 3)


def test_an_extension_of_a_working_day_period_counts_working_days():
    assert deadline(FIVE_WORKDAYS, date(2025, 3, 3), extension_days=2).due == date(2025, 3, 12)


def test_a_negative_extension_is_refused():
    with pytest.raises(ValidationFailed):
        deadline(SIXTY, date(2025, 3, 3), extension_days=-1)


# --- years the package does not know -------------------------------------------------------------


def test_a_period_reaching_into_a_year_nobody_entered_raises():
    first_unknown = max(chinese_calendar.holidays).year + 1
    with pytest.raises(UnknownCalendarYear) as raised:
        deadline(SIXTY, date(first_unknown - 1, 12, 1))
    assert raised.value.year == first_unknown
    assert f"{first_unknown}年的节假日安排尚未录入" in raised.value.message


def test_an_admin_entered_year_gives_deadlines(sysadmin):
    for day in [date(2099, 10, d) for d in range(1, 8)]:
        calendar_day_save(actor=sysadmin, date=day, is_workday=False, name="国庆节")
    calendar_day_save(actor=sysadmin, date=date(2099, 9, 27), is_workday=True, name="国庆节调休")
    with pytest.raises(UnknownCalendarYear):
        deadline(FIFTEEN, date(2099, 9, 20))  # rows alone do not make the year known
    calendar_year_mark(actor=sysadmin, year=2099, source="国办发明电〔2098〕1号")
    assert deadline(FIFTEEN, date(2099, 9, 20)).due == date(2099, 10, 8)  # Oct 5 rolls past Oct 7
    # Sep 21–25, with the entered 调休 Sunday Sep 27 counted instead of Monday Sep 28.
    assert deadline(
        Rule("core_tests.six", "六个工作日", 6, "workday", "测试"), date(2099, 9, 20)
    ).due == date(2099, 9, 27)


def test_an_admin_row_overriding_a_package_day_moves_the_deadline(sysadmin):
    assert deadline(FIFTEEN, date(2025, 9, 16)).due == date(2025, 10, 9)
    calendar_day_save(actor=sysadmin, date=date(2025, 10, 9), is_workday=False, name="补休")
    assert deadline(FIFTEEN, date(2025, 9, 16)).due == date(2025, 10, 10)


# --- the Deadline and the rule registry ----------------------------------------------------------


def test_a_deadline_carries_its_rule_so_a_page_can_show_label_and_basis():
    result = deadline(SIXTY, date(2025, 3, 3))
    assert (result.rule_code, result.label, result.basis) == ("core_tests.sixty", "办理期限", SIXTY.basis)
    assert result.start == date(2025, 3, 3)
    assert result.rule is SIXTY
    assert str(result) == "办理期限：2025年5月6日（《信访工作条例》第三十四条）"
    assert SIXTY.period_text == "60日" and FIVE_WORKDAYS.period_text == "5个工作日"


def test_a_rule_is_found_by_its_stored_code():
    assert rule_get("core_tests.five") is FIVE_WORKDAYS
    assert FIVE_WORKDAYS in rule_list()
    with pytest.raises(KeyError):
        rule_get("core_tests.nowhere")


def test_one_code_cannot_name_two_different_periods():
    Rule("core_tests.fifteen", "告知期限", 15, "calendar", "《信访工作条例》第二十三条")  # the same: fine
    with pytest.raises(ValueError, match="declared twice"):
        Rule("core_tests.fifteen", "告知期限", 16, "calendar", "《信访工作条例》第二十三条")
    assert rule_get("core_tests.fifteen") is FIFTEEN


def test_a_rule_without_a_basis_or_with_an_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        Rule("core_tests.bare", "无依据", 5, "calendar", "")
    with pytest.raises(ValueError):
        Rule("core_tests.weeks", "周", 2, "week", "测试")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("today", "left", "status"),
    [
        (date(2025, 5, 1), 5, "ok"),
        (date(2025, 5, 2), 4, "ok"),
        (date(2025, 5, 3), DUE_SOON_DAYS, "due_soon"),
        (date(2025, 5, 6), 0, "due_soon"),
        (date(2025, 5, 7), -1, "overdue"),
    ],
)
def test_days_left_and_status_around_the_due_date(today, left, status):
    result = Deadline(due=date(2025, 5, 6), rule_code="x.y", label="", basis="", start=date(2025, 3, 3))
    assert result.days_left(today) == left
    assert result.status(today) == status


def test_the_due_soon_window_can_be_widened():
    result = Deadline(due=date(2025, 5, 6), rule_code="x.y", label="", basis="", start=date(2025, 3, 3))
    assert result.status(date(2025, 4, 30), soon_days=7) == "due_soon"


# --- indicators ----------------------------------------------------------------------------------


def test_working_days_between_counts_adjusted_days_and_skips_spring_festival():
    # Jan 26 (Sun, 调休), 27, Feb 5, 6, 7, 8 (Sat, 调休), 10.
    assert working_days_between(date(2025, 1, 24), date(2025, 2, 10)) == 7
    assert working_days_between(date(2025, 2, 10), date(2025, 1, 24)) == -7
    assert working_days_between(date(2025, 3, 3), date(2025, 3, 3)) == 0
    assert calendar_days_between(date(2025, 1, 24), date(2025, 2, 10)) == 17


@pytest.mark.parametrize("start", [date(2024, 2, 8), date(2025, 1, 24), date(2026, 9, 28)])
def test_a_working_day_deadline_is_that_many_working_days_after_its_start(start):
    assert working_days_between(start, deadline(FIVE_WORKDAYS, start).due) == 5
