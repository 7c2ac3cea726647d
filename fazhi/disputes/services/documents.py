"""Issuing the module's documents: each print is audited (who printed which record's document)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fazhi.core.audit import audit_record
from fazhi.core.errors import NotFound, ValidationFailed
from fazhi.disputes.documents import agreement_document, termination_document
from fazhi.disputes.models import Termination
from fazhi.disputes.models.choices import AgreementForm
from fazhi.disputes.selectors.disputes import dispute_get_for
from fazhi.disputes.services.agreements import agreement_get_for


def agreement_print(*, actor: Any, agreement_id: int) -> tuple[bytes, str]:
    """The 调解协议书 (.docx) and its file name; oral agreements have none (Art. 28)."""
    agreement = agreement_get_for(actor=actor, agreement_id=agreement_id)
    if agreement.form != AgreementForm.WRITTEN:
        raise ValidationFailed.field("form", "口头协议没有调解协议书；如需书面协议，请登记书面调解协议")
    data = agreement_document(agreement)
    with transaction.atomic():
        audit_record(actor=actor, action="disputes.agreement_print", obj=agreement)
    return data, f"人民调解协议书-{agreement.dispute.number}.docx"


def termination_print(*, actor: Any, dispute_id: int) -> tuple[bytes, str]:
    """The 终止人民调解告知书 (.docx) of a dispute whose mediation ended without agreement."""
    dispute = dispute_get_for(actor=actor, dispute_id=dispute_id)
    termination = Termination.objects.filter(dispute=dispute).select_related("dispute").first()
    if termination is None:
        raise NotFound("该纠纷没有终止调解记录")
    data = termination_document(termination)
    with transaction.atomic():
        audit_record(actor=actor, action="disputes.termination_print", obj=dispute)
    return data, f"终止人民调解告知书-{dispute.number}.docx"
