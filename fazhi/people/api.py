"""People endpoints under /api/v1/people/: residents, places, the one-person profile, ledger jobs, key
persons with their visits, and key-person export requests. Thin: parse, call, shape."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from fazhi.core import crypto
from fazhi.core.pagination import paginate
from fazhi.org.services import require
from fazhi.people import permissions as P
from fazhi.people import selectors, services
from fazhi.people.profile import profile_sections
from fazhi.people.schemas import (
    BuildingIn,
    BuildingOut,
    CareMemberIn,
    ControlIn,
    DecideIn,
    ExportIn,
    ExportRequestIn,
    ExportRequestOut,
    HouseholdIn,
    HouseholdOut,
    IncidentIn,
    JobOut,
    KeyPersonIn,
    KeyPersonOut,
    KeyPersonPage,
    MeasureIn,
    PeopleAgreementIn,
    PeopleRevealIn,
    PeopleSectionOut,
    ResidentIn,
    ResidentOut,
    ResidentPage,
    ResidentPatch,
    VisitIn,
)
from fazhi.people.services.keypersons import care_team_warnings

router = Router(tags=["居民与重点人员"])


class Paging(Schema):
    page: int = 1
    page_size: int = 20


def _page(page: Any, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": page.count, "page": page.page, "page_size": page.page_size, "items": items}


def _job(job: Any) -> dict[str, Any]:
    return {"id": str(job.pk), "url": f"/jobs/{job.pk}/", "status": job.status}


# --- Residents ------------------------------------------------------------------------------------


@router.get("/residents", response=ResidentPage, summary="居民列表（脱敏）")
def residents_list(
    request: HttpRequest,
    paging: Query[Paging],
    q: str = "",
    unit_id: int | None = None,
    household_id: int | None = None,
    living_status: str = "",
) -> dict[str, Any]:
    require(request.user, P.VIEW)
    qs = selectors.resident_list_for(
        actor=request.user, q=q, unit_id=unit_id, household_id=household_id, living_status=living_status
    )
    page = paginate(qs, page=paging.page, page_size=paging.page_size)
    return _page(page, [ResidentOut.of(r) for r in page.items])


@router.post("/residents", response={201: ResidentOut}, summary="登记居民")
def residents_create(request: HttpRequest, payload: ResidentIn) -> Status:
    resident = services.resident_create(actor=request.user, **payload.dict())
    return Status(201, ResidentOut.of(resident))


@router.get("/residents/{resident_id}", response=ResidentOut, summary="居民详情（脱敏）")
def residents_detail(request: HttpRequest, resident_id: int) -> dict[str, Any]:
    return ResidentOut.of(selectors.resident_get_for(actor=request.user, resident_id=resident_id))


@router.patch("/residents/{resident_id}", response=ResidentOut, summary="修改居民信息")
def residents_update(request: HttpRequest, resident_id: int, payload: ResidentPatch) -> dict[str, Any]:
    changes = payload.dict(exclude_none=True)
    return ResidentOut.of(services.resident_update(actor=request.user, resident_id=resident_id, **changes))


@router.post(
    "/residents/{resident_id}/reveal",
    response=dict[str, str],
    summary="查看完整身份证号/手机号（须说明事由，留痕）",
)
def residents_reveal(request: HttpRequest, resident_id: int, payload: PeopleRevealIn) -> dict[str, str]:
    value = services.resident_reveal(
        actor=request.user, resident_id=resident_id, field=payload.field, purpose=payload.purpose
    )
    return {"field": payload.field, "value": value}


@router.get(
    "/residents/{resident_id}/profile", response=list[PeopleSectionOut], summary="一人一档（按权限分节）"
)
def residents_profile(request: HttpRequest, resident_id: int) -> list[dict[str, Any]]:
    from fazhi.core.audit import audit_record

    resident = selectors.resident_get_for(actor=request.user, resident_id=resident_id)
    audit_record(actor=request.user, action="people.profile_view", obj=resident)
    return [
        {
            "key": s.key,
            "title": s.title,
            "facts": [[label, value] for label, value in s.facts],
            "items": [{"title": i.title, "detail": i.detail, "link": i.link, "tag": i.tag} for i in s.items],
            "link": s.link,
            "empty": s.empty,
        }
        for s in profile_sections(request.user, resident)
    ]


@router.post("/imports/residents", response={202: JobOut}, summary="导入居民台账（后台任务，全部无误才写入）")
def residents_import(request: HttpRequest, file: File[UploadedFile]) -> Status:
    return Status(202, _job(_import(request, "people.residents", file)))


@router.post(
    "/imports/keypersons", response={202: JobOut}, summary="导入重点人员登记表（后台任务，全部无误才写入）"
)
def keypersons_import(request: HttpRequest, file: File[UploadedFile]) -> Status:
    return Status(202, _job(_import(request, "people.keypersons", file)))


def _import(request: HttpRequest, name: str, file: UploadedFile) -> Any:
    from fazhi.workbench.transfer_services import import_start

    return import_start(
        actor=request.user, name=name, filename=file.name or "", content=file.read(), extra={}
    )


@router.post("/exports", response={202: JobOut}, summary="导出台账（后台任务，个人信息脱敏）")
def exports_start(request: HttpRequest, payload: ExportIn) -> Status:
    from fazhi.workbench.transfer_services import export_start

    filters = {k: str(v) for k, v in payload.params.items() if v not in (None, "")}
    return Status(202, _job(export_start(actor=request.user, name=payload.code, filters=filters)))


# --- Places -----------------------------------------------------------------------------------------


@router.get("/buildings", response=list[BuildingOut], summary="楼栋列表")
def buildings_list(request: HttpRequest, unit_id: int | None = None) -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    return [
        {
            "id": b.pk,
            "unit_id": b.unit_id,
            "unit_name": b.unit.name,
            "name": b.name,
            "address": b.address,
            "floors": b.floors,
            "household_count": getattr(b, "household_count", 0),
        }
        for b in selectors.building_list_for(actor=request.user, unit_id=unit_id)[:500]
    ]


@router.post("/buildings", response={201: BuildingOut}, summary="新增楼栋")
def buildings_create(request: HttpRequest, payload: BuildingIn) -> Status:
    b = services.building_create(actor=request.user, **payload.dict())
    return Status(
        201,
        {
            "id": b.pk,
            "unit_id": b.unit_id,
            "unit_name": b.unit.name,
            "name": b.name,
            "address": b.address,
            "floors": b.floors,
        },
    )


def _household(h: Any) -> dict[str, Any]:
    return {
        "id": h.pk,
        "unit_id": h.unit_id,
        "building_id": h.building_id,
        "entrance": h.entrance.name if h.entrance else "",
        "room": h.room,
        "address": h.address,
        "member_count": getattr(h, "member_count", 0),
    }


@router.get("/households", response=list[HouseholdOut], summary="住户列表")
def households_list(
    request: HttpRequest, building_id: int | None = None, q: str = ""
) -> list[dict[str, Any]]:
    require(request.user, P.VIEW)
    return [
        _household(h)
        for h in selectors.household_list_for(actor=request.user, building_id=building_id, q=q)[:500]
    ]


@router.post("/households", response={201: HouseholdOut}, summary="新增住户")
def households_create(request: HttpRequest, payload: HouseholdIn) -> Status:
    return Status(201, _household(services.household_create(actor=request.user, **payload.dict())))


# --- Key persons ------------------------------------------------------------------------------------


@router.get("/categories", response=list[dict[str, Any]], summary="重点人员类别")
def categories(request: HttpRequest) -> list[dict[str, Any]]:
    require(request.user, P.KEYPERSONS)
    return [
        {"id": c.pk, "code": c.code, "name": c.name, "schedule": c.schedule, "interval_days": c.interval_days}
        for c in selectors.category_list()
    ]


@router.get("/keypersons", response=KeyPersonPage, summary="重点人员列表（姓名脱敏）")
def keypersons_list(
    request: HttpRequest,
    paging: Query[Paging],
    category_id: int | None = None,
    control_status: str = "",
    due: str = "",
    unit_id: int | None = None,
) -> dict[str, Any]:
    require(request.user, P.KEYPERSONS)
    today = timezone.localdate()
    qs = selectors.keyperson_list_for(
        actor=request.user,
        category_id=category_id,
        control_status=control_status,
        due=due,
        unit_id=unit_id,
        today=today,
    )
    page = paginate(qs, page=paging.page, page_size=paging.page_size)
    items = [KeyPersonOut.of(p, selectors.next_visit_text(p).partition(" · ")[2], today) for p in page.items]
    return _page(page, items)


@router.post("/keypersons", response={201: KeyPersonOut}, summary="纳入重点人员管理")
def keypersons_create(request: HttpRequest, payload: KeyPersonIn) -> Status:
    person = services.keyperson_register(actor=request.user, **payload.dict())
    return Status(
        201,
        KeyPersonOut.of(person, selectors.next_visit_text(person).partition(" · ")[2], timezone.localdate()),
    )


@router.get(
    "/keypersons/{key_person_id}", response=dict[str, Any], summary="重点人员档案（须说明查询事由，留痕）"
)
def keypersons_detail(request: HttpRequest, key_person_id: int, purpose: str = "") -> dict[str, Any]:
    person = selectors.keyperson_get_for(actor=request.user, key_person_id=key_person_id, purpose=purpose)
    allowance = selectors.allowance_for(person, timezone.localdate().year)
    team = getattr(person, "care_team", None)
    return {
        "id": person.pk,
        "name": person.resident.name,
        "resident_id": person.resident_id,
        "id_number": crypto.mask_id_number(person.resident.id_number),
        "category": person.category.name,
        "danger_level": person.danger_level,
        "stable": person.stable,
        "control_status": person.control_status,
        "registered_on": person.registered_on,
        "effective_on": person.effective_on,
        "reported_on": person.reported_on,
        "next_visit": selectors.next_visit_text(person),
        "guardian_agreement_on": person.guardian_agreement_on,
        "allowance": {"eligible": allowance.eligible, "amount": allowance.amount, "basis": allowance.basis},
        "care_team": [
            {"name": m.name, "role": m.get_role_display()} for m in (team.members.all() if team else [])
        ],
        "warnings": care_team_warnings(person),
        "visits": [
            {
                "id": v.pk,
                "visited_at": v.visited_at,
                "method": v.method,
                "outcome": v.outcome,
                "danger_level": v.danger_level,
                "on_time": v.on_time,
                "next_due": v.next_due,
            }
            for v in selectors.visits_of(person)[:50]
        ],
        "measures": [
            {"id": m.pk, "kind": m.kind, "starts_on": m.starts_on, "ends_on": m.ends_on, "status": m.status}
            for m in selectors.measures_of(person)
        ],
    }


@router.post(
    "/keypersons/{key_person_id}/visits",
    response={201: dict[str, Any]},
    summary="记录走访（自动排定下次走访）",
)
def keypersons_visit(request: HttpRequest, key_person_id: int, payload: VisitIn) -> Status:
    visit = services.visit_record(actor=request.user, key_person_id=key_person_id, **payload.dict())
    return Status(
        201,
        {"id": visit.pk, "on_time": visit.on_time, "next_due": visit.next_due, "next_rule": visit.next_rule},
    )


@router.post(
    "/keypersons/{key_person_id}/care-members", response={201: dict[str, Any]}, summary="专班增加成员"
)
def keypersons_care_member(request: HttpRequest, key_person_id: int, payload: CareMemberIn) -> Status:
    member = services.care_member_add(actor=request.user, key_person_id=key_person_id, **payload.dict())
    return Status(201, {"id": member.pk, "name": member.name, "role": member.role})


@router.post("/keypersons/{key_person_id}/control-status", response=dict[str, Any], summary="变更管控状态")
def keypersons_control(request: HttpRequest, key_person_id: int, payload: ControlIn) -> dict[str, Any]:
    person = services.control_status_set(actor=request.user, key_person_id=key_person_id, **payload.dict())
    return {"id": person.pk, "control_status": person.control_status}


@router.post(
    "/keypersons/{key_person_id}/incidents", response={201: dict[str, Any]}, summary="登记肇事肇祸/违法事件"
)
def keypersons_incident(request: HttpRequest, key_person_id: int, payload: IncidentIn) -> Status:
    incident = services.incident_record(actor=request.user, key_person_id=key_person_id, **payload.dict())
    return Status(201, {"id": incident.pk})


@router.post("/keypersons/{key_person_id}/measures", response={201: dict[str, Any]}, summary="增加帮扶措施")
def keypersons_measure(request: HttpRequest, key_person_id: int, payload: MeasureIn) -> Status:
    measure = services.support_measure_add(actor=request.user, key_person_id=key_person_id, **payload.dict())
    return Status(201, {"id": measure.pk, "status": measure.status})


@router.post(
    "/keypersons/{key_person_id}/guardian-agreement", response=dict[str, Any], summary="登记看护协议"
)
def keypersons_agreement(
    request: HttpRequest, key_person_id: int, payload: PeopleAgreementIn
) -> dict[str, Any]:
    person = services.guardian_agreement_record(
        actor=request.user, key_person_id=key_person_id, **payload.dict()
    )
    return {"id": person.pk, "guardian_agreement_on": person.guardian_agreement_on}


# --- Export requests ----------------------------------------------------------------------------------


def _request(r: Any) -> dict[str, Any]:
    return {
        "id": r.pk,
        "purpose": r.purpose,
        "status": r.status,
        "requested_by": str(r.requested_by),
        "decided_by": str(r.decided_by) if r.decided_by else "",
        "created_at": r.created_at,
    }


@router.get("/export-requests", response=list[ExportRequestOut], summary="重点人员导出申请")
def export_requests_list(request: HttpRequest) -> list[dict[str, Any]]:
    require(request.user, P.KEYPERSONS)
    return [_request(r) for r in selectors.export_request_list_for(actor=request.user)[:200]]


@router.post("/export-requests", response={201: ExportRequestOut}, summary="申请导出重点人员台账")
def export_requests_create(request: HttpRequest, payload: ExportRequestIn) -> Status:
    return Status(201, _request(services.export_request_create(actor=request.user, **payload.dict())))


@router.post(
    "/export-requests/{request_id}/decide", response=ExportRequestOut, summary="审批导出申请（须另一人）"
)
def export_requests_decide(request: HttpRequest, request_id: int, payload: DecideIn) -> dict[str, Any]:
    return _request(
        services.export_request_decide(
            actor=request.user, request_id=request_id, approve=payload.approve, note=payload.note
        )
    )


@router.post(
    "/export-requests/{request_id}/run", response={202: JobOut}, summary="执行已批准的导出（带导出人水印）"
)
def export_requests_run(request: HttpRequest, request_id: int) -> Status:
    return Status(202, _job(services.export_request_run(actor=request.user, request_id=request_id)))
