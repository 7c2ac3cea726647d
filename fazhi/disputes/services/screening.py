"""Screening (排查), shared with petitions: campaigns, items found, the communities' periodic reports
(with zero reports), and turning an item into a dispute in one step."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q

from fazhi.core.errors import Conflict, NotFound, ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.disputes import perms
from fazhi.disputes.models import DisputeCategory, ScreeningCampaign, ScreeningItem, ScreeningReport
from fazhi.disputes.models.choices import Cadence, CampaignKind, ReportStatus, ScreeningSubject, Source
from fazhi.disputes.periods import period_of
from fazhi.disputes.selectors.screening import campaign_get_for, item_get_for
from fazhi.disputes.services.common import PartyData, not_future, today
from fazhi.disputes.services.intake import dispute_intake
from fazhi.org import services as org_services
from fazhi.org.models import Unit, UnitKind
from fazhi.org.scope import scope_q
from fazhi.org.selectors import unit_get_for

ITEM_TYPE = "disputes.screeningitem"


def _campaign_values(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = (values.get("name") or "").strip()
    if not name:
        errors["name"] = "活动名称不能为空"
    if values.get("kind") not in CampaignKind.values:
        errors["kind"] = "请选择常态化排查或专项排查"
    if values.get("cadence") not in Cadence.values:
        errors["cadence"] = "请选择报告频次：每月、每周或每日"
    start_on, end_on = values.get("start_on"), values.get("end_on")
    if not start_on:
        errors["start_on"] = "开始日期不能为空"
    if not end_on:
        errors["end_on"] = "结束日期不能为空"
    elif start_on and end_on < start_on:
        errors["end_on"] = "结束日期不能早于开始日期"
    subjects = list(dict.fromkeys(values.get("subjects") or [ScreeningSubject.DISPUTE]))
    if any(s not in ScreeningSubject.values for s in subjects):
        errors["subjects"] = "排查内容须为矛盾纠纷、不稳定因素或信访隐患"
    if values.get("kind") == CampaignKind.SPECIAL and not (values.get("topic") or "").strip():
        errors["topic"] = "专项排查请填写专项主题（如春节、全国两会、国庆）"
    collect(errors)
    return {
        "name": name[:100],
        "kind": values["kind"],
        "topic": (values.get("topic") or "").strip()[:40],
        "start_on": start_on,
        "end_on": end_on,
        "cadence": values["cadence"],
        "subjects": subjects,
        "description": (values.get("description") or "").strip(),
    }


def campaign_create(*, actor: Any, unit_id: int, **values: Any) -> ScreeningCampaign:
    """Launch a campaign for the communities under `unit_id` (the subdistrict, usually): the monthly
    routine screening or a special one for a sensitive period with its own cadence."""
    org_services.require(actor, perms.CAMPAIGN)
    with transaction.atomic():
        try:
            unit = unit_get_for(actor=actor, unit_id=unit_id)
        except NotFound:
            raise ValidationFailed.field("unit_id", "组织单位不存在或不在本人管辖范围内") from None
        if unit.kind not in (UnitKind.SUBDISTRICT, UnitKind.COMMUNITY):
            raise ValidationFailed.field("unit_id", "排查活动由街道或社区组织")
        cleaned = _campaign_values(values)
        campaign = ScreeningCampaign.objects.create(unit=unit, created_by=actor, **cleaned)
        event_record(campaign, "disputes.campaign_create", actor=actor, label="发起排查", note=campaign.name)
    return campaign


def campaign_update(*, actor: Any, campaign_id: int, **values: Any) -> ScreeningCampaign:
    org_services.require(actor, perms.CAMPAIGN)
    with transaction.atomic():
        campaign = campaign_get_for(actor=actor, campaign_id=campaign_id)
        if not Unit.objects.filter(pk=campaign.unit_id).filter(_unit_scope(actor)).exists():
            raise NotFound("排查活动不存在或无权修改")
        campaign = ScreeningCampaign.objects.select_for_update().get(pk=campaign.pk)
        merged = {
            "name": campaign.name,
            "kind": campaign.kind,
            "topic": campaign.topic,
            "start_on": campaign.start_on,
            "end_on": campaign.end_on,
            "cadence": campaign.cadence,
            "subjects": campaign.subjects,
            "description": campaign.description,
            **values,
        }
        cleaned = _campaign_values(merged)
        first = campaign.reports.order_by("period_start").values_list("period_start", flat=True).first()
        if first and (cleaned["cadence"] != campaign.cadence or cleaned["start_on"] > first):
            raise ValidationFailed.field("cadence", "已有社区上报，不能修改报告频次或推迟开始日期")
        for key, value in cleaned.items():
            setattr(campaign, key, value)
        campaign.save()
        event_record(campaign, "disputes.campaign_update", actor=actor, label="修改排查活动")
    return campaign


def _unit_scope(actor: Any) -> Q:
    from fazhi.org.scope import unit_scope_q

    scope = unit_scope_q(actor)
    return Q() if scope is None else scope


def _community_of(unit: Unit) -> Unit:
    if unit.kind == UnitKind.COMMUNITY:
        return unit
    if unit.kind == UnitKind.GRID:
        return Unit.objects.get(path=unit.path[: -Unit.steplen])
    raise ValidationFailed.field("unit_id", "排查上报须由社区或网格填报")


def _report_for(campaign: ScreeningCampaign, community: Unit, day: date) -> ScreeningReport:
    period = period_of(campaign.cadence, campaign.start_on, campaign.end_on, day)
    if period is None:
        raise ValidationFailed.field(
            "found_on", f"日期不在排查活动期间（{campaign.start_on:%Y-%m-%d}至{campaign.end_on:%Y-%m-%d}）"
        )
    report, _ = ScreeningReport.objects.select_for_update().get_or_create(
        campaign=campaign, unit=community, period_start=period.start, defaults={"period_end": period.end}
    )
    return report


def _campaign_covers(campaign: ScreeningCampaign, community: Unit) -> None:
    if not community.path.startswith(campaign.unit.path):
        raise ValidationFailed.field("unit_id", "该社区不在本次排查活动范围内")


def screening_item_add(
    *,
    actor: Any,
    campaign_id: int,
    unit_id: int,
    description: str,
    found_on: date | None = None,
    subject: str = ScreeningSubject.DISPUTE,
    category: str = "",
    place: str = "",
    people_involved: int = 2,
    convert: bool = False,
    parties: Sequence[PartyData | Mapping[str, Any]] = (),
) -> ScreeningItem:
    """Report something found in a grid (or community) for the campaign's current period. The
    community's report for the period is opened if needed; a zero report already filed is corrected.
    With `convert`, a dispute item is registered as a dispute in the same step (lineage kept)."""
    org_services.require(actor, perms.SCREEN)
    found_on = found_on or today()
    with transaction.atomic():
        campaign = campaign_get_for(actor=actor, campaign_id=campaign_id)
        errors: dict[str, str] = {}
        try:
            unit = unit_get_for(actor=actor, unit_id=unit_id)
        except NotFound:
            raise ValidationFailed.field("unit_id", "网格不存在或不在本人管辖范围内") from None
        community = _community_of(unit)
        _campaign_covers(campaign, community)
        if not (description or "").strip():
            errors["description"] = "情况描述不能为空"
        if subject not in ScreeningSubject.values:
            errors["subject"] = "请选择发现事项的类型"
        elif subject not in campaign.subjects:
            errors["subject"] = "本次排查不包括该类事项"
        try:
            not_future(found_on, "found_on", "发现日期")
        except ValidationFailed as exc:
            errors.update(exc.fields)
        category_obj = None
        if category:
            category_obj = DisputeCategory.objects.filter(code=category, is_active=True).first()
            if category_obj is None:
                errors["category"] = "纠纷类别不存在"
        if convert and subject != ScreeningSubject.DISPUTE:
            errors["convert"] = "只有矛盾纠纷事项可以直接登记为纠纷"
        if convert and category_obj is None:
            errors["category"] = "登记为纠纷须选择纠纷类别"
        if people_involved is None or int(people_involved) < 1:
            errors["people_involved"] = "涉及人数至少为1人"
        collect(errors)
        report = _report_for(campaign, community, found_on)
        item = ScreeningItem.objects.create(
            report=report,
            unit=unit,
            subject=subject,
            category=category_obj,
            description=description.strip(),
            place=(place or "").strip()[:200],
            people_involved=int(people_involved),
            found_on=found_on,
            reported_by=actor,
        )
        if report.zero:
            report.zero = False
            report.save(update_fields=["zero"])
            event_record(
                report, "disputes.zero_corrected", actor=actor, label="更正零报告", note="本期发现新事项"
            )
        event_record(
            report,
            "disputes.screening_item",
            actor=actor,
            label="排查上报",
            note=f"{unit.name}：{ScreeningSubject(subject).label}",
            data={"item": item.pk},
        )
        if convert:
            _convert(actor, item, category=category, parties=parties, registered_on=found_on)
    return item


def _convert(
    actor: Any,
    item: ScreeningItem,
    *,
    category: str,
    parties: Sequence[PartyData | Mapping[str, Any]],
    summary: str = "",
    **extra: Any,
) -> Any:
    if item.converted_type:
        raise Conflict("该事项已处理，不能重复转为矛盾纠纷")
    dispute = dispute_intake(
        actor=actor,
        unit_id=item.unit_id,
        category=category or (item.category.code if item.category else ""),
        source=Source.SCREENING,
        summary=summary or item.description,
        parties=parties,
        place=extra.pop("place", "") or item.place,
        people_involved=extra.pop("people_involved", None) or item.people_involved,
        occurred_on=extra.pop("occurred_on", None),
        registered_on=extra.pop("registered_on", None) or today(),
        origin_type=ITEM_TYPE,
        origin_id=str(item.pk),
        **extra,
    )
    item.converted_type, item.converted_id = "disputes.dispute", str(dispute.pk)
    item.save(update_fields=["converted_type", "converted_id"])
    return dispute


def screening_item_convert(
    *,
    actor: Any,
    item_id: int,
    category: str = "",
    parties: Sequence[PartyData | Mapping[str, Any]] = (),
    summary: str = "",
    **extra: Any,
) -> Any:
    """Register a screening item as a dispute (source 网格排查, origin the item); once only."""
    with transaction.atomic():
        item = item_get_for(actor=actor, item_id=item_id)
        item = (
            ScreeningItem.objects.select_for_update(of=("self",)).select_related("category").get(pk=item.pk)
        )
        if item.subject != ScreeningSubject.DISPUTE:
            raise ValidationFailed.field("subject", "只有矛盾纠纷事项可以转为纠纷")
        return _convert(actor, item, category=category, parties=parties, summary=summary, **extra)


def screening_item_link(*, actor: Any, item_id: int, target_type: str, target_id: str) -> ScreeningItem:
    """Record what another app made of an item (e.g. the petitions app registering a petition from a
    信访隐患 item): the lineage every conversion keeps. Once only."""
    with transaction.atomic():
        item = item_get_for(actor=actor, item_id=item_id)
        item = ScreeningItem.objects.select_for_update().get(pk=item.pk)
        if item.converted_type:
            raise Conflict("该事项已处理")
        if "." not in (target_type or "") or not str(target_id):
            raise ValidationFailed.field("target_type", "须给出目标记录类型（如 petitions.petition）和编号")
        item.converted_type, item.converted_id = target_type, str(target_id)
        item.save(update_fields=["converted_type", "converted_id"])
        event_record(
            item.report,
            "disputes.screening_item_link",
            actor=actor,
            label="排查事项已转办",
            note=f"{target_type} {target_id}",
        )
    return item


def screening_report_submit(
    *,
    actor: Any,
    campaign_id: int,
    unit_id: int,
    period_start: date,
    zero: bool = False,
    summary: str = "",
    on: date | None = None,
) -> ScreeningReport:
    """A community files its report for one period: with its items, or — confirming nothing was found —
    a zero report (零报告). Refused for a period that has not started or a zero report with items."""
    org_services.require(actor, perms.SCREEN)
    with transaction.atomic():
        campaign = campaign_get_for(actor=actor, campaign_id=campaign_id)
        try:
            community = unit_get_for(actor=actor, unit_id=unit_id)
        except NotFound:
            raise ValidationFailed.field("unit_id", "社区不存在或不在本人管辖范围内") from None
        if community.kind != UnitKind.COMMUNITY:
            raise ValidationFailed.field("unit_id", "排查报告由社区上报")
        _campaign_covers(campaign, community)
        period = period_of(campaign.cadence, campaign.start_on, campaign.end_on, period_start)
        if period is None or period.start != period_start:
            raise ValidationFailed.field("period_start", "报告期不属于本次排查活动")
        if period.start > today():
            raise ValidationFailed.field("period_start", "报告期尚未开始")
        report = _report_for(campaign, community, period_start)
        items = report.items.count()
        if zero and items:
            raise ValidationFailed.field("zero", f"本期已上报{items}项发现事项，不能作零报告")
        if not zero and not items:
            raise ValidationFailed.field("zero", "本期没有发现事项的，请确认作零报告")
        before = report.status
        report.status, report.zero = ReportStatus.SUBMITTED, zero
        report.summary = (summary or "").strip()
        on = on or today()
        if on < period.start or on > today():
            raise ValidationFailed.field("on", "上报日期应在报告期开始之后、今天之前")
        report.submitted_on, report.submitted_by = on, actor
        report.save()
        event_record(
            report,
            "disputes.report_submit",
            actor=actor,
            label="零报告" if zero else "上报排查情况",
            from_status=before,
            to_status=ReportStatus.SUBMITTED,
            note=f"{community.name} {period.label}" + ("：零报告" if zero else f"：{items}项"),
        )
    return report


def reports_scope_q(actor: Any) -> Q:
    return scope_q(actor, ScreeningReport, unit_field="unit", owner_field="submitted_by")
