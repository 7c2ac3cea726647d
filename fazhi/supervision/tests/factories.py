"""Supervision orders on a community A petition, built through the services (tests only)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.petitions.tests.factories import make
from fazhi.supervision import services
from fazhi.testing import persona


def order(*, replied: bool = False, level: str = "remind", on: date = date(2022, 10, 10)) -> Any:
    petition = make("accepted")
    o = services.order_issue(
        actor=persona("leader"),
        object_type="petitions.petition",
        object_id=str(petition.pk),
        level=level,
        reason="办理进度缓慢，请加快办理并书面回复",
        on=on,
    )
    if replied:
        o = services.order_reply(
            actor=persona("clerk"),
            order_id=o.pk,
            text="已督促承办人，本周内答复信访人",
            on=date(2022, 10, 12),
        )
    return o
