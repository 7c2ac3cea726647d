"""Mediation organisations and their mediators: create, change, confirm 有人员、有场所、有制度."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core import crypto
from fazhi.core.attachments import attachment_add
from fazhi.core.audit import audit_record
from fazhi.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed, collect
from fazhi.core.idcard import phone_clean
from fazhi.core.timeline import event_record
from fazhi.disputes import perms, rules
from fazhi.disputes.models import MediationOrg, Mediator, MediatorTraining
from fazhi.disputes.models.choices import CommitteeRole, OrgKind, Sex
from fazhi.disputes.selectors.orgs import mediator_get_for, org_checklist, org_get_for, org_manageable
from fazhi.disputes.services.common import today
from fazhi.org import services as org_services
from fazhi.org.models import UnitKind, User
from fazhi.org.selectors import unit_get_for

ORG_UNIT_KINDS = {
    OrgKind.PEOPLE: (UnitKind.COMMUNITY, UnitKind.SUBDISTRICT),
    OrgKind.ADMINISTRATIVE: (UnitKind.DEPARTMENT, UnitKind.SUBDISTRICT),
    OrgKind.FEATURED: (UnitKind.COMMUNITY, UnitKind.GRID, UnitKind.SUBDISTRICT, UnitKind.DEPARTMENT),
}
ORG_FIELDS = (
    "name",
    "doc_prefix",
    "description",
    "venue",
    "venue_note",
    "phone",
    "rules_text",
    "term_start",
    "is_active",
)


def term_end_of(start: date | None) -> date | None:
    """The last day of a term of rules.COMMITTEE_TERM_YEARS starting on `start` (人民调解法 Art. 9)."""
    if start is None:
        return None
    try:
        anniversary = start.replace(year=start.year + rules.COMMITTEE_TERM_YEARS)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + rules.COMMITTEE_TERM_YEARS, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)


def _org_for_change(actor: Any, org_id: int) -> MediationOrg:
    org = org_get_for(actor=actor, org_id=org_id)
    if not org_manageable(actor=actor, org=org):
        org_services.require(actor, perms.MANAGE_ORGS)
        raise NotAllowed("只能维护本人管辖范围内的调解组织")
    return MediationOrg.objects.select_for_update().get(pk=org.pk)


def _org_values(values: dict[str, Any], kind: str) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = (values.get("name") or "").strip()
    if "name" in values and not name:
        errors["name"] = "组织名称不能为空"
    if kind and kind not in OrgKind.values:
        errors["kind"] = "组织类型须为人民调解委员会、行政调解或特色调解组织"
    if values.get("term_start") and kind != OrgKind.PEOPLE:
        errors["term_start"] = "任期只适用于人民调解委员会"
    collect(errors)
    cleaned: dict[str, Any] = {
        k: (v.strip() if isinstance(v, str) else v) for k, v in values.items() if k in ORG_FIELDS
    }
    if "term_start" in cleaned:
        start: date | None = cleaned["term_start"] or None
        cleaned["term_end"] = term_end_of(start)
    return cleaned


def _recheck(org: MediationOrg, actor: Any) -> None:
    """A confirmed organisation whose checks no longer hold loses the confirmation, visibly."""
    if not org.compliant:
        return
    checklist = org_checklist(org)
    if not checklist.ok:
        org.compliant, org.compliant_at, org.compliant_by = False, None, None
        org.save(update_fields=["compliant", "compliant_at", "compliant_by"])
        failed = "、".join(c.label for c in checklist.checks if not c.ok)
        event_record(
            org,
            "disputes.org_compliance_lost",
            actor=actor,
            label="取消规范化确认",
            note=f"不再满足：{failed}",
        )


def org_create(*, actor: Any, unit_id: int, kind: str, name: str, **values: Any) -> MediationOrg:
    """Create an organisation under a unit in the actor's scope (a committee under a community or the
    subdistrict; administrative mediation under a department; a featured team anywhere)."""
    org_services.require(actor, perms.MANAGE_ORGS)
    with transaction.atomic():
        try:
            unit = unit_get_for(actor=actor, unit_id=unit_id)
        except NotFound:
            raise ValidationFailed.field("unit_id", "所属单位不存在或不在本人管辖范围内") from None
        cleaned = _org_values({"name": name, **values}, kind)
        if kind in ORG_UNIT_KINDS and unit.kind not in ORG_UNIT_KINDS[OrgKind(kind)]:
            allowed = "、".join(UnitKind(k).label for k in ORG_UNIT_KINDS[OrgKind(kind)])
            raise ValidationFailed.field("unit_id", f"{OrgKind(kind).label}应设在{allowed}")
        try:
            with transaction.atomic():
                org = MediationOrg.objects.create(unit=unit, kind=kind, created_by=actor, **cleaned)
        except IntegrityError:
            raise Conflict(f"“{unit.name}”下已有名为“{name}”的调解组织") from None
        event_record(
            org, "disputes.org_create", actor=actor, label="设立调解组织", note=f"{unit.name}{org.name}"
        )
    return org


def org_update(*, actor: Any, org_id: int, **values: Any) -> MediationOrg:
    unknown = set(values) - set(ORG_FIELDS)
    if unknown:
        raise ValidationFailed.field(sorted(unknown)[0], "该项不能修改")
    with transaction.atomic():
        org = _org_for_change(actor, org_id)
        cleaned = _org_values(values, org.kind)
        for key, value in cleaned.items():
            setattr(org, key, value)
        try:
            with transaction.atomic():
                org.save()
        except IntegrityError:
            raise Conflict("同一单位下已有同名调解组织") from None
        event_record(
            org, "disputes.org_update", actor=actor, label="修改调解组织", data={"fields": sorted(cleaned)}
        )
        _recheck(org, actor)
    return org


def org_rules_attach(*, actor: Any, org_id: int, name: str, content: bytes) -> Any:
    """Attach a rules document (制度文本: 调解工作制度、岗位职责 …)."""
    with transaction.atomic():
        org = _org_for_change(actor, org_id)
        attachment = attachment_add(actor=actor, obj=org, name=name, content=content, kind="rules")
        event_record(org, "disputes.org_rules", actor=actor, label="上传工作制度", note=attachment.name)
    return attachment


def org_mark_compliant(*, actor: Any, org_id: int) -> MediationOrg:
    """Confirm 有人员、有场所、有制度. Refused while any check fails — for a committee that includes
    3–9 members with a woman among them and one director (人民调解法 Art. 8)."""
    with transaction.atomic():
        org = _org_for_change(actor, org_id)
        checklist = org_checklist(org)
        if not checklist.ok:
            failing = [c for c in checklist.checks if not c.ok]
            raise ValidationFailed(
                "不能确认为规范化调解组织：" + "；".join(f"{c.label}——{c.detail}" for c in failing),
                fields={c.code: c.detail for c in failing},
            )
        org.compliant, org.compliant_at, org.compliant_by = True, timezone.now(), actor
        org.save(update_fields=["compliant", "compliant_at", "compliant_by"])
        event_record(org, "disputes.org_compliant", actor=actor, label="确认有人员、有场所、有制度")
    return org


def _mediator_values(values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    if not partial or "name" in values:
        name = (values.get("name") or "").strip()
        if not name:
            errors["name"] = "姓名不能为空"
        cleaned["name"] = name[:60]
    if not partial or "sex" in values:
        if values.get("sex") not in Sex.values:
            errors["sex"] = f"请填写性别（{rules.WOMAN_BASIS}要求委员中有妇女成员）"
        cleaned["sex"] = values.get("sex")
    if "role" in values or not partial:
        role = values.get("role") or CommitteeRole.MEMBER
        if role not in CommitteeRole.values:
            errors["role"] = "职务须为主任、副主任、委员或聘任调解员"
        cleaned["role"] = role
    if values.get("birth_year"):
        year = int(values["birth_year"])
        if today().year - year < rules.MEDIATOR_MIN_AGE:
            errors["birth_year"] = f"人民调解员应为成年公民（{rules.MEDIATOR_BASIS}）"
        cleaned["birth_year"] = year
    for key in ("ethnicity", "occupation", "qualifications", "joined_on", "left_on"):
        if key in values:
            cleaned[key] = values[key].strip() if isinstance(values[key], str) else values[key]
    if "phone" in values:
        phone = (values.get("phone") or "").strip()
        if phone:
            try:
                phone = phone_clean(phone, label="联系电话")
            except ValidationFailed as exc:
                errors.update(exc.fields)
        cleaned["phone"], cleaned["phone_index"] = phone, crypto.blind_index(phone, purpose="phone")
    collect(errors)
    return cleaned


def _user(actor: Any, org: MediationOrg, user_id: int | None) -> User | None:
    if not user_id:
        return None
    from fazhi.org.models import Unit

    user = User.objects.filter(pk=user_id, is_active=True).select_related("unit").first()
    # The account must belong to the subdistrict the organisation is in.
    root = Unit.objects.filter(path=org.unit.path[: Unit.steplen]).first()
    if user is None or user.unit is None or root is None or not user.unit.path.startswith(root.path):
        raise ValidationFailed.field("user_id", "工作人员账号不存在")
    return user


def mediator_add(*, actor: Any, org_id: int, user_id: int | None = None, **values: Any) -> Mediator:
    """Add a member or appointed mediator. A committee left outside 3–9 members, or without a woman,
    is saved — with its warnings shown — and loses any compliance confirmation."""
    with transaction.atomic():
        org = _org_for_change(actor, org_id)
        cleaned = _mediator_values(values, partial=False)
        user = _user(actor, org, user_id)
        if (
            cleaned["role"] == CommitteeRole.DIRECTOR
            and org.mediators.filter(role=CommitteeRole.DIRECTOR, is_active=True).exists()
        ):
            raise ValidationFailed.field(
                "role", f"人民调解委员会设主任一人（{rules.COMMITTEE_BASIS}），已有主任"
            )
        mediator = Mediator.objects.create(org=org, user=user, **cleaned)
        event_record(
            org,
            "disputes.mediator_add",
            actor=actor,
            label="增加调解员",
            note=f"{mediator.name}（{CommitteeRole(mediator.role).label}）",
        )
        _recheck(org, actor)
    return mediator


def mediator_update(*, actor: Any, mediator_id: int, user_id: int | None = None, **values: Any) -> Mediator:
    """Change a mediator; `is_active=False` with `left_on` records their leaving (离任)."""
    with transaction.atomic():
        mediator = mediator_get_for(actor=actor, mediator_id=mediator_id)
        org = _org_for_change(actor, mediator.org_id)
        mediator = Mediator.objects.select_for_update().get(pk=mediator.pk)
        active = values.pop("is_active", None)
        cleaned = _mediator_values(values, partial=True)
        if (
            cleaned.get("role") == CommitteeRole.DIRECTOR
            and org.mediators.filter(role=CommitteeRole.DIRECTOR, is_active=True)
            .exclude(pk=mediator.pk)
            .exists()
        ):
            raise ValidationFailed.field(
                "role", f"人民调解委员会设主任一人（{rules.COMMITTEE_BASIS}），已有主任"
            )
        for key, value in cleaned.items():
            setattr(mediator, key, value)
        if user_id is not None:
            mediator.user = _user(actor, org, user_id) if user_id else None
        if active is not None:
            mediator.is_active = bool(active)
            if not active and mediator.left_on is None:
                mediator.left_on = today()
        mediator.save()
        event_record(
            org,
            "disputes.mediator_update",
            actor=actor,
            label="修改调解员",
            note=mediator.name,
            data={"fields": sorted(cleaned)},
        )
        _recheck(org, actor)
    return mediator


def training_add(
    *, actor: Any, mediator_id: int, held_on: date, title: str, organiser: str = "", hours: Any = 0
) -> MediatorTraining:
    """Record a training the mediator attended (人民调解法 Art. 14)."""
    with transaction.atomic():
        mediator = mediator_get_for(actor=actor, mediator_id=mediator_id)
        org = _org_for_change(actor, mediator.org_id)
        errors: dict[str, str] = {}
        if not (title or "").strip():
            errors["title"] = "培训内容不能为空"
        if held_on is None or held_on > today():
            errors["held_on"] = "培训日期不能为空，且不能晚于今天"
        try:
            hours_value = Decimal(str(hours or 0))
            if hours_value < 0 or hours_value > 1000:
                raise InvalidOperation
        except InvalidOperation:
            errors["hours"] = "学时应为0至1000之间的数字"
            hours_value = Decimal(0)
        collect(errors)
        training = MediatorTraining.objects.create(
            mediator=mediator,
            held_on=held_on,
            title=title.strip()[:200],
            organiser=organiser.strip()[:100],
            hours=hours_value,
        )
        audit_record(
            actor=actor,
            action="disputes.training_add",
            obj=org,
            data={"mediator": mediator.pk, "training": training.pk},
        )
    return training


def mediators_of(org: MediationOrg, ids: Sequence[int]) -> list[Mediator]:
    return list(org.mediators.filter(pk__in=ids))
