"""Expected status of every org API route for every persona (read by fazhi/tests/test_api_matrix.py).

Community A's records: the outsider grid_b1 must get 404, never 403 (absence and refusal look alike).
"""

from __future__ import annotations

from fazhi.testing import COMMUNITY_A, persona, unit
from fazhi.tests.matrix import Case, everyone, only

ADMINS_READ = only(200, "sysadmin", "secadmin", default=403)

ROUTES: dict[str, Case] = {
    "POST /api/v1/auth/token": Case(
        body=lambda: {"username": "grid_a1", "password": "wrong"}, expect=everyone(401)
    ),
    "DELETE /api/v1/auth/token": Case(expect=everyone(204)),
    "GET /api/v1/me": Case(expect=everyone(200)),
    "POST /api/v1/me/password": Case(
        body=lambda: {"old_password": "wrong-old", "new_password": "Another-pass-1"}, expect=everyone(400)
    ),
    "GET /api/v1/units/tree": Case(expect=everyone(200)),
    "GET /api/v1/units": Case(expect=everyone(200)),
    "GET /api/v1/units/{unit_id}": Case(
        path=lambda: {"unit_id": unit(COMMUNITY_A).pk},
        expect=only(200, "leader", "clerk", "community_a", "sysadmin", "secadmin", default=404),
    ),
    "POST /api/v1/units": Case(
        body=lambda: {
            "name": "新网格",
            "kind": "grid",
            "code": "SH-JQ-09",
            "parent_id": unit(COMMUNITY_A).pk,
        },
        # Only the system administrator may; community_a may see the parent but lacks the permission.
        expect=only(201, "sysadmin", default=403),
    ),
    "PATCH /api/v1/units/{unit_id}": Case(
        path=lambda: {"unit_id": unit(COMMUNITY_A).pk},
        body=lambda: {"phone": "0543-1234567"},
        expect=only(200, "sysadmin", default=403),
    ),
    "GET /api/v1/accounts": Case(expect=ADMINS_READ),
    "GET /api/v1/accounts/{user_id}": Case(
        path=lambda: {"user_id": persona("community_a").pk},
        expect=only(200, "sysadmin", "secadmin", default=404),
    ),
    "POST /api/v1/accounts": Case(
        body=lambda: {
            "username": "new_clerk",
            "display_name": "新同志",
            "unit_id": unit(COMMUNITY_A).pk,
            "password": "Strong-pass-9",
            "roles": ["community_clerk"],
        },
        expect=only(201, "sysadmin", default=403),
    ),
    "PATCH /api/v1/accounts/{user_id}": Case(
        path=lambda: {"user_id": persona("community_a").pk},
        body=lambda: {"display_name": "赵红"},
        expect=only(200, "sysadmin", default=403),
    ),
    "POST /api/v1/accounts/{user_id}/reveal-phone": Case(
        path=lambda: {"user_id": persona("community_a").pk},
        body=lambda: {"purpose": "核实联系方式"},
        # Admins can see the account but hold no reveal permission; others cannot see it at all.
        expect=only(403, "sysadmin", "secadmin", default=404),
    ),
    "GET /api/v1/roles": Case(expect=ADMINS_READ),
    "PUT /api/v1/roles/{code}": Case(
        path=lambda: {"code": "tmp_role"},
        body=lambda: {"name": "临时角色", "permissions": ["org.view_units"], "data_scope": "unit"},
        expect=only(200, "secadmin", default=403),
    ),
    "GET /api/v1/audit": Case(expect=only(200, "auditor", default=403)),
}
