"""BureauSettings moved to core (see core 0003): removed from home's state
only; its table is core's now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_guide_in_english"),
        ("core", "0003_bureau_settings_from_home"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="BureauSettings")],
            database_operations=[],
        ),
    ]
