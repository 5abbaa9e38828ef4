from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from disclosure import item_tools


class CatchmentConfig(AppConfig):
    name = "catchment"
    verbose_name = _("Catchment finder")

    def ready(self):
        from .importer import ITEM_KEY  # local: imports models (AppConfig.ready)

        item_tools.register(ITEM_KEY, "catchment:finder", _("Find the school for your address"))
