"""The disputes API under /api/v1/disputes/. Thin: parse, call one service or selector, shape with
`present`. Personal data is masked; full values only through the reveal endpoint (audited).

The routes live in the modules below, one per area; importing them registers them on `router`.
"""

from fazhi.disputes.api import agreements, cases, orgs, reports, screening, talkdays  # noqa: F401  (registration)
from fazhi.disputes.api.base import router

__all__ = ["router"]
