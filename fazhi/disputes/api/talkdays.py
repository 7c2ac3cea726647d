"""小板凳拉呱日: talk days and the issues raised at them."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Status

from fazhi.disputes import services
from fazhi.disputes.api.base import Json, dispute_out_for, parties_in, router
from fazhi.disputes.schemas import (
    ConvertIn,
    DisputeReasonIn,
    IssueIn,
    IssueResolveIn,
    TalkDayIn,
    TalkRecordIn,
)
from fazhi.disputes.selectors import talkdays as talk_selectors

# --- Talk days (小板凳拉呱日) ------------------------------------------------------------------------


def _talk_day(request: HttpRequest, talk_day_id: int) -> Json:
    t = talk_selectors.talk_day_get_for(actor=request.user, talk_day_id=talk_day_id)
    return {
        "id": t.pk,
        "unit_id": t.unit_id,
        "unit_name": t.unit.name,
        "held_on": t.held_on,
        "start_time": t.start_time,
        "place": t.place,
        "topic": t.topic,
        "host": str(t.host) if t.host else "",
        "status": t.status,
        "attendance": t.attendance,
        "attendees": t.attendees,
        "notes": t.notes,
        "issues": [
            {
                "id": i.pk,
                "raised_by": i.raised_by,
                "description": i.description,
                "category": i.category.code if i.category else "",
                "outcome": i.outcome,
                "resolution": i.resolution,
                "dispute_id": i.dispute_id,
                "dispute_number": i.dispute.number if i.dispute else "",
            }
            for i in talk_selectors.issues_of(t)
        ],
    }


@router.get("/talk-days", response=list[Json], summary="小板凳拉呱日")
def talk_day_list(
    request: HttpRequest, status: str = "", date_from: date | None = None, date_to: date | None = None
) -> list[Json]:
    return [
        {
            "id": t.pk,
            "unit_name": t.unit.name,
            "held_on": t.held_on,
            "place": t.place,
            "topic": t.topic,
            "status": t.status,
            "attendance": t.attendance,
            "issue_count": getattr(t, "issue_count", 0),
        }
        for t in talk_selectors.talk_day_list_for(
            actor=request.user, status=status, date_from=date_from, date_to=date_to
        )[:500]
    ]


@router.post("/talk-days", response={201: Json}, summary="安排拉呱日")
def talk_day_create(request: HttpRequest, payload: TalkDayIn) -> Status:
    talk_day = services.talk_day_schedule(actor=request.user, **payload.dict())
    return Status(201, _talk_day(request, talk_day.pk))


@router.get("/talk-days/{talk_day_id}", response=Json, summary="拉呱日详情")
def talk_day_detail(request: HttpRequest, talk_day_id: int) -> Json:
    return _talk_day(request, talk_day_id)


@router.post("/talk-days/{talk_day_id}/record", response=Json, summary="记录拉呱日活动情况")
def talk_day_record(request: HttpRequest, talk_day_id: int, payload: TalkRecordIn) -> Json:
    services.talk_day_record(actor=request.user, talk_day_id=talk_day_id, **payload.dict())
    return _talk_day(request, talk_day_id)


@router.post("/talk-days/{talk_day_id}/cancel", response=Json, summary="取消拉呱日")
def talk_day_cancel(request: HttpRequest, talk_day_id: int, payload: DisputeReasonIn) -> Json:
    services.talk_day_cancel(actor=request.user, talk_day_id=talk_day_id, reason=payload.reason)
    return _talk_day(request, talk_day_id)


@router.post(
    "/talk-days/{talk_day_id}/issues",
    response={201: Json},
    summary="记录反映问题（当场解决、转办或转为纠纷）",
)
def talk_issue_add(request: HttpRequest, talk_day_id: int, payload: IssueIn) -> Status:
    data = payload.dict()
    data["parties"] = parties_in(payload.parties)
    services.talk_issue_add(actor=request.user, talk_day_id=talk_day_id, **data)
    return Status(201, _talk_day(request, talk_day_id))


@router.post("/talk-day-issues/{issue_id}/resolve", response=Json, summary="处理反映问题")
def talk_issue_resolve(request: HttpRequest, issue_id: int, payload: IssueResolveIn) -> Json:
    issue = services.talk_issue_resolve(actor=request.user, issue_id=issue_id, **payload.dict())
    return _talk_day(request, issue.talk_day_id)


@router.post("/talk-day-issues/{issue_id}/convert", response={201: Json}, summary="反映问题转为矛盾纠纷")
def talk_issue_convert(request: HttpRequest, issue_id: int, payload: ConvertIn) -> Status:
    dispute = services.talk_issue_convert(
        actor=request.user,
        issue_id=issue_id,
        category=payload.category,
        parties=parties_in(payload.parties),
        summary=payload.summary,
    )
    return Status(201, dispute_out_for(request, dispute.pk))
