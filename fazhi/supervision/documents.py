"""督办单 (.docx, GB/T 9704): the matter, the reason, the level, the written reply required by when."""

from __future__ import annotations

from fazhi.core.documents import OfficialDocument, format_date
from fazhi.org.scope import subdistrict_of
from fazhi.supervision import rules
from fazhi.supervision.models import SupervisionOrder


def order_document(order: SupervisionOrder) -> tuple[str, bytes]:
    label = rules.step(order.level).label if order.level in dict(rules.level_choices()) else order.level
    issuer = f"{subdistrict_of(order.unit).name}办事处"
    title = f"{label}通知单"
    doc = OfficialDocument(title=title, addressee=f"{order.unit.name}：", author=issuer)
    doc.paragraph(f"编号：{order.number}")
    doc.paragraph(f"督办事项：{order.object_label}")
    doc.paragraph(f"督办事由：{order.reason}")
    doc.paragraph(
        f"请于{format_date(order.reply_due)}前将办理情况书面回复（{rules.reply_basis(order.reply_rule)}）。"
        f"逾期未回复的，按规定升级督办（{rules.BASIS}）。"
    )
    if order.reply_text:
        doc.heading(1, "办理情况回复", number=True)
        doc.paragraph(order.reply_text)
        if order.replied_on:
            doc.paragraph(f"回复日期：{format_date(order.replied_on)}")
    doc.signature(issuer=issuer, date=order.issued_on)
    return f"{order.number}{title}", doc.to_bytes()
