from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema


class UnitRef(Schema):
    id: int
    name: str
    kind: str


class PeriodOut(Schema):
    label: str
    start: date
    end: date


class FigureOut(Schema):
    code: str
    label: str
    area: str
    value: float | None
    display: str = Field(description="精确值（表格用）")
    words: str = Field(description="报告正文写法（只舍不入）")
    unit: str
    period: PeriodOut
    unit_id: int
    link: str = Field(description="所计记录的列表（下钻）")
    record_count: int = Field(description="所计记录数（记录编号在报告版本中冻结，驾驶舱不逐条列出）")
    target: float | None
    higher_is_better: bool
    missed_target: bool
    definition: str


class AlertOut(Schema):
    title: str
    link: str
    severity: str
    severity_label: str
    due: date | None
    area: str
    basis: str


class DeadlineOut(Schema):
    year: int
    deadline: date
    days_left: int
    basis: str
    report_id: int | None
    report_status: str


class IndicatorsOut(Schema):
    unit: UnitRef
    period: PeriodOut
    figures: list[FigureOut]
    alerts: list[AlertOut]
    deadline: DeadlineOut | None


class SectionOut(Schema):
    key: str
    label: str
    heading: str
    text: str = Field(description="存储文本，数据以 {{指标代码}} 引用")
    rendered: str = Field(description="按报告写法填入数据后的文本")
    manual: bool
    todo: bool = Field(description="仍有【待填写】或【待核实】")


class VersionOut(Schema):
    number: int
    kind: str
    kind_label: str
    note: str
    changes: list[str]
    restored_from: int | None
    data_as_of: date
    created_by: str
    created_at: datetime
    finalised_by: str | None
    finalised_at: datetime | None


class ReportOut(Schema):
    id: int
    unit: UnitRef
    year: int
    status: str
    status_label: str
    title: str
    deadline: date
    version: int
    final_version: int | None
    allowed_actions: list[str]


class ReportDetailOut(ReportOut):
    addressee: str
    issuer: str
    sections: list[SectionOut]
    figures: list[dict[str, Any]]
    cited: list[str] = Field(description="正文引用的指标，按附件序号排列")
    todo_sections: list[str]
    current: VersionOut


class ReportPage(Schema):
    items: list[ReportOut]
    count: int
    page: int
    page_size: int


class ReportIn(Schema):
    unit: str = Field(..., description="单位 id、编码或名称（街道或社区）", max_length=100)
    year: int


class ReportEditIn(Schema):
    base_version: int = Field(..., description="修改所依据的版本号；已有更新版本时返回 409")
    sections: dict[str, str] = Field(default_factory=dict, description="部分代码 → 新文本")
    title: str | None = None
    addressee: str | None = None
    issuer: str | None = None
    note: str = Field("", max_length=200)


class FinaliseIn(Schema):
    base_version: int | None = None


class NoteIn(Schema):
    note: str = Field("", max_length=200)


class TargetOut(Schema):
    code: str
    label: str
    target: float
    note: str
    updated_by: str
    updated_at: datetime


class TargetIn(Schema):
    target: float | None = Field(..., description="目标值；null 清除")
    label: str = Field("", max_length=100)
    note: str = Field("", max_length=200)


class FrozenRecordsOut(Schema):
    code: str
    label: str
    version: int
    count: int = Field(description="该版本冻结的记录数")
    page: int
    page_size: int
    ids: list[int | str] = Field(description="本页的记录编号（升序）")
