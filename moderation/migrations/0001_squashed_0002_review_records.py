"""The moderation app's tables, squashed from 0001_review_tasks … 0002_review_records
(databases that applied those are left as they are; see docs/layout.md)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("moderation", "0001_review_tasks"),
        ("moderation", "0002_review_records"),
    ]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        help_text="Pages/snippets at this step in a workflow will be moderated or approved by these groups of users",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
            ],
            options={
                "verbose_name": "review step",
                "verbose_name_plural": "review steps",
            },
            bases=("wagtailcore.task",),
        ),
        migrations.CreateModel(
            name="ScreeningResult",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=200, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("pending", "pending"), ("done", "done")], default="pending", max_length=16
                    ),
                ),
                ("findings", models.JSONField(blank=True, default=list)),
                ("problems", models.JSONField(blank=True, default=list)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "screening result",
                "verbose_name_plural": "screening results",
            },
        ),
        migrations.CreateModel(
            name="ApprovedRevision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("approved_at", models.DateTimeField(auto_now_add=True)),
                ("files", models.JSONField(blank=True, default=dict)),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.WAGTAIL_PAGE_MODEL
                    ),
                ),
                (
                    "revision",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.revision"
                    ),
                ),
                (
                    "workflow_state",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.workflowstate",
                    ),
                ),
            ],
            options={
                "verbose_name": "approved revision",
                "verbose_name_plural": "approved revisions",
            },
        ),
        migrations.CreateModel(
            name="ConfidentialityReviewTask",
            fields=[
                (
                    "reviewtask_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="moderation.reviewtask",
                    ),
                ),
            ],
            options={
                "verbose_name": "confidentiality review step",
                "verbose_name_plural": "confidentiality review steps",
            },
            bases=("moderation.reviewtask",),
        ),
        migrations.CreateModel(
            name="StepApproval",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("fingerprint", models.CharField(max_length=64)),
                ("justification", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "task_state",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.taskstate"
                    ),
                ),
            ],
            options={
                "verbose_name": "step approval",
                "verbose_name_plural": "step approvals",
            },
        ),
    ]
