"""What every backend of the site adds to Wagtail's: queries given as
strings go through the Chinese analysis."""

from modelsearch.query import PlainText

from ..analysis import analyse_query


def analysed_query(query, operator=None):
    """A string query as the backends should see it; anything else (an
    already built query object) unchanged. An empty string means nothing
    to search for."""
    if not isinstance(query, str):
        return query
    analysed_query = analyse_query(query)
    if not analysed_query:
        return ""
    return analysed_query.as_query(relaxed=(operator or "").lower() == "or")


def analysed_autocomplete_query(query, operator=None):
    if not isinstance(query, str):
        return query
    analysed_query = analyse_query(query)
    if not analysed_query:
        return ""
    return PlainText(" ".join(analysed_query.words), operator=operator or "and")


class ChineseQueriesMixin:
    """Analyses a query given as a string before the backend sees it: as
    words for search(), as prefixes for autocomplete(). Both entry points
    of modelsearch's backends call `_search`, each with its own query
    compiler, which tells them apart here."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        autocomplete = query_compiler_class is self.autocomplete_query_compiler_class
        analyse = analysed_autocomplete_query if autocomplete else analysed_query
        return super()._search(
            query_compiler_class, analyse(query, kwargs.get("operator")), model_or_queryset, **kwargs
        )
