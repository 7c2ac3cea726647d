"""Per-request facts (request id, client IP) that the audit log records without being passed around."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    request_id: str = ""
    ip: str = ""


_NONE = RequestInfo()
_current: contextvars.ContextVar[RequestInfo | None] = contextvars.ContextVar("fazhi_request", default=None)


def current() -> RequestInfo:
    return _current.get() or _NONE


def bind(info: RequestInfo) -> contextvars.Token[RequestInfo | None]:
    return _current.set(info)


def unbind(token: contextvars.Token[RequestInfo | None]) -> None:
    _current.reset(token)
