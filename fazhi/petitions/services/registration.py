"""Registering a petition (登记, 信访工作条例 Art. 21): petitioners validated, the case number drawn,
repeat / group / level-skipping matters flagged with the rule that applies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core import audit, crypto, search
from fazhi.core.attachments import attachment_add
from fazhi.core.deadlines import deadline
from fazhi.core.errors import ValidationFailed, collect
from fazhi.core.idcard import id_number_clean, phone_clean
from fazhi.core.timeline import event_record
from fazhi.org.scope import subdistrict_of
from fazhi.org.selectors import unit_get_for
from fazhi.org.services import pii_reveal, require
from fazhi.petitions import rules, similarity
from fazhi.petitions.models import (
    CaseCounter,
    Category,
    Channel,
    Petition,
    Petitioner,
    Status,
)
from fazhi.petitions.selectors import petition_get_for, reception_get_for
from fazhi.petitions.workflow import REGISTER

# A matter still running (including one answered and within its 复查/复核 window) or 终结: a new
# petition on the same facts is not accepted again (Art. 19, 36; 鲁 Art. 33, 46).
REPEAT_STATUSES = (
    Status.REGISTERED,
    Status.ACCEPTED,
    Status.ASSIGNED,
    Status.REPLIED,
    Status.REVIEW_REQUESTED,
    Status.REVIEWING,
    Status.REVIEWED,
    Status.RE_REVIEW_REQUESTED,
    Status.RE_REVIEWING,
    Status.FINAL,
)
GROUP_SIZE = 5  # a visit by five or more people is a group visit (集体访)


@dataclass
class PersonIn:
    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""
    role: str = Petitioner.Role.PETITIONER


def _people(raw: list[Any]) -> list[PersonIn]:
    people = []
    for item in raw:
        people.append(
            item if isinstance(item, PersonIn) else PersonIn(**{k: v or "" for k, v in dict(item).items()})
        )
    return people


def _clean_people(people: list[PersonIn]) -> tuple[list[PersonIn], dict[str, str]]:
    errors: dict[str, str] = {}
    if not people:
        errors["petitioners"] = "至少登记一名信访人"
    cleaned = []
    for i, p in enumerate(people):
        prefix = f"petitioners[{i}]"
        name = (p.name or "").strip()
        if not name:
            errors[f"{prefix}.name"] = "信访人姓名不能为空（不愿透露的填写“匿名”）"
        if p.role not in Petitioner.Role.values:
            errors[f"{prefix}.role"] = f"身份须为：{'、'.join(Petitioner.Role.labels)}"
        id_number = phone = ""
        if (p.id_number or "").strip():
            try:
                id_number = id_number_clean(p.id_number, field=f"{prefix}.id_number")
            except ValidationFailed as exc:
                errors.update(exc.fields)
        if (p.phone or "").strip():
            try:
                phone = phone_clean(p.phone, field=f"{prefix}.phone", label="联系电话")
            except ValidationFailed as exc:
                errors.update(exc.fields)
        cleaned.append(PersonIn(name, id_number, phone, (p.address or "").strip(), p.role))
    representatives = sum(p.role == Petitioner.Role.REPRESENTATIVE for p in people)
    agents = sum(p.role == Petitioner.Role.AGENT for p in people)
    if representatives > rules.MAX_REPRESENTATIVES:
        errors["petitioners"] = (
            f"集体访推选的代表不能超过{rules.MAX_REPRESENTATIVES}人（{rules.MAX_REPRESENTATIVES_BASIS}），"
            f"现有{representatives}人"
        )
    if agents > rules.MAX_AGENTS:
        errors["petitioners"] = (
            f"可委托代理人一至{rules.MAX_AGENTS}名（{rules.MAX_AGENTS_BASIS}），现有{agents}名"
        )
    return cleaned, errors


def _case_number(unit: Any, year: int) -> str:
    prefix = f"{subdistrict_of(unit).code}-XF"
    audit.lock_chain()  # the audit chain before the counter: the one lock order of every write
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:04d}"


def _same_person_q(people: list[PersonIn]) -> Q | None:
    """The same person by ID blind index, or by name + phone blind index; None when nobody can be told."""
    conditions = []
    for p in people:
        if p.id_number:
            conditions.append(Q(id_index=crypto.blind_index(p.id_number, purpose="id_number")))
        if p.phone and p.name and p.name != "匿名":
            conditions.append(Q(name=p.name, phone_index=crypto.blind_index(p.phone, purpose="phone")))
    if not conditions:
        return None
    q = conditions[0]
    for condition in conditions[1:]:
        q |= condition
    return q


def repeat_matches(
    *, people: list[PersonIn], content: str, exclude_id: int | None = None
) -> list[tuple[Petition, float]]:
    """Earlier matters of the same person (ID blind index, or name + phone blind index) whose content
    is the same matter reworded, best first. Unscoped on purpose: the rule binds whatever unit
    registered the earlier matter; callers show only what the actor may see."""
    same = _same_person_q(people)
    if same is None:
        return []  # no ID number and no name + phone: nobody to compare with
    # One query through the petitioner blind indexes: the cost follows the person's own history, not
    # the size of the table (county scale: 100,000 petitions).
    earlier_qs = Petition.objects.filter(
        pk__in=Petitioner.objects.filter(same).values("petition_id"), status__in=REPEAT_STATUSES
    ).only("pk", "case_number", "status", "tokens", "title", "received_on", "unit_id")
    if exclude_id is not None:
        earlier_qs = earlier_qs.exclude(pk=exclude_id)
    new_tokens: list[str] | None = None
    found = []
    for earlier in earlier_qs:
        new_tokens = new_tokens if new_tokens is not None else similarity.tokens(content)
        score = similarity.similarity(new_tokens, earlier.tokens.split())
        if score >= rules.REPEAT_THRESHOLD:
            found.append((earlier, score))
    return sorted(found, key=lambda pair: -pair[1])


def _repeat_flag(earlier: Petition, score: float) -> dict[str, Any]:
    final = earlier.status == Status.FINAL
    if final:
        message = (
            f"与已终结的 {earlier.case_number}（{earlier.title}）为同一事项：同一请求、同一事实不再受理，"
            "可不予受理并做好后续帮扶"
        )
    else:
        message = (
            f"与正在办理的 {earlier.case_number}（{earlier.title}，{earlier.get_status_display()}）"
            "为同一事项：在办理期限内不重复受理，请合并办理"
        )
    return {
        "kind": "repeat",
        "message": message,
        "basis": rules.REPEAT_FINAL_BASIS if final else rules.REPEAT_OPEN_BASIS,
        "petition_id": earlier.pk,
        "case_number": earlier.case_number,
        "score": round(score, 2),
    }


def petition_repeat_check(
    *, actor: Any, petitioners: list[Any], content: str, is_group: bool = False, skip_level: bool = False
) -> list[dict[str, Any]]:
    """The warnings registration would raise, without registering (the form checks as one types)."""
    require(actor, REGISTER)
    people, _ = _clean_people(_people(petitioners))
    return _flags(people, content, is_group=is_group, group_size=None, skip_level=skip_level)[0]


def _flags(
    people: list[PersonIn], content: str, *, is_group: bool, group_size: int | None, skip_level: bool
) -> tuple[list[dict[str, Any]], Petition | None]:
    flags: list[dict[str, Any]] = []
    matches = repeat_matches(people=people, content=content)
    for earlier, score in matches[:3]:
        flags.append(_repeat_flag(earlier, score))
    representatives = sum(p.role == Petitioner.Role.REPRESENTATIVE for p in people)
    if is_group or representatives or (group_size or 0) >= GROUP_SIZE:
        flags.append(
            {
                "kind": "group",
                "message": f"集体访：应推选不超过{rules.MAX_REPRESENTATIVES}名代表反映诉求",
                "basis": rules.GROUP_VISIT_BASIS,
            }
        )
    if skip_level:
        flags.append(
            {
                "kind": "skip_level",
                "message": "越级走访：应到有权处理的本级或上一级机关提出，引导信访人逐级反映",
                "basis": rules.SKIP_LEVEL_BASIS,
            }
        )
    return flags, matches[0][0] if matches else None


def petition_register(
    *,
    actor: Any,
    channel: str,
    received_on: date,
    category: str,
    content: str,
    unit_id: int,
    petitioners: list[Any],
    title: str = "",
    place: str = "",
    is_group: bool = False,
    group_size: int | None = None,
    skip_level: bool = False,
    reception_id: int | None = None,
    attachments: list[tuple[str, bytes]] | None = None,
    origin_type: str = "",
    origin_id: str = "",
    case_number: str = "",
) -> Petition:
    """Register a petition (Art. 21) and start the 15-day routing and notice clocks (Art. 22–23).

    `received_on` may lie in the past (letters arrive late), never in the future. Flags repeat,
    group and level-skipping matters (petition.flags). `origin_type`/`origin_id` keep the lineage
    of a matter converted from another record (a dispute). `case_number` keeps a historic ledger's
    number (imports). Raises ValidationFailed naming each field.
    """
    require(actor, REGISTER)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if channel not in Channel.values:
        errors["channel"] = f"来源渠道须为：{'、'.join(Channel.labels)}"
    if category not in Category.values:
        errors["category"] = f"类别须为：{'、'.join(Category.labels)}（《信访工作条例》第二十九至三十一条）"
    if received_on is None:
        errors["received_on"] = "收到日期不能为空"
    elif received_on > today:
        errors["received_on"] = f"收到日期不能晚于今天（{today:%Y-%m-%d}）"
    content = (content or "").strip()
    if len(content) < 5:
        errors["content"] = "信访内容不能少于5个字：应载明请求、事实和理由（《信访工作条例》第十九条）"
    if group_size is not None and group_size < 1:
        errors["group_size"] = "来访人数应为正整数"
    people, person_errors = _clean_people(_people(petitioners))
    errors.update(person_errors)
    if not unit_id:
        errors["unit_id"] = "请选择所涉单位（社区、网格或街道）"
    collect(errors)
    with transaction.atomic():
        unit = unit_get_for(actor=actor, unit_id=unit_id)
        reception = None
        if reception_id:
            reception = reception_get_for(actor=actor, reception_id=reception_id)
            if channel != Channel.VISIT:
                raise ValidationFailed.field("channel", "接访日登记的信访事项来源渠道应为“来访”")
        flags, repeat_of = _flags(
            people, content, is_group=is_group, group_size=group_size, skip_level=skip_level
        )
        first = people[0]
        title = (title or "").strip()[:200] or content[:30]
        petition = Petition.objects.create(
            case_number=case_number or _case_number(unit, received_on.year),
            channel=channel,
            received_on=received_on,
            category=category,
            title=title,
            content=content,
            search_text=search.index_text(title, content),
            place=(place or "").strip(),
            unit=unit,
            is_group=is_group or (group_size or 0) >= GROUP_SIZE,
            group_size=group_size,
            skip_level=skip_level,
            # Art. 23: no written notice where the name or the address is unknown.
            notice_required=bool(first.name and first.name != "匿名" and (first.address or first.phone)),
            reception=reception,
            origin_type=origin_type,
            origin_id=str(origin_id or ""),
            tokens=similarity.stored(f"{title} {content}"),
            repeat_of=repeat_of,
            flags=flags,
            route_due=deadline(rules.ROUTING, received_on).due,
            notice_due=deadline(rules.NOTICE, received_on).due,
            registered_by=actor,
        )
        Petitioner.objects.bulk_create(
            [
                Petitioner(
                    petition=petition,
                    role=p.role,
                    name=p.name,
                    id_number=p.id_number,
                    id_index=crypto.blind_index(p.id_number, purpose="id_number"),
                    phone=p.phone,
                    phone_index=crypto.blind_index(p.phone, purpose="phone"),
                    address=p.address,
                )
                for p in people
            ]
        )
        for name, data in attachments or []:
            attachment_add(actor=actor, obj=petition, name=name, content=data, kind="petition")
        event_record(
            petition,
            "petitions.register",
            actor=actor,
            label="登记",
            to_status=petition.status,
            data={"flags": [f["kind"] for f in flags], "origin": origin_type},
        )
    return petition


def petition_attach(*, actor: Any, petition_id: int, name: str, content: bytes) -> Any:
    from fazhi.petitions.services.common import petition_lock

    require(actor, REGISTER)
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        return attachment_add(actor=actor, obj=petition, name=name, content=content, kind="petition")


def petitioner_reveal(*, actor: Any, petition_id: int, petitioner_id: int, field: str, purpose: str) -> str:
    """The full ID number, phone or address of one petitioner, for a stated purpose (audited)."""
    if field not in ("id_number", "phone", "address"):
        raise ValidationFailed.field("field", "只能查看身份证号、联系电话或住址")
    petition = petition_get_for(actor=actor, petition_id=petition_id)
    person = next((p for p in petition.petitioners.all() if p.pk == petitioner_id), None)
    if person is None:
        from fazhi.core.errors import NotFound

        raise NotFound("信访人不存在")
    return pii_reveal(actor=actor, obj=person, field=field, purpose=purpose, kind="petitioner")
