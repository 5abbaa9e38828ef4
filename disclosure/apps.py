from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("Disclosure catalogue")

    def ready(self):
        from core import generation  # local: imports models (AppConfig.ready)

        # local: these import models (AppConfig.ready); completeness registers its publication rule
        from . import completeness, listings, signals  # noqa: F401

        signals.connect()
        generation.register_schedule(listings.safety_notice_moments)
