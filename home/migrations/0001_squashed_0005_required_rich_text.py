"""The home app's tables, squashed from 0001_initial … 0005_required_rich_text
(databases that applied those are left as they are; see docs/layout.md)."""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("home", "0001_initial"),
        ("home", "0002_help_texts"),
        ("home", "0003_guide_in_english"),
        ("home", "0004_bureau_settings_to_core"),
        ("home", "0005_required_rich_text"),
    ]

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="GuidePage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "title_en",
                    models.CharField(
                        blank=True,
                        help_text="Shown on the English site; leave empty to show the Chinese.",
                        max_length=255,
                        verbose_name="title in English",
                    ),
                ),
                (
                    "intro",
                    models.TextField(blank=True, help_text="One paragraph shown at the top.", verbose_name="summary"),
                ),
                (
                    "intro_en",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the English site; leave empty to show the Chinese.",
                        verbose_name="summary in English",
                    ),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [("section", 4)],
                        block_lookup={
                            0: ("wagtail.blocks.CharBlock", (), {"label": "heading", "max_length": 100}),
                            1: (
                                "core.richtext.RichTextBlock",
                                (),
                                {"features": ["bold", "link", "ol", "ul"], "label": "text"},
                            ),
                            2: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "heading in English", "max_length": 100, "required": False},
                            ),
                            3: (
                                "core.richtext.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "link", "ol", "ul"],
                                    "help_text": "Shown on the English site; leave empty to show the Chinese.",
                                    "label": "text in English",
                                    "required": False,
                                },
                            ),
                            4: (
                                "wagtail.blocks.StructBlock",
                                [[("heading", 0), ("body", 1), ("heading_en", 2), ("body_en", 3)]],
                                {},
                            ),
                        },
                        help_text="Each section gets a heading and appears in the page's table of contents.",
                        verbose_name="sections",
                    ),
                ),
            ],
            options={
                "verbose_name": "disclosure guide",
                "verbose_name_plural": "disclosure guides",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="HomePage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "intro",
                    wagtail.fields.RichTextField(
                        blank=True,
                        help_text="One or two sentences under the site name on the home page.",
                        verbose_name="introduction",
                    ),
                ),
            ],
            options={
                "verbose_name": "home page",
                "verbose_name_plural": "home pages",
            },
            bases=("wagtailcore.page",),
        ),
    ]
