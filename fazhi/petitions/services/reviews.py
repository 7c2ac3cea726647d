"""复查 and 复核 (信访工作条例 Art. 35–36; 山东省信访条例 Art. 43–44) and 终结 (Art. 36; 鲁 Art. 46).

A request within 30 days of receiving the answer; the acceptance decision within 3 working days
(Shandong); the answer within 30 days of the request; hearing time in 复核 not counted (stored pauses).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from fazhi.core.deadlines import Rule, deadline
from fazhi.core.errors import ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.petitions import rules
from fazhi.petitions.models import Outcome, Pause, Petition, Review, Status
from fazhi.petitions.services.common import day, petition_lock, transition


@dataclass(frozen=True)
class LevelSpec:
    request: str
    accept: str
    decline: str
    answer: str
    window: Rule
    decision: Rule
    period: Rule
    next_window: Rule | None


LEVELS: dict[str, LevelSpec] = {
    Review.Level.REVIEW: LevelSpec(
        "review_request",
        "review_accept",
        "review_decline",
        "review_answer",
        rules.REVIEW_WINDOW,
        rules.REVIEW_DECISION,
        rules.REVIEW,
        rules.RE_REVIEW_WINDOW,
    ),
    Review.Level.RE_REVIEW: LevelSpec(
        "re_review_request",
        "re_review_accept",
        "re_review_decline",
        "re_review_answer",
        rules.RE_REVIEW_WINDOW,
        rules.RE_REVIEW_DECISION,
        rules.RE_REVIEW,
        None,
    ),
}
_LEVEL_OF_STATUS = {
    Status.REPLIED: Review.Level.REVIEW,
    Status.REVIEW_REQUESTED: Review.Level.REVIEW,
    Status.REVIEWING: Review.Level.REVIEW,
    Status.REVIEWED: Review.Level.RE_REVIEW,
    Status.RE_REVIEW_REQUESTED: Review.Level.RE_REVIEW,
    Status.RE_REVIEWING: Review.Level.RE_REVIEW,
}


def _level(petition: Petition) -> str:
    level = _LEVEL_OF_STATUS.get(Status(petition.status))
    if level is None:
        from fazhi.core.errors import InvalidTransition
        from fazhi.petitions.workflow import FLOW

        raise InvalidTransition(
            status=petition.status,
            status_label=petition.get_status_display(),
            action="复查/复核",
            allowed=[t.action for t in FLOW.transitions.values() if petition.status in t.sources],
        )
    return level


def _current(petition: Petition, level: str) -> Review:
    review = petition.reviews.filter(level=level).order_by("-id").first()
    if review is None:
        raise ValidationFailed.field("level", "尚未登记复查/复核申请")
    return review


def petition_review_request(
    *, actor: Any, petition_id: int, requested_on: date | None, request: str, body: str = ""
) -> Review:
    """Register a 复查 (after the reply) or 复核 (after the 复查 answer) request, within 30 days of
    receiving the written answer; starts the 3-working-day acceptance decision (鲁 Art. 43–44)."""
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        level = _level(petition)
        spec = LEVELS[level]
        errors: dict[str, str] = {}
        if not (request or "").strip():
            errors["request"] = "请填写请求复查/复核的理由"
        collect(errors)
        requested_on = day(requested_on, field="requested_on", label="申请日期")
        window = spec.window
        if petition.window_due and requested_on > petition.window_due:
            raise ValidationFailed.field(
                "requested_on",
                f"已超过{window.label}（收到书面答复之日起{window.period_text}，至 {petition.window_due:%Y-%m-%d}，"
                f"{window.basis}），不予受理；该事项按规定终结",
            )
        transition(petition, spec.request, actor, note=request.strip()[:200])
        review = Review.objects.create(
            petition=petition,
            level=level,
            body=(body or "").strip()
            or (
                "县信访局（上一级行政机关）"
                if level == Review.Level.REVIEW
                else "市信访局（复查机关的上一级）"
            ),
            requested_on=requested_on,
            request=request.strip(),
            decision_due=deadline(spec.decision, requested_on).due,
            by=actor,
        )
        petition.save(update_fields=["status"])
    return review


def petition_review_decide(
    *, actor: Any, petition_id: int, accept: bool, reason: str = "", on: date | None = None
) -> Review:
    """Accept or refuse a 复查/复核 request (鲁 Art. 43–44: within 3 working days; a refusal in
    writing with reasons). Accepting starts the 30-day answer period from the request."""
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        level = _level(petition)
        spec = LEVELS[level]
        review = _current(petition, level)
        on = day(on, field="on", label="决定日期", not_before=review.requested_on, before_label="申请日期")
        if not accept and not (reason or "").strip():
            raise ValidationFailed.field(
                "reason", f"不予受理须书面告知信访人并说明理由（{spec.decision.basis}）"
            )
        late = on > review.decision_due
        note = ("受理" if accept else f"不予受理：{reason.strip()}") + (
            f"；超过{spec.decision.period_text}受理决定期限（{spec.decision.basis}）" if late else ""
        )
        transition(petition, spec.accept if accept else spec.decline, actor, note=note)
        if accept:
            review.accepted_on = on
            review.due = deadline(spec.period, review.requested_on).due
        else:
            review.declined_on, review.decline_reason = on, reason.strip()
        review.save()
        petition.save(update_fields=["status"])
    return review


def petition_review_pause(*, actor: Any, petition_id: int, first: date, last: date, reason: str) -> Review:
    """Hearing time in 复核 is not counted (Art. 36): store the pause, recompute the due date."""
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        review = (
            _current(petition, Review.Level.RE_REVIEW) if petition.status == Status.RE_REVIEWING else None
        )
        transition(petition, "pause", actor, note=f"听证 {first:%Y-%m-%d} 至 {last:%Y-%m-%d}：{reason}")
        assert review is not None  # the workflow allows "pause" only while 复核中
        errors: dict[str, str] = {}
        if last < first:
            errors["last"] = "听证结束日期不能早于开始日期"
        if review.accepted_on and first <= review.requested_on:
            errors["first"] = "听证应在复核申请之后"
        if not (reason or "").strip():
            errors["reason"] = "请写明听证事由"
        collect(errors)
        Pause.objects.create(review=review, first=first, last=last, reason=reason.strip())
        pauses = [(p.first, p.last) for p in review.pauses.all()]
        review.due = deadline(rules.RE_REVIEW, review.requested_on, pauses=pauses).due
        review.save(update_fields=["due"])
    return review


def petition_review_answer(
    *,
    actor: Any,
    petition_id: int,
    outcome: str,
    opinion: str,
    on: date | None = None,
    delivered_on: date | None = None,
) -> Review:
    """The 复查/复核 opinion in writing. After 复查 the 复核 window (30 days) opens; after 复核 the
    matter is 终结 (Art. 36; 鲁 Art. 46)."""
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = "复查/复核意见须为支持、解释说明或不予支持之一"
    if len((opinion or "").strip()) < 5:
        errors["opinion"] = "请填写复查/复核意见"
    collect(errors)
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        level = _level(petition)
        spec = LEVELS[level]
        review = _current(petition, level)
        on = day(
            on,
            field="on",
            label="答复日期",
            not_before=review.accepted_on or review.requested_on,
            before_label="受理日期",
        )
        delivered = day(
            delivered_on or on, field="delivered_on", label="送达日期", not_before=on, before_label="答复日期"
        )
        late = review.due is not None and on > review.due
        transition(
            petition,
            spec.answer,
            actor,
            note=Outcome(outcome).label
            + (f"；超过{spec.period.label}（{spec.period.basis}）" if late else ""),
        )
        review.answered_on, review.delivered_on = on, delivered
        review.outcome, review.opinion = outcome, opinion.strip()
        review.save()
        if spec.next_window is not None:
            petition.window_due = deadline(spec.next_window, delivered).due
        else:
            petition.window_due = None
            petition.final_on, petition.final_reason = on, "复核终结"
        petition.save()
    return review


def petition_finalize(*, actor: Any, petition_id: int, on: date | None = None) -> Petition:
    """终结 by hand once the 复查/复核 window has passed unused (Art. 36; 鲁 Art. 46)."""
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        on = day(on, field="on", label="终结日期")
        _finalize(petition, actor=actor, on=on, check=True)
    return petition


def _finalize(petition: Petition, *, actor: Any, on: date, check: bool) -> None:
    reason = "复查申请期限届满未申请" if petition.status == Status.REPLIED else "复核申请期限届满未申请"
    if check:
        transition(petition, "finalize", actor, note=f"{reason}（{rules.FINAL_BASIS}）")
    else:  # the sweep: the system, no permission to check
        before = petition.status
        petition.status = Status.FINAL
        event_record(
            petition,
            "petitions.finalize",
            actor=None,
            label="终结",
            from_status=before,
            to_status=Status.FINAL,
            note=f"{reason}（{rules.FINAL_BASIS}）",
        )
    petition.final_on, petition.final_reason = on, reason
    petition.save()


def petition_finalize_due(*, today: date) -> int:
    """The sweep: every answered matter whose 复查/复核 window ended before `today` is 终结."""
    count = 0
    ids = list(
        Petition.objects.filter(
            status__in=[Status.REPLIED, Status.REVIEWED], window_due__lt=today
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            petition = Petition.objects.select_for_update().get(pk=pk)
            if (
                petition.status in (Status.REPLIED, Status.REVIEWED)
                and petition.window_due
                and petition.window_due < today
            ):
                _finalize(petition, actor=None, on=petition.window_due + timedelta(days=1), check=False)
                count += 1
    return count


__all__ = [
    "petition_finalize",
    "petition_finalize_due",
    "petition_review_answer",
    "petition_review_decide",
    "petition_review_pause",
    "petition_review_request",
]
