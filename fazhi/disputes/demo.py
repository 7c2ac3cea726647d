"""Demo data of the disputes module (idempotent): the 少海街道 committees, 锦秋社区 "和事佬", the
subdistrict's administrative mediation, mediators and their trainings, a year (2022) of disputes from
screening, walk-ins, hotline calls and talk days with every kind of ending, the 2022 monthly screening
with zero reports and the special campaigns (春节, 冬奥会, 两会, 国庆, 二十大), monthly talk days, and a
few cases running today so 我的待办 has something to show.

Everything goes through the services, as a user would have entered it. ID numbers are fictitious with
valid check digits: 371625 (博兴县) for people born from 2000, 372328 (博兴县's code before 2000) for
older people, as python-stdnum checks the region code against the birth year.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from stdnum.cn import ric

from fazhi.disputes import services
from fazhi.disputes.demo_data import (
    ADMINISTRATIVE,
    ADMINISTRATIVE_MEMBERS,
    CATEGORY_WEIGHTS,
    COMMITTEES,
    COMPANIES,
    FAILURE_REASONS,
    GIVEN_FEMALE,
    GIVEN_MALE,
    HESHILAO,
    ISSUES,
    MEMBERS,
    RULES,
    SITUATIONS,
    SUBDISTRICT_COMMITTEE,
    SUBDISTRICT_MEMBERS,
    SURNAMES,
    TALK_PLACES,
    TALK_TOPICS,
    TRAININGS,
)
from fazhi.disputes.models import Agreement, Dispute, MediationOrg, Mediator, ScreeningCampaign
from fazhi.disputes.services.common import today
from fazhi.org.demo import DemoContext
from fazhi.org.models import Unit, UnitKind, User

YEAR = 2022
COMMUNITY_WEIGHTS = [("SH-JQ", 34), ("SH-HB", 26), ("SH-DC", 20), ("SH-HX", 20)]
MISSED_MONTHS = {("SH-DC", 5), ("SH-DC", 8), ("SH-HX", 11)}  # months a community forgot to report
SPECIAL = [
    ("2022年春节期间矛盾纠纷和不稳定因素大排查大调处", "春节", date(2022, 1, 24), date(2022, 2, 8), "daily"),
    (
        "2022年北京冬奥会、冬残奥会期间矛盾纠纷专项排查",
        "冬奥会",
        date(2022, 1, 31),
        date(2022, 3, 13),
        "weekly",
    ),
    ("2022年全国两会期间矛盾纠纷专项排查", "全国两会", date(2022, 3, 1), date(2022, 3, 13), "daily"),
    ("2022年国庆期间矛盾纠纷专项排查", "国庆", date(2022, 9, 26), date(2022, 10, 9), "daily"),
    (
        "党的二十大期间矛盾纠纷和不稳定因素大排查大调处",
        "党的二十大",
        date(2022, 10, 10),
        date(2022, 10, 25),
        "daily",
    ),
]


class _Demo:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.rng = random.Random(YEAR)
        self.units = {u.code: u for u in Unit.objects.all()}
        # Fresh from the database: the loaders before may hold units whose tree paths have since moved.
        self.users = {
            u.username: u for u in User.objects.filter(username__in=ctx.users).select_related("unit")
        }
        self.used_names: set[str] = set()
        self.orgs: dict[str, MediationOrg] = {}
        self.counts: dict[str, int] = {}

    # --- people -----------------------------------------------------------------------------

    def person(self, *, adult: bool = True) -> dict[str, Any]:
        for _ in range(200):
            sex = self.rng.choice(["male", "female"])
            name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN_MALE if sex == "male" else GIVEN_FEMALE)
            if name not in self.used_names:
                break
        self.used_names.add(name)
        year = self.rng.randint(1945, 2003 if adult else 2004)
        birth = date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        prefix = "371625" if year >= 2000 else "372328"
        seq = self.rng.randint(1, 499) * 2 + (1 if sex == "male" else 0)  # the 17th digit is odd for men
        body = f"{prefix}{birth:%Y%m%d}{seq:03d}"
        id_number = body + ric.calc_check_digit(body + "0")
        phone = f"13{self.rng.choice('5789')}0543{self.rng.randint(1000, 9999)}"
        return {"name": name, "sex": sex, "id_number": id_number, "phone": phone}

    # --- organisations ------------------------------------------------------------------------

    def org(
        self,
        actor: Any,
        unit: Unit,
        kind: str,
        name: str,
        prefix: str,
        venue: str,
        rules: str,
        term: tuple[int, int, int] | None,
        members: list[tuple[str, str, str, int, str]],
        **extra: Any,
    ) -> MediationOrg:
        org = services.org_create(
            actor=actor,
            unit_id=unit.pk,
            kind=kind,
            name=name,
            doc_prefix=prefix,
            venue=venue,
            rules_text=rules,
            phone=unit.phone or "0543-2380000",
            term_start=date(*term) if term else None,
            **extra,
        )
        for i, (person, sex, role, born, occupation) in enumerate(members):
            user = None
            if person == "赵红":
                user = self.users["community_a"].pk
            mediator = services.mediator_add(
                actor=actor,
                org_id=org.pk,
                name=person,
                sex=sex,
                role=role,
                birth_year=born,
                occupation=occupation,
                user_id=user,
                phone=f"1390543{7000 + len(self.counts) * 10 + i:04d}",
                qualifications="人民调解员培训合格"
                + ("；法律职业资格" if "法官" in occupation or "司法所" in occupation else ""),
                joined_on=date(*term) if term else date(2021, 1, 1),
            )
            for held, title, organiser, hours in self.rng.sample(TRAININGS, self.rng.randint(1, 3)):
                services.training_add(
                    actor=actor,
                    mediator_id=mediator.pk,
                    held_on=date(*held),
                    title=title,
                    organiser=organiser,
                    hours=hours,
                )
            self.counts[f"m{mediator.pk}"] = 1
        services.org_mark_compliant(actor=actor, org_id=org.pk)
        return org

    def organisations(self) -> None:
        clerk, community = self.users["clerk"], self.users["community_a"]
        root = self.units["SH"]
        sub = SUBDISTRICT_COMMITTEE
        self.orgs["SH"] = self.org(
            clerk, root, "people", sub[0], sub[1], sub[2], RULES, sub[3], SUBDISTRICT_MEMBERS
        )
        services.mediator_add(
            actor=clerk,
            org_id=self.orgs["SH"].pk,
            name="陈律师",
            sex="male",
            role="appointed",
            user_id=self.users["adviser"].pk,
            occupation="社区法律顾问（律师）",
            qualifications="法律职业资格；一社区一法律顾问",
        )
        for code, name, prefix, venue, term in COMMITTEES:
            actor = community if code == "SH-JQ" else clerk
            self.orgs[code] = self.org(
                actor, self.units[code], "people", name, prefix, venue, RULES, term, MEMBERS[code]
            )
        h = HESHILAO
        self.orgs["HSL"] = self.org(
            community,
            self.units["SH-JQ"],
            "featured",
            h["name"],
            h["prefix"],
            h["venue"],
            h["rules"],
            None,
            h["members"],
            description=h["description"],
        )
        a = ADMINISTRATIVE
        self.orgs["ADM"] = self.org(
            clerk,
            self.units["SH-SFS"],
            "administrative",
            a[0],
            a[1],
            a[2],
            "行政调解工作细则：依申请或依职权调解与行政管理职责有关的民事纠纷；调解不成的依法作出处理或告知救济途径。",
            None,
            ADMINISTRATIVE_MEMBERS,
        )

    # --- campaigns ----------------------------------------------------------------------------

    def campaigns(self) -> None:
        clerk = self.users["clerk"]
        self.routine = services.campaign_create(
            actor=clerk,
            unit_id=self.units["SH"].pk,
            name="2022年度矛盾纠纷常态化排查",
            kind="routine",
            start_on=date(YEAR, 1, 1),
            end_on=date(YEAR, 12, 31),
            cadence="monthly",
            subjects=["dispute", "instability"],
            description="各社区每月排查一次，网格员入户走访、随手上报，社区于月底前汇总上报；无情况的作零报告。",
        )
        self.special = [
            services.campaign_create(
                actor=clerk,
                unit_id=self.units["SH"].pk,
                name=name,
                kind="special",
                topic=topic,
                start_on=start,
                end_on=end,
                cadence=cadence,
                subjects=["dispute", "instability", "petition_risk"],
                description="敏感时期实行日报告（冬奥会期间周报告）、零报告制度，重大情况随时报告。",
            )
            for name, topic, start, end, cadence in SPECIAL
        ]

    def reports(self) -> None:
        """Each community files the routine report at each month's end (items or zero) and the special
        campaigns' reports each period, with a few slips (MISSED_MONTHS)."""
        from fazhi.disputes.periods import periods

        clerk, community = self.users["clerk"], self.users["community_a"]
        for code, *_ in COMMITTEES:
            actor = community if code == "SH-JQ" else clerk
            unit = self.units[code]
            for month in range(1, 13):
                if (code, month) in MISSED_MONTHS:
                    continue
                start = date(YEAR, month, 1)
                items = self.routine.reports.filter(unit=unit, period_start=start).values_list(
                    "items", flat=True
                )
                has_items = any(items)
                end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
                services.screening_report_submit(
                    actor=actor,
                    campaign_id=self.routine.pk,
                    unit_id=unit.pk,
                    period_start=start,
                    zero=not has_items,
                    summary="" if has_items else "本月入户走访排查，未发现矛盾纠纷和不稳定因素",
                    on=end,
                )
            for campaign in self.special:
                for period in periods(campaign.cadence, campaign.start_on, campaign.end_on):
                    if self.rng.random() < 0.05 and campaign.cadence == "daily":
                        continue  # a forgotten day: the campaign page shows it
                    found = self.rng.random() < 0.04
                    if found:
                        grid = self._grid(code)
                        services.screening_item_add(
                            actor=clerk,
                            campaign_id=campaign.pk,
                            unit_id=grid.pk,
                            subject="instability",
                            description=self.rng.choice(
                                [
                                    "个别征迁户对补偿有意见，情绪不稳",
                                    "有居民扬言到上级机关反映物业问题",
                                    "外地务工人员讨薪苗头",
                                ]
                            ),
                            found_on=period.start,
                        )
                    services.screening_report_submit(
                        actor=actor,
                        campaign_id=campaign.pk,
                        unit_id=unit.pk,
                        period_start=period.start,
                        zero=not found,
                        summary="已开展排查，社会面平稳"
                        if not found
                        else "发现不稳定因素苗头一条，已落实稳控措施",
                        on=period.end,
                    )

    # --- disputes -----------------------------------------------------------------------------

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

    # --- talk days ------------------------------------------------------------------------------

    def talk_days(self) -> None:
        for code, *_ in COMMITTEES:
            for month in range(1, 13):
                grid = self._grid(code)
                actor = self._reporter(grid)
                held = date(YEAR, month, self.rng.randint(5, 25))
                talk_day = services.talk_day_schedule(
                    actor=actor,
                    unit_id=grid.pk,
                    held_on=held,
                    place=self.rng.choice(TALK_PLACES).format(building=self.rng.randint(1, 28)),
                    topic=self.rng.choice(TALK_TOPICS),
                )
                services.talk_day_record(
                    actor=actor,
                    talk_day_id=talk_day.pk,
                    attendance=self.rng.randint(10, 32),
                    attendees="网格员、楼长、单元长、志愿者、社区法律顾问、居民",
                    notes="居民围坐小板凳拉家常，现场收集意见建议",
                )
                for description, resolution in self.rng.sample(ISSUES, self.rng.randint(1, 3)):
                    outcome = "referred" if "转交" in resolution or "报街道" in resolution else "resolved"
                    services.talk_issue_add(
                        actor=actor,
                        talk_day_id=talk_day.pk,
                        description=description,
                        raised_by=self.person()["name"],
                        outcome=outcome,
                        resolution=resolution,
                    )

    # --- what is running today ------------------------------------------------------------------

    def today(self) -> None:
        """A few live cases, so 我的待办 and the deadlines show something on the day of the demo."""
        now = today()
        grid, community, clerk = self.users["grid_a1"], self.users["community_a"], self.users["clerk"]
        org = self.orgs["SH-JQ"]
        director = org.mediators.get(role="director")
        unit = self.units["SH-JQ-01"]

        def case(days_ago: int, category: str, **extra: Any) -> tuple[Dispute, dict[str, Any]]:
            s = self._situation(category, self.units["SH-JQ"])
            return services.dispute_intake(
                actor=grid,
                unit_id=unit.pk,
                category=category,
                source="screening",
                summary=s["summary"],
                place=s["place"],
                registered_on=now - timedelta(days=days_ago),
                parties=self._parties(s),
                people_involved=s["people"],
                amount=s["amount"],
                **extra,
            ), s

        # An agreement signed 24 days ago: its 司法确认 window ends in a few days (due on 我的待办).
        d, s = case(40, "neighbour")
        start = d.registered_on
        services.dispute_assign(
            actor=community, dispute_id=d.pk, org_id=org.pk, mediator_ids=[director.pk], on=start
        )
        for p in d.parties.all():
            services.party_consent(
                actor=community, dispute_id=d.pk, party_id=p.pk, consent="agreed", on=start
            )
        for n, when in enumerate((start + timedelta(days=4), now - timedelta(days=24))):
            services.session_record(
                actor=community,
                dispute_id=d.pk,
                held_on=when,
                place=org.venue,
                mediator_ids=[director.pk],
                record=self._record(n, s),
            )
        from fazhi.disputes.documents import parties_info_default

        agreement = services.agreement_record(
            actor=community,
            dispute_id=d.pk,
            form="written",
            parties_info=parties_info_default(d),
            facts=s["summary"],
            disputed_points=s["claims"],
            responsibilities=s["duty"],
            content=s["content"],
            performance_method="当事人自行履行，调解委员会见证",
            performance_deadline=now + timedelta(days=10),
            reached_on=now - timedelta(days=24),
        )
        for p in d.parties.all():
            services.agreement_sign(
                actor=community,
                agreement_id=agreement.pk,
                party_id=p.pk,
                signed_on=now - timedelta(days=24),
            )
        services.agreement_sign(
            actor=community,
            agreement_id=agreement.pk,
            mediator_id=director.pk,
            sealed=True,
            signed_on=now - timedelta(days=24),
        )
        # In mediation, a week in.
        d, _ = case(8, "family")
        services.dispute_assign(
            actor=community,
            dispute_id=d.pk,
            org_id=self.orgs["HSL"].pk,
            mediator_ids=[self.orgs["HSL"].mediators.get(role="director").pk],
            on=d.registered_on,
        )
        # Past its one-month mark and not yet assigned.
        case(35, "property")
        # A red case: nobody in charge yet (我的待办 of the office).
        case(2, "relocation", extreme_behaviour=True)
        # This year's routine screening: this month not yet reported.
        services.campaign_create(
            actor=clerk,
            unit_id=self.units["SH"].pk,
            name=f"{now.year}年度矛盾纠纷常态化排查",
            kind="routine",
            start_on=date(now.year, 1, 1),
            end_on=date(now.year, 12, 31),
            cadence="monthly",
            subjects=["dispute", "instability"],
        )
        # A talk day held last week whose record is still to be written.
        services.talk_day_schedule(
            actor=grid,
            unit_id=unit.pk,
            held_on=now - timedelta(days=3),
            place="6号楼下小广场",
            topic="文明养犬大家谈",
        )
        services.talk_day_schedule(
            actor=grid,
            unit_id=unit.pk,
            held_on=now + timedelta(days=5),
            place="社区文化广场",
            topic="平安建设与防诈骗",
        )


def load(ctx: DemoContext) -> None:
    if MediationOrg.objects.filter(name=SUBDISTRICT_COMMITTEE[0]).exists():
        ctx.lines.append(f"矛盾纠纷：已有演示数据（{Dispute.objects.count()} 件纠纷），未重复载入")
        return
    with transaction.atomic():
        demo = _Demo(ctx)
        demo.organisations()
        demo.campaigns()
        demo.disputes()
        demo.reports()
        demo.talk_days()
        demo.today()
    ctx.lines.append(
        f"矛盾纠纷：调解组织 {MediationOrg.objects.count()} 个，调解员 {Mediator.objects.count()} 人，"
        f"纠纷 {Dispute.objects.count()} 件（{YEAR}年 {Dispute.objects.filter(registered_on__year=YEAR).count()} 件），"
        f"排查活动 {ScreeningCampaign.objects.count()} 个"
    )
