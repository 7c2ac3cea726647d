from __future__ import annotations

import pytest

from fazhi.core import indicators
from fazhi.reports.tests.world import World


@pytest.fixture
def world(monkeypatch):
    """Only the fake module is registered (whatever domain apps are installed): known figures."""
    w = World()
    monkeypatch.setattr(indicators, "SOURCES", {})
    monkeypatch.setattr(indicators, "NARRATIVES", {})
    monkeypatch.setattr(indicators, "ALERTS", {})
    indicators.register("信访", w.figures)
    indicators.register_narrative("信访", w.narrative)
    indicators.register_alerts("信访", w.alerts)
    return w


@pytest.fixture
def no_sources(monkeypatch):
    """No module registered anything: every area is for manual text."""
    monkeypatch.setattr(indicators, "SOURCES", {})
    monkeypatch.setattr(indicators, "NARRATIVES", {})
    monkeypatch.setattr(indicators, "ALERTS", {})
