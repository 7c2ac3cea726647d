"""The demo loads through the services, once: a year of realistic records and a few live cases."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.cn import ric

from fazhi.core.audit import audit_verify
from fazhi.core.indicators import Period
from fazhi.disputes import demo
from fazhi.disputes.models import Dispute, MediationOrg, Party, ScreeningCampaign, ScreeningReport, TalkDay
from fazhi.disputes.selectors import org_checklist
from fazhi.disputes.selectors.indicators import figures
from fazhi.disputes.selectors.todo import todo_items
from fazhi.org.demo import DemoContext
from fazhi.testing import PERSONAS, persona, unit

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_year_of_disputes_once():
    ctx = DemoContext(password=None, users={name: persona(name) for name in PERSONAS})
    demo.load(ctx)
    count = Dispute.objects.count()
    demo.load(ctx)
    assert Dispute.objects.count() == count
    assert 60 <= Dispute.objects.filter(registered_on__year=2022).count() <= 100
    assert set(Dispute.objects.values_list("category__code", flat=True)) >= {
        "neighbour",
        "family",
        "land",
        "labour",
        "property",
        "debt",
        "damages",
        "relocation",
    }
    assert set(Dispute.objects.filter(registered_on__year=2022).values_list("outcome", flat=True)) >= {
        "agreement",
        "settled",
        "failed",
        "refused",
        "transferred",
    }

    committees = MediationOrg.objects.filter(kind="people")
    assert committees.count() == 5 and all(o.compliant and org_checklist(o).ok for o in committees)
    heshilao = MediationOrg.objects.get(kind="featured")
    assert (
        "和事佬" in heshilao.name
        and heshilao.venue
        and heshilao.rules_text
        and heshilao.mediators.count() >= 3
    )

    numbers = [p.id_number for p in Party.objects.exclude(id_number="")]
    assert numbers and all(ric.is_valid(n) and n[:6] in ("371625", "372328") for n in numbers)

    topics = set(ScreeningCampaign.objects.values_list("topic", flat=True))
    assert {"春节", "冬奥会", "全国两会", "国庆", "党的二十大"} <= topics
    assert (
        ScreeningReport.objects.filter(zero=True).exists()
        and TalkDay.objects.filter(held_on__year=2022, status="held").count() >= 48
    )

    figs = {f.code: f for f in figures(actor=persona("leader"), unit=unit("SH"), period=Period.year(2022))}
    assert (
        figs["disputes.intake"].value >= 60
        and figs["disputes.confirmed"].value > 0
        and figs["disputes.talk_days"].value >= 48
    )
    assert any(
        i.severity == "due" and "司法确认" in i.title
        for i in todo_items(persona("community_a"), date.today())
    )
    assert audit_verify().ok
