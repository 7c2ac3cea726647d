"""The unit tree, staff accounts, roles with data scopes, participation grants, API tokens, login log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from treebeard.mp_tree import MP_Node

from fazhi.core.crypto import EncryptedTextField


class UnitKind(models.TextChoices):
    COUNTY = "county", "县（区）"
    SUBDISTRICT = "subdistrict", "街道"
    COMMUNITY = "community", "社区"
    GRID = "grid", "网格"
    DEPARTMENT = "department", "科室"


class Unit(MP_Node):
    """A node of the one org tree. `path` is a materialised path: a subtree is a prefix match."""

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=16, choices=UnitKind.choices)
    code = models.CharField("编码", max_length=40, unique=True)
    phone = models.CharField("公开电话", max_length=40, blank=True)
    households = models.PositiveIntegerField("户数", null=True, blank=True)
    is_active = models.BooleanField("启用", default=True)

    node_order_by = ["code"]

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"

    def __str__(self) -> str:
        return self.name

    def ancestor_paths(self) -> list[str]:
        """Paths of the ancestors, root first (treebeard paths are fixed-width steps)."""
        return [self.path[:end] for end in range(self.steplen, len(self.path), self.steplen)]


def unit_add(parent: Unit | None, **fields: object) -> Unit:
    """Insert a unit under `parent` (None: a new root). Callers hold the transaction."""
    if parent is None:
        return Unit.objects.add_root(create_kwargs=fields)
    return Unit.objects.add_child(parent, create_kwargs=fields)


class DataScope(models.TextChoices):
    ALL = "all", "全部"
    SUBDISTRICT = "subdistrict", "所在街道全部"
    UNIT_AND_BELOW = "unit_and_below", "本单位及下级"
    UNIT = "unit", "本单位"
    CUSTOM = "custom", "自定义单位"
    OWN = "own", "仅本人"


class AdminKind(models.TextChoices):
    NONE = "", "—"
    SYSTEM = "system", "系统管理员"
    SECURITY = "security", "安全管理员"
    AUDIT = "audit", "审计管理员"


class Role(models.Model):
    code = models.CharField("编码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=60)
    permissions = models.JSONField("权限", default=list, blank=True)
    data_scope = models.CharField("数据权限", max_length=16, choices=DataScope.choices, default=DataScope.OWN)
    custom_units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name="自定义单位")
    admin_kind = models.CharField(
        "管理员类别", max_length=16, choices=AdminKind.choices, blank=True, default=""
    )
    requires_2fa = models.BooleanField("须双因素登录", default=False)
    is_leader = models.BooleanField("领导角色", default=False, help_text="可担任包案领导")

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff account. Belongs to one unit; holds roles. No unit: sees nothing (fail closed)."""

    display_name = models.CharField("姓名", max_length=60, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name="所属单位"
    )
    roles = models.ManyToManyField(Role, blank=True, related_name="users", verbose_name="角色")
    phone = EncryptedTextField("手机号", blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    class Meta:
        verbose_name = "账号"
        verbose_name_plural = "账号"

    def __str__(self) -> str:
        return self.display_name or self.username

    # The Django admin asks for Django model permissions; an account whose roles grant 维护基础数据
    # holds them for the master data the admin shows (nothing else is registered there).
    def has_perm(self, perm: str, obj: models.Model | None = None) -> bool:
        from fazhi.org.scope import has_perm

        return super().has_perm(perm, obj) or (self.is_active and has_perm(self, "core.manage_master_data"))

    def has_module_perms(self, app_label: str) -> bool:
        from fazhi.org.scope import has_perm

        return super().has_module_perms(app_label) or (
            self.is_active and has_perm(self, "core.manage_master_data")
        )


class Assignment(models.Model):
    """A participation grant: whoever is assigned to a record sees it whatever their data scope."""

    class Kind(models.TextChoices):
        HANDLER = "handler", "承办人"
        CO_HANDLER = "co_handler", "协办人"
        APPROVER = "approver", "审批人"
        SUPERVISOR = "supervisor", "督办人"
        CASE_LEADER = "case_leader", "包案领导"
        MEDIATOR = "mediator", "调解员"
        CARE_MEMBER = "care_member", "专班成员"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.BigIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "参与授权"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user", "kind"], name="assignment_unique"
            ),
        ]
        # Serves the scope subquery "records of this type assigned to this user".
        indexes = [models.Index(fields=["user", "content_type", "object_id"], name="assignment_user")]


class ApiToken(models.Model):
    """A bearer token for API clients: only its SHA-256 is stored; it expires and can be revoked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"


class LoginRecord(models.Model):
    """The login log (等保: date, user, event, outcome)."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", "成功"
        BAD_PASSWORD = "bad_password", "密码错误"
        BAD_OTP = "bad_otp", "动态口令错误"
        LOCKED = "locked", "账号锁定"
        INACTIVE = "inactive", "账号停用"
        LOGOUT = "logout", "退出"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    ip = models.CharField(max_length=64, blank=True)
    channel = models.CharField(max_length=8, default="web")  # web / api
    outcome = models.CharField(max_length=16, choices=Outcome.choices)

    class Meta:
        verbose_name = "登录日志"
        verbose_name_plural = "登录日志"
        ordering = ["-at"]
