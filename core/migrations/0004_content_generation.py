import time

from django.db import migrations, models


def create_row(apps, schema_editor):
    ContentGeneration = apps.get_model("core", "ContentGeneration")
    ContentGeneration.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"number": 1, "modified": int(time.time())}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_bureau_settings_from_home"),
    ]

    operations = [
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
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
