from datetime import date

from fazhi.core.indicators import Figure, Period


def test_periods_cover_whole_months_quarters_and_years():
    assert Period.year(2022) == Period(date(2022, 1, 1), date(2022, 12, 31), "2022年")
    assert Period.quarter(2024, 1).end == date(2024, 3, 31)
    assert Period.month(2024, 2).end == date(2024, 2, 29)
    assert Period.quarter(2022, 4).label == "2022年第四季度"


def test_a_figure_below_its_target_is_flagged_for_the_report():
    period = Period.year(2022)
    assert Figure("x.rate", "按期办结率", 88.0, "%", period, 1, target=95).missed_target
    assert not Figure("x.rate", "按期办结率", 97.0, "%", period, 1, target=95).missed_target
    assert Figure(
        "x.days", "平均办理天数", 40, "天", period, 1, target=30, higher_is_better=False
    ).missed_target
    assert not Figure("x.rate", "按期办结率", None, "%", period, 1, target=95).missed_target


def test_figures_alerts_and_narratives_are_gathered_by_area_each_source_once(monkeypatch):
    from fazhi.core import indicators
    from fazhi.core.indicators import DUE, OVERDUE, SUPERVISED, Alert

    monkeypatch.setattr(indicators, "SOURCES", {})
    monkeypatch.setattr(indicators, "NARRATIVES", {})
    monkeypatch.setattr(indicators, "ALERTS", {})
    calls = []
    period = Period.year(2022)

    def figures(*, actor, unit, period):
        calls.append("figures")
        return [
            Figure("p.n", "受理", 3, "件", period, unit),
            Figure("d.n", "调处", 2, "件", period, unit, area="矛盾纠纷"),
        ]

    def alerts(*, actor, unit, today):
        return [
            Alert("即将到期的", "/a/", DUE, date(2022, 6, 3)),
            Alert("督办的", "/b/", SUPERVISED, date(2022, 6, 9)),
            Alert("逾期较晚的", "/c/", OVERDUE, date(2022, 6, 2)),
            Alert("逾期较早的", "/d/", OVERDUE, date(2022, 6, 1), area="其他"),
        ]

    indicators.register("信访", figures)
    indicators.register_alerts("信访", alerts)
    indicators.register_narrative("信访", lambda *, actor, unit, period: ["开展大排查。", "  "])
    by_area = indicators.figures_by_area(actor=None, unit=1, period=period)
    assert {a: [f.code for f in fs] for a, fs in by_area.items()} == {"信访": ["p.n"], "矛盾纠纷": ["d.n"]}
    assert calls == ["figures"]
    assert [a.title for a in indicators.alerts_for(actor=None, unit=1, today=date(2022, 6, 5))] == [
        "逾期较早的",
        "逾期较晚的",
        "督办的",
        "即将到期的",
    ]
    assert [a.area for a in indicators.alerts_for(actor=None, unit=1, today=date(2022, 6, 5))][:2] == [
        "其他",
        "信访",
    ]
    assert indicators.narratives_for(actor=None, unit=1, period=period) == {"信访": ["开展大排查。"]}
    assert indicators.areas() == ["信访"]
    assert [f.code for f in indicators.figures_for(actor=None, unit=1, period=period)] == ["p.n", "d.n"]
