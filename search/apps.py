from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .index_fields import analyse_all_indexed_models


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core import generation, hits  # local: imports models (AppConfig.ready)

        from . import documents, service  # local: imports models (AppConfig.ready)

        analyse_all_indexed_models()
        documents.connect()
        hits.register("search.log", service.log_search)
        # A search document's validity ending (a safety notice becoming 失效)
        # changes search results then: a scheduled change of the generation.
        generation.register_schedule(documents.lapse_moments)
