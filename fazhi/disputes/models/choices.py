"""Choices shared by the tables, the services and the pages."""

from __future__ import annotations

from django.db import models

from fazhi.disputes.workflow import AgreementState as AgreementStatus
from fazhi.disputes.workflow import Status
from fazhi.disputes.workflow import TalkDayState as TalkDayStatus

__all__ = ["AgreementStatus", "Status", "TalkDayStatus"]  # the statuses live with their workflows


class Sex(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class OrgKind(models.TextChoices):
    PEOPLE = "people", "人民调解委员会"
    ADMINISTRATIVE = "administrative", "行政调解"
    FEATURED = "featured", "特色调解组织"


class CommitteeRole(models.TextChoices):
    DIRECTOR = "director", "主任"
    DEPUTY = "deputy", "副主任"
    MEMBER = "member", "委员"
    APPOINTED = "appointed", "聘任调解员"


COMMITTEE_ROLES = (CommitteeRole.DIRECTOR, CommitteeRole.DEPUTY, CommitteeRole.MEMBER)


class Source(models.TextChoices):
    SCREENING = "screening", "网格排查"
    WALK_IN = "walk_in", "来访申请"
    HOTLINE = "hotline", "热线电话"
    PETITION = "petition", "信访转入"
    TALK_DAY = "talk_day", "拉呱日"
    REFERRAL = "referral", "公安、法院引导"
    PROACTIVE = "proactive", "主动调解"
    OTHER = "other", "其他"


class RiskLevel(models.TextChoices):
    RED = "red", "红色"
    ORANGE = "orange", "橙色"
    YELLOW = "yellow", "黄色"
    BLUE = "blue", "蓝色"


class LeadLevel(models.TextChoices):
    COMMUNITY = "community", "社区负责化解"
    SUBDISTRICT = "subdistrict", "街道综治中心牵头"
    LEADER = "leader", "街道领导包案"


class Outcome(models.TextChoices):
    NONE = "", "—"
    AGREEMENT = "agreement", "达成调解协议"
    SETTLED = "settled", "当场化解或自行和解"
    FAILED = "failed", "调解不成"
    REFUSED = "refused", "当事人拒绝调解"
    TRANSFERRED = "transferred", "转其他途径"


RESOLVED_OUTCOMES = (Outcome.AGREEMENT, Outcome.SETTLED)


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "单位"


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", "申请人"
    RESPONDENT = "respondent", "被申请人"
    THIRD = "third", "第三人"


class Consent(models.TextChoices):
    PENDING = "pending", "待确认"
    AGREED = "agreed", "同意调解"
    REFUSED = "refused", "明确拒绝调解"


class EscalationKind(models.TextChoices):
    POLICE = "police", "报告公安机关"
    TO_PETITION = "to_petition", "转为信访事项"
    ARBITRATION = "arbitration", "引导申请仲裁"
    COURT = "court", "引导向法院起诉"
    ADMINISTRATIVE = "administrative", "引导行政途径"


REFERRAL_KINDS = (
    EscalationKind.TO_PETITION,
    EscalationKind.ARBITRATION,
    EscalationKind.COURT,
    EscalationKind.ADMINISTRATIVE,
)


class Route(models.TextChoices):
    """The routes a party is told of when mediation fails (人民调解法 Art. 26; 鲁多元 Art. 18)."""

    ARBITRATION = "arbitration", "申请仲裁"
    LABOUR_ARBITRATION = "labour_arbitration", "申请劳动人事争议仲裁"
    ADMINISTRATIVE = "administrative", "申请行政调解、行政裁决或行政复议"
    COURT = "court", "向人民法院提起诉讼"


class TerminationKind(models.TextChoices):
    FAILED = "failed", "调解不成"
    REFUSED = "refused", "当事人拒绝调解"


class AgreementForm(models.TextChoices):
    WRITTEN = "written", "书面协议"
    ORAL = "oral", "口头协议"


class AgreementScope(models.TextChoices):
    FULL = "full", "全部争议事项"
    PARTIAL = "partial", "部分争议事项"


class ConfirmationStatus(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", "不适用"
    OPEN = "open", "可申请"
    APPLIED = "applied", "已申请"
    CONFIRMED = "confirmed", "已确认有效"
    REJECTED = "rejected", "不予确认"
    WITHDRAWN = "withdrawn", "已撤回申请"
    DECLINED = "declined", "当事人不申请"
    LAPSED = "lapsed", "逾期未申请"


class TermStatus(models.TextChoices):
    PENDING = "pending", "待履行"
    PERFORMED = "performed", "已履行"
    PARTIAL = "partial", "部分履行"
    BREACHED = "breached", "未履行"


class SignMethod(models.TextChoices):
    SIGNATURE = "signature", "签名"
    SEAL = "seal", "盖章"
    FINGERPRINT = "fingerprint", "按指印"


class CampaignKind(models.TextChoices):
    ROUTINE = "routine", "常态化排查"
    SPECIAL = "special", "专项排查"


class Cadence(models.TextChoices):
    MONTHLY = "monthly", "每月报告"
    WEEKLY = "weekly", "每周报告"
    DAILY = "daily", "每日报告"


class ScreeningSubject(models.TextChoices):
    """What a campaign looks for. Petitions attach their own subjects to the same campaign."""

    DISPUTE = "dispute", "矛盾纠纷"
    INSTABILITY = "instability", "不稳定因素"
    PETITION_RISK = "petition_risk", "信访隐患"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "汇总中"
    SUBMITTED = "submitted", "已上报"


class IssueOutcome(models.TextChoices):
    PENDING = "pending", "待处理"
    RESOLVED = "resolved", "当场解决"
    CONVERTED = "converted", "转为矛盾纠纷"
    REFERRED = "referred", "转交部门办理"


# What an `origin_type` means on a page ("来源：信访件 …") and where it links.
ORIGINS: dict[str, tuple[str, str]] = {
    "petitions.petition": ("信访件", "/petitions/{id}/"),
    "disputes.screeningitem": ("排查上报", "/disputes/screening/items/{id}/"),
    "disputes.talkdayissue": ("拉呱日议题", "/disputes/talk-days/issues/{id}/"),
    "grid.gridevent": ("网格事件", "/grid/events/{id}/"),
}
