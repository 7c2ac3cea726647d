"""The deadlines of one petition as users read them: the rule, its legal basis, the due date, days
left (剩余N天 · 《信访工作条例》第三十四条), and whether the step was done (and on time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.core.deadlines import DUE_SOON_DAYS, Rule
from fazhi.petitions import rules
from fazhi.petitions.models import Petition, Review, Status


@dataclass(frozen=True)
class DeadlineInfo:
    code: str
    label: str
    due: date
    basis: str
    period: str
    done_on: date | None
    today: date

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days

    @property
    def state(self) -> str:
        """done / late (done after the due day) / overdue / due_soon / ok."""
        if self.done_on is not None:
            return "done" if self.done_on <= self.due else "late"
        left = self.days_left
        return "overdue" if left < 0 else "due_soon" if left <= DUE_SOON_DAYS else "ok"

    @property
    def text(self) -> str:
        if self.done_on is not None:
            when = f"{self.done_on:%Y-%m-%d}完成"
            return when + ("（逾期）" if self.state == "late" else "（按期）")
        left = self.days_left
        return f"剩余{left}天" if left > 0 else "今日到期" if left == 0 else f"已逾期{-left}天"

    @property
    def tag(self) -> str:
        return {"done": "green", "late": "orange", "overdue": "red", "due_soon": "yellow", "ok": "blue"}[
            self.state
        ]

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "label": self.label,
            "due": self.due,
            "basis": self.basis,
            "period": self.period,
            "days_left": self.days_left,
            "state": self.state,
            "text": self.text,
            "done_on": self.done_on,
        }


def _info(
    rule: Rule, due: date | None, done: date | None, today: date, label: str = ""
) -> DeadlineInfo | None:
    if due is None:
        return None
    return DeadlineInfo(rule.code, label or rule.label, due, rule.basis, rule.period_text, done, today)


def deadlines_of(petition: Petition, today: date) -> list[DeadlineInfo]:
    """Every deadline the matter has had, in the order they arise."""
    found: list[DeadlineInfo | None] = [
        _info(rules.ROUTING, petition.route_due, petition.routed_on, today),
    ]
    if petition.notice_required:
        found.append(_info(rules.NOTICE, petition.notice_due, petition.notice_sent_on, today))
    if petition.objection_due and petition.status in (Status.TRANSFERRED, Status.ASSIGNED):
        found.append(_info(rules.OBJECTION, petition.objection_due, None, today))
    if petition.handling_due:
        label = rules.HANDLING.label + (
            f"（已延长{petition.extension_days}日）" if petition.extension_days else ""
        )
        found.append(_info(rules.HANDLING, petition.handling_due, petition.concluded_on, today, label))
    reviews = list(petition.reviews.all())
    for review in reviews:
        re = review.level == Review.Level.RE_REVIEW
        found.append(
            _info(
                rules.RE_REVIEW_DECISION if re else rules.REVIEW_DECISION,
                review.decision_due,
                review.accepted_on or review.declined_on,
                today,
            )
        )
        label = (rules.RE_REVIEW if re else rules.REVIEW).label
        pauses = list(review.pauses.all())
        if re and pauses:
            label += f"（听证中止{sum((p.last - p.first).days + 1 for p in pauses)}日不计入）"
        found.append(
            _info(rules.RE_REVIEW if re else rules.REVIEW, review.due, review.answered_on, today, label)
        )
    if petition.window_due and petition.status in (Status.REPLIED, Status.REVIEWED):
        rule = rules.REVIEW_WINDOW if petition.status == Status.REPLIED else rules.RE_REVIEW_WINDOW
        found.append(_info(rule, petition.window_due, None, today, rule.label + "（信访人）"))
    if petition.follow_up_due:
        done = petition.follow_ups.all()[0].on if petition.follow_ups.all() else None
        found.append(_info(rules.FOLLOW_UP, petition.follow_up_due, done, today))
    return [d for d in found if d is not None]


def next_deadline(petition: Petition, today: date) -> DeadlineInfo | None:
    """The earliest deadline still open (for lists and the leader's board)."""
    open_ = [
        d for d in deadlines_of(petition, today) if d.done_on is None and d.code != rules.REVIEW_WINDOW.code
    ]
    open_ = [d for d in open_ if d.code != rules.RE_REVIEW_WINDOW.code]
    return min(open_, key=lambda d: d.due) if open_ else None


def board_colour(petition: Petition, today: date) -> str:
    """红/黄/绿 on the leader's board: overdue or dissatisfied red, due within 3 days yellow, else green."""
    if petition.satisfaction == "dissatisfied":
        return "red"
    d = next_deadline(petition, today)
    if d is None:
        return "green"
    return {"overdue": "red", "due_soon": "yellow"}.get(d.state, "green")
