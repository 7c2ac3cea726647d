"""Shaping reports, figures and alerts for the API and the pages alike (one piece of code for both)."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from fazhi.core.indicators import Alert, Figure
from fazhi.reports import builder, render, rules, wording
from fazhi.reports.models import AnnualReport, ReportVersion
from fazhi.reports.selectors import Dashboard
from fazhi.reports.workflow import WORKFLOW


def figure_dict(f: Figure) -> dict[str, Any]:
    return {
        "code": f.code,
        "label": f.label,
        "area": f.area,
        "value": None if f.value is None else float(f.value),
        "display": wording.exact(f.value, f.unit),
        "words": wording.words(f.value, f.unit),
        "unit": f.unit,
        "period": {"label": f.period.label, "start": f.period.start, "end": f.period.end},
        "unit_id": f.unit_id,
        "link": f.link,
        "record_count": f.record_count,
        "target": f.target,
        "higher_is_better": f.higher_is_better,
        "missed_target": f.missed_target,
        "definition": f.definition,
    }


def alert_dict(a: Alert) -> dict[str, Any]:
    return {
        "title": a.title,
        "link": a.link,
        "severity": a.severity,
        "severity_label": a.severity_label,
        "due": a.due,
        "area": a.area,
        "basis": a.basis,
    }


def indicators_dict(dash: Dashboard) -> dict[str, Any]:
    deadline = None
    if dash.deadline is not None:
        report = dash.deadline_report
        deadline = {
            "year": dash.deadline.year,
            "deadline": dash.deadline.deadline,
            "days_left": dash.deadline.days_left,
            "basis": dash.deadline.basis,
            "report_id": report.pk if report else None,
            "report_status": report.status if report else "missing",
        }
    return {
        "unit": {"id": dash.unit.pk, "name": dash.unit.name, "kind": dash.unit.kind},
        "period": {"label": dash.period.label, "start": dash.period.start, "end": dash.period.end},
        "figures": [figure_dict(f) for figures in dash.areas.values() for f in figures],
        "alerts": [alert_dict(a) for a in dash.alerts],
        "deadline": deadline,
    }


def report_dict(report: AnnualReport, actor: Any, version: ReportVersion | None = None) -> dict[str, Any]:
    title = version.content["title"] if version else builder.title_for(report.unit.name, report.year)
    return {
        "id": report.pk,
        "unit": {"id": report.unit.pk, "name": report.unit.name, "kind": report.unit.kind},
        "year": report.year,
        "status": report.status,
        "status_label": report.get_status_display(),
        "title": title,
        "deadline": rules.deadline_of(report.year),
        "version": report.version_count,
        "final_version": report.final_version.number
        if report.final_version_id and report.final_version
        else None,
        "allowed_actions": [t.action for t in WORKFLOW.available_actions(report, actor)],
    }


def version_dict(v: ReportVersion) -> dict[str, Any]:
    return {
        "number": v.number,
        "kind": v.kind,
        "kind_label": v.get_kind_display(),
        "note": v.note,
        "changes": v.changes,
        "restored_from": v.restored_from,
        "data_as_of": v.data_as_of,
        "created_by": str(v.created_by),
        "created_at": v.created_at,
        "finalised_by": str(v.finalised_by) if v.finalised_by_id else None,
        "finalised_at": v.finalised_at,
    }


def annex_numbers(version: ReportVersion) -> dict[str, int]:
    """Code → its row number in the annex (cited figures that can be written, in reading order)."""
    known = {f["code"]: f for f in version.figures}
    texts = [s["text"] for s in builder.sections_of(version.content)]
    codes = [c for c in render.cited_codes(texts) if known.get(c, {}).get("value") is not None]
    return {code: i for i, code in enumerate(codes, start=1)}


def paragraph_html(paragraph: str, figures: dict[str, Any], numbers: dict[str, int], base: str) -> SafeString:
    """A paragraph with each figure linked to its provenance page and each 待填写 mark highlighted."""
    out = []
    for segment in render.segments(paragraph, figures):
        if segment.kind == "figure":
            f = figures[segment.code]
            out.append(
                format_html(
                    '<a class="fig" href="{}figures/{}/" title="{}：{}（{}，{}，{}条记录）">{}</a><sup>[{}]</sup>',
                    base,
                    segment.code,
                    f["label"],
                    f["exact"],
                    f["period"]["label"],
                    f["unit_name"],
                    f["record_count"],
                    segment.text,
                    numbers.get(segment.code, "?"),
                )
            )
        elif segment.kind == "todo":
            out.append(format_html('<mark class="todo">{}</mark>', segment.text))
        else:
            out.append(escape(segment.text))
    return mark_safe("".join(out))


def sections(version: ReportVersion, *, base: str = "") -> list[dict[str, Any]]:
    """Every editable block with its label, stored text, rendered text and HTML paragraphs."""
    known = {f["code"]: f for f in version.figures}
    numbers = annex_numbers(version)
    out = []
    for s in builder.sections_of(version.content):
        lines = render.paragraphs(s["text"])
        out.append(
            {
                "key": s["key"],
                "label": builder.section_label(version.content, s["key"]),
                "heading": s["heading"],
                "text": s["text"],
                "rendered": "\n".join(render.plain(p, known) for p in lines),
                "html": [paragraph_html(p, known, numbers, base) for p in lines],
                "manual": s["manual"],
                "todo": render.has_todo(s["text"], known),
                "areas": s.get("areas", []),
            }
        )
    return out


def figure_snapshot_dict(figure: dict[str, Any], version: ReportVersion) -> dict[str, Any]:
    """A frozen figure for the API: its ids are not inlined (a county figure counts hundreds of
    thousands) but paged at `records` (`GET …/versions/<n>/figures/<code>/records`)."""
    out = {k: v for k, v in figure.items() if k not in ("record_set", "record_ids")}
    out["records"] = (
        f"/api/v1/reports/annual/{version.report_id}/versions/{version.number}/figures/{figure['code']}/records"
    )
    return out


def report_detail_dict(report: AnnualReport, version: ReportVersion, actor: Any) -> dict[str, Any]:
    numbers = annex_numbers(version)
    return {
        **report_dict(report, actor, version),
        "addressee": version.content.get("addressee", ""),
        "issuer": version.content.get("issuer", ""),
        "sections": [{k: v for k, v in s.items() if k not in {"html", "areas"}} for s in sections(version)],
        "figures": [figure_snapshot_dict(f, version) for f in version.figures],
        "cited": list(numbers),
        "todo_sections": builder.todo_labels(version.content, version.figures),
        "current": version_dict(version),
    }


def _diff_html(old: str, new: str) -> SafeString:
    """Characters removed in <del>, added in <ins> (Chinese text has no words to diff by). Equal runs of
    fewer than four characters between changes are folded into the change, so a rewritten sentence reads
    as one deletion and one insertion rather than confetti."""
    import difflib

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    pieces: list[tuple[str, str, str]] = []  # (kind, old text, new text)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        kind = "equal" if op == "equal" else "change"
        pieces.append((kind, old[a0:a1], new[b0:b1]))
    merged: list[list[str]] = []
    for i, (kind, a, b) in enumerate(pieces):
        between = 0 < i < len(pieces) - 1
        if kind == "equal" and between and len(a) < 4:
            kind = "change"
        if merged and kind == "change" and merged[-1][0] == "change":
            merged[-1][1] += a
            merged[-1][2] += b
        else:
            merged.append([kind, a, b])
    out = []
    for kind, a, b in merged:
        if kind == "equal":
            out.append(escape(a))
            continue
        if a:
            out.append(format_html("<del>{}</del>", a))
        if b:
            out.append(format_html("<ins>{}</ins>", b))
    return mark_safe("".join(out).replace("\n", "<br>"))


def version_diff(previous: ReportVersion, version: ReportVersion) -> list[dict[str, Any]]:
    """What changed from the previous version, block by block, as read (figures written in)."""
    labels = {"title": "标题", "addressee": "主送机关", "issuer": "发文机关署名"}
    old_blocks = {b["key"]: b for b in sections(previous)}
    new_blocks = {b["key"]: b for b in sections(version)}
    out = []
    for key in builder.changed_keys(previous.content, version.content):
        if key in labels:
            old, new, label = previous.content.get(key, ""), version.content.get(key, ""), labels[key]
        else:
            old = old_blocks.get(key, {}).get("rendered", "")
            new = new_blocks.get(key, {}).get("rendered", "")
            label = (new_blocks.get(key) or old_blocks.get(key) or {"label": key})["label"]
        out.append({"key": key, "label": label, "html": _diff_html(old, new)})
    return out
