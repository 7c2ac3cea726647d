"""Shared pieces of the disputes API: the router, paging and filter schemas, response helpers."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from fazhi.disputes import present, selectors
from fazhi.disputes.schemas import (
    PartyIn,
    TermIn,
)

router = Router(tags=["矛盾纠纷"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(data: bytes, name: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


Json = dict[str, Any]


class Paging(Schema):
    page: int = 1
    page_size: int = 20


class DisputeQuery(Schema):
    q: str = ""
    status: str = ""
    category: str = ""
    risk_level: str = ""
    source: str = ""
    outcome: str = ""
    unit_id: int | None = None
    registered_from: date | None = None
    registered_to: date | None = None
    concluded_from: date | None = None
    concluded_to: date | None = None
    open_only: bool = False


def dispute_out_for(request: HttpRequest, dispute_id: int) -> Json:
    return present.dispute_out(
        selectors.dispute_get_for(actor=request.user, dispute_id=dispute_id), request.user
    )


def parties_in(parties: list[PartyIn]) -> list[dict[str, Any]]:
    return [p.dict() for p in parties]


def terms_in(terms: list[TermIn]) -> list[dict[str, Any]]:
    return [t.dict() for t in terms]
