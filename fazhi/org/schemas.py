from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class TokenIn(Schema):
    username: str = Field(..., max_length=150)
    password: str = Field(..., max_length=256)
    otp: str = Field("", max_length=10, description="已启用动态口令的账号须填写")


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"
    expires_at: datetime
    must_enrol_totp: bool
    password_expired: bool


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    code: str
    parent_id: int | None
    phone: str
    households: int | None
    is_active: bool


class UnitIn(Schema):
    name: str = Field(..., max_length=100)
    kind: str
    code: str = Field(..., max_length=40)
    parent_id: int | None = None
    phone: str = Field("", max_length=40)
    households: int | None = None


class UnitPatch(Schema):
    name: str | None = Field(None, max_length=100)
    phone: str | None = Field(None, max_length=40)
    households: int | None = None
    is_active: bool | None = None


class UnitNode(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    code: str
    children: list[UnitNode]


class RoleOut(Schema):
    code: str
    name: str
    permissions: list[str]
    data_scope: str
    admin_kind: str
    requires_2fa: bool
    is_leader: bool
    custom_unit_ids: list[int]


class RoleIn(Schema):
    name: str = Field(..., max_length=60)
    permissions: list[str] = []
    data_scope: str
    custom_unit_ids: list[int] = []
    is_leader: bool = False


class AccountOut(Schema):
    id: int
    username: str
    display_name: str
    unit_id: int | None
    unit_name: str
    roles: list[str]
    phone: str  # masked
    is_active: bool
    last_login: datetime | None


class AccountIn(Schema):
    username: str = Field(..., max_length=150)
    display_name: str = Field(..., max_length=60)
    unit_id: int | None = None
    password: str = Field(..., max_length=128)
    roles: list[str] = []
    phone: str = Field("", max_length=20)


class AccountPatch(Schema):
    display_name: str | None = Field(None, max_length=60)
    unit_id: int | None = None
    roles: list[str] | None = None
    is_active: bool | None = None
    phone: str | None = Field(None, max_length=20)


class RevealIn(Schema):
    purpose: str = Field(..., max_length=200, description="查询事由")


class RevealOut(Schema):
    field: str
    value: str


class AuditOut(Schema):
    seq: int
    at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    object_type: str
    object_id: str
    outcome: str
    ip: str
    request_id: str
    data: dict


class ProfileOut(Schema):
    id: int
    username: str
    display_name: str
    unit_id: int | None
    unit_name: str
    roles: list[str]
    permissions: list[str]
    phone: str  # masked
    totp_enabled: bool
    password_expired: bool


class PasswordIn(Schema):
    old_password: str = Field(..., max_length=128)
    new_password: str = Field(..., max_length=128)


class Page(Schema):
    count: int
    page: int
    page_size: int
