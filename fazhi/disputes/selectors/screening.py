"""Reads of screening campaigns, reports and items (shared with petitions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.core.errors import NotFound
from fazhi.disputes import perms
from fazhi.disputes.models import ScreeningCampaign, ScreeningItem, ScreeningReport
from fazhi.disputes.models.choices import ReportStatus
from fazhi.disputes.periods import ReportPeriod, period_of, periods
from fazhi.disputes.selectors.disputes import require_view
from fazhi.disputes.selectors.orgs import units_visible_q
from fazhi.org.models import Unit, UnitKind
from fazhi.org.scope import has_perm, scope_q, unit_scope_q


def campaign_list_for(
    *, actor: Any, year: int | None = None, active_on: date | None = None
) -> QuerySet[ScreeningCampaign]:
    """Campaigns organised by a unit in the actor's scope or above the actor's unit."""
    require_view(actor)
    qs = ScreeningCampaign.objects.filter(units_visible_q(actor, "unit__"))
    if year:
        qs = qs.filter(start_on__year__lte=year, end_on__year__gte=year)
    if active_on:
        qs = qs.filter(start_on__lte=active_on, end_on__gte=active_on)
    return qs.select_related("unit").order_by("-start_on", "name")


def campaign_get_for(*, actor: Any, campaign_id: Any) -> ScreeningCampaign:
    if not has_perm(actor, perms.VIEW):
        raise NotFound("排查活动不存在或无权查看")
    try:
        pk = int(campaign_id)
    except (TypeError, ValueError):
        raise NotFound("排查活动不存在或无权查看") from None
    campaign = (
        ScreeningCampaign.objects.filter(units_visible_q(actor, "unit__"), pk=pk)
        .select_related("unit")
        .first()
    )
    if campaign is None:
        raise NotFound("排查活动不存在或无权查看")
    return campaign


def campaign_communities(campaign: ScreeningCampaign, actor: Any) -> list[Unit]:
    """The communities the campaign covers that the actor may see."""
    qs = Unit.objects.filter(kind=UnitKind.COMMUNITY, path__startswith=campaign.unit.path, is_active=True)
    scope = unit_scope_q(actor)
    if scope is not None:
        qs = qs.filter(scope | Q(path__in=actor.unit.ancestor_paths()) if actor.unit_id else scope)
    return list(qs.order_by("path"))


@dataclass
class CommunityPeriod:
    community: Unit
    report: ScreeningReport | None
    items: int

    @property
    def submitted(self) -> bool:
        return self.report is not None and self.report.status == ReportStatus.SUBMITTED


@dataclass
class CampaignStatus:
    period: ReportPeriod | None
    rows: list[CommunityPeriod]

    @property
    def missing(self) -> list[Unit]:
        return [row.community for row in self.rows if not row.submitted]


def campaign_status(*, actor: Any, campaign: ScreeningCampaign, day: date) -> CampaignStatus:
    """Who has and has not reported for the period containing `day` (the last period once the
    campaign is over; none before it starts)."""
    clamped = min(day, campaign.end_on)
    period = (
        period_of(campaign.cadence, campaign.start_on, campaign.end_on, clamped)
        if clamped >= campaign.start_on
        else None
    )
    communities = campaign_communities(campaign, actor)
    if period is None:
        return CampaignStatus(None, [CommunityPeriod(c, None, 0) for c in communities])
    reports = {
        r.unit_id: r
        for r in ScreeningReport.objects.filter(campaign=campaign, period_start=period.start).annotate(
            item_count=Count("items")
        )
    }
    rows = [
        CommunityPeriod(c, reports.get(c.pk), getattr(reports.get(c.pk), "item_count", 0))
        for c in communities
    ]
    return CampaignStatus(period, rows)


def campaign_history(
    *, actor: Any, campaign: ScreeningCampaign, until: date
) -> list[tuple[ReportPeriod, list[CommunityPeriod]]]:
    """Every started period with each community's report (for the campaign page's table)."""
    communities = campaign_communities(campaign, actor)
    reports = {
        (r.unit_id, r.period_start): r
        for r in ScreeningReport.objects.filter(campaign=campaign, unit__in=communities).annotate(
            item_count=Count("items")
        )
    }
    result = []
    for period in periods(campaign.cadence, campaign.start_on, campaign.end_on, until=until):
        rows = []
        for community in communities:
            report = reports.get((community.pk, period.start))
            rows.append(CommunityPeriod(community, report, getattr(report, "item_count", 0)))
        result.append((period, rows))
    return result


def report_list_for(*, actor: Any, campaign: ScreeningCampaign | None = None) -> QuerySet[ScreeningReport]:
    require_view(actor)
    qs = ScreeningReport.objects.filter(
        scope_q(actor, ScreeningReport, unit_field="unit", owner_field="submitted_by")
    )
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.select_related("campaign", "unit", "submitted_by").annotate(item_count=Count("items"))


def item_list_for(
    *, actor: Any, campaign: ScreeningCampaign | None = None, unconverted: bool = False
) -> QuerySet[ScreeningItem]:
    require_view(actor)
    qs = ScreeningItem.objects.filter(
        scope_q(actor, ScreeningItem, unit_field="unit", owner_field="reported_by")
    )
    if campaign is not None:
        qs = qs.filter(report__campaign=campaign)
    if unconverted:
        qs = qs.filter(converted_type="")
    return qs.select_related("report", "report__campaign", "unit", "category", "reported_by").order_by(
        "-found_on", "-id"
    )


def item_get_for(*, actor: Any, item_id: Any) -> ScreeningItem:
    if not has_perm(actor, perms.VIEW):
        raise NotFound("排查事项不存在或无权查看")
    try:
        pk = int(item_id)
    except (TypeError, ValueError):
        raise NotFound("排查事项不存在或无权查看") from None
    item = item_list_for(actor=actor).filter(pk=pk).first()
    if item is None:
        raise NotFound("排查事项不存在或无权查看")
    return item
