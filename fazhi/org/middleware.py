"""Account policy for page sessions: an expired password or a missing required TOTP device confines
the session to the profile page until it is fixed (等保: periodic change, 2FA for administrators)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

ALLOWED_PREFIXES = ("/profile/", "/logout/", "/static/", "/login/", "/api/")


class AccountPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(ALLOWED_PREFIXES):
            from fazhi.org.auth import confirmed_totp, password_expired, requires_2fa

            if password_expired(user):
                return redirect("/profile/?reason=password_expired")
            if requires_2fa(user) and confirmed_totp(user) is None:
                return redirect("/profile/?reason=totp_required")
        return self.get_response(request)
