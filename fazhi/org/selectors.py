"""Every read of the org app, scoped to the actor."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.core import crypto
from fazhi.core.errors import NotFound
from fazhi.core.models import AuditEntry
from fazhi.org import permissions as P
from fazhi.org.models import LoginRecord, Role, Unit, UnitKind, User
from fazhi.org.scope import NOTHING, has_perm, unit_scope_q


def unit_list_for(*, actor: Any, kind: str = "", q: str = "") -> QuerySet[Unit]:
    """Units the actor may see, in tree order."""
    scope = unit_scope_q(actor)
    qs = Unit.objects.all() if scope is None else Unit.objects.filter(scope)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return qs.order_by("path")


# Up to this many units, a unit picker lists every unit the actor may choose (a subdistrict's tree).
# Beyond, it lists the chosen unit's line, its siblings and its children: a county's 6,351 units made
# one select nobody could use and 350–600 KB of options on every list and dashboard page.
PICKER_ALL_UP_TO = 300


@dataclass(frozen=True)
class UnitChoice:
    id: int
    name: str
    indent: str  # full-width spaces, one per level below the topmost unit offered


@dataclass(frozen=True)
class UnitChoices:
    options: list[UnitChoice]
    complete: bool  # every unit the actor may choose is offered


def unit_choices_for(
    *, actor: Any, units: QuerySet[Unit], current: Unit | int | str | None = None
) -> UnitChoices:
    """The options of a unit picker over `units` (already scoped, in tree order): all of them, or for a
    large scope the units above `current` (a unit or its id, as a filter gives it), beside it and one
    level below it (each choice opens the next level). Without a current unit among `units` it centres
    on the actor's own unit, else the topmost offered."""
    if units.count() <= PICKER_ALL_UP_TO:
        return UnitChoices(unit_options(list(units)), complete=True)
    if not isinstance(current, Unit):
        ref = str(current or "")
        current = units.filter(pk=int(ref)).first() if ref.isdigit() else None
    if current is None:
        current = units.filter(pk=actor.unit_id).first() if actor.unit_id else None
        current = current or units.order_by("depth", "path").first()
    assert current is not None  # the scope holds more than PICKER_ALL_UP_TO units
    near = (
        Q(path__in=current.ancestor_paths())
        | Q(depth=current.depth, path__startswith=current.path[: -current.steplen])
        | Q(depth=current.depth + 1, path__startswith=current.path)
    )
    return UnitChoices(unit_options(list(units.filter(near))), complete=False)


# The units records are filed under (a department holds staff, not cases).
AREA_KINDS = (UnitKind.COUNTY, UnitKind.SUBDISTRICT, UnitKind.COMMUNITY, UnitKind.GRID)


def area_choices_for(*, actor: Any, current: Unit | int | str | None = None) -> UnitChoices:
    """A list filter's unit picker: the county, subdistricts, communities and grids in scope."""
    return unit_choices_for(
        actor=actor, units=unit_list_for(actor=actor).filter(kind__in=AREA_KINDS), current=current
    )


def unit_options(units: list[Unit]) -> list[UnitChoice]:
    """Every unit given, indented under the topmost (a form's complete choice)."""
    top = min((u.depth for u in units), default=1)
    return [UnitChoice(u.pk, u.name, "　" * (u.depth - top)) for u in units]


def unit_get_for(*, actor: Any, unit_id: int | None) -> Unit:
    unit = unit_list_for(actor=actor).filter(pk=unit_id).first() if unit_id else None
    if unit is None:
        raise NotFound("单位不存在或无权查看")
    return unit


def unit_by_name_for(*, actor: Any, name: str) -> Unit:
    unit = unit_list_for(actor=actor).filter(name=name).first()
    if unit is None:
        raise NotFound(f"单位“{name}”不存在或无权查看")
    return unit


def unit_parent_ids(units: list[Unit]) -> dict[str, int]:
    """Map parent path → parent id for the given units, in one query."""
    paths = {u.path[: -Unit.steplen] for u in units if len(u.path) > Unit.steplen}
    return dict(Unit.objects.filter(path__in=paths).values_list("path", "pk")) if paths else {}


def unit_tree_for(*, actor: Any) -> list[dict[str, Any]]:
    """The visible part of the tree as nested dicts; a visible unit whose parent is hidden is a root."""
    units = list(unit_list_for(actor=actor))
    by_path = {
        u.path: {
            "id": u.pk,
            "name": u.name,
            "kind": u.kind,
            "kind_label": u.get_kind_display(),
            "code": u.code,
            "children": [],
        }
        for u in units
    }
    roots: list[dict[str, Any]] = []
    step = Unit.steplen
    for u in units:
        parent = by_path.get(u.path[:-step])
        (parent["children"] if parent else roots).append(by_path[u.path])
    return roots


def account_list_for(
    *, actor: Any, q: str = "", unit_id: int | None = None, role: str = ""
) -> QuerySet[User]:
    """Accounts for the system administrator (all accounts of the units in scope)."""
    if not (
        has_perm(actor, P.ACCOUNTS_MANAGE)
        or has_perm(actor, P.ROLES_MANAGE)
        or has_perm(actor, P.SECURITY_MANAGE)
    ):
        return User.objects.filter(NOTHING)
    scope = unit_scope_q(actor, prefix="unit__")
    qs = User.objects.all() if scope is None else User.objects.filter(scope | Q(unit__isnull=True))
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(display_name__icontains=q))
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if role:
        qs = qs.filter(roles__code=role)
    return qs.select_related("unit").prefetch_related("roles").order_by("username").distinct()


def account_get_for(*, actor: Any, user_id: int) -> User:
    user = account_list_for(actor=actor).filter(pk=user_id).first()
    if user is None:
        raise NotFound("账号不存在或无权查看")
    return user


def leader_list_for(*, actor: Any) -> QuerySet[User]:
    """Accounts that may take personal charge of a case (包案领导) within the actor's subdistrict."""
    scope = unit_scope_q(actor, prefix="unit__")
    qs = User.objects.filter(is_active=True, roles__is_leader=True)
    if scope is not None:
        from fazhi.org.scope import subdistrict_of

        if actor.unit_id is None:
            return qs.none()
        qs = qs.filter(unit__path__startswith=subdistrict_of(actor.unit).path)
    return qs.select_related("unit").distinct().order_by("username")


def staff_list_for(*, actor: Any, unit: Unit | None = None) -> QuerySet[User]:
    """Active staff of the subdistrict of `unit` (default: the actor's own): the people a case can be
    handed to (承办人、协办人、调解员、专班成员). An actor with no unit gets nobody (fail closed)."""
    if actor.unit_id is None:
        return User.objects.none()
    from fazhi.org.scope import subdistrict_of

    root = subdistrict_of(unit or actor.unit)
    return (
        User.objects.filter(is_active=True, unit__path__startswith=root.path)
        .select_related("unit")
        .order_by("username")
    )


def role_list() -> QuerySet[Role]:
    return Role.objects.prefetch_related("custom_units").order_by("code")


def role_get(*, code: str) -> Role | None:
    return Role.objects.filter(code=code).first()


def audit_list_for(
    *,
    actor: Any,
    action: str = "",
    actor_name: str = "",
    object_type: str = "",
    object_id: str = "",
    outcome: str = "",
) -> QuerySet[AuditEntry]:
    """The audit log, newest first — for the audit administrator only."""
    if not has_perm(actor, P.AUDIT_VIEW):
        return AuditEntry.objects.none()
    qs = AuditEntry.objects.all()
    if action:
        qs = qs.filter(action__startswith=action)
    if actor_name:
        qs = qs.filter(actor_name=actor_name)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if outcome:
        qs = qs.filter(outcome=outcome)
    return qs.order_by("-seq")


def login_records_for(*, actor: Any, username: str = "") -> QuerySet[LoginRecord]:
    if not (has_perm(actor, P.SECURITY_MANAGE) or has_perm(actor, P.AUDIT_VIEW)):
        return LoginRecord.objects.none()
    qs = LoginRecord.objects.all()
    if username:
        qs = qs.filter(username=username)
    return qs.order_by("-at")


def units_export_rows(*, actor: Any, kind: str = "", q: str = "") -> Iterator[dict[str, Any]]:
    """单位台账 rows (keys of org.ledgers.UNITS) for the units the actor may see, filtered as the list
    page is, parents first.

    A parent outside the actor's scope is left blank, as unit_tree_for shows such a unit as a root.
    The phone is the unit's public office number, so it is not masked.
    """
    code_of = dict(unit_list_for(actor=actor).values_list("path", "code"))
    step = Unit.steplen
    for unit in unit_list_for(actor=actor, kind=kind, q=q).iterator(chunk_size=2000):
        yield {
            "name": unit.name,
            "kind": unit.kind,
            "code": unit.code,
            "parent_code": code_of.get(unit.path[:-step], ""),
            "phone": unit.phone,
            "households": unit.households,
        }


def accounts_export_rows(
    *, actor: Any, q: str = "", unit_id: int | None = None, role: str = ""
) -> Iterator[dict[str, Any]]:
    """账号台账 rows (keys of org.ledgers.ACCOUNTS) for the accounts the actor administers, filtered
    as the list page is.

    Phones are personal data: always masked (138****5678); re-importing the mask keeps the number.
    """
    for user in account_list_for(actor=actor, q=q, unit_id=unit_id, role=role).iterator(chunk_size=500):
        yield {
            "username": user.username,
            "display_name": user.display_name,
            "unit_code": user.unit.code if user.unit else "",
            "roles": "、".join(role.name for role in user.roles.all()),
            "phone": crypto.mask_phone(user.phone),
            "status": "active" if user.is_active else "inactive",
        }


def audit_export_rows(*, actor: Any, **filters: str) -> Iterator[dict[str, Any]]:
    """审计日志 rows for the audit administrator, filtered as the page is, newest first."""
    from django.utils import timezone

    for e in audit_list_for(actor=actor, **filters).iterator(chunk_size=2000):
        yield {
            "seq": e.seq,
            "at": timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            "actor_name": e.actor_name,
            "action": e.action,
            "object": f"{e.object_type} {e.object_id}".strip(),
            "outcome": e.outcome,
            "ip": e.ip,
            "request_id": e.request_id,
            "hash": e.hash,
        }


def login_export_rows(*, actor: Any, username: str = "") -> Iterator[dict[str, Any]]:
    from django.utils import timezone

    for r in login_records_for(actor=actor, username=username).iterator(chunk_size=2000):
        yield {
            "at": timezone.localtime(r.at).strftime("%Y-%m-%d %H:%M:%S"),
            "username": r.username,
            "ip": r.ip,
            "channel": r.channel,
            "outcome": r.get_outcome_display(),
        }
