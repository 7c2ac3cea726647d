"""The petition's statuses and transitions (信访工作条例 Art. 22–37): who may do what, when.

registered ─accept──▶ accepted ─reply──▶ replied ─review_request─▶ review_requested ─review_accept─▶
reviewing ─review_answer─▶ reviewed ─re_review_request─▶ re_review_requested ─re_review_accept─▶
re_reviewing ─re_review_answer─▶ final. A window that passes unused finalises (the sweep); mediation
ends in final; transfer / assign / redirect / decline route the matter away from this body.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from fazhi.org.workflow import Transition, Workflow
from fazhi.petitions.models import Category, Petition, Status

VIEW = "petitions.view"
REGISTER = "petitions.register"
ROUTE = "petitions.route"
HANDLE = "petitions.handle"
LEAD = "petitions.lead"
SUPERVISE = "petitions.supervise"

S = Status
AFTER_ROUTING = [s for s in S.values if s != S.REGISTERED]
ANSWERED = [S.REPLIED, S.REVIEW_REQUESTED, S.REVIEWING, S.REVIEWED, S.RE_REVIEW_REQUESTED, S.RE_REVIEWING]
OPEN = [S.REGISTERED, S.ACCEPTED, S.ASSIGNED, S.REVIEW_REQUESTED, S.REVIEWING, S.RE_REVIEW_REQUESTED]
OPEN += [S.RE_REVIEWING]


def _notice_pending(petition: Petition, actor: Any) -> str | None:
    if not petition.notice_required:
        return "信访人姓名或住址不清，无须书面告知（《信访工作条例》第二十三条）"
    return "已书面告知" if petition.notice_sent_on else None


def _window_passed(petition: Petition, actor: Any) -> str | None:
    if petition.window_due and timezone.localdate() <= petition.window_due:
        return f"申请期限至 {petition.window_due:%Y-%m-%d} 尚未届满"
    return None


def _claim_not_extended(petition: Petition, actor: Any) -> str | None:
    if petition.category != Category.CLAIM or petition.handling_due is None:
        return "只有本机关办理的申诉求决类事项有办理期限可以延长（《信访工作条例》第三十四条）"
    if petition.extension_days:
        return "办理期限已延长过一次，不能再次延长（《信访工作条例》第三十四条）"
    return None


def _claim(petition: Petition, actor: Any) -> str | None:
    if petition.category != Category.CLAIM:
        return "调解适用于申诉求决类事项（《信访工作条例》第三十三条）"
    return None


FLOW = Workflow(
    Status,
    [
        Transition("accept", "受理", {S.REGISTERED}, S.ACCEPTED, permission=ROUTE),
        Transition("transfer", "转送", {S.REGISTERED}, S.TRANSFERRED, permission=ROUTE),
        Transition("assign", "交办", {S.REGISTERED}, S.ASSIGNED, permission=ROUTE),
        Transition("redirect", "诉访分离", {S.REGISTERED}, S.REDIRECTED, permission=ROUTE),
        Transition("decline", "不予受理", {S.REGISTERED}, S.DECLINED, permission=ROUTE),
        Transition("notice", "书面告知", AFTER_ROUTING, None, permission=ROUTE, guard=_notice_pending),
        Transition(
            "object",
            "错转异议退回",
            {S.TRANSFERRED, S.ASSIGNED},
            S.REGISTERED,
            permission=ROUTE,  # the 5-working-day limit is checked against the objection's date
        ),
        Transition("feedback", "交办反馈办结", {S.ASSIGNED}, S.CLOSED, permission=HANDLE),
        Transition("lead", "包案", OPEN, None, permission=LEAD),
        Transition(
            "note", "办理记录", {S.ACCEPTED, S.ASSIGNED, S.REVIEWING, S.RE_REVIEWING}, None, permission=HANDLE
        ),
        Transition("extend", "延期", {S.ACCEPTED}, None, permission=HANDLE, guard=_claim_not_extended),
        Transition("mediate", "调解达成协议", {S.ACCEPTED}, S.FINAL, permission=HANDLE, guard=_claim),
        Transition("refer_mediation", "转人民调解", {S.ACCEPTED}, None, permission=HANDLE),
        Transition("reply", "答复", {S.ACCEPTED}, S.REPLIED, permission=HANDLE),
        Transition("review_request", "登记复查申请", {S.REPLIED}, S.REVIEW_REQUESTED, permission=ROUTE),
        Transition("review_accept", "受理复查", {S.REVIEW_REQUESTED}, S.REVIEWING, permission=ROUTE),
        Transition("review_decline", "复查不予受理", {S.REVIEW_REQUESTED}, S.REPLIED, permission=ROUTE),
        Transition("review_answer", "复查答复", {S.REVIEWING}, S.REVIEWED, permission=HANDLE),
        Transition(
            "re_review_request", "登记复核申请", {S.REVIEWED}, S.RE_REVIEW_REQUESTED, permission=ROUTE
        ),
        Transition("re_review_accept", "受理复核", {S.RE_REVIEW_REQUESTED}, S.RE_REVIEWING, permission=ROUTE),
        Transition(
            "re_review_decline", "复核不予受理", {S.RE_REVIEW_REQUESTED}, S.REVIEWED, permission=ROUTE
        ),
        Transition("pause", "听证（复核期限中止）", {S.RE_REVIEWING}, None, permission=HANDLE),
        Transition("re_review_answer", "复核答复", {S.RE_REVIEWING}, S.FINAL, permission=HANDLE),
        Transition(
            "finalize", "终结", {S.REPLIED, S.REVIEWED}, S.FINAL, permission=ROUTE, guard=_window_passed
        ),
        Transition("follow_up", "回访", [*ANSWERED, S.FINAL, S.CLOSED], None, permission=HANDLE),
        Transition("aftercare", "终结后续帮扶", {S.FINAL}, None, permission=HANDLE),
        Transition("supervise", "督办", OPEN, None, permission=SUPERVISE),
    ],
)

ROUTE_ACTIONS = ("accept", "transfer", "assign", "redirect", "decline")


def available_actions(petition: Petition, actor: Any) -> list[Transition]:
    return FLOW.available_actions(petition, actor)


def action_codes(petition: Petition, actor: Any) -> list[str]:
    return [t.action for t in available_actions(petition, actor)]
