"""Figure tokens and 待填写 marks in report text."""

from __future__ import annotations

from fazhi.reports import render

FIGS = {
    "a.count": {"code": "a.count", "label": "受理", "value": 53, "words": "50多件"},
    "a.rate": {"code": "a.rate", "label": "办结率", "value": None, "words": ""},
}


def test_a_token_reads_as_the_figure_in_the_reports_wording():
    parts = render.segments("全年受理{{a.count}}。", FIGS)
    assert [(s.kind, s.text) for s in parts] == [("text", "全年受理"), ("figure", "50多件"), ("text", "。")]
    assert parts[1].code == "a.count"


def test_unknown_and_uncomputable_figures_read_as_marks_to_check():
    parts = render.segments("{{b.x}}与{{a.rate}}", FIGS)
    assert parts[0].kind == "todo" and "b.x" in parts[0].text
    assert parts[2].kind == "todo" and "办结率无法计算" in parts[2].text


def test_manual_marks_are_found_anywhere_in_a_paragraph():
    parts = render.segments("前文【待填写：原因】后文", FIGS)
    assert [s.kind for s in parts] == ["text", "todo", "text"]
    assert render.has_todo("一\n二【待核实：x】", FIGS)
    assert not render.has_todo("全年受理{{a.count}}。", FIGS)


def test_citations_are_listed_once_in_reading_order():
    assert render.cited_codes(["{{b}}{{a}}", "{{ b }}{{c}}"]) == ["b", "a", "c"]


def test_paragraphs_drop_blank_lines_and_outer_spaces():
    assert render.paragraphs("  一 \n\n 二\n") == ["一", "二"]
