"""Writes of key persons: registration, care team, visits with the scheduler, lost/refused reports,
control status, incidents, the guardian agreement, support measures and export requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit import audit_record
from fazhi.core.deadlines import deadline
from fazhi.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.org.models import Assignment, User
from fazhi.org.scope import has_perm
from fazhi.org.services import assignment_grant, require
from fazhi.people import permissions as P
from fazhi.people import rules
from fazhi.people.models import (
    CareTeam,
    CareTeamMember,
    ControlStatus,
    ExportRequest,
    Incident,
    KeyPerson,
    KeyPersonCategory,
    SupportMeasure,
    Visit,
    VisitReport,
)
from fazhi.people.selectors.keypersons import export_request_list_for, keyperson_lock
from fazhi.people.selectors.residents import resident_get_for


def _level(value: Any, *, required: bool, field: str = "danger_level") -> int | None:
    if value in (None, ""):
        if required:
            raise ValidationFailed.field(field, "严重精神障碍患者须评估危险性等级（0–5级）")
        return None
    try:
        level = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed.field(field, "危险性等级须为0–5的整数") from None
    if not 0 <= level <= 5:
        raise ValidationFailed.field(field, "危险性等级须为0–5级（《严重精神障碍管理治疗工作规范》）")
    return level


def _first_due(
    category: KeyPersonCategory, *, registered_on: dt.date, level: int | None, effective_on: dt.date | None
) -> rules.NextVisit:
    if category.schedule == "corrections" and effective_on is not None:
        # 社区矫正法 Art. 21: report within 10 days of the judgment taking effect.
        due = deadline(rules.CORRECTIONS_REPORT, effective_on).due
        return rules.NextVisit(due, rules.CORRECTIONS_REPORT)
    return rules.next_visit(
        schedule=category.schedule,
        visited_on=registered_on,
        level=level,
        stable=True,
        previous_level=None,
        interval_days=category.interval_days,
    )


def keyperson_register(
    *,
    actor: Any,
    resident_id: int,
    category_id: int,
    registered_on: dt.date,
    danger_level: Any = None,
    effective_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    guardian_name: str = "",
    guardian_phone: str = "",
    summary: str = "",
) -> KeyPerson:
    """Put a resident on the key-person registry; sets the first visit due by the category's schedule
    and opens the care team (专班). Conflict if already registered in the category."""
    require(actor, P.KEYPERSONS)
    category = KeyPersonCategory.objects.filter(pk=category_id, is_active=True).first()
    errors: dict[str, str] = {}
    if category is None:
        errors["category_id"] = "重点人员类别不存在"
    if registered_on > timezone.localdate():
        errors["registered_on"] = "纳入管理日期不能晚于今天"
    if category is not None and category.schedule == "corrections" and effective_on is None:
        errors["effective_on"] = "社区矫正对象须填写判决、裁定生效日期（《社区矫正法》第二十一条报到期限）"
    collect(errors)
    assert category is not None
    level = _level(danger_level, required=category.schedule == "mental")
    with transaction.atomic():
        resident = resident_get_for(actor=actor, resident_id=resident_id)
        if KeyPerson.objects.filter(resident=resident, category=category, is_active=True).exists():
            raise Conflict(f"该居民已登记为“{category.name}”")
        first = _first_due(category, registered_on=registered_on, level=level, effective_on=effective_on)
        person = KeyPerson.objects.create(
            unit=resident.unit,
            resident=resident,
            category=category,
            danger_level=level,
            registered_on=registered_on,
            effective_on=effective_on,
            ends_on=ends_on,
            guardian_name=guardian_name.strip(),
            guardian_phone=guardian_phone.strip(),
            summary=summary.strip(),
            next_visit_due=first.due,
            next_visit_rule=first.rule.code,
            created_by=actor,
        )
        CareTeam.objects.create(key_person=person, name=f"{category.name}专班")
        event_record(person, "people.keyperson_register", actor=actor, label="纳入重点人员管理")
    return person


def care_member_add(
    *,
    actor: Any,
    key_person_id: int,
    name: str,
    role: str,
    user_id: int | None = None,
    is_female: bool = False,
) -> CareTeamMember:
    """Add a named member to the care team; a member with an account is granted sight of the person
    (participation, kind care_member)."""
    require(actor, P.KEYPERSONS)
    if role not in CareTeamMember.Role.values:
        raise ValidationFailed.field("role", f"职责须为：{'、'.join(CareTeamMember.Role.labels)}")
    with transaction.atomic():
        person = keyperson_lock(actor=actor, key_person_id=key_person_id)
        user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
        if user_id and user is None:
            raise ValidationFailed.field("user_id", "账号不存在")
        name = name.strip() or (user.display_name if user else "")
        if not name:
            raise ValidationFailed.field("name", "成员姓名不能为空")
        team, _ = CareTeam.objects.get_or_create(
            key_person=person, defaults={"name": f"{person.category.name}专班"}
        )
        member = CareTeamMember.objects.create(
            team=team, user=user, name=name, role=role, is_female=is_female
        )
        if user is not None:
            assignment_grant(actor=actor, obj=person, user=user, kind=Assignment.Kind.CARE_MEMBER)
        event_record(person, "people.care_member_add", actor=actor, label="专班增加成员", data={"role": role})
    return member


def care_team_warnings(person: KeyPerson) -> list[str]:
    """社区矫正法 Art. 25: a correction team for a woman includes a woman."""
    warnings = []
    team = getattr(person, "care_team", None)
    members = list(team.members.all()) if team else []
    if not members:
        warnings.append("专班尚无成员")
    if (
        person.category.schedule == "corrections"
        and person.resident.gender == "f"
        and not any(m.is_female for m in members)
    ):
        warnings.append("社区矫正对象为女性，矫正小组中应有女性成员（《社区矫正法》第二十五条）")
    return warnings


def visit_record(
    *,
    actor: Any,
    key_person_id: int,
    visited_at: dt.datetime,
    place: str,
    visitors: str,
    method: str = Visit.Method.HOME,
    outcome: str = Visit.Outcome.MET,
    findings: str = "",
    danger_level: Any = None,
    stable: bool = True,
) -> Visit:
    """Record a visit and schedule the next one (people.rules.next_visit, 2018 norm for mental cases).

    A visit dated in the future → ValidationFailed (visited_at). A lost or refused visit is reported to
    the bodies the law names (VisitReport) and the person marked 脱管.
    """
    require(actor, P.KEYPERSONS)
    errors: dict[str, str] = {}
    if timezone.is_naive(visited_at):
        visited_at = timezone.make_aware(visited_at)
    if visited_at > timezone.now() + dt.timedelta(minutes=5):
        errors["visited_at"] = "走访时间不能晚于当前时间（不能预先登记走访）"
    if not place.strip():
        errors["place"] = "走访地点不能为空"
    if not visitors.strip():
        errors["visitors"] = "走访人员不能为空"
    if method not in Visit.Method.values:
        errors["method"] = f"走访方式须为：{'、'.join(Visit.Method.labels)}"
    if outcome not in Visit.Outcome.values:
        errors["outcome"] = f"走访结果须为：{'、'.join(Visit.Outcome.labels)}"
    collect(errors)
    with transaction.atomic():
        person = keyperson_lock(actor=actor, key_person_id=key_person_id)
        met = outcome == Visit.Outcome.MET
        level = _level(danger_level, required=met and person.category.schedule == "mental")
        visited_on = timezone.localtime(visited_at).date()
        if visited_on < person.registered_on:
            raise ValidationFailed.field("visited_at", "走访时间不能早于纳入管理日期")
        due_before = person.next_visit_due
        on_time = due_before is None or visited_on <= due_before
        visit = Visit(
            key_person=person,
            unit=person.unit,
            visited_at=visited_at,
            place=place.strip(),
            method=method,
            visitors=visitors.strip(),
            outcome=outcome,
            findings=findings.strip(),
            danger_level=level,
            stable=stable,
            due_before=due_before,
            on_time=on_time,
            created_by=actor,
        )
        from_status = person.control_status
        if met:
            previous = person.danger_level
            upcoming = rules.next_visit(
                schedule=person.category.schedule,
                visited_on=visited_on,
                level=level,
                stable=stable,
                previous_level=previous,
                interval_days=person.category.interval_days,
            )
            visit.next_due, visit.next_rule = upcoming.due, upcoming.rule.code
            person.next_visit_due, person.next_visit_rule = upcoming.due, upcoming.rule.code
            if level is not None:
                person.danger_level = level
            person.stable = stable
            if person.control_status != ControlStatus.MANAGED:
                person.control_status = ControlStatus.MANAGED
            if person.category.schedule == "corrections" and person.reported_on is None:
                person.reported_on = visited_on
        else:
            person.control_status = ControlStatus.OUT_OF_CONTACT
        visit.save()
        person.save()
        if not met:
            _report(actor=actor, person=person, visit=visit, reason=outcome)
        event_record(
            person,
            "people.visit_record",
            actor=actor,
            label=f"走访（{visit.get_outcome_display()}）",
            from_status=from_status,
            to_status=person.control_status,
            data={"visit": visit.pk, "on_time": on_time},
        )
    return visit


def _report(
    *, actor: Any, person: KeyPerson, visit: Visit | None, reason: str, note: str = ""
) -> VisitReport:
    if person.category.schedule == "corrections":
        recipients, basis = rules.CORRECTIONS_LOST_RECIPIENTS, rules.CORRECTIONS_LOST_BASIS
    else:
        recipients, basis = rules.LOST_REPORT_RECIPIENTS, rules.LOST_REPORT_BASIS
    report = VisitReport.objects.create(
        key_person=person,
        visit=visit,
        reason=reason,
        recipients=list(recipients),
        reported_at=timezone.now(),
        note=note,
        created_by=actor,
    )
    event_record(
        person,
        "people.visit_report",
        actor=actor,
        label="失访/拒访报告",
        note=f"已报告：{'、'.join(recipients)}（{basis}）",
    )
    return report


def control_status_set(*, actor: Any, key_person_id: int, status: str, note: str = "") -> KeyPerson:
    """Mark 在管 / 脱管 / 失控. Losing a person (脱管 or 失控) reports to the bodies the law names."""
    require(actor, P.KEYPERSONS)
    if status not in ControlStatus.values:
        raise ValidationFailed.field("status", f"管控状态须为：{'、'.join(ControlStatus.labels)}")
    with transaction.atomic():
        person = keyperson_lock(actor=actor, key_person_id=key_person_id)
        if person.control_status == status:
            raise Conflict(f"已是“{ControlStatus(status).label}”")
        before = person.control_status
        person.control_status = status
        person.save(update_fields=["control_status"])
        if status != ControlStatus.MANAGED:
            _report(actor=actor, person=person, visit=None, reason=Visit.Outcome.LOST, note=note)
        event_record(
            person,
            "people.control_status",
            actor=actor,
            label="变更管控状态",
            from_status=before,
            to_status=status,
            note=note,
        )
    return person


def incident_record(
    *, actor: Any, key_person_id: int, occurred_on: dt.date, severity: str, description: str = ""
) -> Incident:
    require(actor, P.KEYPERSONS)
    errors = {}
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = "发生日期不能晚于今天"
    if severity not in Incident.Severity.values:
        errors["severity"] = f"性质须为：{'、'.join(Incident.Severity.labels)}"
    collect(errors)
    with transaction.atomic():
        person = keyperson_lock(actor=actor, key_person_id=key_person_id)
        incident = Incident.objects.create(
            key_person=person,
            occurred_on=occurred_on,
            severity=severity,
            description=description.strip(),
            created_by=actor,
        )
        event_record(
            person,
            "people.incident_record",
            actor=actor,
            label="登记肇事肇祸/违法事件",
            data={"severity": severity},
        )
    return incident


def guardian_agreement_record(
    *, actor: Any, key_person_id: int, signed_on: dt.date, guardian_name: str, guardian_phone: str = ""
) -> KeyPerson:
    """山东省精神卫生条例 Art. 42: the care agreement signed with the guardian on return home."""
    require(actor, P.KEYPERSONS)
    errors = {}
    if signed_on > timezone.localdate():
        errors["signed_on"] = "签订日期不能晚于今天"
    if not guardian_name.strip():
        errors["guardian_name"] = "监护人姓名不能为空"
    collect(errors)
    with transaction.atomic():
        person = keyperson_lock(actor=actor, key_person_id=key_person_id)
        person.guardian_agreement_on = signed_on
        person.guardian_name = guardian_name.strip()
        if guardian_phone.strip():
            person.guardian_phone = guardian_phone.strip()
        person.save(update_fields=["guardian_agreement_on", "guardian_name", "guardian_phone"])
        event_record(
            person,
            "people.guardian_agreement",
            actor=actor,
            label="签订看护协议（《山东省精神卫生条例》第四十二条）",
        )
    return person


def support_measure_add(
    *,
    actor: Any,
    key_person_id: int,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    status: str = SupportMeasure.Status.ACTIVE,
    note: str = "",
) -> SupportMeasure:
    require(actor, P.KEYPERSONS)
    errors = {}
    if kind not in SupportMeasure.Kind.values:
        errors["kind"] = f"帮扶措施须为：{'、'.join(SupportMeasure.Kind.labels)}"
    if status not in SupportMeasure.Status.values:
        errors["status"] = f"状态须为：{'、'.join(SupportMeasure.Status.labels)}"
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "结束日期不能早于开始日期"
    collect(errors)
    with transaction.atomic():
        person = keyperson_lock(actor=actor, key_person_id=key_person_id)
        measure = SupportMeasure.objects.create(
            key_person=person,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            status=status,
            note=note.strip()[:200],
            created_by=actor,
        )
        event_record(
            person, "people.support_measure_add", actor=actor, label=f"帮扶措施：{measure.get_kind_display()}"
        )
    return measure


def support_measure_update(
    *, actor: Any, measure_id: int, status: str, ends_on: dt.date | None = None
) -> SupportMeasure:
    require(actor, P.KEYPERSONS)
    if status not in SupportMeasure.Status.values:
        raise ValidationFailed.field("status", f"状态须为：{'、'.join(SupportMeasure.Status.labels)}")
    with transaction.atomic():
        measure = SupportMeasure.objects.filter(pk=measure_id).first()
        if measure is None:
            raise NotFound("帮扶措施不存在")
        person = keyperson_lock(actor=actor, key_person_id=measure.key_person_id)
        if ends_on is not None and ends_on < measure.starts_on:
            raise ValidationFailed.field("ends_on", "结束日期不能早于开始日期")
        measure.status = status
        if ends_on is not None:
            measure.ends_on = ends_on
        measure.save(update_fields=["status", "ends_on"])
        event_record(
            person, "people.support_measure_update", actor=actor, label="帮扶措施状态变更", to_status=status
        )
    return measure


# --- Export requests -------------------------------------------------------------------------------


def export_request_create(*, actor: Any, purpose: str, category_id: int | None = None) -> ExportRequest:
    require(actor, P.KEYPERSONS)
    if len(purpose.strip()) < 2:
        raise ValidationFailed.field("purpose", "须说明导出用途（至少2个字）")
    if actor.unit_id is None:
        raise NotAllowed("账号未分配单位")
    with transaction.atomic():
        request = ExportRequest.objects.create(
            unit_id=actor.unit_id,
            requested_by=actor,
            purpose=purpose.strip()[:200],
            category_id=category_id or None,
        )
        audit_record(
            actor=actor, action="people.export_request", obj=request, data={"purpose": request.purpose}
        )
    return request


def export_request_decide(*, actor: Any, request_id: int, approve: bool, note: str = "") -> ExportRequest:
    """A second person with 审批重点人员导出 approves or rejects; never the requester."""
    require(actor, P.KEYPERSONS_EXPORT_APPROVE)
    with transaction.atomic():
        found = export_request_list_for(actor=actor).filter(pk=request_id).first()
        if found is None:
            raise NotFound("导出申请不存在或无权查看")
        request = ExportRequest.objects.select_for_update().get(pk=found.pk)
        if request.status != ExportRequest.Status.PENDING:
            raise Conflict(f"该申请已{request.get_status_display()}")
        if request.requested_by_id == actor.pk:
            raise NotAllowed("不能审批本人的导出申请，须由另一名有审批权限的人员审批")
        request.status = ExportRequest.Status.APPROVED if approve else ExportRequest.Status.REJECTED
        request.decided_by, request.decided_at, request.decision_note = (
            actor,
            timezone.now(),
            note.strip()[:200],
        )
        request.save()
        audit_record(actor=actor, action="people.export_decide", obj=request, data={"approve": approve})
    return request


def export_request_run(*, actor: Any, request_id: int) -> Any:
    """The requester runs an approved export once; the file is watermarked with their name."""
    from fazhi.people.services.jobs import keypersons_export_start

    require(actor, P.KEYPERSONS)
    with transaction.atomic():
        request = ExportRequest.objects.select_for_update().filter(pk=request_id, requested_by=actor).first()
        if request is None:
            raise NotFound("导出申请不存在或无权查看")
        if request.status != ExportRequest.Status.APPROVED:
            raise Conflict(f"申请{request.get_status_display()}，须经批准后方可导出")
        job = keypersons_export_start(actor=actor, request=request)
        request.status, request.job_id = ExportRequest.Status.EXPORTED, job.pk
        request.save(update_fields=["status", "job_id"])
    return job


def keyperson_access_ok(actor: Any) -> bool:
    return has_perm(actor, P.KEYPERSONS)
