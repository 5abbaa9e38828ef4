"""PostgreSQL: a GIN index on the title and body vectors together, which is
what Wagtail's database backend matches queries against (`title || body`
@@ query). Without it every search reads the whole index table. Nothing
to do on SQLite (FTS5 has its own index)."""
from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{table}" USING gin ((title || body))')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_default_synonyms"), ("wagtailsearch", "0010_add_text_fields")]
    operations = [migrations.RunPython(create, drop)]
