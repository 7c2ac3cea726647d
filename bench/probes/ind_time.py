# ruff: noqa
"""Throwaway probe of helper "ind": times the dashboard (figures and alerts) and the 2025 annual report draft as
`leader` on the data bench/probes/ind_load.py made.  FAZHI_HOME=/tmp/x PYTHONPATH=. python bench/probes/ind_time.py
"""

import os, sys, time, statistics

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
import django

django.setup()
from datetime import date
from fazhi.org.models import User, Unit
from fazhi.core.indicators import Period
from fazhi.reports import selectors

leader = User.objects.get(username="leader")
today = date(2026, 11, 25)


def t(label, fn, n=5):
    times = []
    for _ in range(n):
        s = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - s)
    print(
        f"{label:40s} p50 {statistics.median(times) * 1000:8.1f} ms  min {min(times) * 1000:8.1f}", flush=True
    )
    return out


root = Unit.objects.get(depth=1)
for p in (Period.year(2025), Period.year(2026), Period.month(2026, 10)):
    d = t(
        f"dashboard {p.label}",
        lambda: selectors.dashboard_for(actor=leader, unit_ref=root.pk, period=p, today=today),
        3,
    )
    if "-v" in sys.argv:
        for area, figs in d.areas.items():
            print(" ", area, [(f.code, f.value) for f in figs][:6])
t("report draft 2025", lambda: selectors.report_draft_for(actor=leader, unit=root, year=2025, today=today), 1)
