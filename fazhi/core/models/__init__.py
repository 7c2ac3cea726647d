from fazhi.core.models.attachment import Attachment
from fazhi.core.models.audit import AuditEntry, AuditHead
from fazhi.core.models.calendar import CalendarDay, CalendarYear
from fazhi.core.models.indicators import IndicatorBucket, IndicatorState
from fazhi.core.models.timeline import TimelineEvent

__all__ = [
    "Attachment",
    "AuditEntry",
    "AuditHead",
    "CalendarDay",
    "CalendarYear",
    "IndicatorBucket",
    "IndicatorState",
    "TimelineEvent",
]
