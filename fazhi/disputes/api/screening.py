"""Screening campaigns (shared with petitions), community reports, items and their conversion."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Status

from fazhi.core.params import Year
from fazhi.disputes import services
from fazhi.disputes.api.base import Json, dispute_out_for, parties_in, router
from fazhi.disputes.schemas import (
    CampaignIn,
    CampaignPatch,
    ConvertIn,
    DisputeItemIn,
    DisputeReportIn,
)
from fazhi.disputes.selectors import screening as screening_selectors
from fazhi.disputes.services.common import today

# --- Screening (shared with petitions) ----------------------------------------------------------


def _campaign(request: HttpRequest, campaign_id: int) -> Json:
    campaign = screening_selectors.campaign_get_for(actor=request.user, campaign_id=campaign_id)
    status = screening_selectors.campaign_status(actor=request.user, campaign=campaign, day=today())
    return {
        "id": campaign.pk,
        "name": campaign.name,
        "kind": campaign.kind,
        "topic": campaign.topic,
        "unit_id": campaign.unit_id,
        "unit_name": campaign.unit.name,
        "start_on": campaign.start_on,
        "end_on": campaign.end_on,
        "cadence": campaign.cadence,
        "subjects": campaign.subjects,
        "description": campaign.description,
        "current_period": (
            {"start": status.period.start, "end": status.period.end, "label": status.period.label}
            if status.period
            else None
        ),
        "communities": [
            {
                "unit_id": row.community.pk,
                "name": row.community.name,
                "submitted": row.submitted,
                "zero": bool(row.report and row.report.zero),
                "items": row.items,
            }
            for row in status.rows
        ],
        "missing": [u.name for u in status.missing],
    }


@router.get("/campaigns", response=list[Json], summary="排查活动（常态化与专项）")
def campaign_list(request: HttpRequest, year: Year | None = None) -> list[Json]:
    return [
        {
            "id": c.pk,
            "name": c.name,
            "kind": c.kind,
            "topic": c.topic,
            "start_on": c.start_on,
            "end_on": c.end_on,
            "cadence": c.cadence,
        }
        for c in screening_selectors.campaign_list_for(actor=request.user, year=year)
    ]


@router.post("/campaigns", response={201: Json}, summary="发起排查活动")
def campaign_create(request: HttpRequest, payload: CampaignIn) -> Status:
    campaign = services.campaign_create(actor=request.user, **payload.dict())
    return Status(201, _campaign(request, campaign.pk))


@router.get("/campaigns/{campaign_id}", response=Json, summary="排查活动详情（本期未上报社区）")
def campaign_detail(request: HttpRequest, campaign_id: int) -> Json:
    return _campaign(request, campaign_id)


@router.patch("/campaigns/{campaign_id}", response=Json, summary="修改排查活动")
def campaign_update(request: HttpRequest, campaign_id: int, payload: CampaignPatch) -> Json:
    services.campaign_update(actor=request.user, campaign_id=campaign_id, **payload.dict(exclude_unset=True))
    return _campaign(request, campaign_id)


@router.post(
    "/campaigns/{campaign_id}/items", response={201: Json}, summary="排查上报发现事项（可一步登记为纠纷）"
)
def campaign_item(request: HttpRequest, campaign_id: int, payload: DisputeItemIn) -> Status:
    data = payload.dict()
    data["parties"] = parties_in(payload.parties)
    item = services.screening_item_add(actor=request.user, campaign_id=campaign_id, **data)
    return Status(201, _item(item))


@router.post("/campaigns/{campaign_id}/reports", response=Json, summary="社区上报本期排查情况或零报告")
def campaign_report(request: HttpRequest, campaign_id: int, payload: DisputeReportIn) -> Json:
    report = services.screening_report_submit(actor=request.user, campaign_id=campaign_id, **payload.dict())
    return {
        "id": report.pk,
        "status": report.status,
        "zero": report.zero,
        "period_start": report.period_start,
        "period_end": report.period_end,
    }


def _item(item: Any) -> Json:
    return {
        "id": item.pk,
        "campaign_id": item.report.campaign_id,
        "unit_id": item.unit_id,
        "unit_name": item.unit.name,
        "subject": item.subject,
        "category": item.category.code if item.category else "",
        "description": item.description,
        "place": item.place,
        "people_involved": item.people_involved,
        "found_on": item.found_on,
        "converted_type": item.converted_type,
        "converted_id": item.converted_id,
    }


@router.get("/screening-items", response=list[Json], summary="排查发现事项")
def item_list(request: HttpRequest, campaign_id: int | None = None, unconverted: bool = False) -> list[Json]:
    campaign = (
        screening_selectors.campaign_get_for(actor=request.user, campaign_id=campaign_id)
        if campaign_id
        else None
    )
    return [
        _item(i)
        for i in screening_selectors.item_list_for(
            actor=request.user, campaign=campaign, unconverted=unconverted
        )[:500]
    ]


@router.post("/screening-items/{item_id}/convert", response={201: Json}, summary="排查事项转为矛盾纠纷")
def item_convert(request: HttpRequest, item_id: int, payload: ConvertIn) -> Status:
    dispute = services.screening_item_convert(
        actor=request.user,
        item_id=item_id,
        category=payload.category,
        summary=payload.summary,
        parties=parties_in(payload.parties),
    )
    return Status(201, dispute_out_for(request, dispute.pk))
