"""The 矛盾纠纷 indicator source: figures by unit and period (and by category), each naming its records.

Dates are the stored local dates: registration (registered_on), conclusion (concluded_on), an
agreement taking effect (effective_on), the court's decision (jc_decided_on), an escalation (on),
an item found (found_on), a talk day held (held_on).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet

from fazhi.core.indicators import Figure, Period
from fazhi.disputes import perms
from fazhi.disputes.models import Agreement, Dispute, Escalation, TalkDayIssue
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
from fazhi.org.scope import has_perm

AREA = "矛盾纠纷"


def _ids(qs: QuerySet[Any]) -> list[int]:
    return sorted(qs.values_list("pk", flat=True))


def _link(path: str, **params: Any) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(clean)}" if clean else path


def rate(numerator: int, denominator: int) -> Decimal | None:
    """A percentage to one decimal, or None when nothing was concluded (not computable)."""
    if not denominator:
        return None
    return (Decimal(100 * numerator) / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def disputes_in(actor: Any, unit: Any, category: str = "") -> QuerySet[Dispute]:
    qs = dispute_list_for(actor=actor).filter(unit__path__startswith=unit.path)
    return qs.filter(category__code=category) if category else qs


def figures(*, actor: Any, unit: Any, period: Period, category: str = "") -> list[Figure]:
    """Every 矛盾纠纷 figure for the unit (and below) in the period; [] without disputes.view."""
    if not has_perm(actor, perms.VIEW):
        return []
    start, end = period.start, period.end
    base = disputes_in(actor, unit, category)
    f = {"unit": unit.pk, "category": category}

    def figure(
        code: str, label: str, value: Any, unit_label: str, link: str, ids: list[int], **kw: Any
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
            record_ids=ids,
            **kw,
        )

    def dlink(**params: Any) -> str:
        return _link("/disputes/", **{**f, **params})

    intake = base.filter(registered_on__range=(start, end))
    concluded = base.filter(concluded_on__range=(start, end))
    resolved = concluded.filter(outcome__in=RESOLVED_OUTCOMES)
    failed = concluded.filter(outcome=Outcome.FAILED)
    resolved_ids, failed_ids = _ids(resolved), _ids(failed)

    items = item_list_for(actor=actor).filter(
        unit__path__startswith=unit.path, found_on__range=(start, end), subject=ScreeningSubject.DISPUTE
    )
    if category:
        items = items.filter(category__code=category)
    agreements = Agreement.objects.filter(
        dispute__in=base.values("pk"), status=AgreementStatus.EFFECTIVE, effective_on__range=(start, end)
    )
    confirmed = Agreement.objects.filter(
        dispute__in=base.values("pk"),
        jc_status=ConfirmationStatus.CONFIRMED,
        jc_decided_on__range=(start, end),
    )
    escalations = Escalation.objects.filter(dispute__in=base.values("pk"), on__range=(start, end))
    result = [
        figure(
            "disputes.screened",
            "排查发现矛盾纠纷",
            items.count(),
            "件",
            _link(
                "/disputes/screening/items/", unit=unit.pk, found_from=start, found_to=end, category=category
            ),
            _ids(items),
        ),
        figure(
            "disputes.intake",
            "受理矛盾纠纷",
            intake.count(),
            "件",
            dlink(registered_from=start, registered_to=end),
            _ids(intake),
        ),
        figure(
            "disputes.resolved",
            "成功化解矛盾纠纷",
            len(resolved_ids),
            "件",
            dlink(concluded_from=start, concluded_to=end, outcome="resolved"),
            resolved_ids,
        ),
        figure(
            "disputes.failed",
            "调解不成",
            len(failed_ids),
            "件",
            dlink(concluded_from=start, concluded_to=end, outcome=Outcome.FAILED),
            failed_ids,
            higher_is_better=False,
        ),
        figure(
            "disputes.success_rate",
            "调解成功率（成功化解÷化解成功与调解不成之和）",
            rate(len(resolved_ids), len(resolved_ids) + len(failed_ids)),
            "%",
            dlink(concluded_from=start, concluded_to=end, outcome="mediated"),
            sorted(resolved_ids + failed_ids),
        ),
        figure(
            "disputes.agreements",
            "达成调解协议",
            agreements.count(),
            "份",
            dlink(agreement_from=start, agreement_to=end),
            _ids(agreements),
        ),
        figure(
            "disputes.confirmed",
            "调解协议经司法确认",
            confirmed.count(),
            "份",
            dlink(confirmed_from=start, confirmed_to=end),
            _ids(confirmed),
        ),
        figure(
            "disputes.escalations",
            "上报与移交",
            escalations.count(),
            "次",
            dlink(escalated_from=start, escalated_to=end),
            _ids(escalations),
            higher_is_better=False,
        ),
    ]
    for kind, label in EscalationKind.choices:
        subset = escalations.filter(kind=kind)
        result.append(
            figure(
                f"disputes.escalations.{kind}",
                f"上报与移交：{label}",
                subset.count(),
                "次",
                dlink(escalated_from=start, escalated_to=end, escalation=kind),
                _ids(subset),
                higher_is_better=False,
            )
        )
    if not category:
        held = talk_day_list_for(actor=actor, status=TalkDayStatus.HELD, date_from=start, date_to=end).filter(
            unit__path__startswith=unit.path
        )
        issues = TalkDayIssue.objects.filter(talk_day__in=held.values("pk"))
        result += [
            figure(
                "disputes.talk_days",
                "举办小板凳拉呱日",
                held.count(),
                "次",
                _link(
                    "/disputes/talk-days/",
                    unit=unit.pk,
                    status=TalkDayStatus.HELD,
                    date_from=start,
                    date_to=end,
                ),
                _ids(held),
            ),
            figure(
                "disputes.talk_issues",
                "拉呱日收集问题",
                issues.count(),
                "个",
                _link(
                    "/disputes/talk-days/",
                    unit=unit.pk,
                    status=TalkDayStatus.HELD,
                    date_from=start,
                    date_to=end,
                ),
                _ids(issues),
            ),
        ]
        for cat_code, cat_name, ids in by_category(intake):
            result.append(
                figure(
                    f"disputes.intake.{cat_code}",
                    f"受理矛盾纠纷：{cat_name}",
                    len(ids),
                    "件",
                    dlink(registered_from=start, registered_to=end, category=cat_code),
                    ids,
                )
            )
    return result


def by_category(qs: QuerySet[Dispute]) -> list[tuple[str, str, list[int]]]:
    """(category code, name, dispute ids) for each category present in `qs`, in category order."""
    groups: dict[tuple[int, str, str], list[int]] = {}
    for pk, order, code, name in qs.values_list("pk", "category__order", "category__code", "category__name"):
        groups.setdefault((order, code, name), []).append(pk)
    return [(code, name, sorted(ids)) for (order, code, name), ids in sorted(groups.items())]


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
