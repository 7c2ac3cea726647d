"""The pre-aggregated indicator buckets against the base tables: after writes through the services (and
random writes through save()), every figure read from the buckets equals the one counted on the base
tables, the buckets adjusted write by write equal a full rebuild, and narrower scopes never see more."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from fazhi.core import buckets, indicators
from fazhi.core.indicators import Period
from fazhi.core.models import IndicatorBucket
from fazhi.disputes.models import Dispute
from fazhi.disputes.tests import factories as disputes_f
from fazhi.grid.models import GridEvent
from fazhi.grid.tests.test_workflow import walk_to
from fazhi.org.models import Unit
from fazhi.org.scope import covers_subtree
from fazhi.petitions import services as petitions
from fazhi.petitions.models import Petition
from fazhi.petitions.tests.factories import make
from fazhi.testing import COMMUNITY_A, GRID_A1, GRID_B1, persona, unit

pytestmark = pytest.mark.django_db
PERIODS = [
    Period.year(2022),
    Period.month(2022, 9),
    Period.quarter(2022, 3),
    Period.custom(date(2022, 8, 17), date(2022, 10, 3)),  # partial edge months
    Period.year(date.today().year),
]


def table(actor, unit_, period):
    return [
        (f.code, f.value, f.record_count)
        for f in indicators.figures_for(actor=actor, unit=unit_, period=period)
    ]


def base_table(monkeypatch, actor, unit_, period):
    with monkeypatch.context() as m:
        m.setattr(buckets, "built", lambda names: set())  # every measure read from the base tables
        return table(actor, unit_, period)


def stored():
    return {(b.measure, b.unit_id, b.month): b.data for b in IndicatorBucket.objects.all() if b.data}


def service_writes():
    """A petition registered, routed, concluded and rated; a dispute mediated; a grid event closed."""
    make("registered", received_on=date(2022, 8, 20))
    make("accepted", received_on=date(2022, 9, 1))
    done = make("replied", received_on=date(2022, 9, 2))
    petitions.petition_follow_up(
        actor=persona("clerk"),
        petition_id=done.pk,
        method="phone",
        satisfaction="satisfied",
        on=date(2022, 10, 15),
    )
    make("registered", unit_code=GRID_B1, received_on=date(2022, 10, 2), category="suggestion")
    disputes_f.dispute(registered_on=date(2022, 9, 12))
    disputes_f.mediating(on=date(2022, 9, 20))
    walk_to("closed")


def test_bucket_figures_equal_base_table_figures_after_service_writes(monkeypatch):
    buckets.rebuild()
    service_writes()
    leader = persona("leader")
    for unit_ in (unit("SH"), unit(COMMUNITY_A), unit(GRID_A1)):
        assert covers_subtree(leader, unit_)
        for period in PERIODS:
            assert table(leader, unit_, period) == base_table(monkeypatch, leader, unit_, period), (
                unit_,
                period,
            )
    counted = {code: value for code, value, _ in table(leader, unit("SH"), Period.year(2022))}
    assert counted["petitions.received"] == 4 and counted["petitions.satisfaction"] == 100.0
    assert counted["disputes.intake"] == 2
    adjusted = stored()
    buckets.rebuild()
    assert stored() == adjusted  # adjusting write by write ends where a full rebuild does


def test_every_figure_loads_exactly_as_many_distinct_sorted_ids_as_it_counts():
    buckets.rebuild()
    service_writes()
    leader = persona("leader")
    for unit_ in (unit("SH"), unit(COMMUNITY_A), unit(GRID_A1)):
        for period in PERIODS:
            for f in indicators.figures_for(actor=leader, unit=unit_, period=period):
                ids = f.ids()
                assert ids == sorted(set(ids)) and len(ids) == f.record_count, (f.code, unit_, period)
    year = {f.code: f for f in indicators.figures_for(actor=leader, unit=unit("SH"), period=PERIODS[0])}
    now = {f.code: f for f in indicators.figures_for(actor=leader, unit=unit("SH"), period=PERIODS[-1])}
    closed = GridEvent.objects.filter(closed_on__year=PERIODS[-1].start.year).values_list("pk", flat=True)
    assert now["grid.events_closed"].ids() == sorted(closed) != []
    assert year["petitions.received"].ids() == sorted(
        Petition.objects.filter(received_on__year=2022).values_list("pk", flat=True)
    )


def test_random_writes_through_save_keep_the_buckets_equal_to_a_rebuild(monkeypatch):
    rnd = random.Random(8)
    grids = list(Unit.objects.filter(kind="grid"))
    clerk = persona("clerk")
    make("accepted", received_on=date(2022, 3, 1))
    disputes_f.dispute(registered_on=date(2022, 3, 2))
    walk_to("closed")
    template_p = Petition.objects.first()
    template_d, template_e = Dispute.objects.first(), GridEvent.objects.first()
    buckets.rebuild()

    def day():
        return date(2022, 1, 1) + timedelta(days=rnd.randrange(365))

    for i in range(60):
        choice = rnd.random()
        model, template = rnd.choice([(Petition, template_p), (Dispute, template_d), (GridEvent, template_e)])
        rows = list(model.objects.all())
        if choice < 0.4 or len(rows) < 3:  # a new record (a copy of the first, moved and re-dated)
            row = model.objects.get(pk=template.pk)
            row.pk = None
            for name in ("case_number", "number"):
                if hasattr(row, name):
                    setattr(row, name, f"R{i}-{rnd.randrange(10**6)}")
        else:
            row = rnd.choice(rows)
        if choice > 0.9 and row.pk:
            row.delete()
            continue
        row.unit = rnd.choice(grids)
        if model is Petition:
            row.received_on = day()
            row.concluded_on = rnd.choice([None, row.received_on + timedelta(days=rnd.randrange(90))])
            row.satisfaction = rnd.choice(["", "satisfied", "unsatisfied"])
        elif model is Dispute:
            row.registered_on = day()
            row.concluded_on = rnd.choice([None, row.registered_on + timedelta(days=rnd.randrange(40))])
            row.outcome = rnd.choice(["", "agreement", "failed"]) if row.concluded_on else ""
        else:
            row.reported_on = day()
            row.closed_on = rnd.choice([None, row.reported_on + timedelta(days=rnd.randrange(20))])
        row.save()
    adjusted = stored()
    for unit_ in (unit("SH"), unit(COMMUNITY_A), rnd.choice(grids)):
        for period in PERIODS[:4]:
            assert table(clerk, unit_, period) == base_table(monkeypatch, clerk, unit_, period), (
                unit_,
                period,
            )
    buckets.rebuild()
    assert stored() == adjusted


def test_a_write_in_a_service_shows_on_the_dashboard_at_once():
    from fazhi.reports.selectors import dashboard_for

    buckets.rebuild()
    leader = persona("leader")

    def events():
        dash = dashboard_for(
            actor=leader, unit_ref=unit("SH").pk, period=Period.year(date.today().year), today=date.today()
        )
        return next(f.value for f in dash.areas["网格"] if f.code == "grid.events")

    before = events()
    walk_to("reported")
    assert events() == before + 1


def test_narrower_scopes_read_the_base_tables_through_their_scope():
    buckets.rebuild()
    service_writes()
    sh = unit("SH")
    assert covers_subtree(persona("community_a"), unit(COMMUNITY_A)) and not covers_subtree(
        persona("community_a"), sh
    )
    assert covers_subtree(persona("grid_a1"), unit(GRID_A1))  # the worker's own grid, nothing below it
    assert not covers_subtree(persona("adviser"), sh)  # own records only
    year = Period.year(2022)
    counted = {c: v for c, v, _ in table(persona("leader"), sh, year)}
    adviser = {c: v for c, v, _ in table(persona("adviser"), sh, year)}
    assert counted["petitions.received"] == 4
    visible = Petition.objects.filter(received_on__year=2022).count()
    assert visible == 4 and adviser.get("petitions.received", 0) < counted["petitions.received"]
    grid_b1 = {c: v for c, v, _ in table(persona("grid_b1"), sh, year)}
    assert grid_b1["petitions.received"] == 1  # the one matter in their own grid


def test_today_dependent_figures_move_with_the_day_without_a_write(monkeypatch):
    buckets.rebuild()
    make("registered", received_on=date(2022, 9, 1))  # still waiting to be routed, due within 15 days
    september = Period.month(2022, 9)

    def timely():
        figures = indicators.figures_for(actor=persona("leader"), unit=unit("SH"), period=september)
        return next((f.value, f.record_count) for f in figures if f.code == "petitions.timely_acceptance")

    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2022, 9, 10))
    assert timely() == (None, 0)  # nothing to judge yet
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2022, 9, 30))
    assert timely() == (0.0, 1)  # past its 15 days unrouted: counted late


def test_bulk_writes_are_counted_after_the_rebuild_command():
    buckets.rebuild()
    walk_to("reported")
    event = GridEvent.objects.get()
    event.pk, event.number = None, "BULK-1"
    GridEvent.objects.bulk_create([event])  # no save(): the buckets do not see it
    out = io.StringIO()
    call_command("indicators_rebuild", "grid.events", stdout=out)
    assert out.getvalue().startswith("grid.events：")
    year = Period.year(event.reported_on.year)
    figures = {
        f.code: f.value for f in indicators.figures_for(actor=persona("leader"), unit=unit("SH"), period=year)
    }
    assert figures["grid.events"] == 2
    with pytest.raises(CommandError, match="没有指标组“nope”"):
        call_command("indicators_rebuild", "nope")


def test_an_unbuilt_measure_is_read_from_the_base_tables():
    walk_to("reported")  # never rebuilt: no state, no buckets
    year = Period.year(GridEvent.objects.get().reported_on.year)
    figures = {
        f.code: f.value for f in indicators.figures_for(actor=persona("leader"), unit=unit("SH"), period=year)
    }
    assert figures["grid.events"] == 1 and not IndicatorBucket.objects.exists()
