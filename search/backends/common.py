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
    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return super().search(
            analysed_query(query, operator),
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
        )

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return super().autocomplete(
            analysed_autocomplete_query(query, operator),
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
        )
