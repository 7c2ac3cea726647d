from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "fazhi.people"
    label = "people"
    verbose_name = "居民与重点人员"
