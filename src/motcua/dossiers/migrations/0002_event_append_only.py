"""On PostgreSQL, refuse UPDATE and DELETE on the event table (DOMAIN P4: append-only)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION dossiers_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'dossiers_event is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS dossiers_event_append_only ON dossiers_event;
CREATE TRIGGER dossiers_event_append_only BEFORE UPDATE OR DELETE ON dossiers_event
    FOR EACH ROW EXECUTE FUNCTION dossiers_event_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS dossiers_event_append_only ON dossiers_event;
DROP FUNCTION IF EXISTS dossiers_event_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
