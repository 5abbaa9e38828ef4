"""Wagtail's PostgreSQL full-text backend with the Chinese analysis,
ranked by ts_rank() normalised by document length for the best
RESCORE_WINDOW matches by a cheap order."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, Q, Value, When
from modelsearch.backends.database.postgres import postgres

from ..common import ChineseQueriesMixin
from .facets import RESCORE_WINDOW, TITLE_WEIGHT, DatabaseFacetsMixin


class SearchQueryCompiler(postgres.PostgresSearchQueryCompiler):
    whole_title = None

    def build_tsquery_content(self, query, config=None, invert=False):
        """Wagtail drops the negation of a phrase (Not(Phrase) matched the phrase)."""
        if isinstance(query, postgres.Phrase):
            phrase = SearchQuery(query.query_string, search_type="phrase", config=config)
            return ~phrase if invert else phrase
        return super().build_tsquery_content(query, config=config, invert=invert)

    def search(self, config, start, stop, score_field=None, backend=None):
        """A model whose body vector holds its title words as well
        (`search_body_includes_title`) is matched on the body vector
        alone, through its GIN index; Wagtail matches `title || body`,
        which PostgreSQL computes row by row."""
        if not getattr(self.queryset.model, "search_body_includes_title", False) or self.fields is not None:
            return super().search(config, start, stop, score_field, backend)
        if isinstance(self.query, (postgres.MatchAll, postgres.Fuzzy)) or (
            isinstance(self.query, postgres.Not) and isinstance(self.query.subquery, postgres.MatchAll)
        ):
            return super().search(config, start, stop, score_field, backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        rank_expression = self._build_rank_expression(vectors, config)
        queryset = self.queryset.filter(index_entries__body=search_query)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    def _build_rank_expression(self, vectors, config):
        if self.fields is not None or len(vectors) != 2:
            return super()._build_rank_expression(vectors, config)
        query = self.build_tsquery(self.query, config=config)
        (title, _title_norm), (body, _boost) = vectors
        # normalization 1: divide by 1 + log(number of words).
        title_rank = SearchRank(title, query, weights=self.sql_weights, normalization=1)
        body_rank = SearchRank(body, query, weights=self.sql_weights, normalization=1)
        # A title that holds the whole query ranks first, as on Elasticsearch
        # (where the title field must match every word to score).
        self.whole_title = Case(When(Q(**{title.name: query}), then=Value(1.0)), default=Value(0.0))
        return title_rank * TITLE_WEIGHT + body_rank + self.whole_title

    def _apply_ordering_and_scoring(self, queryset, rank_expression, start, stop, score_field=None):
        """Rescoring: ts_rank() is costly on many long documents, so only
        the first RESCORE_WINDOW matches in a cheap order (the title holds
        the whole query first, then the newest) are ranked by relevance;
        results beyond the window keep the cheap order. With fewer
        matches than the window the ranking is exact."""
        if not (self.order_by_relevance and self.whole_title is not None and score_field is None and stop):
            return super()._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)
        start = start or 0
        cheap = queryset.order_by(self.whole_title.desc(), "-pk")
        results = []
        if start < RESCORE_WINDOW:
            window = cheap.values("pk")[:RESCORE_WINDOW]
            ranked = queryset.filter(pk__in=window).order_by(rank_expression.desc(), "-pk")
            results += list(ranked[start : min(stop, RESCORE_WINDOW)])
        if stop > RESCORE_WINDOW:
            results += list(cheap[max(start, RESCORE_WINDOW) : stop])
        return results


class SearchResults(DatabaseFacetsMixin, postgres.PostgresSearchResults):
    def _do_count(self):
        results = self.get_queryset()  # a list when rescored
        return len(results) if isinstance(results, list) else results.count()


class PostgresSearchBackend(ChineseQueriesMixin, postgres.PostgresSearchBackend):
    query_compiler_class = SearchQueryCompiler
    results_class = SearchResults
