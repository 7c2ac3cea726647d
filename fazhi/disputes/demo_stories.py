"""The demo's disputes: each one registered from its source (screening, walk-in, hotline, talk day …)
and taken to its end (settled, refused, failed, transferred, agreed and performed) through the
services, with the dates it would have had in 2022. Mixed into demo._Demo."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from fazhi.disputes import services
from fazhi.disputes.demo_data import (
    CATEGORY_WEIGHTS,
    COMMUNITY_WEIGHTS,
    COMPANIES,
    FAILURE_REASONS,
    SITUATIONS,
    TALK_PLACES,
    YEAR,
)
from fazhi.disputes.models import Agreement, Dispute, MediationOrg, Mediator
from fazhi.org.models import Unit, UnitKind


class DisputeStories:
    """Needs from its host: rng, units, users, orgs, routine (the 2022 routine campaign), person()."""

    rng: random.Random
    units: dict[str, Unit]
    users: dict[str, Any]
    orgs: dict[str, MediationOrg]
    routine: Any

    person: Callable[..., dict[str, Any]]  # the host's fictitious-person maker: person(adult=True)

    def _grid(self, code: str) -> Unit:
        grids = [u for c, u in self.units.items() if c.startswith(code + "-") and u.kind == UnitKind.GRID]
        return self.rng.choice(grids)

    def _reporter(self, unit: Unit) -> Any:
        if unit.code == "SH-JQ-01":
            return self.users["grid_a1"]
        if unit.code == "SH-HB-01":
            return self.users["grid_b1"]
        if unit.code.startswith("SH-JQ"):
            return self.users["community_a"]
        return self.users["clerk"]

    def _mediator_actor(self, unit: Unit) -> Any:
        return self.users["community_a"] if unit.code.startswith("SH-JQ") else self.users["clerk"]

    def _weighted(self, pairs: list[tuple[str, int]]) -> str:
        return self.rng.choices([k for k, _ in pairs], weights=[w for _, w in pairs])[0]

    def _situation(self, category: str, community: Unit) -> dict[str, Any]:
        template, claims, place, amounts, people, content, duty = self.rng.choice(SITUATIONS[category])
        a, b = self.person(), self.person()
        company = self.rng.choice(COMPANIES)
        amount = self.rng.randrange(amounts[0], amounts[1], 100) if amounts else None
        n = self.rng.randint(*people)
        fill = {
            "a": a["name"],
            "b": b["name"],
            "c": company,
            "n": n,
            "community": community.name,
            "building": self.rng.randint(1, 28),
            "unit": self.rng.randint(1, 4),
            "amount": amount or "",
        }
        return {
            "a": a,
            "b": b,
            "company": company,
            "amount": amount,
            "people": max(n, 2),
            "summary": template.format(**fill),
            "claims": claims.format(**fill),
            "place": place.format(**fill),
            "content": content.format(**fill),
            "duty": duty.format(**fill),
            "org_party": "{c}" in template or "{c}" in content,
        }

    def _parties(self, s: dict[str, Any]) -> list[dict[str, Any]]:
        first = {**s["a"], "role": "applicant", "address": s["place"]}
        if s["org_party"]:
            second = {
                "name": s["company"],
                "kind": "organisation",
                "role": "respondent",
                "representative": self.person()["name"],
            }
        else:
            second = {**s["b"], "role": "respondent", "address": s["place"]}
        return [first, second]

    def disputes(self) -> None:
        days = sorted(date(YEAR, 1, 3) + timedelta(days=self.rng.randint(0, 340)) for _ in range(84))
        for i, registered in enumerate(days):
            category = self._weighted(CATEGORY_WEIGHTS)
            code = self._weighted(COMMUNITY_WEIGHTS)
            community = self.units[code]
            unit = self._grid(code) if self.rng.random() < 0.7 else community
            s = self._situation(category, community)
            route = self.rng.random()
            source = (
                "screening"
                if route < 0.3
                else "walk_in"
                if route < 0.65
                else "hotline"
                if route < 0.78
                else "talk_day"
                if route < 0.88
                else "referral"
                if route < 0.94
                else "proactive"
            )
            if category == "relocation":
                source = "walk_in"
            dispute = self._register(source, unit, community, category, s, registered)
            self._mediate(dispute, s, i)

    def _register(
        self, source: str, unit: Unit, community: Unit, category: str, s: dict[str, Any], on: date
    ) -> Dispute:
        reporter = self._reporter(unit)
        extra = {
            "people_involved": s["people"],
            "amount": s["amount"],
            "claims": s["claims"],
            "group_behaviour": category == "relocation" and s["people"] >= 10,
            "extreme_behaviour": category == "relocation" and s["people"] >= 30,
            "police_history": self.rng.random() < 0.06,
        }
        if source == "screening" and unit.kind == UnitKind.GRID:
            item = services.screening_item_add(
                actor=reporter,
                campaign_id=self.routine.pk,
                unit_id=unit.pk,
                description=s["summary"],
                place=s["place"],
                people_involved=s["people"],
                found_on=on,
                category=category,
                convert=True,
                parties=self._parties(s),
            )
            dispute = Dispute.objects.get(origin_type="disputes.screeningitem", origin_id=str(item.pk))
            if any(extra[k] for k in ("amount", "group_behaviour", "extreme_behaviour", "police_history")):
                changes = {k: v for k, v in extra.items() if k != "claims" and v}
                dispute = services.dispute_update(
                    actor=reporter, dispute_id=dispute.pk, claims=s["claims"], **changes
                )
            return dispute
        if source == "talk_day":
            talk_day = services.talk_day_schedule(
                actor=reporter,
                unit_id=unit.pk,
                held_on=on,
                place=self.rng.choice(TALK_PLACES).format(building=self.rng.randint(1, 28)),
                topic="邻里和睦拉家常",
            )
            services.talk_day_record(
                actor=reporter,
                talk_day_id=talk_day.pk,
                attendance=self.rng.randint(8, 25),
                attendees="楼长、单元长、志愿者、居民",
                notes="居民围坐拉呱，网格员记录诉求",
            )
            issue = services.talk_issue_add(
                actor=reporter,
                talk_day_id=talk_day.pk,
                description=s["summary"],
                raised_by=s["a"]["name"],
                category=category,
                outcome="converted",
                parties=self._parties(s),
                people_involved=s["people"],
            )
            issue.refresh_from_db()
            assert issue.dispute is not None
            return issue.dispute
        return services.dispute_intake(
            actor=reporter,
            unit_id=unit.pk,
            category=category,
            source=source,
            summary=s["summary"],
            place=s["place"],
            occurred_on=on - timedelta(days=self.rng.randint(0, 20)),
            registered_on=on,
            parties=self._parties(s),
            **extra,
        )

    def _org_for(self, dispute: Dispute) -> MediationOrg:
        code = dispute.unit.code[:5]
        if dispute.lead_level != "community":
            return self.orgs["SH"]
        if code == "SH-JQ" and dispute.category.code in ("neighbour", "family") and self.rng.random() < 0.45:
            return self.orgs["HSL"]
        return self.orgs[code]

    def _mediate(self, dispute: Dispute, s: dict[str, Any], index: int) -> None:
        rng = self.rng
        unit = dispute.unit
        actor = self.users["clerk"] if dispute.lead_level != "community" else self._mediator_actor(unit)
        if dispute.lead_level == "leader":
            services.dispute_set_case_leader(
                actor=self.users["clerk"],
                dispute_id=dispute.pk,
                leader_id=self.users["leader"].pk,
                note="红色风险，街道领导包案",
            )
        fate = rng.random()
        on = dispute.registered_on
        if fate < 0.08:
            services.dispute_settle(
                actor=actor, dispute_id=dispute.pk, note="网格员、楼长现场劝说，双方当场和解", on=on
            )
            return
        org = self._org_for(dispute)
        mediators = list(org.mediators.filter(is_active=True).exclude(role="appointed"))
        chosen = rng.sample(mediators, min(len(mediators), rng.choice([1, 1, 2])))
        if org == self.orgs["SH"] and rng.random() < 0.5:
            chosen.append(org.mediators.get(name="陈律师"))
        assign_on = on + timedelta(days=rng.randint(0, 2))
        services.dispute_assign(
            actor=actor,
            dispute_id=dispute.pk,
            org_id=org.pk,
            mediator_ids=[m.pk for m in chosen],
            chosen_by_parties=rng.random() < 0.15,
            on=assign_on,
        )
        parties = list(dispute.parties.all())
        if fate < 0.12:
            services.party_consent(
                actor=actor, dispute_id=dispute.pk, party_id=parties[0].pk, consent="agreed", on=assign_on
            )
            services.party_consent(
                actor=actor,
                dispute_id=dispute.pk,
                party_id=parties[-1].pk,
                consent="refused",
                on=assign_on,
                note="表示不同意调解，要求直接起诉",
            )
            return
        for p in parties:
            services.party_consent(
                actor=actor, dispute_id=dispute.pk, party_id=p.pk, consent="agreed", on=assign_on
            )
        held = assign_on
        for n in range(rng.choice([1, 1, 2, 2, 3])):
            held = held + timedelta(days=rng.randint(1, 6))
            invite = n == 0 and rng.random() < 0.3
            services.session_record(
                actor=actor,
                dispute_id=dispute.pk,
                held_on=held,
                place=org.venue,
                mediator_ids=[m.pk for m in chosen],
                record=self._record(n, s),
                invitees=[
                    {
                        "name": self.person()["name"],
                        "relation": rng.choice(["邻居、楼长", "当事人亲属", "社区法律顾问"]),
                    }
                ]
                if invite
                else [],
                invitees_consented=invite,
                start_time=None,
                end_time=None,
            )
        if index in (7, 31):
            services.escalation_record(
                actor=actor,
                dispute_id=dispute.pk,
                kind="police",
                reason="调解中一方情绪激动、扬言报复，存在激化风险",
                on=held,
                reference="少海派出所接报",
            )
        if fate < 0.22:
            reason = rng.choice(FAILURE_REASONS)
            services.dispute_terminate(
                actor=actor,
                dispute_id=dispute.pk,
                reason=reason,
                ended_on=held,
                undisputed_facts=f"双方确认：{s['summary'][:40]}……系事实",
                facts_confirmed=rng.random() < 0.5,
            )
            kind = "arbitration" if dispute.category.labour else "court"
            if rng.random() < 0.6:
                services.escalation_record(
                    actor=actor,
                    dispute_id=dispute.pk,
                    kind=kind,
                    reason="调解不成，引导当事人依法维权",
                    on=held,
                )
            return
        if fate < 0.25:
            services.escalation_record(
                actor=actor,
                dispute_id=dispute.pk,
                kind="to_petition",
                reason="当事人坚持通过信访渠道反映，转信访办登记",
                on=held,
            )
            return
        oral = fate > 0.80 and dispute.amount is None
        self._agree(dispute, s, actor, chosen[0], held, oral=oral, partial=0.25 <= fate < 0.28)

    def _record(self, n: int, s: dict[str, Any]) -> str:
        steps = [
            f"调解员分别听取双方陈述。申请人{s['a']['name']}称：{s['claims']}。被申请人对事实基本认可，但对责任和金额有不同意见。调解员结合《民法典》相关规定释法说理。",
            "第二次调解，调解员实地查看现场，向双方讲明相关法律规定和类似案例，双方逐步缩小分歧。",
            "第三次调解，在邻里和亲属的共同劝说下，双方互谅互让，就主要问题达成一致意见。",
        ]
        return steps[min(n, 2)]

    def _agree(
        self,
        dispute: Dispute,
        s: dict[str, Any],
        actor: Any,
        mediator: Mediator,
        reached: date,
        *,
        oral: bool,
        partial: bool,
    ) -> None:
        rng = self.rng
        deadline = reached + timedelta(days=rng.choice([0, 5, 10, 15, 30]))
        if oral:
            agreement = services.agreement_record(
                actor=actor,
                dispute_id=dispute.pk,
                form="oral",
                content=s["content"],
                reached_on=reached,
                performance_deadline=deadline,
            )
        else:
            from fazhi.disputes.documents import parties_info_default

            agreement = services.agreement_record(
                actor=actor,
                dispute_id=dispute.pk,
                form="written",
                scope="partial" if partial else "full",
                parties_info=parties_info_default(dispute),
                facts=s["summary"],
                disputed_points=s["claims"],
                responsibilities=s["duty"],
                content=s["content"],
                performance_method="当事人自行履行，调解委员会见证"
                if s["amount"] is None
                else "现金或银行转账支付，调解委员会见证",
                performance_deadline=deadline,
                reached_on=reached,
                concerns_status_relation=False,
            )
            signed = reached + timedelta(days=rng.choice([0, 0, 1]))
            for party in dispute.parties.all():
                services.agreement_sign(
                    actor=actor,
                    agreement_id=agreement.pk,
                    party_id=party.pk,
                    signed_on=signed,
                    method=rng.choice(["signature", "fingerprint"]),
                )
            services.agreement_sign(
                actor=actor, agreement_id=agreement.pk, mediator_id=mediator.pk, sealed=True, signed_on=signed
            )
            agreement.refresh_from_db()
            self._confirmation(agreement, actor)
            if partial:
                services.dispute_terminate(
                    actor=actor,
                    dispute_id=dispute.pk,
                    reason="其余赔偿事项分歧较大，双方同意另行解决",
                    ended_on=signed,
                )
                self._perform(agreement, actor, close=False)
                return
        self._perform(agreement, actor)

    def _confirmation(self, agreement: Agreement, actor: Any) -> None:
        rng = self.rng
        effective = agreement.effective_on
        assert effective is not None and agreement.jc_due is not None
        roll = rng.random()
        if roll < 0.18:
            services.agreement_materials_set(
                actor=actor,
                agreement_id=agreement.pk,
                materials=["application", "agreement", "identity", "evidence", "contacts"],
            )
            applied = effective + timedelta(days=rng.randint(2, 15))
            services.agreement_confirmation_record(
                actor=actor, agreement_id=agreement.pk, status="applied", on=applied
            )
            services.agreement_confirmation_record(
                actor=actor,
                agreement_id=agreement.pk,
                status="confirmed",
                on=applied + timedelta(days=rng.randint(3, 14)),
                case_number=f"（{applied.year}）鲁1625民特{rng.randint(10, 300)}号",
            )
        elif roll < 0.85:
            services.agreement_confirmation_record(
                actor=actor,
                agreement_id=agreement.pk,
                status="declined",
                on=effective + timedelta(days=rng.randint(1, 10)),
                note="双方表示将自觉履行，不申请司法确认",
            )
        else:
            services.agreement_confirmation_record(
                actor=actor,
                agreement_id=agreement.pk,
                status="lapsed",
                on=agreement.jc_due + timedelta(days=1),
            )

    def _perform(self, agreement: Agreement, actor: Any, *, close: bool = True) -> None:
        breached = False
        for term in agreement.terms.all():
            result = "performed" if self.rng.random() < 0.93 else "breached"
            breached = breached or result == "breached"
            services.term_follow_up(
                actor=actor,
                term_id=term.pk,
                result=result,
                checked_on=term.due_on + timedelta(days=self.rng.randint(0, 3)),
                note="回访确认已履行"
                if result == "performed"
                else "一方未按期履行，已督促并告知可向法院起诉",
            )
        dispute_id = agreement.dispute_id
        if not close:
            return
        if breached:
            services.escalation_record(
                actor=actor,
                dispute_id=dispute_id,
                kind="court",
                reason="一方未履行调解协议，告知另一方可就协议履行向人民法院起诉（《人民调解法》第三十二条）",
            )
        services.dispute_close(
            actor=actor,
            dispute_id=dispute_id,
            note="协议履行完毕" if not breached else "已告知诉讼途径，结案",
        )
