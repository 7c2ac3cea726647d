"""The points ledger is append-only in the database too: UPDATE and DELETE are refused by triggers,
as for the audit log (core migration 0002)."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS grid_pointsentry_no_update BEFORE UPDATE ON grid_pointsentry
       BEGIN SELECT RAISE(ABORT, 'points ledger is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS grid_pointsentry_no_delete BEFORE DELETE ON grid_pointsentry
       BEGIN SELECT RAISE(ABORT, 'points ledger is append-only'); END""",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION grid_pointsentry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'points ledger is append-only'; END; $$ LANGUAGE plpgsql""",
    """DROP TRIGGER IF EXISTS grid_pointsentry_append_only ON grid_pointsentry""",
    """CREATE TRIGGER grid_pointsentry_append_only BEFORE UPDATE OR DELETE ON grid_pointsentry
       FOR EACH ROW EXECUTE FUNCTION grid_pointsentry_append_only()""",
]


def install(apps, schema_editor):
    for sql in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS grid_pointsentry_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS grid_pointsentry_no_delete")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS grid_pointsentry_append_only ON grid_pointsentry")


class Migration(migrations.Migration):
    dependencies = [("grid", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
