"""Writes lock shared rows in one order, so two concurrent writers never wait on each other in a cycle.

PostgreSQL found such a cycle under load (bench/load: 85 deadlocks in 19,204 requests): some services
locked an indicator measure's row before the audit chain, others after. This test loads the whole
少海街道 demo — every app's loader writes through its services — and the day's sweep, records which
tables each service call locks (`SELECT … FOR UPDATE`) and in what order, and fails on any two tables
locked in one order by one call and in the other by another: the shape of every deadlock between two
writers.

Only PostgreSQL takes these locks: on SQLite, Django leaves `FOR UPDATE` out (SQLite locks the whole
database per write transaction, so writers queue and cannot deadlock), and the test says so and skips.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from types import FrameType
from typing import Any

import pytest
from django.db import connection

from fazhi.org.demo import DemoContext
from fazhi.testing import PERSONAS, persona
from fazhi.workbench.scaling import app_modules
from fazhi.workbench.sweep import sweep_run

pytestmark = pytest.mark.django_db

CHAIN = "core_audithead"
TABLE = re.compile(r'\bFROM\s+"(\w+)"')
# Callers that are not one user action: the demo loaders and this test (each loader runs many actions
# in one transaction, which a request never does).
NOT_AN_ACTION = re.compile(r"^fazhi\.(\w+\.)?(demo\w*|tests?\.|testing)")


def _action(frame: FrameType | None) -> FrameType | None:
    """The outermost Fazhi frame that is not the demo or a test: the service call a request would make."""
    chain = []
    while frame is not None:
        chain.append(frame)
        frame = frame.f_back
    for f in reversed(chain):
        module = f.f_globals.get("__name__", "")
        if module.startswith("fazhi.") and not NOT_AN_ACTION.match(module + "."):
            return f
    return None


@contextmanager
def recorded_locks(
    action_of: Callable[[FrameType | None], object | None] = _action,
) -> Iterator[list[tuple[object, str]]]:
    """(action, table) for every row lock taken, in order. The actions are the service calls' frames:
    holding them keeps each alive, so two calls never share an identity."""
    taken: list[tuple[object, str]] = []

    def record(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if "FOR UPDATE" in sql:
            found = TABLE.search(sql)
            action = action_of(sys._getframe(1))
            if found and action is not None:
                taken.append((action, found.group(1)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield taken


def _name(action: object) -> str:
    if isinstance(action, FrameType):
        return f"{action.f_globals['__name__']}.{action.f_code.co_name}"
    return str(action)


def lock_orders(taken: list[tuple[object, str]]) -> dict[tuple[str, str], str]:
    """(first table, then table) → the action that locked them in that order, for the orders that can
    deadlock. Once an action holds the audit chain no other writer can be past that point, so the
    order of what it locks after the chain matters only against locks others take before theirs."""
    orders: dict[tuple[str, str], str] = {}
    held: list[str] = []  # up to and including the chain
    after: set[str] = set()  # locked while holding the chain
    current: object | None = None
    for action, table in taken:
        if action is not current:
            current, held, after = action, [], set()
        if table in held or table in after:
            continue  # a row of a table already locked: the audit chain, taken again by a nested step
        for earlier in held:
            orders.setdefault((earlier, table), _name(action))
        if CHAIN in held:
            after.add(table)
        else:
            held.append(table)
    return orders


@pytest.fixture
def postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite 不加行锁（Django 省略 SELECT … FOR UPDATE，写事务整库排队，不会死锁）："
            "锁顺序在 PostgreSQL 测试中检查"
        )


def test_every_service_locks_shared_rows_in_one_order(postgresql_only: None) -> None:
    ctx = DemoContext(password=None, users={name: persona(name) for name in PERSONAS})
    with recorded_locks() as taken:
        for _config, module in app_modules("demo"):
            module.load(ctx)
        sweep_run(today=date(2022, 12, 31))
    orders = lock_orders(taken)
    tables = {table for _, table in taken}
    # The demo reaches the shared rows: the audit chain, the measures' rows and the case counters.
    assert {"core_audithead", "core_indicatorstate", "petitions_casecounter"} <= tables
    assert ("core_audithead", "core_indicatorstate") in orders
    cycles = sorted(
        f"{a} → {b}（{orders[(a, b)]}）与 {b} → {a}（{orders[(b, a)]}）"
        for a, b in orders
        if a < b and (b, a) in orders
    )
    assert cycles == [], "\n".join(cycles)


def test_the_recorder_finds_two_actions_locking_in_opposite_orders(postgresql_only: None) -> None:
    """The check above is only as good as its recorder: two actions taking the same two rows in
    opposite orders are found."""
    from fazhi.core import audit, buckets

    measure = next(iter(buckets.MEASURES.values()))
    current = ["chain first"]
    with recorded_locks(action_of=lambda _frame: current[0]) as taken:
        audit.lock_chain()
        buckets._state(measure, lock=True)
        current[0] = "measure first"
        buckets._state(measure, lock=True)
        audit.lock_chain()
    orders = lock_orders(taken)
    assert orders[("core_audithead", "core_indicatorstate")] == "chain first"
    assert orders[("core_indicatorstate", "core_audithead")] == "measure first"
