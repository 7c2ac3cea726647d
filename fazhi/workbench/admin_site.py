"""The Django admin, themed and in Chinese, for master data only (calendar, categories, catalogues).

Entry goes through the platform's own login (lockout, TOTP); the admin's login page redirects there.
An account sees the admin when a role grants 维护基础数据 (core.manage_master_data).
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

MASTER_DATA = "core.manage_master_data"


class FazhiAdminSite(admin.AdminSite):
    site_header = "法治平台 · 基础数据维护"
    site_title = "法治平台后台"
    index_title = "基础数据"
    site_url = "/"

    def has_permission(self, request: HttpRequest) -> bool:
        from fazhi.org.scope import has_perm

        user = request.user
        return bool(user.is_active and (user.is_superuser or has_perm(user, MASTER_DATA)))

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:  # type: ignore[override]
        return HttpResponseRedirect("/login/?next=" + quote(request.GET.get("next", "/admin/")))


class FazhiAdminConfig(AdminConfig):
    default_site = "fazhi.workbench.admin_site.FazhiAdminSite"
