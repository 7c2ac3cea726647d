"""Every write of the reports module: one transaction each, the report row locked, a timeline event.

A report's text is never changed in place: generating, editing, restoring and regenerating each add a
version holding the whole text and the figures it was written from. Finalising marks the latest
version (who, when); the figures it holds were frozen when it was drafted, so later data changes do
not reach it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed, collect
from fazhi.core.faults import fault_point
from fazhi.core.timeline import event_record
from fazhi.org.scope import has_perm
from fazhi.reports import builder, render, selectors
from fazhi.reports import permissions as P
from fazhi.reports.models import AnnualReport, ReportStatus, ReportTarget, ReportVersion, VersionKind
from fazhi.reports.workflow import EDIT, FINALISE, REGENERATE, RESTORE, WORKFLOW

FIRST_YEAR = 2000  # no 法治政府建设 report predates the records this system can hold
MAX_TEXT = 20_000  # characters in one section: a whole report is a few thousand
MAX_LINE = 200  # title, addressee, issuer, note


def _as_of(year: int, today: date) -> date:
    return min(today, date(year, 12, 31))


def _draft_content(
    *, actor: Any, report: AnnualReport, today: date
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    return selectors.report_draft_for(actor=actor, unit=report.unit, year=report.year, today=today)


def _lock(*, actor: Any, report_id: int) -> AnnualReport:
    """The report row, locked, fetched through the actor's scope (NotFound when out of scope)."""
    visible = selectors.report_list_for(actor=actor).filter(pk=report_id).values("pk")
    report = (
        AnnualReport.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk__in=visible)
        .first()
    )
    if report is None:
        raise NotFound("报告不存在或无权查看")
    return report


def _latest(report: AnnualReport) -> ReportVersion:
    return ReportVersion.objects.get(report=report, number=report.version_count)


def _add_version(
    report: AnnualReport,
    *,
    actor: Any,
    kind: str,
    content: dict[str, Any],
    figures: list[dict[str, Any]],
    note: str,
    changes: list[str],
    as_of: date,
    restored_from: int | None = None,
) -> ReportVersion:
    report.version_count += 1
    version = ReportVersion.objects.create(
        report=report,
        number=report.version_count,
        kind=kind,
        content=content,
        figures=figures,
        note=note[:MAX_LINE],
        changes=changes,
        restored_from=restored_from,
        data_as_of=as_of,
        created_by=actor,
    )
    report.save(update_fields=["version_count", "status", "updated_at"])
    return version


def annual_report_create(
    *, actor: Any, unit_id: int | str, year: int, today: date | None = None
) -> AnnualReport:
    """Draft the unit's report for the year from the year's records (version 1).

    Raises NotAllowed without reports.draft, NotFound for a unit outside scope, ValidationFailed for a
    year out of range, Conflict when the unit already has a report for the year.
    """
    if not has_perm(actor, P.DRAFT):
        raise NotAllowed("无权起草法治政府建设年度报告")
    today = today or timezone.localdate()
    unit = selectors.unit_resolve_for(actor=actor, ref=unit_id, kinds=selectors.REPORT_KINDS)
    if not FIRST_YEAR <= int(year) <= today.year:
        raise ValidationFailed.field("year", f"年度须在{FIRST_YEAR}年至{today.year}年之间")
    existing = selectors.report_list_for(actor=actor).filter(unit=unit, year=year).first()
    if existing is not None:
        raise Conflict(f"{unit.name}{year}年度报告已存在", report_id=existing.pk)
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(unit=unit, year=year, created_by=actor)
            content, figures = _draft_content(actor=actor, report=report, today=today)
            _add_version(
                report,
                actor=actor,
                kind=VersionKind.GENERATE,
                content=content,
                figures=figures,
                note="由系统数据生成草稿",
                changes=[],
                as_of=_as_of(int(year), today),
            )
            fault_point("reports.annual_create.written")  # the fault tests kill -9 here
            event_record(report, "reports.generate", actor=actor, label="生成草稿", to_status=report.status)
    except IntegrityError as exc:  # a concurrent create of the same unit and year
        raise Conflict(f"{unit.name}{year}年度报告已存在") from exc
    return report


def annual_report_edit(
    *,
    actor: Any,
    report_id: int,
    base_version: int,
    texts: dict[str, str] | None = None,
    title: str | None = None,
    addressee: str | None = None,
    issuer: str | None = None,
    note: str = "",
) -> ReportVersion:
    """Save an edit as a new version. `texts` maps section keys to their new text (one paragraph a line;
    figures cited as {{code}}). `base_version` is the version the edit was made on: if another version
    came since, Conflict (nothing is overwritten). No change: the latest version, nothing added."""
    with transaction.atomic():
        report = _lock(actor=actor, report_id=report_id)
        WORKFLOW.check(report, EDIT, actor)
        if base_version != report.version_count:
            raise Conflict(f"报告已被他人修改（当前为第{report.version_count}版），请刷新后再修改")
        latest = _latest(report)
        content = _edited(latest.content, latest.figures, texts or {}, title, addressee, issuer)
        changes = builder.changed_keys(latest.content, content)
        if not changes:
            return latest
        version = _add_version(
            report,
            actor=actor,
            kind=VersionKind.EDIT,
            content=content,
            figures=latest.figures,
            note=note,
            changes=changes,
            as_of=latest.data_as_of,
        )
        event_record(
            report,
            "reports.edit",
            actor=actor,
            label=f"编辑，形成第{version.number}版",
            note=note,
            data={"changes": changes},
        )
    return version


def _edited(
    content: dict[str, Any],
    figures: list[dict[str, Any]],
    texts: dict[str, str],
    title: str | None,
    addressee: str | None,
    issuer: str | None,
) -> dict[str, Any]:
    """The content with the edits applied, or ValidationFailed naming every bad field."""
    known = {f["code"]: f for f in figures}
    keys = {s["key"] for s in builder.sections_of(content)}
    errors: dict[str, str] = {}
    for key, text in texts.items():
        if key not in keys:
            errors[key] = f"报告中没有“{key}”这一部分"
        elif len(text) > MAX_TEXT:
            errors[key] = f"{builder.section_label(content, key)}：不能超过{MAX_TEXT}字"
        elif unknown := render.unknown_codes(text, known):
            errors[key] = f"{builder.section_label(content, key)}：引用的指标“{unknown[0]}”不在本报告数据中"
    lines = {"title": title, "addressee": addressee, "issuer": issuer}
    for name, value in lines.items():
        if value is not None and len(value) > MAX_LINE:
            errors[name] = f"不能超过{MAX_LINE}字"
    if title is not None and not title.strip():
        errors["title"] = "标题不能为空"
    collect(errors)
    result = {**content, **{k: v.strip() for k, v in lines.items() if v is not None}}
    clean = {k: "\n".join(render.paragraphs(v)) for k, v in texts.items()}
    result["opening"] = {**content["opening"], "text": clean.get("opening", content["opening"]["text"])}
    result["parts"] = [
        {**part, "sections": [{**s, "text": clean.get(s["key"], s["text"])} for s in part["sections"]]}
        for part in content["parts"]
    ]
    return result


def annual_report_restore(*, actor: Any, report_id: int, number: int, note: str = "") -> ReportVersion:
    """Make an earlier version's text and figures the latest again (as a new version)."""
    with transaction.atomic():
        report = _lock(actor=actor, report_id=report_id)
        WORKFLOW.check(report, RESTORE, actor)
        old = ReportVersion.objects.filter(report=report, number=number).first()
        if old is None:
            raise NotFound("版本不存在")
        if number == report.version_count:
            raise ValidationFailed.field("number", f"第{number}版已是当前版本")
        latest = _latest(report)
        version = _add_version(
            report,
            actor=actor,
            kind=VersionKind.RESTORE,
            content=old.content,
            figures=old.figures,
            note=note or f"恢复为第{number}版",
            changes=builder.changed_keys(latest.content, old.content),
            as_of=old.data_as_of,
            restored_from=number,
        )
        event_record(
            report, "reports.restore", actor=actor, label=f"恢复第{number}版，形成第{version.number}版"
        )
    return version


def annual_report_regenerate(
    *, actor: Any, report_id: int, note: str = "", today: date | None = None
) -> ReportVersion:
    """A new draft version from current data. Sections edited by hand keep their text (their figure
    citations read the new values); untouched sections are drafted afresh. A finalised report becomes a
    draft again; its finalised version stays as it was."""
    today = today or timezone.localdate()
    with transaction.atomic():
        report = _lock(actor=actor, report_id=report_id)
        transition = WORKFLOW.check(report, REGENERATE, actor)
        latest = _latest(report)
        fresh, figures = _draft_content(actor=actor, report=report, today=today)
        content = builder.redraft(latest.content, fresh)
        from_status = report.status
        report.status = transition.target or report.status
        version = _add_version(
            report,
            actor=actor,
            kind=VersionKind.REGENERATE,
            content=content,
            figures=figures,
            note=note or "按最新数据重新生成",
            changes=builder.changed_keys(latest.content, content),
            as_of=_as_of(report.year, today),
        )
        event_record(
            report,
            "reports.regenerate",
            actor=actor,
            label=f"按最新数据重新生成第{version.number}版",
            from_status=from_status,
            to_status=report.status,
        )
    return version


def annual_report_finalise(*, actor: Any, report_id: int, base_version: int | None = None) -> ReportVersion:
    """Sign off the latest version: it and its figures are frozen; who and when are recorded.

    Refused (ValidationFailed) while any section still holds 【待填写】 or 【待核实】; Conflict when a
    newer version came after the one the leader read (`base_version`).
    """
    with transaction.atomic():
        report = _lock(actor=actor, report_id=report_id)
        WORKFLOW.check(report, FINALISE, actor)
        if base_version is not None and base_version != report.version_count:
            raise Conflict(f"报告已有新版本（第{report.version_count}版），请阅后再定稿")
        version = _latest(report)
        if pending := builder.todo_labels(version.content, version.figures):
            raise ValidationFailed(
                f"尚有{len(pending)}处待填写或待核实，不能定稿："
                + "；".join(p.rstrip("。；") for p in pending),
                fields={"content": "；".join(p.rstrip("。；") for p in pending)},
            )
        version.finalised_by = actor
        version.finalised_at = timezone.now()
        version.save(update_fields=["finalised_by", "finalised_at"])
        report.status = ReportStatus.FINAL
        report.final_version = version
        report.save(update_fields=["status", "final_version", "updated_at"])
        event_record(
            report,
            "reports.finalise",
            actor=actor,
            label=f"第{version.number}版定稿",
            from_status=ReportStatus.DRAFT,
            to_status=ReportStatus.FINAL,
        )
    return version


def report_target_set(
    *, actor: Any, code: str, target: Decimal | float | str | None, label: str = "", note: str = ""
) -> ReportTarget | None:
    """Set (or, with target None / "", clear) the target of one indicator code."""
    if not has_perm(actor, P.TARGETS):
        raise NotAllowed("无权设置统计指标目标值")
    code = (code or "").strip()
    errors: dict[str, str] = {}
    if not code or len(code) > 80 or not render.TOKEN.fullmatch("{{" + code + "}}"):
        errors["code"] = "指标代码须为字母、数字、点、下划线或连字符，不超过80个字符"
    value: Decimal | None = None
    if target not in (None, ""):
        try:
            value = Decimal(str(target))
        except InvalidOperation:
            errors["target"] = "目标值须为数字"
        else:
            if not value.is_finite() or value < 0 or value >= Decimal("1e10"):
                errors["target"] = "目标值须为不小于0的数字"
    if len(note) > 200:
        errors["note"] = "依据或说明不能超过200字"
    collect(errors)
    with transaction.atomic():
        existing = ReportTarget.objects.select_for_update().filter(code=code).first()
        if value is None:
            if existing is not None:
                event_record(existing, "reports.target_clear", actor=actor, label=f"清除目标值 {code}")
                existing.delete()
            return None
        item = existing or ReportTarget(code=code)
        item.target = value.quantize(Decimal("0.01"))
        item.label, item.note, item.updated_by = label[:100] or item.label, note, actor
        item.save()
        event_record(item, "reports.target_set", actor=actor, label=f"目标值 {code} = {item.target}")
    return item
