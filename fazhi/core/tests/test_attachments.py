from __future__ import annotations

import pytest

from fazhi.core.attachments import (
    attachment_add,
    attachment_get,
    attachment_path,
    attachment_verify,
    attachments_of,
)
from fazhi.core.errors import NotFound, ValidationFailed
from fazhi.testing import persona, unit

pytestmark = pytest.mark.django_db


def test_an_attachment_is_stored_with_its_hash_and_listed_for_its_record():
    record = unit("SH-JQ-01")
    a = attachment_add(actor=persona("grid_a1"), obj=record, name="现场.jpg", content=b"\xff\xd8photo")
    assert attachments_of(record).get() == a
    assert attachment_verify(a)
    attachment_path(a).write_bytes(b"altered")
    assert not attachment_verify(a)


def test_an_executable_is_refused_naming_the_allowed_types():
    with pytest.raises(ValidationFailed, match="不支持的文件类型"):
        attachment_add(actor=persona("grid_a1"), obj=unit("SH-JQ-01"), name="x.exe", content=b"MZ")


def test_an_attachment_of_another_record_is_not_found():
    a = attachment_add(actor=persona("grid_a1"), obj=unit("SH-JQ-01"), name="a.pdf", content=b"%PDF")
    with pytest.raises(NotFound):
        attachment_get(obj=unit("SH-HB-01"), attachment_id=a.pk)
    with pytest.raises(NotFound):
        attachment_get(obj=unit("SH-JQ-01"), attachment_id="not-a-uuid")
