"""Every read of the disputes app, scoped to the actor."""

from fazhi.disputes.selectors.disputes import (
    DisputeFilters,
    category_list,
    dispute_get_for,
    dispute_list_for,
    dispute_list_for_person,
    dispute_list_from,
)
from fazhi.disputes.selectors.orgs import (
    mediator_get_for,
    mediator_list_for,
    org_checklist,
    org_get_for,
    org_list_for,
)

__all__ = [
    "DisputeFilters",
    "category_list",
    "dispute_get_for",
    "dispute_list_for",
    "dispute_list_for_person",
    "dispute_list_from",
    "mediator_get_for",
    "mediator_list_for",
    "org_checklist",
    "org_get_for",
    "org_list_for",
]
