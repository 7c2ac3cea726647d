"""The statutory and local parameters of disputes and mediation, each with its basis (DOMAIN.md §2).

Numbers marked *configurable* or *local* have no fixed national value: the default ships here and an
administrator overrides it in settings, e.g. ``FAZHI_DISPUTES = {"TERM_WARNING_DAYS": 90}``. They are
read through `local()` when used, so a changed setting applies without a restart of the rules.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from fazhi.core.deadlines import Rule


def local(name: str) -> Any:
    """A configurable value: settings.FAZHI_DISPUTES[name] if given, else the default below."""
    overrides = getattr(settings, "FAZHI_DISPUTES", {}) or {}
    return overrides.get(name, DEFAULTS[name])


# --- Mediation committees (人民调解法 Art. 8–9) ------------------------------------------------

COMMITTEE_MIN_MEMBERS = 3  # 《人民调解法》第八条：委员三至九人
COMMITTEE_MAX_MEMBERS = 9  # 《人民调解法》第八条
COMMITTEE_DIRECTORS = 1  # 《人民调解法》第八条：设主任一人
COMMITTEE_BASIS = "《人民调解法》第八条"
WOMAN_BASIS = "《人民调解法》第八条第三款"  # 应当有妇女成员
COMMITTEE_TERM_YEARS = 3  # 《人民调解法》第九条：每届任期三年，可以连选连任
TERM_BASIS = "《人民调解法》第九条"
MEDIATOR_MIN_AGE = 18  # 《人民调解法》第十四条：成年公民
MEDIATOR_BASIS = "《人民调解法》第十四条"

# --- The mediation itself ---------------------------------------------------------------------

# Customary duration: "人民调解委员会调解纠纷，一般在一个月内调结" — configurable (DOMAIN.md §2).
MEDIATION = Rule(
    "disputes.mediation",
    "调解期限",
    int(getattr(settings, "FAZHI_DISPUTES", {}).get("MEDIATION_MONTHS", 1)),
    "month",
    "司法部《人民调解工作若干规定》第三十三条",
)
# 司法确认: jointly, within 30 days of the agreement taking effect.
JUDICIAL_CONFIRMATION = Rule(
    "disputes.judicial_confirmation",
    "司法确认申请期限",
    30,
    "calendar",
    "《人民调解法》第三十三条、《民事诉讼法》第二百零五条",
)
# Labour disputes: no agreement within 15 days of the application → arbitration may be sought.
LABOUR_MEDIATION = Rule(
    "disputes.labour_mediation",
    "劳动争议调解期限",
    15,
    "calendar",
    "《劳动争议调解仲裁法》第十四条",
)
# Time limits shown when a party is referred elsewhere (Art. 26: arbitration, administrative, court).
LABOUR_ARBITRATION_LIMIT = Rule(
    "disputes.labour_arbitration_limit",
    "劳动争议仲裁时效",
    1,
    "year",
    "《劳动争议调解仲裁法》第二十七条",
)
CIVIL_LIMITATION = Rule("disputes.civil_limitation", "民事诉讼时效", 3, "year", "《民法典》第一百八十八条")
ADMIN_REVIEW_LIMIT = Rule(
    "disputes.admin_review_limit", "行政复议申请期限", 60, "calendar", "《行政复议法》第二十条"
)

VOLUNTARY_BASIS = "《人民调解法》第十七条"  # one party clearly refuses → no mediation
CHOICE_BASIS = "《人民调解法》第十九条"  # mediators appointed, or chosen by the parties
INVITE_BASIS = "《人民调解法》第二十条"  # relatives, neighbours, experts — with the parties' consent
POLICE_BASIS = "《人民调解法》第二十五条"  # may turn into a public-security or criminal case
FAILURE_BASIS = "《人民调解法》第二十六条"  # tell the parties their routes
FAILURE_RECORD_BASIS = "《山东省多元化解纠纷促进条例》第二十四条"  # undisputed facts, times, reasons
PARTIAL_BASIS = "《山东省多元化解纠纷促进条例》第二十三条"
ORAL_BASIS = "《人民调解法》第二十八条、第三十条"
AGREEMENT_BASIS = "《人民调解法》第二十九条"
PERFORMANCE_BASIS = "《人民调解法》第三十一条"
JC_MATERIALS_BASIS = "《最高人民法院关于人民调解协议司法确认程序的若干规定》第三条"
JC_EXCLUDED_BASIS = "《最高人民法院关于人民调解协议司法确认程序的若干规定》第四条"
FEATURED_BASIS = "《山东省多元化解纠纷促进条例》第四十九条"

# What the court needs with a joint application (2011 规定 Art. 3); agent's authority only with an agent.
JC_MATERIALS: list[tuple[str, str]] = [
    ("application", "司法确认申请书（双方当事人共同申请）"),
    ("agreement", "调解协议书"),
    ("identity", "当事人身份证明（身份证复印件；单位为营业执照及法定代表人身份证明）"),
    ("evidence", "与调解协议相关的财产权利证明等证明材料"),
    ("contacts", "双方当事人的送达地址、电话号码等联系方式"),
    ("authority", "委托他人代为申请的，由委托人签名或盖章的授权委托书"),
]

# --- Risk levels (no national standard: DOMAIN.md §2, configurable) -------------------------

RISK_ORDER = ["red", "orange", "yellow", "blue"]  # most to least serious; "blue" needs no criterion
RISK_FLAG_LABELS = {
    "police_history": "有报警或公安处置记录",
    "criminal_risk": "有激化为治安、刑事案件的风险",
    "group_behaviour": "有群体性行为或苗头",
    "extreme_behaviour": "有扬言极端行为或过激言行",
}

# --- Local defaults (configurable through settings.FAZHI_DISPUTES) --------------------------

DEFAULTS: dict[str, Any] = {
    # The committee's term is warned this many days before it ends (我的待办 for the clerk).
    "TERM_WARNING_DAYS": 60,
    # Mediation is shown as due soon this many days before its one-month mark.
    "MEDIATION_DUE_SOON_DAYS": 5,
    # The 司法确认 window is a 我的待办 item from the start; it turns "due" this many days before.
    "JC_REMIND_DAYS": 7,
    # An agreed term is shown as due this many days before its performance date.
    "PERFORMANCE_DUE_SOON_DAYS": 3,
    # Criteria for each level; a dispute takes the most serious level any criterion meets.
    "RISK_CRITERIA": {
        "red": {"people_involved": 30, "amount": 1_000_000, "flags": ["extreme_behaviour"]},
        "orange": {"people_involved": 10, "amount": 200_000, "flags": ["criminal_risk", "group_behaviour"]},
        "yellow": {"people_involved": 5, "amount": 50_000, "flags": ["police_history"]},
    },
    # Who leads at each level: the community, the subdistrict's 综治中心, a subdistrict leader (包案).
    "LEAD_BY_LEVEL": {"blue": "community", "yellow": "community", "orange": "subdistrict", "red": "leader"},
    # The basic court with jurisdiction over the committees here (2011 规定 Art. 2) — local.
    "COURT": "博兴县人民法院",
    # Where the police report goes by default (人民调解法 Art. 25) — local.
    "POLICE_STATION": "博兴县公安局少海派出所",
}
