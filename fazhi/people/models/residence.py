"""Places and residents: building (楼栋) → entrance (单元) → household (户) → resident (居民).

Every row carries its grid (`unit`) so that one `scope_q(actor, Model)` decides visibility without a
join through the building. Personal data (ID number, phone) is encrypted at rest; exact search goes
through the keyed blind-index columns beside them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.crypto import EncryptedTextField
from fazhi.org.models import Unit


class LivingStatus(models.TextChoices):
    REGISTERED = "registered", "户籍"
    RESIDENT = "resident", "常住"
    FLOATING = "floating", "流动"


class Relation(models.TextChoices):
    HEAD = "head", "户主"
    SPOUSE = "spouse", "配偶"
    CHILD = "child", "子女"
    PARENT = "parent", "父母"
    GRANDCHILD = "grandchild", "孙子女"
    GRANDPARENT = "grandparent", "祖父母"
    SIBLING = "sibling", "兄弟姐妹"
    IN_LAW = "in_law", "儿媳/女婿"
    OTHER = "other", "其他"


class PoliticalStatus(models.TextChoices):
    MASSES = "masses", "群众"
    PARTY = "party", "中共党员"
    LEAGUE = "league", "共青团员"
    OTHER = "other", "其他"


class Building(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="网格")
    name = models.CharField("楼栋", max_length=40)  # "3号楼"
    address = models.CharField("地址", max_length=200, blank=True)
    floors = models.PositiveSmallIntegerField("层数", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "楼栋"
        verbose_name_plural = "楼栋"
        ordering = ["unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="people_building_unique")]

    def __str__(self) -> str:
        return self.name


class Entrance(models.Model):
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="entrances")
    name = models.CharField("单元", max_length=20)  # "1单元"

    class Meta:
        verbose_name = "单元"
        verbose_name_plural = "单元"
        ordering = ["building", "name"]
        constraints = [models.UniqueConstraint(fields=["building", "name"], name="people_entrance_unique")]

    def __str__(self) -> str:
        return self.name


class Household(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="网格")
    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="households")
    entrance = models.ForeignKey(
        Entrance, on_delete=models.PROTECT, null=True, blank=True, related_name="households"
    )
    room = models.CharField("房号", max_length=20)
    address = models.CharField("地址", max_length=200)  # "锦秋社区 3号楼1单元101", kept for search and lists
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "户"
        verbose_name_plural = "户"
        ordering = ["building", "entrance", "room"]
        constraints = [
            models.UniqueConstraint(fields=["building", "entrance", "room"], name="people_household_unique"),
            models.UniqueConstraint(
                fields=["building", "room"],
                condition=models.Q(entrance__isnull=True),
                name="people_household_noentr",
            ),
        ]

    def __str__(self) -> str:
        return self.address


class Resident(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="网格")
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name="户"
    )
    relation = models.CharField("与户主关系", max_length=16, choices=Relation.choices, default=Relation.OTHER)
    name = models.CharField("姓名", max_length=60)
    # Pinyin first letters ("zs" for 张三), written by the services so "zs" finds 张三 by prefix.
    name_initials = models.CharField(max_length=30, blank=True, db_index=True)
    gender = models.CharField("性别", max_length=1, choices=[("m", "男"), ("f", "女")], blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    id_number = EncryptedTextField("身份证号", blank=True, default="")
    id_index = models.CharField(max_length=64, blank=True, default="", editable=False)
    phone = EncryptedTextField("手机号", blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    living_status = models.CharField(
        "居住状态", max_length=16, choices=LivingStatus.choices, default=LivingStatus.REGISTERED
    )
    political_status = models.CharField(
        "政治面貌", max_length=16, choices=PoliticalStatus.choices, default=PoliticalStatus.MASSES
    )
    address = models.CharField("地址", max_length=200, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    is_active = models.BooleanField("在册", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "居民"
        verbose_name_plural = "居民"
        ordering = ["unit", "name"]
        constraints = [
            # One person, one record: the blind index of the ID number is unique where present.
            models.UniqueConstraint(
                fields=["id_index"], condition=~models.Q(id_index=""), name="people_resident_id"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "name"], name="people_resident_unit_name"),
            models.Index(fields=["id_index"], name="people_resident_id_index"),
        ]

    def __str__(self) -> str:
        return self.name
