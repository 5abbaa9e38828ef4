"""The search app's tables, squashed from 0001_initial … 0007_synonym_group_limits
(databases that applied those are left as they are; see docs/layout.md),
with what those migrations also did:

- the synonym groups every bureau needs from the first day; editors change
  them under 设置 › 同义词;
- PostgreSQL indexes for Wagtail's database search backend (nothing to do
  on SQLite, where FTS5 has its own index):
  - the title and body vectors together, as Wagtail matches them
    (`title || body @@ query`): without it every search reads the whole
    index table;
  - a search document's primary key as text, as Wagtail joins index entries
    to the objects they index (`page_id::varchar(50)`): without it a
    misestimated plan reads the search document table once per match.
"""

import django.db.models.deletion
import modelsearch.index
from django.conf import settings
from django.db import migrations, models

DEFAULT_GROUPS = [
    ("equivalent", "学区、划片、施教区、招生范围、招生片区、招生服务区", "各地对招生范围的不同叫法"),
    ("collective", "预决算、预算、决算", "预决算是预算和决算的合称"),
    ("collective", "三公经费、因公出国（境）费、公务用车购置及运行费、公务接待费", "三公经费的三项支出"),
    ("equivalent", "随迁子女、进城务工人员随迁子女、外来务工人员子女、流动儿童", ""),
    ("equivalent", "营养改善计划、营养餐", ""),
    ("equivalent", "防溺水、防溺亡", ""),
]


def add_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for kind, terms, note in DEFAULT_GROUPS:
        SynonymGroup.objects.get_or_create(terms=terms, defaults={"kind": kind, "note": note})


def remove_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=[terms for _kind, terms, _note in DEFAULT_GROUPS]).delete()


INDEXES = [
    ("wagtailsearch", "IndexEntry", "search_indexentry_title_body_gin", "USING gin ((title || body))"),
    ("search", "SearchDocument", "search_searchdocument_page_text", "((((page_id)::varchar(50))::text))"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, definition in INDEXES:
        table = apps.get_model(app_label, model_name)._meta.db_table
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" {definition}')


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _app_label, _model_name, name, _definition in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("search", "0001_initial"),
        ("search", "0002_default_synonyms"),
        ("search", "0003_postgres_search_indexes"),
        ("search", "0004_indexversion"),
        ("search", "0005_searchdocument_expire_at_index"),
        ("search", "0006_searchdocument_issuer_valid_until"),
        ("search", "0007_synonym_group_limits"),
    ]

    dependencies = [
        ("disclosure", "0001_squashed_0010_required_rich_text"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "search index version",
            },
        ),
        migrations.CreateModel(
            name="SynonymGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "terms",
                    models.CharField(
                        help_text="Two to ten words separated by 、 or spaces, each at most 20 characters, for example 学区、划片、施教区、招生范围.",
                        max_length=500,
                        verbose_name="words",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("equivalent", "Synonyms: every word finds the others"),
                            ("collective", "Collective term: the first word stands for the others"),
                        ],
                        default="equivalent",
                        help_text="For a collective term put it first: 预决算、预算、决算.",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True, help_text="Why these words belong together.", max_length=200, verbose_name="note"
                    ),
                ),
            ],
            options={
                "verbose_name": "synonym group",
                "verbose_name_plural": "synonym groups",
                "ordering": ["terms"],
            },
        ),
        migrations.CreateModel(
            name="QueryLogEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField(db_index=True, verbose_name="day")),
                ("query", models.CharField(max_length=100, verbose_name="query")),
                ("searches", models.PositiveIntegerField(default=0, verbose_name="searches")),
                ("zero_results", models.PositiveIntegerField(default=0, verbose_name="searches without results")),
            ],
            options={
                "verbose_name": "query log entry",
                "verbose_name_plural": "query log",
                "constraints": [models.UniqueConstraint(fields=("day", "query"), name="search_querylog_day_query")],
            },
        ),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("title", models.CharField(max_length=600)),
                ("summary", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("kind", models.CharField(db_index=True, max_length=100)),
                ("issuer", models.CharField(blank=True, db_index=True, max_length=200)),
                ("validity", models.CharField(blank=True, max_length=16)),
                (
                    "validity_rank",
                    models.PositiveSmallIntegerField(
                        choices=[(0, "Valid"), (1, "Amended"), (2, "Expired"), (3, "Repealed")], default=0
                    ),
                ),
                ("published", models.DateTimeField(blank=True, db_index=True, null=True)),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("expire_at", models.DateTimeField(blank=True, db_index=True, null=True)),
                ("valid_until", models.DateTimeField(blank=True, db_index=True, null=True)),
                (
                    "category",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "office",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="disclosure.office",
                    ),
                ),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.RunPython(add_groups, remove_groups),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
