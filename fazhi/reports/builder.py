"""The annual report drafted from one year's indicator figures and narratives: pure functions, no database.

`draft(...)` returns the content of a version: title, addressee, issuer, opening and the parts of
sections.PARTS, each section's text citing figures as {{code}}. Nothing is invented: a section whose
areas have no module or no records that year gets the 【待填写】 mark instead of text; 三、不足 is suggested
only from figures that missed their targets; 原因 and the next year's plans are left to be written.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from fazhi.core.documents import cn_number
from fazhi.core.indicators import Figure
from fazhi.reports import render, wording
from fazhi.reports.render import MANUAL, Snapshot, snapshot
from fazhi.reports.sections import OPENING_KEY, PARTS, catalogued_areas, extra_section_key

Content = dict[str, Any]

OPENING = (
    "{year}年，{unit}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，严格按照国家和"
    "省市县法治政府建设的部署要求，把政府工作全面纳入法治轨道，不断提高依法决策、依法管理、依法行政水平。"
    "现将{year}年度法治政府建设工作情况报告如下："
)
NO_DATA = "【待填写：系统中没有{unit}{year}年度的业务记录，本报告各部分均须据实填写】"
NO_MISSED = "【待填写：各项统计指标均已达到目标或未设目标，请据实填写存在的问题】"
CAUSES = "【待填写：请结合上述问题分析主要原因】"
PLANS = "【待填写：请据实填写{next_year}年推进法治政府建设的主要安排】"


def title_for(unit_name: str, year: int) -> str:
    return f"{unit_name}关于{year}年度法治政府建设工作情况的报告"


def issuer_for(unit_name: str, unit_kind: str) -> str:
    """发文机关署名: the subdistrict signs as its 办事处, a community as its 居民委员会."""
    if unit_kind == "subdistrict" and not unit_name.endswith("办事处"):
        return f"{unit_name}办事处"
    if unit_kind == "community" and not unit_name.endswith("委员会"):
        return f"{unit_name}居民委员会"
    return unit_name


def has_records(figures: list[Figure]) -> bool:
    return any(f.record_count or (f.value not in (None, 0)) for f in figures)


def area_paragraph(area: str, figures: list[Figure], *, year: int, as_of: date) -> str:
    """ "信访方面，全年受理信访事项{{petitions.received}}，按期办结率{{petitions.on_time_rate}}。"."""
    cited = [f"{f.label}{{{{{f.code}}}}}" for f in figures if f.value is not None]
    if not cited:
        return ""
    when = "全年" if as_of >= date(year, 12, 31) else f"截至{as_of.month}月{as_of.day}日"
    return f"{area}方面，{when}" + "，".join(cited) + "。"


def missed_paragraph(figures: list[Figure]) -> str:
    """三（一）: each figure that missed its target, worded "一是…，低于95%的目标"."""
    missed = [f for f in figures if f.missed_target]
    if not missed:
        return NO_MISSED
    items = []
    for i, f in enumerate(missed, start=1):
        target = wording.exact(f.target, f.unit)
        gap = f"低于{target}的目标" if f.higher_is_better else f"高于{target}的控制目标"
        items.append(f"{cn_number(i)}是{f.label}{{{{{f.code}}}}}，{gap}")
    return "对照年度目标，以下指标未达标：" + "；".join(items) + "。"


def _section(key: str, heading: str, areas: tuple[str, ...], text: str, manual: bool) -> dict[str, Any]:
    return {
        "key": key,
        "heading": heading,
        "areas": list(areas),
        "text": text,
        "generated": text,
        "manual": manual,
    }


def _area_text(
    areas: tuple[str, ...],
    figures: dict[str, list[Figure]],
    narratives: dict[str, list[str]],
    *,
    year: int,
    as_of: date,
) -> str:
    lines: list[str] = []
    for area in areas:
        lines.extend(narratives.get(area, []))
        area_figures = figures.get(area, [])
        if has_records(area_figures):
            line = area_paragraph(area, area_figures, year=year, as_of=as_of)
            if line:
                lines.append(line)
    return "\n".join(lines)


def draft(
    *,
    unit_name: str,
    unit_kind: str,
    year: int,
    figures: dict[str, list[Figure]],
    narratives: dict[str, list[str]],
    as_of: date,
) -> Content:
    """The content of a new version drafted from the year's figures (by area) and narratives."""
    all_figures = [f for area_figures in figures.values() for f in area_figures]
    any_data = has_records(all_figures) or any(narratives.values())
    opening = OPENING.format(year=year, unit=unit_name)
    if not any_data:
        opening += "\n" + NO_DATA.format(unit=unit_name, year=year)
    parts = []
    extra_areas = [a for a in dict.fromkeys([*figures, *narratives]) if a not in catalogued_areas()]
    for part in PARTS:
        sections = []
        for section in part.sections:
            if part.key == "shortcomings":
                text = missed_paragraph(all_figures) if section.key.endswith("problems") else CAUSES
                sections.append(_section(section.key, section.heading, (), text, manual=False))
            elif part.key == "plans":
                text = PLANS.format(next_year=year + 1)
                sections.append(_section(section.key, section.heading, (), text, manual=False))
            elif part.key == "other":
                sections.append(_section(section.key, section.heading, (), "", manual=False))
            else:
                text = _area_text(section.areas, figures, narratives, year=year, as_of=as_of)
                sections.append(
                    _section(section.key, section.heading, section.areas, text or MANUAL, not text)
                )
        if part.key == "measures":
            for area in extra_areas:
                text = _area_text((area,), figures, narratives, year=year, as_of=as_of)
                key = extra_section_key(area)
                sections.append(_section(key, f"{area}工作情况。", (area,), text or MANUAL, not text))
        parts.append(
            {"key": part.key, "heading": part.heading.format(next_year=year + 1), "sections": sections}
        )
    return {
        "title": title_for(unit_name, year),
        "addressee": "",
        "issuer": "",
        "opening": _section(OPENING_KEY, "", (), opening, manual=False),
        "parts": parts,
        "has_data": bool(any_data),
    }


def redraft(previous: Content, fresh: Content) -> Content:
    """Regenerated content that keeps what people wrote: a section edited by hand (its text differs from
    what was generated for it) keeps its text, whose {{code}} citations then read the new figures; an
    untouched section takes the fresh text. Title, addressee and issuer carry over."""
    kept = {s["key"]: s for s in sections_of(previous) if s["text"] != s["generated"]}
    result = {
        **fresh,
        "title": previous["title"],
        "addressee": previous["addressee"],
        "issuer": previous["issuer"],
    }
    if OPENING_KEY in kept:
        result["opening"] = {**fresh["opening"], "text": kept[OPENING_KEY]["text"]}
    result["parts"] = [
        {
            **part,
            "sections": [
                {**s, "text": kept[s["key"]]["text"]} if s["key"] in kept else s for s in part["sections"]
            ],
        }
        for part in fresh["parts"]
    ]
    return result


def sections_of(content: Content) -> Iterator[dict[str, Any]]:
    """The opening, then every section in reading order (the editable blocks of a version)."""
    yield content["opening"]
    for part in content["parts"]:
        yield from part["sections"]


def section_label(content: Content, key: str) -> str:
    """ "一（二）依法行政，积极防范化解社会矛盾。" — how a page or an error names a section."""
    if key == OPENING_KEY:
        return "开头段"
    for p, part in enumerate(visible_parts(content), start=1):
        for s, section in enumerate(part["sections"], start=1):
            if section["key"] == key:
                head = section["heading"] or part["heading"]
                return f"{cn_number(p)}、" + (f"（{cn_number(s)}）" if section["heading"] else "") + head
    for part in content["parts"]:
        for section in part["sections"]:
            if section["key"] == key:
                return section["heading"] or part["heading"]
    return key


def visible_parts(content: Content) -> list[dict[str, Any]]:
    """The parts as written out: sections with text only, parts with no text left out (五 when empty)."""
    out = []
    for part in content["parts"]:
        sections = [s for s in part["sections"] if s["text"].strip()]
        if sections:
            out.append({**part, "sections": sections})
    return out


def snapshots(figures: dict[str, list[Figure]], *, unit_name: str) -> list[Snapshot]:
    """Every figure frozen; figures whose source gave the same id loader (one record set counted two
    ways, e.g. closures and days to close) load and pack their ids once."""
    frozen: dict[Any, dict[str, Any]] = {}
    result = []
    for area_figures in figures.values():
        for f in area_figures:
            if f.records is None or f.record_ids:
                records = render.freeze_records(f)
            elif f.records in frozen:
                records = frozen[f.records]
            else:
                records = frozen[f.records] = render.freeze_records(f)
            result.append(snapshot(f, unit_name=unit_name, records=records))
    return result


def todo_labels(content: Content, figures: list[Snapshot]) -> list[str]:
    """Labels of the written-out sections still holding 【待填写】/【待核实】 (what blocks finalising)."""
    known = {f["code"]: f for f in figures}
    visible = {s["key"] for part in visible_parts(content) for s in part["sections"]} | {OPENING_KEY}
    return [
        section_label(content, s["key"])
        for s in sections_of(content)
        if s["key"] in visible and render.has_todo(s["text"], known)
    ]


def changed_keys(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The blocks whose text differs between two contents ("title", "addressee", "issuer", section keys)."""
    keys = [k for k in ("title", "addressee", "issuer") if before.get(k, "") != after.get(k, "")]
    old = {s["key"]: s["text"] for s in sections_of(before)}
    keys += [s["key"] for s in sections_of(after) if old.get(s["key"]) != s["text"]]
    return keys
