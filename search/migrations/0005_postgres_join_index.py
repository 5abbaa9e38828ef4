"""PostgreSQL: Wagtail joins index entries to the objects they index on the
object's primary key as text (`page_id::varchar(50)`). Without an index on
that expression, a misestimated query plan reads the whole search document
table once per match (seconds); with it, every plan can look rows up."""
from django.db import migrations

INDEX = "search_searchdocument_page_text"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("search", "SearchDocument")._meta.db_table
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{table}" ((((page_id)::varchar(50))::text))')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_indexversion")]
    operations = [migrations.RunPython(create, drop)]
