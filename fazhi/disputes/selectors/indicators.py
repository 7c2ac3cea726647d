"""The 矛盾纠纷 indicator source: figures by unit and period (and by category), each naming its records.

Dates are the stored local dates: registration (registered_on), conclusion (concluded_on), an
agreement taking effect (effective_on), the court's decision (jc_decided_on), an escalation (on),
an item found (found_on), a talk day held (held_on). Each figure gives its count and a loader of the
ids it counts (called only when a report version is drafted). When the actor sees the unit's whole
subtree and no category is asked, the counts come from the pre-aggregated buckets (fazhi.core.buckets);
otherwise from the base tables through the actor's scope.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet

from fazhi.core import buckets
from fazhi.core.indicators import Figure, Period, id_loader
from fazhi.disputes import perms
from fazhi.disputes.models import Agreement, Dispute, DisputeCategory, Escalation, ScreeningItem, TalkDayIssue
from fazhi.disputes.models.choices import (
    RESOLVED_OUTCOMES,
    AgreementStatus,
    ConfirmationStatus,
    EscalationKind,
    Outcome,
    ScreeningSubject,
    TalkDayStatus,
)
from fazhi.disputes.selectors.disputes import dispute_list_for
from fazhi.disputes.selectors.screening import item_list_for
from fazhi.disputes.selectors.talkdays import talk_day_list_for
from fazhi.org.scope import covers_subtree, has_perm, within_q

AREA = "矛盾纠纷"
INTAKE, CONCLUDED, SCREENED = "disputes.intake", "disputes.concluded", "disputes.screened"
AGREEMENTS, CONFIRMED, ESCALATIONS = "disputes.agreements", "disputes.confirmed", "disputes.escalations"


def register_measures() -> None:
    n = {"n": Count("pk")}
    M = buckets.Measure
    buckets.register(M(INTAKE, Dispute, "registered_on", n, split="category"))
    buckets.register(
        M(
            CONCLUDED,
            Dispute,
            "concluded_on",
            {
                "resolved": Count("pk", filter=Q(outcome__in=RESOLVED_OUTCOMES)),
                "failed": Count("pk", filter=Q(outcome=Outcome.FAILED)),
            },
        )
    )
    buckets.register(M(SCREENED, ScreeningItem, "found_on", n, where=Q(subject=ScreeningSubject.DISPUTE)))
    effective = Q(status=AgreementStatus.EFFECTIVE)
    buckets.register(M(AGREEMENTS, Agreement, "effective_on", n, unit_field="dispute__unit", where=effective))
    confirmed = Q(jc_status=ConfirmationStatus.CONFIRMED)
    buckets.register(M(CONFIRMED, Agreement, "jc_decided_on", n, unit_field="dispute__unit", where=confirmed))
    buckets.register(M(ESCALATIONS, Escalation, "on", n, unit_field="dispute__unit", split="kind"))


def _link(path: str, **params: Any) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(clean)}" if clean else path


def rate(numerator: int, denominator: int) -> Decimal | None:
    """A percentage to one decimal, or None when nothing was concluded (not computable)."""
    if not denominator:
        return None
    return (Decimal(100 * numerator) / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def disputes_in(actor: Any, unit: Any, category: str = "") -> QuerySet[Dispute]:
    qs = dispute_list_for(actor=actor).filter(within_q(unit, by_ids=False))
    return qs.filter(category__code=category) if category else qs


def figures(*, actor: Any, unit: Any, period: Period, category: str = "") -> list[Figure]:
    """Every 矛盾纠纷 figure for the unit (and below) in the period; [] without disputes.view."""
    if not has_perm(actor, perms.VIEW):
        return []
    start, end = period.start, period.end
    base = disputes_in(actor, unit, category)
    f = {"unit": unit.pk, "category": category}
    whole = not category and covers_subtree(actor, unit)
    ready = (
        buckets.built([INTAKE, CONCLUDED, SCREENED, AGREEMENTS, CONFIRMED, ESCALATIONS]) if whole else set()
    )

    def measure(name: str, qs: QuerySet[Any]) -> buckets.Data:
        return buckets.values(name, qs=qs, unit_id=unit.pk, start=start, end=end, whole=whole, ready=ready)

    def figure(
        code: str, label: str, value: Any, unit_label: str, link: str, count: int, records: Any, **kw: Any
    ) -> Figure:
        return Figure(
            code=code,
            label=label,
            value=value,
            unit=unit_label,
            period=period,
            unit_id=unit.pk,
            area=AREA,
            link=link,
            count=count,
            records=records,
            **kw,
        )

    def dlink(**params: Any) -> str:
        return _link("/disputes/", **{**f, **params})

    intake = base.filter(registered_on__range=(start, end))
    concluded = base.filter(concluded_on__range=(start, end))
    resolved = concluded.filter(outcome__in=RESOLVED_OUTCOMES)
    failed = concluded.filter(outcome=Outcome.FAILED)
    items = item_list_for(actor=actor).filter(within_q(unit, by_ids=False))
    if category:
        items = items.filter(category__code=category)
    in_scope = Q(dispute__in=base.values("pk"))
    agreements_qs, escalations_qs = Agreement.objects.filter(in_scope), Escalation.objects.filter(in_scope)

    intake_data = measure(INTAKE, base)
    concluded_data = measure(CONCLUDED, base)
    n_items = buckets.total(measure(SCREENED, items), "n")
    n_agreements = buckets.total(measure(AGREEMENTS, agreements_qs), "n")
    n_confirmed = buckets.total(measure(CONFIRMED, agreements_qs), "n")
    escalation_data = measure(ESCALATIONS, escalations_qs)
    n_intake, n_escalations = buckets.total(intake_data, "n"), buckets.total(escalation_data, "n")
    n_resolved, n_failed = concluded_data.get("resolved", 0), concluded_data.get("failed", 0)

    agreements = agreements_qs.filter(status=AgreementStatus.EFFECTIVE, effective_on__range=(start, end))
    confirmed = agreements_qs.filter(
        jc_status=ConfirmationStatus.CONFIRMED, jc_decided_on__range=(start, end)
    )
    escalations = escalations_qs.filter(on__range=(start, end))
    items_found = items.filter(found_on__range=(start, end), subject=ScreeningSubject.DISPUTE)
    result = [
        figure(
            "disputes.screened",
            "排查发现矛盾纠纷",
            n_items,
            "件",
            _link(
                "/disputes/screening/items/", unit=unit.pk, found_from=start, found_to=end, category=category
            ),
            n_items,
            id_loader(items_found),
        ),
        figure(
            "disputes.intake",
            "受理矛盾纠纷",
            n_intake,
            "件",
            dlink(registered_from=start, registered_to=end),
            n_intake,
            id_loader(intake),
        ),
        figure(
            "disputes.resolved",
            "成功化解矛盾纠纷",
            n_resolved,
            "件",
            dlink(concluded_from=start, concluded_to=end, outcome="resolved"),
            n_resolved,
            id_loader(resolved),
        ),
        figure(
            "disputes.failed",
            "调解不成",
            n_failed,
            "件",
            dlink(concluded_from=start, concluded_to=end, outcome=Outcome.FAILED),
            n_failed,
            id_loader(failed),
            higher_is_better=False,
        ),
        figure(
            "disputes.success_rate",
            "调解成功率（成功化解÷化解成功与调解不成之和）",
            rate(n_resolved, n_resolved + n_failed),
            "%",
            dlink(concluded_from=start, concluded_to=end, outcome="mediated"),
            n_resolved + n_failed,
            id_loader(concluded.filter(Q(outcome__in=RESOLVED_OUTCOMES) | Q(outcome=Outcome.FAILED))),
        ),
        figure(
            "disputes.agreements",
            "达成调解协议",
            n_agreements,
            "份",
            dlink(agreement_from=start, agreement_to=end),
            n_agreements,
            id_loader(agreements),
        ),
        figure(
            "disputes.confirmed",
            "调解协议经司法确认",
            n_confirmed,
            "份",
            dlink(confirmed_from=start, confirmed_to=end),
            n_confirmed,
            id_loader(confirmed),
        ),
        figure(
            "disputes.escalations",
            "上报与移交",
            n_escalations,
            "次",
            dlink(escalated_from=start, escalated_to=end),
            n_escalations,
            id_loader(escalations),
            higher_is_better=False,
        ),
    ]
    by_kind = buckets.parts(escalation_data, "n")
    for kind, label in EscalationKind.choices:
        n = by_kind.get(str(kind), 0)
        result.append(
            figure(
                f"disputes.escalations.{kind}",
                f"上报与移交：{label}",
                n,
                "次",
                dlink(escalated_from=start, escalated_to=end, escalation=kind),
                n,
                id_loader(escalations.filter(kind=kind)),
                higher_is_better=False,
            )
        )
    if not category:
        held = talk_day_list_for(actor=actor, status=TalkDayStatus.HELD, date_from=start, date_to=end).filter(
            within_q(unit, by_ids=False)
        )
        issues = TalkDayIssue.objects.filter(talk_day__in=held.values("pk"))
        n_held, n_issues = held.count(), issues.count()
        talk_link = _link(
            "/disputes/talk-days/", unit=unit.pk, status=TalkDayStatus.HELD, date_from=start, date_to=end
        )
        result += [
            figure(
                "disputes.talk_days", "举办小板凳拉呱日", n_held, "次", talk_link, n_held, id_loader(held)
            ),
            figure(
                "disputes.talk_issues",
                "拉呱日收集问题",
                n_issues,
                "个",
                talk_link,
                n_issues,
                id_loader(issues),
            ),
        ]
        for cat_code, cat_name, n, ids in by_category(intake, buckets.parts(intake_data, "n")):
            result.append(
                figure(
                    f"disputes.intake.{cat_code}",
                    f"受理矛盾纠纷：{cat_name}",
                    n,
                    "件",
                    dlink(registered_from=start, registered_to=end, category=cat_code),
                    n,
                    ids,
                )
            )
    return result


def by_category(
    qs: QuerySet[Dispute], counts: dict[str, int]
) -> list[tuple[str, str, int, Callable[[], list[int]]]]:
    """(category code, name, count, ids loader) for each category counted, in category order.
    `counts` maps category ids (as text) to their counts."""
    categories = DisputeCategory.objects.filter(pk__in=[int(k) for k in counts]).values_list(
        "pk", "order", "code", "name"
    )
    return [
        (code, name, counts[str(pk)], id_loader(qs.filter(category_id=pk)))
        for pk, order, code, name in sorted(categories, key=lambda c: (c[1], c[2], c[3]))
    ]


def figure_table(
    *, actor: Any, units: list[Any], period: Period, codes: list[str]
) -> list[tuple[Any, dict[str, Figure]]]:
    """Rows of figures (one row per unit) for the indicators page."""
    rows = []
    for unit in units:
        figs = {fig.code: fig for fig in figures(actor=actor, unit=unit, period=period)}
        rows.append((unit, {code: figs[code] for code in codes if code in figs}))
    return rows


def category_table(
    *, actor: Any, unit: Any, period: Period, codes: list[str]
) -> list[tuple[Any, dict[str, Figure]]]:
    from fazhi.disputes.selectors.disputes import category_list

    rows = []
    for category in category_list(active_only=False):
        figs = {
            fig.code: fig for fig in figures(actor=actor, unit=unit, period=period, category=category.code)
        }
        if any(figs[c].value for c in codes if c in figs and figs[c].value is not None):
            rows.append((category, {code: figs[code] for code in codes if code in figs}))
    return rows
