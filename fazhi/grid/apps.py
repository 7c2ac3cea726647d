from django.apps import AppConfig


class GridConfig(AppConfig):
    name = "fazhi.grid"
    label = "grid"
    verbose_name = "网格"
