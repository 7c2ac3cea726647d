from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self) -> None:
        from fazhi.core import search

        # After every migrate: a table that a later migration remade on SQLite has lost its FTS
        # triggers; put them back (and rebuild that index) so search never silently goes stale.
        post_migrate.connect(search.install_all, dispatch_uid="fazhi.core.search.install_all")
