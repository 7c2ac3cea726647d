"""The annual report's statuses and transitions: drafted and edited by office staff, finalised by a leader.

After finalising, the text and figures of the finalised version never change; a new draft can be made
from current data (regenerate), which leaves the finalised version as it was.
"""

from __future__ import annotations

from fazhi.org.workflow import Transition, Workflow
from fazhi.reports import permissions as P
from fazhi.reports.models import ReportStatus

EDIT, RESTORE, REGENERATE, FINALISE = "edit", "restore", "regenerate", "finalise"

WORKFLOW = Workflow(
    ReportStatus,
    [
        Transition(EDIT, "编辑", {ReportStatus.DRAFT}, None, permission=P.DRAFT),
        Transition(RESTORE, "恢复旧版本", {ReportStatus.DRAFT}, None, permission=P.DRAFT),
        Transition(
            REGENERATE,
            "按最新数据重新生成",
            {ReportStatus.DRAFT, ReportStatus.FINAL},
            ReportStatus.DRAFT,
            permission=P.DRAFT,
        ),
        Transition(FINALISE, "定稿", {ReportStatus.DRAFT}, ReportStatus.FINAL, permission=P.FINALISE),
    ],
)
