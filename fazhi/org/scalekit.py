"""Shared parts of the county-scale generator (`fazhi demo --scale`): the context every app's
`scale.generate(ctx)` receives, the progress reporter, the batched insert, and the vocabularies and
helpers the apps' text builders share (names, dates, deadlines).

Everything random comes from `ctx.rng`, seeded once, and every app draws in a fixed order, so one
seed gives the same records. Nothing here reads the clock except `ctx.today` (the history ends today).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from bisect import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import accumulate
from typing import Any, TextIO, TypeVar

from django.db import connection, models, transaction

from fazhi.core import search
from fazhi.core.calendar import UnknownCalendarYear
from fazhi.core.deadlines import Rule, deadline

M = TypeVar("M", bound=models.Model)

# The full county (factor 1.0); every count scales with the factor, each level keeps at least one.
COUNTY = {
    "subdistricts": 10,
    "communities": 300,
    "grids": 6_000,
    "residents": 1_000_000,
    "petitions": 100_000,
    "disputes": 200_000,
    "events": 2_000_000,
    "key_persons": 5_000,
}
HISTORY_YEARS = 3
BATCH = 5_000  # rows per bulk_create; one transaction each, so a WAL never holds millions of rows


class Progress:
    """Prints `stage  done/total 行  rate 行/秒` at most every `every` seconds, and each stage's time."""

    def __init__(self, out: TextIO | None = None, every: float = 5.0) -> None:
        self.out = out or sys.stdout
        self.every = every
        self.stages: dict[str, float] = {}

    def write(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def stage(self, name: str, total: int) -> Stage:
        return Stage(self, name, total)


class Stage:
    def __init__(self, progress: Progress, name: str, total: int) -> None:
        self.progress, self.name, self.total = progress, name, total
        self.done = 0
        self.started = self.last = time.monotonic()

    def __enter__(self) -> Stage:
        self.progress.write(f"▶ {self.name}（{self.total:,} 行）")
        return self

    def add(self, rows: int) -> None:
        self.done += rows
        now = time.monotonic()
        if now - self.last >= self.progress.every:
            self.last = now
            rate = self.done / max(now - self.started, 1e-9)
            self.progress.write(f"  {self.name} {self.done:,}/{self.total:,} 行  {rate:,.0f} 行/秒")

    def __exit__(self, *exc: object) -> None:
        elapsed = time.monotonic() - self.started
        self.progress.stages[self.name] = round(self.progress.stages.get(self.name, 0) + elapsed, 2)
        if exc[0] is None:
            rate = self.done / max(elapsed, 1e-9)
            self.progress.write(f"  ✓ {self.name} {self.done:,} 行，{elapsed:,.1f} 秒（{rate:,.0f} 行/秒）")


@dataclass
class ScaleContext:
    """Passed from app to app in INSTALLED_APPS order. `units` and `users` are filled by org; each app
    adds what later apps hang their records on to `shared` (e.g. people: resident ids per grid)."""

    seed: int
    factor: float
    password: str
    today: dt.date
    progress: Progress
    rng: random.Random = field(init=False)
    start: dt.date = field(init=False)
    now: dt.datetime = field(init=False)  # no generated moment lies after it
    # unit lists by kind: dicts {"id", "code", "name", "path", "parent"} in code order
    units: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)  # username -> User
    personas: dict[str, dict[str, Any]] = field(default_factory=dict)
    written: list[type[models.Model]] = field(default_factory=list)  # every model written, for counts
    shared: dict[str, Any] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)  # extra manifest sections (planted pairs …)
    _writers: dict[type[models.Model], _Writer] = field(default_factory=dict)
    _indexes: list[str] = field(default_factory=list)  # CREATE INDEX statements to run at the end
    _searchable: list[type[models.Model]] = field(
        default_factory=list
    )  # full-text indexes to build at the end

    def __post_init__(self) -> None:
        from django.utils import timezone

        self.rng = random.Random(self.seed)
        self.now = timezone.now()
        self.start = self.today.replace(year=self.today.year - HISTORY_YEARS) + dt.timedelta(days=1)

    def count(self, name: str) -> int:
        """How many of `name` (a key of COUNTY) at this factor; never fewer than one."""
        return max(1, round(COUNTY[name] * self.factor))

    def day(self) -> dt.date:
        """A day of the history, later days slightly likelier (case loads grow)."""
        span = (self.today - self.start).days
        return self.start + dt.timedelta(days=int(span * self.rng.random() ** 0.8))

    def insert(
        self, stage: Stage, model: type[M], rows: Iterable[M], *, batch: int = BATCH, keep: bool = True
    ) -> list[M]:
        """Insert `rows` in batches, one transaction per batch; returns them with their pks (none
        with keep=False: two million events need not stay in memory).

        The database is empty when the run starts (scale_run refuses any other), so the generator
        hands out the primary keys itself and writes with executemany instead of bulk_create:
        Django's per-field preparation cost more than the insert (measured: ~3 × on 20-column rows).
        Values still go through each field's own preparation where it matters — encrypted fields
        encrypt, dates and datetimes adapt — see `_Writer`. Sequences are moved past the ids at the end.
        """
        if model not in self.written:
            self.written.append(model)
        writer = self._writers.get(model)
        if writer is None:
            if hasattr(model, "SEARCH_FIELDS"):
                # Like the secondary indexes: the full-text index is built once, from the table, at the
                # end (dropped first, so the secondary indexes recreated at the end do not include it).
                search.uninstall(connection, model._meta.db_table)
                self._searchable.append(model)
            self._indexes.extend(_drop_indexes(model._meta.db_table))
            writer = self._writers[model] = _Writer(model, self.now)
        saved: list[M] = []
        for chunk in chunked(rows, batch):
            if model in self._searchable:
                for row in chunk:
                    search.fill(row)
            with transaction.atomic():
                writer.write(chunk)
            if keep:
                saved.extend(chunk)
            stage.add(len(chunk))
        return saved

    def finish(self) -> None:
        """Rebuild the secondary indexes dropped for the load; move the primary-key sequences past the
        ids handed out (PostgreSQL; SQLite needs nothing)."""

        with self.progress.stage("重建索引", len(self._indexes)) as stage, connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # inside an outer transaction: check deferred FKs first
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for sql in self._indexes:
                cursor.execute(sql)
                stage.add(1)
        self._indexes.clear()
        with self.progress.stage("建立全文索引", len(self._searchable)) as stage:
            for model in self._searchable:
                search.install(connection, model._meta.db_table, model._meta.pk.column)
                stage.add(1)
        self._searchable.clear()

        if connection.vendor != "postgresql":
            # SQLite's rowids follow the largest id by themselves. No ANALYZE: without statistics its
            # planner chose well for every list and search measured (bench/); with them plans flipped.
            return
        # Move each sequence past the ids handed out, never back: a sequence is not transactional, so a
        # run rolled back (a test) must not leave it below ids that other rows hold.
        with connection.cursor() as cursor:
            for model in self.written:
                table, pk = model._meta.db_table, model._meta.pk.column  # type: ignore[union-attr]
                q_table, q_pk = connection.ops.quote_name(table), connection.ops.quote_name(pk)
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), GREATEST("
                    f"(SELECT COALESCE(MAX({q_pk}), 0) FROM {q_table}), nextval(pg_get_serial_sequence(%s, %s))))",
                    [q_table, pk, q_table, pk],
                )
            # Statistics for the planner: bulk-loaded tables have none until autovacuum gets round to
            # them, and without them PostgreSQL walked the newest-first index of 2,000,000 grid events
            # to find one grid's 20 (1.4 s a page) and misjudged every search word (bench/). VACUUM sets
            # the visibility map too, without which no count is answered from an index alone (a county
            # leader's event list counted 2,000,000 rows in 600 ms; 100 ms after it). Autovacuum would
            # do both in time — where it runs at all. VACUUM cannot run inside a transaction (a test's).
            vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            for model in self.written:
                cursor.execute(f"{vacuum} {connection.ops.quote_name(model._meta.db_table)}")


def _drop_indexes(table: str) -> list[str]:
    """Drop `table`'s secondary indexes and return the statements that recreate them.

    Rows arrive in random order of the blind indexes, names and dates; maintaining eight B-trees row
    by row rewrote pages over and over (73 GB written through the SQLite WAL for 3 M rows). Building
    each index once at the end sorts once. Indexes that back a constraint (primary key, unique
    fields) stay: they cannot be dropped apart from their constraint.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
                "(SELECT conname FROM pg_constraint)",
                [table],
            )
        else:
            return []
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [sql for _, sql in found]


def _decimal(adapt: Any, digits: int, places: int, value: Any) -> Any:
    return adapt(value, digits, places)


def _json(prep: Any, connection: Any, value: Any) -> Any:
    return prep(value, connection)


def _auto_now(conv: Any, now: dt.datetime, value: Any) -> Any:
    return conv(value if value is not None else now)


def _sqlite_datetime(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return str(value.astimezone(dt.UTC).replace(tzinfo=None))


class _Template:
    """What `new_row` copies into each new instance of one model: the defaults of its fields."""

    def __init__(self, model: type[models.Model]) -> None:
        fields = model._meta.concrete_fields
        dynamic = [f for f in fields if f.has_default() and callable(f.default)]
        self.static = {f.attname: f.get_default() for f in fields if f not in dynamic}
        self.dynamic = [(f.attname, f.get_default) for f in dynamic]
        self.relations = {f.name: f.attname for f in fields if f.is_relation}
        self.names = {f.attname for f in fields} | set(self.relations)


_TEMPLATES: dict[type[models.Model], _Template] = {}


def new_row(model: type[M], **values: Any) -> M:
    """`model(**values)` for the generator, without Django's per-field __init__ and its init signals
    (~48 µs against ~5 µs a row; millions of rows). The instance holds each field's default and the
    values given; a relation given as an object is kept in the instance's cache for the writer to
    take its pk once saved, as the model's own constructor would. Only for rows the generator writes
    itself (`ScaleContext.insert`): no signal saw them being made, the indicator buckets are rebuilt
    from the tables at the end."""
    template = _TEMPLATES.get(model)
    if template is None:
        template = _TEMPLATES[model] = _Template(model)
    obj = model.__new__(model)
    state = models.base.ModelState()
    attrs = obj.__dict__
    attrs.update(template.static)
    for attname, default in template.dynamic:
        attrs[attname] = default()
    for name, value in values.items():
        if name not in template.names:
            raise TypeError(f"{model.__name__}() got an unexpected keyword argument '{name}'")
        column = template.relations.get(name)
        if column is not None and column != name:  # an object, not an id
            attrs[column] = value.pk if value is not None else None
            state.fields_cache[name] = value
        else:
            attrs[name] = value
    attrs["_state"] = state
    return obj


class _Writer:
    """executemany INSERT of one model's rows with pks assigned here; one converter per column."""

    def __init__(self, model: type[models.Model], now: dt.datetime) -> None:
        from django.db import connection

        from fazhi.core.crypto import EncryptedTextField

        self.model = model
        self.fields = list(model._meta.concrete_fields)
        ops = connection.ops
        self.next_id = (model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        self.converters: list[Any] = []
        for f in self.fields:
            auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            if isinstance(f, EncryptedTextField):
                conv = f.get_prep_value
            elif isinstance(f, models.DateTimeField) and connection.vendor == "sqlite":
                conv = _sqlite_datetime  # what adapt_datetimefield_value does, without its checks
            elif isinstance(f, models.DateTimeField):
                conv = ops.adapt_datetimefield_value
            elif isinstance(f, models.DateField):
                conv = ops.adapt_datefield_value
            elif isinstance(f, models.DecimalField):
                conv = partial(_decimal, ops.adapt_decimalfield_value, f.max_digits, f.decimal_places)
            elif isinstance(f, models.JSONField):
                conv = partial(_json, f.get_db_prep_save, connection)
            else:
                conv = None
            if auto and conv is not None:
                conv = partial(_auto_now, conv, now)
            self.converters.append(conv)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        table = connection.ops.quote_name(model._meta.db_table)
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        self.copy_sql = f"COPY {table} ({columns}) FROM STDIN"
        self.attnames = [f.attname for f in self.fields]
        # Foreign keys given as objects saved after the row was built: take the pk now (as bulk_create does).
        self.relations = [(f.attname, f.name) for f in self.fields if f.is_relation]

    def write(self, rows: list[Any]) -> None:
        from django.db import connection

        values = []
        for row in rows:
            if row.pk is None:
                row.pk = self.next_id
                self.next_id += 1
            row._state.adding, row._state.db = False, "default"
            cache = row._state.fields_cache
            for attname, name in self.relations:
                if getattr(row, attname) is None and cache.get(name) is not None:
                    setattr(row, attname, cache[name].pk)
            values.append(
                [
                    conv(getattr(row, name)) if conv is not None else getattr(row, name)
                    for name, conv in zip(self.attnames, self.converters, strict=True)
                ]
            )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY: one stream per batch instead of a statement per row (psycopg adapts each value).
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row_values in values:
                        copy.write_row(row_values)
            else:
                cursor.executemany(self.sql, values)


def chunked(rows: Iterable[M], size: int) -> Iterator[list[M]]:
    chunk: list[M] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- dates and deadlines ------------------------------------------------------------------------


@lru_cache(maxsize=65_536)
def due(rule: Rule, start: dt.date, extension_days: int = 0) -> dt.date:
    """`core.deadlines.deadline(rule, start).due`, memoised (a few thousand distinct start days).

    The workday calendar knows the years the chinese-calendar package ships plus those an
    administrator entered; a deadline falling into a later year (records of the last weeks) is
    counted in calendar days without the rest-day roll instead of guessing that year's holidays.
    """
    try:
        return deadline(rule, start, extension_days=extension_days).due
    except UnknownCalendarYear:
        per_day = 7 / 5 if rule.unit == "workday" else 1
        days = rule.days * {"month": 30, "year": 365}.get(rule.unit, 1) * per_day
        return start + dt.timedelta(days=round(days) + extension_days)


def at(day: dt.date, rng: random.Random, *, hours: tuple[int, int] = (8, 18)) -> dt.datetime:
    """An aware datetime on `day` in office hours (the project's time zone)."""
    from django.utils import timezone

    # The project's zone (Asia/Shanghai) has no daylight saving: attaching it is exact.
    moment = dt.time(rng.randint(*hours) % 24, rng.randint(0, 59), tzinfo=timezone.get_current_timezone())
    return dt.datetime.combine(day, moment)


def clamp(day: dt.date, today: dt.date) -> dt.date:
    return min(day, today)


_COMPILED: dict[tuple[tuple[Any, float], ...], tuple[list[Any], list[float]]] = {}


def pick(rng: random.Random, weighted: Iterable[tuple[Any, float]]) -> Any:
    """One item of [(item, weight), …] by weight (the cumulative weights are computed once per list)."""
    key = tuple(weighted)
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _COMPILED[key] = ([i for i, _ in key], list(accumulate(w for _, w in key)))
    items, cumulative = compiled
    return items[bisect(cumulative, rng.random() * cumulative[-1])]
