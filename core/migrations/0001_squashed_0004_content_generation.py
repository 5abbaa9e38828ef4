"""The core app's tables, squashed from 0001_working_day_calendar …
0004_content_generation (databases that applied those are left as they
are; see docs/layout.md), with the one row of the content generation."""

import time
import uuid

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def create_row(apps, schema_editor):
    ContentGeneration = apps.get_model("core", "ContentGeneration")
    ContentGeneration.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"number": 1, "modified": int(time.time())}
    )


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("core", "0001_working_day_calendar"),
        ("core", "0002_background_jobs"),
        ("core", "0003_bureau_settings_from_home"),
        ("core", "0004_content_generation"),
    ]

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CalendarDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "date",
                    models.DateField(help_text="The day, for example 2027-02-06.", unique=True, verbose_name="date"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("holiday", "Holiday (no work)"), ("workday", "Make-up working day (调休上班)")],
                        help_text="A holiday on a weekday, or a weekend day that is a working day.",
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "name",
                    models.CharField(help_text="For example 春节 or 春节调休.", max_length=50, verbose_name="name"),
                ),
            ],
            options={
                "verbose_name": "calendar day",
                "verbose_name_plural": "calendar days",
                "ordering": ["date"],
            },
        ),
        migrations.CreateModel(
            name="CalendarYear",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        help_text="Enter a year here only once every holiday and make-up working day of its announced schedule is entered below: the deadlines of this year are then computed from these days instead of being flagged as provisional.",
                        unique=True,
                        verbose_name="year",
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        help_text="The notice the days come from, for example 国务院办公厅关于2027年部分节假日安排的通知.",
                        max_length=200,
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "calendar year entered by hand",
                "verbose_name_plural": "calendar years entered by hand",
                "ordering": ["-year"],
            },
        ),
        migrations.CreateModel(
            name="ContentGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(default=1)),
                ("token", models.CharField(default="initial", max_length=16)),
                ("modified", models.BigIntegerField(default=0)),
                ("next_change", models.BigIntegerField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "content generation",
            },
        ),
        migrations.CreateModel(
            name="BureauSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "bureau_name",
                    models.CharField(
                        help_text="The full name shown at the top of every page, for example 衡阳市雁峰区教育局.",
                        max_length=100,
                        verbose_name="bureau name",
                    ),
                ),
                (
                    "organisation_code",
                    models.CharField(
                        help_text="Used as the prefix of every index number (索引号), for example 00618806-3.",
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9A-Z]{8}-?[0-9A-Z]$|^[0-9A-Z]{18}$",
                                "Enter the 9-character organisation code (for example 00618806-3) or the 18-character unified social credit code, in capitals.",
                            )
                        ],
                        verbose_name="organisation code",
                    ),
                ),
                (
                    "contact_phone",
                    models.CharField(
                        help_text="The disclosure office's number, for example 0734-8888888.",
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9０-９()（）\\-— ,，、转]{5,40}$",
                                "Enter a telephone number such as 0734-8888888 or 12345.",
                            )
                        ],
                        verbose_name="contact telephone",
                    ),
                ),
                (
                    "contact_address",
                    models.CharField(
                        help_text="Address and postcode for written requests.",
                        max_length=200,
                        verbose_name="postal address",
                    ),
                ),
                (
                    "office_hours",
                    models.CharField(
                        blank=True,
                        help_text="For example 工作日 8:30–12:00，14:30–17:30.",
                        max_length=100,
                        verbose_name="office hours",
                    ),
                ),
                (
                    "contact_email",
                    models.EmailField(
                        blank=True,
                        help_text="Optional: an address for written requests, for example gk@example.gov.cn.",
                        max_length=254,
                        verbose_name="contact e-mail",
                    ),
                ),
                (
                    "complaint_channel",
                    models.TextField(
                        help_text="Where the public can report problems with disclosure (监督举报), for example the supervising office and its number.",
                        verbose_name="complaint channel",
                    ),
                ),
                (
                    "complaint_phone",
                    models.CharField(
                        blank=True,
                        help_text="Optional: the number for complaints, for example 12345.",
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9０-９()（）\\-— ,，、转]{5,40}$",
                                "Enter a telephone number such as 0734-8888888 or 12345.",
                            )
                        ],
                        verbose_name="complaint telephone",
                    ),
                ),
                (
                    "icp_number",
                    models.CharField(
                        blank=True,
                        help_text="Shown in the footer, for example 湘ICP备12345678号.",
                        max_length=100,
                        verbose_name="ICP licence number",
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site"
                    ),
                ),
            ],
            options={
                "verbose_name": "bureau settings",
                "verbose_name_plural": "bureau settings",
            },
        ),
        migrations.CreateModel(
            name="Job",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("kind", models.CharField(db_index=True, max_length=100, verbose_name="kind")),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Waiting for the background worker"),
                            ("running", "Running"),
                            ("succeeded", "Finished"),
                            ("failed", "Failed: nothing was changed"),
                        ],
                        db_index=True,
                        default="queued",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("params", models.JSONField(blank=True, default=dict, verbose_name="parameters")),
                ("payload", models.BinaryField(blank=True, null=True, verbose_name="input file")),
                ("step", models.CharField(blank=True, max_length=300, verbose_name="step")),
                ("done", models.PositiveIntegerField(default=0, verbose_name="done")),
                ("total", models.PositiveIntegerField(default=0, verbose_name="total")),
                ("report", models.JSONField(blank=True, default=dict, verbose_name="report")),
                ("error", models.TextField(blank=True, verbose_name="error")),
                ("task_id", models.CharField(blank=True, max_length=64, verbose_name="task")),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="created")),
                ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="started")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="finished")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last news")),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="started by",
                    ),
                ),
            ],
            options={
                "verbose_name": "background job",
                "verbose_name_plural": "background jobs",
                "ordering": ["-created_at"],
            },
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
