"""The numbers of residents and key persons, each with its basis (DOMAIN.md §3–4).

Items marked configurable read an override from settings (FAZHI_PEOPLE_RULES, a dict keyed by the
constant's name) so an administrator can change them without a code change.

Visit intervals are clinical/supervisory schedules, not 民法典 periods: they are plain calendar
arithmetic (2 weeks, 1 month, 3 months) and do not roll over holidays — a home visit is due on the
day the norm says. The statutory 10-day reporting period of 社区矫正法 Art. 21 is a real period and
goes through core.deadlines.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from fazhi.core.deadlines import Rule


def configured(name: str, default: Any) -> Any:
    return getattr(settings, "FAZHI_PEOPLE_RULES", {}).get(name, default)


# --- Grid size (DOMAIN §3; configurable warning, not a hard limit) -------------------------------
GRID_SIZE_BASIS = "《滨州市社会治理网格化服务管理条例》第六条；城市网格约300–500户（可配置）"
GRID_HOUSEHOLDS_MIN = 300
GRID_HOUSEHOLDS_MAX = 500
GRID_RESIDENTS_MAX = 2500


def grid_size_limits() -> tuple[int, int, int]:
    return (
        configured("GRID_HOUSEHOLDS_MIN", GRID_HOUSEHOLDS_MIN),
        configured("GRID_HOUSEHOLDS_MAX", GRID_HOUSEHOLDS_MAX),
        configured("GRID_RESIDENTS_MAX", GRID_RESIDENTS_MAX),
    )


# --- Severe mental disorders (严重精神障碍管理治疗工作规范（2018年版）) ----------------------------
MENTAL_BASIS = "《严重精神障碍管理治疗工作规范（2018年版）》"
MENTAL_UNSTABLE = Rule("people.mental_unstable", "不稳定患者随访（2周内）", 14, "calendar", MENTAL_BASIS)
MENTAL_BASIC_FIRST = Rule("people.mental_basic_first", "基本稳定患者2周时随访", 14, "calendar", MENTAL_BASIS)
MENTAL_BASIC_STABLE = Rule(
    "people.mental_basic_stable", "基本稳定患者转稳定，3个月随访", 3, "month", MENTAL_BASIS
)
MENTAL_BASIC_UNSTABLE = Rule(
    "people.mental_basic_unstable", "基本稳定患者未达稳定，1个月随访", 1, "month", MENTAL_BASIS
)
MENTAL_STABLE = Rule("people.mental_stable", "稳定患者每3个月随访", 3, "month", MENTAL_BASIS)
MENTAL_MIN_VISITS_PER_YEAR = 4  # 每年至少随访4次 (same norm)
UNSTABLE_LEVEL = 3  # levels 3–5 are unstable; 1–2 basically stable; 0 stable

# 山东省精神卫生条例 Art. 45: a lost or refused follow-up is reported to these three.
LOST_REPORT_BASIS = "《山东省精神卫生条例》第四十五条"
LOST_REPORT_RECIPIENTS = ["街道办事处", "精神疾病预防控制机构", "公安机关"]
# 社区矫正法 Art. 30: lost contact → search at once, with the police.
CORRECTIONS_LOST_BASIS = "《社区矫正法》第三十条"
CORRECTIONS_LOST_RECIPIENTS = ["社区矫正机构（司法所）", "公安机关"]

# --- Community corrections (社区矫正法) ------------------------------------------------------------
CORRECTIONS_REPORT = Rule(
    "people.corrections_report", "社区矫正对象报到期限", 10, "calendar", "《社区矫正法》第二十一条"
)
# Art. 26 names the means (通信联络、信息化核查、实地查访), not a frequency: the frequency is local.
CORRECTIONS_CHECK_DAYS = 30
CORRECTIONS_CHECK = Rule(
    "people.corrections_check",
    "社区矫正对象实地查访",
    30,
    "calendar",
    "《社区矫正法》第二十六条（频次为本地规定，可配置）",
)
MONITORING_MAX = Rule("people.monitoring_max", "电子定位装置使用期限", 3, "month", "《社区矫正法》第二十九条")

# --- Released prisoners (local) ------------------------------------------------------------------
RELEASED_SUPPORT_YEARS = 5  # 安置帮教期 5 years after release (local)
RELEASED_CHECK = Rule(
    "people.released_check", "刑满释放人员帮教走访", 3, "month", "安置帮教工作规定（本地，帮教期5年）"
)

# --- Other categories (configurable per category) --------------------------------------------------
GENERAL_BASIS = "本地规定（类别走访周期，可配置）"

# --- 以奖代补 (山东省精神卫生条例 Art. 42; amount local) ---------------------------------------------
ALLOWANCE_BASIS = "《山东省精神卫生条例》第四十二条；以奖代补标准为本地规定"
ALLOWANCE_MIN_LEVEL = 3
ALLOWANCE_AMOUNT_YUAN = 1200  # per year (local, configurable)


def allowance_amount() -> int:
    return int(configured("ALLOWANCE_AMOUNT_YUAN", ALLOWANCE_AMOUNT_YUAN))


def add_months(start: dt.date, months: int) -> dt.date:
    years, month0 = divmod(start.month - 1 + months, 12)
    year, month = start.year + years, month0 + 1
    return dt.date(year, month, min(start.day, _calendar.monthrange(year, month)[1]))


def add_period(rule: Rule, start: dt.date) -> dt.date:
    """`start` plus the rule's period, plain calendar arithmetic (see the module docstring)."""
    if rule.unit == "month":
        return add_months(start, rule.days)
    if rule.unit == "year":
        return add_months(start, 12 * rule.days)
    return start + dt.timedelta(days=rule.days)


def band(level: int | None) -> str:
    """ "unstable" (3–5), "basic" (1–2) or "stable" (0) — the 2018 norm's three groups."""
    if level is None:
        return "unknown"
    if level >= UNSTABLE_LEVEL:
        return "unstable"
    return "basic" if level >= 1 else "stable"


@dataclass(frozen=True)
class NextVisit:
    due: dt.date
    rule: Rule

    @property
    def basis(self) -> str:
        return self.rule.basis


def mental_next_visit(
    *, visited_on: dt.date, level: int, stable: bool, previous_level: int | None
) -> NextVisit:
    """The 2018 norm: unstable (3–5) within 2 weeks; basically stable (1–2) at 2 weeks, then 3 months
    if stable or 1 month if not; stable (0) every 3 months. A patient entering the basic band (first
    assessment, or from another band) gets the 2-week follow-up; at that follow-up `stable` decides."""
    current = band(level)
    if current == "unstable":
        rule = MENTAL_UNSTABLE
    elif current == "basic":
        if band(previous_level) != "basic":
            rule = MENTAL_BASIC_FIRST
        else:
            rule = MENTAL_BASIC_STABLE if stable else MENTAL_BASIC_UNSTABLE
    else:
        rule = MENTAL_STABLE
    return NextVisit(add_period(rule, visited_on), rule)


def next_visit(
    *,
    schedule: str,
    visited_on: dt.date,
    level: int | None = None,
    stable: bool = True,
    previous_level: int | None = None,
    interval_days: int = 90,
) -> NextVisit:
    """The next visit due after a visit on `visited_on`, by the category's schedule."""
    if schedule == "mental":
        return mental_next_visit(
            visited_on=visited_on, level=level or 0, stable=stable, previous_level=previous_level
        )
    if schedule == "corrections":
        days = int(configured("CORRECTIONS_CHECK_DAYS", CORRECTIONS_CHECK_DAYS))
        return NextVisit(visited_on + dt.timedelta(days=days), CORRECTIONS_CHECK)
    if schedule == "released":
        return NextVisit(add_period(RELEASED_CHECK, visited_on), RELEASED_CHECK)
    rule = general_rule(interval_days)
    return NextVisit(visited_on + dt.timedelta(days=interval_days), rule)


def general_rule(interval_days: int) -> Rule:
    return Rule(
        f"people.general_{interval_days}",
        f"每{interval_days}天走访",
        interval_days,
        "calendar",
        GENERAL_BASIS,
    )


def allowance_eligible(*, max_level: int | None, past_incidents: int, incidents_this_year: int) -> bool:
    """以奖代补 (configured rule): danger level ≥ 3 at some assessment or past incidents, and no
    incident in the year."""
    min_level = int(configured("ALLOWANCE_MIN_LEVEL", ALLOWANCE_MIN_LEVEL))
    risky = (max_level is not None and max_level >= min_level) or past_incidents > 0
    return risky and incidents_this_year == 0


# "即将到期" on the key-person list: visits due within this many days (local practice, configurable
# here; the 2018 norm sets the intervals, not how early to remind).
VISIT_DUE_SOON_DAYS = 7
