"""Ledgers (台账): declare once, export to .xlsx, hand out a template, import all-or-nothing.

PEOPLE = Ledger("人员台账", [Column("name", "姓名", required=True, max_length=60, example="张三"),
                            Column("id_number", "身份证号", required=True, validator=id_number_clean)],
                natural_key=("id_number",))
export_xlsx(PEOPLE, rows_iterator, path_or_stream, total=n, progress=job_tick)
template_xlsx(PEOPLE, stream)
with transaction.atomic():
    result = import_file(PEOPLE, data, "人员.xlsx", upsert=people_upsert, check=people_check)
"""

from fazhi.core.ledgers.importing import ImportResult, Row, RowError, import_file, map_headers
from fazhi.core.ledgers.spec import CellError, Column, ColumnType, Ledger
from fazhi.core.ledgers.xlsx import ERRORS_HEADER, RULES_SHEET, Progress, export_xlsx, template_xlsx

__all__ = [
    "ERRORS_HEADER",
    "RULES_SHEET",
    "CellError",
    "Column",
    "ColumnType",
    "ImportResult",
    "Ledger",
    "Progress",
    "Row",
    "RowError",
    "export_xlsx",
    "import_file",
    "map_headers",
    "template_xlsx",
]
