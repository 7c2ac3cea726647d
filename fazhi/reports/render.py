"""Report text as stored and as read: {{code}} figure tokens, 【待填写】 marks, figure snapshots.

A section's text is plain paragraphs (one per line). A figure is cited as ``{{code}}`` and written, when
read, from the version's snapshot in the report's wording ("1000余份"), so the number always carries its
provenance and edits never detach a number from its records. Text still to be written by hand is marked
【待填写：…】; a citation that cannot be written (unknown code, value not computable) reads as 【待核实：…】.
Both keep a report from being finalised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fazhi.core.indicators import Figure
from fazhi.reports import idpack, wording

TOKEN = re.compile(r"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")
TODO = re.compile(r"【待(?:填写|核实)[^】]*】")
MANUAL = "【待填写：本部分暂无系统数据，请据实填写】"

Snapshot = dict[str, Any]  # one figure as frozen into a version (see `snapshot`)


def freeze_records(figure: Figure) -> dict[str, Any]:
    """The ids of the records a figure counts, loaded (the one place they are) and frozen: the snapshot
    fields "record_set" (packed, see idpack) or "record_ids", and "record_count"."""
    ids = figure.ids()
    return {**idpack.freeze(ids), "record_count": len(ids)}


def snapshot(figure: Figure, *, unit_name: str, records: dict[str, Any] | None = None) -> Snapshot:
    """A figure as a version keeps it: value, wording, provenance and the ids of the records counted
    (`records`: the figure's `freeze_records`, when the caller already froze the same record set)."""
    value = figure.value
    if value is not None and not isinstance(value, int | float):
        value = float(value)  # Decimal: JSON has no decimals; one-decimal wording is unaffected
    return {
        "code": figure.code,
        "label": figure.label,
        "area": figure.area,
        "value": value,
        "unit": figure.unit,
        "words": wording.words(figure.value, figure.unit),
        "exact": wording.exact(figure.value, figure.unit),
        "period": {
            "label": figure.period.label,
            "start": figure.period.start.isoformat(),
            "end": figure.period.end.isoformat(),
        },
        "unit_id": figure.unit_id,
        "unit_name": unit_name,
        "link": figure.link,
        **(freeze_records(figure) if records is None else records),
        "target": figure.target,
        "higher_is_better": figure.higher_is_better,
        "missed_target": figure.missed_target,
        "definition": figure.definition,
    }


@dataclass(frozen=True)
class Segment:
    kind: str  # "text", "figure" or "todo"
    text: str
    code: str = ""


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def segments(paragraph: str, figures: dict[str, Snapshot]) -> list[Segment]:
    """A paragraph cut into plain text, written figures and 待填写/待核实 marks, in order."""
    out: list[Segment] = []
    pos = 0
    for match in TOKEN.finditer(paragraph):
        out.extend(_text_segments(paragraph[pos : match.start()]))
        code = match.group(1)
        figure = figures.get(code)
        if figure is None:
            out.append(Segment("todo", f"【待核实：指标“{code}”不在本报告数据中】", code))
        elif figure["value"] is None:
            out.append(Segment("todo", f"【待核实：{figure['label']}无法计算】", code))
        else:
            out.append(Segment("figure", figure["words"], code))
        pos = match.end()
    out.extend(_text_segments(paragraph[pos:]))
    return out


def _text_segments(text: str) -> Iterator[Segment]:
    pos = 0
    for match in TODO.finditer(text):
        if match.start() > pos:
            yield Segment("text", text[pos : match.start()])
        yield Segment("todo", match.group(0))
        pos = match.end()
    if pos < len(text):
        yield Segment("text", text[pos:])


def plain(paragraph: str, figures: dict[str, Snapshot]) -> str:
    return "".join(s.text for s in segments(paragraph, figures))


def cited_codes(texts: list[str]) -> list[str]:
    """Codes cited in the texts, each once, in reading order (the annex numbers them so)."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in TOKEN.finditer(text or ""):
            seen.setdefault(match.group(1), None)
    return list(seen)


def has_todo(text: str, figures: dict[str, Snapshot]) -> bool:
    return any(s.kind == "todo" for p in paragraphs(text) for s in segments(p, figures))


def unknown_codes(text: str, figures: dict[str, Snapshot]) -> list[str]:
    return [code for code in cited_codes([text]) if code not in figures]
