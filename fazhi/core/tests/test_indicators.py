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
