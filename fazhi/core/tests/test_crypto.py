from __future__ import annotations

import json

import pytest
from django.db import connection

from fazhi.core import crypto
from fazhi.core.errors import ValidationFailed
from fazhi.core.idcard import id_number_clean, phone_clean
from fazhi.org.models import User
from fazhi.testing import persona

pytestmark = pytest.mark.django_db

VALID_ID = "11010519491231002X"


def raw_column(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cur:
        cur.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cur.fetchone()[0]


def test_a_phone_is_stored_encrypted_and_read_back_in_clear():
    user = persona("leader")
    stored = raw_column("org_user", "phone", user.pk)
    assert stored.startswith("fz1$") and "13905431001" not in stored
    assert User.objects.get(pk=user.pk).phone == "13905431001"


def test_the_same_value_encrypts_differently_each_time():
    assert crypto.encrypt("13800138000") != crypto.encrypt("13800138000")


def test_a_tampered_ciphertext_is_rejected_not_misread():
    sealed = crypto.encrypt("13800138000")
    prefix, kid, body = sealed.split("$")
    flipped = body[:-4] + ("AAAA" if body[-4:] != "AAAA" else "BBBB")
    with pytest.raises(Exception):  # noqa: B017 - cryptography raises InvalidTag
        crypto.decrypt(f"{prefix}${kid}${flipped}")


def test_the_blind_index_finds_by_exact_value_without_storing_it():
    user = persona("leader")
    index = crypto.blind_index("139 0543 1001", purpose="phone")
    assert User.objects.filter(phone_index=index).get() == user
    assert crypto.blind_index("13905431001", purpose="id_number") != index


def test_rotation_re_encrypts_under_a_new_key_and_keeps_values(settings, tmp_path):
    before = raw_column("org_user", "phone", persona("clerk").pk)
    kid, count = crypto.rotate()
    after = raw_column("org_user", "phone", persona("clerk").pk)
    assert crypto.key_id_of(after) == kid != crypto.key_id_of(before)
    assert count >= 9
    assert User.objects.get(username="clerk").phone == "13905431002"


def test_an_sm4_keyring_encrypts_with_sm4_and_indexes_with_sm3(settings, tmp_path):
    settings.FAZHI_KEYS_FILE = tmp_path / "keys.json"
    settings.FAZHI_CIPHER = "SM4-GCM"
    try:
        ring = crypto.reload_keyring()
        assert ring.active.alg == "SM4-GCM" and ring.index_alg == "HMAC-SM3"
        sealed = crypto.encrypt("13800138000")
        assert crypto.decrypt(sealed) == "13800138000"
        assert len(crypto.blind_index("13800138000", purpose="phone")) == 64
        assert json.loads((tmp_path / "keys.json").read_text())["keys"][ring.active_kid]["alg"] == "SM4-GCM"
    finally:
        settings.FAZHI_KEYS_FILE = settings.FAZHI_HOME / "keys.json"
        crypto.reload_keyring()


def test_masks_keep_only_what_identifies_nothing():
    assert crypto.mask_id_number("370211199001011234") == "3702**********1234"
    assert crypto.mask_phone("13856785678") == "138****5678"
    assert crypto.mask_name("欧阳娜娜") == "欧***"


def test_a_valid_id_number_is_normalised():
    assert id_number_clean("11010519491231002x") == VALID_ID


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("110105194912310021", "校验位不正确"),
        ("11010519491231002", "应为18位"),
        ("110105194913310021", "出生日期无效"),
        ("990105194912310023", "行政区划代码"),
        ("", "不能为空"),
    ],
)
def test_a_bad_id_number_names_the_rule_in_chinese(value, rule):
    with pytest.raises(ValidationFailed) as exc:
        id_number_clean(value, field="id_number")
    assert rule in exc.value.fields["id_number"]


def test_a_phone_number_must_look_like_one():
    assert phone_clean("138-0013-8000") == "13800138000"
    with pytest.raises(ValidationFailed, match="手机号格式不正确"):
        phone_clean("12345")


def test_id_numbers_are_judged_as_stdnum_judges_them_birth_place_by_birth_year():
    """The birth place is looked up once per (area code, birth year); the verdict must be stdnum's for
    every number — 110111 房山区 exists only from 1986, 110110 燕山区 only until 1986."""
    import random

    from stdnum.cn import ric

    rng = random.Random(11)
    areas = ["110111", "110110", "110112", "370211", "371625", "990105", "110105"]
    for _ in range(400):
        body = f"{rng.choice(areas)}{rng.randint(1940, 2020)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        body += f"{rng.randint(0, 999):03d}"
        number = body + ric.calc_check_digit(body + "0")
        try:
            id_number_clean(number)
            ours = True
        except ValidationFailed:
            ours = False
        assert ours == ric.is_valid(number), number
