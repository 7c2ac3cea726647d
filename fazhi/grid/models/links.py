"""一网三联: cadres linked to grids (干部联网格) with their visit log, party members linked to households
(党员联居民) with their contact records; the grid's public card (公示牌) and its rosters; 四进网格
activities."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.crypto import EncryptedTextField
from fazhi.org.models import Unit


class GridProfile(models.Model):
    """What 滨州条例 Art. 6 requires to be posted: name, area, worker and phone, complaint phone."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="+")
    area = models.CharField("区域范围", max_length=300, blank=True)
    complaint_phone = models.CharField("监督电话", max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "网格公示信息"
        verbose_name_plural = "网格公示信息"


class RosterRole(models.TextChoices):
    GRID_WORKER = "grid_worker", "专职网格员"
    BUILDING_HEAD = "building_head", "楼长"
    ENTRANCE_HEAD = "entrance_head", "单元长"
    VOLUNTEER = "volunteer", "志愿者"
    NOTABLE = "notable", "社区名人"


class RosterMember(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="网格")
    role = models.CharField("角色", max_length=16, choices=RosterRole.choices)
    name = models.CharField("姓名", max_length=60)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    building = models.ForeignKey(
        "people.Building", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entrance = models.ForeignKey(
        "people.Entrance", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A grid worker's phone is posted publicly (滨州条例 Art. 6); anyone else's is personal data.
    phone = EncryptedTextField("联系电话", blank=True, default="")
    specialty = models.CharField("特长/职务", max_length=100, blank=True)
    since = models.DateField("起始日期")
    is_active = models.BooleanField("在任", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "网格名册"
        verbose_name_plural = "网格名册"
        ordering = ["unit", "role", "name"]


class CadreGridLink(models.Model):
    cadre = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="网格")
    duty = models.CharField("包联职责", max_length=100, blank=True)
    since = models.DateField("起始日期")
    is_active = models.BooleanField("在联", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "干部联网格"
        verbose_name_plural = "干部联网格"
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "unit"], condition=models.Q(is_active=True), name="grid_cadre_link_once"
            )
        ]


class CadreVisit(models.Model):
    link = models.ForeignKey(CadreGridLink, on_delete=models.PROTECT, related_name="visits")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    visited_on = models.DateField("日期")
    content = models.TextField("内容")
    issues = models.PositiveSmallIntegerField("收集问题数", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "干部下网格记录"
        verbose_name_plural = "干部下网格记录"
        ordering = ["-visited_on", "-pk"]


class PartyMemberLink(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="网格")
    member = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="+", verbose_name="党员"
    )
    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, related_name="+", verbose_name="联系户"
    )
    since = models.DateField("起始日期")
    is_active = models.BooleanField("在联", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "党员联居民"
        verbose_name_plural = "党员联居民"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "household"],
                condition=models.Q(is_active=True),
                name="grid_party_link_once",
            )
        ]


class PartyContact(models.Model):
    class Method(models.TextChoices):
        VISIT = "visit", "入户"
        PHONE = "phone", "电话"
        WECHAT = "wechat", "微信"
        ACTIVITY = "activity", "活动中"

    link = models.ForeignKey(PartyMemberLink, on_delete=models.PROTECT, related_name="contacts")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    contacted_on = models.DateField("日期")
    method = models.CharField("方式", max_length=10, choices=Method.choices)
    content = models.TextField("内容")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "党员联系记录"
        verbose_name_plural = "党员联系记录"
        ordering = ["-contacted_on", "-pk"]


class ActivityKind(models.TextChoices):
    ORGANISATION = "organisation", "组织进网格"
    CONSULTATION = "consultation", "协商进网格"
    CREDIT = "credit", "信用进网格"
    SERVICE = "service", "服务进网格"


class GridActivity(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="网格")
    kind = models.CharField("类别", max_length=16, choices=ActivityKind.choices)
    held_on = models.DateField("日期", db_index=True)
    title = models.CharField("主题", max_length=100)
    participants = models.PositiveIntegerField("参与人数", default=0)
    content = models.TextField("内容")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "四进网格活动"
        verbose_name_plural = "四进网格活动"
        ordering = ["-held_on", "-pk"]
