"""Logging in: password (argon2, axes lockout), TOTP second factor, the login log. Pages and API share it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.core.audit import audit_record
from fazhi.core.errors import FazhiError
from fazhi.core.middleware import client_ip
from fazhi.org.models import LoginRecord, User
from fazhi.org.scope import roles_of


class LoginFailed(FazhiError):
    code = "login_failed"
    status = 401


class LockedOut(FazhiError):
    code = "locked"
    status = 403


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    return f"连续登录失败{settings.AXES_FAILURE_LIMIT}次，账号已锁定{minutes}分钟"


def lockout_response(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return JsonResponse({"code": "locked", "message": lockout_message(), "fields": {}}, status=403)


def requires_2fa(user: User) -> bool:
    return any(role.requires_2fa for role in roles_of(user))


def confirmed_totp(user: User) -> TOTPDevice | None:
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, TOTPDevice):
            return device
    return None


@dataclass(frozen=True)
class LoginResult:
    user: User
    device: TOTPDevice | None  # the verified device, for otp_login
    must_enrol_totp: bool
    password_expired: bool


def _record(request: HttpRequest, username: str, outcome: str, user: User | None, channel: str) -> None:
    LoginRecord.objects.create(
        username=username[:150], user=user, ip=client_ip(request), outcome=outcome, channel=channel
    )
    audit_record(
        actor=user,
        action="org.login",
        object_type="org.user",
        object_id=str(user.pk if user else ""),
        outcome="ok" if outcome == LoginRecord.Outcome.SUCCESS else "failed",
        data={"username": username[:150], "outcome": outcome, "channel": channel},
    )


def password_expired(user: User) -> bool:
    max_age = settings.FAZHI_PASSWORD_MAX_AGE_DAYS
    if not max_age:
        return False
    changed = user.password_changed_at or user.date_joined
    return timezone.now() - changed > timedelta(days=max_age)


def login_check(
    request: HttpRequest, *, username: str, password: str, otp: str = "", channel: str = "web"
) -> LoginResult:
    """Check credentials and the second factor; write the login log. Raises LoginFailed / LockedOut."""
    if AxesProxyHandler.is_locked(request, credentials={"username": username}):
        _record(request, username, LoginRecord.Outcome.LOCKED, None, channel)
        raise LockedOut(lockout_message())
    user = authenticate(request, username=username, password=password)
    if user is None:
        known = User.objects.filter(username=username).first()
        if AxesProxyHandler.is_locked(request, credentials={"username": username}):
            _record(request, username, LoginRecord.Outcome.LOCKED, known, channel)
            raise LockedOut(lockout_message())
        if known is not None and not known.is_active and known.check_password(password):
            _record(request, username, LoginRecord.Outcome.INACTIVE, known, channel)
            raise LoginFailed("账号已停用，请联系系统管理员")
        _record(request, username, LoginRecord.Outcome.BAD_PASSWORD, known, channel)
        raise LoginFailed("用户名或密码错误", fields={"password": "用户名或密码错误"})
    assert isinstance(user, User)
    device = confirmed_totp(user)
    if device is not None:
        if not otp:
            raise LoginFailed(
                "请输入动态口令", fields={"otp": "此账号已启用动态口令，须填写6位动态口令"}, otp_required=True
            )
        if not device.verify_token(otp.strip()):
            _record(request, username, LoginRecord.Outcome.BAD_OTP, user, channel)
            raise LoginFailed("动态口令错误", fields={"otp": "动态口令错误或已过期"}, otp_required=True)
    _record(request, username, LoginRecord.Outcome.SUCCESS, user, channel)
    return LoginResult(
        user=user,
        device=device,
        must_enrol_totp=device is None and requires_2fa(user),
        password_expired=password_expired(user),
    )
