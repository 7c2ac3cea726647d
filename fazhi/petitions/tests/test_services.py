"""Petition services: registration rules, deadlines on the holiday calendar, extension, paused
复核 time, repeat petitions, the whole path from a letter to a 复查 answer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fazhi.core.errors import InvalidTransition, NotAllowed, NotFound, ValidationFailed
from fazhi.petitions import services
from fazhi.petitions.models import Petition
from fazhi.petitions.tests.factories import LI, WAGES, ZHANG, make
from fazhi.testing import GRID_A1, persona, unit

pytestmark = pytest.mark.django_db


def register(**over):
    args = {
        "actor": persona("clerk"),
        "channel": "letter",
        "received_on": date(2022, 9, 1),
        "category": "claim",
        "content": WAGES,
        "unit_id": unit(GRID_A1).pk,
        "petitioners": [ZHANG],
    }
    args.update(over)
    return services.petition_register(**args)


# --- registration ----------------------------------------------------------------------------


def test_registering_numbers_the_case_and_starts_the_15_day_clocks():
    p = register()
    assert p.case_number.startswith("SH-XF-2022-")
    assert p.route_due == date(2022, 9, 16) and p.notice_due == date(2022, 9, 16)
    assert p.petitioners.get().id_number == ZHANG["id_number"]


def test_a_letter_dated_last_week_is_accepted_but_a_future_date_is_refused():
    from fazhi.core.models import CalendarYear

    today = timezone.localdate()
    # Late in December the 15 days reach into a year the holiday package may not know yet.
    CalendarYear.objects.get_or_create(year=today.year + 1, defaults={"source": "测试"})
    assert register(received_on=today - timedelta(days=7)).received_on == today - timedelta(days=7)
    with pytest.raises(ValidationFailed) as exc:
        register(received_on=today + timedelta(days=1))
    assert "received_on" in exc.value.fields and "不能晚于今天" in exc.value.fields["received_on"]


def test_six_representatives_are_refused_naming_article_20():
    people = [dict(ZHANG, role="representative", id_number="") for _ in range(6)]
    with pytest.raises(ValidationFailed) as exc:
        register(petitioners=people, is_group=True)
    assert "第二十条" in exc.value.fields["petitioners"]


def test_three_agents_are_refused_naming_the_shandong_article():
    people = [ZHANG] + [dict(LI, role="agent", id_number="") for _ in range(3)]
    with pytest.raises(ValidationFailed) as exc:
        register(petitioners=people)
    assert "《山东省信访条例》第二十八条" in exc.value.fields["petitioners"]


def test_a_wrong_check_digit_names_the_petitioner_field():
    with pytest.raises(ValidationFailed) as exc:
        register(petitioners=[dict(ZHANG, id_number="372328195803120025")])
    assert "校验位" in exc.value.fields["petitioners[0].id_number"]


def test_no_written_notice_is_required_without_name_or_address():
    p = register(petitioners=[{"name": "匿名"}])
    assert p.notice_required is False


def test_a_grid_worker_cannot_register_for_another_community():
    with pytest.raises(NotFound):
        register(actor=persona("grid_b1"))


def test_group_and_level_skipping_visits_are_flagged_with_their_articles():
    p = register(channel="visit", is_group=True, group_size=8, skip_level=True)
    kinds = {f["kind"]: f["basis"] for f in p.flags}
    assert "第二十条" in kinds["group"] and "第二十六条" in kinds["skip_level"]


def test_conversion_from_a_dispute_keeps_its_lineage():
    p = register(origin_type="disputes.dispute", origin_id="SH-TJ-2022-0007")
    assert (p.origin_type, p.origin_id) == ("disputes.dispute", "SH-TJ-2022-0007")


# --- repeat petitions --------------------------------------------------------------------------


def test_a_reworded_repeat_by_the_same_person_is_flagged_and_not_accepted_again():
    first = make("accepted")
    again = register(content="施工方老板欠我们薪水18万，一直不发，请政府帮忙要回工钱。")
    assert again.repeat_of_id == first.pk
    flag = again.flags[0]
    assert (
        flag["kind"] == "repeat" and flag["case_number"] == first.case_number and "第十九条" in flag["basis"]
    )
    with pytest.raises(ValidationFailed) as exc:
        services.petition_route(
            actor=persona("clerk"), petition_id=again.pk, route="accept", on=date(2022, 9, 5)
        )
    assert "第十九条" in exc.value.fields["route"]
    accepted = services.petition_route(
        actor=persona("clerk"), petition_id=again.pk, route="accept", on=date(2022, 9, 5), new_facts=True
    )
    assert accepted.status == "accepted"


def test_the_same_person_found_by_name_and_phone_without_an_id_number():
    make("accepted")
    again = register(
        petitioners=[{"name": ZHANG["name"], "phone": ZHANG["phone"]}], content="包工头欠我们工钱十八万元没给"
    )
    assert again.repeat_of_id is not None


def test_an_unrelated_matter_by_the_same_person_is_not_flagged():
    make("accepted")
    other = register(content="锦秋家园小区物业公司收了物业费却不修电梯，电梯停运两个月。")
    assert other.repeat_of_id is None and not [f for f in other.flags if f["kind"] == "repeat"]


def test_the_repeat_check_reads_the_persons_own_matters_in_one_query(django_assert_num_queries):
    # Other people's matters are never read: the check costs the same at county scale.
    first = make("accepted")
    make("accepted", people=[LI])
    from fazhi.petitions.services.registration import PersonIn, repeat_matches

    with django_assert_num_queries(1):
        found = repeat_matches(people=[PersonIn(**ZHANG)], content="施工方老板欠我们薪水18万，一直不发。")
    assert [p.pk for p, _ in found] == [first.pk]
    with django_assert_num_queries(0):
        assert repeat_matches(people=[PersonIn(name="匿名")], content=WAGES) == []


def test_a_repeat_of_a_final_matter_cites_the_no_reacceptance_rule():
    make("final")
    again = register(content="包工头拖欠我们工资十八万元至今没给，再次要求追讨。")
    assert "第四十六条" in again.flags[0]["basis"]
    with pytest.raises(ValidationFailed, match="不再受理"):
        services.petition_route(
            actor=persona("clerk"), petition_id=again.pk, route="accept", on=date(2022, 12, 5)
        )


# --- deadlines on the holiday calendar --------------------------------------------------------


def test_a_routing_period_ending_in_the_national_day_holiday_rolls_to_the_adjusted_working_saturday():
    # 2022-09-20 + 15 = 10-05 (国庆 10-01..07); 10-08 is a 调休 working Saturday.
    assert register(received_on=date(2022, 9, 20)).route_due == date(2022, 10, 8)


def test_a_routing_period_ending_in_spring_festival_rolls_past_it():
    # 2022-01-16 + 15 = 01-31 (春节 01-31..02-06) → 02-07.
    assert register(received_on=date(2022, 1, 16)).route_due == date(2022, 2, 7)


def test_the_objection_window_counts_working_days_including_adjusted_weekend_days():
    p = register(received_on=date(2022, 9, 20))
    p = services.petition_route(
        actor=persona("clerk"), petition_id=p.pk, route="transfer", on=date(2022, 9, 28), target="县住建局"
    )
    # 09-29, 09-30, 10-08 (Sat, 调休), 10-09 (Sun, 调休), 10-10.
    assert p.objection_due == date(2022, 10, 10)
    with pytest.raises(ValidationFailed, match="5个工作日"):
        services.petition_object(
            actor=persona("clerk"), petition_id=p.pk, reason="不属本局", on=date(2022, 10, 11)
        )
    assert (
        services.petition_object(
            actor=persona("clerk"), petition_id=p.pk, reason="不属本局", on=date(2022, 10, 10)
        ).status
        == "registered"
    )


def test_the_shandong_3_working_day_decision_spans_the_spring_festival():
    p = make("accepted", received_on=date(2021, 11, 20))
    services.petition_reply(
        actor=persona("clerk"),
        petition_id=p.pk,
        outcome="reject",
        request="追讨",
        facts="不实",
        opinion="不予支持",
        basis="相关规定",
        on=date(2022, 1, 20),
    )
    review = services.petition_review_request(
        actor=persona("clerk"), petition_id=p.pk, requested_on=date(2022, 1, 28), request="不服"
    )
    # 01-29 (Sat, 调休), 01-30 (Sun, 调休), then 春节 to 02-06, 02-07.
    assert review.decision_due == date(2022, 2, 7)


def test_the_60_day_handling_period_and_its_one_extension_of_at_most_30_days():
    p = make("accepted")  # accepted 2022-09-05
    assert p.handling_due == date(2022, 11, 4)
    clerk, leader = persona("clerk"), persona("leader")
    with pytest.raises(ValidationFailed) as exc:
        services.petition_extend(
            actor=clerk, petition_id=p.pk, days=31, reason="复杂", approver_id=leader.pk, on=date(2022, 10, 1)
        )
    assert "最多不超过30日" in exc.value.fields["days"] and "第三十四条" in exc.value.fields["days"]
    with pytest.raises(ValidationFailed) as exc:
        services.petition_extend(
            actor=clerk, petition_id=p.pk, days=30, reason="复杂", approver_id=clerk.pk, on=date(2022, 10, 1)
        )
    assert "approver_id" in exc.value.fields
    p = services.petition_extend(
        actor=clerk,
        petition_id=p.pk,
        days=30,
        reason="涉及多个部门",
        approver_id=leader.pk,
        on=date(2022, 10, 1),
    )
    assert p.handling_due == date(2022, 12, 5)  # 12-04 is a Sunday
    with pytest.raises(ValidationFailed, match="只能延长一次"):
        services.petition_extend(
            actor=clerk, petition_id=p.pk, days=5, reason="再延", approver_id=leader.pk, on=date(2022, 10, 2)
        )


def test_hearing_days_in_re_review_are_not_counted():
    p = make("re_reviewing")  # 复核 requested 2022-11-10
    review = p.reviews.get(level="re_review")
    assert review.due == date(2022, 12, 12)  # 12-10 is a Saturday
    review = services.petition_review_pause(
        actor=persona("clerk"),
        petition_id=p.pk,
        first=date(2022, 11, 15),
        last=date(2022, 11, 18),
        reason="听证",
    )
    assert review.due == date(2022, 12, 14)


def test_a_review_request_after_the_30_day_window_is_refused_with_the_article():
    p = make("replied")  # delivered 2022-10-10, window to 11-09
    assert p.window_due == date(2022, 11, 9)
    with pytest.raises(ValidationFailed) as exc:
        services.petition_review_request(
            actor=persona("clerk"), petition_id=p.pk, requested_on=date(2022, 11, 10), request="不服"
        )
    assert "第三十五条" in exc.value.fields["requested_on"]


def test_the_sweep_finalises_an_unused_window_and_it_blocks_reacceptance():
    p = make("replied")
    assert services.petition_finalize_due(today=date(2022, 11, 9)) == 0
    assert services.petition_finalize_due(today=date(2022, 11, 10)) == 1
    p.refresh_from_db()
    assert p.status == "final" and p.final_on == date(2022, 11, 10)
    note = services.petition_note(
        actor=persona("clerk"),
        petition_id=p.pk,
        kind="aftercare",
        text_="入户回访，帮助申请临时救助",
        on=date(2022, 12, 1),
    )
    assert note.kind == "aftercare"


def test_mediation_needs_both_sides_and_ends_the_matter():
    p = make("accepted")
    with pytest.raises(ValidationFailed, match="第三十三条"):
        services.petition_mediate(
            actor=persona("clerk"),
            petition_id=p.pk,
            agreement="十日内支付",
            petitioner_consent=True,
            other_party_consent=False,
        )
    p = services.petition_mediate(
        actor=persona("clerk"),
        petition_id=p.pk,
        agreement="施工单位十日内支付全部工资",
        petitioner_consent=True,
        other_party_consent=True,
        on=date(2022, 9, 20),
    )
    assert p.status == "final" and p.final_reason == "经调解达成协议"


def test_a_reply_without_an_outcome_names_the_field_and_article_32():
    p = make("accepted")
    with pytest.raises(ValidationFailed) as exc:
        services.petition_reply(
            actor=persona("clerk"),
            petition_id=p.pk,
            outcome="",
            request="r",
            facts="f",
            opinion="o",
            basis="b",
        )
    assert "第三十二条" in exc.value.fields["outcome"]


def test_an_action_out_of_its_status_is_a_409_with_the_allowed_actions():
    p = make("registered")
    with pytest.raises(InvalidTransition) as exc:
        services.petition_reply(
            actor=persona("clerk"),
            petition_id=p.pk,
            outcome="support",
            request="r",
            facts="f",
            opinion="o",
            basis="b",
            on=date(2022, 9, 20),
        )
    assert exc.value.extra["status"] == "registered" and "accept" in exc.value.extra["allowed_actions"]


def test_a_dissatisfied_follow_up_notifies_the_case_leader(django_capture_on_commit_callbacks):
    from fazhi.workbench.models import Notification

    p = make("replied", leader=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_follow_up(
            actor=persona("clerk"),
            petition_id=p.pk,
            method="phone",
            satisfaction="dissatisfied",
            note="工资只发了一半",
            on=date(2022, 10, 15),
        )
    note = Notification.objects.get(recipient=persona("leader"), kind="petition_dissatisfied")
    assert p.case_number in note.title


def test_leading_grants_the_handlers_sight_of_the_case_whatever_their_scope():
    from fazhi.petitions.selectors import petition_get_for

    p = make("accepted")
    with pytest.raises(NotFound):
        petition_get_for(actor=persona("adviser"), petition_id=p.pk)
    services.petition_lead(
        actor=persona("clerk"),
        petition_id=p.pk,
        leader_id=persona("leader").pk,
        handler_ids=[persona("adviser").pk],
    )
    assert petition_get_for(actor=persona("adviser"), petition_id=p.pk).case_leader == persona("leader")


def test_a_non_leader_cannot_be_the_case_leader():
    p = make("accepted")
    with pytest.raises(ValidationFailed, match="第十八条"):
        services.petition_lead(actor=persona("clerk"), petition_id=p.pk, leader_id=persona("clerk").pk)


def test_the_sweep_issues_one_reminder_per_late_matter():
    from fazhi.supervision.models import SupervisionOrder

    p = make("registered")  # route_due 2022-09-16
    result = services.petitions_sweep(today=date(2022, 9, 20))
    again = services.petitions_sweep(today=date(2022, 9, 21))
    order = SupervisionOrder.objects.get(object_id=str(p.pk))
    assert result.orders == 1 and again.orders == 0
    assert order.level == "remind" and "第二十二条" in order.reason


def test_done_when_a_letter_goes_from_registration_to_a_review_answer_with_every_deadline_right():
    clerk, leader = persona("clerk"), persona("leader")
    p = register(received_on=date(2022, 9, 1))  # a letter that arrived last week
    assert p.route_due == date(2022, 9, 16)
    p = services.petition_route(
        actor=clerk, petition_id=p.pk, route="accept", on=date(2022, 9, 8), notice_sent=True
    )
    assert p.handling_due == date(2022, 11, 7)  # 11-07 is 60 days on, a Monday
    p = services.petition_lead(actor=clerk, petition_id=p.pk, leader_id=leader.pk, handler_ids=[clerk.pk])
    services.petition_note(
        actor=leader, petition_id=p.pk, kind="investigation", text_="约谈施工单位", on=date(2022, 9, 15)
    )
    p = services.petition_reply(
        actor=leader,
        petition_id=p.pk,
        outcome="support",
        request="追讨工资",
        facts="属实",
        opinion="责成十日内支付",
        basis="《保障农民工工资支付条例》第三十条",
        on=date(2022, 10, 20),
        delivered_on=date(2022, 10, 22),
    )
    assert p.window_due == date(2022, 11, 21)
    review = services.petition_review_request(
        actor=clerk, petition_id=p.pk, requested_on=date(2022, 11, 1), request="支付不足额"
    )
    assert review.decision_due == date(2022, 11, 4)
    review = services.petition_review_decide(actor=clerk, petition_id=p.pk, accept=True, on=date(2022, 11, 2))
    assert review.due == date(2022, 12, 1)
    services.petition_review_answer(
        actor=leader,
        petition_id=p.pk,
        outcome="support",
        opinion="维持原意见并督促支付",
        on=date(2022, 11, 25),
    )
    p.refresh_from_db()
    assert p.status == "reviewed" and p.window_due == date(2022, 12, 26)
    from fazhi.petitions import documents

    for kind in ("notice", "reply", "review"):
        _title, data = documents.document_for(Petition.objects.get(pk=p.pk), kind)
        assert data[:2] == b"PK"


def test_an_outsider_cannot_reach_the_matter_through_any_service():
    p = make("accepted")
    with pytest.raises(NotFound):
        services.petition_note(actor=persona("grid_b1"), petition_id=p.pk, kind="investigation", text_="看看")
    with pytest.raises(NotAllowed):
        services.petition_note(
            actor=persona("grid_a1"),
            petition_id=p.pk,
            kind="investigation",
            text_="看看",
            on=date(2022, 9, 9),
        )


def test_referring_to_mediation_registers_a_dispute_with_lineage_and_keeps_the_petition_open():
    from fazhi.disputes.selectors import dispute_list_from

    p = make("accepted")
    dispute = services.petition_refer_mediation(
        actor=persona("clerk"), petition_id=p.pk, category="labour", note="信访人同意由社区人民调解委员会调解"
    )
    assert (dispute.origin_type, dispute.origin_id) == ("petitions.petition", str(p.pk))
    assert dispute.source == "petition" and dispute.unit_id == p.unit_id
    assert list(
        dispute_list_from(actor=persona("clerk"), origin_type="petitions.petition", origin_id=str(p.pk))
    ) == [dispute]
    p.refresh_from_db()
    assert p.status == "accepted"


def test_a_registered_petition_cannot_be_referred_before_it_is_accepted():
    from fazhi.core.errors import InvalidTransition

    p = make("registered")
    with pytest.raises(InvalidTransition):
        services.petition_refer_mediation(actor=persona("clerk"), petition_id=p.pk, category="labour")
