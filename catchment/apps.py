from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatchmentConfig(AppConfig):
    name = "catchment"
    verbose_name = _("Catchment finder")
