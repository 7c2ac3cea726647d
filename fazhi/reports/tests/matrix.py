"""Expected status of every reports API route for every persona (read by fazhi/tests/test_api_matrix.py).

The report under test is 少海街道's: leaders and office staff see it; everyone else — community staff,
grid workers (the outsider grid_b1 among them), the adviser, the administrators — gets 404, never 403.
"""

from __future__ import annotations

from typing import Any

from fazhi.testing import persona, unit
from fazhi.tests.matrix import Case, only

SEES_REPORT = ("leader", "clerk")


def report_id() -> dict[str, Any]:
    """少海街道's 2022 report, its 待填写 parts written, ready for the leader to sign off."""
    from fazhi.reports import builder, render, services

    clerk = persona("clerk")
    report = services.annual_report_create(actor=clerk, unit_id=unit("SH").pk, year=2022)
    version = report.versions.get(number=1)
    known = {f["code"]: f for f in version.figures}
    texts = {
        s["key"]: "已据实填写。"
        for s in builder.sections_of(version.content)
        if render.has_todo(s["text"], known)
    }
    services.annual_report_edit(actor=clerk, report_id=report.pk, base_version=1, texts=texts)
    return {"report_id": report.pk}


def report_and_version() -> dict[str, Any]:
    return {**report_id(), "number": 1}


def version_figure() -> dict[str, Any]:
    return {**report_and_version(), "code": "petitions.received"}


ROUTES: dict[str, Case] = {
    "GET /api/v1/reports/indicators": Case(
        expect=only(200, "leader", "clerk", "community_a", default=403),
    ),
    "GET /api/v1/reports/annual": Case(expect=only(200, *SEES_REPORT, default=403)),
    "POST /api/v1/reports/annual": Case(
        body=lambda: {"unit": str(unit("SH").pk), "year": 2021},
        # Only office staff draft; the leader reads and signs off.
        expect=only(201, "clerk", default=403),
    ),
    "GET /api/v1/reports/annual/{report_id}": Case(
        path=report_id, expect=only(200, *SEES_REPORT, default=404)
    ),
    "PATCH /api/v1/reports/annual/{report_id}": Case(
        path=report_id,
        body=lambda: {"base_version": 2, "sections": {"other.main": "无其他需要报告的情况。"}},
        expect={**only(200, "clerk", default=404), "leader": 403},
    ),
    "POST /api/v1/reports/annual/{report_id}/finalise": Case(
        path=report_id,
        body=lambda: {"base_version": 2},
        expect={**only(200, "leader", default=404), "clerk": 403},
    ),
    "POST /api/v1/reports/annual/{report_id}/regenerate": Case(
        path=report_id, body=lambda: {}, expect={**only(200, "clerk", default=404), "leader": 403}
    ),
    "GET /api/v1/reports/annual/{report_id}/versions": Case(
        path=report_id, expect=only(200, *SEES_REPORT, default=404)
    ),
    "POST /api/v1/reports/annual/{report_id}/versions/{number}/restore": Case(
        path=report_and_version, body=lambda: {}, expect={**only(200, "clerk", default=404), "leader": 403}
    ),
    "GET /api/v1/reports/annual/{report_id}/versions/{number}/figures/{code}/records": Case(
        path=version_figure, expect=only(200, *SEES_REPORT, default=404)
    ),
    "GET /api/v1/reports/annual/{report_id}/docx": Case(
        path=report_id, expect=only(200, *SEES_REPORT, default=404)
    ),
    "GET /api/v1/reports/bulletin": Case(expect=only(200, *SEES_REPORT, default=403)),
    "GET /api/v1/reports/targets": Case(expect=only(200, *SEES_REPORT, default=403)),
    "PUT /api/v1/reports/targets/{code}": Case(
        path=lambda: {"code": "petitions.on_time_rate"},
        body=lambda: {"target": 95, "note": "县考核"},
        expect=only(200, *SEES_REPORT, default=403),
    ),
}
