from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """Public pages from a cache, never stale: the application's page cache
    (caching.middleware), the Varnish in front of it told of every change
    (caching.frontend), the benchmark commands."""

    name = "caching"
    verbose_name = _("Caching")

    def ready(self):
        from core import generation  # local: imports models (AppConfig.ready)

        from . import frontend  # local: imports models (AppConfig.ready)

        generation.on_change(frontend.purge_after_change)
