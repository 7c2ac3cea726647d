"""Full-text search over 矛盾纠纷: the search_text column, filled for existing rows, and its index
(SQLite: FTS5 table + triggers; PostgreSQL: GIN on to_tsvector('simple', search_text)). See
fazhi.core.search."""

from django.db import migrations, models

from fazhi.core import search

FIELDS = ('summary', 'claims', 'place')  # the texts search_text was made of when this migration was written


def fill(apps, schema_editor):
    search.rebuild(apps.get_model("disputes", "dispute"), FIELDS)


def install(apps, schema_editor):
    model = apps.get_model("disputes", "dispute")
    search.install(schema_editor.connection, model._meta.db_table, model._meta.pk.column)


def uninstall(apps, schema_editor):
    search.uninstall(schema_editor.connection, apps.get_model("disputes", "dispute")._meta.db_table)


class Migration(migrations.Migration):
    dependencies = [("disputes", "0002_categories")]

    operations = [
        migrations.AddField(
            model_name="dispute",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddIndex(model_name="party", index=models.Index(fields=["name"], name="party_name")),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(install, uninstall),
    ]
