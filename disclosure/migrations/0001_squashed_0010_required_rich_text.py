"""The disclosure app's tables, squashed from 0001_initial … 0010_required_rich_text
(databases that applied those are left as they are; see docs/layout.md)."""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

import core.publication
import core.richtext
import disclosure.fields
import disclosure.models.base
import disclosure.models.enrolment


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("disclosure", "0001_initial"),
        ("disclosure", "0002_record_metadata"),
        ("disclosure", "0003_policy_interpretation_safety"),
        ("disclosure", "0004_enrolment_zones"),
        ("disclosure", "0005_budgets"),
        ("disclosure", "0006_replacing_document_label"),
        ("disclosure", "0007_help_texts"),
        ("disclosure", "0008_full_text_source"),
        ("disclosure", "0009_english_names"),
        ("disclosure", "0010_required_rich_text"),
    ]

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CatalogueIndexPage",
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
                        help_text="The standard English term, shown on the English site; leave empty to show the Chinese.",
                        max_length=255,
                        verbose_name="title in English",
                    ),
                ),
                (
                    "intro",
                    wagtail.fields.RichTextField(
                        blank=True,
                        help_text="A short paragraph shown above the catalogue table.",
                        verbose_name="introduction",
                    ),
                ),
            ],
            options={
                "verbose_name": "disclosure catalogue",
                "verbose_name_plural": "disclosure catalogues",
            },
            bases=(core.publication.RuledPermissionsMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="CatalogueItemPage",
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
                        help_text="The standard English term, shown on the English site; leave empty to show the Chinese.",
                        max_length=255,
                        verbose_name="title in English",
                    ),
                ),
                (
                    "legal_basis",
                    models.TextField(
                        help_text="The laws and regulations that require this disclosure, each in 《》, for example 《中华人民共和国政府信息公开条例》.",
                        verbose_name="legal basis",
                    ),
                ),
                (
                    "legal_basis_en",
                    models.TextField(
                        blank=True,
                        help_text="The standard English term, shown on the English site; leave empty to show the Chinese.",
                        verbose_name="legal basis in English",
                    ),
                ),
                (
                    "time_limit_kind",
                    models.CharField(
                        choices=[
                            (
                                "working_days",
                                "Within a number of working days of the information being formed or changed",
                            ),
                            ("annual", "Every year by a date"),
                            ("on_change", "Whenever the information changes"),
                            ("other", "Other (state it in the display text)"),
                        ],
                        default="working_days",
                        help_text="Choose how the deadline is stated; then fill in the matching fields below.",
                        max_length=20,
                        verbose_name="kind of time limit",
                    ),
                ),
                (
                    "time_limit_days",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="For “within N working days”: the number N, for example 20.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(365),
                        ],
                        verbose_name="working days",
                    ),
                ),
                (
                    "time_limit_month",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="For “every year by a date”: the month, 1–12.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(12),
                        ],
                        verbose_name="month",
                    ),
                ),
                (
                    "time_limit_day",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="For “every year by a date”: the day of the month, 1–31.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(31),
                        ],
                        verbose_name="day",
                    ),
                ),
                (
                    "time_limit_text",
                    models.CharField(
                        blank=True,
                        help_text="Leave empty to show the wording generated from the fields above; required for “other”.",
                        max_length=255,
                        verbose_name="time limit as displayed",
                    ),
                ),
                (
                    "responsible_body_text",
                    models.CharField(
                        blank=True,
                        help_text="The responsible body in the words of the catalogue, for example 县级教育行政部门 / 学校. Leave empty to show the office's name.",
                        max_length=255,
                        verbose_name="responsible body as published",
                    ),
                ),
                (
                    "responsible_body_en",
                    models.CharField(
                        blank=True,
                        help_text="The standard English term, shown on the English site; leave empty to show the Chinese.",
                        max_length=255,
                        verbose_name="responsible body in English",
                    ),
                ),
                (
                    "channels",
                    disclosure.fields.MultipleChoiceListField(
                        help_text="Tick every channel through which this information is published.",
                        item_choices=[
                            ("政府网站", "Government website"),
                            ("政府公报", "Government gazette"),
                            ("两微一端", "Weibo, WeChat and mobile app"),
                            ("发布会/听证会", "Press conference or hearing"),
                            ("广播电视", "Radio and television"),
                            ("纸质媒体", "Print media"),
                            ("公开查阅点", "Public reading point"),
                            ("政务服务中心", "Government service centre"),
                            ("便民服务站", "Community service station"),
                            ("入户/现场", "Door-to-door or on site"),
                            (
                                "社区/企事业单位/村公示栏(电子屏)",
                                "Notice boards (or screens) of communities, organisations and villages",
                            ),
                            ("精准推送", "Targeted push notifications"),
                            ("其他", "Other"),
                        ],
                        verbose_name="channels",
                    ),
                ),
                (
                    "channels_other",
                    models.CharField(
                        blank=True,
                        help_text="Required when “Other” is ticked: name the channel, for example 中小学生学籍信息管理系统.",
                        max_length=255,
                        verbose_name="other channels",
                    ),
                ),
                (
                    "channels_other_en",
                    models.CharField(
                        blank=True,
                        help_text="The standard English term, shown on the English site; leave empty to show the Chinese.",
                        max_length=255,
                        verbose_name="other channels in English",
                    ),
                ),
                (
                    "audience",
                    models.CharField(
                        choices=[("public", "The whole of society"), ("specific", "Specific groups")],
                        default="public",
                        help_text="Who the information is for: the whole of society, or specific groups (then name them below).",
                        max_length=16,
                        verbose_name="audience",
                    ),
                ),
                (
                    "audience_detail",
                    models.CharField(
                        blank=True,
                        help_text="Required when the audience is specific groups: say which, for example 适龄儿童家长.",
                        max_length=255,
                        verbose_name="specific groups",
                    ),
                ),
                (
                    "method",
                    models.CharField(
                        choices=[("proactive", "Proactive disclosure"), ("on_request", "Disclosure on request")],
                        default="proactive",
                        help_text="Proactive: published without being asked. On request: given to those who apply.",
                        max_length=16,
                        verbose_name="method of disclosure",
                    ),
                ),
                (
                    "levels",
                    disclosure.fields.MultipleChoiceListField(
                        help_text="County level, township level, or both.",
                        item_choices=[("county", "County level"), ("township", "Township level")],
                        verbose_name="level",
                    ),
                ),
                (
                    "provenance",
                    models.CharField(
                        choices=[
                            ("read", "Read from a published catalogue"),
                            ("default", "Default, to be confirmed"),
                            ("inferred", "Inferred, to be confirmed"),
                        ],
                        default="read",
                        editable=False,
                        max_length=16,
                        verbose_name="provenance",
                    ),
                ),
                ("provenance_source", models.TextField(blank=True, editable=False, verbose_name="source")),
                (
                    "field_provenance",
                    models.JSONField(blank=True, default=dict, editable=False, verbose_name="provenance of each field"),
                ),
                ("catalogue_key", models.CharField(blank=True, db_index=True, editable=False, max_length=255)),
                ("source_fingerprint", models.CharField(blank=True, editable=False, max_length=64)),
                ("english_fingerprint", models.CharField(blank=True, editable=False, max_length=64)),
            ],
            options={
                "verbose_name": "catalogue item",
                "verbose_name_plural": "catalogue items",
            },
            bases=(core.publication.RuledPermissionsMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="CategoryPage",
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
                        help_text="Optional: what this category covers, in one or two sentences.",
                        verbose_name="introduction",
                    ),
                ),
                (
                    "title_en",
                    models.CharField(
                        blank=True,
                        help_text="The standard English term, shown on the English site; leave empty to show the Chinese.",
                        max_length=255,
                        verbose_name="title in English",
                    ),
                ),
                ("catalogue_key", models.CharField(blank=True, db_index=True, editable=False, max_length=255)),
                ("source_fingerprint", models.CharField(blank=True, editable=False, max_length=64)),
                ("english_fingerprint", models.CharField(blank=True, editable=False, max_length=64)),
            ],
            options={
                "verbose_name": "catalogue category",
                "verbose_name_plural": "catalogue categories",
            },
            bases=(core.publication.RuledPermissionsMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="IndexNumberSequence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(unique=True)),
                ("last_serial", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="Office",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="The office's full name, for example 基础教育科.",
                        max_length=100,
                        unique=True,
                        verbose_name="name",
                    ),
                ),
                (
                    "phone",
                    models.CharField(
                        blank=True,
                        help_text="The number the public can call, for example 0734-8888888.",
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9０-９()（）\\-— ,，、转]{5,40}$",
                                "Enter a telephone number such as 0734-8888888 or 12345.",
                            )
                        ],
                        verbose_name="telephone",
                    ),
                ),
                (
                    "location",
                    models.CharField(
                        blank=True,
                        help_text="Building and room, for example 教育局大楼三楼305室.",
                        max_length=200,
                        verbose_name="office location",
                    ),
                ),
                (
                    "duties",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences on what this office is responsible for.",
                        verbose_name="duties",
                    ),
                ),
                (
                    "sort_order",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="Smaller numbers are listed first.", verbose_name="sort order"
                    ),
                ),
            ],
            options={
                "verbose_name": "office",
                "verbose_name_plural": "offices",
                "ordering": ["sort_order", "name"],
            },
        ),
        migrations.CreateModel(
            name="School",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="The school's registered name, for example 解放路小学.",
                        max_length=100,
                        unique=True,
                        verbose_name="name",
                    ),
                ),
                (
                    "stage",
                    models.CharField(
                        choices=[
                            ("primary", "Primary school"),
                            ("junior", "Junior secondary school"),
                            ("nine_year", "Nine-year school"),
                        ],
                        help_text="Primary, junior secondary, or a nine-year school covering both.",
                        max_length=16,
                        verbose_name="stage",
                    ),
                ),
                (
                    "ownership",
                    models.CharField(
                        choices=[("public", "Public"), ("private", "Private")],
                        default="public",
                        help_text="Public (公办) or private (民办).",
                        max_length=16,
                        verbose_name="public or private",
                    ),
                ),
                (
                    "address",
                    models.CharField(
                        blank=True,
                        help_text="Street address, for example 解放路25号.",
                        max_length=200,
                        verbose_name="address",
                    ),
                ),
                (
                    "phone",
                    models.CharField(
                        blank=True,
                        help_text="The school's enquiry number, for example 0734-8888888.",
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9０-９()（）\\-— ,，、转]{5,40}$",
                                "Enter a telephone number such as 0734-8888888 or 12345.",
                            )
                        ],
                        verbose_name="telephone",
                    ),
                ),
                (
                    "website",
                    models.URLField(
                        blank=True,
                        help_text="Full address starting with https://, if the school has one.",
                        verbose_name="website",
                    ),
                ),
            ],
            options={
                "verbose_name": "school",
                "verbose_name_plural": "schools",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="CatalogueItemContentElement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "text",
                    models.CharField(
                        help_text="One thing that is published, for example 学校名称、地址、联系电话.",
                        max_length=500,
                        verbose_name="content element",
                    ),
                ),
                (
                    "text_en",
                    models.CharField(
                        blank=True,
                        help_text="The standard English term, shown on the English site; leave empty to show the Chinese.",
                        max_length=500,
                        verbose_name="in English",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="content_elements",
                        to="disclosure.catalogueitempage",
                    ),
                ),
            ],
            options={
                "verbose_name": "content element",
                "verbose_name_plural": "content elements",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ChangeNote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("published_at", models.DateTimeField()),
                ("note", models.CharField(max_length=500)),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="change_notes",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "revision",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.revision"
                    ),
                ),
            ],
            options={
                "verbose_name": "change note",
                "verbose_name_plural": "change notes",
                "ordering": ["-published_at"],
            },
        ),
        migrations.CreateModel(
            name="EnrolmentZonePage",
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
                    "index_number",
                    models.CharField(
                        blank=True, editable=False, max_length=64, null=True, unique=True, verbose_name="index number"
                    ),
                ),
                (
                    "document_number",
                    models.CharField(
                        blank=True,
                        help_text="Optional. Like 某教发〔2024〕12号; [ ] and （ ） are turned into 〔 〕.",
                        max_length=64,
                        validators=[disclosure.models.base.validate_document_number],
                        verbose_name="document number",
                    ),
                ),
                (
                    "issuer_name",
                    models.CharField(
                        blank=True,
                        help_text="Only if the issuer is not one of the bureau's offices, for example a document of the provincial department.",
                        max_length=200,
                        verbose_name="issuer as published",
                    ),
                ),
                (
                    "written_date",
                    models.DateField(
                        blank=True,
                        help_text="The date on the document (成文日期), YYYY-MM-DD.",
                        null=True,
                        verbose_name="date written",
                    ),
                ),
                (
                    "validity",
                    models.CharField(
                        choices=[
                            ("valid", "Valid"),
                            ("expired", "Expired"),
                            ("repealed", "Repealed"),
                            ("amended", "Amended"),
                        ],
                        default="valid",
                        help_text="Valid while in force. Choose amended or repealed when another document replaces it, and name that document.",
                        max_length=16,
                        verbose_name="validity",
                    ),
                ),
                (
                    "disclosure_attribute",
                    models.CharField(
                        choices=[
                            ("proactive", "Proactive disclosure"),
                            ("on_request", "Disclosure on request"),
                            ("withheld", "Not disclosed"),
                        ],
                        default="proactive",
                        help_text="Only proactive disclosures may be published on this site.",
                        max_length=16,
                        verbose_name="disclosure attribute",
                    ),
                ),
                (
                    "summary",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences shown in listings and search results.",
                        verbose_name="summary",
                    ),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [("heading", 2), ("paragraph", 3), ("table", 7), ("image", 12), ("attachments", 16)],
                        blank=True,
                        block_lookup={
                            0: ("wagtail.blocks.CharBlock", (), {"label": "heading", "max_length": 200}),
                            1: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {"choices": [("h2", "Section heading"), ("h3", "Sub-heading")], "label": "level"},
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                            3: (
                                "core.richtext.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "italic", "link", "document-link", "ol", "ul"],
                                    "icon": "pilcrow",
                                    "label": "paragraph",
                                },
                            ),
                            4: ("wagtail.blocks.CharBlock", (), {"label": "text"}),
                            5: ("wagtail.blocks.DecimalBlock", (), {"decimal_places": 2, "label": "number"}),
                            6: (
                                "core.richtext.RichTextBlock",
                                (),
                                {"features": ["bold", "link"], "label": "rich text"},
                            ),
                            7: (
                                "wagtail.contrib.typed_table_block.blocks.TypedTableBlock",
                                [[("text", 4), ("number", 5), ("rich_text", 6)]],
                                {},
                            ),
                            8: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "image"}),
                            9: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "What the image shows, for people who cannot see it. Required unless the image is decorative.",
                                    "label": "text alternative",
                                    "max_length": 500,
                                    "required": False,
                                },
                            ),
                            10: (
                                "wagtail.blocks.BooleanBlock",
                                (),
                                {
                                    "help_text": "Tick only if the image adds no information (it is then hidden from screen readers).",
                                    "label": "decorative",
                                    "required": False,
                                },
                            ),
                            11: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "caption", "max_length": 255, "required": False},
                            ),
                            12: (
                                "wagtail.blocks.StructBlock",
                                [[("image", 8), ("alt", 9), ("decorative", 10), ("caption", 11)]],
                                {},
                            ),
                            13: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "heading", "max_length": 200, "required": False},
                            ),
                            14: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"}),
                            15: ("wagtail.blocks.ListBlock", (14,), {"label": "documents", "min_num": 1}),
                            16: ("wagtail.blocks.StructBlock", [[("heading", 13), ("documents", 15)]], {}),
                        },
                        help_text="The full text: headings, paragraphs, tables (with a caption), images (with a text alternative) and attachment lists.",
                        verbose_name="body",
                    ),
                ),
                (
                    "attachments",
                    wagtail.fields.StreamField(
                        [("document", 0)],
                        blank=True,
                        block_lookup={0: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"})},
                        help_text="PDF, OFD, DOC/DOCX, XLS/XLSX or ZIP files.",
                        verbose_name="attachments",
                    ),
                ),
                (
                    "major_change",
                    models.BooleanField(
                        default=False,
                        help_text="Tick when this publication changes the substance; the note below then appears in the public change history.",
                        verbose_name="major change",
                    ),
                ),
                (
                    "change_note",
                    models.CharField(
                        blank=True,
                        help_text="For a major change: one sentence saying what changed, for example 调整了报名时间.",
                        max_length=500,
                        verbose_name="change note",
                    ),
                ),
                (
                    "full_text_source",
                    models.CharField(
                        blank=True,
                        help_text="Only when this page gives a summary or an excerpt: where the full text was published, for example 安康市教育局网站（2018年8月8日）. The page then says it is a summary.",
                        max_length=300,
                        verbose_name="full text published at",
                    ),
                ),
                (
                    "source_id",
                    models.CharField(
                        blank=True, db_index=True, editable=False, max_length=64, verbose_name="import id"
                    ),
                ),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        default=disclosure.models.enrolment._current_year,
                        help_text="The year the children start school, for example 2024.",
                        validators=[
                            django.core.validators.MinValueValidator(2000),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="enrolment year",
                    ),
                ),
                (
                    "stage",
                    models.CharField(
                        choices=[("primary", "Primary school"), ("junior", "Junior secondary school")],
                        help_text="Primary school or junior secondary school: one zone page per school, year and stage.",
                        max_length=16,
                        verbose_name="stage",
                    ),
                ),
                (
                    "zone_description",
                    models.TextField(
                        help_text="The zone exactly as the announcement words it. It is shown unchanged, with its line breaks, and is what counts.",
                        verbose_name="zone as published",
                    ),
                ),
                (
                    "classes",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Number of first-year classes planned, if published.",
                        null=True,
                        verbose_name="classes",
                    ),
                ),
                (
                    "places",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Number of first-year places planned, if published.",
                        null=True,
                        verbose_name="places",
                    ),
                ),
                (
                    "required_documents",
                    wagtail.fields.StreamField(
                        [("document", 0)],
                        blank=True,
                        block_lookup={0: ("wagtail.blocks.CharBlock", (), {"label": "document", "max_length": 200})},
                        help_text="One document per line, in the order parents should prepare them, for example 户口簿.",
                        verbose_name="documents to bring",
                    ),
                ),
                (
                    "consultation_phone",
                    models.CharField(
                        blank=True,
                        help_text="The number parents can call with questions about this zone, for example 0734-8888888.",
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9０-９()（）\\-— ,，、转]{5,40}$",
                                "Enter a telephone number such as 0734-8888888 or 12345.",
                            )
                        ],
                        verbose_name="enquiry telephone",
                    ),
                ),
                (
                    "complaint_channel",
                    models.TextField(
                        blank=True,
                        help_text="Where to report problems with enrolment (监督举报). Leave empty to show the site's complaint channel.",
                        verbose_name="complaint channel",
                    ),
                ),
                (
                    "superseded_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Required when the document is amended or repealed: the document that replaces it.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="replacing document",
                    ),
                ),
                (
                    "issuing_office",
                    models.ForeignKey(
                        help_text="The office of the bureau that issues this information.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="disclosure.office",
                        verbose_name="issuing office",
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        help_text="Add a missing school under “Offices and schools › Schools” first.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="enrolment_zones",
                        to="disclosure.school",
                        verbose_name="school",
                    ),
                ),
            ],
            options={
                "verbose_name": "enrolment zone",
                "verbose_name_plural": "enrolment zones",
            },
            bases=(core.publication.RuledPermissionsMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="EnrolmentKeyDate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "stage",
                    models.CharField(
                        choices=[
                            ("registration", "Registration"),
                            ("verification", "Verification of documents"),
                            ("admission", "Admission results"),
                            ("other", "Other"),
                        ],
                        help_text="Registration, verification, admission, or other (then describe it in the note).",
                        max_length=16,
                        verbose_name="what happens",
                    ),
                ),
                (
                    "start_date",
                    models.DateField(help_text="The day, or the first day, YYYY-MM-DD.", verbose_name="date"),
                ),
                (
                    "end_date",
                    models.DateField(
                        blank=True, help_text="The last day, if it lasts several days.", null=True, verbose_name="until"
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="For example where to go, or the hours. Required for “other”.",
                        max_length=300,
                        verbose_name="note",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="key_dates",
                        to="disclosure.enrolmentzonepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "key date",
                "verbose_name_plural": "key dates",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="catalogueitempage",
            name="office",
            field=models.ForeignKey(
                help_text="The office of the bureau that publishes this item. Manage the list under “Offices”.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="catalogue_items",
                to="disclosure.office",
                verbose_name="responsible office",
            ),
        ),
        migrations.CreateModel(
            name="BudgetPage",
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
                    "index_number",
                    models.CharField(
                        blank=True, editable=False, max_length=64, null=True, unique=True, verbose_name="index number"
                    ),
                ),
                (
                    "document_number",
                    models.CharField(
                        blank=True,
                        help_text="Optional. Like 某教发〔2024〕12号; [ ] and （ ） are turned into 〔 〕.",
                        max_length=64,
                        validators=[disclosure.models.base.validate_document_number],
                        verbose_name="document number",
                    ),
                ),
                (
                    "issuer_name",
                    models.CharField(
                        blank=True,
                        help_text="Only if the issuer is not one of the bureau's offices, for example a document of the provincial department.",
                        max_length=200,
                        verbose_name="issuer as published",
                    ),
                ),
                (
                    "written_date",
                    models.DateField(
                        blank=True,
                        help_text="The date on the document (成文日期), YYYY-MM-DD.",
                        null=True,
                        verbose_name="date written",
                    ),
                ),
                (
                    "validity",
                    models.CharField(
                        choices=[
                            ("valid", "Valid"),
                            ("expired", "Expired"),
                            ("repealed", "Repealed"),
                            ("amended", "Amended"),
                        ],
                        default="valid",
                        help_text="Valid while in force. Choose amended or repealed when another document replaces it, and name that document.",
                        max_length=16,
                        verbose_name="validity",
                    ),
                ),
                (
                    "disclosure_attribute",
                    models.CharField(
                        choices=[
                            ("proactive", "Proactive disclosure"),
                            ("on_request", "Disclosure on request"),
                            ("withheld", "Not disclosed"),
                        ],
                        default="proactive",
                        help_text="Only proactive disclosures may be published on this site.",
                        max_length=16,
                        verbose_name="disclosure attribute",
                    ),
                ),
                (
                    "summary",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences shown in listings and search results.",
                        verbose_name="summary",
                    ),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [("heading", 2), ("paragraph", 3), ("table", 7), ("image", 12), ("attachments", 16)],
                        blank=True,
                        block_lookup={
                            0: ("wagtail.blocks.CharBlock", (), {"label": "heading", "max_length": 200}),
                            1: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {"choices": [("h2", "Section heading"), ("h3", "Sub-heading")], "label": "level"},
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                            3: (
                                "core.richtext.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "italic", "link", "document-link", "ol", "ul"],
                                    "icon": "pilcrow",
                                    "label": "paragraph",
                                },
                            ),
                            4: ("wagtail.blocks.CharBlock", (), {"label": "text"}),
                            5: ("wagtail.blocks.DecimalBlock", (), {"decimal_places": 2, "label": "number"}),
                            6: (
                                "core.richtext.RichTextBlock",
                                (),
                                {"features": ["bold", "link"], "label": "rich text"},
                            ),
                            7: (
                                "wagtail.contrib.typed_table_block.blocks.TypedTableBlock",
                                [[("text", 4), ("number", 5), ("rich_text", 6)]],
                                {},
                            ),
                            8: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "image"}),
                            9: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "What the image shows, for people who cannot see it. Required unless the image is decorative.",
                                    "label": "text alternative",
                                    "max_length": 500,
                                    "required": False,
                                },
                            ),
                            10: (
                                "wagtail.blocks.BooleanBlock",
                                (),
                                {
                                    "help_text": "Tick only if the image adds no information (it is then hidden from screen readers).",
                                    "label": "decorative",
                                    "required": False,
                                },
                            ),
                            11: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "caption", "max_length": 255, "required": False},
                            ),
                            12: (
                                "wagtail.blocks.StructBlock",
                                [[("image", 8), ("alt", 9), ("decorative", 10), ("caption", 11)]],
                                {},
                            ),
                            13: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "heading", "max_length": 200, "required": False},
                            ),
                            14: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"}),
                            15: ("wagtail.blocks.ListBlock", (14,), {"label": "documents", "min_num": 1}),
                            16: ("wagtail.blocks.StructBlock", [[("heading", 13), ("documents", 15)]], {}),
                        },
                        help_text="The full text: headings, paragraphs, tables (with a caption), images (with a text alternative) and attachment lists.",
                        verbose_name="body",
                    ),
                ),
                (
                    "attachments",
                    wagtail.fields.StreamField(
                        [("document", 0)],
                        blank=True,
                        block_lookup={0: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"})},
                        help_text="PDF, OFD, DOC/DOCX, XLS/XLSX or ZIP files.",
                        verbose_name="attachments",
                    ),
                ),
                (
                    "major_change",
                    models.BooleanField(
                        default=False,
                        help_text="Tick when this publication changes the substance; the note below then appears in the public change history.",
                        verbose_name="major change",
                    ),
                ),
                (
                    "change_note",
                    models.CharField(
                        blank=True,
                        help_text="For a major change: one sentence saying what changed, for example 调整了报名时间.",
                        max_length=500,
                        verbose_name="change note",
                    ),
                ),
                (
                    "full_text_source",
                    models.CharField(
                        blank=True,
                        help_text="Only when this page gives a summary or an excerpt: where the full text was published, for example 安康市教育局网站（2018年8月8日）. The page then says it is a summary.",
                        max_length=300,
                        verbose_name="full text published at",
                    ),
                ),
                (
                    "source_id",
                    models.CharField(
                        blank=True, db_index=True, editable=False, max_length=64, verbose_name="import id"
                    ),
                ),
                (
                    "fiscal_year",
                    models.PositiveSmallIntegerField(
                        help_text="The year the figures are for, for example 2024.",
                        validators=[
                            django.core.validators.MinValueValidator(1990),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="fiscal year",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("budget", "Budget"), ("final_accounts", "Final accounts")],
                        default="budget",
                        help_text="Budget (预算) for the coming year, or final accounts (决算) for a past year.",
                        max_length=16,
                        verbose_name="budget or final accounts",
                    ),
                ),
                (
                    "unit",
                    models.CharField(
                        choices=[("yuan", "yuan"), ("wan_yuan", "10,000 yuan")],
                        default="wan_yuan",
                        help_text="The unit of every amount on this page, as in the published tables.",
                        max_length=16,
                        verbose_name="unit",
                    ),
                ),
                (
                    "tables",
                    wagtail.fields.StreamField(
                        [("table", 8)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "For example 收入支出决算总表.",
                                    "label": "table title",
                                    "max_length": 200,
                                },
                            ),
                            1: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Optional, for example 公开01表.",
                                    "label": "table number",
                                    "max_length": 50,
                                    "required": False,
                                },
                            ),
                            2: ("wagtail.blocks.CharBlock", (), {"label": "item", "max_length": 200}),
                            3: (
                                "disclosure.budget_blocks.AmountBlock",
                                (),
                                {
                                    "help_text": "In the page's unit, at most two decimal places. Leave blank if the table shows nothing.",
                                    "label": "amount",
                                    "required": False,
                                },
                            ),
                            4: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {
                                    "choices": [
                                        ("item", "Item"),
                                        ("sub_item", "Sub-item (“of which”, included in the item above)"),
                                        ("total", "Total"),
                                    ],
                                    "help_text": "Totals are checked against the sum of the items above them; sub-items are not added up.",
                                    "label": "row type",
                                },
                            ),
                            5: ("wagtail.blocks.StructBlock", [[("label", 2), ("amount", 3), ("row_type", 4)]], {}),
                            6: ("wagtail.blocks.ListBlock", (5,), {"collapsed": False, "label": "income rows"}),
                            7: ("wagtail.blocks.ListBlock", (5,), {"collapsed": False, "label": "expenditure rows"}),
                            8: (
                                "wagtail.blocks.StructBlock",
                                [[("title", 0), ("code", 1), ("income_rows", 6), ("expenditure_rows", 7)]],
                                {},
                            ),
                        },
                        help_text="One block per published table. Totals must equal the sum of their items; the page cannot be saved until they do.",
                        verbose_name="tables",
                    ),
                ),
                (
                    "outbound_travel",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="In the page's unit. Leave blank if not reported; enter 0 if nothing was spent.",
                        max_digits=15,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="official travel abroad",
                    ),
                ),
                (
                    "vehicle_purchase",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="In the page's unit. Leave blank if not reported; enter 0 if nothing was spent.",
                        max_digits=15,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="purchase of official vehicles",
                    ),
                ),
                (
                    "vehicle_operation",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="In the page's unit. Leave blank if not reported; enter 0 if nothing was spent.",
                        max_digits=15,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="running and maintenance of official vehicles",
                    ),
                ),
                (
                    "official_reception",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="In the page's unit. Leave blank if not reported; enter 0 if nothing was spent.",
                        max_digits=15,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="official receptions",
                    ),
                ),
                (
                    "explanation",
                    wagtail.fields.RichTextField(
                        blank=True,
                        help_text="The explanation published with the tables (情况说明): changes from last year, the “three public expenses”, and so on. Required to publish.",
                        verbose_name="explanation",
                    ),
                ),
                (
                    "superseded_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Required when the document is amended or repealed: the document that replaces it.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="replacing document",
                    ),
                ),
                (
                    "issuing_office",
                    models.ForeignKey(
                        help_text="The office of the bureau that issues this information.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="disclosure.office",
                        verbose_name="issuing office",
                    ),
                ),
            ],
            options={
                "verbose_name": "budget or final accounts",
                "verbose_name_plural": "budgets and final accounts",
            },
            bases=(core.publication.RuledPermissionsMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="PolicyDocumentPage",
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
                    "index_number",
                    models.CharField(
                        blank=True, editable=False, max_length=64, null=True, unique=True, verbose_name="index number"
                    ),
                ),
                (
                    "document_number",
                    models.CharField(
                        blank=True,
                        help_text="Optional. Like 某教发〔2024〕12号; [ ] and （ ） are turned into 〔 〕.",
                        max_length=64,
                        validators=[disclosure.models.base.validate_document_number],
                        verbose_name="document number",
                    ),
                ),
                (
                    "issuer_name",
                    models.CharField(
                        blank=True,
                        help_text="Only if the issuer is not one of the bureau's offices, for example a document of the provincial department.",
                        max_length=200,
                        verbose_name="issuer as published",
                    ),
                ),
                (
                    "written_date",
                    models.DateField(
                        blank=True,
                        help_text="The date on the document (成文日期), YYYY-MM-DD.",
                        null=True,
                        verbose_name="date written",
                    ),
                ),
                (
                    "validity",
                    models.CharField(
                        choices=[
                            ("valid", "Valid"),
                            ("expired", "Expired"),
                            ("repealed", "Repealed"),
                            ("amended", "Amended"),
                        ],
                        default="valid",
                        help_text="Valid while in force. Choose amended or repealed when another document replaces it, and name that document.",
                        max_length=16,
                        verbose_name="validity",
                    ),
                ),
                (
                    "disclosure_attribute",
                    models.CharField(
                        choices=[
                            ("proactive", "Proactive disclosure"),
                            ("on_request", "Disclosure on request"),
                            ("withheld", "Not disclosed"),
                        ],
                        default="proactive",
                        help_text="Only proactive disclosures may be published on this site.",
                        max_length=16,
                        verbose_name="disclosure attribute",
                    ),
                ),
                (
                    "summary",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences shown in listings and search results.",
                        verbose_name="summary",
                    ),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [("heading", 2), ("paragraph", 3), ("table", 7), ("image", 12), ("attachments", 16)],
                        blank=True,
                        block_lookup={
                            0: ("wagtail.blocks.CharBlock", (), {"label": "heading", "max_length": 200}),
                            1: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {"choices": [("h2", "Section heading"), ("h3", "Sub-heading")], "label": "level"},
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                            3: (
                                "core.richtext.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "italic", "link", "document-link", "ol", "ul"],
                                    "icon": "pilcrow",
                                    "label": "paragraph",
                                },
                            ),
                            4: ("wagtail.blocks.CharBlock", (), {"label": "text"}),
                            5: ("wagtail.blocks.DecimalBlock", (), {"decimal_places": 2, "label": "number"}),
                            6: (
                                "core.richtext.RichTextBlock",
                                (),
                                {"features": ["bold", "link"], "label": "rich text"},
                            ),
                            7: (
                                "wagtail.contrib.typed_table_block.blocks.TypedTableBlock",
                                [[("text", 4), ("number", 5), ("rich_text", 6)]],
                                {},
                            ),
                            8: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "image"}),
                            9: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "What the image shows, for people who cannot see it. Required unless the image is decorative.",
                                    "label": "text alternative",
                                    "max_length": 500,
                                    "required": False,
                                },
                            ),
                            10: (
                                "wagtail.blocks.BooleanBlock",
                                (),
                                {
                                    "help_text": "Tick only if the image adds no information (it is then hidden from screen readers).",
                                    "label": "decorative",
                                    "required": False,
                                },
                            ),
                            11: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "caption", "max_length": 255, "required": False},
                            ),
                            12: (
                                "wagtail.blocks.StructBlock",
                                [[("image", 8), ("alt", 9), ("decorative", 10), ("caption", 11)]],
                                {},
                            ),
                            13: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "heading", "max_length": 200, "required": False},
                            ),
                            14: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"}),
                            15: ("wagtail.blocks.ListBlock", (14,), {"label": "documents", "min_num": 1}),
                            16: ("wagtail.blocks.StructBlock", [[("heading", 13), ("documents", 15)]], {}),
                        },
                        help_text="The full text: headings, paragraphs, tables (with a caption), images (with a text alternative) and attachment lists.",
                        verbose_name="body",
                    ),
                ),
                (
                    "attachments",
                    wagtail.fields.StreamField(
                        [("document", 0)],
                        blank=True,
                        block_lookup={0: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"})},
                        help_text="PDF, OFD, DOC/DOCX, XLS/XLSX or ZIP files.",
                        verbose_name="attachments",
                    ),
                ),
                (
                    "major_change",
                    models.BooleanField(
                        default=False,
                        help_text="Tick when this publication changes the substance; the note below then appears in the public change history.",
                        verbose_name="major change",
                    ),
                ),
                (
                    "change_note",
                    models.CharField(
                        blank=True,
                        help_text="For a major change: one sentence saying what changed, for example 调整了报名时间.",
                        max_length=500,
                        verbose_name="change note",
                    ),
                ),
                (
                    "full_text_source",
                    models.CharField(
                        blank=True,
                        help_text="Only when this page gives a summary or an excerpt: where the full text was published, for example 安康市教育局网站（2018年8月8日）. The page then says it is a summary.",
                        max_length=300,
                        verbose_name="full text published at",
                    ),
                ),
                (
                    "source_id",
                    models.CharField(
                        blank=True, db_index=True, editable=False, max_length=64, verbose_name="import id"
                    ),
                ),
                (
                    "requires_interpretation",
                    models.BooleanField(
                        default=False,
                        help_text="Tick for policies that must be published together with an interpretation (三同步): publication is refused until one is ready.",
                        verbose_name="requires an interpretation",
                    ),
                ),
                (
                    "issuing_office",
                    models.ForeignKey(
                        help_text="The office of the bureau that issues this information.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="disclosure.office",
                        verbose_name="issuing office",
                    ),
                ),
                (
                    "superseded_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Required when the document is amended or repealed: the document that replaces it.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="replacing document",
                    ),
                ),
            ],
            options={
                "verbose_name": "policy document",
                "verbose_name_plural": "policy documents",
            },
            bases=(core.publication.RuledPermissionsMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="InterpretationPage",
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
                    "index_number",
                    models.CharField(
                        blank=True, editable=False, max_length=64, null=True, unique=True, verbose_name="index number"
                    ),
                ),
                (
                    "document_number",
                    models.CharField(
                        blank=True,
                        help_text="Optional. Like 某教发〔2024〕12号; [ ] and （ ） are turned into 〔 〕.",
                        max_length=64,
                        validators=[disclosure.models.base.validate_document_number],
                        verbose_name="document number",
                    ),
                ),
                (
                    "issuer_name",
                    models.CharField(
                        blank=True,
                        help_text="Only if the issuer is not one of the bureau's offices, for example a document of the provincial department.",
                        max_length=200,
                        verbose_name="issuer as published",
                    ),
                ),
                (
                    "written_date",
                    models.DateField(
                        blank=True,
                        help_text="The date on the document (成文日期), YYYY-MM-DD.",
                        null=True,
                        verbose_name="date written",
                    ),
                ),
                (
                    "validity",
                    models.CharField(
                        choices=[
                            ("valid", "Valid"),
                            ("expired", "Expired"),
                            ("repealed", "Repealed"),
                            ("amended", "Amended"),
                        ],
                        default="valid",
                        help_text="Valid while in force. Choose amended or repealed when another document replaces it, and name that document.",
                        max_length=16,
                        verbose_name="validity",
                    ),
                ),
                (
                    "disclosure_attribute",
                    models.CharField(
                        choices=[
                            ("proactive", "Proactive disclosure"),
                            ("on_request", "Disclosure on request"),
                            ("withheld", "Not disclosed"),
                        ],
                        default="proactive",
                        help_text="Only proactive disclosures may be published on this site.",
                        max_length=16,
                        verbose_name="disclosure attribute",
                    ),
                ),
                (
                    "summary",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences shown in listings and search results.",
                        verbose_name="summary",
                    ),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [("heading", 2), ("paragraph", 3), ("table", 7), ("image", 12), ("attachments", 16)],
                        blank=True,
                        block_lookup={
                            0: ("wagtail.blocks.CharBlock", (), {"label": "heading", "max_length": 200}),
                            1: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {"choices": [("h2", "Section heading"), ("h3", "Sub-heading")], "label": "level"},
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                            3: (
                                "core.richtext.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "italic", "link", "document-link", "ol", "ul"],
                                    "icon": "pilcrow",
                                    "label": "paragraph",
                                },
                            ),
                            4: ("wagtail.blocks.CharBlock", (), {"label": "text"}),
                            5: ("wagtail.blocks.DecimalBlock", (), {"decimal_places": 2, "label": "number"}),
                            6: (
                                "core.richtext.RichTextBlock",
                                (),
                                {"features": ["bold", "link"], "label": "rich text"},
                            ),
                            7: (
                                "wagtail.contrib.typed_table_block.blocks.TypedTableBlock",
                                [[("text", 4), ("number", 5), ("rich_text", 6)]],
                                {},
                            ),
                            8: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "image"}),
                            9: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "What the image shows, for people who cannot see it. Required unless the image is decorative.",
                                    "label": "text alternative",
                                    "max_length": 500,
                                    "required": False,
                                },
                            ),
                            10: (
                                "wagtail.blocks.BooleanBlock",
                                (),
                                {
                                    "help_text": "Tick only if the image adds no information (it is then hidden from screen readers).",
                                    "label": "decorative",
                                    "required": False,
                                },
                            ),
                            11: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "caption", "max_length": 255, "required": False},
                            ),
                            12: (
                                "wagtail.blocks.StructBlock",
                                [[("image", 8), ("alt", 9), ("decorative", 10), ("caption", 11)]],
                                {},
                            ),
                            13: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "heading", "max_length": 200, "required": False},
                            ),
                            14: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"}),
                            15: ("wagtail.blocks.ListBlock", (14,), {"label": "documents", "min_num": 1}),
                            16: ("wagtail.blocks.StructBlock", [[("heading", 13), ("documents", 15)]], {}),
                        },
                        help_text="The full text: headings, paragraphs, tables (with a caption), images (with a text alternative) and attachment lists.",
                        verbose_name="body",
                    ),
                ),
                (
                    "attachments",
                    wagtail.fields.StreamField(
                        [("document", 0)],
                        blank=True,
                        block_lookup={0: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"})},
                        help_text="PDF, OFD, DOC/DOCX, XLS/XLSX or ZIP files.",
                        verbose_name="attachments",
                    ),
                ),
                (
                    "major_change",
                    models.BooleanField(
                        default=False,
                        help_text="Tick when this publication changes the substance; the note below then appears in the public change history.",
                        verbose_name="major change",
                    ),
                ),
                (
                    "change_note",
                    models.CharField(
                        blank=True,
                        help_text="For a major change: one sentence saying what changed, for example 调整了报名时间.",
                        max_length=500,
                        verbose_name="change note",
                    ),
                ),
                (
                    "full_text_source",
                    models.CharField(
                        blank=True,
                        help_text="Only when this page gives a summary or an excerpt: where the full text was published, for example 安康市教育局网站（2018年8月8日）. The page then says it is a summary.",
                        max_length=300,
                        verbose_name="full text published at",
                    ),
                ),
                (
                    "source_id",
                    models.CharField(
                        blank=True, db_index=True, editable=False, max_length=64, verbose_name="import id"
                    ),
                ),
                (
                    "form",
                    models.CharField(
                        choices=[
                            ("text", "Text interpretation"),
                            ("qa", "Questions and answers"),
                            ("graphic", "Graphic interpretation"),
                            ("video", "Video interpretation"),
                        ],
                        default="text",
                        help_text="Text, questions and answers, graphics (each with a text alternative) or video (with a transcript).",
                        max_length=16,
                        verbose_name="form",
                    ),
                ),
                (
                    "publish_with_document",
                    models.BooleanField(
                        default=True,
                        help_text="Publish this interpretation automatically when its policy document is published (三同步).",
                        verbose_name="publish with the document",
                    ),
                ),
                (
                    "questions",
                    wagtail.fields.StreamField(
                        [("qa", 2)],
                        blank=True,
                        block_lookup={
                            0: ("wagtail.blocks.CharBlock", (), {"label": "question", "max_length": 500}),
                            1: (
                                "core.richtext.RichTextBlock",
                                (),
                                {"features": ["bold", "link", "ol", "ul"], "label": "answer"},
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("question", 0), ("answer", 1)]], {}),
                        },
                        help_text="For a Q&A interpretation: each question with its answer.",
                        verbose_name="questions and answers",
                    ),
                ),
                (
                    "graphics",
                    wagtail.fields.StreamField(
                        [("graphic", 2)],
                        blank=True,
                        block_lookup={
                            0: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "graphic"}),
                            1: (
                                "wagtail.blocks.TextBlock",
                                (),
                                {
                                    "help_text": "Everything the graphic says, in words: people who cannot see it read this instead.",
                                    "label": "text alternative",
                                },
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("image", 0), ("text_alternative", 1)]], {}),
                        },
                        help_text="For a graphic interpretation: each graphic with everything it says in words.",
                        verbose_name="graphics",
                    ),
                ),
                (
                    "videos",
                    wagtail.fields.StreamField(
                        [("video", 4)],
                        blank=True,
                        block_lookup={
                            0: ("wagtail.blocks.CharBlock", (), {"label": "title", "max_length": 200}),
                            1: (
                                "wagtail.documents.blocks.DocumentChooserBlock",
                                (),
                                {"label": "video file", "required": False},
                            ),
                            2: ("wagtail.blocks.URLBlock", (), {"label": "or a link to the video", "required": False}),
                            3: (
                                "wagtail.blocks.TextBlock",
                                (),
                                {"help_text": "The full words of the video, required.", "label": "transcript"},
                            ),
                            4: (
                                "wagtail.blocks.StructBlock",
                                [[("title", 0), ("video", 1), ("url", 2), ("transcript", 3)]],
                                {},
                            ),
                        },
                        help_text="For a video interpretation: the video with its full transcript.",
                        verbose_name="videos",
                    ),
                ),
                (
                    "superseded_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Required when the document is amended or repealed: the document that replaces it.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="replacing document",
                    ),
                ),
                (
                    "issuing_office",
                    models.ForeignKey(
                        help_text="The office of the bureau that issues this information.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="disclosure.office",
                        verbose_name="issuing office",
                    ),
                ),
                (
                    "related_document",
                    models.ForeignKey(
                        blank=True,
                        help_text="For a stand-alone interpretation under a catalogue item: the document it interprets, if it is on this site.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="disclosure.policydocumentpage",
                        verbose_name="interpreted document",
                    ),
                ),
            ],
            options={
                "verbose_name": "policy interpretation",
                "verbose_name_plural": "policy interpretations",
            },
            bases=(core.publication.RuledPermissionsMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="SafetyNoticePage",
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
                    "index_number",
                    models.CharField(
                        blank=True, editable=False, max_length=64, null=True, unique=True, verbose_name="index number"
                    ),
                ),
                (
                    "document_number",
                    models.CharField(
                        blank=True,
                        help_text="Optional. Like 某教发〔2024〕12号; [ ] and （ ） are turned into 〔 〕.",
                        max_length=64,
                        validators=[disclosure.models.base.validate_document_number],
                        verbose_name="document number",
                    ),
                ),
                (
                    "issuer_name",
                    models.CharField(
                        blank=True,
                        help_text="Only if the issuer is not one of the bureau's offices, for example a document of the provincial department.",
                        max_length=200,
                        verbose_name="issuer as published",
                    ),
                ),
                (
                    "written_date",
                    models.DateField(
                        blank=True,
                        help_text="The date on the document (成文日期), YYYY-MM-DD.",
                        null=True,
                        verbose_name="date written",
                    ),
                ),
                (
                    "validity",
                    models.CharField(
                        choices=[
                            ("valid", "Valid"),
                            ("expired", "Expired"),
                            ("repealed", "Repealed"),
                            ("amended", "Amended"),
                        ],
                        default="valid",
                        help_text="Valid while in force. Choose amended or repealed when another document replaces it, and name that document.",
                        max_length=16,
                        verbose_name="validity",
                    ),
                ),
                (
                    "disclosure_attribute",
                    models.CharField(
                        choices=[
                            ("proactive", "Proactive disclosure"),
                            ("on_request", "Disclosure on request"),
                            ("withheld", "Not disclosed"),
                        ],
                        default="proactive",
                        help_text="Only proactive disclosures may be published on this site.",
                        max_length=16,
                        verbose_name="disclosure attribute",
                    ),
                ),
                (
                    "summary",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences shown in listings and search results.",
                        verbose_name="summary",
                    ),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [("heading", 2), ("paragraph", 3), ("table", 7), ("image", 12), ("attachments", 16)],
                        blank=True,
                        block_lookup={
                            0: ("wagtail.blocks.CharBlock", (), {"label": "heading", "max_length": 200}),
                            1: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {"choices": [("h2", "Section heading"), ("h3", "Sub-heading")], "label": "level"},
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                            3: (
                                "core.richtext.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "italic", "link", "document-link", "ol", "ul"],
                                    "icon": "pilcrow",
                                    "label": "paragraph",
                                },
                            ),
                            4: ("wagtail.blocks.CharBlock", (), {"label": "text"}),
                            5: ("wagtail.blocks.DecimalBlock", (), {"decimal_places": 2, "label": "number"}),
                            6: (
                                "core.richtext.RichTextBlock",
                                (),
                                {"features": ["bold", "link"], "label": "rich text"},
                            ),
                            7: (
                                "wagtail.contrib.typed_table_block.blocks.TypedTableBlock",
                                [[("text", 4), ("number", 5), ("rich_text", 6)]],
                                {},
                            ),
                            8: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "image"}),
                            9: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "What the image shows, for people who cannot see it. Required unless the image is decorative.",
                                    "label": "text alternative",
                                    "max_length": 500,
                                    "required": False,
                                },
                            ),
                            10: (
                                "wagtail.blocks.BooleanBlock",
                                (),
                                {
                                    "help_text": "Tick only if the image adds no information (it is then hidden from screen readers).",
                                    "label": "decorative",
                                    "required": False,
                                },
                            ),
                            11: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "caption", "max_length": 255, "required": False},
                            ),
                            12: (
                                "wagtail.blocks.StructBlock",
                                [[("image", 8), ("alt", 9), ("decorative", 10), ("caption", 11)]],
                                {},
                            ),
                            13: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "heading", "max_length": 200, "required": False},
                            ),
                            14: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"}),
                            15: ("wagtail.blocks.ListBlock", (14,), {"label": "documents", "min_num": 1}),
                            16: ("wagtail.blocks.StructBlock", [[("heading", 13), ("documents", 15)]], {}),
                        },
                        help_text="The full text: headings, paragraphs, tables (with a caption), images (with a text alternative) and attachment lists.",
                        verbose_name="body",
                    ),
                ),
                (
                    "attachments",
                    wagtail.fields.StreamField(
                        [("document", 0)],
                        blank=True,
                        block_lookup={0: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"})},
                        help_text="PDF, OFD, DOC/DOCX, XLS/XLSX or ZIP files.",
                        verbose_name="attachments",
                    ),
                ),
                (
                    "major_change",
                    models.BooleanField(
                        default=False,
                        help_text="Tick when this publication changes the substance; the note below then appears in the public change history.",
                        verbose_name="major change",
                    ),
                ),
                (
                    "change_note",
                    models.CharField(
                        blank=True,
                        help_text="For a major change: one sentence saying what changed, for example 调整了报名时间.",
                        max_length=500,
                        verbose_name="change note",
                    ),
                ),
                (
                    "full_text_source",
                    models.CharField(
                        blank=True,
                        help_text="Only when this page gives a summary or an excerpt: where the full text was published, for example 安康市教育局网站（2018年8月8日）. The page then says it is a summary.",
                        max_length=300,
                        verbose_name="full text published at",
                    ),
                ),
                (
                    "source_id",
                    models.CharField(
                        blank=True, db_index=True, editable=False, max_length=64, verbose_name="import id"
                    ),
                ),
                (
                    "alert_level",
                    models.CharField(
                        choices=[
                            ("blue", "Blue alert"),
                            ("yellow", "Yellow alert"),
                            ("orange", "Orange alert"),
                            ("red", "Red alert"),
                        ],
                        default="blue",
                        help_text="Blue, yellow, orange or red; the level is always shown in words as well as colour.",
                        max_length=16,
                        verbose_name="alert level",
                    ),
                ),
                (
                    "affected_areas",
                    models.CharField(
                        blank=True,
                        help_text="Towns, districts or “all schools in the county”, when not listed school by school.",
                        max_length=500,
                        verbose_name="affected areas",
                    ),
                ),
                (
                    "valid_from",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        help_text="When the notice takes effect, YYYY-MM-DD HH:MM.",
                        verbose_name="valid from",
                    ),
                ),
                (
                    "valid_until",
                    models.DateTimeField(
                        help_text="After this moment the notice is marked as expired and leaves the home page.",
                        verbose_name="valid until",
                    ),
                ),
                (
                    "measures",
                    wagtail.fields.RichTextField(
                        help_text="What schools and families must do.",
                        validators=[core.richtext.validate_visible_text],
                        verbose_name="measures",
                    ),
                ),
                (
                    "contacts",
                    models.TextField(
                        blank=True,
                        help_text="Who to call, with telephone numbers, one per line.",
                        verbose_name="contacts",
                    ),
                ),
                (
                    "issuing_office",
                    models.ForeignKey(
                        help_text="The office of the bureau that issues this information.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="disclosure.office",
                        verbose_name="issuing office",
                    ),
                ),
                (
                    "superseded_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Required when the document is amended or repealed: the document that replaces it.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="replacing document",
                    ),
                ),
                (
                    "affected_schools",
                    modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        help_text="The schools concerned, if the notice is not for all schools.",
                        related_name="+",
                        to="disclosure.school",
                        verbose_name="affected schools",
                    ),
                ),
            ],
            options={
                "verbose_name": "safety notice",
                "verbose_name_plural": "safety notices",
            },
            bases=(core.publication.RuledPermissionsMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="ZoneRule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "rule",
                    models.CharField(
                        choices=[
                            ("include", "Included"),
                            ("exclude", "Excluded"),
                            ("boundary", "Boundary"),
                            ("description", "Description"),
                        ],
                        default="include",
                        help_text="Include, exclude (overrides includes), boundary (an address on it may belong to either side) or description.",
                        max_length=16,
                        verbose_name="rule",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("street", "Whole street"),
                            ("house_numbers", "House numbers on a street"),
                            ("segment", "Street segment between two cross streets"),
                            ("compound", "Residential compound"),
                            ("community", "Community"),
                            ("village", "Village"),
                            ("area", "Area described in words"),
                        ],
                        default="street",
                        help_text="What the name is: a whole street, house numbers on a street, a street segment, a compound, a community, a village, or an area in words.",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="As published: the street (雁城路), compound (阳光花园小区), community (犀牛社区) or village (红旗村); for an area, its description in words.",
                        max_length=500,
                        verbose_name="name",
                    ),
                ),
                (
                    "start",
                    models.CharField(
                        blank=True,
                        help_text="House numbers: the first number. Street segment: the cross street where it starts.",
                        max_length=100,
                        verbose_name="from",
                    ),
                ),
                (
                    "end",
                    models.CharField(
                        blank=True,
                        help_text="House numbers: the last number. Street segment: the cross street where it ends.",
                        max_length=100,
                        verbose_name="to",
                    ),
                ),
                (
                    "parity",
                    models.CharField(
                        choices=[("all", "All numbers"), ("odd", "Odd numbers"), ("even", "Even numbers")],
                        default="all",
                        help_text="House numbers only: odd numbers (单号), even numbers (双号) or all.",
                        max_length=8,
                        verbose_name="odd or even",
                    ),
                ),
                (
                    "side",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("east", "East side"),
                            ("west", "West side"),
                            ("south", "South side"),
                            ("north", "North side"),
                            ("both", "Both sides"),
                        ],
                        help_text="Whole streets and segments only, when the announcement names a side (东侧, 两侧 …).",
                        max_length=8,
                        verbose_name="side of the street",
                    ),
                ),
                (
                    "aliases",
                    models.CharField(
                        blank=True,
                        help_text="Other names people use, separated by 、 — for example 阳光小区、阳光花园一期.",
                        max_length=500,
                        verbose_name="other names",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Shown after the rule, for example 含南侧临街面.",
                        max_length=500,
                        verbose_name="note",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="rules",
                        to="disclosure.enrolmentzonepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "zone rule",
                "verbose_name_plural": "zone rules",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
    ]
