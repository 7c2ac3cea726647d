"""Full-text search over 网格事件: search_text now holds every pair of adjacent Han characters
(fazhi.core.search, "bigrams") instead of rjieba's words, so it is recomputed for every row; the
FTS5 triggers / GIN index follow the column. The list order gets its index."""

from django.db import migrations, models

from fazhi.core import search

FIELDS = ('description', 'location')  # the texts search_text is made of when this migration was written


def refill(apps, schema_editor):
    search.rebuild(apps.get_model("grid", "gridevent"), FIELDS)


class Migration(migrations.Migration):
    dependencies = [("grid", "0003_search_text")]

    operations = [
        migrations.AddIndex(
            model_name="gridevent",
            index=models.Index(fields=["reported_at", "id"], name="grid_event_recent"),
        ),
        migrations.RunPython(refill, migrations.RunPython.noop),
    ]
