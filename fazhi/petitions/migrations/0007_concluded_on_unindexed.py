# The plain index on concluded_on is dropped (petitions/indicators.py, _open_past_due): without
# statistics SQLite took it for "concluded_on IS NULL" — a third of all matters — instead of the partial
# index petition_open_due. Only the index goes: an AlterField would make SQLite copy the whole table and
# drop the triggers that keep the search index and the audit rules on it.

from django.db import migrations, models

INDEX = "petitions_petition_concluded_on_9a1c4143"


class Migration(migrations.Migration):

    dependencies = [
        ("petitions", "0006_open_due_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="petition",
                    name="concluded_on",
                    field=models.DateField(blank=True, null=True, verbose_name="办结日期"),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX "{INDEX}" ON "petitions_petition" ("concluded_on")',
                ),
            ],
        ),
    ]
