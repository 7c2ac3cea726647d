"""Official documents as .docx in the national format GB/T 9704-2012 《党政机关公文格式》.

doc = OfficialDocument(title="少海街道关于……的报告", addressee="县委、县政府：")
doc.heading(1, "推进法治政府建设的主要举措和成效", number=True)
doc.paragraph("正文……")
doc.signature(issuer="少海街道办事处", date=date(2023, 1, 5))
data = doc.to_bytes()
"""

from fazhi.core.documents.builder import OfficialDocument
from fazhi.core.documents.layout import (
    CHAR_STYLE_BODY,
    STYLE_ADDRESSEE,
    STYLE_ANNEX_LABEL,
    STYLE_ATTACHMENTS,
    STYLE_BODY,
    STYLE_CLOSING,
    STYLE_HEADINGS,
    STYLE_PAGE_NUMBER,
    STYLE_TABLE_CELL,
    STYLE_TABLE_HEADER,
    STYLE_TABLE_TITLE,
    STYLE_TITLE,
)
from fazhi.core.documents.numbering import cn_number, format_date, heading_prefix, text_width

__all__ = [
    "CHAR_STYLE_BODY",
    "STYLE_ADDRESSEE",
    "STYLE_ANNEX_LABEL",
    "STYLE_ATTACHMENTS",
    "STYLE_BODY",
    "STYLE_CLOSING",
    "STYLE_HEADINGS",
    "STYLE_PAGE_NUMBER",
    "STYLE_TABLE_CELL",
    "STYLE_TABLE_HEADER",
    "STYLE_TABLE_TITLE",
    "STYLE_TITLE",
    "OfficialDocument",
    "cn_number",
    "format_date",
    "heading_prefix",
    "text_width",
]
