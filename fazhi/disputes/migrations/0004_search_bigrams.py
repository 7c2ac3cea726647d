"""Full-text search over 矛盾纠纷: search_text now holds every pair of adjacent Han characters
(fazhi.core.search, "bigrams") instead of rjieba's words, so it is recomputed for every row; the
FTS5 triggers / GIN index follow the column."""

from django.db import migrations, models

from fazhi.core import search

FIELDS = ('summary', 'claims', 'place')  # the texts search_text is made of when this migration was written


def refill(apps, schema_editor):
    search.rebuild(apps.get_model("disputes", "dispute"), FIELDS)


class Migration(migrations.Migration):
    dependencies = [("disputes", "0003_search_text")]

    operations = [
        migrations.RunPython(refill, migrations.RunPython.noop),
    ]
