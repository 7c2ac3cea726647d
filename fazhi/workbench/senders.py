"""Outbound channels beyond the in-app notification: SMS and e-mail are pluggable; console by default.

A deployment lists sender classes in FAZHI_SENDERS (dotted paths); each gets every notification the
sweep writes. The console sender writes one line to the log, which is what an air-gapped office has
until an SMS gateway on the government network is configured.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("fazhi.notify")


class Sender(Protocol):
    def send(self, *, recipient: Any, title: str, body: str, link: str) -> None: ...


class ConsoleSender:
    def send(self, *, recipient: Any, title: str, body: str, link: str) -> None:
        log.warning("通知 %s：%s %s", getattr(recipient, "username", recipient), title, link)


def senders() -> list[Sender]:
    paths = getattr(settings, "FAZHI_SENDERS", ["fazhi.workbench.senders.ConsoleSender"])
    return [import_string(path)() for path in paths]
