"""Full-text search over 信访事项: search_text now holds every pair of adjacent Han characters
(fazhi.core.search, "bigrams") instead of rjieba's words, so it is recomputed for every row; the
FTS5 triggers / GIN index follow the column. The list order gets its index."""

from django.db import migrations, models

from fazhi.core import search

FIELDS = ('title', 'content')  # the texts search_text is made of when this migration was written


def refill(apps, schema_editor):
    search.rebuild(apps.get_model("petitions", "petition"), FIELDS)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0002_search_text")]

    operations = [
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(fields=["received_on", "id"], name="petition_recent"),
        ),
        migrations.RunPython(refill, migrations.RunPython.noop),
    ]
