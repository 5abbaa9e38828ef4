from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatchmentConfig(AppConfig):
    name = "catchment"
    verbose_name = _("Catchment finder")

    def ready(self):
        from disclosure import item_tools

        from .importer import ITEM_KEY

        item_tools.register(ITEM_KEY, "catchment:finder", _("Find the school for your address"))
