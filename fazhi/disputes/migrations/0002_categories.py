"""Seed the dispute categories (纠纷类别); an administrator edits them afterwards in Django admin."""

from django.db import migrations

CATEGORIES = [
    # code, name, order, labour, status_relation_hint
    ("neighbour", "邻里纠纷", 10, False, False),
    ("family", "婚姻家庭纠纷", 20, False, True),
    ("land", "土地宅基地纠纷", 30, False, False),
    ("labour", "劳动欠薪纠纷", 40, True, False),
    ("property", "物业纠纷", 50, False, False),
    ("debt", "债务纠纷", 60, False, False),
    ("damages", "损害赔偿纠纷", 70, False, False),
    ("relocation", "征迁补偿纠纷", 80, False, False),
    ("contract", "合同纠纷", 90, False, False),
    ("traffic", "道路交通事故纠纷", 100, False, False),
    ("other", "其他纠纷", 999, False, False),
]


def seed(apps, schema_editor):
    DisputeCategory = apps.get_model("disputes", "DisputeCategory")
    for code, name, order, labour, status_relation in CATEGORIES:
        DisputeCategory.objects.get_or_create(
            code=code,
            defaults={"name": name, "order": order, "labour": labour, "status_relation_hint": status_relation},
        )


def unseed(apps, schema_editor):
    DisputeCategory = apps.get_model("disputes", "DisputeCategory")
    DisputeCategory.objects.filter(code__in=[c[0] for c in CATEGORIES], disputes__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("disputes", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
