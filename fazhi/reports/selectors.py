"""Every read of the reports module, scoped to the actor. Indicator data comes only through
fazhi.core.indicators: each registered source is called once per call here, with the actor, so a source
answers only what the actor may see. Nothing is cached."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import QuerySet

from fazhi.core import indicators
from fazhi.core.errors import NotAllowed, NotFound, ValidationFailed
from fazhi.core.indicators import Alert, Figure, Period
from fazhi.org.models import Unit, UnitKind
from fazhi.org.scope import NOTHING, has_perm, scope_q, subdistrict_of
from fazhi.org.selectors import unit_list_for
from fazhi.reports import builder, idpack, rules
from fazhi.reports import permissions as P
from fazhi.reports.bulletin import Bulletin, assemble
from fazhi.reports.models import AnnualReport, ReportStatus, ReportTarget, ReportVersion
from fazhi.reports.wording import exact

DASHBOARD_KINDS = (UnitKind.COUNTY, UnitKind.SUBDISTRICT, UnitKind.COMMUNITY, UnitKind.GRID)
REPORT_KINDS = (UnitKind.SUBDISTRICT, UnitKind.COMMUNITY)
CHILD_KIND = {UnitKind.SUBDISTRICT: UnitKind.COMMUNITY, UnitKind.COMMUNITY: UnitKind.GRID}


def _require(actor: Any, perm: str) -> None:
    if not has_perm(actor, perm):
        raise NotAllowed(f"无权{P.LABELS[perm]}")


# --- Units --------------------------------------------------------------------------------------------


def units_for(*, actor: Any, kinds: tuple[str, ...] = DASHBOARD_KINDS) -> QuerySet[Unit]:
    """The subdistricts, communities and grids in the actor's scope, in tree order."""
    return unit_list_for(actor=actor).filter(kind__in=kinds)


def unit_resolve_for(*, actor: Any, ref: str | int | None, kinds: tuple[str, ...] = DASHBOARD_KINDS) -> Unit:
    """A unit by id, code or name among `units_for`; blank: the actor's own unit, else the first in scope.

    Raises NotFound naming the unit when it does not exist or lies outside the actor's scope.
    """
    units = units_for(actor=actor, kinds=kinds)
    ref = str(ref or "").strip()
    if not ref:
        own = units.filter(pk=actor.unit_id).first() if actor.unit_id else None
        unit = own or units.first()
        if unit is None:
            raise NotFound("没有可查看的单位")
        return unit
    unit = units.filter(pk=int(ref)).first() if ref.isdigit() else None
    unit = unit or units.filter(code=ref).first() or units.filter(name=ref).first()
    if unit is None:
        raise NotFound(f"单位“{ref}”不存在或无权查看", fields={"unit": f"单位“{ref}”不存在或无权查看"})
    return unit


# --- Figures ------------------------------------------------------------------------------------------


def targets() -> dict[str, ReportTarget]:
    return {t.code: t for t in ReportTarget.objects.all()}


def figures_for(
    *, actor: Any, unit: Unit, period: Period, configured: dict[str, ReportTarget] | None = None
) -> dict[str, list[Figure]]:
    """Every source's figures for the unit and period, by area, with the targets staff configured
    (a configured target overrides the source's own)."""
    configured = targets() if configured is None else configured
    result: dict[str, list[Figure]] = {}
    for area, figures in indicators.figures_by_area(actor=actor, unit=unit, period=period).items():
        result[area] = [
            replace(f, target=float(configured[f.code].target)) if f.code in configured else f
            for f in figures
        ]
    return result


@dataclass
class Dashboard:
    unit: Unit
    period: Period
    areas: dict[str, list[Figure]]
    alerts: list[Alert]
    deadline: rules.ReportDeadline | None
    deadline_report: AnnualReport | None


def dashboard_for(*, actor: Any, unit_ref: str | int | None, period: Period, today: date) -> Dashboard:
    """The 领导驾驶舱 of one unit in the actor's scope: figures by area, alerts, the report countdown."""
    _require(actor, P.DASHBOARD)
    unit = unit_resolve_for(actor=actor, ref=unit_ref)
    deadline = rules.report_deadline(today)
    deadline_report = None
    if deadline is not None and has_perm(actor, P.VIEW):
        # The subdistrict reports to the county; its report is the one the deadline is about.
        home = subdistrict_of(unit)
        deadline_report = report_list_for(actor=actor).filter(unit=home, year=deadline.year).first()
    return Dashboard(
        unit=unit,
        period=period,
        areas=figures_for(actor=actor, unit=unit, period=period),
        alerts=indicators.alerts_for(actor=actor, unit=unit, today=today),
        deadline=deadline,
        deadline_report=deadline_report,
    )


# --- Annual reports -----------------------------------------------------------------------------------


def report_list_for(
    *, actor: Any, year: int | None = None, unit_id: int | None = None
) -> QuerySet[AnnualReport]:
    """Reports of the units in the actor's scope (and those the actor drafted), newest year first."""
    if not has_perm(actor, P.VIEW):
        return AnnualReport.objects.filter(NOTHING)
    qs = AnnualReport.objects.filter(
        scope_q(actor, AnnualReport, unit_field="unit", owner_field="created_by", participation=False)
    )
    if year:
        qs = qs.filter(year=year)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.select_related("unit", "created_by", "final_version__finalised_by").order_by(
        "-year", "unit__path"
    )


def report_get_for(*, actor: Any, report_id: int) -> AnnualReport:
    report = report_list_for(actor=actor).filter(pk=report_id).first()
    if report is None:
        raise NotFound("报告不存在或无权查看")
    return report


def version_list_for(*, actor: Any, report_id: int) -> QuerySet[ReportVersion]:
    """The report's versions, newest first (the report must be visible to the actor)."""
    report = report_get_for(actor=actor, report_id=report_id)
    return (
        ReportVersion.objects.filter(report=report)
        .select_related("created_by", "finalised_by")
        .defer("figures")
        .order_by("-number")
    )


def version_get_for(*, actor: Any, report_id: int, number: int | None = None) -> ReportVersion:
    """One version (default: the latest) of a report visible to the actor."""
    report = report_get_for(actor=actor, report_id=report_id)
    qs = ReportVersion.objects.filter(report=report).select_related(
        "report__unit", "created_by", "finalised_by"
    )
    version = qs.filter(number=number).first() if number else qs.order_by("-number").first()
    if version is None:
        raise NotFound("版本不存在")
    return version


def version_figure_for(
    *, actor: Any, report_id: int, number: int | None, code: str
) -> tuple[ReportVersion, dict[str, Any]]:
    """One figure as a version (default: the latest) froze it: (version, snapshot)."""
    version = version_get_for(actor=actor, report_id=report_id, number=number)
    figure = next((f for f in version.figures if f["code"] == code), None)
    if figure is None:
        raise NotFound("本版本中没有该指标")
    return version, figure


RECORDS_PAGE_MAX = 10_000


def frozen_records_for(
    *, actor: Any, report_id: int, number: int | None, code: str, page: int = 1, page_size: int = 1000
) -> dict[str, Any]:
    """One page of the record ids a version froze for a figure (ascending), with their count."""
    if page < 1:
        raise ValidationFailed.field("page", "页码应为不小于1的整数")
    if not 1 <= page_size <= RECORDS_PAGE_MAX:
        raise ValidationFailed.field("page_size", f"每页条数应在1到{RECORDS_PAGE_MAX:,}之间")
    version, figure = version_figure_for(actor=actor, report_id=report_id, number=number, code=code)
    ids = idpack.frozen_ids(figure)
    start = (page - 1) * page_size
    return {
        "version": version,
        "figure": figure,
        "code": figure["code"],
        "label": figure["label"],
        "number": version.number,
        "count": len(ids),
        "page": page,
        "page_size": page_size,
        "ids": ids[start : start + page_size],
    }


@dataclass(frozen=True)
class Drift:
    code: str
    label: str
    before: str
    after: str


# Above this many records a figure's drift is judged by its value and record count only: loading the
# current ids of a county's grid events on every view of the report page would cost seconds. (The frozen
# side is cheap either way: packed ids unpack in C.)
DRIFT_ID_LIMIT = 20_000


def drift_for(*, actor: Any, version: ReportVersion) -> list[Drift]:
    """Figures whose current value or records differ from those the version was written from."""
    report = version.report
    now = {
        f.code: f
        for figures in figures_for(actor=actor, unit=report.unit, period=Period.year(report.year)).values()
        for f in figures
    }
    result = []
    frozen = {f["code"]: f for f in version.figures}
    for code, old in frozen.items():
        new = now.get(code)
        if new is None:
            result.append(Drift(code, old["label"], old["exact"], "（已无此指标）"))
        elif (
            exact(new.value, new.unit) != old["exact"]
            or new.record_count != old["record_count"]
            or (new.record_count <= DRIFT_ID_LIMIT and not idpack.same_ids(old, new.ids()))
        ):
            result.append(Drift(code, old["label"], old["exact"], exact(new.value, new.unit)))
    for code, new in now.items():
        if code not in frozen:
            result.append(Drift(code, new.label, "（无）", exact(new.value, new.unit)))
    return result


def report_draft_for(
    *, actor: Any, unit: Unit, year: int, today: date
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The report the year's records draft now, as the actor's scope sees them: (content, figure
    snapshots). Each source and narrative is called once. Writes nothing."""
    period = Period.year(year)
    figures = figures_for(actor=actor, unit=unit, period=period)
    narratives = indicators.narratives_for(actor=actor, unit=unit, period=period)
    content = builder.draft(
        unit_name=unit.name,
        unit_kind=unit.kind,
        year=year,
        figures=figures,
        narratives=narratives,
        as_of=min(today, date(year, 12, 31)),
    )
    content["issuer"] = builder.issuer_for(unit.name, unit.kind)
    return content, builder.snapshots(figures, unit_name=unit.name)


# --- Bulletin -----------------------------------------------------------------------------------------


def bulletin_for(*, actor: Any, unit_ref: str | int | None, year: int, month: int) -> Bulletin:
    """每月通报 of a subdistrict's communities (or a community's grids) for one month, ranked."""
    _require(actor, P.VIEW)
    unit = unit_resolve_for(actor=actor, ref=unit_ref, kinds=REPORT_KINDS)
    period = Period.month(year, month)
    child_kind = CHILD_KIND[UnitKind(unit.kind)]
    children = units_for(actor=actor, kinds=(child_kind,)).filter(path__startswith=unit.path, is_active=True)
    configured = targets()
    data = [
        (child.pk, child.name, figures_for(actor=actor, unit=child, period=period, configured=configured))
        for child in children
    ]
    return assemble(
        unit_id=unit.pk,
        unit_name=unit.name,
        period=period,
        child_label=UnitKind(child_kind).label,
        children=data,
    )


# --- Targets ------------------------------------------------------------------------------------------


def target_list_for(*, actor: Any) -> QuerySet[ReportTarget]:
    _require(actor, P.TARGETS)
    return ReportTarget.objects.select_related("updated_by").order_by("code")


def indicator_catalogue_for(*, actor: Any, today: date) -> list[Figure]:
    """The indicators the registered sources report (this year, the actor's unit), for setting targets."""
    _require(actor, P.TARGETS)
    unit = unit_resolve_for(actor=actor, ref=None)
    by_area = figures_for(actor=actor, unit=unit, period=Period.year(today.year))
    return [f for figures in by_area.values() for f in figures]


# --- 我的待办 -----------------------------------------------------------------------------------------


def report_home_for(actor: Any) -> Unit | None:
    """The unit whose annual report the actor answers for: the subdistrict of the actor's unit."""
    if actor.unit_id is None:
        return None
    return subdistrict_of(actor.unit)


def report_status_for(*, actor: Any, unit: Unit, year: int) -> str:
    """ "missing", "draft" or "final" for the unit's report of the year, as the actor can see it."""
    report = (
        report_list_for(actor=actor).filter(unit=unit, year=year).select_related(None).only("status").first()
    )
    if report is None:
        return "missing"
    return "final" if report.status == ReportStatus.FINAL else "draft"
