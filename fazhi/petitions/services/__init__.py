"""Every write of the petitions app (services write; selectors read). One function per verb."""

from fazhi.petitions.services.aftercare import (
    petition_follow_up,
    petition_supervise,
    reception_create,
    reception_record,
)
from fazhi.petitions.services.common import petition_lock
from fazhi.petitions.services.handling import (
    petition_extend,
    petition_mediate,
    petition_note,
    petition_refer_mediation,
    petition_reply,
)
from fazhi.petitions.services.ledger import petitions_import
from fazhi.petitions.services.registration import (
    PersonIn,
    petition_attach,
    petition_register,
    petition_repeat_check,
    petitioner_reveal,
    repeat_matches,
)
from fazhi.petitions.services.reviews import (
    petition_finalize,
    petition_finalize_due,
    petition_review_answer,
    petition_review_decide,
    petition_review_pause,
    petition_review_request,
)
from fazhi.petitions.services.routing import (
    petition_feedback,
    petition_lead,
    petition_notice,
    petition_object,
    petition_route,
)
from fazhi.petitions.services.sweep import petitions_sweep

__all__ = [
    "PersonIn",
    "petition_attach",
    "petition_extend",
    "petition_feedback",
    "petition_finalize",
    "petition_finalize_due",
    "petition_follow_up",
    "petition_lead",
    "petition_lock",
    "petition_mediate",
    "petition_note",
    "petition_notice",
    "petition_object",
    "petition_refer_mediation",
    "petition_register",
    "petition_repeat_check",
    "petition_reply",
    "petition_review_answer",
    "petition_review_decide",
    "petition_review_pause",
    "petition_review_request",
    "petition_route",
    "petition_supervise",
    "petitioner_reveal",
    "petitions_import",
    "petitions_sweep",
    "reception_create",
    "reception_record",
    "repeat_matches",
]
