"""The statutory dates of the annual report, each with its legal basis.

《法治政府建设与责任落实督察工作规定》（中共中央办公厅、国务院办公厅，2019）第二十四条：每年4月1日之前，
地方各级政府的法治政府建设年度报告（除涉及党和国家秘密的）应当向社会公开. The report covers the year
before; the subdistrict reports to the county first, so its draft is due well inside the first quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

BASIS = "《法治政府建设与责任落实督察工作规定》第二十四条"
# "每年4月1日之前": the last day the report of the year before may be published is 31 March.
DEADLINE_MONTH, DEADLINE_DAY = 4, 1
# The dashboard and 我的待办 count down in the first quarter, when the report is being written.
COUNTDOWN_MONTHS = (1, 2, 3)
# 我的待办 marks the report "due" (and the sweep notifies) this many days before the deadline.
DUE_SOON_DAYS = 15


@dataclass(frozen=True)
class ReportDeadline:
    year: int  # the year the report covers
    deadline: date  # "before" this day: 4月1日 of the next year
    days_left: int  # whole days from today until the deadline day

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.deadline.toordinal() - 1)

    @property
    def basis(self) -> str:
        return BASIS


def report_deadline(today: date) -> ReportDeadline | None:
    """The deadline of last year's report while it is being written (January–March), else None."""
    if today.month not in COUNTDOWN_MONTHS:
        return None
    deadline = date(today.year, DEADLINE_MONTH, DEADLINE_DAY)
    return ReportDeadline(year=today.year - 1, deadline=deadline, days_left=(deadline - today).days)


def deadline_of(year: int) -> date:
    """The report covering `year` is published before this day."""
    return date(year + 1, DEADLINE_MONTH, DEADLINE_DAY)
