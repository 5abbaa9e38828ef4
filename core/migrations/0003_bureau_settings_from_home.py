"""BureauSettings moves from home to core (every app reads the bureau's
name and organisation code; core is the layer they all may import). The
table and its rows stay: the model is created here in Django's state only,
its table renamed, and its content type (and so its permissions) moved."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, old="home", new="core"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.filter(model="bureausettings")
    if types.filter(app_label=old).exists():
        # One created for the new place meanwhile (by post_migrate) holds nothing yet.
        types.filter(app_label=new).delete()
        types.filter(app_label=old).update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="core", new="home")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_background_jobs"),
        ("home", "0003_guide_in_english"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BureauSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
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
                        "db_table": "home_bureausettings",
                        "verbose_name_plural": "bureau settings",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="bureausettings", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
