import importlib

from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from fazhi.api import api


def _domain_urls() -> list:
    """Each domain app's pages under /<app label>/ when it has a urls module."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("fazhi.") or config.label in {"core", "org", "workbench"}:
            continue
        try:
            importlib.import_module(f"{config.name}.urls")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.urls":
                raise
            continue
        found.append(path(f"{config.label}/", include(f"{config.name}.urls")))
    return found


urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    *_domain_urls(),
    path("", include("fazhi.workbench.urls")),
]
