"""Pre-aggregated indicator buckets: what lets a county-wide figure read a dozen rows instead of a
million records.

An app declares a *measure*: a model, the stored local date that places a record in a month, the org
unit it belongs to, and integer columns (counts and sums, optionally split by one field):

    buckets.register(buckets.Measure(
        "grid.events", GridEvent, "reported_on", {"n": Count("pk")}, split="category"))

For every measure, `IndicatorBucket` holds one row per (unit, month) with the sums over the unit's
whole subtree (a record counts in its unit's bucket and in every ancestor's), so a county-year figure
sums 12 rows and a grid's figure reads that grid's rows: the cost does not grow with the data.

Buckets are kept current in the writer's transaction: saving or deleting a measured record (any
service, the admin) adjusts the buckets of its unit and every ancestor by the change of the unit's own
sums for the months involved, under a lock on the measure's state row. Writes that bypass save()
(bulk_create, queryset.update, imports, generators) call `rebuild()` (`fazhi indicators rebuild`);
the sweep rebuilds every measure once a day as well. Until a measure has been built with its current
version, readers use the base tables.

`values(...)` answers a measure for a unit and a date range: from buckets for the whole months when
the caller says its actor sees the unit's whole subtree, plus the base table for partial edge months;
from the base table (restricted to what the actor may see) otherwise. Both paths run the same
aggregate expressions, so the numbers are identical.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Max, Min, Model, Q, QuerySet
from django.db.models.signals import post_delete, post_init, post_save

from fazhi.core import audit
from fazhi.core.models import IndicatorBucket, IndicatorState

Data = dict[str, int]


class UnitTree(Protocol):
    """The org tree as the buckets need it (org registers it: core names no app)."""

    def paths(self, ids: Iterable[int]) -> dict[int, str]: ...
    def ids(self, paths: Iterable[str]) -> dict[str, int]: ...
    def children(self, unit_id: int) -> list[int]: ...
    def ancestor_paths(self, path: str) -> list[str]: ...  # root first, excluding the path itself


@dataclass(frozen=True)
class Measure:
    name: str  # "grid.events"
    model: type[Model]
    date_field: str  # a DateField holding the local date that places the record in a month
    columns: dict[str, Any]  # column → an aggregate (Count / Sum, with filter=) giving an integer
    unit_field: str = "unit"  # the lookup leading to the org unit: "unit", "dispute__unit"
    where: Q = field(default_factory=Q)  # only these records count
    split: str = ""  # a field whose values split every column: "n:security"
    version: str = "1"  # change it when the definition changes: old buckets are then not read

    def base(self) -> QuerySet[Any]:
        return self.model._default_manager.all()


MEASURES: dict[str, Measure] = {}
_tree: UnitTree | None = None


def set_tree(tree: UnitTree) -> None:
    global _tree
    _tree = tree


def register(measure: Measure) -> Measure:
    """Declare a measure and keep its buckets current on every save() and delete() of its model."""
    MEASURES[measure.name] = measure
    _watch(measure)
    return measure


# --- Arithmetic ----------------------------------------------------------------------------------------


def _num(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, timedelta):
        return value // timedelta(microseconds=1)  # exact: durations are summed in microseconds
    return int(value)


def add(*items: Data) -> Data:
    result: Data = {}
    for data in items:
        for key, value in data.items():
            result[key] = result.get(key, 0) + value
    return result


def _sub(a: Data, b: Data) -> Data:
    return add(a, {k: -v for k, v in b.items()})


def _clean(data: Data) -> Data:
    return {k: v for k, v in sorted(data.items()) if v}


def total(data: Data, column: str) -> int:
    """A split column's total: "n" over "n:security", "n:dispute" … (or the unsplit column)."""
    return data.get(column, 0) + sum(v for k, v in data.items() if k.startswith(column + ":"))


def parts(data: Data, column: str) -> dict[str, int]:
    """A split column by split value: {"security": 12, …}."""
    prefix = column + ":"
    return {k[len(prefix) :]: v for k, v in data.items() if k.startswith(prefix) and v}


def _month(day: date) -> date:
    return day.replace(day=1)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _next_month(day: date) -> date:
    return _month_end(day) + timedelta(days=1)


# --- Aggregating the base table ---------------------------------------------------------------------------


def aggregate(measure: Measure, qs: QuerySet[Any], start: date, end: date) -> Data:
    """The measure's columns over `qs` (already restricted to what is asked and allowed) in [start, end]."""
    qs = qs.filter(measure.where, **{f"{measure.date_field}__range": (start, end)}).order_by()
    if not measure.split:
        row = qs.aggregate(**measure.columns)
        return _clean({k: _num(row[k]) for k in measure.columns})
    data: Data = {}
    for row in qs.values(measure.split).annotate(**measure.columns):
        for k in measure.columns:
            data[f"{k}:{row[measure.split]}"] = _num(row[k])
    return _clean(data)


def _own_by_unit(measure: Measure, start: date, end: date, unit_id: int | None = None) -> dict[int, Data]:
    """The columns of each unit's own records (not its subtree's) in [start, end]."""
    unit_col = f"{measure.unit_field}_id" if "__" not in measure.unit_field else measure.unit_field
    qs = measure.base().filter(measure.where, **{f"{measure.date_field}__range": (start, end)})
    if unit_id is not None:
        qs = qs.filter(**{measure.unit_field: unit_id})
    group = [unit_col, measure.split] if measure.split else [unit_col]
    result: dict[int, Data] = {}
    for row in qs.order_by().values(*group).annotate(**measure.columns):
        data = result.setdefault(row[unit_col], {})
        for k in measure.columns:
            key = f"{k}:{row[measure.split]}" if measure.split else k
            data[key] = data.get(key, 0) + _num(row[k])
    return result


# --- Building and adjusting -----------------------------------------------------------------------------


def _state(measure: Measure, *, lock: bool = False) -> IndicatorState:
    IndicatorState.objects.bulk_create([IndicatorState(measure=measure.name)], ignore_conflicts=True)
    qs = IndicatorState.objects.select_for_update() if lock else IndicatorState.objects
    return qs.get(measure=measure.name)


def built(names: Iterable[str]) -> set[str]:
    """The measures among `names` whose buckets are complete for their current definition."""
    wanted = {n: MEASURES[n].version for n in names if n in MEASURES}
    rows = IndicatorState.objects.filter(measure__in=wanted).values_list("measure", "version")
    return {name for name, version in rows if version and version == wanted[name]}


def rebuild(names: Iterable[str] | None = None, *, today: date | None = None) -> dict[str, int]:
    """Recompute every bucket of the measures (default: all) from the base tables, one transaction
    per measure. Returns measure → bucket rows written."""
    assert _tree is not None, "the org app registers the unit tree"
    result = {}
    for name in list(names) if names is not None else list(MEASURES):
        measure = MEASURES[name]
        with transaction.atomic():
            state = _state(measure, lock=True)
            IndicatorBucket.objects.filter(measure=name).delete()
            span = (
                measure.base()
                .filter(measure.where)
                .aggregate(first=Min(measure.date_field), last=Max(measure.date_field))
            )
            rows: list[IndicatorBucket] = []
            month = _month(span["first"]) if span["first"] else None
            while month is not None and month <= span["last"]:
                own = _own_by_unit(measure, month, _month_end(month))
                rows += _rolled_up(measure, month, own)
                month = _next_month(month)
            IndicatorBucket.objects.bulk_create(rows, batch_size=2000)
            state.version, state.rebuilt_on = measure.version, today or date.today()
            state.save(update_fields=["version", "rebuilt_on"])
        result[name] = len(rows)
    return result


def _rolled_up(measure: Measure, month: date, own: dict[int, Data]) -> list[IndicatorBucket]:
    assert _tree is not None
    paths = _tree.paths(own)
    subtree: dict[str, Data] = {}
    for unit_id, data in own.items():
        path = paths.get(unit_id)
        if path is None:
            continue
        for p in [*_tree.ancestor_paths(path), path]:
            subtree[p] = add(subtree.get(p, {}), data)
    ids = _tree.ids(subtree)
    return [
        IndicatorBucket(measure=measure.name, unit_id=ids[p], month=month, data=_clean(data))
        for p, data in subtree.items()
        if p in ids and _clean(data)
    ]


def adjust(measure: Measure, unit_id: int, day: date) -> None:
    """Bring the buckets of `unit_id` and its ancestors for `day`'s month up to date with the unit's
    own records. Called in the writer's transaction; the measure's state row is locked so concurrent
    writers adjust one after another (each reads the buckets the previous one committed)."""
    if _tree is None:
        return
    with transaction.atomic():
        audit.lock_chain()  # the one lock order of a write: the audit chain, then the measure's row
        state = _state(measure, lock=True)
        if state.version != measure.version:
            return  # not built: readers use the base tables; the next rebuild counts this write
        month = _month(day)
        path = _tree.paths([unit_id]).get(unit_id)
        if path is None:
            return
        chain = _tree.ids([*_tree.ancestor_paths(path), path])
        children = _tree.children(unit_id)
        rows = {
            b.unit_id: b
            for b in IndicatorBucket.objects.filter(
                measure=measure.name, month=month, unit_id__in=[*chain.values(), *children]
            )
        }
        old_own = _sub(
            rows[unit_id].data if unit_id in rows else {},
            add(*(rows[c].data for c in children if c in rows)),
        )
        new_own = _own_by_unit(measure, month, _month_end(month), unit_id).get(unit_id, {})
        delta = _clean(_sub(new_own, old_own))
        if not delta:
            return
        for target in chain.values():
            row = rows.get(target)
            if row is None:
                IndicatorBucket.objects.create(
                    measure=measure.name, unit_id=target, month=month, data=_clean(delta)
                )
            else:
                IndicatorBucket.objects.filter(pk=row.pk).update(data=_clean(add(row.data, delta)))


# --- Keeping current on save() / delete() ---------------------------------------------------------------


def _position(measure: Measure, instance: Any, *, fetch: bool) -> tuple[int | None, date | None]:
    """(unit id, date) of a record for the measure; None where not loaded (and not fetched)."""
    values = instance.__dict__
    day = values.get(measure.date_field)
    if "__" not in measure.unit_field:
        return values.get(f"{measure.unit_field}_id"), day
    if not fetch:
        return None, day
    first, rest = measure.unit_field.split("__", 1)
    try:
        related = getattr(instance, first, None)
    except ObjectDoesNotExist:  # deleted with it (a cascade): the next rebuild counts it
        related = None
    return (getattr(related, f"{rest}_id", None) if related is not None else None), day


def _watch(measure: Measure) -> None:
    attr = f"_bucket_{measure.name}"

    def remember(sender: Any, instance: Any, **kwargs: Any) -> None:
        instance.__dict__[attr] = _position(measure, instance, fetch=False)

    def saved(sender: Any, instance: Any, **kwargs: Any) -> None:
        new = _position(measure, instance, fetch=True)
        old = instance.__dict__.get(attr, (None, None))
        old = (old[0] if old[0] is not None else new[0], old[1])
        for unit_id, day in {old, new}:
            if unit_id is not None and day is not None:
                adjust(measure, unit_id, day)
        instance.__dict__[attr] = new

    def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
        unit_id, day = _position(measure, instance, fetch=True)
        if unit_id is not None and day is not None:
            adjust(measure, unit_id, day)

    uid = f"buckets:{measure.name}"
    post_init.connect(remember, sender=measure.model, weak=False, dispatch_uid=uid)
    post_save.connect(saved, sender=measure.model, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=measure.model, weak=False, dispatch_uid=uid)


# --- Reading --------------------------------------------------------------------------------------------


def values(
    measure_name: str,
    *,
    qs: QuerySet[Any],
    unit_id: int,
    start: date,
    end: date,
    whole: bool,
    ready: set[str] | None = None,
) -> Data:
    """The measure over [start, end] for the unit's subtree.

    `qs` is the base table as the actor may see it, already restricted to the unit's subtree; it answers
    alone unless `whole` (the actor sees the whole subtree, so `qs` holds every record the buckets do)
    and the measure is built. `ready` (from `built`) saves the state query when a caller reads many."""
    measure = MEASURES[measure_name]
    ready = built([measure_name]) if ready is None else ready
    if not whole or measure_name not in ready:
        return aggregate(measure, qs, start, end)
    first = start if start.day == 1 else _next_month(start)
    last = end if end == _month_end(end) else _month(end) - timedelta(days=1)
    if first > last:
        return aggregate(measure, qs, start, end)
    rows = IndicatorBucket.objects.filter(
        measure=measure_name, unit_id=unit_id, month__gte=first, month__lte=last
    ).values_list("data", flat=True)
    result = add(*rows)
    if start < first:
        result = add(result, aggregate(measure, qs, start, first - timedelta(days=1)))
    if last < end:
        result = add(result, aggregate(measure, qs, last + timedelta(days=1), end))
    return _clean(result)


def daily(today: date) -> dict[str, int]:
    """The sweep's hook: rebuild, once a day, every measure not yet rebuilt today (or not built with
    its current definition), so writes that bypassed save() are counted by the next morning."""
    states = dict(IndicatorState.objects.values_list("measure", "rebuilt_on"))
    ready = built(MEASURES)
    stale = [name for name in MEASURES if name not in ready or states.get(name) != today]
    return rebuild(stale, today=today) if stale else {}
