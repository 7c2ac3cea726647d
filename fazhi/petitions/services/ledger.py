"""Importing historic 信访台账 rows: every row checked, then all written or none."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from fazhi.core.audit import audit_record
from fazhi.core.deadlines import deadline
from fazhi.core.errors import Conflict
from fazhi.core.ledgers import ImportResult, Progress, import_file
from fazhi.core.timeline import event_record
from fazhi.org.services import require
from fazhi.petitions import rules
from fazhi.petitions.ledgers import PETITIONS, PetitionImport
from fazhi.petitions.models import Petition, Status
from fazhi.petitions.services.registration import petition_register
from fazhi.petitions.workflow import REGISTER, ROUTE


def petitions_import(
    *, actor: Any, file_bytes: bytes, filename: str, progress: Progress | None = None
) -> ImportResult:
    """Import a historic 信访台账 (.xlsx/.xls/.csv). Rows with a 答复日期 come in as answered (their
    复查 window computed from it); others as registered. Existing 案件编号 are left as they are."""
    require(actor, REGISTER)
    require(actor, ROUTE)
    job = PetitionImport(actor=actor)

    def write(rows: list[dict[str, Any]]) -> tuple[int, int]:
        created = 0
        with transaction.atomic():
            for v in rows:
                if v.get("case_number") and v["case_number"] in job.existing:
                    continue
                petition = petition_register(
                    actor=actor,
                    channel=v["channel"],
                    received_on=v["received_on"],
                    category=v["category"],
                    title=v.get("title", ""),
                    content=v["content"],
                    unit_id=job.units[v["unit_code"]].pk,
                    petitioners=[{k: v.get(k, "") for k in ("name", "id_number", "phone", "address")}],
                    case_number=v.get("case_number") or "",
                )
                if v.get("replied_on"):
                    _historic_reply(petition, actor=actor, values=v)
                created += 1
            audit_record(
                actor=actor, action="petitions.import", data={"created": created, "total": len(rows)}
            )
        return created, 0

    try:
        return import_file(PETITIONS, file_bytes, filename, upsert=write, check=job.check, progress=progress)
    except IntegrityError:
        raise Conflict("导入期间数据已被他人修改，未写入任何数据，请重新导入") from None


def _historic_reply(petition: Petition, *, actor: Any, values: dict[str, Any]) -> None:
    replied = values["replied_on"]
    petition.status = Status.REPLIED
    petition.route, petition.routed_on, petition.accepted_on = (
        "accept",
        petition.received_on,
        petition.received_on,
    )
    petition.notice_sent_on = petition.received_on if petition.notice_required else None
    petition.outcome, petition.replied_on, petition.delivered_on = values["outcome"], replied, replied
    petition.concluded_on = replied
    petition.satisfaction = values.get("satisfaction") or ""
    petition.window_due = deadline(rules.REVIEW_WINDOW, replied).due
    petition.save()
    event_record(
        petition,
        "petitions.import",
        actor=actor,
        label="历史台账导入",
        from_status=Status.REGISTERED,
        to_status=Status.REPLIED,
        note=f"{replied:%Y-%m-%d} 已答复（历史台账）",
    )
