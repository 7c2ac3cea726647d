"""The services: intake, risk, assignment and consent, sessions, agreements and the 司法确认 window,
termination, escalation, organisations, screening and talk days — each write and each refusal."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection

from fazhi.core import crypto
from fazhi.core.errors import Conflict, InvalidTransition, NotAllowed, NotFound, ValidationFailed
from fazhi.core.models import AuditEntry, TimelineEvent
from fazhi.disputes import services
from fazhi.disputes.models import Agreement, Dispute, MediationOrg, Mediator, Party, Termination
from fazhi.disputes.selectors import dispute_get_for, org_checklist
from fazhi.disputes.tests.factories import (
    ID_A,
    PHONE_A,
    WRITTEN,
    committee,
    dispute,
    mediating,
    sign_all,
    written_agreement,
)
from fazhi.org.models import Assignment
from fazhi.testing import COMMUNITY_A, COMMUNITY_B, GRID_A1, GRID_B1, persona, unit

pytestmark = pytest.mark.django_db

D = date(2022, 5, 10)


# --- Intake -----------------------------------------------------------------------------------


def test_intake_registers_the_dispute_with_its_deadline_risk_and_parties():
    d = dispute(registered_on=D)
    assert d.number == "JF2022-0001"
    assert d.status == "registered" and d.risk_level == "blue" and d.lead_level == "community"
    # One month from registration (司法部《人民调解工作若干规定》第三十三条): 2022-06-10 is a Friday.
    assert d.due_on == date(2022, 6, 10) and d.due_rule == "disputes.mediation"
    assert [p.name for p in d.parties.all()] == ["张明", "李芳"]


def test_party_id_numbers_and_phones_are_encrypted_and_searchable_only_by_blind_index():
    d = dispute(registered_on=D)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM disputes_party WHERE dispute_id = %s", [d.pk])
        stored = cursor.fetchall()
    assert all(ID_A not in row[0] and PHONE_A not in row[1] for row in stored)
    party = Party.objects.get(dispute=d, id_index=crypto.blind_index(ID_A, purpose="id_number"))
    assert party.id_number == ID_A


def test_no_personal_data_reaches_the_audit_log():
    dispute(registered_on=D)
    texts = [str(e.data) for e in AuditEntry.objects.all()]
    assert not any(ID_A in t or PHONE_A in t for t in texts)


def test_a_bad_id_number_is_refused_naming_the_party_field_and_rule():
    with pytest.raises(ValidationFailed) as exc:
        services.dispute_intake(
            actor=persona("grid_a1"),
            unit_id=unit(GRID_A1).pk,
            category="neighbour",
            source="screening",
            summary="噪音纠纷",
            parties=[{"name": "张明", "id_number": "371625200103120016"}],
        )
    assert "校验位" in exc.value.fields["parties.0.id_number"]


def test_intake_refuses_a_unit_outside_the_actors_scope_and_names_every_bad_field():
    with pytest.raises(ValidationFailed) as exc:
        services.dispute_intake(
            actor=persona("grid_a1"), unit_id=unit(GRID_B1).pk, category="", source="nope", summary=""
        )
    assert set(exc.value.fields) >= {"unit_id", "category", "source", "summary"}


def test_an_account_without_the_intake_permission_cannot_register():
    with pytest.raises(NotAllowed):
        dispute(actor="leader", unit_code=COMMUNITY_A)


def test_a_dispute_settled_on_the_spot_is_registered_and_closed_at_once():
    d = dispute(registered_on=D, settled_on_spot=True, resolution="网格员现场协调，双方握手言和")
    assert (d.status, d.outcome, d.concluded_on) == ("closed", "settled", D)


def test_a_converted_record_keeps_its_lineage_and_converts_only_once():
    d = dispute(registered_on=D, source="petition", origin_type="petitions.petition", origin_id="42")
    assert (d.origin_type, d.origin_id) == ("petitions.petition", "42")
    from fazhi.disputes.services.intake import origin_label

    assert origin_label(d.origin_type, d.origin_id) == ("来源：信访件 42", "/petitions/42/")
    with pytest.raises(Conflict):
        dispute(registered_on=D, source="petition", origin_type="petitions.petition", origin_id="42")


def test_origin_type_and_id_come_together():
    with pytest.raises(ValidationFailed) as exc:
        dispute(registered_on=D, origin_type="petitions.petition")
    assert "origin_type" in exc.value.fields


# --- Risk ---------------------------------------------------------------------------------------


def test_raising_the_people_involved_recomputes_the_level_and_who_leads():
    d = dispute(registered_on=D)
    d = services.dispute_update(actor=persona("grid_a1"), dispute_id=d.pk, people_involved=35)
    assert (d.risk_level, d.lead_level) == ("red", "leader")
    assert "涉及人数35人" in d.risk_reasons[0]
    event = TimelineEvent.objects.get(object_id=str(d.pk), kind="disputes.risk_change")
    assert "蓝色 → 红色" in event.note


@pytest.mark.parametrize(
    ("changes", "level"),
    [
        ({"amount": "60000"}, "yellow"),
        ({"police_history": True}, "yellow"),
        ({"amount": "250000"}, "orange"),
        ({"group_behaviour": True}, "orange"),
        ({"criminal_risk": True}, "orange"),
        ({"extreme_behaviour": True}, "red"),
        ({"amount": "1000000"}, "red"),
        ({"people_involved": 4, "amount": "49999.99"}, "blue"),
    ],
)
def test_each_criterion_puts_the_dispute_at_its_level(changes, level):
    d = dispute(registered_on=D)
    assert services.dispute_update(actor=persona("grid_a1"), dispute_id=d.pk, **changes).risk_level == level


def test_thresholds_come_from_settings_when_configured(settings):
    settings.FAZHI_DISPUTES = {"RISK_CRITERIA": {"red": {"people_involved": 3}}}
    assert dispute(registered_on=D, people_involved=3).risk_level == "red"


def test_a_case_leader_must_be_a_subdistrict_leader_and_is_granted_sight():
    d = dispute(registered_on=D, people_involved=40)
    with pytest.raises(ValidationFailed):
        services.dispute_set_case_leader(
            actor=persona("clerk"), dispute_id=d.pk, leader_id=persona("clerk").pk
        )
    services.dispute_set_case_leader(actor=persona("clerk"), dispute_id=d.pk, leader_id=persona("leader").pk)
    assert Assignment.objects.filter(user=persona("leader"), kind="case_leader", object_id=d.pk).exists()


# --- Assignment, consent, sessions ------------------------------------------------------------


def test_assignment_needs_two_parties_and_mediators_of_that_organisation():
    org = committee()
    other = committee(COMMUNITY_B, name="湖滨社区人民调解委员会", actor="clerk")
    clerk = persona("community_a")
    lonely = dispute(registered_on=D, parties=1)
    with pytest.raises(ValidationFailed) as exc:
        services.dispute_assign(
            actor=clerk, dispute_id=lonely.pk, org_id=org.pk, mediator_ids=[org.mediators.first().pk]
        )
    assert "双方当事人" in exc.value.message
    d = dispute(registered_on=D)
    with pytest.raises(ValidationFailed) as exc:
        services.dispute_assign(
            actor=clerk, dispute_id=d.pk, org_id=org.pk, mediator_ids=[other.mediators.first().pk]
        )
    assert "mediator_ids" in exc.value.fields


def test_assigning_grants_the_mediators_with_accounts_and_all_consents_start_the_mediation():
    org = committee()
    d = dispute(registered_on=D)
    clerk = persona("community_a")
    director = Mediator.objects.get(org=org, role="director")
    d = services.dispute_assign(
        actor=clerk, dispute_id=d.pk, org_id=org.pk, mediator_ids=[director.pk], chosen_by_parties=True, on=D
    )
    assert d.status == "assigned"
    assert Assignment.objects.filter(user=director.user, kind="mediator", object_id=d.pk).exists()
    first, second = d.parties.all()
    services.party_consent(actor=clerk, dispute_id=d.pk, party_id=first.pk, consent="agreed", on=D)
    assert Dispute.objects.get(pk=d.pk).status == "assigned"
    services.party_consent(actor=clerk, dispute_id=d.pk, party_id=second.pk, consent="agreed", on=D)
    d = Dispute.objects.get(pk=d.pk)
    assert d.status == "mediating" and d.mediation_started_on == D


def test_reassigning_withdraws_the_grant_of_a_mediator_taken_off():
    org = committee()
    d = mediating(org, on=D)
    director = Mediator.objects.get(org=org, role="director")
    other = org.mediators.exclude(pk=director.pk).first()
    services.dispute_assign(
        actor=persona("community_a"), dispute_id=d.pk, org_id=org.pk, mediator_ids=[other.pk], on=D
    )
    assert not Assignment.objects.filter(user=director.user, kind="mediator", object_id=d.pk).exists()
    assert list(Dispute.objects.get(pk=d.pk).mediators.all()) == [other]


def test_a_clear_refusal_by_one_party_ends_the_mediation():
    d = mediating(on=D)
    party = d.parties.first()
    services.party_consent(
        actor=persona("community_a"),
        dispute_id=d.pk,
        party_id=party.pk,
        consent="refused",
        on=D,
        note="表示要去法院起诉",
    )
    d = Dispute.objects.get(pk=d.pk)
    assert (d.status, d.outcome) == ("refused", "refused")
    termination = Termination.objects.get(dispute=d)
    assert termination.kind == "refused" and "第十七条" in termination.reason


def test_a_refusal_must_say_what_the_party_said():
    d = mediating(on=D)
    with pytest.raises(ValidationFailed):
        services.party_consent(
            actor=persona("community_a"), dispute_id=d.pk, party_id=d.parties.first().pk, consent="refused"
        )


def test_a_session_with_invited_neighbours_needs_the_parties_consent():
    d = mediating(on=D)
    director = d.mediators.get()
    kwargs = dict(
        actor=persona("community_a"),
        dispute_id=d.pk,
        held_on=D,
        place="锦秋社区调解室",
        mediator_ids=[director.pk],
        record="双方陈述事实，调解员释法说理",
        invitees=[{"name": "刘大爷", "relation": "邻居、楼长"}],
    )
    with pytest.raises(ValidationFailed) as exc:
        services.session_record(**kwargs)
    assert "第二十条" in exc.value.fields["invitees_consented"]
    session = services.session_record(
        **kwargs, invitees_consented=True, files=[("现场照片.jpg", b"\xff\xd8jpeg")]
    )
    assert session.seq == 1 and session.invitees == [{"name": "刘大爷", "relation": "邻居、楼长"}]


def test_a_session_only_counts_mediators_assigned_to_the_case():
    org = committee()
    d = mediating(org, on=D)
    outsider = org.mediators.exclude(pk=d.mediators.get().pk).first()
    with pytest.raises(ValidationFailed) as exc:
        services.session_record(
            actor=persona("community_a"),
            dispute_id=d.pk,
            held_on=D,
            place="调解室",
            mediator_ids=[outsider.pk],
            record="记录",
        )
    assert "mediator_ids" in exc.value.fields


# --- Agreements ---------------------------------------------------------------------------------


def test_a_written_agreement_missing_article_29_contents_is_refused_naming_them():
    d = mediating(on=D)
    with pytest.raises(ValidationFailed) as exc:
        services.agreement_record(
            actor=persona("community_a"),
            dispute_id=d.pk,
            form="written",
            content="赔偿2000元",
            reached_on=D,
            facts="漏水",
        )
    message = exc.value.message
    assert "第二十九条" in message
    for item in ("当事人的基本情况", "争议事项", "各方当事人的责任", "履行的方式", "履行的期限"):
        assert item in message
    assert "纠纷的主要事实" not in message
    assert set(exc.value.fields) == {
        "parties_info",
        "disputed_points",
        "responsibilities",
        "performance_method",
        "performance_deadline",
    }


def test_a_written_agreement_takes_effect_when_the_last_party_and_the_mediator_have_signed():
    d = mediating(on=D)
    agreement = written_agreement(d, reached_on=D)
    assert agreement.status == "draft" and agreement.number == "（2022）锦调字第1号"
    clerk = persona("community_a")
    first, second = d.parties.all()
    services.agreement_sign(actor=clerk, agreement_id=agreement.pk, party_id=first.pk, signed_on=D)
    director = d.mediators.get()
    with pytest.raises(ValidationFailed) as exc:
        services.agreement_sign(actor=clerk, agreement_id=agreement.pk, mediator_id=director.pk, signed_on=D)
    assert "印章" in exc.value.message
    services.agreement_sign(
        actor=clerk, agreement_id=agreement.pk, mediator_id=director.pk, sealed=True, signed_on=D
    )
    assert Agreement.objects.get(pk=agreement.pk).status == "draft"
    later = D + timedelta(days=2)
    agreement = services.agreement_sign(
        actor=clerk, agreement_id=agreement.pk, party_id=second.pk, signed_on=later, method="fingerprint"
    )
    assert (agreement.status, agreement.effective_on) == ("effective", later)
    d = Dispute.objects.get(pk=d.pk)
    assert (d.status, d.outcome, d.concluded_on) == ("agreed", "agreement", later)


def test_the_confirmation_window_is_thirty_days_and_rolls_over_the_national_day_holiday():
    d = mediating(on=date(2022, 8, 20))
    agreement = sign_all(written_agreement(d, reached_on=date(2022, 9, 1)), date(2022, 9, 1))
    # 2022-09-01 + 30 days = 2022-10-01, 国庆节; the first working day after is the 调休 Saturday 10-08.
    assert agreement.jc_status == "open" and agreement.jc_due == date(2022, 10, 8)


def test_the_window_is_plain_thirty_days_when_no_holiday_intervenes():
    d = mediating(on=D)
    agreement = sign_all(written_agreement(d, reached_on=D), D)
    assert agreement.jc_due == D + timedelta(days=30)  # 2022-06-09, a Thursday


def test_no_confirmation_window_for_an_agreement_confirming_a_marriage_relationship():
    d = mediating(on=D, category="family")
    agreement = sign_all(written_agreement(d, reached_on=D, concerns_status_relation=True), D)
    assert agreement.jc_status == "not_applicable" and agreement.jc_due is None


def test_an_oral_agreement_takes_effect_the_day_it_is_reached():
    d = mediating(on=D)
    agreement = services.agreement_record(
        actor=persona("community_a"),
        dispute_id=d.pk,
        form="oral",
        content="双方互相谅解，楼上当日修好水管",
        reached_on=D,
    )
    assert (agreement.status, agreement.effective_on, agreement.jc_status) == (
        "effective",
        D,
        "not_applicable",
    )
    assert Dispute.objects.get(pk=d.pk).status == "agreed"


def test_a_partial_agreement_leaves_the_rest_in_mediation_and_a_later_failure_notes_it():
    d = mediating(on=D)
    services.agreement_record(
        actor=persona("community_a"),
        dispute_id=d.pk,
        form="oral",
        scope="partial",
        content="先行修复管道",
        reached_on=D,
    )
    assert Dispute.objects.get(pk=d.pk).status == "mediating"
    services.dispute_terminate(
        actor=persona("community_a"), dispute_id=d.pk, reason="赔偿数额分歧较大", ended_on=D
    )
    event = TimelineEvent.objects.filter(object_id=str(d.pk), kind="disputes.terminate").get()
    assert "部分事项达成协议" in event.note


def test_applying_for_confirmation_needs_the_materials_and_the_window():
    d = mediating(on=D)
    agreement = sign_all(written_agreement(d, reached_on=D), D)
    clerk = persona("community_a")
    with pytest.raises(ValidationFailed) as exc:
        services.agreement_confirmation_record(
            actor=clerk, agreement_id=agreement.pk, status="applied", on=D + timedelta(days=3)
        )
    assert "申请材料未备齐" in exc.value.message and "司法确认申请书" in exc.value.message
    services.agreement_materials_set(
        actor=clerk, agreement_id=agreement.pk, materials=["application", "agreement", "identity", "contacts"]
    )
    with pytest.raises(ValidationFailed) as exc:
        services.agreement_confirmation_record(
            actor=clerk, agreement_id=agreement.pk, status="applied", on=agreement.jc_due + timedelta(days=1)
        )
    assert "期限" in exc.value.message
    services.agreement_confirmation_record(
        actor=clerk, agreement_id=agreement.pk, status="applied", on=D + timedelta(days=5)
    )
    agreement = services.agreement_confirmation_record(
        actor=clerk,
        agreement_id=agreement.pk,
        status="confirmed",
        on=D + timedelta(days=12),
        case_number="（2022）鲁1625民特12号",
    )
    assert agreement.jc_status == "confirmed" and agreement.jc_court == "博兴县人民法院"


def test_a_lapsed_window_can_be_recorded_only_after_it_ends():
    d = mediating(on=D)
    agreement = sign_all(written_agreement(d, reached_on=D), D)
    with pytest.raises(ValidationFailed):
        services.agreement_confirmation_record(
            actor=persona("community_a"),
            agreement_id=agreement.pk,
            status="lapsed",
            on=D + timedelta(days=10),
        )
    agreement = services.agreement_confirmation_record(
        actor=persona("community_a"),
        agreement_id=agreement.pk,
        status="lapsed",
        on=agreement.jc_due + timedelta(days=1),
    )
    assert agreement.jc_status == "lapsed"


def test_performance_is_followed_up_and_the_case_closes_only_when_every_term_is_settled():
    d = mediating(on=D)
    agreement = sign_all(
        written_agreement(
            d,
            reached_on=D,
            terms=[
                {"content": "修复管道", "due_on": D + timedelta(days=5)},
                {
                    "content": "赔偿2000元",
                    "due_on": D + timedelta(days=10),
                    "obligor_id": d.parties.last().pk,
                },
            ],
        ),
        D,
    )
    clerk = persona("community_a")
    first, second = agreement.terms.all()
    services.term_follow_up(
        actor=clerk, term_id=first.pk, result="performed", checked_on=D + timedelta(days=5)
    )
    with pytest.raises(ValidationFailed) as exc:
        services.dispute_close(actor=clerk, dispute_id=d.pk)
    assert "第三十一条" in exc.value.message
    services.term_follow_up(
        actor=clerk, term_id=second.pk, result="performed", checked_on=D + timedelta(days=9)
    )
    assert services.dispute_close(actor=clerk, dispute_id=d.pk).status == "closed"


def test_signing_an_effective_agreement_again_is_an_invalid_transition():
    d = mediating(on=D)
    agreement = sign_all(written_agreement(d, reached_on=D), D)
    with pytest.raises(InvalidTransition):
        services.agreement_sign(
            actor=persona("community_a"),
            agreement_id=agreement.pk,
            party_id=d.parties.first().pk,
            signed_on=D,
        )


# --- Termination and escalation ---------------------------------------------------------------


def test_termination_records_times_facts_reasons_and_routes():
    d = mediating(on=D, category="labour")
    services.session_record(
        actor=persona("community_a"),
        dispute_id=d.pk,
        held_on=D,
        place="调解室",
        mediator_ids=[d.mediators.get().pk],
        record="第一次调解",
    )
    termination = services.dispute_terminate(
        actor=persona("community_a"),
        dispute_id=d.pk,
        reason="欠薪数额各执一词",
        ended_on=D + timedelta(days=20),
        undisputed_facts="张明于2021年在李芳处务工",
        facts_confirmed=True,
    )
    assert (termination.started_on, termination.ended_on) == (D, D + timedelta(days=20))
    assert termination.routes == ["labour_arbitration", "court"]
    assert Dispute.objects.get(pk=d.pk).status == "failed"


def test_terminating_voids_an_unsigned_draft():
    d = mediating(on=D)
    agreement = written_agreement(d, reached_on=D)
    services.dispute_terminate(actor=persona("community_a"), dispute_id=d.pk, reason="一方反悔", ended_on=D)
    assert Agreement.objects.get(pk=agreement.pk).status == "void"


def test_a_police_report_is_recorded_and_raises_the_risk_without_ending_the_mediation():
    d = mediating(on=D)
    escalation = services.escalation_record(
        actor=persona("grid_a1"), dispute_id=d.pk, kind="police", reason="双方言语激烈，扬言动手", on=D
    )
    assert escalation.to_whom == "博兴县公安局少海派出所" and escalation.by == persona("grid_a1")
    d = Dispute.objects.get(pk=d.pk)
    assert d.status == "mediating" and d.criminal_risk and d.risk_level == "orange"


def test_converting_to_a_petition_moves_the_dispute_out_and_registers_the_petition_with_lineage():
    from fazhi.petitions.selectors import petition_get_for

    d = dispute(registered_on=D)
    escalation = services.escalation_record(
        actor=persona("community_a"), dispute_id=d.pk, kind="to_petition", reason="当事人坚持信访反映", on=D
    )
    d = Dispute.objects.get(pk=d.pk)
    assert (d.status, d.outcome) == ("transferred", "transferred")
    assert escalation.target_type == "petitions.petition"
    petition = petition_get_for(actor=persona("community_a"), petition_id=int(escalation.target_id))
    assert (petition.origin_type, petition.origin_id) == ("disputes.dispute", str(d.pk))
    assert petition.received_on == D and petition.unit_id == d.unit_id
    assert {p.name for p in petition.petitioners.all()} <= {p.name for p in d.parties.all()}


def test_a_referral_after_failure_is_recorded_beside_the_outcome():
    d = mediating(on=D)
    services.dispute_terminate(actor=persona("community_a"), dispute_id=d.pk, reason="分歧大", ended_on=D)
    services.escalation_record(
        actor=persona("community_a"), dispute_id=d.pk, kind="court", reason="引导起诉", on=D
    )
    d = Dispute.objects.get(pk=d.pk)
    assert (d.status, d.outcome) == ("failed", "failed")


# --- Scope ------------------------------------------------------------------------------------


def test_the_outsider_cannot_see_or_change_community_as_dispute():
    d = dispute(registered_on=D)
    with pytest.raises(NotFound):
        dispute_get_for(actor=persona("grid_b1"), dispute_id=d.pk)
    with pytest.raises(NotFound):
        services.dispute_update(actor=persona("grid_b1"), dispute_id=d.pk, summary="改")


def test_a_grid_worker_sees_their_grid_but_not_the_communitys_own_cases():
    community_case = dispute(actor="community_a", unit_code=COMMUNITY_A, registered_on=D)
    with pytest.raises(NotFound):
        dispute_get_for(actor=persona("grid_a1"), dispute_id=community_case.pk)
    assert dispute_get_for(actor=persona("community_a"), dispute_id=dispute(registered_on=D).pk)


def test_revealing_a_partys_phone_needs_the_permission_and_a_purpose():
    d = dispute(registered_on=D)
    party = d.parties.first()
    with pytest.raises(NotAllowed):
        services.party_reveal(
            actor=persona("grid_a1"), dispute_id=d.pk, party_id=party.pk, field="phone", purpose="联系当事人"
        )
    with pytest.raises(ValidationFailed):
        services.party_reveal(
            actor=persona("community_a"), dispute_id=d.pk, party_id=party.pk, field="phone", purpose=""
        )
    assert (
        services.party_reveal(
            actor=persona("community_a"),
            dispute_id=d.pk,
            party_id=party.pk,
            field="phone",
            purpose="联系当事人",
        )
        == PHONE_A
    )


# --- Organisations ------------------------------------------------------------------------------


@pytest.mark.parametrize(("members", "women"), [(2, 1), (10, 1), (5, 0)])
def test_a_committee_outside_the_rules_is_saved_with_a_warning_and_cannot_be_marked_compliant(members, women):
    org = committee(members=members, women=women)
    checklist = org_checklist(org)
    assert not checklist.ok and checklist.warnings
    assert any("第八条" in w for w in checklist.warnings)
    with pytest.raises(ValidationFailed) as exc:
        services.org_mark_compliant(actor=persona("community_a"), org_id=org.pk)
    assert "有人员" in exc.value.message


def test_a_committee_that_meets_the_rules_is_confirmed_and_loses_it_when_its_only_woman_leaves():
    org = committee(members=3, women=1)
    org = services.org_mark_compliant(actor=persona("community_a"), org_id=org.pk)
    assert org.compliant
    woman = org.mediators.get(sex="female")
    services.mediator_update(actor=persona("community_a"), mediator_id=woman.pk, is_active=False)
    org = MediationOrg.objects.get(pk=org.pk)
    assert not org.compliant
    assert TimelineEvent.objects.filter(object_id=str(org.pk), kind="disputes.org_compliance_lost").exists()


def test_the_term_ends_three_years_after_it_starts():
    org = committee()
    assert org.term_end == date(2024, 2, 29)


def test_a_committee_has_one_director():
    org = committee()
    with pytest.raises(ValidationFailed) as exc:
        services.mediator_add(
            actor=persona("community_a"), org_id=org.pk, name="第二主任", sex="male", role="director"
        )
    assert "主任一人" in exc.value.message


def test_a_community_clerk_cannot_manage_the_subdistricts_committee():
    org = committee("SH", name="少海街道人民调解委员会", actor="clerk")
    with pytest.raises(NotAllowed):
        services.org_update(actor=persona("community_a"), org_id=org.pk, venue="别处")


def test_mediators_must_be_adults():
    org = committee()
    with pytest.raises(ValidationFailed) as exc:
        services.mediator_add(
            actor=persona("community_a"),
            org_id=org.pk,
            name="少年",
            sex="male",
            role="appointed",
            birth_year=date.today().year - 10,
        )
    assert "第十四条" in exc.value.message


def test_trainings_are_recorded_against_a_mediator():
    org = committee()
    mediator = org.mediators.first()
    training = services.training_add(
        actor=persona("community_a"),
        mediator_id=mediator.pk,
        held_on=D,
        title="民法典婚姻家庭编专题培训",
        hours="4",
    )
    assert training.hours == Decimal("4")


# --- Screening and talk days ------------------------------------------------------------------


def _campaign(**kw):
    defaults = dict(
        name="2022年国庆期间矛盾纠纷专项排查",
        kind="special",
        topic="国庆",
        start_on=date(2022, 9, 20),
        end_on=date(2022, 10, 10),
        cadence="weekly",
        subjects=["dispute", "instability"],
    )
    return services.campaign_create(actor=persona("clerk"), unit_id=unit("SH").pk, **{**defaults, **kw})


def test_a_screening_item_becomes_a_dispute_in_one_step_with_its_lineage():
    campaign = _campaign()
    item = services.screening_item_add(
        actor=persona("grid_a1"),
        campaign_id=campaign.pk,
        unit_id=unit(GRID_A1).pk,
        description="3号楼两户因楼道堆放杂物争吵",
        found_on=date(2022, 9, 28),
        category="neighbour",
        convert=True,
        parties=[{"name": "赵大勇"}, {"name": "钱桂兰"}],
    )
    d = Dispute.objects.get(origin_type="disputes.screeningitem", origin_id=str(item.pk))
    assert d.source == "screening" and d.unit == unit(GRID_A1) and d.registered_on == date(2022, 9, 28)
    item.refresh_from_db()
    assert (item.converted_type, item.converted_id) == ("disputes.dispute", str(d.pk))
    with pytest.raises(Conflict):
        services.screening_item_convert(actor=persona("grid_a1"), item_id=item.pk, category="neighbour")


def test_a_zero_report_is_refused_when_items_were_found_and_corrected_by_a_later_item():
    campaign = _campaign()
    clerk = persona("community_a")
    week = date(2022, 9, 26)
    report = services.screening_report_submit(
        actor=clerk, campaign_id=campaign.pk, unit_id=unit(COMMUNITY_A).pk, period_start=week, zero=True
    )
    assert report.zero and report.status == "submitted"
    services.screening_item_add(
        actor=persona("grid_a1"),
        campaign_id=campaign.pk,
        unit_id=unit(GRID_A1).pk,
        description="新发现",
        found_on=date(2022, 9, 29),
    )
    report.refresh_from_db()
    assert not report.zero
    with pytest.raises(ValidationFailed):
        services.screening_report_submit(
            actor=clerk, campaign_id=campaign.pk, unit_id=unit(COMMUNITY_A).pk, period_start=week, zero=True
        )


def test_an_item_outside_the_campaign_dates_or_subjects_is_refused():
    campaign = _campaign(subjects=["dispute"])
    with pytest.raises(ValidationFailed) as exc:
        services.screening_item_add(
            actor=persona("grid_a1"),
            campaign_id=campaign.pk,
            unit_id=unit(GRID_A1).pk,
            description="x",
            found_on=date(2022, 11, 1),
        )
    assert "found_on" in exc.value.fields
    with pytest.raises(ValidationFailed) as exc:
        services.screening_item_add(
            actor=persona("grid_a1"),
            campaign_id=campaign.pk,
            unit_id=unit(GRID_A1).pk,
            description="x",
            found_on=date(2022, 9, 21),
            subject="instability",
        )
    assert "subject" in exc.value.fields


def test_another_app_links_what_it_made_of_an_item():
    campaign = _campaign()
    item = services.screening_item_add(
        actor=persona("grid_a1"),
        campaign_id=campaign.pk,
        unit_id=unit(GRID_A1).pk,
        description="群众反映拆迁补偿",
        found_on=date(2022, 9, 21),
        subject="instability",
    )
    services.screening_item_link(
        actor=persona("grid_a1"), item_id=item.pk, target_type="petitions.petition", target_id="5"
    )
    item.refresh_from_db()
    assert item.converted_type == "petitions.petition"


def test_a_talk_day_issue_becomes_a_dispute_in_one_step_with_its_lineage():
    grid = persona("grid_a1")
    talk_day = services.talk_day_schedule(
        actor=grid, unit_id=unit(GRID_A1).pk, held_on=date(2022, 6, 15), place="3号楼下小广场"
    )
    services.talk_day_record(
        actor=grid, talk_day_id=talk_day.pk, attendance=18, attendees="楼长、单元长、居民"
    )
    resolved = services.talk_issue_add(
        actor=grid,
        talk_day_id=talk_day.pk,
        description="路灯不亮",
        outcome="resolved",
        resolution="当场联系物业维修",
    )
    issue = services.talk_issue_add(
        actor=grid,
        talk_day_id=talk_day.pk,
        description="两户因停车位争执多日",
        raised_by="孙大妈",
        category="neighbour",
        outcome="converted",
        parties=[{"name": "周建"}, {"name": "吴磊"}],
    )
    issue.refresh_from_db()
    assert resolved.outcome == "resolved" and issue.outcome == "converted"
    d = issue.dispute
    assert (d.source, d.origin_type, d.origin_id) == ("talk_day", "disputes.talkdayissue", str(issue.pk))
    assert d.registered_on == date(2022, 6, 15)


def test_issues_are_recorded_only_at_a_talk_day_that_took_place():
    talk_day = services.talk_day_schedule(
        actor=persona("grid_a1"), unit_id=unit(GRID_A1).pk, held_on=date(2022, 6, 15), place="广场"
    )
    with pytest.raises(InvalidTransition):
        services.talk_issue_add(
            actor=persona("grid_a1"), talk_day_id=talk_day.pk, description="x", outcome="pending"
        )


def test_written_contents_for_tests_cover_article_29():
    from fazhi.disputes.services.agreements import ARTICLE_29, missing_article_29

    assert [f for f, _ in missing_article_29({**WRITTEN, "performance_deadline": D})] == []
    assert len(ARTICLE_29) == 7


def test_categories_are_seeded_and_an_admin_edit_is_audited():
    from fazhi.disputes.models import DisputeCategory
    from fazhi.disputes.services.categories import category_save

    names = set(DisputeCategory.objects.values_list("name", flat=True))
    assert {
        "邻里纠纷",
        "婚姻家庭纠纷",
        "土地宅基地纠纷",
        "劳动欠薪纠纷",
        "物业纠纷",
        "债务纠纷",
        "损害赔偿纠纷",
        "征迁补偿纠纷",
    } <= names
    category = DisputeCategory(code="school", name="校园纠纷", order=120)
    category_save(actor=persona("sysadmin"), category=category, created=True)
    assert AuditEntry.objects.filter(action="disputes.category_create", object_id=str(category.pk)).exists()
