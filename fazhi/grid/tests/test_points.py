"""Points ledger invariants: balance = sum of entries; entries never change; deductions need a second
person; appeals reverse, never edit; redemptions stay within balance and stock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from fazhi.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from fazhi.grid import rules, selectors, services
from fazhi.grid.models import PointsEntry, RedemptionItem
from fazhi.grid.tests import factories as f
from fazhi.testing import persona, unit

pytestmark = pytest.mark.django_db

DAY = dt.date(2022, 6, 1)


def award(home, rule, actor="grid_a1", **kw):
    return services.points_award(
        actor=persona(actor), household_id=home.pk, rule_id=rule.pk, occurred_on=DAY, **kw
    )


def test_an_award_is_written_at_once_and_the_balance_is_the_sum_of_entries():
    home, person = f.home_with_resident()
    rule = f.rule(points=15)
    award(home, rule, resident_id=person.pk)
    award(home, rule)
    assert selectors.balance_of(home.pk) == 30
    assert sum(PointsEntry.objects.filter(household=home).values_list("points", flat=True)) == 30


def test_an_award_beyond_the_rules_cap_for_the_period_is_refused():
    home, _ = f.home_with_resident()
    rule = f.rule(points=10, cap=20, cap_period="month")
    award(home, rule)
    award(home, rule)
    with pytest.raises(ValidationFailed) as exc:
        award(home, rule)
    assert "上限20分" in exc.value.fields["rule_id"]
    services.points_award(
        actor=persona("grid_a1"), household_id=home.pk, rule_id=rule.pk, occurred_on=dt.date(2022, 7, 1)
    )


def test_a_deduction_without_evidence_is_refused_naming_the_evidence():
    home, _ = f.home_with_resident()
    rule = f.rule("litter", "deduction", 5)
    with pytest.raises(ValidationFailed) as exc:
        award(home, rule)
    assert "evidence" in exc.value.fields


def test_a_deduction_waits_for_a_second_person_and_only_then_counts():
    home, _ = f.home_with_resident()
    rule = f.rule("litter", "deduction", 5)
    proposal = award(home, rule, actor="community_a", attachment=("现场.jpg", b"\xff\xd8x"))
    assert selectors.balance_of(home.pk) == 0
    with pytest.raises(NotAllowed):
        services.deduction_decide(actor=persona("community_a"), proposal_id=proposal.pk, approve=True)
    services.deduction_decide(actor=persona("clerk"), proposal_id=proposal.pk, approve=True)
    assert selectors.balance_of(home.pk) == -5
    entry = PointsEntry.objects.get(household=home)
    assert entry.approved_by == persona("clerk") and entry.recorded_by == persona("community_a")
    assert entry.attachment_id is not None
    with pytest.raises(Conflict):
        services.deduction_decide(actor=persona("clerk"), proposal_id=proposal.pk, approve=False, note="重复")


def test_a_grid_worker_may_propose_but_not_approve_a_deduction():
    home, _ = f.home_with_resident()
    rule = f.rule("litter", "deduction", 5)
    proposal = award(home, rule, attachment=("a.jpg", b"x"))
    with pytest.raises(NotAllowed):
        services.deduction_decide(actor=persona("grid_a1"), proposal_id=proposal.pk, approve=True)


def test_an_entry_can_be_neither_edited_nor_deleted():
    home, _ = f.home_with_resident()
    entry = award(home, f.rule())
    entry.points = 999
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        PointsEntry.objects.filter(pk=entry.pk).update(points=1)
    with pytest.raises(PermissionError):
        PointsEntry.objects.filter(pk=entry.pk).delete()


def test_the_database_refuses_an_update_behind_the_codes_back():
    home, _ = f.home_with_resident()
    entry = award(home, f.rule())
    with pytest.raises(Exception), transaction.atomic(), connection.cursor() as cursor:  # noqa: B017
        cursor.execute("UPDATE grid_pointsentry SET points = 999 WHERE id = %s", [entry.pk])
    assert selectors.balance_of(home.pk) == 10


def test_an_upheld_appeal_writes_a_reversing_entry_and_keeps_the_original():
    home, _ = f.home_with_resident()
    rule = f.rule("litter", "deduction", 5)
    proposal = award(home, rule, attachment=("a.jpg", b"x"))
    proposal = services.deduction_decide(actor=persona("community_a"), proposal_id=proposal.pk, approve=True)
    appeal = services.points_appeal_file(
        actor=persona("grid_a1"),
        entry_id=proposal.entry_id,
        appellant="张三",
        reason="杂物是邻居家的，不是我家",
    )
    with pytest.raises(Conflict):
        services.points_appeal_file(
            actor=persona("grid_a1"), entry_id=proposal.entry_id, appellant="张三", reason="再次申诉理由"
        )
    services.points_appeal_decide(
        actor=persona("community_a"), appeal_id=appeal.pk, uphold=True, note="核实为邻居所放"
    )
    assert selectors.balance_of(home.pk) == 0
    kinds = sorted(PointsEntry.objects.filter(household=home).values_list("kind", "points"))
    assert kinds == [("deduction", -5), ("reversal", 5)]


def test_an_appeal_is_decided_by_someone_other_than_the_recorder():
    home, _ = f.home_with_resident()
    proposal = award(home, f.rule("litter", "deduction", 5), actor="community_a", attachment=("a.jpg", b"x"))
    proposal = services.deduction_decide(actor=persona("clerk"), proposal_id=proposal.pk, approve=True)
    appeal = services.points_appeal_file(
        actor=persona("grid_a1"), entry_id=proposal.entry_id, appellant="张三", reason="理由理由理由"
    )
    with pytest.raises(NotAllowed):
        services.points_appeal_decide(
            actor=persona("community_a"), appeal_id=appeal.pk, uphold=True, note="成立"
        )


def test_a_redemption_beyond_the_balance_is_refused_naming_the_rule():
    home, _ = f.home_with_resident()
    award(home, f.rule(points=10))
    item = f.item(cost=20)
    with pytest.raises(ValidationFailed) as exc:
        services.points_redeem(actor=persona("grid_a1"), household_id=home.pk, item_id=item.pk)
    assert "积分不足" in exc.value.fields["quantity"]


def test_a_redemption_takes_points_and_stock_and_stock_never_goes_negative():
    home, _ = f.home_with_resident()
    rule = f.rule(points=50)
    award(home, rule)
    award(home, rule)
    item = f.item(cost=20, stock=2)
    services.points_redeem(actor=persona("grid_a1"), household_id=home.pk, item_id=item.pk, quantity=2)
    assert selectors.balance_of(home.pk) == 60
    assert RedemptionItem.objects.get(pk=item.pk).stock == 0
    with pytest.raises(ValidationFailed) as exc:
        services.points_redeem(actor=persona("grid_a1"), household_id=home.pk, item_id=item.pk)
    assert "库存不足" in exc.value.fields["quantity"]
    with pytest.raises(IntegrityError), transaction.atomic():
        RedemptionItem.objects.filter(pk=item.pk).update(stock=-1)


def test_credit_grades_follow_the_configured_thresholds(settings):
    assert rules.credit_grade(50) == ("AAA", 1050)
    assert rules.credit_grade(0) == ("A", 1000)
    assert rules.credit_grade(-60)[0] == "C"
    settings.FAZHI_GRID_RULES = {"CREDIT_GRADES": [("AAA", 1010), ("C", 0)]}
    assert rules.credit_grade(10)[0] == "AAA"


def test_the_outsider_cannot_award_points_to_a_community_a_household():
    home, _ = f.home_with_resident()
    rule = f.rule()
    with pytest.raises(NotFound):
        award(home, rule, actor="grid_b1")


def test_evidence_from_another_grid_is_refused():
    from fazhi.grid.tests.test_workflow import report

    home, _ = f.home_with_resident()
    event = report()
    other = services.event_report(
        actor=persona("clerk"),
        unit_id=unit("SH-JQ-02").pk,
        category="other",
        description="另一个网格的事件",
        location="别处",
    )
    award(home, f.rule(), event_id=event.pk)
    with pytest.raises(ValidationFailed) as exc:
        award(home, f.rule("x2"), actor="community_a", event_id=other.pk)
    assert "event_id" in exc.value.fields


def test_points_import_adds_awards_once_and_refuses_deductions():
    import io

    from openpyxl import Workbook

    from fazhi.grid.ledgers import POINTS_IMPORT

    home, _ = f.home_with_resident()
    f.rule("help", points=10, cap=20, cap_period="year")
    f.rule("litter", "deduction", 5)
    b, e, room = home.building.name, home.entrance.name, home.room

    def sheet(rows):
        wb = Workbook()
        ws = wb.active
        ws.append(POINTS_IMPORT.headers)
        for r in rows:
            ws.append(r)
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()

    bad = sheet(
        [
            ["SH-JQ-01", b, e, room, "help", "2022-05-01", "搬家帮忙"],
            ["SH-JQ-01", b, e, room, "litter", "2022-05-02", "堆放"],
        ]
    )
    result = services.points_import(actor=persona("grid_a1"), file_bytes=bad, filename="p.xlsx")
    assert not result.ok and "不能导入" in str(result.errors[0]) and selectors.balance_of(home.pk) == 0
    capped = sheet([["SH-JQ-01", b, e, room, "help", f"2022-05-0{d}", f"帮忙{d}"] for d in (1, 2, 3)])
    result = services.points_import(actor=persona("grid_a1"), file_bytes=capped, filename="p.xlsx")
    assert not result.ok and "上限" in str(result.errors[0])
    good = sheet([["SH-JQ-01", b, e, room, "help", "2022-05-01", "搬家帮忙"]])
    assert services.points_import(actor=persona("grid_a1"), file_bytes=good, filename="p.xlsx").created == 1
    assert services.points_import(actor=persona("grid_a1"), file_bytes=good, filename="p.xlsx").created == 0
    assert selectors.balance_of(home.pk) == 10
