"""Show a service error on a page form (the same placement as the workbench pages use)."""

from __future__ import annotations

from typing import Any

from fazhi.core.errors import FazhiError


def form_errors(form: Any, exc: FazhiError) -> None:
    """Field messages beside their fields, the rest on top of the form."""
    placed = False
    for name, message in exc.fields.items():
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def fields_of(form: Any) -> Any:
    """A form's fields, to set choices at request time (the choices depend on the actor's scope)."""
    return form.fields
