"""Expected status of every people API route for every persona (read by fazhi/tests/test_api_matrix.py).

Records live in grid A1 of community A; grid_b1 is the outsider and gets 404 wherever it holds the
permission. A permission the persona lacks answers 403 before any lookup; a record the persona cannot
see answers 404.
"""

from __future__ import annotations

import uuid

from fazhi.testing import GRID_A1, persona, unit
from fazhi.tests.matrix import Case, everyone, only

VIEWERS = only(200, "leader", "clerk", "community_a", "grid_a1", "grid_b1", default=403)
KEYHOLDERS = only(200, "clerk", "community_a", "grid_a1", "grid_b1", default=403)
SEE_A1 = only(200, "leader", "clerk", "community_a", "grid_a1", default=404)


def write_a1(status: int) -> dict[str, int]:
    """A write on a community-A record: the three in scope succeed, the outsider gets 404, the rest 403."""
    table = only(status, "clerk", "community_a", "grid_a1", default=403)
    table["grid_b1"] = 404
    return table


def _f():  # imported lazily: the factories touch the database
    from fazhi.people.tests import factories

    return factories


def _resident() -> int:
    return _f().resident("矩阵居民").pk


def _key_person() -> int:
    return _f().key_person().pk


def _request(approved: bool) -> int:
    from fazhi.people import services

    request = services.export_request_create(actor=persona("community_a"), purpose="年度核查")
    if approved:
        services.export_request_decide(actor=persona("clerk"), request_id=request.pk, approve=True)
    return request.pk


ROUTES: dict[str, Case] = {
    "GET /api/v1/people/residents": Case(expect=VIEWERS),
    "POST /api/v1/people/residents": Case(
        body=lambda: {
            "name": "新居民",
            "household_id": _f().household(room=uuid.uuid4().hex[:6]).pk,
            "id_number": _f().new_id(),
        },
        expect=write_a1(201),
    ),
    "GET /api/v1/people/residents/{resident_id}": Case(
        path=lambda: {"resident_id": _resident()}, expect=SEE_A1
    ),
    "PATCH /api/v1/people/residents/{resident_id}": Case(
        path=lambda: {"resident_id": _resident()}, body=lambda: {"note": "已核实"}, expect=write_a1(200)
    ),
    "POST /api/v1/people/residents/{resident_id}/reveal": Case(
        path=lambda: {"resident_id": _resident()},
        body=lambda: {"field": "id_number", "purpose": "核实身份"},
        # Seeing the resident is not enough: revealing needs 查看完整个人信息 (leader, office clerk).
        expect={**only(200, "leader", "clerk", default=404), "community_a": 403, "grid_a1": 403},
    ),
    "GET /api/v1/people/residents/{resident_id}/profile": Case(
        path=lambda: {"resident_id": _resident()}, expect=SEE_A1
    ),
    # Multipart only: the table's JSON body is refused before any permission is looked at.
    "POST /api/v1/people/imports/residents": Case(expect=everyone(400)),
    "POST /api/v1/people/imports/keypersons": Case(expect=everyone(400)),
    "POST /api/v1/people/exports": Case(
        body=lambda: {"code": "people.residents"},
        # The workbench answers a ledger the actor may not export like a missing one.
        expect=only(202, "leader", "clerk", "community_a", "grid_a1", "grid_b1", default=404),
    ),
    "GET /api/v1/people/buildings": Case(expect=VIEWERS),
    "POST /api/v1/people/buildings": Case(
        body=lambda: {"unit_id": unit(GRID_A1).pk, "name": f"{uuid.uuid4().hex[:4]}号楼"},
        expect=write_a1(201),
    ),
    "GET /api/v1/people/households": Case(expect=VIEWERS),
    "POST /api/v1/people/households": Case(
        body=lambda: {
            "building_id": _f().household(building=f"楼{uuid.uuid4().hex[:4]}").building_id,
            "room": "202",
        },
        expect=write_a1(201),
    ),
    "GET /api/v1/people/categories": Case(expect=KEYHOLDERS),
    "GET /api/v1/people/keypersons": Case(expect=KEYHOLDERS),
    "POST /api/v1/people/keypersons": Case(
        body=lambda: {
            "resident_id": _resident(),
            "category_id": _f().category("mental").pk,
            "registered_on": "2022-03-01",
            "danger_level": 1,
        },
        expect=write_a1(201),
    ),
    "GET /api/v1/people/keypersons/{key_person_id}": Case(
        path=lambda: {"key_person_id": f"{_key_person()}?purpose=季度走访核对"},
        expect=only(200, "clerk", "community_a", "grid_a1", default=404),
    ),
    "POST /api/v1/people/keypersons/{key_person_id}/visits": Case(
        path=lambda: {"key_person_id": _key_person()},
        body=lambda: {
            "visited_at": "2022-03-10T10:00:00+08:00",
            "place": "家中",
            "visitors": "孙强",
            "danger_level": 1,
        },
        expect=write_a1(201),
    ),
    "POST /api/v1/people/keypersons/{key_person_id}/care-members": Case(
        path=lambda: {"key_person_id": _key_person()},
        body=lambda: {"name": "王医生", "role": "doctor"},
        expect=write_a1(201),
    ),
    "POST /api/v1/people/keypersons/{key_person_id}/control-status": Case(
        path=lambda: {"key_person_id": _key_person()},
        body=lambda: {"status": "lost", "note": "多日联系不上"},
        expect=write_a1(200),
    ),
    "POST /api/v1/people/keypersons/{key_person_id}/incidents": Case(
        path=lambda: {"key_person_id": _key_person()},
        body=lambda: {"occurred_on": "2022-05-01", "severity": "minor"},
        expect=write_a1(201),
    ),
    "POST /api/v1/people/keypersons/{key_person_id}/measures": Case(
        path=lambda: {"key_person_id": _key_person()},
        body=lambda: {"kind": "public_job", "starts_on": "2022-04-01"},
        expect=write_a1(201),
    ),
    "POST /api/v1/people/keypersons/{key_person_id}/guardian-agreement": Case(
        path=lambda: {"key_person_id": _key_person()},
        body=lambda: {"signed_on": "2022-04-01", "guardian_name": "李父"},
        expect=write_a1(200),
    ),
    "GET /api/v1/people/export-requests": Case(expect=KEYHOLDERS),
    "POST /api/v1/people/export-requests": Case(
        body=lambda: {"purpose": "年度核查"},
        expect=only(201, "clerk", "community_a", "grid_a1", "grid_b1", default=403),
    ),
    "POST /api/v1/people/export-requests/{request_id}/decide": Case(
        path=lambda: {"request_id": _request(approved=False)},
        body=lambda: {"approve": True},
        expect=only(200, "clerk", default=403),  # only a second person holding 审批重点人员导出
    ),
    "POST /api/v1/people/export-requests/{request_id}/run": Case(
        path=lambda: {"request_id": _request(approved=True)},
        # Only the requester runs an approved export; other key-person staff see no such request.
        expect={**only(202, "community_a", default=403), "clerk": 404, "grid_a1": 404, "grid_b1": 404},
    ),
}
