"""Expected status of every supervision API route for every persona (fazhi/tests/test_api_matrix.py).

The orders are on a petition of community A's grid A1: the outsider grid_b1 gets 404."""

from __future__ import annotations

from datetime import date

from fazhi.petitions.tests.factories import make
from fazhi.supervision.tests.factories import order
from fazhi.tests.matrix import Case, everyone, only

SEEN = ("leader", "clerk", "community_a", "grid_a1")


def seen(status: int, *allowed: str) -> dict[str, int]:
    table = only(404, default=404)
    table.update(dict.fromkeys(SEEN, 403))
    table.update(dict.fromkeys(allowed, status))
    return table


ROUTES: dict[str, Case] = {
    "GET /api/v1/supervision/orders": Case(expect=everyone(200)),
    "POST /api/v1/supervision/orders": Case(
        body=lambda: {
            "object_type": "petitions.petition",
            "object_id": str(make("accepted").pk),
            "level": "remind",
            "reason": "办理进度缓慢，请加快",
            "on": str(date(2022, 10, 10)),
        },
        expect=only(201, "leader", default=403),
    ),
    "GET /api/v1/supervision/orders/{order_id}": Case(
        path=lambda: {"order_id": order().pk}, expect=seen(200, *SEEN)
    ),
    "GET /api/v1/supervision/orders/{order_id}/document": Case(
        path=lambda: {"order_id": order().pk}, expect=seen(200, *SEEN)
    ),
    "POST /api/v1/supervision/orders/{order_id}/reply": Case(
        path=lambda: {"order_id": order().pk},
        body=lambda: {"text": "已约谈施工单位，工资已于本周发放完毕"},
        expect=seen(200, "clerk", "community_a"),
    ),
    "POST /api/v1/supervision/orders/{order_id}/close": Case(
        path=lambda: {"order_id": order(replied=True).pk},
        body=lambda: {"reason": ""},
        expect=seen(200, "leader"),
    ),
    "POST /api/v1/supervision/orders/{order_id}/return": Case(
        path=lambda: {"order_id": order(replied=True).pk},
        body=lambda: {"reason": "回复未说明工资是否足额发放"},
        expect=seen(200, "leader"),
    ),
    "POST /api/v1/supervision/orders/{order_id}/escalate": Case(
        path=lambda: {"order_id": order().pk},
        body=lambda: {"reason": "逾期未回复"},
        expect=seen(200, "leader"),
    ),
}
