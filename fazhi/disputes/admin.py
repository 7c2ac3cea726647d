"""Django admin for the master data of the module: the dispute categories (纠纷类别). Saves go through
`category_save`, so they are audited like every other write."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.disputes.models import DisputeCategory
from fazhi.disputes.services.categories import category_save


@admin.register(DisputeCategory)
class DisputeCategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "code", "order", "labour", "status_relation_hint", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name", "code")
    ordering = ("order", "code")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # categories in use are kept; switch one off with 启用 instead

    def save_model(self, request: HttpRequest, obj: DisputeCategory, form: Any, change: bool) -> None:
        category_save(actor=request.user, category=obj, created=not change)
