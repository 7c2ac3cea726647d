"""What can be supervised: each app registers a resolver for its record type, so the supervision app
issues orders on petitions, disputes or anything else without importing them.

    targets.register("petitions.petition", resolve_petition)   # in the app's AppConfig.ready
    target = targets.resolve(actor=actor, object_type="petitions.petition", object_id="42")

A resolver fetches the record through the actor's scope (NotFound like missing otherwise).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fazhi.core.errors import ValidationFailed


@dataclass(frozen=True)
class Target:
    obj: Any
    unit: Any
    label: str  # "SH-XF-2022-0001 拖欠工资"
    link: str  # the record's page
    assignee: Any = None  # who must reply by default (the handler, the case leader …)


Resolver = Callable[..., Target]  # resolver(*, actor, object_id) -> Target
RESOLVERS: dict[str, tuple[str, Resolver]] = {}


def register(object_type: str, label: str, resolver: Resolver) -> None:
    RESOLVERS[object_type] = (label, resolver)


def resolve(*, actor: Any, object_type: str, object_id: str) -> Target:
    if object_type not in RESOLVERS:
        known = "、".join(f"{code}（{label}）" for code, (label, _) in RESOLVERS.items())
        raise ValidationFailed.field("object_type", f"不能督办的记录类型“{object_type}”，可督办：{known}")
    return RESOLVERS[object_type][1](actor=actor, object_id=object_id)


def type_label(object_type: str) -> str:
    return RESOLVERS.get(object_type, (object_type, None))[0]
