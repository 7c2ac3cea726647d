"""Named pause points for the fault tests (fazhi/tests/reliability): never set in production.

`FAZHI_FAULT_POINT=<name>=<folder>` makes the process that reaches `fault_point(<name>)` announce itself
and stop there, in the middle of its transaction, until told to go on — so a test can kill -9 it at a
known point without guessing with sleeps. The folder holds two FIFOs made by the test: the process
writes its pid into `reached` (the open blocks until the test reads), then waits on `release` (the test
writes to it to let the process go on, or kills it instead). Unset, a fault point is one dict lookup.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "FAZHI_FAULT_POINT"


def fault_point(name: str) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    point, _, folder = spec.partition("=")
    if point != name or not folder:
        return
    where = Path(folder)
    with open(where / "reached", "w") as reached:  # blocks until the test opens it for reading
        reached.write(str(os.getpid()))
    with open(where / "release") as release:  # blocks until the test lets go (or kills us)
        release.read()
