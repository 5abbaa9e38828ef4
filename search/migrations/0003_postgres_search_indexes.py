"""PostgreSQL indexes for Wagtail's database search backend (nothing to do
on SQLite, where FTS5 has its own index):

- the title and body vectors together, as Wagtail matches them
  (`title || body @@ query`): without it every search reads the whole
  index table;
- a search document's primary key as text, as Wagtail joins index entries
  to the objects they index (`page_id::varchar(50)`): without it a
  misestimated plan reads the search document table once per match."""

from django.db import migrations

INDEXES = [
    ("wagtailsearch", "IndexEntry", "search_indexentry_title_body_gin", "USING gin ((title || body))"),
    ("search", "SearchDocument", "search_searchdocument_page_text", "((((page_id)::varchar(50))::text))"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, definition in INDEXES:
        table = apps.get_model(app_label, model_name)._meta.db_table
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" {definition}')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _app_label, _model_name, name, _definition in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_default_synonyms"), ("wagtailsearch", "0010_add_text_fields")]
    operations = [migrations.RunPython(create, drop)]
