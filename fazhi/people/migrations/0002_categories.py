"""The three key-person categories of the seed (重点人员: 严重精神障碍, 社区矫正, 刑满释放) and a general one."""

from django.db import migrations

CATEGORIES = [
    ("mental", "严重精神障碍患者", "mental", 90),
    ("corrections", "社区矫正对象", "corrections", 30),
    ("released", "刑满释放人员", "released", 90),
    ("drug", "社区戒毒康复人员", "general", 30),
    ("petition", "重点信访人员", "general", 30),
]


def add(apps, schema_editor):
    Category = apps.get_model("people", "KeyPersonCategory")
    for code, name, schedule, days in CATEGORIES:
        Category.objects.get_or_create(code=code, defaults={"name": name, "schedule": schedule, "interval_days": days})


def remove(apps, schema_editor):
    apps.get_model("people", "KeyPersonCategory").objects.filter(code__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
