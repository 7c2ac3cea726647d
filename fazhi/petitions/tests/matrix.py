"""Expected status of every petitions API route for every persona (read by fazhi/tests/test_api_matrix.py).

The records are community A's (grid A1): the outsider grid_b1 gets 404, never 403; the adviser (scope
"own") and the administrators (no petition permission) see nothing either.
"""

from __future__ import annotations

from datetime import date

from fazhi.petitions.tests.factories import ZHANG, make
from fazhi.testing import GRID_A1, persona, unit
from fazhi.tests.matrix import Case, everyone, only

SEEN = ("leader", "clerk", "community_a", "grid_a1")  # who sees community A's grid A1 matters


def seen(status: int, *allowed: str) -> dict[str, int]:
    """`status` for `allowed`, 403 for the others who see the record, 404 for those who do not."""
    table = only(404, default=404)
    table.update(dict.fromkeys(SEEN, 403))
    table.update(dict.fromkeys(allowed, status))
    return table


_last: dict[str, object] = {}


def pid(status: str, **kw: object) -> dict[str, int]:
    _last["petition"] = petition = make(status, **kw)  # type: ignore[arg-type]
    return {"petition_id": petition.pk}


HANDLERS = ("leader", "clerk", "community_a")

ROUTES: dict[str, Case] = {
    "GET /api/v1/petitions/": Case(expect=everyone(200)),
    "POST /api/v1/petitions/": Case(
        body=lambda: {
            "channel": "letter",
            "received_on": "2022-09-01",
            "category": "claim",
            "content": "小区物业公司长期不维修电梯，要求解决",
            "unit_id": unit(GRID_A1).pk,
            "petitioners": [ZHANG],
        },
        expect={**only(403, default=403), "clerk": 201, "community_a": 201, "grid_a1": 201, "grid_b1": 404},
    ),
    "POST /api/v1/petitions/check-repeat": Case(
        body=lambda: {"petitioners": [ZHANG], "content": "拖欠工资"},
        expect=only(200, "clerk", "community_a", "grid_a1", "grid_b1", default=403),
    ),
    "GET /api/v1/petitions/board": Case(expect=everyone(200)),
    "GET /api/v1/petitions/indicators": Case(
        # The adviser's own unit is outside an "own records" scope; administrators hold no view.
        expect={**only(200, *SEEN, "grid_b1", default=403), "adviser": 404},
    ),
    "GET /api/v1/petitions/{petition_id}": Case(path=lambda: pid("registered"), expect=seen(200, *SEEN)),
    "GET /api/v1/petitions/{petition_id}/timeline": Case(
        path=lambda: pid("accepted"), expect=seen(200, *SEEN)
    ),
    "GET /api/v1/petitions/{petition_id}/documents/{kind}": Case(
        path=lambda: {**pid("accepted"), "kind": "notice"}, expect=seen(200, *SEEN)
    ),
    # Multipart only: a JSON body is refused before anything else is looked at (test_api uploads).
    "POST /api/v1/petitions/{petition_id}/attachments": Case(
        path=lambda: pid("registered"), expect=everyone(400)
    ),
    "POST /api/v1/petitions/{petition_id}/route": Case(
        path=lambda: pid("registered"),
        body=lambda: {"route": "accept", "on": "2022-09-05", "new_facts": True},
        expect=seen(200, "clerk"),
    ),
    "POST /api/v1/petitions/{petition_id}/notice": Case(
        path=lambda: pid("accepted"), body=lambda: {"on": "2022-09-08"}, expect=seen(200, "clerk")
    ),
    "POST /api/v1/petitions/{petition_id}/object": Case(
        path=lambda: pid("transferred"),
        body=lambda: {"reason": "不属于本局职责", "on": "2022-09-08"},
        expect=seen(200, "clerk"),
    ),
    "POST /api/v1/petitions/{petition_id}/feedback": Case(
        path=lambda: pid("assigned"),
        body=lambda: {"result": "已督促施工单位支付全部工资", "on": "2022-10-01"},
        expect=seen(200, *HANDLERS),
    ),
    "POST /api/v1/petitions/{petition_id}/lead": Case(
        path=lambda: pid("accepted"),
        body=lambda: {"leader_id": persona("leader").pk, "handler_ids": [persona("clerk").pk]},
        expect=seen(200, "leader", "clerk"),
    ),
    "POST /api/v1/petitions/{petition_id}/notes": Case(
        path=lambda: pid("accepted"),
        body=lambda: {"kind": "investigation", "text": "走访施工单位核实欠薪情况", "on": "2022-09-10"},
        expect=seen(201, *HANDLERS),
    ),
    "POST /api/v1/petitions/{petition_id}/extend": Case(
        path=lambda: pid("accepted"),
        body=lambda: {
            "days": 30,
            "reason": "涉及多方需进一步核实",
            "approver_id": persona("leader").pk,
            "on": "2022-10-01",
        },
        expect=seen(200, *HANDLERS),
    ),
    "POST /api/v1/petitions/{petition_id}/mediate": Case(
        path=lambda: pid("accepted"),
        body=lambda: {
            "agreement": "施工单位于10日内支付全部工资",
            "petitioner_consent": True,
            "other_party_consent": True,
            "on": "2022-09-20",
        },
        expect=seen(200, *HANDLERS),
    ),
    "POST /api/v1/petitions/{petition_id}/refer-mediation": Case(
        path=lambda: pid("accepted"),
        body=lambda: {"category": "labour", "note": "信访人同意调解"},
        # The leader may handle the petition but holds no 矛盾纠纷登记 permission: refused, not hidden.
        expect=seen(200, "clerk", "community_a"),
    ),
    "POST /api/v1/petitions/{petition_id}/reply": Case(
        path=lambda: pid("accepted"),
        body=lambda: {
            "outcome": "support",
            "request": "追讨工资",
            "facts": "经核实属实",
            "opinion": "责成支付",
            "basis": "《保障农民工工资支付条例》",
            "on": "2022-10-10",
        },
        expect=seen(200, *HANDLERS),
    ),
    "POST /api/v1/petitions/{petition_id}/reviews": Case(
        path=lambda: pid("replied"),
        body=lambda: {"requested_on": "2022-10-20", "request": "不服处理意见"},
        expect=seen(200, "clerk"),
    ),
    "POST /api/v1/petitions/{petition_id}/reviews/decision": Case(
        path=lambda: pid("review_requested"),
        body=lambda: {"accept": True, "on": "2022-10-21"},
        expect=seen(200, "clerk"),
    ),
    "POST /api/v1/petitions/{petition_id}/reviews/pauses": Case(
        path=lambda: pid("re_reviewing"),
        body=lambda: {"first": "2022-11-15", "last": "2022-11-18", "reason": "复核听证"},
        expect=seen(200, *HANDLERS),
    ),
    "POST /api/v1/petitions/{petition_id}/reviews/answer": Case(
        path=lambda: pid("reviewing"),
        body=lambda: {"outcome": "support", "opinion": "维持原处理意见", "on": "2022-11-01"},
        expect=seen(200, *HANDLERS),
    ),
    "POST /api/v1/petitions/{petition_id}/finalize": Case(
        path=lambda: pid("replied"), body=lambda: {"on": str(date.today())}, expect=seen(200, "clerk")
    ),
    "POST /api/v1/petitions/{petition_id}/follow-ups": Case(
        path=lambda: pid("replied"),
        body=lambda: {"method": "phone", "satisfaction": "satisfied", "on": "2022-10-20"},
        expect=seen(200, *HANDLERS),
    ),
    "POST /api/v1/petitions/{petition_id}/supervise": Case(
        path=lambda: pid("accepted"),
        body=lambda: {"level": "urge", "reason": "办理进度缓慢", "on": "2022-10-10"},
        expect=seen(201, "leader"),
    ),
    "POST /api/v1/petitions/{petition_id}/reveal": Case(
        path=lambda: pid("registered"),
        body=lambda: {
            "petitioner_id": _last["petition"].petitioners.first().pk,
            "field": "phone",
            "purpose": "电话回访",
        },  # type: ignore[attr-defined]
        expect=seen(200, "leader", "clerk"),
    ),
    "GET /api/v1/petitions/receptions/": Case(expect=everyone(200)),
    "POST /api/v1/petitions/receptions/": Case(
        body=lambda: {"leader_id": persona("leader").pk, "on": "2022-06-01", "place": "街道信访接待室"},
        expect=only(201, "clerk", default=403),
    ),
    "GET /api/v1/petitions/receptions/{reception_id}": Case(
        path=lambda: {"reception_id": _reception()}, expect=only(200, "leader", "clerk", default=404)
    ),
    "POST /api/v1/petitions/receptions/{reception_id}/record": Case(
        path=lambda: {"reception_id": _reception()},
        body=lambda: {"notes": "接待来访群众3批5人次"},
        expect=only(200, "clerk", default=403),
    ),
}


def _reception() -> int:
    from fazhi.petitions.services import reception_create

    return reception_create(
        actor=persona("clerk"), leader_id=persona("leader").pk, on=date(2022, 6, 15), place="街道信访接待室"
    ).pk
