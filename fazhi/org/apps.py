from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "fazhi.org"
    label = "org"
    verbose_name = "组织与账号"

    def ready(self) -> None:
        from fazhi.core import buckets
        from fazhi.org.scope import UnitTree

        buckets.set_tree(UnitTree())
