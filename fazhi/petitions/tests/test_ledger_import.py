"""Importing a historic 信访台账 through the workbench import (a job): all rows or none."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.petitions.models import Petition
from fazhi.testing import page_client
from fazhi.workbench.models import Job

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("requests_run_on_commit")]

HEADERS = [
    "案件编号",
    "收到日期",
    "来源渠道",
    "类别",
    "事由",
    "信访内容",
    "信访人",
    "身份证号",
    "联系电话",
    "住址",
    "所涉单位编码",
    "答复日期",
    "处理意见",
]


def ledger(rows: list[list]) -> SimpleUploadedFile:
    wb = openpyxl.Workbook()
    wb.active.append(HEADERS)
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("信访台账.xlsx", buffer.getvalue())


GOOD = [
    "SH-XF-2021-0901",
    "2021-06-03",
    "来信",
    "申诉求决类",
    "拖欠工资",
    "包工头拖欠工资十八万元，要求帮助追讨",
    "张桂兰",
    "372328195803120024",
    "13805431234",
    "锦秋社区3号楼",
    "SH-JQ-01",
    "2021-07-20",
    "支持",
]


def run(rows: list[list]) -> Job:
    response = page_client("clerk").post("/imports/petitions.petitions/", {"file": ledger(rows)})
    return Job.objects.get(pk=response["Location"].strip("/").split("/")[-1])


def test_a_historic_ledger_imports_answered_rows_as_answered_and_once_only():
    job = run([GOOD])
    assert job.status == Job.Status.SUCCEEDED, job.message
    petition = Petition.objects.get(case_number="SH-XF-2021-0901")
    assert petition.replied_on.isoformat() == "2021-07-20"
    again = run([GOOD])
    assert again.status == Job.Status.SUCCEEDED
    assert Petition.objects.filter(case_number="SH-XF-2021-0901").count() == 1


def test_one_bad_id_number_writes_nothing_and_names_the_rule():
    bad = [*GOOD[:7], "372328195803120025", *GOOD[8:]]
    bad[0] = "SH-XF-2021-0902"
    job = run([[*GOOD[:1], *GOOD[1:]], bad])
    assert job.status == Job.Status.FAILED
    assert job.errors_file
    assert not Petition.objects.filter(case_number__in=["SH-XF-2021-0901", "SH-XF-2021-0902"]).exists()


def test_a_grid_worker_is_not_offered_the_historic_ledger_import():
    assert "导入台账" not in page_client("grid_a1").get("/petitions/").content.decode()
    assert page_client("grid_a1").get("/imports/petitions.petitions/").status_code == 404
