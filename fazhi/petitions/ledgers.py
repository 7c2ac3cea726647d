"""信访台账: the ledger exported from the list page (filtered rows, personal data masked) and imported
from historic Excel ledgers (all rows checked first, then all written or none)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from fazhi.core import crypto
from fazhi.core.idcard import id_number_clean, phone_clean
from fazhi.core.ledgers import Column, Ledger, Row, RowError
from fazhi.petitions.models import Category, Channel, Outcome, Petition, Route, Satisfaction, Status

_MASKED = re.compile(r".*\*{2,}.*")


def _id_number(value: str) -> str:
    if _MASKED.fullmatch(value):
        return ""  # an exported, masked number carries nothing to keep
    return id_number_clean(value)


def _phone(value: str) -> str:
    if _MASKED.fullmatch(value):
        return ""
    return phone_clean(value, label="联系电话")


PETITIONS = Ledger(
    "信访台账",
    [
        Column(
            "case_number",
            "案件编号",
            max_length=40,
            example="SH-XF-2021-0031",
            rule="留空则自动编号；已存在的编号不重复导入",
        ),
        Column("received_on", "收到日期", type="date", required=True, example="2021-06-03"),
        Column(
            "channel",
            "来源渠道",
            type="choice",
            required=True,
            choices=Channel.choices,
            example=Channel.LETTER,
        ),
        Column(
            "category", "类别", type="choice", required=True, choices=Category.choices, example=Category.CLAIM
        ),
        Column("title", "事由", max_length=200, example="拖欠工资"),
        Column("content", "信访内容", required=True, example="包工头拖欠工资十八万元，要求帮助追讨"),
        Column("name", "信访人", required=True, max_length=60, example="张桂兰"),
        Column(
            "id_number",
            "身份证号",
            max_length=30,
            validator=_id_number,
            example="372328195803120024",
            rule="18位，校验位须正确；导出的脱敏号码导入时视为空",
        ),
        Column("phone", "联系电话", max_length=30, validator=_phone, example="13805431234"),
        Column("address", "住址", max_length=200, example="锦秋社区3号楼"),
        Column("unit_code", "所涉单位编码", required=True, max_length=40, example="SH-JQ-01"),
        Column("status", "状态", type="choice", choices=Status.choices, rule="导入时不读取，按答复日期确定"),
        Column("route", "处理方式", type="choice", choices=Route.choices, rule="导入时不读取"),
        Column("handling_due", "办理期限", type="date", rule="导入时不读取，按规则计算"),
        Column("replied_on", "答复日期", type="date", example="2021-07-20", rule="填写则按已答复导入"),
        Column("outcome", "处理意见", type="choice", choices=Outcome.choices, rule="有答复日期时必填"),
        Column("satisfaction", "满意度", type="choice", choices=Satisfaction.choices),
        Column("case_leader", "包案领导", max_length=60, rule="导入时不读取"),
    ],
    natural_key=("case_number",),
)


def export_rows(petitions: Iterable[Petition]) -> Iterator[dict[str, Any]]:
    """Ledger rows with personal data masked (个人信息保护法 Art. 51)."""
    for p in petitions:
        people = list(p.petitioners.all())
        first = people[0] if people else None
        yield {
            "case_number": p.case_number,
            "received_on": p.received_on,
            "channel": p.channel,
            "category": p.category,
            "title": p.title,
            "content": p.content,
            "name": "、".join(x.name for x in people),
            "id_number": crypto.mask_id_number(first.id_number) if first else "",
            "phone": crypto.mask_phone(first.phone) if first else "",
            "address": (first.address[:3] + "****") if first and first.address else "",
            "unit_code": p.unit.code,
            "status": p.status,
            "route": p.route or None,
            "handling_due": p.handling_due,
            "replied_on": p.replied_on,
            "outcome": p.outcome or None,
            "satisfaction": p.satisfaction or None,
            "case_leader": str(p.case_leader) if p.case_leader else "",
        }


class PetitionImport:
    """One 信访台账 import by `actor`: units by code within scope, new case numbers only."""

    def __init__(self, *, actor: Any) -> None:
        self.actor = actor
        self.units: dict[str, Any] = {}

    def check(self, rows: list[Row]) -> list[RowError]:
        from fazhi.org.selectors import unit_list_for

        errors: list[RowError] = []
        codes = {row.values.get("unit_code") for row in rows}
        self.units = {u.code: u for u in unit_list_for(actor=self.actor).filter(code__in=codes)}
        numbers = {row.values.get("case_number") for row in rows if row.values.get("case_number")}
        self.existing = set(
            Petition.objects.filter(case_number__in=numbers).values_list("case_number", flat=True)
        )
        for row in rows:
            v = row.values
            if v.get("unit_code") not in self.units:
                errors.append(
                    RowError(
                        row.line, "所涉单位编码", f"单位“{v.get('unit_code')}”不存在或不在本人数据范围内"
                    )
                )
            if v.get("replied_on") and not v.get("outcome"):
                errors.append(
                    RowError(row.line, "处理意见", "有答复日期时须填写处理意见（支持、解释说明或不予支持）")
                )
            if v.get("replied_on") and v.get("received_on") and v["replied_on"] < v["received_on"]:
                errors.append(RowError(row.line, "答复日期", "答复日期不能早于收到日期"))
        return errors
