"""Full-text search over 矛盾纠纷: search_text now holds every pair of adjacent Han characters
(fazhi.core.search, "bigrams") instead of rjieba's words, so it is recomputed for every row; the
index is rebuilt (PostgreSQL: now on a stored tsvector column)."""

from django.db import migrations, models

from fazhi.core import search

FIELDS = ('summary', 'claims', 'place')  # the texts search_text is made of when this migration was written


def refill(apps, schema_editor):
    # Index dropped while the rows are rewritten, then built once (SQLite: FTS5 table and triggers;
    # PostgreSQL: the stored tsvector column and its GIN index).
    model = apps.get_model("disputes", "dispute")
    search.uninstall(schema_editor.connection, model._meta.db_table)
    search.rebuild(model, FIELDS)
    search.install(schema_editor.connection, model._meta.db_table, model._meta.pk.column)


class Migration(migrations.Migration):
    dependencies = [("disputes", "0004_indicator_cover_indexes")]

    operations = [
        migrations.RunPython(refill, migrations.RunPython.noop),
    ]
