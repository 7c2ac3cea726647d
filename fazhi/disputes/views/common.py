"""Helpers the pages share: errors onto forms, the generic one-form action page, file responses."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.errors import FazhiError
from fazhi.org.scope import has_perm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def require_page(request: HttpRequest, code: str) -> None:
    """Pages the menu does not offer answer like missing ones."""
    if not has_perm(request.user, code):
        raise Http404


def place_errors(
    exc: FazhiError, form: forms.Form, groups: dict[str, Sequence[forms.Form]] | None = None
) -> None:
    """Put a service error beside its field: "parties.1.phone" on the second party form's phone."""
    placed = False
    for name, message in exc.fields.items():
        head, _, rest = name.partition(".")
        if groups and head in groups and rest:
            index, _, field = rest.partition(".")
            group = groups[head]
            if index.isdigit() and int(index) < len(group) and field in group[int(index)].fields:
                group[int(index)].add_error(field, message)
                placed = True
                continue
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed or len(exc.fields) == 0:
        form.add_error(None, exc.message)


def file_response(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def action_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    done: str | Callable[[Any], str],
    message: str,
    title: str,
    back: str,
    context: dict[str, Any] | None = None,
    submit: str = "保存",
    template: str = "disputes/form.html",
) -> HttpResponse:
    """GET shows the form; a valid POST calls the service and returns to `done`; a refusal shows the
    service's message beside the fields it names."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except FazhiError as exc:
            if exc.status in (404, 403, 409):
                raise
            place_errors(exc, form)
        else:
            messages.success(request, message)
            return redirect(done(result) if callable(done) else done)
    ctx = {
        "form": form,
        "title": title,
        "back": back,
        "submit": submit,
        "multipart": any(isinstance(f.widget, forms.ClearableFileInput) for f in form.fields.values()),
    }
    ctx.update(context or {})
    return render(request, template, ctx)
