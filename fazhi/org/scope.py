"""Data scope: which records an actor may see. Every selector starts here.

A role's scope is relative to the actor's unit: all / the actor's subdistrict / unit and below /
unit / custom units / own records. An actor with several roles gets the union of their scopes,
never the narrowest. Participation grants (org.Assignment) add the records the actor is assigned
to. An actor with no unit sees nothing at all (fail closed).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, prefetch_related_objects

from fazhi.core.idlist import in_values
from fazhi.org.models import Assignment, DataScope, Unit, UnitKind, User

NOTHING = Q(pk__in=[])
EVERYTHING = Q(pk__isnull=False)  # a condition every row meets, safe to OR with others


def roles_of(actor: User) -> list[Any]:
    """The actor's roles, read once per actor object (a request's user) and kept on it."""
    cached = getattr(actor, "_fazhi_roles", None)
    if cached is None:
        cached = list(actor.roles.all()) if actor.pk else []
        custom = [r for r in cached if r.data_scope == DataScope.CUSTOM]
        if custom:  # a query for the chosen units only when a role has them (most requests: none)
            prefetch_related_objects(custom, "custom_units")
        actor._fazhi_roles = cached  # type: ignore[attr-defined]
    return cached


def permissions_of(actor: Any) -> set[str]:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return set()
    perms: set[str] = set()
    for role in roles_of(actor):
        perms.update(role.permissions)
    return perms


def has_perm(actor: Any, code: str) -> bool:
    return code in permissions_of(actor)


def subdistrict_of(unit: Unit) -> Unit:
    """The subdistrict a unit lies in (itself if it is one; the root if none is above it)."""
    if unit.kind in (UnitKind.SUBDISTRICT, UnitKind.COUNTY):
        return unit
    cached = getattr(unit, "_fazhi_subdistrict", None)
    if cached is None:
        ancestors = list(Unit.objects.filter(path__in=unit.ancestor_paths()).order_by("-depth"))
        cached = next(
            (a for a in ancestors if a.kind == UnitKind.SUBDISTRICT), ancestors[-1] if ancestors else unit
        )
        unit._fazhi_subdistrict = cached  # type: ignore[attr-defined]
    return cached


def _whole_tree(unit: Unit) -> bool:
    """Whether the subtree at `unit` is every unit: the root of a one-root tree. Then the scope is no
    filter at all — a county leader's list counted 200,000 grid events through a join on each one's
    unit path in 0.8 s on SQLite, and in 2 ms with no filter (bench/, list scenario). Answered once per
    unit object (a request's actor holds its own), never cached across requests: a second root must
    narrow the scope at once."""
    cached = getattr(unit, "_fazhi_whole_tree", None)
    if cached is None:
        path = unit.path
        cached = len(path) == Unit.steplen and not Unit.objects.filter(depth=1).exclude(path=path).exists()
        unit._fazhi_whole_tree = cached  # type: ignore[attr-defined]
    return cached


# Records an actor is assigned to (participation) go to the query as ids up to this many, else as a
# subquery.
ASSIGNED_ID_LIMIT = 1000
# A subtree of at most this many units is given to record queries as a list of unit ids (an index
# lookup per unit); a larger one as a join on the unit path.
SUBTREE_ID_LIMIT = 5000


def subtree_ids(unit: Unit) -> list[int] | None:
    """The ids of `unit` and every unit below it, or None past SUBTREE_ID_LIMIT. Answered once per unit
    object (a request's actor holds its own), like `_whole_tree`."""
    cached: list[int] | bool | None = getattr(unit, "_fazhi_subtree_ids", False)
    if cached is False:
        if not unit.numchild:
            cached = [unit.pk]
        else:
            ids = Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True)
            found = list(ids[: SUBTREE_ID_LIMIT + 1])
            cached = found if len(found) <= SUBTREE_ID_LIMIT else None
        unit._fazhi_subtree_ids = cached  # type: ignore[attr-defined]
    return cached if isinstance(cached, list) else None


def _subtree_q(unit: Unit, prefix: str) -> Q:
    """Records under `unit`: for a query on units, a prefix test on the path; for records (`prefix`
    leads to their Unit foreign key, "unit__"), their unit id in the subtree's ids. `unit.path LIKE …`
    through a join defeats every index on the record table — a community clerk's 20,000 grid events
    were counted by scanning all 200,000 (bench/, list scenario); `unit_id IN (…)` is one index range
    per unit, for the count and the page alike."""
    ids = subtree_ids(unit) if prefix else None
    if ids is None:
        return Q(**{f"{prefix}path__startswith": unit.path})
    return Q(**{f"{prefix}in": ids})


def within_q(unit: Unit, prefix: str = "unit__", *, by_ids: bool = True) -> Q:
    """Records (`prefix` leads to their Unit) in `unit` and below — a filter chosen by the user, not a
    scope. The whole tree is no condition (no join on every row); a subtree is its unit ids
    (`_subtree_q`), or with `by_ids=False` the join on the unit path (an aggregate over most of a
    table, where a lookup per unit would be slower than the join)."""
    if _whole_tree(unit):
        return EVERYTHING
    if not by_ids:
        return Q(**{f"{prefix}path__startswith": unit.path})
    return _subtree_q(unit, prefix)


def within_unit_q(unit_id: int, prefix: str = "unit__") -> Q:
    """`within_q` for a unit chosen by id in a list's filter: a grid is that grid, a community or a
    subdistrict everything under it; an unknown id matches nothing."""
    unit = Unit.objects.filter(pk=unit_id).first()
    return within_q(unit, prefix) if unit is not None else NOTHING


def unit_scope_q(actor: Any, prefix: str = "") -> Q | None:
    """Q over units (`prefix` leads to a Unit, e.g. "unit__"); None means everything."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active or actor.unit_id is None:
        return NOTHING
    unit: Unit = actor.unit
    result = NOTHING
    for role in roles_of(actor):
        scope = role.data_scope
        if scope == DataScope.ALL or (scope == DataScope.SUBDISTRICT and _whole_tree(subdistrict_of(unit))):
            return None  # no filter at all: a county leader's lists and counts need no unit test per row
        if scope == DataScope.SUBDISTRICT:
            result |= _subtree_q(subdistrict_of(unit), prefix)
        elif scope == DataScope.UNIT_AND_BELOW:
            result |= _subtree_q(unit, prefix)
        elif scope == DataScope.UNIT:
            result |= Q(**{f"{prefix}pk": unit.pk})
        elif scope == DataScope.CUSTOM:
            ids = [u.pk for u in role.custom_units.all()]
            if ids:
                result |= Q(**{f"{prefix}pk__in": ids})
    return result


def covers_subtree(actor: Any, unit: Unit) -> bool:
    """Whether the actor's unit scope holds every record of `unit` and everything below it (all, their
    subdistrict, or their unit and below, on an ancestor of `unit`; the unit only, when it is the
    actor's own unit and has nothing below): then a figure may be read from the pre-aggregated
    buckets; any narrower scope (own records, custom units) reads the base tables through the scope."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active or actor.unit_id is None:
        return False
    for role in roles_of(actor):
        scope = role.data_scope
        if scope == DataScope.ALL:
            return True
        if scope == DataScope.SUBDISTRICT and unit.path.startswith(subdistrict_of(actor.unit).path):
            return True
        if scope == DataScope.UNIT_AND_BELOW and unit.path.startswith(actor.unit.path):
            return True
        if scope == DataScope.UNIT and unit.pk == actor.unit_id and not unit.numchild:
            return True  # a grid worker's own grid: nothing lies below it
    return False


class UnitTree:
    """The org tree as fazhi.core.buckets reads it (paths are treebeard's fixed-width steps)."""

    def paths(self, ids: Any) -> dict[int, str]:
        return dict(Unit.objects.filter(pk__in=list(ids)).values_list("pk", "path"))

    def ids(self, paths: Any) -> dict[str, int]:
        return {p: pk for pk, p in Unit.objects.filter(path__in=list(paths)).values_list("pk", "path")}

    def children(self, unit_id: int) -> list[int]:
        parent = Unit.objects.filter(pk=unit_id).values_list("path", "depth").first()
        if parent is None:
            return []
        path, depth = parent
        return list(Unit.objects.filter(path__startswith=path, depth=depth + 1).values_list("pk", flat=True))

    def ancestor_paths(self, path: str) -> list[str]:
        step = Unit.steplen
        return [path[:end] for end in range(step, len(path), step)]


def scope_q(
    actor: Any,
    model: type[Model],
    *,
    unit_field: str | None = "unit",
    owner_field: str | None = "created_by",
    participation: bool = True,
) -> Q:
    """Q selecting the records of `model` the actor may see.

    `unit_field` names the record's Unit foreign key; `owner_field` its creator (for "own records"
    scopes); participation adds records the actor is assigned to through org.Assignment.
    """
    if not getattr(actor, "is_authenticated", False) or not actor.is_active or actor.unit_id is None:
        return NOTHING
    q = NOTHING
    if unit_field:
        units = unit_scope_q(actor, prefix=f"{unit_field}__")
        if units is None:
            # Every record. Not Q(): an empty Q vanishes when a caller ORs it with more (`Q() | Q(x)` is
            # just `Q(x)`), which would narrow "everything" to the other term.
            return EVERYTHING
        q |= units
    if owner_field:
        q |= Q(**{owner_field: actor.pk})
    if participation:
        ct = ContentType.objects.get_for_model(model)
        assigned = Assignment.objects.filter(user_id=actor.pk, content_type=ct)
        # The ids themselves, not a subquery (fazhi.core.idlist): PostgreSQL cannot OR a subquery into a
        # bitmap of index scans, and counted a grid worker's events by reading all 2,000,000 (0.84 s).
        cond = in_values("pk", assigned.values_list("object_id", flat=True), limit=ASSIGNED_ID_LIMIT)
        if cond is not None:
            q |= cond
    return q


def system_actor(
    *, username: str = "operator", display_name: str = "命令行运维", permissions: set[str] | None = None
) -> User | None:
    """An unsaved account for operators' commands (`fazhi report …` on the server): one role that sees
    every unit and holds `permissions` (default: every registered one). It is never saved; it only
    answers the scope and permission checks. None when no unit exists yet."""
    from fazhi.org.models import Role
    from fazhi.org.permissions import CATALOGUE

    root = Unit.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return None
    role = Role(
        code=username,
        name=display_name,
        data_scope=DataScope.ALL,
        permissions=sorted(CATALOGUE if permissions is None else permissions),
    )
    actor = User(username=username, display_name=display_name, unit=root, is_active=True)
    actor._fazhi_roles = [role]  # type: ignore[attr-defined]
    return actor
