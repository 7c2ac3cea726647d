"""Reads of mediation organisations and mediators.

An organisation is visible to whoever may see its unit, and to the staff of the units below it (a grid
worker sees the committee of their community and of the subdistrict): rosters are not secret, but
mediators' phones are personal data and stay masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from fazhi.core.attachments import attachments_of
from fazhi.core.errors import NotFound
from fazhi.core.subcount import related_count
from fazhi.disputes import perms, rules
from fazhi.disputes.models import DisputeMediator, MediationOrg, Mediator, MediatorTraining
from fazhi.disputes.models.choices import COMMITTEE_ROLES, CommitteeRole, Sex
from fazhi.disputes.selectors.disputes import require_view
from fazhi.org.models import Unit
from fazhi.org.scope import NOTHING, has_perm, unit_scope_q


def units_visible_q(actor: Any, prefix: str) -> Q:
    """Q over a Unit field (`prefix` e.g. "unit__"): units in scope, or above the actor's unit."""
    if not getattr(actor, "is_authenticated", False) or actor.unit_id is None:
        return NOTHING
    scope = unit_scope_q(actor, prefix=prefix)
    if scope is None:
        return Q()
    return scope | Q(**{f"{prefix}path__in": actor.unit.ancestor_paths()})


def org_list_for(
    *, actor: Any, kind: str = "", unit_id: int | None = None, active_only: bool = False
) -> QuerySet[MediationOrg]:
    require_view(actor)
    qs = MediationOrg.objects.filter(units_visible_q(actor, "unit__"))
    if kind:
        qs = qs.filter(kind=kind)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if active_only:
        qs = qs.filter(is_active=True)
    return (
        qs.select_related("unit")
        .annotate(
            committee_count=Count(
                "mediators", filter=Q(mediators__is_active=True, mediators__role__in=COMMITTEE_ROLES)
            ),
            women_count=Count(
                "mediators",
                filter=Q(
                    mediators__is_active=True, mediators__role__in=COMMITTEE_ROLES, mediators__sex=Sex.FEMALE
                ),
            ),
            mediator_count=Count("mediators", filter=Q(mediators__is_active=True)),
        )
        .order_by("unit__path", "kind", "name")
    )


def org_get_for(*, actor: Any, org_id: Any) -> MediationOrg:
    if not has_perm(actor, perms.VIEW):
        raise NotFound("调解组织不存在或无权查看")
    try:
        pk = int(org_id)
    except (TypeError, ValueError):
        raise NotFound("调解组织不存在或无权查看") from None
    org = (
        MediationOrg.objects.filter(units_visible_q(actor, "unit__"), pk=pk)
        .select_related("unit", "compliant_by")
        .prefetch_related(
            Prefetch(
                "mediators",
                queryset=Mediator.objects.select_related("user")
                .prefetch_related("trainings")
                .order_by("-is_active", "role", "name"),
            )
        )
        .first()
    )
    if org is None:
        raise NotFound("调解组织不存在或无权查看")
    return org


def org_manageable(*, actor: Any, org: MediationOrg) -> bool:
    """Whether the actor may change this organisation: the permission and the unit in their scope
    (seeing a committee from a grid below it is not managing it)."""
    if not has_perm(actor, perms.MANAGE_ORGS):
        return False
    scope = unit_scope_q(actor)
    return scope is None or Unit.objects.filter(scope, pk=org.unit_id).exists()


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    ok: bool
    detail: str
    basis: str = ""


@dataclass(frozen=True)
class Checklist:
    checks: list[Check]
    warnings: list[str]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def get(self, code: str) -> Check:
        return next(c for c in self.checks if c.code == code)


def composition_warnings(org: MediationOrg, mediators: list[Mediator]) -> list[str]:
    """What breaks 人民调解法 Art. 8 in a committee's active membership (nothing for other kinds)."""
    if not org.is_committee:
        return []
    members = [m for m in mediators if m.is_active and m.role in COMMITTEE_ROLES]
    warnings = []
    if not rules.COMMITTEE_MIN_MEMBERS <= len(members) <= rules.COMMITTEE_MAX_MEMBERS:
        warnings.append(
            f"委员{len(members)}人：人民调解委员会由委员{rules.COMMITTEE_MIN_MEMBERS}至"
            f"{rules.COMMITTEE_MAX_MEMBERS}人组成（{rules.COMMITTEE_BASIS}）"
        )
    if members and not any(m.sex == Sex.FEMALE for m in members):
        warnings.append(f"委员中没有妇女成员：人民调解委员会应当有妇女成员（{rules.WOMAN_BASIS}）")
    elif not members:
        warnings.append(f"尚无委员：人民调解委员会应当有妇女成员（{rules.WOMAN_BASIS}）")
    directors = sum(m.role == CommitteeRole.DIRECTOR for m in members)
    if directors != rules.COMMITTEE_DIRECTORS:
        warnings.append(f"主任{directors}人：人民调解委员会设主任一人（{rules.COMMITTEE_BASIS}）")
    return warnings


def org_checklist(
    org: MediationOrg, *, mediators: list[Mediator] | None = None, has_rules_file: bool | None = None
) -> Checklist:
    """有人员、有场所、有制度, computed from the records (never stored)."""
    if mediators is None:
        mediators = list(org.mediators.all())
    warnings = composition_warnings(org, mediators)
    active = [m for m in mediators if m.is_active]
    if org.is_committee:
        people_ok = not warnings
        detail = (
            "；".join(warnings)
            if warnings
            else f"委员{sum(m.is_committee_member for m in active)}人，含妇女成员，设主任一人"
        )
    else:
        people_ok = bool(active)
        detail = f"调解员{len(active)}人" if active else "尚无在任调解员"
    if has_rules_file is None:
        has_rules_file = attachments_of(org).filter(kind="rules").exists()
    rules_ok = bool(org.rules_text.strip()) or has_rules_file
    checks = [
        Check("people", "有人员", people_ok, detail, rules.COMMITTEE_BASIS if org.is_committee else ""),
        Check("venue", "有场所", bool(org.venue.strip()), org.venue or "未登记调解场所"),
        Check(
            "rules",
            "有制度",
            rules_ok,
            "已登记工作制度" if rules_ok else "未登记工作制度",
            "《人民调解法》第十一条",
        ),
    ]
    return Checklist(checks, warnings)


def mediator_list_for(
    *, actor: Any, org_id: int | None = None, q: str = "", active_only: bool = False
) -> QuerySet[Mediator]:
    require_view(actor)
    qs = Mediator.objects.filter(units_visible_q(actor, "org__unit__"))
    if org_id:
        qs = qs.filter(org_id=org_id)
    if q:
        qs = qs.filter(name__icontains=q)
    if active_only:
        qs = qs.filter(is_active=True)
    return (
        qs.select_related("org", "org__unit", "user")
        .annotate(
            training_count=related_count(MediatorTraining, "mediator"),
            case_count=related_count(DisputeMediator, "mediator"),
        )
        .order_by("org__unit__path", "org__name", "role", "name")
    )


def mediator_get_for(*, actor: Any, mediator_id: Any) -> Mediator:
    if not has_perm(actor, perms.VIEW):
        raise NotFound("调解员不存在或无权查看")
    try:
        pk = int(mediator_id)
    except (TypeError, ValueError):
        raise NotFound("调解员不存在或无权查看") from None
    mediator = (
        Mediator.objects.filter(units_visible_q(actor, "org__unit__"), pk=pk)
        .select_related("org", "org__unit", "user")
        .prefetch_related("trainings")
        .first()
    )
    if mediator is None:
        raise NotFound("调解员不存在或无权查看")
    return mediator
