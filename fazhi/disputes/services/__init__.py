"""Every write of the disputes app. Other apps call these (never the models):

dispute_intake(actor=…, unit_id=…, category="neighbour", source="petition", summary=…,
               parties=[{"name": …, "id_number": …}], origin_type="petitions.petition", origin_id="12")
"""

from fazhi.disputes.services.agreements import (
    agreement_confirmation_record,
    agreement_materials_set,
    agreement_record,
    agreement_sign,
    agreement_void,
    term_follow_up,
)
from fazhi.disputes.services.common import PartyData
from fazhi.disputes.services.escalations import escalation_link_target, escalation_record
from fazhi.disputes.services.intake import (
    dispute_attach,
    dispute_intake,
    dispute_set_case_leader,
    dispute_update,
    party_add,
    party_reveal,
)
from fazhi.disputes.services.mediation import (
    dispute_assign,
    dispute_close,
    dispute_settle,
    dispute_terminate,
    party_consent,
    session_record,
)
from fazhi.disputes.services.orgs import (
    mediator_add,
    mediator_update,
    org_create,
    org_mark_compliant,
    org_rules_attach,
    org_update,
    training_add,
)
from fazhi.disputes.services.screening import (
    campaign_create,
    campaign_update,
    screening_item_add,
    screening_item_convert,
    screening_item_link,
    screening_report_submit,
)
from fazhi.disputes.services.talkdays import (
    talk_day_cancel,
    talk_day_record,
    talk_day_schedule,
    talk_issue_add,
    talk_issue_convert,
    talk_issue_resolve,
)

__all__ = [
    "PartyData",
    "agreement_confirmation_record",
    "agreement_materials_set",
    "agreement_record",
    "agreement_sign",
    "agreement_void",
    "campaign_create",
    "campaign_update",
    "dispute_assign",
    "dispute_attach",
    "dispute_close",
    "dispute_intake",
    "dispute_set_case_leader",
    "dispute_settle",
    "dispute_terminate",
    "dispute_update",
    "escalation_link_target",
    "escalation_record",
    "mediator_add",
    "mediator_update",
    "org_create",
    "org_mark_compliant",
    "org_rules_attach",
    "org_update",
    "party_add",
    "party_consent",
    "party_reveal",
    "screening_item_add",
    "screening_item_convert",
    "screening_item_link",
    "screening_report_submit",
    "session_record",
    "talk_day_cancel",
    "talk_day_record",
    "talk_day_schedule",
    "talk_issue_add",
    "talk_issue_convert",
    "talk_issue_resolve",
    "term_follow_up",
    "training_add",
]
