"""Expected status of every disputes API route for every persona (read by fazhi/tests/test_api_matrix.py).

The records live in community A (锦秋社区), most in grid A1, so grid_a1 sees them; grid_b1 is the
outsider and gets 404, as do the adviser (own records only) and the administrators (no disputes.view).
Who may act: grid workers register, screen and record talk days; community_a and the office clerk
mediate and manage organisations; the leader mediates and appoints case leaders; campaigns are the
subdistrict's (leader, clerk).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fazhi.testing import COMMUNITY_A, GRID_A1, persona, unit
from fazhi.tests.matrix import Case, only

MADE: dict[str, Any] = {}
VIEWERS = ("leader", "clerk", "community_a", "grid_a1", "grid_b1", "adviser")
SEES_A1 = ("leader", "clerk", "community_a", "grid_a1")
MEDIATORS = ("leader", "clerk", "community_a")
MANAGERS = ("clerk", "community_a")
SCREENERS = ("clerk", "community_a", "grid_a1")


def lists() -> dict[str, int]:
    return only(200, *VIEWERS, default=403)


def act(status: int, who: tuple[str, ...], *, seen_by: tuple[str, ...] = SEES_A1) -> dict[str, int]:
    """`status` for `who`, 403 for the others who see the record, 404 for everyone else."""
    table = only(403, *seen_by, default=404)
    table.update(dict.fromkeys(who, status))
    return table


def _f():
    from fazhi.disputes.tests import factories

    return factories


def registered() -> dict[str, Any]:
    d = _f().dispute()
    MADE["dispute"] = d
    return {"dispute_id": d.pk, "party_id": d.parties.first().pk}


def assignable() -> dict[str, Any]:
    org = _f().committee()
    MADE["org"] = org
    return registered()


def in_mediation() -> dict[str, Any]:
    d = _f().mediating()
    MADE["dispute"] = d
    return {"dispute_id": d.pk}


def terminated() -> dict[str, Any]:
    from fazhi.disputes import services

    path = in_mediation()
    services.dispute_terminate(
        actor=persona("community_a"), dispute_id=path["dispute_id"], reason="赔偿数额分歧较大"
    )
    return path


def draft() -> dict[str, Any]:
    d = _f().mediating()
    agreement = _f().written_agreement(d, reached_on=date.today())
    MADE["agreement"] = agreement
    return {"agreement_id": agreement.pk}


def effective() -> dict[str, Any]:
    d = _f().mediating()
    agreement = _f().sign_all(_f().written_agreement(d, reached_on=date.today()), date.today())
    MADE["agreement"] = agreement
    return {"agreement_id": agreement.pk, "term_id": agreement.terms.first().pk}


def ready_to_apply() -> dict[str, Any]:
    from fazhi.disputes import services

    path = effective()
    services.agreement_materials_set(
        actor=persona("community_a"),
        agreement_id=path["agreement_id"],
        materials=["application", "agreement", "identity", "contacts"],
    )
    return path


def performed() -> dict[str, Any]:
    from fazhi.disputes import services

    d = _f().mediating()
    agreement = services.agreement_record(
        actor=persona("community_a"), dispute_id=d.pk, form="oral", content="当场修好水管"
    )
    services.term_follow_up(
        actor=persona("community_a"), term_id=agreement.terms.get().pk, result="performed"
    )
    return {"dispute_id": d.pk}


def org() -> dict[str, Any]:
    o = _f().committee(members=3)
    MADE["org"] = o
    return {"org_id": o.pk, "mediator_id": o.mediators.first().pk}


def campaign() -> dict[str, Any]:
    from fazhi.disputes import services

    today = date.today()
    c = services.campaign_create(
        actor=persona("clerk"),
        unit_id=unit("SH").pk,
        name="常态化矛盾纠纷排查",
        kind="routine",
        start_on=today - timedelta(days=10),
        end_on=today + timedelta(days=10),
        cadence="daily",
    )
    MADE["campaign"] = c
    return {"campaign_id": c.pk}


def item() -> dict[str, Any]:
    from fazhi.disputes import services

    path = campaign()
    i = services.screening_item_add(
        actor=persona("grid_a1"),
        campaign_id=path["campaign_id"],
        unit_id=unit(GRID_A1).pk,
        description="两户争吵",
        category="neighbour",
    )
    return {"item_id": i.pk}


def talk_day(held: bool = False) -> dict[str, Any]:
    from fazhi.disputes import services

    t = services.talk_day_schedule(
        actor=persona("grid_a1"), unit_id=unit(GRID_A1).pk, held_on=date.today(), place="3号楼下"
    )
    if held:
        services.talk_day_record(actor=persona("grid_a1"), talk_day_id=t.pk, attendance=12)
    return {"talk_day_id": t.pk}


def issue() -> dict[str, Any]:
    from fazhi.disputes import services

    path = talk_day(held=True)
    i = services.talk_issue_add(
        actor=persona("grid_a1"),
        talk_day_id=path["talk_day_id"],
        description="停车位争执",
        category="neighbour",
    )
    return {"issue_id": i.pk}


def _intake_body() -> dict[str, Any]:
    return {
        "unit_id": unit(GRID_A1).pk,
        "category": "neighbour",
        "source": "screening",
        "summary": "楼道堆放杂物引发争吵",
        "parties": [{"name": "赵大勇"}, {"name": "钱桂兰"}],
    }


P = "/api/v1/disputes"
ROUTES: dict[str, Case] = {
    f"GET {P}/categories": Case(expect=lists()),
    f"GET {P}/cases": Case(expect=lists()),
    # grid_b1 may register, but not in grid A1: the unit is refused as out of scope (400).
    f"POST {P}/cases": Case(
        body=_intake_body, expect=only(201, "clerk", "community_a", "grid_a1", default=403) | {"grid_b1": 400}
    ),
    f"GET {P}/cases/{{dispute_id}}": Case(path=registered, expect=act(200, SEES_A1)),
    f"PATCH {P}/cases/{{dispute_id}}": Case(
        path=registered, body=lambda: {"people_involved": 12}, expect=act(200, SCREENERS)
    ),
    f"GET {P}/cases/{{dispute_id}}/timeline": Case(path=registered, expect=act(200, SEES_A1)),
    f"POST {P}/cases/{{dispute_id}}/parties": Case(
        path=registered, body=lambda: {"name": "王强", "role": "third"}, expect=act(201, SCREENERS)
    ),
    f"POST {P}/cases/{{dispute_id}}/parties/{{party_id}}/consent": Case(
        path=registered, body=lambda: {"consent": "agreed"}, expect=act(200, MEDIATORS)
    ),
    f"POST {P}/cases/{{dispute_id}}/parties/{{party_id}}/reveal": Case(
        path=registered,
        body=lambda: {"field": "phone", "purpose": "电话通知调解时间"},
        expect=act(200, MEDIATORS),
    ),
    f"POST {P}/cases/{{dispute_id}}/assign": Case(
        path=assignable,
        body=lambda: {
            "org_id": MADE["org"].pk,
            "mediator_ids": [MADE["org"].mediators.get(role="director").pk],
        },
        expect=act(200, MEDIATORS),
    ),
    f"POST {P}/cases/{{dispute_id}}/case-leader": Case(
        path=registered,
        body=lambda: {"leader_id": persona("leader").pk},
        expect=act(200, ("leader", "clerk")),
    ),
    f"POST {P}/cases/{{dispute_id}}/sessions": Case(
        path=in_mediation,
        body=lambda: {
            "held_on": date.today().isoformat(),
            "place": "调解室",
            "mediator_ids": [MADE["dispute"].mediators.get().pk],
            "record": "双方陈述，调解员释法说理",
        },
        expect=act(201, MEDIATORS),
    ),
    f"POST {P}/cases/{{dispute_id}}/agreements": Case(
        path=in_mediation,
        body=lambda: {
            "form": "written",
            **_f().WRITTEN,
            "performance_deadline": (date.today() + timedelta(days=5)).isoformat(),
        },
        expect=act(201, MEDIATORS),
    ),
    f"POST {P}/cases/{{dispute_id}}/terminate": Case(
        path=in_mediation, body=lambda: {"reason": "分歧较大"}, expect=act(200, MEDIATORS)
    ),
    f"POST {P}/cases/{{dispute_id}}/settle": Case(
        path=registered, body=lambda: {"note": "双方自行和解"}, expect=act(200, MEDIATORS)
    ),
    f"POST {P}/cases/{{dispute_id}}/close": Case(path=performed, body=lambda: {}, expect=act(200, MEDIATORS)),
    f"POST {P}/cases/{{dispute_id}}/escalations": Case(
        path=registered,
        body=lambda: {"kind": "police", "reason": "扬言动手"},
        expect=act(201, ("leader", "clerk", "community_a", "grid_a1")),
    ),
    f"GET {P}/agreements/{{agreement_id}}": Case(path=draft, expect=act(200, SEES_A1)),
    f"GET {P}/agreements/{{agreement_id}}/document": Case(path=draft, expect=act(200, SEES_A1)),
    f"GET {P}/cases/{{dispute_id}}/termination-notice": Case(path=terminated, expect=act(200, SEES_A1)),
    f"POST {P}/agreements/{{agreement_id}}/signatures": Case(
        path=draft,
        body=lambda: {
            "signed_on": date.today().isoformat(),
            "party_id": MADE["agreement"].dispute.parties.first().pk,
        },
        expect=act(200, MEDIATORS),
    ),
    f"POST {P}/agreements/{{agreement_id}}/void": Case(
        path=draft, body=lambda: {"reason": "当事人反悔"}, expect=act(200, MEDIATORS)
    ),
    f"PUT {P}/agreements/{{agreement_id}}/materials": Case(
        path=effective, body=lambda: {"materials": ["application", "agreement"]}, expect=act(200, MEDIATORS)
    ),
    f"POST {P}/agreements/{{agreement_id}}/confirmation": Case(
        path=ready_to_apply, body=lambda: {"status": "applied"}, expect=act(200, MEDIATORS)
    ),
    f"POST {P}/terms/{{term_id}}/follow-ups": Case(
        path=effective, body=lambda: {"result": "performed"}, expect=act(201, MEDIATORS)
    ),
    f"GET {P}/orgs": Case(expect=lists()),
    f"POST {P}/orgs": Case(
        body=lambda: {
            "unit_id": unit(COMMUNITY_A).pk,
            "kind": "featured",
            "name": "锦秋社区“和事佬”调解工作室",
        },
        expect=only(201, *MANAGERS, default=403),
    ),
    f"GET {P}/orgs/{{org_id}}": Case(path=org, expect=act(200, SEES_A1)),
    f"PATCH {P}/orgs/{{org_id}}": Case(
        path=org, body=lambda: {"venue_note": "约30平方米"}, expect=act(200, MANAGERS)
    ),
    f"POST {P}/orgs/{{org_id}}/compliant": Case(path=org, expect=act(200, MANAGERS)),
    f"POST {P}/orgs/{{org_id}}/mediators": Case(
        path=org, body=lambda: {"name": "孙秀英", "sex": "female"}, expect=act(201, MANAGERS)
    ),
    f"GET {P}/mediators": Case(expect=lists()),
    f"GET {P}/mediators/{{mediator_id}}": Case(path=org, expect=act(200, SEES_A1)),
    f"PATCH {P}/mediators/{{mediator_id}}": Case(
        path=org, body=lambda: {"occupation": "退休教师"}, expect=act(200, MANAGERS)
    ),
    f"POST {P}/mediators/{{mediator_id}}/trainings": Case(
        path=org,
        body=lambda: {"held_on": date.today().isoformat(), "title": "人民调解业务培训", "hours": 4},
        expect=act(201, MANAGERS),
    ),
    f"GET {P}/campaigns": Case(expect=lists()),
    f"POST {P}/campaigns": Case(
        body=lambda: {
            "unit_id": unit("SH").pk,
            "name": "国庆期间专项排查",
            "kind": "special",
            "topic": "国庆",
            "start_on": "2022-09-20",
            "end_on": "2022-10-10",
            "cadence": "daily",
        },
        expect=only(201, "leader", "clerk", default=403),
    ),
    # The campaign is the subdistrict's: everyone with disputes.view sees it.
    f"GET {P}/campaigns/{{campaign_id}}": Case(path=campaign, expect=act(200, VIEWERS, seen_by=VIEWERS)),
    f"PATCH {P}/campaigns/{{campaign_id}}": Case(
        path=campaign,
        body=lambda: {"description": "每日17时前上报"},
        expect=only(200, "leader", "clerk", default=403),
    ),
    f"POST {P}/campaigns/{{campaign_id}}/items": Case(
        path=campaign,
        body=lambda: {"unit_id": unit(GRID_A1).pk, "description": "两户因晾晒衣物争吵"},
        expect=only(201, *SCREENERS, default=403) | {"grid_b1": 400},
    ),
    f"POST {P}/campaigns/{{campaign_id}}/reports": Case(
        path=campaign,
        body=lambda: {
            "unit_id": unit(COMMUNITY_A).pk,
            "period_start": date.today().isoformat(),
            "zero": True,
        },
        expect=only(200, *MANAGERS, default=403) | {"grid_a1": 400, "grid_b1": 400},
    ),
    f"GET {P}/screening-items": Case(expect=lists()),
    f"POST {P}/screening-items/{{item_id}}/convert": Case(
        path=item, body=lambda: {}, expect=act(201, SCREENERS)
    ),
    f"GET {P}/talk-days": Case(expect=lists()),
    f"POST {P}/talk-days": Case(
        body=lambda: {"unit_id": unit(GRID_A1).pk, "held_on": date.today().isoformat(), "place": "小广场"},
        expect=only(201, *SCREENERS, default=403) | {"grid_b1": 400},
    ),
    f"GET {P}/talk-days/{{talk_day_id}}": Case(path=talk_day, expect=act(200, SEES_A1)),
    f"POST {P}/talk-days/{{talk_day_id}}/record": Case(
        path=talk_day, body=lambda: {"attendance": 15}, expect=act(200, SCREENERS)
    ),
    f"POST {P}/talk-days/{{talk_day_id}}/cancel": Case(
        path=talk_day, body=lambda: {"reason": "下雨"}, expect=act(200, SCREENERS)
    ),
    f"POST {P}/talk-days/{{talk_day_id}}/issues": Case(
        path=lambda: talk_day(held=True),
        body=lambda: {"description": "路灯不亮", "outcome": "resolved", "resolution": "已报修"},
        expect=act(201, SCREENERS),
    ),
    f"POST {P}/talk-day-issues/{{issue_id}}/resolve": Case(
        path=issue, body=lambda: {"outcome": "resolved", "resolution": "当场说和"}, expect=act(200, SCREENERS)
    ),
    f"POST {P}/talk-day-issues/{{issue_id}}/convert": Case(
        path=issue, body=lambda: {}, expect=act(201, SCREENERS)
    ),
    f"GET {P}/indicators": Case(expect=lists()),
    f"GET {P}/ledgers/{{name}}/export": Case(path=lambda: {"name": "disputes"}, expect=lists()),
    f"GET {P}/ledgers/{{name}}/template": Case(path=lambda: {"name": "mediations"}, expect=lists()),
    # The body is not a spreadsheet: whoever may import gets 400 naming the file, the others 403.
    f"POST {P}/ledgers/{{name}}/import": Case(
        path=lambda: {"name": "disputes"},
        body=lambda: {"x": 1},
        expect=only(400, *SCREENERS, "grid_b1", default=403),
    ),
}
