from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.core.models import AuditEntry
from fazhi.org.models import LoginRecord
from fazhi.testing import PASSWORD, persona, totp_now

pytestmark = pytest.mark.django_db


def token(client: Client, username: str, password: str = PASSWORD, otp: str = ""):
    return client.post(
        "/api/v1/auth/token",
        {"username": username, "password": password, "otp": otp},
        content_type="application/json",
    )


def test_the_production_hasher_is_argon2():
    import importlib

    import fazhi.settings as production

    importlib.reload(production)
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_persona_gets_a_bearer_token_and_uses_it():
    response = token(Client(), "leader")
    assert response.status_code == 200
    raw = response.json()["token"]
    me = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert me.status_code == 200
    assert me.json()["username"] == "leader"


def test_a_revoked_token_stops_working():
    raw = token(Client(), "clerk").json()["token"]
    auth = {"Authorization": f"Bearer {raw}"}
    assert Client().delete("/api/v1/auth/token", headers=auth).status_code == 204
    assert Client().get("/api/v1/me", headers=auth).status_code == 401


def test_an_expired_token_is_refused():
    from fazhi.org.models import ApiToken

    raw = token(Client(), "clerk").json()["token"]
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_a_wrong_password_is_logged_and_answered_in_chinese():
    response = token(Client(), "clerk", password="wrong")
    assert response.status_code == 401
    assert response.json()["message"] == "用户名或密码错误"
    record = LoginRecord.objects.filter(username="clerk").first()
    assert record.outcome == LoginRecord.Outcome.BAD_PASSWORD
    assert AuditEntry.objects.filter(action="org.login", outcome="failed").exists()


def test_five_failures_lock_the_account_even_with_the_right_password_next():
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        token(client, "community_a", password="wrong")
    response = token(client, "community_a")
    assert response.status_code == 403
    assert "锁定30分钟" in response.json()["message"]
    assert LoginRecord.objects.filter(username="community_a", outcome="locked").exists()


def test_an_administrator_must_give_the_totp_code():
    response = token(Client(), "auditor")
    assert response.status_code == 401
    assert response.json()["fields"]["otp"]
    assert token(Client(), "auditor", otp=totp_now("auditor")).status_code == 200


def test_a_wrong_totp_code_is_refused_and_logged():
    response = token(Client(), "auditor", otp="000000" if totp_now("auditor") != "000000" else "111111")
    assert response.status_code == 401
    assert response.json()["fields"]["otp"] == "动态口令错误或已过期"
    assert LoginRecord.objects.filter(username="auditor", outcome="bad_otp").exists()


def test_an_administrator_without_a_device_cannot_use_the_api_until_enrolled():
    TOTPDevice.objects.filter(user__username="secadmin").delete()
    response = token(Client(), "secadmin")
    assert response.status_code == 401
    assert "绑定动态口令" in response.json()["message"]


def test_an_administrator_without_a_device_is_sent_to_enrol_on_the_pages():
    TOTPDevice.objects.filter(user__username="sysadmin").delete()
    client = Client()
    client.post("/login/", {"username": "sysadmin", "password": PASSWORD})
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/profile/?reason=totp_required"


def test_an_expired_password_confines_the_session_to_the_profile_page():
    user = persona("clerk")
    user.password_changed_at = timezone.now() - timedelta(days=settings.FAZHI_PASSWORD_MAX_AGE_DAYS + 1)
    user.save()
    client = Client()
    client.post("/login/", {"username": "clerk", "password": PASSWORD})
    assert client.get("/")["Location"] == "/profile/?reason=password_expired"
    assert client.get("/profile/").status_code == 200


def test_a_password_with_two_character_classes_is_refused():
    client = Client()
    raw = token(client, "clerk").json()["token"]
    response = client.post(
        "/api/v1/me/password",
        {"old_password": PASSWORD, "new_password": "abcdefgh123"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 400
    assert "至少3类" in response.json()["fields"]["new_password"]


def test_the_idle_timeout_is_thirty_minutes_and_renewed_by_each_request():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
