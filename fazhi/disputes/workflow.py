"""Statuses of a dispute and of an agreement, and their transition tables.

Dispute: 已登记 → 已指派 → 调解中 → 已达成协议 → 已结案, or → 调解不成 / 拒绝调解 / 已转出. A party's
clear refusal ends it at any point before agreement (人民调解法 Art. 17, 23); a full agreement taking
effect moves it to 已达成协议, where performance is followed up (Art. 31) until it is closed.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from fazhi.disputes import perms
from fazhi.org.scope import has_perm
from fazhi.org.workflow import Transition, Workflow


class Status(models.TextChoices):
    REGISTERED = "registered", "已登记"
    ASSIGNED = "assigned", "已指派"
    MEDIATING = "mediating", "调解中"
    AGREED = "agreed", "已达成协议"
    CLOSED = "closed", "已结案"
    FAILED = "failed", "调解不成"
    REFUSED = "refused", "拒绝调解"
    TRANSFERRED = "transferred", "已转出"


OPEN = (Status.REGISTERED, Status.ASSIGNED, Status.MEDIATING)
ENDED = (Status.CLOSED, Status.FAILED, Status.REFUSED, Status.TRANSFERRED)


def _intake_or_mediate(obj: Any, actor: Any) -> str | None:
    if has_perm(actor, perms.INTAKE) or has_perm(actor, perms.MEDIATE):
        return None
    return "无权执行此操作：需要“登记矛盾纠纷”或“调解矛盾纠纷”权限"


DISPUTE = Workflow(
    Status,
    [
        Transition("update", "修改登记信息", OPEN, None, permission=perms.INTAKE),
        Transition("add_party", "补充当事人", OPEN, None, permission=perms.INTAKE),
        Transition("settle_on_spot", "当场化解", {Status.REGISTERED}, Status.CLOSED, permission=perms.INTAKE),
        Transition("assign", "指派调解", {Status.REGISTERED}, Status.ASSIGNED, permission=perms.MEDIATE),
        Transition(
            "reassign", "调整调解组织或调解员", {Status.ASSIGNED, Status.MEDIATING}, None, perms.MEDIATE
        ),
        Transition("consent", "记录调解意愿", OPEN, None, permission=perms.MEDIATE),
        Transition("start", "开始调解", {Status.ASSIGNED}, Status.MEDIATING, permission=perms.MEDIATE),
        Transition("refuse", "当事人拒绝调解", OPEN, Status.REFUSED, permission=perms.MEDIATE),
        Transition(
            "session", "记录调解", {Status.ASSIGNED, Status.MEDIATING}, None, permission=perms.MEDIATE
        ),
        Transition("agree", "登记调解协议", {Status.MEDIATING}, None, permission=perms.MEDIATE),
        Transition("conclude", "协议生效", {Status.MEDIATING}, Status.AGREED, permission=perms.MEDIATE),
        Transition(
            "terminate",
            "终止调解（调解不成）",
            {Status.ASSIGNED, Status.MEDIATING},
            Status.FAILED,
            perms.MEDIATE,
        ),
        Transition("settle", "自行和解结案", OPEN, Status.CLOSED, permission=perms.MEDIATE),
        Transition("close", "履行完毕结案", {Status.AGREED}, Status.CLOSED, permission=perms.MEDIATE),
        Transition("refer", "移交其他途径", OPEN, Status.TRANSFERRED, permission=perms.MEDIATE),
        Transition(
            "refer_after",
            "记录引导途径",
            {Status.AGREED, Status.CLOSED, Status.FAILED, Status.REFUSED},
            None,
            permission=perms.MEDIATE,
        ),
        Transition(
            "report_police",
            "报告公安机关",
            {*OPEN, Status.AGREED, Status.FAILED, Status.REFUSED},
            None,
            guard=_intake_or_mediate,
        ),
        Transition("set_leader", "指定包案领导", {*OPEN, Status.AGREED}, None, permission=perms.LEAD),
        Transition("attach", "上传附件", list(Status.values), None, guard=_intake_or_mediate),
    ],
)


class AgreementState(models.TextChoices):
    """Mirrors models.choices.AgreementStatus for the agreement's own transition table."""

    DRAFT = "draft", "待签署"
    EFFECTIVE = "effective", "已生效"
    VOID = "void", "已作废"


AGREEMENT = Workflow(
    AgreementState,
    [
        Transition("sign", "签署", {AgreementState.DRAFT}, None, permission=perms.MEDIATE),
        Transition("take_effect", "生效", {AgreementState.DRAFT}, AgreementState.EFFECTIVE, perms.MEDIATE),
        Transition("void", "作废", {AgreementState.DRAFT}, AgreementState.VOID, permission=perms.MEDIATE),
        Transition(
            "confirmation", "记录司法确认", {AgreementState.EFFECTIVE}, None, permission=perms.MEDIATE
        ),
        Transition("follow_up", "履行回访", {AgreementState.EFFECTIVE}, None, permission=perms.MEDIATE),
    ],
)


class TalkDayState(models.TextChoices):
    PLANNED = "planned", "计划中"
    HELD = "held", "已举行"
    CANCELLED = "cancelled", "已取消"


TALK_DAY = Workflow(
    TalkDayState,
    [
        Transition(
            "hold", "记录活动", {TalkDayState.PLANNED, TalkDayState.HELD}, TalkDayState.HELD, perms.SCREEN
        ),
        Transition("cancel", "取消", {TalkDayState.PLANNED}, TalkDayState.CANCELLED, permission=perms.SCREEN),
        Transition("raise_issue", "记录反映问题", {TalkDayState.HELD}, None, permission=perms.SCREEN),
    ],
)
