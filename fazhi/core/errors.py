"""One application-error root and its kinds; the API and the pages map each to one response shape.

{"code": ..., "message": <Chinese>, "fields": {name: message}}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class FazhiError(Exception):
    """Root of every error a user is meant to read."""

    code = "error"
    status = 400

    def __init__(self, message: str, *, fields: Mapping[str, str] | None = None, **extra: object) -> None:
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})
        self.extra = extra

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "fields": self.fields, **self.extra}


class ValidationFailed(FazhiError):
    """Bad input: names the field and the rule it broke."""

    code = "invalid"
    status = 400

    @classmethod
    def field(cls, name: str, message: str) -> ValidationFailed:
        return cls(message, fields={name: message})


class NotFound(FazhiError):
    """Missing, or outside the actor's data scope — the two are indistinguishable on purpose."""

    code = "not_found"
    status = 404

    def __init__(self, message: str = "记录不存在或无权查看", **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class NotAllowed(FazhiError):
    """A visible record the actor may not change (or an action the actor's roles do not grant)."""

    code = "forbidden"
    status = 403

    def __init__(self, message: str = "无权执行此操作", **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class InvalidTransition(FazhiError):
    """An action not allowed in the record's current status; carries the allowed actions."""

    code = "invalid_transition"
    status = 409

    def __init__(self, *, status: str, status_label: str, action: str, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        super().__init__(
            f"当前状态“{status_label}”下不能执行“{action}”",
            status=status,
            allowed_actions=allowed,
        )


class Conflict(FazhiError):
    """The request clashes with existing data (a duplicate, a stale edit)."""

    code = "conflict"
    status = 409


def collect(errors: dict[str, str]) -> None:
    """Raise one ValidationFailed naming every bad field at once, if there are any."""
    if errors:
        first = next(iter(errors.values()))
        raise ValidationFailed(
            first if len(errors) == 1 else f"{len(errors)} 项输入有误：{first}", fields=errors
        )


BUSY_MESSAGE = "系统繁忙：数据正由其他操作写入，本次操作未保存，请稍后重试"


def database_busy(exc: BaseException) -> bool:
    """SQLite's "database is locked": a writer waited its busy timeout behind a longer one.

    Users get 503 and BUSY_MESSAGE (nothing was saved; retrying succeeds once the long write ends),
    never a 500. PostgreSQL locks rows, not the database, and waits instead.
    """
    from django.db import OperationalError

    return isinstance(exc, OperationalError) and "database is locked" in str(exc)
