from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from fazhi.core.models import AuditEntry
from fazhi.org.models import Assignment
from fazhi.people import rules, selectors, services
from fazhi.people.models import ControlStatus, ExportRequest, Visit, VisitReport
from fazhi.people.tests import factories as f
from fazhi.people.todo import visits_due
from fazhi.testing import persona
from fazhi.workbench.models import Job

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def visit(person, day, level=None, stable=True, outcome="met", actor="grid_a1"):
    return services.visit_record(
        actor=persona(actor),
        key_person_id=person.pk,
        visited_at=at(day),
        place="家中",
        visitors="孙强、社区医生",
        outcome=outcome,
        danger_level=level,
        stable=stable,
        findings="服药规律",
    )


# --- the 2018 norm, level by level ----------------------------------------------------------------

D = dt.date(2022, 4, 1)


@pytest.mark.parametrize("level", [3, 4, 5])
def test_an_unstable_patient_is_followed_up_within_two_weeks(level):
    due = rules.mental_next_visit(visited_on=D, level=level, stable=False, previous_level=level)
    assert due.due == D + dt.timedelta(days=14) and due.rule is rules.MENTAL_UNSTABLE


@pytest.mark.parametrize("level", [1, 2])
def test_a_basically_stable_patient_is_seen_at_two_weeks_first(level):
    due = rules.mental_next_visit(visited_on=D, level=level, stable=True, previous_level=4)
    assert due.due == dt.date(2022, 4, 15) and due.rule is rules.MENTAL_BASIC_FIRST


@pytest.mark.parametrize("level", [1, 2])
def test_then_every_three_months_if_stable(level):
    due = rules.mental_next_visit(visited_on=D, level=level, stable=True, previous_level=2)
    assert due.due == dt.date(2022, 7, 1) and due.rule is rules.MENTAL_BASIC_STABLE


@pytest.mark.parametrize("level", [1, 2])
def test_or_at_one_month_if_not(level):
    due = rules.mental_next_visit(visited_on=D, level=level, stable=False, previous_level=1)
    assert due.due == dt.date(2022, 5, 1) and due.rule is rules.MENTAL_BASIC_UNSTABLE


def test_a_stable_patient_is_visited_every_three_months_so_at_least_four_times_a_year():
    due = rules.mental_next_visit(visited_on=dt.date(2022, 11, 30), level=0, stable=True, previous_level=0)
    assert due.due == dt.date(2023, 2, 28)  # month end: the last day of the shorter month
    assert rules.MENTAL_MIN_VISITS_PER_YEAR <= 12 // 3


def test_a_corrections_subject_must_report_within_ten_days_of_the_judgment():
    person = f.key_person("corrections", effective_on=dt.date(2022, 3, 1), registered_on=dt.date(2022, 3, 2))
    assert person.next_visit_due == dt.date(2022, 3, 11)
    assert person.next_visit_rule == "people.corrections_report"


def test_registering_a_mental_case_requires_a_danger_level():
    with pytest.raises(ValidationFailed) as exc:
        f.key_person("mental", level=None)
    assert "danger_level" in exc.value.fields


def test_a_danger_level_above_five_is_refused():
    with pytest.raises(ValidationFailed):
        f.key_person("mental", level=6)


# --- visits ---------------------------------------------------------------------------------------


def test_recording_a_visit_schedules_the_next_by_the_norm_and_marks_it_on_time():
    person = f.key_person("mental", level=4, registered_on=dt.date(2022, 3, 1))
    assert person.next_visit_due == dt.date(2022, 3, 15)
    first = visit(person, dt.date(2022, 3, 10), level=2)
    person.refresh_from_db()
    assert first.on_time and person.danger_level == 2
    assert person.next_visit_due == dt.date(2022, 3, 24)  # entering the basic band: 2 weeks
    visit(person, dt.date(2022, 3, 24), level=2, stable=True)
    person.refresh_from_db()
    assert person.next_visit_due == dt.date(2022, 6, 24)


def test_a_late_visit_is_recorded_as_not_on_time():
    person = f.key_person("mental", level=0, registered_on=dt.date(2022, 1, 1))
    late = visit(person, dt.date(2022, 5, 1), level=0)
    assert not late.on_time and late.due_before == dt.date(2022, 4, 1)


def test_a_visit_dated_in_the_future_is_refused_naming_the_field():
    person = f.key_person()
    with pytest.raises(ValidationFailed) as exc:
        visit(person, timezone.localdate() + dt.timedelta(days=2), level=1)
    assert "visited_at" in exc.value.fields


def test_a_refused_visit_reports_to_the_three_bodies_and_marks_the_person_out_of_contact():
    person = f.key_person()
    visit(person, dt.date(2022, 3, 10), outcome=Visit.Outcome.REFUSED)
    person.refresh_from_db()
    assert person.control_status == ControlStatus.OUT_OF_CONTACT
    report = VisitReport.objects.get(key_person=person)
    assert report.recipients == ["街道办事处", "精神疾病预防控制机构", "公安机关"]
    visit(person, dt.date(2022, 3, 20), level=1)
    person.refresh_from_db()
    assert person.control_status == ControlStatus.MANAGED


def test_an_outsider_cannot_record_a_visit():
    person = f.key_person()
    with pytest.raises(NotFound):
        visit(person, dt.date(2022, 3, 10), level=1, actor="grid_b1")


def test_overdue_visits_appear_in_my_todo_list_with_the_name_masked():
    person = f.key_person(name="王大明", level=0, registered_on=dt.date(2022, 1, 1))
    items = visits_due(persona("grid_a1"), dt.date(2022, 5, 1))
    assert [i.severity for i in items] == ["overdue"]
    assert "王**" in items[0].title and "王大明" not in items[0].title
    assert items[0].link == f"/people/keypersons/{person.pk}/"
    assert visits_due(persona("grid_b1"), dt.date(2022, 5, 1)) == []


# --- privacy --------------------------------------------------------------------------------------


def test_the_profile_needs_a_purpose_and_each_view_is_audited_without_personal_data():
    person = f.key_person(name="周杰")
    with pytest.raises(ValidationFailed) as exc:
        selectors.keyperson_get_for(actor=persona("grid_a1"), key_person_id=person.pk, purpose="")
    assert "purpose" in exc.value.fields
    selectors.keyperson_get_for(actor=persona("grid_a1"), key_person_id=person.pk, purpose="季度走访前核对")
    entry = AuditEntry.objects.filter(action="people.keyperson_view").latest("seq")
    assert entry.data == {"purpose": "季度走访前核对"} and entry.object_id == str(person.pk)
    assert "周杰" not in str(entry.data)


def test_an_outsider_gets_not_found_even_with_a_purpose():
    person = f.key_person()
    with pytest.raises(NotFound):
        selectors.keyperson_get_for(actor=persona("grid_b1"), key_person_id=person.pk, purpose="查看")


def test_a_leader_without_the_key_person_permission_sees_none():
    f.key_person()
    assert not selectors.keyperson_list_for(actor=persona("leader")).exists()


def test_a_care_team_member_with_an_account_gains_sight_of_the_person():
    person = f.key_person()
    services.care_member_add(
        actor=persona("community_a"),
        key_person_id=person.pk,
        name="",
        role="grid_worker",
        user_id=persona("grid_b1").pk,
    )
    assert Assignment.objects.filter(user=persona("grid_b1"), kind="care_member").exists()
    assert selectors.keyperson_list_for(actor=persona("grid_b1")).filter(pk=person.pk).exists()


def test_a_female_corrections_subject_without_a_woman_on_the_team_is_flagged():
    person = f.key_person("corrections", female=True)
    services.care_member_add(
        actor=persona("community_a"), key_person_id=person.pk, name="张警官", role="police"
    )
    assert any("第二十五条" in w for w in services.care_team_warnings(person))


def test_the_allowance_follows_the_configured_rule():
    person = f.key_person(level=3, registered_on=dt.date(2021, 1, 1))
    assert selectors.allowance_for(person, 2022).eligible
    services.incident_record(
        actor=persona("grid_a1"), key_person_id=person.pk, occurred_on=dt.date(2022, 6, 1), severity="minor"
    )
    assert not selectors.allowance_for(person, 2022).eligible


def test_a_support_measure_cannot_end_before_it_starts():
    person = f.key_person()
    with pytest.raises(ValidationFailed) as exc:
        services.support_measure_add(
            actor=persona("grid_a1"),
            key_person_id=person.pk,
            kind="public_job",
            starts_on=dt.date(2022, 5, 1),
            ends_on=dt.date(2022, 4, 1),
        )
    assert "ends_on" in exc.value.fields


def test_an_export_needs_a_second_person_and_carries_the_exporters_name(django_capture_on_commit_callbacks):
    f.key_person(name="吴敏")
    clerk = persona("clerk")
    request = services.export_request_create(actor=clerk, purpose="年度核查")
    with pytest.raises(NotAllowed):
        services.export_request_decide(actor=clerk, request_id=request.pk, approve=True)
    with pytest.raises(Conflict):
        services.export_request_run(actor=clerk, request_id=request.pk)
    # There is no other way out: the workbench has no key-person export, only the approved request.
    from fazhi.workbench.transfer import EXPORTS

    assert not any(name.startswith("people.keyperson") for name in EXPORTS)
    # A second approver: the leader holds no approval permission, so a second office clerk is made.
    from fazhi.org.models import Role, User

    second = User.objects.create(username="clerk2", display_name="刘洋", unit=clerk.unit)
    second.roles.set(Role.objects.filter(code="office_clerk"))
    services.export_request_decide(actor=second, request_id=request.pk, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.export_request_run(actor=clerk, request_id=request.pk)
    job = Job.objects.get(pk=job.pk)
    assert job.status == Job.Status.SUCCEEDED, job.message
    from pathlib import Path

    from django.conf import settings

    wb = load_workbook(io.BytesIO((Path(settings.MEDIA_ROOT) / job.result_file).read_bytes()))
    assert "李敏" in wb.worksheets[0].oddFooter.center.text
    assert "导出说明" in wb.sheetnames
    assert ExportRequest.objects.get(pk=request.pk).status == ExportRequest.Status.EXPORTED


def _sheet(ledger, rows):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(ledger.headers)
    for r in rows:
        ws.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_key_persons_import_all_or_nothing_and_schedules_the_first_visit():
    from fazhi.people.ledgers import KEYPERSONS_IMPORT
    from fazhi.people.models import KeyPerson

    one, two = f.resident("甲"), f.resident("乙")
    bad = _sheet(
        KEYPERSONS_IMPORT,
        [
            [one.id_number, "严重精神障碍患者", "2022-03-01", 4, None, None],
            [two.id_number, "社区矫正对象", "2022-03-01", None, None, None],
        ],
    )
    result = services.keypersons_import(actor=persona("community_a"), file_bytes=bad, filename="k.xlsx")
    assert not result.ok and any("第3行" in str(e) and "生效" in str(e) for e in result.errors)
    assert not KeyPerson.objects.exists()
    good = _sheet(
        KEYPERSONS_IMPORT,
        [
            [one.id_number, "mental", "2022-03-01", 4, None, None],
            [two.id_number, "社区矫正对象", "2022-03-02", None, "2022-03-01", None],
        ],
    )
    result = services.keypersons_import(actor=persona("community_a"), file_bytes=good, filename="k.xlsx")
    assert result.ok and result.created == 2
    assert KeyPerson.objects.get(resident=one).next_visit_due == dt.date(2022, 3, 15)
    assert KeyPerson.objects.get(resident=two).next_visit_due == dt.date(2022, 3, 11)


def test_the_outsider_cannot_import_community_a_residents_as_key_persons():
    from fazhi.people.ledgers import KEYPERSONS_IMPORT

    one = f.resident("丙")
    data = _sheet(KEYPERSONS_IMPORT, [[one.id_number, "mental", "2022-03-01", 1, None, None]])
    result = services.keypersons_import(actor=persona("grid_b1"), file_bytes=data, filename="k.xlsx")
    assert not result.ok and "未找到该居民" in str(result.errors[0])
