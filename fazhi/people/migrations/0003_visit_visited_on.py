"""Visits get their stored local date (visited_on) so indicators group and filter on a date column
instead of converting visited_at in every query."""

from django.db import migrations, models
from django.utils import timezone


def backfill(apps, schema_editor):
    Visit = apps.get_model("people", "Visit")
    batch = []
    for visit in Visit.objects.only("pk", "visited_at").iterator(chunk_size=2000):
        visit.visited_on = timezone.localtime(visit.visited_at).date()
        batch.append(visit)
        if len(batch) == 2000:
            Visit.objects.bulk_update(batch, ["visited_on"])
            batch = []
    Visit.objects.bulk_update(batch, ["visited_on"])


class Migration(migrations.Migration):
    dependencies = [("people", "0002_categories")]

    operations = [
        migrations.AddField(
            model_name="visit",
            name="visited_on",
            field=models.DateField(null=True, verbose_name="走访日期"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="visit",
            name="visited_on",
            field=models.DateField(db_index=True, verbose_name="走访日期"),
        ),
    ]
