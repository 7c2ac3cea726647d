"""Workbench pages: login, logout, 我的待办, profile (password, TOTP), notifications, job progress."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from fazhi.core.errors import FazhiError
from fazhi.org import auth as org_auth
from fazhi.org import services as org_services
from fazhi.workbench import selectors, services
from fazhi.workbench.forms import LoginForm, OtpForm, PasswordForm
from fazhi.workbench.todo import todo_for


def form_errors(form: Any, exc: FazhiError) -> None:
    """Show a service error on the form: field messages beside their fields, the rest on top."""
    placed = False
    for name, message in exc.fields.items():
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    otp_required = False
    if request.method == "POST" and form.is_valid():
        try:
            result = org_auth.login_check(
                request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                otp=form.cleaned_data["otp"],
            )
        except FazhiError as exc:
            otp_required = bool(exc.extra.get("otp_required"))
            form_errors(form, exc)
        else:
            login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
            if result.device is not None:
                otp_login(request, result.device)
            next_url = request.GET.get("next", "/")
            return redirect(next_url if next_url.startswith("/") and not next_url.startswith("//") else "/")
    return render(request, "workbench/login.html", {"form": form, "otp_required": otp_required})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/login/")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = todo_for(request.user, today)
    rows = [(item, item.days_left(today)) for item in items]
    return render(
        request,
        "workbench/home.html",
        {
            "items": items,
            "rows": rows,
            "today": today,
            "overdue": sum(i.severity == "overdue" for i in items),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    password_form = PasswordForm(request.POST if request.POST.get("form") == "password" else None)
    otp_form = OtpForm(request.POST if request.POST.get("form") == "otp_confirm" else None)
    if request.method == "POST":
        action = request.POST.get("form")
        if action == "password" and password_form.is_valid():
            try:
                org_services.password_change(
                    actor=user,
                    old_password=password_form.cleaned_data["old_password"],
                    new_password=password_form.cleaned_data["new_password"],
                )
            except FazhiError as exc:
                form_errors(password_form, exc)
            else:
                from django.contrib.auth import update_session_auth_hash

                update_session_auth_hash(request, user)
                messages.success(request, "密码已修改")
                return redirect("/profile/")
        elif action == "otp_begin":
            org_services.totp_begin(actor=user)
            return redirect("/profile/#totp")
        elif action == "otp_confirm" and otp_form.is_valid():
            try:
                device = org_services.totp_confirm(actor=user, token=otp_form.cleaned_data["otp"])
            except FazhiError as exc:
                form_errors(otp_form, exc)
            else:
                otp_login(request, device)
                messages.success(request, "动态口令已启用，下次登录须填写")
                return redirect("/profile/")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    qr_svg = segno.make(pending.config_url, error="m").svg_inline(scale=4) if pending else ""
    return render(
        request,
        "workbench/profile.html",
        {
            "password_form": password_form,
            "otp_form": otp_form,
            "pending": pending,
            "qr_svg": qr_svg,
            "totp_enabled": org_auth.confirmed_totp(user) is not None,
            "totp_required": org_auth.requires_2fa(user),
            "password_expired": org_auth.password_expired(user),
            "reason": request.GET.get("reason", ""),
        },
    )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    items = selectors.notification_list_for(actor=request.user, unread_only=unread_only)[:200]
    return render(request, "workbench/notifications.html", {"items": items, "unread_only": unread_only})


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    note = services.notification_mark_read(actor=request.user, notification_id=notification_id)
    return redirect(note.link or "/notifications/")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(actor=request.user)
    return redirect("/notifications/")


@login_required
def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    job = selectors.job_get_for(actor=request.user, job_id=job_id)
    template = "workbench/_job.html" if request.htmx else "workbench/job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})


@login_required
def job_download(request: HttpRequest, job_id: str, which: str = "result") -> HttpResponse:
    job = selectors.job_get_for(actor=request.user, job_id=job_id)
    path, name = services.job_file(job=job, which=which)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name)
