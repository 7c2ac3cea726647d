"""The dispute categories (master data, edited in Django admin)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fazhi.core.audit import audit_record
from fazhi.disputes.models import DisputeCategory


def category_save(*, actor: Any, category: DisputeCategory, created: bool) -> DisputeCategory:
    """Save a category edited in the admin and audit the change (no personal data involved)."""
    with transaction.atomic():
        category.save()
        audit_record(
            actor=actor,
            action="disputes.category_create" if created else "disputes.category_update",
            obj=category,
            data={"code": category.code, "name": category.name, "is_active": category.is_active},
        )
    return category
