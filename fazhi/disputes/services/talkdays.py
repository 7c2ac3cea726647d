"""小板凳拉呱日: schedule a talk day, record it (attendance, what was raised), and settle each issue on
the spot, refer it, or turn it into a dispute in one step (lineage kept)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time
from typing import Any

from django.db import transaction

from fazhi.core.errors import Conflict, NotFound, ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.disputes import perms
from fazhi.disputes.models import DisputeCategory, TalkDay, TalkDayIssue
from fazhi.disputes.models.choices import IssueOutcome, Source
from fazhi.disputes.selectors.talkdays import issue_get_for, talk_day_get_for
from fazhi.disputes.services.common import PartyData, not_future, today
from fazhi.disputes.services.intake import dispute_intake
from fazhi.disputes.workflow import TALK_DAY, TalkDayState
from fazhi.org import services as org_services
from fazhi.org.models import UnitKind, User
from fazhi.org.scope import subdistrict_of
from fazhi.org.selectors import unit_get_for

ISSUE_TYPE = "disputes.talkdayissue"


def _lock(actor: Any, talk_day_id: int) -> TalkDay:
    talk_day = talk_day_get_for(actor=actor, talk_day_id=talk_day_id)
    return TalkDay.objects.select_for_update(of=("self",)).select_related("unit").get(pk=talk_day.pk)


def talk_day_schedule(
    *,
    actor: Any,
    unit_id: int,
    held_on: date,
    place: str,
    topic: str = "",
    start_time: time | None = None,
    host_id: int | None = None,
) -> TalkDay:
    """Schedule a talk day in a community or grid in the actor's scope."""
    org_services.require(actor, perms.SCREEN)
    with transaction.atomic():
        errors: dict[str, str] = {}
        try:
            unit = unit_get_for(actor=actor, unit_id=unit_id)
        except NotFound:
            raise ValidationFailed.field("unit_id", "社区或网格不存在或不在本人管辖范围内") from None
        if unit.kind not in (UnitKind.COMMUNITY, UnitKind.GRID):
            errors["unit_id"] = "拉呱日在社区或网格举行"
        if held_on is None:
            errors["held_on"] = "日期不能为空"
        if not (place or "").strip():
            errors["place"] = "地点不能为空"
        host = None
        if host_id:
            host = User.objects.filter(
                pk=host_id, is_active=True, unit__path__startswith=subdistrict_of(unit).path
            ).first()
            if host is None:
                errors["host_id"] = "主持人账号不存在"
        collect(errors)
        talk_day = TalkDay.objects.create(
            unit=unit,
            held_on=held_on,
            start_time=start_time,
            place=place.strip()[:200],
            topic=(topic or "").strip()[:100],
            host=host or actor,
            created_by=actor,
        )
        event_record(
            talk_day,
            "disputes.talk_day_schedule",
            actor=actor,
            label="安排拉呱日",
            note=f"{unit.name} {held_on:%Y-%m-%d}",
        )
    return talk_day


def talk_day_record(
    *,
    actor: Any,
    talk_day_id: int,
    attendance: int,
    attendees: str = "",
    notes: str = "",
    held_on: date | None = None,
) -> TalkDay:
    """Record that the talk day took place: how many came, who, what happened (may be corrected)."""
    with transaction.atomic():
        talk_day = _lock(actor, talk_day_id)
        TALK_DAY.check(talk_day, "hold", actor)
        held_on = held_on or talk_day.held_on
        errors: dict[str, str] = {}
        try:
            not_future(held_on, "held_on", "举行日期")
        except ValidationFailed as exc:
            errors.update(exc.fields)
        if attendance is None or int(attendance) < 1:
            errors["attendance"] = "参加人数至少为1人"
        collect(errors)
        before = talk_day.status
        talk_day.status, talk_day.held_on = TalkDayState.HELD, held_on
        talk_day.attendance, talk_day.attendees, talk_day.notes = (
            int(attendance),
            attendees.strip(),
            notes.strip(),
        )
        talk_day.save()
        event_record(
            talk_day,
            "disputes.talk_day_hold",
            actor=actor,
            label="记录拉呱日",
            from_status=before,
            to_status=TalkDayState.HELD,
            note=f"参加{talk_day.attendance}人",
        )
    return talk_day


def talk_day_cancel(*, actor: Any, talk_day_id: int, reason: str) -> TalkDay:
    with transaction.atomic():
        talk_day = _lock(actor, talk_day_id)
        TALK_DAY.check(talk_day, "cancel", actor)
        if not (reason or "").strip():
            raise ValidationFailed.field("reason", "请说明取消原因")
        talk_day.status = TalkDayState.CANCELLED
        talk_day.notes = reason.strip()
        talk_day.save(update_fields=["status", "notes"])
        event_record(
            talk_day,
            "disputes.talk_day_cancel",
            actor=actor,
            label="取消",
            from_status=TalkDayState.PLANNED,
            to_status=TalkDayState.CANCELLED,
            note=reason.strip()[:200],
        )
    return talk_day


def _category(code: str) -> DisputeCategory | None:
    if not code:
        return None
    category = DisputeCategory.objects.filter(code=code, is_active=True).first()
    if category is None:
        raise ValidationFailed.field("category", "纠纷类别不存在")
    return category


def talk_issue_add(
    *,
    actor: Any,
    talk_day_id: int,
    description: str,
    raised_by: str = "",
    category: str = "",
    outcome: str = IssueOutcome.PENDING,
    resolution: str = "",
    parties: Sequence[PartyData | Mapping[str, Any]] = (),
    people_involved: int = 2,
) -> TalkDayIssue:
    """Record a matter raised at a held talk day, and in the same step how it was dealt with: resolved
    on the spot, referred, left pending, or turned into a dispute (`outcome="converted"`)."""
    with transaction.atomic():
        talk_day = _lock(actor, talk_day_id)
        TALK_DAY.check(talk_day, "raise_issue", actor)
        errors: dict[str, str] = {}
        if not (description or "").strip():
            errors["description"] = "反映问题不能为空"
        if outcome not in IssueOutcome.values:
            errors["outcome"] = "请选择处理结果"
        if outcome in (IssueOutcome.RESOLVED, IssueOutcome.REFERRED) and not resolution.strip():
            errors["resolution"] = "请填写处理情况"
        try:
            category_obj = _category(category)
        except ValidationFailed as exc:
            errors.update(exc.fields)
            category_obj = None
        if outcome == IssueOutcome.CONVERTED and category_obj is None:
            errors["category"] = "转为矛盾纠纷须选择纠纷类别"
        collect(errors)
        issue = TalkDayIssue.objects.create(
            talk_day=talk_day,
            raised_by=raised_by.strip()[:60],
            description=description.strip(),
            category=category_obj,
            outcome=IssueOutcome.PENDING if outcome == IssueOutcome.CONVERTED else outcome,
            resolution=resolution.strip(),
        )
        event_record(
            talk_day,
            "disputes.talk_issue",
            actor=actor,
            label="记录反映问题",
            note=IssueOutcome(outcome).label,
            data={"issue": issue.pk},
        )
        if outcome == IssueOutcome.CONVERTED:
            _convert(
                actor,
                issue,
                talk_day,
                category=category,
                parties=parties,
                people_involved=people_involved,
                registered_on=talk_day.held_on,
            )
    return issue


def _convert(
    actor: Any, issue: TalkDayIssue, talk_day: TalkDay, *, category: str, parties: Sequence[Any], **extra: Any
) -> Any:
    if issue.outcome != IssueOutcome.PENDING:
        raise Conflict("该问题已处理，不能重复转为矛盾纠纷")
    dispute = dispute_intake(
        actor=actor,
        unit_id=talk_day.unit_id,
        category=category or (issue.category.code if issue.category else ""),
        source=Source.TALK_DAY,
        summary=extra.pop("summary", "") or issue.description,
        parties=parties,
        place=extra.pop("place", "") or talk_day.place,
        registered_on=extra.pop("registered_on", None) or today(),
        origin_type=ISSUE_TYPE,
        origin_id=str(issue.pk),
        **extra,
    )
    issue.outcome, issue.dispute = IssueOutcome.CONVERTED, dispute
    issue.resolution = issue.resolution or f"转为矛盾纠纷{dispute.number}"
    issue.save(update_fields=["outcome", "dispute", "resolution"])
    return dispute


def talk_issue_resolve(*, actor: Any, issue_id: int, outcome: str, resolution: str) -> TalkDayIssue:
    """Settle a pending issue later: resolved, or referred to a department."""
    with transaction.atomic():
        issue = issue_get_for(actor=actor, issue_id=issue_id)
        talk_day = _lock(actor, issue.talk_day_id)
        TALK_DAY.check(talk_day, "raise_issue", actor)
        issue = TalkDayIssue.objects.select_for_update().get(pk=issue.pk)
        if issue.outcome != IssueOutcome.PENDING:
            raise Conflict("该问题已处理")
        if outcome not in (IssueOutcome.RESOLVED, IssueOutcome.REFERRED):
            raise ValidationFailed.field("outcome", "请选择当场解决或转交部门办理")
        if not (resolution or "").strip():
            raise ValidationFailed.field("resolution", "请填写处理情况")
        issue.outcome, issue.resolution = outcome, resolution.strip()
        issue.save(update_fields=["outcome", "resolution"])
        event_record(
            talk_day,
            "disputes.talk_issue_resolve",
            actor=actor,
            label="处理反映问题",
            note=IssueOutcome(outcome).label,
        )
    return issue


def talk_issue_convert(
    *,
    actor: Any,
    issue_id: int,
    category: str = "",
    parties: Sequence[PartyData | Mapping[str, Any]] = (),
    **extra: Any,
) -> Any:
    """Turn a pending issue into a dispute (source 拉呱日, origin the issue); once only."""
    with transaction.atomic():
        issue = issue_get_for(actor=actor, issue_id=issue_id)
        talk_day = _lock(actor, issue.talk_day_id)
        TALK_DAY.check(talk_day, "raise_issue", actor)
        issue = (
            TalkDayIssue.objects.select_for_update(of=("self",)).select_related("category").get(pk=issue.pk)
        )
        return _convert(actor, issue, talk_day, category=category, parties=parties, **extra)
