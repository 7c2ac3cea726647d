"""The two ledgers: export masks personal data and follows the list's filters and scope; an exported
file imports back unchanged; a file with any bad row writes nothing and returns the rows to fix;
the 人民调解台账 enters past mediations as historical records."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from fazhi.core.errors import NotAllowed
from fazhi.disputes.ledgers import DISPUTES, MEDIATIONS
from fazhi.disputes.models import Agreement, Dispute, Party
from fazhi.disputes.selectors import DisputeFilters
from fazhi.disputes.selectors.ledgers import export_file
from fazhi.disputes.services.ledgers import disputes_import, mediations_import
from fazhi.disputes.tests.factories import (
    ID_A,
    PHONE_A,
    committee,
    dispute,
    mediating,
    sign_all,
    written_agreement,
)
from fazhi.testing import api_client, page_client, persona

pytestmark = pytest.mark.django_db
D = date(2022, 5, 10)


def sheet(data: bytes) -> list[list]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def xlsx(ledger, rows: list[dict]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(ledger.headers)
    for row in rows:
        ws.append([row.get(c.key) for c in ledger.columns])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_the_export_masks_id_numbers_and_phones_and_follows_the_filters():
    d = dispute(registered_on=D)
    dispute(registered_on=D, category="labour")
    data, name = export_file(
        actor=persona("community_a"), name="disputes", filters=DisputeFilters(category="neighbour")
    )
    rows = sheet(data)
    assert name == "矛盾纠纷排查化解台账.xlsx" and rows[0] == DISPUTES.headers and len(rows) == 2
    text = str(rows)
    assert d.number in text and "3716**********0015" in text and "139****9001" in text
    assert ID_A not in text and PHONE_A not in text


def test_the_outsider_exports_nothing_of_community_a():
    dispute(registered_on=D)
    data, _ = export_file(actor=persona("grid_b1"), name="disputes", filters=None)
    assert len(sheet(data)) == 1


def test_an_exported_file_imports_back_without_changes():
    dispute(registered_on=D)
    data, _ = export_file(actor=persona("community_a"), name="disputes", filters=None)
    result = disputes_import(actor=persona("community_a"), file_bytes=data, filename="台账.xlsx")
    assert result.ok and (result.created, result.updated) == (0, 0)
    assert Party.objects.get(name="张明").id_number == ID_A


def test_importing_new_rows_registers_disputes_through_intake_and_moves_the_counter():
    data = xlsx(
        DISPUTES,
        [
            {
                "number": "JF2022-0050",
                "registered_on": "2022-03-01",
                "unit_code": "SH-JQ-01",
                "category": "邻里纠纷",
                "summary": "噪音扰民",
                "applicant": "吴刚",
                "applicant_id": "371625200207230024",
                "respondent": "郑丽",
            },
            {
                "number": "锦秋2022-08",
                "registered_on": "2022-03-02",
                "unit_code": "SH-JQ",
                "category": "物业纠纷",
                "summary": "物业费争议",
                "outcome": "当场化解或自行和解",
            },
        ],
    )
    result = disputes_import(actor=persona("community_a"), file_bytes=data, filename="台账.xlsx")
    assert result.ok and result.created == 2, result.errors
    assert Dispute.objects.get(number="锦秋2022-08").status == "closed"
    assert Dispute.objects.get(number="JF2022-0050").parties.count() == 2
    assert dispute(registered_on=D).number == "JF2022-0051"


def test_a_file_with_one_bad_row_writes_nothing_and_returns_the_row_with_its_reason():
    data = xlsx(
        DISPUTES,
        [
            {
                "number": "A-1",
                "registered_on": "2022-03-01",
                "unit_code": "SH-JQ-01",
                "category": "邻里纠纷",
                "summary": "x",
            },
            {
                "number": "A-2",
                "registered_on": "2022-03-01",
                "unit_code": "SH-HB-01",
                "category": "邻里纠纷",
                "summary": "y",
            },
            {
                "number": "A-3",
                "registered_on": "2022-03-01",
                "unit_code": "SH-JQ-01",
                "category": "不存在的类别",
                "summary": "z",
                "applicant": "某",
                "applicant_id": "3716**********0015",
            },
        ],
    )
    result = disputes_import(actor=persona("community_a"), file_bytes=data, filename="台账.xlsx")
    assert not result.ok and not Dispute.objects.exists()
    reasons = {(e.line, e.column) for e in result.errors}
    assert {(3, "所属单位编码"), (4, "纠纷类别"), (4, "申请人身份证号")} <= reasons
    assert result.errors_file and "错误原因" in str(sheet(result.errors_file)[0])


def test_importing_needs_the_intake_permission():
    with pytest.raises(NotAllowed):
        disputes_import(actor=persona("leader"), file_bytes=b"", filename="x.xlsx")


def test_the_mediation_ledger_exports_the_agreement_and_its_confirmation():
    d = mediating(on=D)
    sign_all(written_agreement(d, reached_on=D), D)
    rows = sheet(export_file(actor=persona("community_a"), name="mediations", filters=None)[0])
    assert rows[0] == MEDIATIONS.headers
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (
        row["调解结果"] == "达成调解协议"
        and row["协议编号"] == "（2022）锦调字第1号"
        and row["司法确认"] == "可申请"
    )


def test_past_mediations_are_entered_as_historical_records_and_known_ones_left_alone():
    org = committee()
    d = mediating(org, on=D)
    data = xlsx(
        MEDIATIONS,
        [
            {
                "number": "JF2021-0031",
                "registered_on": "2021-11-02",
                "unit_code": "SH-JQ",
                "org": org.name,
                "mediators": "委员1",
                "category": "邻里纠纷",
                "parties": "张明、李芳",
                "summary": "排水沟堵塞",
                "first_session_on": "2021-11-05",
                "result": "达成调解协议",
                "agreement_form": "书面协议",
                "agreement_number": "（2021）锦调字第31号",
                "effective_on": "2021-11-05",
                "jc_status": "当事人不申请",
                "performance": "已履行",
                "concluded_on": "2021-11-20",
            },
            {
                "number": "JF2021-0032",
                "registered_on": "2021-12-01",
                "unit_code": "SH-JQ",
                "org": org.name,
                "category": "劳动欠薪纠纷",
                "parties": "王五、某公司",
                "summary": "欠薪",
                "result": "调解不成",
                "concluded_on": "2021-12-20",
            },
            {
                "number": d.number,
                "registered_on": "2022-05-10",
                "unit_code": "SH-JQ",
                "org": org.name,
                "category": "邻里纠纷",
                "parties": "张明、李芳",
                "summary": "改了也不变",
                "result": "调解中",
            },
        ],
    )
    result = mediations_import(actor=persona("community_a"), file_bytes=data, filename="人民调解台账.xlsx")
    assert result.ok and result.created == 2, result.errors
    agreed = Dispute.objects.get(number="JF2021-0031")
    assert (agreed.status, agreed.outcome, agreed.imported) == ("closed", "agreement", True)
    assert Agreement.objects.get(dispute=agreed).jc_status == "declined"
    assert Dispute.objects.get(number="JF2021-0032").termination.routes == ["labour_arbitration", "court"]
    assert Dispute.objects.get(pk=d.pk).summary != "改了也不变"


def test_the_ledger_import_runs_as_a_job_and_offers_the_errors_file(requests_run_on_commit):
    from fazhi.workbench.models import Job

    client = page_client("community_a")
    bad = xlsx(
        DISPUTES,
        [
            {
                "number": "X-1",
                "registered_on": "2022-03-01",
                "unit_code": "SH-XX",
                "category": "邻里纠纷",
                "summary": "x",
            }
        ],
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/imports/disputes.disputes/", {"file": SimpleUploadedFile("台账.xlsx", bad)})
    job = Job.objects.get(pk=response["Location"].strip("/").split("/")[-1])
    assert job.status == Job.Status.FAILED and "导入未执行" in job.message
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "/download/errors/" in page
    assert "导出 Excel" in client.get("/disputes/ledgers/").content.decode()


def test_the_list_exports_its_filtered_rows_masked(requests_run_on_commit):
    from fazhi.workbench.models import Job

    dispute(registered_on=D)
    client = page_client("community_a")
    response = client.post("/exports/disputes.disputes/?category=neighbour")
    job = Job.objects.get(pk=response["Location"].strip("/").split("/")[-1])
    assert job.status == Job.Status.SUCCEEDED, job.message


def test_the_api_exports_the_ledger():
    dispute(registered_on=D)
    response = api_client("community_a").get("/api/v1/disputes/ledgers/disputes/export?category=neighbour")
    assert response.status_code == 200 and response.content[:2] == b"PK"
