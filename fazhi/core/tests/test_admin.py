"""The holiday schedule's admin pages write through the calendar services (audit, cache)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.calendar import calendar_cache_clear, is_holiday, is_workday, known_year
from fazhi.core.models import AuditEntry, CalendarDay, CalendarYear


@pytest.fixture(autouse=True)
def fresh_calendar(db):
    calendar_cache_clear()
    yield
    calendar_cache_clear()


def test_a_day_added_in_the_admin_is_audited_and_counts_at_once(admin_client):
    assert is_workday(date(2025, 10, 9))  # 2025 now cached in this process
    response = admin_client.post(
        "/admin/core/calendarday/add/", {"date": "2025-10-09", "is_workday": "", "name": "补休"}
    )
    assert response.status_code == 302
    assert is_holiday(date(2025, 10, 9))
    day = CalendarDay.objects.get(date=date(2025, 10, 9))
    assert AuditEntry.objects.filter(action="core.calendar_day_save", object_id=str(day.pk)).exists()


def test_the_day_list_shows_the_weekday_and_the_arrangement(admin_client):
    CalendarDay.objects.create(date=date(2025, 10, 9), is_workday=False, name="补休")
    page = admin_client.get("/admin/core/calendarday/").content.decode()
    assert "2025-10-09（周四）" in page
    assert "放假" in page


def test_editing_a_day_in_the_admin_keeps_its_date(admin_client):
    day = CalendarDay.objects.create(date=date(2025, 10, 9), is_workday=False, name="补休")
    response = admin_client.post(
        f"/admin/core/calendarday/{day.pk}/change/",
        {"date": "2025-10-10", "is_workday": "on", "name": "更正"},
    )
    assert response.status_code == 302
    assert list(CalendarDay.objects.values_list("date", "is_workday", "name")) == [
        (date(2025, 10, 9), True, "更正")
    ]


def test_deleting_a_day_in_the_admin_restores_the_package_answer(admin_client):
    day = CalendarDay.objects.create(date=date(2025, 10, 8), is_workday=True, name="")
    assert is_workday(date(2025, 10, 8))
    response = admin_client.post(f"/admin/core/calendarday/{day.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert is_holiday(date(2025, 10, 8))
    assert AuditEntry.objects.filter(action="core.calendar_day_delete").exists()


def test_marking_a_year_with_no_entered_day_is_refused_on_the_form(admin_client):
    response = admin_client.post("/admin/core/calendaryear/add/", {"year": "2098", "source": "x"})
    assert response.status_code == 200
    assert "请先录入2098年的节假日与调休" in response.content.decode()
    assert not CalendarYear.objects.exists()


def test_marking_an_entered_year_in_the_admin_makes_it_known(admin_client):
    CalendarDay.objects.create(date=date(2099, 1, 1), is_workday=False, name="元旦")
    assert not known_year(2099)
    response = admin_client.post(
        "/admin/core/calendaryear/add/", {"year": "2099", "source": "国办发明电〔2098〕1号"}
    )
    assert response.status_code == 302
    assert known_year(2099)
    assert AuditEntry.objects.filter(action="core.calendar_year_mark").exists()
