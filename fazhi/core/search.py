"""Chinese full-text search over case texts (petitions, disputes, grid events).

Chinese has no spaces, and most words are two characters: a trigram index cannot answer them and a
`LIKE '%…%'` scan reads every row. So the model's `search_text` column holds the text's terms,
space-separated: every pair of adjacent Han characters (物业公司 → 物业 业公 公司) and every run of
two or more other letters or digits, NFKC-normalised and case-folded. The database indexes that
column by whitespace only:

- SQLite: an FTS5 external-content table `<table>_fts` (rowid = the record's pk), kept in step with
  the base table by SQL triggers (`install`);
- PostgreSQL: a stored column `search_vector` = to_tsvector('simple', search_text), GIN-indexed.

A query becomes its terms the same way and matches the records holding all of them (AND), so a
query of Han characters finds every text containing it (LIKE's recall); a run of three or more is
also checked as written on the candidates (the index has no positions). A word segmenter (rjieba)
was used first and missed words across its boundaries (堆放 in 垃圾堆放). Single characters are not
indexed; a query without a term falls back to the caller's substring filter.

A model joins by having `search_text` and a `SEARCH_FIELDS` tuple naming the texts it is made of;
`fill` computes it, `rebuild` refills a table in batches (`fazhi search rebuild`). The plans a list
page needs at a million rows (a common word, the capped count) are described in
docs/architecture.md.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connections
from django.db.models import BooleanField, Expression, F, Model, Q
from django.db.models.sql.compiler import SQLCompiler

FIELD = "search_text"
VECTOR = "search_vector"  # PostgreSQL only: to_tsvector('simple', search_text), stored and GIN-indexed
# Han characters (the unified block, extension A, the compatibility block and the supplementary planes).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_PAIR = re.compile(f"(?=([{_HAN}]{{2}}))")  # every pair of adjacent Han characters, overlapping
_OTHER_RUN = re.compile(f"[^\\W_{_HAN}]{{2,}}")  # two or more letters or digits of other scripts


def normalise(text: str) -> str:
    """Full-width → half-width (NFKC) and case folded: ＡＢＣ１２ and abc12 are one word."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def _terms(text: str) -> list[str]:
    """The index terms of one text: every pair of adjacent Han characters, and every run of two or
    more other letters or digits (Latin, numbers). Punctuation, spaces and a change of script end a
    run; a lone character is no term."""
    text = normalise(text)
    return _HAN_PAIR.findall(text) + _OTHER_RUN.findall(text)


def index_text(*parts: str) -> str:
    """The value of `search_text` for a record made of these texts: distinct terms, space-separated.
    Each part is read on its own, so no pair spans two fields."""
    seen: dict[str, None] = {}
    for part in parts:
        if part:
            seen.update(dict.fromkeys(_terms(part)))
    return " ".join(seen)


def query_tokens(q: str) -> list[str]:
    """The terms a query must all match; empty when it has none (a single character)."""
    return list(dict.fromkeys(_terms(q)))


def phrase(q: str) -> str:
    """The query as one run of three or more Han characters (normalised), else "". Its pairs narrow
    the candidates, but an index without positions cannot tell 垃圾堆放 from 垃圾…圾堆…堆放, so such a
    query is also checked as a substring of the texts (on the candidates only)."""
    q = normalise(q).strip()
    return q if len(q) > 2 and _HAN_RUN.fullmatch(q) else ""


def may_be_number(q: str) -> bool:
    """Could the query be (part of) a case number? Numbers carry ASCII letters or digits; a query
    without any is not tried against them (that LIKE would scan every row)."""
    return any(ch.isascii() and ch.isalnum() for ch in normalise(q))


def fill(obj: Model) -> str:
    """Set `obj.search_text` from its model's SEARCH_FIELDS (call before saving); returns it."""
    value = index_text(*(str(getattr(obj, name) or "") for name in obj.SEARCH_FIELDS))  # type: ignore[attr-defined]
    setattr(obj, FIELD, value)
    return value


def fts_table(db_table: str) -> str:
    return f"{db_table}_fts"


# A text search counts its matches up to this many; the page shows "1,000+ 条" beyond it
# (fazhi.core.pagination). An exact count of a common word costs a row lookup per match.
COUNT_CAP = 1000


def count_cap_for(q: str) -> int | None:
    """The count cap of a list filtered by the search text `q` (None: count exactly)."""
    return COUNT_CAP if (q or "").strip() else None


# SQLite: from how many matches a query with a LIMIT reads rows instead of the index first. Reading
# the index first collects every matching rowid (about 0.2 µs each) before the first row; checking a
# row's own search_text costs about 0.7 µs, and a page in list order stops after 20 matches. The
# capped count has no order: it reads the index first up to WALK_COUNT matches (measured at
# 1,000,000 texts: bench/search_probe.py, docs/architecture.md).
WALK_PAGE = 2000
WALK_COUNT = 60000
_seen: dict[tuple[str, str, str, int], tuple[float, int]] = {}  # (alias, fts, match, n) → (when, found)


def matches_up_to(connection: Any, quoted_fts: str, match: str, n: int) -> int:
    """SQLite: how many rows match, counted up to n (reads at most n rowids of the FTS5 index; kept
    10 s, as the page and its count ask in turn — it only chooses a plan, never the result)."""
    key, now = (connection.alias, quoted_fts, match, n), time.monotonic()
    hit = _seen.get(key)
    if hit and now - hit[0] < 10:
        return hit[1]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {quoted_fts} WHERE {quoted_fts} MATCH %s LIMIT %s)",
            [match, n],
        )
        found = int(cursor.fetchone()[0])
    if len(_seen) > 256:
        _seen.clear()
    _seen[key] = (now, found)
    return found


def pg_estimate(connection: Any, table: str, token: str) -> int:
    """PostgreSQL: the planner's estimate of the rows holding one term (from the column's statistics;
    planning only, a fraction of a ms)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f'EXPLAIN (FORMAT JSON) SELECT 1 FROM "{table}" '
            f"WHERE {VECTOR} @@ plainto_tsquery('simple'::regconfig, %s)",
            [token],
        )
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


class TextMatch(Expression):
    """True where the row's search_text holds every token (a boolean usable in filter() and Q).

    SQLite: `pk IN (SELECT rowid FROM <table>_fts WHERE … MATCH …)`; PostgreSQL: `to_tsvector(…) @@
    plainto_tsquery(…)`, the expression the GIN index is built on. Other databases: LIKE per token.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(
        self, db_table: str, tokens: list[str], pk: str = "pk", field: str = FIELD, phrase: bool = False
    ) -> None:
        super().__init__()
        self.db_table, self.tokens, self.phrase = db_table, list(tokens), phrase
        self.source_expressions: list[Any] = [F(pk), F(field)]

    def get_source_expressions(self) -> list[Any]:
        return self.source_expressions

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.source_expressions = list(exprs)

    def as_sqlite(self, compiler: SQLCompiler, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        table = connection.ops.quote_name(fts_table(self.db_table))
        match = " ".join('"{}"'.format(t.replace('"', '""')) for t in self.tokens)
        query = compiler.query
        if query.high_mark is not None:  # a page or a capped count: it may stop early
            ordered = bool(query.order_by) or (query.default_ordering and bool(query.get_meta().ordering))
            walk_from = WALK_PAGE if ordered else WALK_COUNT
            if matches_up_to(connection, table, match, WALK_COUNT) >= walk_from:
                # A common word: read rows (in list order, or any order for a count) and check each
                # row's own terms; the first page or the cap comes long before the end of the table.
                col_sql, col_params = compiler.compile(self.source_expressions[1])
                checks = " AND ".join(f"instr(' ' || {col_sql} || ' ', %s) > 0" for _ in self.tokens)
                params: list[Any] = []
                for token in self.tokens:
                    params += [*col_params, f" {token} "]
                if not ordered:
                    # Tell the planner the check is selective: it then reads the table in order
                    # (stopping at the cap) instead of going unit by unit through an index.
                    return f"likelihood(({checks}), 0.01)", params
                return f"({checks})", params
        return f"{pk_sql} IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)", [*pk_params, match]

    def as_postgresql(self, compiler: SQLCompiler, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        # The stored tsvector column next to search_text (same table alias), GIN-indexed.
        col_sql, col_params = compiler.compile(self.source_expressions[1])
        vector = col_sql[: col_sql.rindex(".") + 1] + VECTOR if "." in col_sql else VECTOR
        tokens = self.tokens
        if self.phrase and len(tokens) > 1:
            # The pairs of one phrase go together (安全隐患: 安全, 全隐, 隐患); the planner multiplies
            # their frequencies as if independent, thinks a common phrase rare and sorts all its
            # matches. The phrase is checked as written anyway, so the index needs only its rarest
            # pair, whose estimate the column statistics give right.
            tokens = [min(tokens, key=lambda t: pg_estimate(connection, self.db_table, t))]
        sql = f"{vector} @@ plainto_tsquery('simple'::regconfig, %s)"
        return sql, [*col_params, " ".join(tokens)]

    def as_sql(self, compiler: SQLCompiler, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        col_sql, col_params = compiler.compile(self.source_expressions[1])
        parts = [f"{col_sql} LIKE %s" for _ in self.tokens]
        params: list[Any] = []
        for token in self.tokens:
            params += [*col_params, f"%{token}%"]
        return "(" + " AND ".join(parts) + ")", params


def search_q(model: type[Model], q: str, *, fallback: Q | None = None) -> Q:
    """A condition matching the records of `model` whose texts hold the query (see the module
    docstring). A query of three or more Han characters in a row must also appear as written in one of
    the model's SEARCH_FIELDS (checked on the index's candidates only). When the query has no term,
    `fallback` (a substring filter on the source fields) is used instead, or nothing matches."""
    tokens = query_tokens(q)
    if not tokens:
        return fallback if fallback is not None else Q(pk__in=[])
    run = phrase(q)
    pk = model._meta.pk.attname  # type: ignore[union-attr]
    cond = Q(TextMatch(model._meta.db_table, tokens, pk=pk, phrase=bool(run)))
    if run:
        written = Q()
        for name in model.SEARCH_FIELDS:  # type: ignore[attr-defined]
            written |= Q(**{f"{name}__contains": run})
        cond &= written
    return cond


def search_filter(qs: Any, q: str, *, fallback: Q | None = None) -> Any:
    """`qs` restricted to the records matching `q` (a join or subquery, never a list of ids)."""
    return qs.filter(search_q(qs.model, q, fallback=fallback))


# --- installing the index --------------------------------------------------------------------------


def _sqlite_statements(db_table: str, pk: str) -> list[str]:
    fts = fts_table(db_table)
    return [
        # External content: the FTS table stores only the index, the text stays in the base table.
        # detail=none, columnsize=0: no positions or lengths (no phrase queries, no ranking) — the
        # search is an AND of whole tokens, and the index is a fraction of the size.
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5({FIELD}, content="{db_table}", '
        f"content_rowid=\"{pk}\", tokenize='unicode61 remove_diacritics 0', detail=none, columnsize=0)",
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_ai" AFTER INSERT ON "{db_table}" BEGIN '
        f'INSERT INTO "{fts}"(rowid, {FIELD}) VALUES (new."{pk}", new.{FIELD}); END',
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_ad" AFTER DELETE ON "{db_table}" BEGIN '
        f'INSERT INTO "{fts}"("{fts}", rowid, {FIELD}) VALUES (\'delete\', old."{pk}", old.{FIELD}); END',
        # Only when the text changed: status updates save the whole row and must not churn the index.
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_au" AFTER UPDATE ON "{db_table}" '
        f"WHEN old.{FIELD} IS NOT new.{FIELD} BEGIN "
        f'INSERT INTO "{fts}"("{fts}", rowid, {FIELD}) VALUES (\'delete\', old."{pk}", old.{FIELD}); '
        f'INSERT INTO "{fts}"(rowid, {FIELD}) VALUES (new."{pk}", new.{FIELD}); END',
    ]


def _pg_index(db_table: str) -> str:
    return f"{db_table}_search"[:63]


def install(connection: Any, db_table: str, pk: str = "id") -> bool:
    """Create the index of one table if missing (idempotent). SQLite: the FTS5 table and its three
    triggers, rebuilt from the base table when anything was missing (a table remade by a later
    migration loses its triggers); PostgreSQL: the GIN expression index. Returns True if it built."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            fts = fts_table(db_table)
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
                [fts, f"{fts}_ai", f"{fts}_ad", f"{fts}_au"],
            )
            if cursor.fetchone()[0] == 4:
                return False
            for statement in _sqlite_statements(db_table, pk):
                cursor.execute(statement)
            cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
            return True
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM pg_indexes WHERE indexname = %s AND indexdef LIKE %s",
                [_pg_index(db_table), f"%({VECTOR})%"],
            )
            if cursor.fetchone():
                return False
            # A stored column: a row checked while walking the list order is not re-parsed.
            cursor.execute(f'DROP INDEX IF EXISTS "{_pg_index(db_table)}"')
            cursor.execute(
                f'ALTER TABLE "{db_table}" ADD COLUMN IF NOT EXISTS {VECTOR} tsvector '
                f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce({FIELD}, ''))) STORED"
            )
            cursor.execute(f'CREATE INDEX "{_pg_index(db_table)}" ON "{db_table}" USING gin ({VECTOR})')
            # Statistics on more words, so the planner's estimate of a word's frequency holds longer.
            cursor.execute(f'ALTER TABLE "{db_table}" ALTER COLUMN {VECTOR} SET STATISTICS 1000')
            return True
    return False


def uninstall(connection: Any, db_table: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            fts = fts_table(db_table)
            for suffix in ("_ai", "_ad", "_au"):
                cursor.execute(f'DROP TRIGGER IF EXISTS "{fts}{suffix}"')
            cursor.execute(f'DROP TABLE IF EXISTS "{fts}"')
        elif connection.vendor == "postgresql":
            cursor.execute(f'DROP INDEX IF EXISTS "{_pg_index(db_table)}"')
            cursor.execute(f'ALTER TABLE "{db_table}" DROP COLUMN IF EXISTS {VECTOR}')


def searchable_models() -> list[type[Model]]:
    """Every installed model with a search_text column (found through the app registry)."""
    from django.apps import apps

    return [m for m in apps.get_models() if any(f.name == FIELD for f in m._meta.concrete_fields)]


def install_all(using: str = "default", **_: Any) -> None:
    """post_migrate: make sure every searchable table has its index and triggers."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    for model in searchable_models():
        if model._meta.db_table in existing:
            install(connection, model._meta.db_table, model._meta.pk.column)  # type: ignore[union-attr]


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def rebuild(model: Any, fields: Iterable[str] | None = None, *, batch_size: int = 2000) -> int:
    """Recompute search_text of every row of `model` in batches (keyset pagination on the pk, one
    transaction per batch); rows whose value is already right are not written. Works with the
    historical models of a migration when `fields` is given. Returns the number of rows changed."""
    from django.db import transaction

    names = tuple(fields if fields is not None else model.SEARCH_FIELDS)
    changed, last = 0, None
    while True:
        qs = model._default_manager.order_by("pk").only("pk", FIELD, *names)
        if last is not None:
            qs = qs.filter(pk__gt=last)
        rows = list(qs[:batch_size])
        if not rows:
            return changed
        stale = []
        for row in rows:
            value = index_text(*(str(getattr(row, n) or "") for n in names))
            if getattr(row, FIELD) != value:
                setattr(row, FIELD, value)
                stale.append(row)
        if stale:
            with transaction.atomic():
                model._default_manager.bulk_update(stale, [FIELD], batch_size=500)
        changed += len(stale)
        last = rows[-1].pk
