"""Expected status of every grid API route for every persona (read by fazhi/tests/test_api_matrix.py).

Records live in grid A1 of community A; grid_b1 is the outsider (404 wherever it holds the
permission). A permission the persona lacks answers 403 before any lookup.
"""

from __future__ import annotations

import datetime as dt
import uuid

from fazhi.testing import COMMUNITY_A, GRID_A1, persona, unit
from fazhi.tests.matrix import Case, everyone, only

VIEWERS = only(200, "leader", "clerk", "community_a", "grid_a1", "grid_b1", default=403)
MANAGERS = only(200, "clerk", "community_a", default=403)


def in_a1(status: int, *names: str) -> dict[str, int]:
    """Those named succeed; the outsider gets 404; everyone else 403."""
    table = only(status, *names, default=403)
    table["grid_b1"] = 404
    return table


def _event() -> int:
    from fazhi.grid import services

    return services.event_report(
        actor=persona("grid_a1"),
        category="environment",
        description="楼道堆放杂物影响通行",
        location="1号楼1单元",
    ).pk


def _home() -> int:
    from fazhi.people.tests import factories

    return factories.household(room=uuid.uuid4().hex[:6]).pk


def _award_rule() -> int:
    from fazhi.grid.tests import factories

    return factories.rule(code=uuid.uuid4().hex[:8], points=50).pk


def _proposal() -> object:
    from fazhi.grid import services
    from fazhi.grid.tests import factories

    rule = factories.rule(code=uuid.uuid4().hex[:8], kind="deduction", points=5)
    return services.points_award(
        actor=persona("grid_a1"),
        household_id=_home(),
        rule_id=rule.pk,
        occurred_on=dt.date(2022, 6, 1),
        attachment=("现场.jpg", b"\xff\xd8m"),
    )


def _deduction_entry() -> int:
    from fazhi.grid import services

    proposal = _proposal()
    return services.deduction_decide(
        actor=persona("community_a"), proposal_id=proposal.pk, approve=True
    ).entry_id  # type: ignore[attr-defined]


def _appeal() -> int:
    from fazhi.grid import services

    return services.points_appeal_file(
        actor=persona("grid_a1"), entry_id=_deduction_entry(), appellant="张三", reason="杂物不是我家堆放的"
    ).pk


def _redeemable() -> dict[str, int]:
    from fazhi.grid import services
    from fazhi.grid.tests import factories

    home = _home()
    services.points_award(
        actor=persona("grid_a1"), household_id=home, rule_id=_award_rule(), occurred_on=dt.date(2022, 6, 1)
    )
    return {"household_id": home, "item_id": factories.item(cost=10, stock=5).pk}


def _cadre_link() -> int:
    from fazhi.grid import services

    return services.cadre_link_create(
        actor=persona("clerk"),
        cadre_id=persona("leader").pk,
        unit_id=unit(GRID_A1).pk,
        since=dt.date(2022, 1, 1),
    ).pk


def _member() -> int:
    from fazhi.people.tests import factories

    return factories.resident("党员", political_status="party").pk


def _party_link() -> int:
    from fazhi.grid import services

    return services.party_link_create(
        actor=persona("community_a"), member_id=_member(), household_id=_home(), since=dt.date(2022, 1, 1)
    ).pk


ROUTES: dict[str, Case] = {
    "GET /api/v1/grid/events": Case(expect=VIEWERS),
    "POST /api/v1/grid/events": Case(
        body=lambda: {
            "category": "safety",
            "description": "井盖松动有安全隐患",
            "location": "锦秋路口",
            "unit_id": unit(GRID_A1).pk,
        },
        expect=in_a1(201, "clerk", "community_a", "grid_a1"),
    ),
    "GET /api/v1/grid/events/{event_id}": Case(
        path=lambda: {"event_id": _event()},
        expect=only(200, "leader", "clerk", "community_a", "grid_a1", default=404),
    ),
    "POST /api/v1/grid/events/{event_id}/actions/{action}": Case(
        path=lambda: {"event_id": _event(), "action": "accept"},
        body=lambda: {"note": "属实"},
        # Seen by leader and grid_a1, who may not accept (403); unseen by the rest (404).
        expect={**only(200, "clerk", "community_a", default=404), "leader": 403, "grid_a1": 403},
    ),
    # Multipart only: the table's JSON body is refused before any lookup.
    "POST /api/v1/grid/events/{event_id}/photos": Case(
        path=lambda: {"event_id": _event()}, expect=everyone(400)
    ),
    "GET /api/v1/grid/points/rules": Case(expect=VIEWERS),
    "POST /api/v1/grid/points/rules": Case(
        body=lambda: {
            "unit_id": unit(COMMUNITY_A).pk,
            "code": uuid.uuid4().hex[:8],
            "name": "见义勇为",
            "kind": "award",
            "points": 20,
        },
        expect=MANAGERS,
    ),
    "GET /api/v1/grid/points/entries": Case(expect=VIEWERS),
    "POST /api/v1/grid/points/entries": Case(
        body=lambda: {"household_id": _home(), "rule_id": _award_rule(), "occurred_on": "2022-06-01"},
        expect=in_a1(201, "clerk", "community_a", "grid_a1"),
    ),
    # Multipart only: the table's JSON body is refused before any lookup.
    "POST /api/v1/grid/imports/points": Case(expect=everyone(400)),
    "GET /api/v1/grid/points/proposals": Case(expect=VIEWERS),
    "POST /api/v1/grid/points/proposals/{proposal_id}/decide": Case(
        path=lambda: {"proposal_id": _proposal().pk},  # type: ignore[attr-defined]
        body=lambda: {"approve": True},
        expect=MANAGERS,
    ),
    "POST /api/v1/grid/points/entries/{entry_id}/appeals": Case(
        path=lambda: {"entry_id": _deduction_entry()},
        body=lambda: {"appellant": "张三", "reason": "杂物不是我家堆放的"},
        expect=in_a1(201, "clerk", "community_a", "grid_a1"),
    ),
    "GET /api/v1/grid/points/appeals": Case(expect=VIEWERS),
    "POST /api/v1/grid/points/appeals/{appeal_id}/decide": Case(
        path=lambda: {"appeal_id": _appeal()},
        body=lambda: {"approve": True, "note": "核实成立"},
        expect=MANAGERS,
    ),
    "GET /api/v1/grid/points/households/{household_id}": Case(
        path=lambda: {"household_id": _home()}, expect=in_a1(200, "leader", "clerk", "community_a", "grid_a1")
    ),
    "GET /api/v1/grid/points/balances": Case(expect=VIEWERS),
    "GET /api/v1/grid/points/items": Case(expect=VIEWERS),
    "POST /api/v1/grid/points/items": Case(
        body=lambda: {"unit_id": unit(COMMUNITY_A).pk, "name": "大米", "cost": 30, "stock": 10},
        expect=MANAGERS,
    ),
    "POST /api/v1/grid/points/redemptions": Case(
        body=_redeemable, expect=in_a1(201, "clerk", "community_a", "grid_a1")
    ),
    "GET /api/v1/grid/activities": Case(expect=VIEWERS),
    "POST /api/v1/grid/activities": Case(
        body=lambda: {
            "unit_id": unit(GRID_A1).pk,
            "kind": "service",
            "held_on": "2022-05-01",
            "title": "义诊进网格",
            "content": "社区医院医生为老人量血压",
            "participants": 30,
        },
        expect=in_a1(201, "clerk", "community_a", "grid_a1"),
    ),
    "GET /api/v1/grid/links/cadres": Case(expect=VIEWERS),
    "POST /api/v1/grid/links/cadres": Case(
        body=lambda: {"cadre_id": persona("leader").pk, "unit_id": unit(GRID_A1).pk, "since": "2022-01-01"},
        expect={**MANAGERS, "clerk": 201, "community_a": 201},
    ),
    "POST /api/v1/grid/links/cadres/{link_id}/visits": Case(
        path=lambda: {"link_id": _cadre_link()},
        body=lambda: {"visited_on": "2022-04-01", "content": "下网格听取居民意见", "issues": 2},
        # The cadre (leader) logs their own visit; staff with 上报 log it for them.
        expect=only(201, "leader", "clerk", "community_a", "grid_a1", default=404),
    ),
    "GET /api/v1/grid/links/party": Case(expect=VIEWERS),
    "POST /api/v1/grid/links/party": Case(
        body=lambda: {"member_id": _member(), "household_id": _home(), "since": "2022-01-01"},
        expect=only(201, "clerk", "community_a", default=403),
    ),
    "POST /api/v1/grid/links/party/{link_id}/contacts": Case(
        path=lambda: {"link_id": _party_link()},
        body=lambda: {"contacted_on": "2022-04-01", "method": "visit", "content": "入户了解情况"},
        expect=in_a1(201, "clerk", "community_a", "grid_a1"),
    ),
    "GET /api/v1/grid/roster": Case(expect=VIEWERS),
    "POST /api/v1/grid/roster": Case(
        body=lambda: {"unit_id": unit(GRID_A1).pk, "role": "volunteer", "name": "志愿者甲"},
        expect=only(201, "clerk", "community_a", default=403),
    ),
    "GET /api/v1/grid/units/{unit_id}": Case(
        path=lambda: {"unit_id": unit(GRID_A1).pk},
        expect=in_a1(200, "leader", "clerk", "community_a", "grid_a1"),
    ),
    "PUT /api/v1/grid/units/{unit_id}/profile": Case(
        path=lambda: {"unit_id": unit(GRID_A1).pk},
        body=lambda: {"area": "锦秋路以东", "complaint_phone": "0543-1234567"},
        expect=MANAGERS,
    ),
    "GET /api/v1/grid/indicators": Case(expect=VIEWERS),
}
