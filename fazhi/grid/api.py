"""Grid endpoints under /api/v1/grid/: events through their flow, points, links, rosters, activities,
the grid overview and indicators. Thin: parse, call one service or selector, shape."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from fazhi.core import search
from fazhi.core.errors import ValidationFailed
from fazhi.core.indicators import Period
from fazhi.core.pagination import paginate
from fazhi.core.params import Year
from fazhi.grid import permissions as P
from fazhi.grid import selectors, services
from fazhi.grid.indicators import source as indicator_source
from fazhi.grid.models import DeductionProposal
from fazhi.grid.schemas import (
    ActivityIn,
    AppealIn,
    CadreLinkIn,
    CadreVisitIn,
    DecideIn,
    EntryIn,
    EntryOut,
    EntryPage,
    EventActionIn,
    EventIn,
    EventOut,
    EventPage,
    ItemIn,
    PartyContactIn,
    PartyLinkIn,
    ProfileIn,
    RedeemIn,
    RosterIn,
    RuleIn,
)
from fazhi.grid.workflow import EVENT
from fazhi.org.services import require
from fazhi.people.selectors import grid_get_for, grid_size_for, household_get_for

router = Router(tags=["网格"])


class Paging(Schema):
    page: int = 1
    page_size: int = 20


def _page(page: Any, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": page.count, "page": page.page, "page_size": page.page_size, "items": items}


# --- Events -------------------------------------------------------------------------------------------


@router.get("/events", response=EventPage, summary="网格事件列表")
def events_list(
    request: HttpRequest,
    paging: Query[Paging],
    status: str = "",
    category: str = "",
    unit_id: int | None = None,
    q: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict[str, Any]:
    require(request.user, P.VIEW)
    qs = selectors.event_list_for(
        actor=request.user, status=status, category=category, unit_id=unit_id, q=q, start=start, end=end
    )
    page = paginate(qs, page=paging.page, page_size=paging.page_size, count_cap=search.count_cap_for(q))
    return {**_page(page, [EventOut.of(e) for e in page.items]), "count_is_lower_bound": page.count_capped}


@router.post("/events", response={201: EventOut}, summary="上报网格事件")
def events_create(request: HttpRequest, payload: EventIn) -> Status:
    event = services.event_report(actor=request.user, **payload.dict())
    return Status(201, EventOut.of(event))


@router.get("/events/{event_id}", response=EventOut, summary="网格事件详情（含可执行操作）")
def events_detail(request: HttpRequest, event_id: int) -> dict[str, Any]:
    event = selectors.event_get_for(actor=request.user, event_id=event_id)
    return EventOut.of(event, actions=[t.action for t in EVENT.available_actions(event, request.user)])


ACTIONS = {
    "accept": lambda a, i, p: services.event_accept(actor=a, event_id=i, note=p.note),
    "reject": lambda a, i, p: services.event_reject(actor=a, event_id=i, note=p.note),
    "dispatch": lambda a, i, p: services.event_dispatch(
        actor=a, event_id=i, assignee_id=p.assignee_id or 0, note=p.note
    ),
    "handle": lambda a, i, p: services.event_handle(actor=a, event_id=i, handling=p.handling or p.note),
    "feedback": lambda a, i, p: services.event_feedback(actor=a, event_id=i, feedback=p.feedback or p.note),
    "close": lambda a, i, p: services.event_close(actor=a, event_id=i, note=p.note),
    "reopen": lambda a, i, p: services.event_reopen(actor=a, event_id=i, note=p.note),
    "evaluate": lambda a, i, p: services.event_evaluate(
        actor=a, event_id=i, evaluation=p.evaluation, note=p.note
    ),
    "convert": lambda a, i, p: services.event_convert(actor=a, event_id=i, note=p.note),
}


@router.post(
    "/events/{event_id}/actions/{action}",
    response=EventOut,
    summary="事件流转：受理、派遣、处置、反馈、结案、评价、转矛盾纠纷",
)
def events_action(request: HttpRequest, event_id: int, action: str, payload: EventActionIn) -> dict[str, Any]:
    step = ACTIONS.get(action)
    if step is None:
        raise ValidationFailed.field("action", f"操作须为：{'、'.join(ACTIONS)}")
    event = step(request.user, event_id, payload)
    return EventOut.of(event, actions=[t.action for t in EVENT.available_actions(event, request.user)])


@router.post("/events/{event_id}/photos", response={201: dict[str, Any]}, summary="补充事件照片")
def events_photo(request: HttpRequest, event_id: int, file: File[UploadedFile]) -> Status:
    attachment = services.event_photo_add(
        actor=request.user, event_id=event_id, name=file.name or "photo.jpg", content=file.read()
    )
    return Status(201, {"id": str(attachment.pk), "sha256": attachment.sha256})


# --- Points -------------------------------------------------------------------------------------------


def _rule(r: Any) -> dict[str, Any]:
    return {
        "id": r.pk,
        "unit_id": r.unit_id,
        "code": r.code,
        "name": r.name,
        "kind": r.kind,
        "points": r.points,
        "cap": r.cap,
        "cap_period": r.cap_period,
        "evidence_required": r.evidence_required,
        "is_active": r.is_active,
    }


@router.get("/points/rules", response=list[dict[str, Any]], summary="积分规则目录")
def points_rules(request: HttpRequest, kind: str = "") -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    return [_rule(r) for r in selectors.rule_list_for(actor=request.user, kind=kind)]


@router.post("/points/rules", response=dict[str, Any], summary="新增或修改积分规则")
def points_rules_save(request: HttpRequest, payload: RuleIn) -> dict[str, Any]:
    return _rule(services.points_rule_save(actor=request.user, **payload.dict()))


@router.get("/points/entries", response=EntryPage, summary="积分台账")
def points_entries(
    request: HttpRequest,
    paging: Query[Paging],
    household_id: int | None = None,
    kind: str = "",
    unit_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict[str, Any]:
    require(request.user, P.VIEW)
    qs = selectors.entry_list_for(
        actor=request.user, household_id=household_id, kind=kind, unit_id=unit_id, start=start, end=end
    )
    page = paginate(qs, page=paging.page, page_size=paging.page_size)
    return _page(page, [EntryOut.of(e) for e in page.items])


@router.post(
    "/points/entries", response={201: dict[str, Any]}, summary="按规则加分（立即入账）或提出扣分（待审批）"
)
def points_entries_create(request: HttpRequest, payload: EntryIn) -> Status:
    result = services.points_award(actor=request.user, **payload.dict())
    if isinstance(result, DeductionProposal):
        return Status(
            201, {"kind": "proposal", "id": result.pk, "status": result.status, "points": -result.points}
        )
    return Status(201, {"kind": "entry", "id": result.pk, "status": "approved", "points": result.points})


@router.post(
    "/imports/points",
    response={202: dict[str, Any]},
    summary="导入积分登记表（后台任务；仅无须附依据的加分事项）",
)
def points_import(request: HttpRequest, file: File[UploadedFile]) -> Status:
    from fazhi.workbench.transfer_services import import_start

    job = import_start(
        actor=request.user, name="grid.points", filename=file.name or "", content=file.read(), extra={}
    )
    return Status(202, {"id": str(job.pk), "url": f"/jobs/{job.pk}/", "status": job.status})


@router.get("/points/proposals", response=list[dict[str, Any]], summary="扣分申请")
def points_proposals(request: HttpRequest, status: str = "") -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    return [
        {
            "id": p.pk,
            "household": p.household.address,
            "rule": p.rule.name,
            "points": -p.points,
            "reason": p.reason,
            "status": p.status,
            "proposed_by": str(p.proposed_by),
            "decided_by": str(p.decided_by) if p.decided_by else "",
        }
        for p in selectors.proposal_list_for(actor=request.user, status=status)[:200]
    ]


@router.post(
    "/points/proposals/{proposal_id}/decide", response=dict[str, Any], summary="审批扣分（须另一人）"
)
def points_proposals_decide(request: HttpRequest, proposal_id: int, payload: DecideIn) -> dict[str, Any]:
    p = services.deduction_decide(
        actor=request.user, proposal_id=proposal_id, approve=payload.approve, note=payload.note
    )
    return {"id": p.pk, "status": p.status, "entry_id": p.entry_id}


@router.post(
    "/points/entries/{entry_id}/appeals", response={201: dict[str, Any]}, summary="登记居民对扣分的申诉"
)
def points_appeal(request: HttpRequest, entry_id: int, payload: AppealIn) -> Status:
    appeal = services.points_appeal_file(actor=request.user, entry_id=entry_id, **payload.dict())
    return Status(201, {"id": appeal.pk, "status": appeal.status})


@router.get("/points/appeals", response=list[dict[str, Any]], summary="积分申诉")
def points_appeals(request: HttpRequest, status: str = "") -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    return [
        {
            "id": a.pk,
            "entry_id": a.entry_id,
            "household": a.entry.household.address,
            "appellant": a.appellant,
            "reason": a.reason,
            "status": a.status,
        }
        for a in selectors.appeal_list_for(actor=request.user, status=status)[:200]
    ]


@router.post("/points/appeals/{appeal_id}/decide", response=dict[str, Any], summary="处理申诉（成立则冲正）")
def points_appeals_decide(request: HttpRequest, appeal_id: int, payload: DecideIn) -> dict[str, Any]:
    a = services.points_appeal_decide(
        actor=request.user, appeal_id=appeal_id, uphold=payload.approve, note=payload.note
    )
    return {"id": a.pk, "status": a.status, "reversal_id": a.reversal_id}


@router.get("/points/households/{household_id}", response=dict[str, Any], summary="户积分余额与信用等级")
def points_household(request: HttpRequest, household_id: int) -> dict[str, Any]:
    require(request.user, P.VIEW)
    household = household_get_for(actor=request.user, household_id=household_id)
    balance = selectors.balance_for(actor=request.user, household=household)
    entries = selectors.entry_list_for(actor=request.user, household_id=household.pk)[:50]
    return {
        "household_id": household.pk,
        "address": household.address,
        "balance": balance.balance,
        "score": balance.score,
        "grade": balance.grade,
        "basis": balance.basis,
        "entries": [EntryOut.of(e) for e in entries],
    }


@router.get("/points/balances", response=list[dict[str, Any]], summary="各户积分余额（前200户）")
def points_balances(request: HttpRequest, unit_id: int | None = None) -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    return [b.__dict__ for b in selectors.balance_list_for(actor=request.user, unit_id=unit_id)]


def _item(i: Any) -> dict[str, Any]:
    return {
        "id": i.pk,
        "unit_id": i.unit_id,
        "name": i.name,
        "cost": i.cost,
        "stock": i.stock,
        "is_active": i.is_active,
    }


@router.get("/points/items", response=list[dict[str, Any]], summary="积分超市商品")
def points_items(request: HttpRequest) -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    return [_item(i) for i in selectors.item_list_for(actor=request.user)]


@router.post("/points/items", response=dict[str, Any], summary="新增或修改兑换商品")
def points_items_save(request: HttpRequest, payload: ItemIn) -> dict[str, Any]:
    return _item(services.redemption_item_save(actor=request.user, **payload.dict()))


@router.post("/points/redemptions", response={201: dict[str, Any]}, summary="积分兑换")
def points_redeem(request: HttpRequest, payload: RedeemIn) -> Status:
    r = services.points_redeem(actor=request.user, **payload.dict())
    return Status(201, {"id": r.pk, "points": r.points, "entry_id": r.entry_id})


# --- Activities, links, roster ----------------------------------------------------------------------


@router.get("/activities", response=list[dict[str, Any]], summary="四进网格活动")
def activities_list(
    request: HttpRequest, kind: str = "", unit_id: int | None = None, year: Year | None = None
) -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    return [
        {
            "id": a.pk,
            "unit_id": a.unit_id,
            "kind": a.kind,
            "held_on": a.held_on,
            "title": a.title,
            "participants": a.participants,
        }
        for a in selectors.activity_list_for(actor=request.user, kind=kind, unit_id=unit_id, year=year)[:500]
    ]


@router.post("/activities", response={201: dict[str, Any]}, summary="记录四进网格活动")
def activities_create(request: HttpRequest, payload: ActivityIn) -> Status:
    a = services.activity_record(actor=request.user, **payload.dict())
    return Status(201, {"id": a.pk, "kind": a.kind, "title": a.title})


@router.get("/links/cadres", response=list[dict[str, Any]], summary="干部联网格")
def cadre_links(request: HttpRequest, unit_id: int | None = None) -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    return [
        {
            "id": link.pk,
            "cadre": str(link.cadre),
            "unit_id": link.unit_id,
            "unit_name": link.unit.name,
            "duty": link.duty,
            "since": link.since,
            "visits": getattr(link, "visit_count", 0),
        }
        for link in selectors.cadre_link_list_for(actor=request.user, unit_id=unit_id)
    ]


@router.post("/links/cadres", response={201: dict[str, Any]}, summary="建立干部联网格")
def cadre_links_create(request: HttpRequest, payload: CadreLinkIn) -> Status:
    link = services.cadre_link_create(actor=request.user, **payload.dict())
    return Status(201, {"id": link.pk})


@router.post("/links/cadres/{link_id}/visits", response={201: dict[str, Any]}, summary="记录干部下网格")
def cadre_visits_create(request: HttpRequest, link_id: int, payload: CadreVisitIn) -> Status:
    visit = services.cadre_visit_record(actor=request.user, link_id=link_id, **payload.dict())
    return Status(201, {"id": visit.pk})


@router.get("/links/party", response=list[dict[str, Any]], summary="党员联居民")
def party_links(request: HttpRequest, unit_id: int | None = None) -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    return [
        {
            "id": link.pk,
            "member": link.member.name,
            "household_id": link.household_id,
            "household": link.household.address,
            "since": link.since,
            "contacts": getattr(link, "contact_count", 0),
        }
        for link in selectors.party_link_list_for(actor=request.user, unit_id=unit_id)[:500]
    ]


@router.post("/links/party", response={201: dict[str, Any]}, summary="建立党员联系户")
def party_links_create(request: HttpRequest, payload: PartyLinkIn) -> Status:
    link = services.party_link_create(actor=request.user, **payload.dict())
    return Status(201, {"id": link.pk})


@router.post("/links/party/{link_id}/contacts", response={201: dict[str, Any]}, summary="记录党员联系")
def party_contacts_create(request: HttpRequest, link_id: int, payload: PartyContactIn) -> Status:
    contact = services.party_contact_record(actor=request.user, link_id=link_id, **payload.dict())
    return Status(201, {"id": contact.pk})


@router.get(
    "/roster", response=list[dict[str, Any]], summary="网格名册：网格员、楼长、单元长、志愿者、社区名人"
)
def roster(request: HttpRequest, unit_id: int | None = None, role: str = "") -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    return [
        {
            "id": m.pk,
            "unit_id": m.unit_id,
            "role": m.role,
            "name": m.name,
            "phone": selectors.roster_phone(m),
            "building": m.building.name if m.building else "",
            "entrance": m.entrance.name if m.entrance else "",
            "since": m.since,
        }
        for m in selectors.roster_list_for(actor=request.user, unit_id=unit_id, role=role)[:500]
    ]


@router.post("/roster", response={201: dict[str, Any]}, summary="名册增加成员")
def roster_create(request: HttpRequest, payload: RosterIn) -> Status:
    m = services.roster_add(actor=request.user, **payload.dict())
    return Status(201, {"id": m.pk, "role": m.role, "name": m.name})


# --- Grid overview, public card and indicators ----------------------------------------------------------


@router.get("/units/{unit_id}", response=dict[str, Any], summary="网格概况：规模提示与公示信息")
def grid_overview(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    require(request.user, P.VIEW)
    grid = grid_get_for(actor=request.user, unit_id=unit_id)
    size = grid_size_for(actor=request.user, unit=grid)
    card = selectors.grid_card(grid)
    return {
        "id": grid.pk,
        "name": grid.name,
        "code": grid.code,
        "households": size.households,
        "residents": size.residents,
        "warnings": size.warnings,
        "size_basis": size.basis,
        "area": card["area"],
        "complaint_phone": card["complaint_phone"],
        "workers": card["workers"],
        "public_url": f"/grid/public/{grid.code}/",
    }


@router.put("/units/{unit_id}/profile", response=dict[str, Any], summary="修改网格公示信息")
def grid_profile(request: HttpRequest, unit_id: int, payload: ProfileIn) -> dict[str, Any]:
    profile = services.grid_profile_save(actor=request.user, unit_id=unit_id, **payload.dict())
    return {"unit_id": profile.unit_id, "area": profile.area, "complaint_phone": profile.complaint_phone}


@router.get("/indicators", response=list[dict[str, Any]], summary="网格指标（可追溯到记录）")
def indicators(
    request: HttpRequest, year: Year | None = None, unit_id: int | None = None
) -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    from fazhi.org.selectors import unit_get_for

    unit = unit_get_for(actor=request.user, unit_id=unit_id or getattr(request.user, "unit_id", None))
    period = Period.year(year or timezone.localdate().year)
    return [
        {
            "code": f.code,
            "label": f.label,
            "value": f.value,
            "unit": f.unit,
            "link": f.link,
            "record_ids": f.ids(),
        }
        for f in indicator_source(actor=request.user, unit=unit, period=period)
    ]
