"""The module's two ledgers (台账), declared once for export, template and import:

- 矛盾纠纷排查化解台账 (DISPUTES): one row per dispute, with its outcome;
- 人民调解台账 (MEDIATIONS): one row per dispute mediated by an organisation, with the agreement and
  its 司法确认.

Personal data is masked on export (3716**********0015, 139****9001); an exported mask imported back
leaves the stored value alone. Rows are matched by 编号: an exported file imports back unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from fazhi.core.idcard import id_number_clean, phone_clean
from fazhi.core.ledgers import Column, Ledger
from fazhi.disputes.models.choices import (
    AgreementForm,
    ConfirmationStatus,
    Outcome,
    RiskLevel,
    Source,
    TermStatus,
)
from fazhi.disputes.workflow import Status

MASKED_ID = re.compile(r"^\d{4}\*+[\dX]{4}$")
MASKED_PHONE = re.compile(r"^\d{3}\*+\d{4}$")
NUMBER_RULE = "纠纷编号；新增纠纷可填写本单位台账编号（不超过30字），与已有编号不能重复"
COMPUTED = "由系统生成，导入时忽略"


def _id(value: str) -> str:
    return value if MASKED_ID.fullmatch(value) else id_number_clean(value)


def _phone(value: str) -> str:
    return value if MASKED_PHONE.fullmatch(value) else phone_clean(value)


def _non_negative(value: Any) -> Any:
    if value is not None and value < 0:
        raise ValueError("不能为负数")
    return value


def _at_least_one(value: Any) -> Any:
    if value is not None and value < 1:
        raise ValueError("至少为1")
    return value


OUTCOME_CHOICES = [(v, label) for v, label in Outcome.choices if v]
RESULT_CHOICES = [("ongoing", "调解中"), *OUTCOME_CHOICES]

DISPUTES = Ledger(
    "矛盾纠纷排查化解台账",
    [
        Column("number", "编号", max_length=30, example="JF2022-0001", rule=NUMBER_RULE),
        Column("registered_on", "登记日期", type="date", required=True, example="2022-05-10"),
        Column(
            "unit_code",
            "所属单位编码",
            required=True,
            max_length=40,
            example="SH-JQ-01",
            rule="社区或网格的单位编码",
        ),
        Column(
            "category",
            "纠纷类别",
            required=True,
            max_length=40,
            example="邻里纠纷",
            rule="纠纷类别的名称或编码",
        ),
        Column("source", "来源", type="choice", choices=Source.choices, example=Source.SCREENING),
        Column(
            "summary",
            "纠纷简要情况",
            required=True,
            max_length=2000,
            example="楼上漏水致楼下天花板受损，双方就维修和赔偿发生争执",
        ),
        Column("place", "发生地点", max_length=200, example="锦秋社区3号楼"),
        Column("people_involved", "涉及人数", type="int", validator=_at_least_one, example=2),
        Column("amount", "涉及金额（元）", type="decimal", validator=_non_negative, example=2000),
        Column("applicant", "申请人", max_length=100, example="张明"),
        Column(
            "applicant_id",
            "申请人身份证号",
            max_length=30,
            validator=_id,
            example="371625200103120015",
            rule="导出为脱敏号码；脱敏号码原样导入表示不变",
        ),
        Column(
            "applicant_phone",
            "申请人电话",
            max_length=20,
            validator=_phone,
            example="13905439001",
            rule="导出为脱敏号码；脱敏号码原样导入表示不变",
        ),
        Column("respondent", "被申请人", max_length=100, example="李芳"),
        Column(
            "respondent_id",
            "被申请人身份证号",
            max_length=30,
            validator=_id,
            rule="导出为脱敏号码；脱敏号码原样导入表示不变",
        ),
        Column(
            "respondent_phone",
            "被申请人电话",
            max_length=20,
            validator=_phone,
            rule="导出为脱敏号码；脱敏号码原样导入表示不变",
        ),
        Column(
            "risk_level",
            "风险等级",
            type="choice",
            choices=RiskLevel.choices,
            rule="按风险评定标准自动评定，导入时忽略",
        ),
        Column("status", "状态", type="choice", choices=Status.choices, rule=COMPUTED),
        Column(
            "outcome",
            "化解结果",
            type="choice",
            choices=OUTCOME_CHOICES,
            rule="新增纠纷填“当场化解或自行和解”并填结案日期的，按已化解登记；其余结果请在系统中办理",
        ),
        Column("concluded_on", "结案日期", type="date"),
        Column("org", "调解组织", max_length=100, rule=COMPUTED),
    ],
    natural_key=("number",),
)

MEDIATIONS = Ledger(
    "人民调解台账",
    [
        Column("number", "编号", max_length=30, example="JF2021-0031", rule=NUMBER_RULE),
        Column("registered_on", "受理日期", type="date", required=True, example="2021-11-02"),
        Column("unit_code", "所属单位编码", required=True, max_length=40, example="SH-JQ"),
        Column(
            "org",
            "调解组织",
            required=True,
            max_length=100,
            example="锦秋社区人民调解委员会",
            rule="本人可见的调解组织名称",
        ),
        Column(
            "mediators", "调解员", max_length=200, example="王秀兰", rule="该组织的调解员姓名，多人用顿号分隔"
        ),
        Column("category", "纠纷类别", required=True, max_length=40, example="邻里纠纷"),
        Column(
            "parties",
            "当事人",
            required=True,
            max_length=200,
            example="张明、李芳",
            rule="当事人姓名，用顿号分隔，至少两人",
        ),
        Column("summary", "纠纷简要情况", required=True, max_length=2000, example="因宅前排水沟堵塞引发纠纷"),
        Column("first_session_on", "调解日期", type="date", example="2021-11-05"),
        Column("sessions", "调解次数", type="int", rule=COMPUTED),
        Column(
            "result",
            "调解结果",
            type="choice",
            required=True,
            choices=RESULT_CHOICES,
            example=Outcome.AGREEMENT,
        ),
        Column(
            "agreement_form",
            "协议形式",
            type="choice",
            choices=AgreementForm.choices,
            example=AgreementForm.WRITTEN,
        ),
        Column("agreement_number", "协议编号", max_length=40, example="（2021）锦调字第31号"),
        Column("effective_on", "协议生效日期", type="date", example="2021-11-05"),
        Column(
            "jc_status",
            "司法确认",
            type="choice",
            choices=ConfirmationStatus.choices,
            example=ConfirmationStatus.DECLINED,
        ),
        Column(
            "performance", "履行情况", type="choice", choices=TermStatus.choices, example=TermStatus.PERFORMED
        ),
        Column("concluded_on", "结案日期", type="date", example="2021-11-20"),
    ],
    natural_key=("number",),
)

LEDGERS = {"disputes": DISPUTES, "mediations": MEDIATIONS}
