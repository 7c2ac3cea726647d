"""Writes of 一网三联 and 四进网格: cadre–grid links and visits, party member–household links and contacts,
rosters, the grid's public information, activities with photos."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.attachments import attachment_add
from fazhi.core.audit import audit_record
from fazhi.core.errors import Conflict, ValidationFailed, collect
from fazhi.core.idcard import phone_clean
from fazhi.grid import permissions as P
from fazhi.grid.models import (
    ActivityKind,
    CadreGridLink,
    CadreVisit,
    GridActivity,
    GridProfile,
    PartyContact,
    PartyMemberLink,
    RosterMember,
    RosterRole,
)
from fazhi.grid.selectors.links import cadre_link_get_for, party_link_get_for
from fazhi.org.models import User
from fazhi.org.scope import has_perm
from fazhi.org.services import require
from fazhi.people.selectors import building_get_for, grid_get_for, household_get_for, resident_get_for


def _not_future(day: dt.date, field: str, label: str) -> None:
    if day > timezone.localdate():
        raise ValidationFailed.field(field, f"{label}不能晚于今天")


def cadre_link_create(
    *, actor: Any, cadre_id: int, unit_id: int, since: dt.date, duty: str = ""
) -> CadreGridLink:
    require(actor, P.MANAGE)
    with transaction.atomic():
        grid = grid_get_for(actor=actor, unit_id=unit_id)
        cadre = User.objects.filter(pk=cadre_id, is_active=True).first()
        if cadre is None:
            raise ValidationFailed.field("cadre_id", "干部账号不存在")
        try:
            with transaction.atomic():
                link = CadreGridLink.objects.create(
                    cadre=cadre, unit=grid, since=since, duty=duty.strip()[:100]
                )
        except IntegrityError:
            raise Conflict("该干部已联系此网格") from None
        audit_record(actor=actor, action="grid.cadre_link", obj=link, data={"cadre": cadre.pk})
    return link


def cadre_visit_record(
    *, actor: Any, link_id: int, visited_on: dt.date, content: str, issues: int = 0
) -> CadreVisit:
    """A cadre's day in the grid (下网格): the cadre themself or staff with 上报 permission."""
    _not_future(visited_on, "visited_on", "日期")
    if len(content.strip()) < 5:
        raise ValidationFailed.field("content", "内容至少5个字")
    if issues < 0:
        raise ValidationFailed.field("issues", "问题数不能为负数")
    with transaction.atomic():
        link = cadre_link_get_for(actor=actor, link_id=link_id)
        if link.cadre_id != actor.pk:
            require(actor, P.REPORT)
        visit = CadreVisit.objects.create(
            link=link,
            unit=link.unit,
            visited_on=visited_on,
            content=content.strip(),
            issues=issues,
            created_by=actor,
        )
        audit_record(actor=actor, action="grid.cadre_visit", obj=visit)
    return visit


def party_link_create(*, actor: Any, member_id: int, household_id: int, since: dt.date) -> PartyMemberLink:
    """Link a party member (a resident whose 政治面貌 is 中共党员) to a household in the same community."""
    require(actor, P.MANAGE)
    with transaction.atomic():
        member = resident_get_for(actor=actor, resident_id=member_id)
        if member.political_status != "party":
            raise ValidationFailed.field("member_id", "联系人须为中共党员")
        household = household_get_for(actor=actor, household_id=household_id)
        try:
            with transaction.atomic():
                link = PartyMemberLink.objects.create(
                    unit=household.unit, member=member, household=household, since=since
                )
        except IntegrityError:
            raise Conflict("该党员已联系此户") from None
        audit_record(actor=actor, action="grid.party_link", obj=link)
    return link


def party_contact_record(
    *, actor: Any, link_id: int, contacted_on: dt.date, method: str, content: str
) -> PartyContact:
    require(actor, P.REPORT)
    errors = {}
    if method not in PartyContact.Method.values:
        errors["method"] = f"方式须为：{'、'.join(str(c) for c in PartyContact.Method.labels)}"
    if len(content.strip()) < 2:
        errors["content"] = "请填写联系内容"
    collect(errors)
    _not_future(contacted_on, "contacted_on", "日期")
    with transaction.atomic():
        link = party_link_get_for(actor=actor, link_id=link_id)
        contact = PartyContact.objects.create(
            link=link,
            unit=link.unit,
            contacted_on=contacted_on,
            method=method,
            content=content.strip(),
            created_by=actor,
        )
        audit_record(actor=actor, action="grid.party_contact", obj=contact)
    return contact


def roster_add(
    *,
    actor: Any,
    unit_id: int,
    role: str,
    name: str = "",
    since: dt.date | None = None,
    phone: str = "",
    user_id: int | None = None,
    resident_id: int | None = None,
    building_id: int | None = None,
    entrance: str = "",
    specialty: str = "",
) -> RosterMember:
    """Add a grid worker, building head, entrance head, volunteer or notable to a grid's roster.
    Building and entrance heads name their building (and entrance)."""
    require(actor, P.MANAGE)
    errors = {}
    if role not in RosterRole.values:
        errors["role"] = f"角色须为：{'、'.join(str(c) for c in RosterRole.labels)}"
    if role in (RosterRole.BUILDING_HEAD, RosterRole.ENTRANCE_HEAD) and not building_id:
        errors["building_id"] = "楼长、单元长须指定楼栋"
    if role == RosterRole.ENTRANCE_HEAD and not entrance.strip():
        errors["entrance"] = "单元长须指定单元"
    if phone:
        try:
            phone = phone_clean(phone)
        except ValidationFailed as exc:
            errors.update(exc.fields)
    collect(errors)
    with transaction.atomic():
        grid = grid_get_for(actor=actor, unit_id=unit_id)
        resident = resident_get_for(actor=actor, resident_id=resident_id) if resident_id else None
        user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
        building = building_get_for(actor=actor, building_id=building_id) if building_id else None
        if building is not None and building.unit_id != grid.pk:
            raise ValidationFailed.field("building_id", "楼栋不在此网格")
        entr = (
            building.entrances.filter(name=entrance.strip()).first()
            if building and entrance.strip()
            else None
        )
        if role == RosterRole.ENTRANCE_HEAD and entr is None:
            raise ValidationFailed.field("entrance", "该楼栋没有此单元")
        name = name.strip() or (resident.name if resident else "") or (user.display_name if user else "")
        if not name:
            raise ValidationFailed.field("name", "姓名不能为空")
        if not phone and resident is not None:
            phone = resident.phone
        member = RosterMember.objects.create(
            unit=grid,
            role=role,
            name=name[:60],
            user=user,
            resident=resident,
            building=building,
            entrance=entr,
            phone=phone,
            specialty=specialty.strip()[:100],
            since=since or timezone.localdate(),
        )
        audit_record(actor=actor, action="grid.roster_add", obj=member, data={"role": role})
    return member


def grid_profile_save(*, actor: Any, unit_id: int, area: str, complaint_phone: str) -> GridProfile:
    require(actor, P.MANAGE)
    if complaint_phone:
        phone_clean(complaint_phone, field="complaint_phone", label="监督电话")
    with transaction.atomic():
        grid = grid_get_for(actor=actor, unit_id=unit_id)
        profile, _ = GridProfile.objects.get_or_create(unit=grid)
        profile.area, profile.complaint_phone = area.strip()[:300], complaint_phone.strip()
        profile.save()
        audit_record(actor=actor, action="grid.profile_save", obj=profile)
    return profile


def activity_record(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    held_on: dt.date,
    title: str,
    content: str,
    participants: int = 0,
    photos: list[tuple[str, bytes]] | None = None,
) -> GridActivity:
    """Record an organisation / consultation / credit / service activity held in a grid (四进网格)."""
    require(actor, P.REPORT)
    errors = {}
    if kind not in ActivityKind.values:
        errors["kind"] = f"类别须为：{'、'.join(str(c) for c in ActivityKind.labels)}"
    if not title.strip():
        errors["title"] = "主题不能为空"
    if len(content.strip()) < 5:
        errors["content"] = "内容至少5个字"
    if participants < 0:
        errors["participants"] = "参与人数不能为负数"
    if held_on > timezone.localdate():
        errors["held_on"] = "活动日期不能晚于今天"
    collect(errors)
    with transaction.atomic():
        grid = grid_get_for(actor=actor, unit_id=unit_id)
        activity = GridActivity.objects.create(
            unit=grid,
            kind=kind,
            held_on=held_on,
            title=title.strip()[:100],
            content=content.strip(),
            participants=participants,
            created_by=actor,
        )
        for name, data in photos or []:
            attachment_add(actor=actor, obj=activity, name=name, content=data, kind="photo")
        audit_record(actor=actor, action="grid.activity_record", obj=activity, data={"kind": kind})
    return activity


def can_manage(actor: Any) -> bool:
    return has_perm(actor, P.MANAGE)
