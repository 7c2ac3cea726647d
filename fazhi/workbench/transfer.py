"""Export and import registries: every list with an 导出 button and every ledger with an import page.

An app registers an ExportSpec (its ledger and a function yielding the filtered, scoped rows) and an
ImportSpec (its ledger and the service that imports a file). The workbench turns each into a job with
progress (`/jobs/<id>/`), so a long export or import survives a page reload.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from fazhi.core.ledgers import ImportResult, Ledger, Progress


@dataclass(frozen=True)
class ExportSpec:
    name: str  # "org.units"
    title: str  # 单位台账
    ledger: Ledger
    rows: Callable[[Any, dict[str, str]], Iterator[dict[str, Any]]]  # (actor, filters) -> rows
    permission: str | None = None
    count: Callable[[Any, dict[str, str]], int] | None = None  # for the progress bar


@dataclass(frozen=True)
class ImportSpec:
    name: str
    title: str
    ledger: Ledger
    # (actor, file bytes, file name, extra form fields, progress) -> ImportResult
    run: Callable[[Any, bytes, str, dict[str, str], Progress | None], ImportResult]
    permission: str | None = None
    back_url: str = "/"
    extra_fields: list[tuple[str, str, str]] = field(default_factory=list)  # (name, label, input type)
    help: str = ""


EXPORTS: dict[str, ExportSpec] = {}
IMPORTS: dict[str, ImportSpec] = {}


def register_export(spec: ExportSpec) -> None:
    EXPORTS[spec.name] = spec


def register_import(spec: ImportSpec) -> None:
    IMPORTS[spec.name] = spec
