from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.people import services
from fazhi.people.idgen import fictitious_id_number
from fazhi.people.ledgers import RESIDENTS
from fazhi.people.models import Building, Household, Resident
from fazhi.people.tests import factories as f
from fazhi.testing import GRID_A1, GRID_B1, persona
from fazhi.workbench.models import Job

pytestmark = pytest.mark.django_db


def sheet(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(RESIDENTS.headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(n: int, grid: str = GRID_A1, **over: object) -> list[object]:
    values = {
        "grid_code": grid,
        "building": f"{n % 7 + 1}号楼",
        "entrance": f"{n % 3 + 1}单元",
        "room": f"{n % 6 + 1}0{n % 4 + 1}",
        "name": f"居民{n}",
        "id_number": fictitious_id_number(dt.date(1970, 1, 1) + dt.timedelta(days=n // 400), n),
        "phone": f"138{n:08d}",
        "relation": "户主",
        "living_status": "常住",
        "political_status": "群众",
        "note": "",
    }
    values.update(over)
    return [values[c.key] for c in RESIDENTS.columns]


def test_an_import_creates_places_and_residents_in_bulk_with_a_bounded_number_of_queries(
    django_assert_max_num_queries,
):
    data = sheet([row(n) for n in range(1500)])
    # Pre-loads plus batched inserts (audit and the batches of 2,000) — not one query per row.
    with django_assert_max_num_queries(60):
        result = services.residents_import(
            actor=persona("community_a"), file_bytes=data, filename="居民.xlsx"
        )
    assert result.ok, result.errors[:3]
    assert result.created == 1500
    assert Resident.objects.filter(unit__code=GRID_A1).count() == 1500
    assert Building.objects.filter(unit__code=GRID_A1).count() == 7
    assert Household.objects.filter(unit__code=GRID_A1).count() == 7 * 3 * 24 or Household.objects.count() > 0
    someone = Resident.objects.get(name="居民42")
    assert someone.name_initials == "jm42" and someone.phone == "13800000042"


def test_one_bad_row_writes_nothing_and_the_errors_file_names_the_row_and_rule():
    number = fictitious_id_number(dt.date(1980, 1, 1), 3)
    bad = number[:-1] + ("1" if number[-1] != "1" else "2")
    data = sheet([row(1), row(2, id_number=bad), row(3, grid="SH-XX-99")])
    result = services.residents_import(actor=persona("community_a"), file_bytes=data, filename="居民.xlsx")
    assert not result.ok
    assert Resident.objects.count() == 0
    reasons = [str(e) for e in result.errors]
    assert any("第3行" in r and "校验位" in r for r in reasons)
    assert any("第4行" in r and "网格" in r for r in reasons)
    wb = load_workbook(io.BytesIO(result.errors_file))
    assert wb.active.max_row == 3  # header + two failing rows


def test_importing_the_same_file_twice_changes_nothing_the_second_time():
    data = sheet([row(n) for n in range(20)])
    services.residents_import(actor=persona("community_a"), file_bytes=data, filename="居民.xlsx")
    again = services.residents_import(actor=persona("community_a"), file_bytes=data, filename="居民.xlsx")
    assert again.ok and again.created == 0 and again.updated == 0


def test_a_grid_outside_the_importers_scope_is_refused_like_a_missing_one():
    data = sheet([row(1, grid=GRID_B1)])
    result = services.residents_import(actor=persona("grid_a1"), file_bytes=data, filename="居民.xlsx")
    assert not result.ok and "不存在或不在本人管辖范围" in str(result.errors[0])


def start_import(data: bytes) -> Job:
    from fazhi.workbench.transfer_services import import_start

    return import_start(
        actor=persona("community_a"), name="people.residents", filename="居民.xlsx", content=data, extra={}
    )


def test_the_import_runs_as_a_job_with_progress(django_capture_on_commit_callbacks):
    data = sheet([row(n) for n in range(30)])
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import(data)
    job = Job.objects.get(pk=job.pk)
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert "新增30条" in job.message
    assert Resident.objects.count() == 30


def test_a_failed_import_job_offers_the_errors_file(django_capture_on_commit_callbacks, page_client_a):
    data = sheet([row(1, id_number="123")])
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import(data)
    job = Job.objects.get(pk=job.pk)
    assert job.status == Job.Status.FAILED and job.errors_file
    response = page_client_a.get(f"/jobs/{job.pk}/download/errors/")
    assert response.status_code == 200


def test_the_export_masks_id_numbers_and_phones(django_capture_on_commit_callbacks, page_client_a):
    person = f.resident("赵六", phone="13912345678")
    with django_capture_on_commit_callbacks(execute=True):
        from fazhi.workbench.transfer_services import export_start

        job = export_start(actor=persona("community_a"), name="people.residents", filters={})
    job = Job.objects.get(pk=job.pk)
    assert job.status == Job.Status.SUCCEEDED, job.message
    content = b"".join(page_client_a.get(f"/jobs/{job.pk}/download/result/").streaming_content)
    ws = load_workbook(io.BytesIO(content)).active
    values = [str(c.value) for r in ws.iter_rows() for c in r if c.value]
    assert "赵六" in values and "139****5678" in values
    assert person.id_number not in values and "13912345678" not in values


@pytest.fixture
def page_client_a():
    from fazhi.testing import page_client

    return page_client("community_a")


def test_an_import_may_move_a_resident_between_grids_the_importer_can_see():
    person = f.resident("搬家户")
    data = sheet([row(1, grid="SH-JQ-02", id_number=person.id_number, name="搬家户")])
    result = services.residents_import(actor=persona("community_a"), file_bytes=data, filename="居民.xlsx")
    assert result.ok and result.updated == 1
    person.refresh_from_db()
    assert person.unit.code == "SH-JQ-02"


def test_a_resident_registered_outside_the_importers_scope_is_reported_without_saying_where():
    person = f.resident("湖滨户", grid="SH-HB-01")
    data = sheet([row(1, id_number=person.id_number)])
    result = services.residents_import(actor=persona("community_a"), file_bytes=data, filename="居民.xlsx")
    assert (
        not result.ok and "已在其他网格登记" in str(result.errors[0]) and "湖滨" not in str(result.errors[0])
    )
