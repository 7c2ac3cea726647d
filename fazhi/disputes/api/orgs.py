"""Mediation organisations and mediators."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Status

from fazhi.disputes import present, selectors, services
from fazhi.disputes.api.base import Json, router
from fazhi.disputes.schemas import (
    MediatorIn,
    MediatorPatch,
    OrgIn,
    OrgPatch,
    TrainingIn,
)

# --- Organisations and mediators ---------------------------------------------------------------


@router.get("/orgs", response=list[Json], summary="调解组织")
def org_list(request: HttpRequest, kind: str = "") -> list[Json]:
    return [
        {
            **present.org_out(o),
            "committee_count": getattr(o, "committee_count", 0),
            "women_count": getattr(o, "women_count", 0),
            "mediator_count": getattr(o, "mediator_count", 0),
        }
        for o in selectors.org_list_for(actor=request.user, kind=kind)
    ]


def _org(request: HttpRequest, org_id: int) -> Json:
    org = selectors.org_get_for(actor=request.user, org_id=org_id)
    mediators = list(org.mediators.all())
    return {
        **present.org_out(org, selectors.org_checklist(org, mediators=mediators)),
        "mediators": [present.mediator_out(m) for m in mediators],
    }


@router.post("/orgs", response={201: Json}, summary="设立调解组织")
def org_create(request: HttpRequest, payload: OrgIn) -> Status:
    org = services.org_create(actor=request.user, **payload.dict())
    return Status(201, _org(request, org.pk))


@router.get("/orgs/{org_id}", response=Json, summary="调解组织详情（有人员、有场所、有制度）")
def org_detail(request: HttpRequest, org_id: int) -> Json:
    return _org(request, org_id)


@router.patch("/orgs/{org_id}", response=Json, summary="修改调解组织")
def org_update(request: HttpRequest, org_id: int, payload: OrgPatch) -> Json:
    services.org_update(actor=request.user, org_id=org_id, **payload.dict(exclude_unset=True))
    return _org(request, org_id)


@router.post("/orgs/{org_id}/compliant", response=Json, summary="确认有人员、有场所、有制度")
def org_compliant(request: HttpRequest, org_id: int) -> Json:
    services.org_mark_compliant(actor=request.user, org_id=org_id)
    return _org(request, org_id)


@router.post("/orgs/{org_id}/mediators", response={201: Json}, summary="增加委员或调解员")
def org_mediator_add(request: HttpRequest, org_id: int, payload: MediatorIn) -> Status:
    mediator = services.mediator_add(actor=request.user, org_id=org_id, **payload.dict())
    return Status(201, present.mediator_out(mediator))


@router.get("/mediators", response=list[Json], summary="调解员名册")
def mediator_list(request: HttpRequest, org_id: int | None = None, q: str = "") -> list[Json]:
    return [
        {
            **present.mediator_out(m),
            "training_count": getattr(m, "training_count", 0),
            "case_count": getattr(m, "case_count", 0),
        }
        for m in selectors.mediator_list_for(actor=request.user, org_id=org_id, q=q)
    ]


def _mediator(request: HttpRequest, mediator_id: int) -> Json:
    m = selectors.mediator_get_for(actor=request.user, mediator_id=mediator_id)
    return {
        **present.mediator_out(m),
        "trainings": [
            {"id": t.pk, "held_on": t.held_on, "title": t.title, "organiser": t.organiser, "hours": t.hours}
            for t in m.trainings.all()
        ],
    }


@router.get("/mediators/{mediator_id}", response=Json, summary="调解员详情（资质、培训）")
def mediator_detail(request: HttpRequest, mediator_id: int) -> Json:
    return _mediator(request, mediator_id)


@router.patch("/mediators/{mediator_id}", response=Json, summary="修改调解员（离任：is_active=false）")
def mediator_update(request: HttpRequest, mediator_id: int, payload: MediatorPatch) -> Json:
    services.mediator_update(actor=request.user, mediator_id=mediator_id, **payload.dict(exclude_unset=True))
    return _mediator(request, mediator_id)


@router.post("/mediators/{mediator_id}/trainings", response={201: Json}, summary="记录调解员培训")
def mediator_training(request: HttpRequest, mediator_id: int, payload: TrainingIn) -> Status:
    services.training_add(actor=request.user, mediator_id=mediator_id, **payload.dict())
    return Status(201, _mediator(request, mediator_id))
