"""Full-text search over 信访事项: the search_text column, filled for existing rows, and its index
(SQLite: FTS5 table + triggers; PostgreSQL: GIN on to_tsvector('simple', search_text)). See
fazhi.core.search."""

from django.db import migrations, models

from fazhi.core import search

FIELDS = ('title', 'content')  # the texts search_text was made of when this migration was written


def fill(apps, schema_editor):
    search.rebuild(apps.get_model("petitions", "petition"), FIELDS)


def install(apps, schema_editor):
    model = apps.get_model("petitions", "petition")
    search.install(schema_editor.connection, model._meta.db_table, model._meta.pk.column)


def uninstall(apps, schema_editor):
    search.uninstall(schema_editor.connection, apps.get_model("petitions", "petition")._meta.db_table)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="petition",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(install, uninstall),
    ]
