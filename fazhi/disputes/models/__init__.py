"""Tables of the disputes app: mediation organisations and mediators, disputes with their parties,
sessions, agreements and escalations, screening campaigns (shared with petitions), talk days."""

from fazhi.disputes.models.agreements import (
    Agreement,
    AgreementSignature,
    AgreementTerm,
    PerformanceCheck,
)
from fazhi.disputes.models.disputes import (
    Dispute,
    DisputeCategory,
    DisputeMediator,
    Escalation,
    MediationSession,
    Party,
    Sequence,
    Termination,
)
from fazhi.disputes.models.orgs import MediationOrg, Mediator, MediatorTraining
from fazhi.disputes.models.screening import ScreeningCampaign, ScreeningItem, ScreeningReport
from fazhi.disputes.models.talkdays import TalkDay, TalkDayIssue

__all__ = [
    "Agreement",
    "AgreementSignature",
    "AgreementTerm",
    "Dispute",
    "DisputeCategory",
    "DisputeMediator",
    "Escalation",
    "MediationOrg",
    "MediationSession",
    "Mediator",
    "MediatorTraining",
    "Party",
    "PerformanceCheck",
    "ScreeningCampaign",
    "ScreeningItem",
    "ScreeningReport",
    "Sequence",
    "TalkDay",
    "TalkDayIssue",
    "Termination",
]
