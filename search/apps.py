from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import documents
        from .index_fields import analyse_all_indexed_models

        analyse_all_indexed_models()
        documents.connect()
