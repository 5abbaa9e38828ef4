from django.apps import AppConfig
from django.urls import register_converter

from .params import YearConverter


class CoreConfig(AppConfig):
    """What every app shares: validators, vocabularies, the working-day
    calendar, the one error type carrying a list of problems, the content
    generation that caches of public output are keyed by. Imports nothing
    from the project's other apps."""

    name = "core"
    verbose_name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import generation, security  # local: imports models (AppConfig.ready)
        from .exports import protect_admin_exports  # local: imports models (AppConfig.ready)

        security.connect()
        generation.connect()
        protect_admin_exports()
        register_converter(YearConverter, "year")
