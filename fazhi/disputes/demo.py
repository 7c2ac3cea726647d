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
    COMMITTEES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    HESHILAO,
    ISSUES,
    MEMBERS,
    RULES,
    SUBDISTRICT_COMMITTEE,
    SUBDISTRICT_MEMBERS,
    SURNAMES,
    TALK_PLACES,
    TALK_TOPICS,
    TRAININGS,
    YEAR,
)
from fazhi.disputes.demo_stories import DisputeStories
from fazhi.disputes.models import Dispute, MediationOrg, Mediator, ScreeningCampaign
from fazhi.disputes.services.common import today
from fazhi.org.demo import DemoContext
from fazhi.org.models import Unit, User

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


class _Demo(DisputeStories):
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
