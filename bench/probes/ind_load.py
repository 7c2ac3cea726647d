# ruff: noqa
"""Throwaway probe of helper "ind" (indicator buckets), superseded by the bench scenarios: bulk-loads
county-sized probe records under the demo subdistrict. After `fazhi setup` and `fazhi demo`:
    FAZHI_HOME=/tmp/x PYTHONPATH=. python bench/probes/ind_load.py 0.1   (1.0 = 100k petitions, 200k disputes, 2M events)
    FAZHI_HOME=/tmp/x python -m fazhi indicators rebuild
"""

import os, sys, random, time
from datetime import date, timedelta, datetime, timezone as tz

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
import django

django.setup()
from django.db import transaction
from fazhi.org.models import Unit, User
from fazhi.petitions.models import Petition
from fazhi.disputes.models import Dispute, DisputeCategory, Agreement, Escalation
from fazhi.grid.models import GridEvent, PointsEntry
from fazhi.people.models import Visit, KeyPerson

F = float(sys.argv[1])
rnd = random.Random(8)
ALPH = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def step(i):
    s = ""
    for _ in range(4):
        s = ALPH[i % 36] + s
        i //= 36
    return s


root = Unit.objects.get(depth=1)
t0 = time.time()
if not Unit.objects.filter(code="P-C0").exists():
    comms = [
        Unit(
            path=root.path + step(100 + c),
            depth=2,
            name=f"探针社区{c}",
            kind="community",
            code=f"P-C{c}",
            numchild=20,
        )
        for c in range(300)
    ]
    Unit.objects.bulk_create(comms, batch_size=1000)
    grids = [
        Unit(
            path=cm.path + step(1 + g), depth=3, name=f"{cm.name}网格{g}", kind="grid", code=f"{cm.code}-G{g}"
        )
        for cm in comms
        for g in range(20)
    ]
    Unit.objects.bulk_create(grids, batch_size=2000)
grids = list(Unit.objects.filter(code__startswith="P-C", kind="grid").values_list("pk", flat=True))
comms = list(Unit.objects.filter(code__startswith="P-C", kind="community").values_list("pk", flat=True))
user = User.objects.get(username="leader")
cats = list(DisputeCategory.objects.all())
start = date(2024, 1, 1)
span = (date(2026, 11, 24) - start).days


def day():
    return start + timedelta(days=rnd.randrange(span))


def rows(model, n, make, batch=5000):
    for i in range(0, n, batch):
        with transaction.atomic():
            model.objects.bulk_create([make(j) for j in range(i, min(n, i + batch))], batch_size=batch)
    print(model.__name__, n, f"{time.time() - t0:.0f}s", flush=True)


tag = f"{int(F * 1000)}"


def petition(i):
    r = day()
    routed = r + timedelta(days=rnd.randrange(1, 20)) if rnd.random() < 0.97 else None
    concl = r + timedelta(days=rnd.randrange(5, 80)) if routed and rnd.random() < 0.9 else None
    claim = rnd.random() < 0.6
    return Petition(
        case_number=f"PB{tag}-{i}",
        channel="visit",
        received_on=r,
        category="claim" if claim else "suggestion",
        title="探针信访",
        content="内容",
        unit_id=rnd.choice(comms + grids[:600]),
        registered_by=user,
        status="closed" if concl else ("accepted" if routed else "registered"),
        routed_on=routed,
        route_due=r + timedelta(days=15),
        accepted_on=routed,
        handling_due=(r + timedelta(days=60)) if claim and routed else None,
        concluded_on=concl,
        satisfaction=rnd.choice(["", "satisfied", "basic", "unsatisfied"]) if concl else "",
    )


ONLY_VISITS = "visits" in sys.argv
if not ONLY_VISITS:
    rows(Petition, int(100_000 * F), petition)


def dispute(i):
    r = day()
    c = r + timedelta(days=rnd.randrange(1, 40)) if rnd.random() < 0.9 else None
    return Dispute(
        number=f"DB{tag}-{i}",
        unit_id=rnd.choice(grids),
        category=rnd.choice(cats),
        source="visit",
        summary="探针纠纷",
        registered_on=r,
        concluded_on=c,
        outcome=rnd.choice(["agreement", "settled", "failed", "refused"]) if c else "",
    )


if not ONLY_VISITS:
    rows(Dispute, int(200_000 * F), dispute)


def event(i):
    r = day()
    at = datetime(r.year, r.month, r.day, 2, 0, tzinfo=tz.utc)
    closed = rnd.random() < 0.9
    return GridEvent(
        unit_id=rnd.choice(grids),
        number=f"GB{tag}-{i}",
        category=rnd.choice(["security", "dispute", "environment", "facility", "service", "other"]),
        description="探针事件",
        location="某处",
        reporter=user,
        reported_at=at,
        reported_on=r,
        dispatched_at=at + timedelta(hours=3) if closed else None,
        due_on=r + timedelta(days=7) if closed else None,
        closed_at=at + timedelta(days=rnd.randrange(1, 10)) if closed else None,
        closed_on=r + timedelta(days=rnd.randrange(1, 10)) if closed else None,
        status="closed" if closed else "reported",
    )


if not ONLY_VISITS:
    rows(GridEvent, int(2_000_000 * F), event, 10000)
kps = list(KeyPerson.objects.values_list("pk", "unit_id"))


def visit(i):
    r = day()
    kp = rnd.choice(kps)
    return Visit(
        key_person_id=kp[0],
        unit_id=rnd.choice(grids),
        visited_at=datetime(r.year, r.month, r.day, 3, tzinfo=tz.utc),
        visited_on=r,
        place="家中",
        visitors="网格员",
        on_time=rnd.random() < 0.9,
    )


rows(Visit, int(180_000 * F), visit)
print("done", time.time() - t0)
