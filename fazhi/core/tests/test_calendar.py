"""The workday calendar on the real 2024–2026 schedules, admin-entered years and the cache.

Expected dates are hard-coded from the 国务院办公厅 notices (国办发明电〔2023〕7号 for 2024,
〔2024〕12号 for 2025, 〔2025〕7号 for 2026), and checked against the package's own data too.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest

from fazhi.core.calendar import (
    PACKAGE_YEARS,
    UnknownCalendarYear,
    calendar_cache_clear,
    calendar_day_delete,
    calendar_day_save,
    calendar_year_mark,
    calendar_year_unmark,
    day_name,
    is_holiday,
    is_workday,
    known_year,
    next_workday,
)
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import AuditEntry, CalendarDay
from fazhi.testing import persona

UNKNOWN_YEAR = 2099


def span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# (festival, first holiday, last holiday, 调休 working days) as the notices publish them.
OFFICIAL = [
    ("春节", date(2024, 2, 10), date(2024, 2, 17), [date(2024, 2, 4), date(2024, 2, 18)]),
    ("国庆节", date(2024, 10, 1), date(2024, 10, 7), [date(2024, 9, 29), date(2024, 10, 12)]),
    ("春节", date(2025, 1, 28), date(2025, 2, 4), [date(2025, 1, 26), date(2025, 2, 8)]),
    ("国庆节", date(2025, 10, 1), date(2025, 10, 8), [date(2025, 9, 28), date(2025, 10, 11)]),
    ("春节", date(2026, 2, 15), date(2026, 2, 23), [date(2026, 2, 14), date(2026, 2, 28)]),
    ("国庆节", date(2026, 10, 1), date(2026, 10, 7), [date(2026, 9, 20), date(2026, 10, 10)]),
]
IDS = [f"{first.year}-{festival}" for festival, first, *_ in OFFICIAL]


@pytest.fixture(autouse=True)
def fresh_calendar(db):
    # Rows written in a test vanish with its transaction; the cache must not outlive them.
    calendar_cache_clear()
    yield
    calendar_cache_clear()


@pytest.fixture
def sysadmin(db):
    return persona("sysadmin")


@pytest.fixture
def national_day_2099(sysadmin):
    """A hypothetical schedule an administrator enters for a year the package does not know."""
    assert UNKNOWN_YEAR not in PACKAGE_YEARS
    calendar_day_save(actor=sysadmin, date=date(2099, 1, 1), is_workday=False, name="元旦")
    for day in span(date(2099, 10, 1), date(2099, 10, 7)):
        calendar_day_save(actor=sysadmin, date=day, is_workday=False, name="国庆节")
    for day in (date(2099, 9, 27), date(2099, 10, 10)):  # a Sunday and a Saturday
        calendar_day_save(actor=sysadmin, date=day, is_workday=True, name="国庆节调休")
    calendar_year_mark(actor=sysadmin, year=UNKNOWN_YEAR, source="国办发明电〔2098〕1号")


@pytest.mark.parametrize(("festival", "first", "last", "adjusted"), OFFICIAL, ids=IDS)
def test_the_package_holds_the_schedule_the_notices_published(festival, first, last, adjusted):
    # Read the package directly, not through fazhi.core.calendar: this pins the data we rely on.
    english = {"春节": "Spring Festival", "国庆节": "National Day"}[festival]
    assert all(day in chinese_calendar.holidays for day in span(first, last))
    assert first - timedelta(days=1) not in chinese_calendar.holidays
    assert last + timedelta(days=1) not in chinese_calendar.holidays
    window = span(first - timedelta(days=20), last + timedelta(days=20))
    assert [day for day in window if chinese_calendar.workdays.get(day) == english] == adjusted


@pytest.mark.parametrize(("festival", "first", "last", "adjusted"), OFFICIAL, ids=IDS)
def test_every_day_of_a_festival_is_a_holiday_and_the_days_around_it_are_working_days(
    festival, first, last, adjusted
):
    assert all(is_holiday(day) for day in span(first, last))
    # In all six the day before and the day after are working days (2026-02-14 an adjusted Saturday).
    assert is_workday(first - timedelta(days=1))
    assert is_workday(last + timedelta(days=1))
    assert festival in day_name(first + timedelta(days=1))


@pytest.mark.parametrize(("festival", "first", "last", "adjusted"), OFFICIAL, ids=IDS)
def test_an_adjusted_weekend_day_is_a_working_day(festival, first, last, adjusted):
    for day in adjusted:
        assert day.weekday() >= 5
        assert is_workday(day)
        assert not is_holiday(day)


def test_a_plain_weekend_is_a_rest_day_and_a_plain_weekday_a_working_day():
    assert is_holiday(date(2025, 3, 15))  # Saturday
    assert is_holiday(date(2025, 3, 16))  # Sunday
    assert is_workday(date(2025, 3, 17))  # Monday
    assert day_name(date(2025, 3, 17)) == ""


def test_the_next_working_day_after_national_day_2025_is_october_ninth():
    assert next_workday(date(2025, 9, 30)) == date(2025, 10, 9)


def test_the_next_working_day_after_spring_festival_2024_is_the_adjusted_sunday():
    assert next_workday(date(2024, 2, 17)) == date(2024, 2, 18)


def test_the_next_working_day_is_strictly_after_the_day():
    assert next_workday(date(2025, 3, 17)) == date(2025, 3, 18)


def test_a_datetime_is_refused_because_its_day_depends_on_the_time_zone():
    with pytest.raises(TypeError):
        is_workday(datetime(2025, 3, 17, 23, 30))


def test_the_years_the_package_knows_are_known():
    assert known_year(2024) and known_year(2025) and known_year(2026)


def test_a_year_nobody_entered_is_unknown_and_asking_about_it_raises():
    assert not known_year(UNKNOWN_YEAR)
    with pytest.raises(UnknownCalendarYear) as raised:
        is_workday(date(UNKNOWN_YEAR, 3, 17))
    assert raised.value.code == "calendar_unknown_year"
    assert raised.value.status == 400
    assert raised.value.as_dict()["year"] == UNKNOWN_YEAR
    assert raised.value.message.startswith(f"{UNKNOWN_YEAR}年的节假日安排尚未录入")


def test_entered_days_do_not_make_a_year_known_until_it_is_marked(sysadmin):
    calendar_day_save(actor=sysadmin, date=date(2099, 1, 1), is_workday=False, name="元旦")
    assert not known_year(UNKNOWN_YEAR)
    with pytest.raises(UnknownCalendarYear):
        is_workday(date(2099, 1, 1))


def test_an_entered_year_uses_its_admin_rows_and_plain_weekends(national_day_2099):
    assert known_year(UNKNOWN_YEAR)
    assert is_holiday(date(2099, 10, 5))  # Monday inside the entered 国庆
    assert is_workday(date(2099, 9, 27))  # entered 调休 Sunday
    assert is_holiday(date(2099, 3, 14))  # a plain Saturday
    assert is_workday(date(2099, 3, 16))  # a plain Monday
    assert day_name(date(2099, 10, 10)) == "国庆节调休"


def test_unmarking_a_year_makes_it_unknown_again(national_day_2099, sysadmin):
    calendar_year_unmark(actor=sysadmin, year=UNKNOWN_YEAR)
    with pytest.raises(UnknownCalendarYear):
        is_workday(date(2099, 10, 5))


def test_a_year_without_any_entered_day_cannot_be_marked(sysadmin):
    with pytest.raises(ValidationFailed) as raised:
        calendar_year_mark(actor=sysadmin, year=2098, source="")
    assert "year" in raised.value.fields
    assert not known_year(2098)


def test_an_admin_row_overrides_the_package_and_the_cache_sees_it_at_once(sysadmin):
    assert is_workday(date(2025, 10, 9))  # loads 2025 into the cache
    calendar_day_save(actor=sysadmin, date=date(2025, 10, 9), is_workday=False, name="补休")
    assert is_holiday(date(2025, 10, 9))
    assert next_workday(date(2025, 9, 30)) == date(2025, 10, 10)
    calendar_day_save(actor=sysadmin, date=date(2025, 10, 8), is_workday=True, name="")
    assert is_workday(date(2025, 10, 8))


def test_deleting_an_admin_row_restores_the_package_answer(sysadmin):
    calendar_day_save(actor=sysadmin, date=date(2025, 10, 8), is_workday=True, name="")
    assert is_workday(date(2025, 10, 8))
    calendar_day_delete(actor=sysadmin, date=date(2025, 10, 8))
    assert is_holiday(date(2025, 10, 8))


def test_saving_a_day_writes_one_row_and_an_audit_entry(sysadmin):
    before = AuditEntry.objects.filter(action="core.calendar_day_save").count()
    calendar_day_save(actor=sysadmin, date=date(2025, 10, 9), is_workday=False, name="补休")
    calendar_day_save(actor=sysadmin, date=date(2025, 10, 9), is_workday=False, name="补休日")
    assert CalendarDay.objects.get(date=date(2025, 10, 9)).name == "补休日"
    entries = AuditEntry.objects.filter(action="core.calendar_day_save").order_by("seq")
    assert entries.count() == before + 2
    assert entries.last().actor_id == sysadmin.pk
    assert entries.last().object_type == "core.calendarday"


def test_a_day_outside_the_accepted_years_is_refused(sysadmin):
    with pytest.raises(ValidationFailed) as raised:
        calendar_day_save(actor=sysadmin, date=date(1999, 10, 1), is_workday=False, name="国庆节")
    assert "date" in raised.value.fields


def test_the_admin_rows_of_a_year_are_read_once_until_the_cache_is_cleared(django_assert_num_queries):
    with django_assert_num_queries(2):  # the year's CalendarDay rows and its CalendarYear mark
        is_workday(date(2025, 10, 9))
    with django_assert_num_queries(0):
        assert next_workday(date(2025, 9, 30)) == date(2025, 10, 9)
    calendar_cache_clear()
    with django_assert_num_queries(2):
        is_workday(date(2025, 10, 9))


def test_a_row_written_behind_the_services_is_seen_after_the_cache_is_cleared():
    assert is_workday(date(2025, 10, 9))
    CalendarDay.objects.create(date=date(2025, 10, 9), is_workday=False, name="补休")
    calendar_cache_clear()
    assert is_holiday(date(2025, 10, 9))
