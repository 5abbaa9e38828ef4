"""moderation.PageCreation: which page each add form created (see
moderation.views.ReviewedCreateView)."""

from django.conf import settings
from django.db import migrations, models
from django.db.models.deletion import CASCADE

FIELDS = [
    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
    ("token", models.CharField(max_length=64, unique=True)),
    ("created_at", models.DateTimeField(auto_now_add=True)),
    ("page", models.ForeignKey(on_delete=CASCADE, related_name="+", to=settings.WAGTAIL_PAGE_MODEL)),
    ("user", models.ForeignKey(on_delete=CASCADE, related_name="+", to=settings.AUTH_USER_MODEL)),
]


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_squashed_0002_review_records")] + [
        migrations.swappable_dependency(model) for model in (settings.AUTH_USER_MODEL, settings.WAGTAIL_PAGE_MODEL)
    ]

    operations = [
        migrations.CreateModel(
            name="PageCreation",
            fields=FIELDS,
            options={"verbose_name": "page creation", "verbose_name_plural": "page creations"},
        ),
    ]
