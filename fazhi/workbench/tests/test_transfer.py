from __future__ import annotations

import io

import openpyxl
import pytest

from fazhi.org.models import Unit
from fazhi.testing import page_client
from fazhi.workbench.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _jobs_run(requests_run_on_commit):
    """Exports and imports are queued on commit; let each request's callbacks run."""


def job_of(response) -> Job:
    assert response.status_code == 302, response.content[:300]
    return Job.objects.get(pk=response["Location"].strip("/").split("/")[-1])


def sheet_rows(content: bytes) -> list[tuple]:
    ws = openpyxl.load_workbook(io.BytesIO(content)).active
    return list(ws.iter_rows(values_only=True))


def test_exporting_the_unit_list_gives_the_filtered_scoped_rows_as_xlsx():
    client = page_client("community_a")
    job = job_of(client.post("/exports/org.units/?kind=grid"))
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    page = client.get(f"/jobs/{job.pk}/")
    assert "下载结果" in page.content.decode() and "共导出 3 条" in page.content.decode()
    download = client.get(f"/jobs/{job.pk}/download/result/")
    rows = sheet_rows(b"".join(download.streaming_content))
    assert rows[0][:3] == ("名称", "类型", "编码") or "名称" in rows[0]
    codes = {r[2] for r in rows[1:]}
    assert codes == {"SH-JQ-01", "SH-JQ-02", "SH-JQ-03"}


def test_someone_elses_job_is_not_found():
    job = job_of(page_client("community_a").post("/exports/org.units/"))
    assert page_client("leader").get(f"/jobs/{job.pk}/").status_code == 404


def test_an_export_the_role_does_not_allow_answers_like_a_missing_one():
    assert page_client("leader").post("/exports/org.accounts/").status_code == 404


def _units_file(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["名称", "类型", "编码", "上级编码", "电话", "户数"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_an_import_with_one_bad_row_writes_nothing_and_returns_that_row_with_its_reason():
    client = page_client("sysadmin")
    data = _units_file(
        [
            ["锦秋社区第四网格", "网格", "SH-JQ-04", "SH-JQ", "", 400],
            ["锦秋社区第五网格", "网格", "SH-JQ-05", "SH-JQ", "", -3],
        ]
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("units.xlsx", data)
    job = job_of(client.post("/imports/org.units/", {"file": upload}))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "未写入任何数据" in job.message
    assert not Unit.objects.filter(code__in=["SH-JQ-04", "SH-JQ-05"]).exists()
    errors = sheet_rows(b"".join(client.get(f"/jobs/{job.pk}/download/errors/").streaming_content))
    assert errors[0][-1] == "错误原因"
    assert len(errors) == 2 and errors[1][2] == "SH-JQ-05"


def test_a_good_import_writes_every_row_and_reimporting_it_creates_nothing():
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = page_client("sysadmin")
    data = _units_file([["锦秋社区第四网格", "网格", "SH-JQ-04", "SH-JQ", "", 400]])
    job = job_of(client.post("/imports/org.units/", {"file": SimpleUploadedFile("u.xlsx", data)}))
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and "新增1条" in job.message
    again = job_of(client.post("/imports/org.units/", {"file": SimpleUploadedFile("u.xlsx", data)}))
    again.refresh_from_db()
    assert "新增0条" in again.message
    assert Unit.objects.filter(code="SH-JQ-04").count() == 1


def test_the_initial_password_of_an_accounts_import_is_never_stored_in_clear():
    from django.core.files.uploadedfile import SimpleUploadedFile

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["用户名", "姓名", "所属单位编码", "角色", "手机号", "状态"])
    ws.append(["newbie", "新同志", "SH-JQ", "社区工作人员", "", "启用"])
    buffer = io.BytesIO()
    wb.save(buffer)
    client = page_client("sysadmin")
    job = job_of(
        client.post(
            "/imports/org.accounts/",
            {"file": SimpleUploadedFile("a.xlsx", buffer.getvalue()), "initial_password": "Initial-pass-7"},
        )
    )
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert "Initial-pass-7" not in str(job.params)


def test_a_file_of_the_wrong_type_is_refused_on_the_page():
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = page_client("sysadmin").post(
        "/imports/org.units/", {"file": SimpleUploadedFile("x.pdf", b"%PDF")}
    )
    assert response.status_code == 400
    assert "只能导入" in response.content.decode()


def test_the_template_carries_the_headers_and_the_rules_sheet():
    response = page_client("sysadmin").get("/imports/org.units/template/")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "填写说明" in wb.sheetnames


def test_the_auditor_exports_the_audit_log_with_its_hashes():
    client = page_client("auditor")
    job = job_of(client.post("/exports/core.audit/?action=org."))
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    rows = sheet_rows(b"".join(client.get(f"/jobs/{job.pk}/download/result/").streaming_content))
    assert rows[0][-1] == "哈希" and len(rows) > 1
    assert all(r[3].startswith("org.") for r in rows[1:])


def test_an_api_client_follows_its_own_job_and_sees_why_it_failed():
    from fazhi.testing import api_client, persona
    from fazhi.workbench.services import job_create, job_finish

    job = job_create(actor=persona("community_a"), kind="import", title="导入居民台账")
    job_finish(job_id=job.pk, ok=False, message="第3行：身份证号校验位错误")
    body = api_client("community_a").get(f"/api/v1/jobs/{job.pk}").json()
    assert (body["status"], body["status_label"], body["message"]) == (
        "failed",
        "失败",
        "第3行：身份证号校验位错误",
    )


def test_a_job_whose_worker_died_is_failed_saying_nothing_was_written_and_a_live_ones_is_left_alone():
    import subprocess
    import sys

    from fazhi.testing import persona
    from fazhi.workbench.services import JOB_LOST, job_create, job_recover_lost, worker_label

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    owner = persona("community_a")
    jobs = {}
    for name, worker in [
        ("dead", worker_label(int(dead.stdout))),
        ("alive", worker_label()),
        ("elsewhere", f"another-host:{int(dead.stdout)}"),
    ]:
        jobs[name] = job_create(actor=owner, kind="import", title="导入居民台账")
        Job.objects.filter(pk=jobs[name].pk).update(status=Job.Status.RUNNING, worker=worker)
    assert job_recover_lost() == 1
    states = {name: Job.objects.get(pk=job.pk) for name, job in jobs.items()}
    assert (states["dead"].status, states["dead"].message) == (Job.Status.FAILED, JOB_LOST)
    assert states["alive"].status == states["elsewhere"].status == Job.Status.RUNNING
