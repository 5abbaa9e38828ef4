"""Wagtail's SQLite FTS5 backend with the Chinese analysis, ranked by
one bm25() of the whole query (the title weighing TITLE_WEIGHT), and
query plans that scale (see `SearchQueryCompiler.search`)."""

from django.db.models import F, IntegerField, TextField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import (
    BM25,
    LexemeCombinable,
    MatchExpression,
    SearchQueryExpression,
    SearchQueryField,
    normalize,
)
from modelsearch.query import MatchAll, Not, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from ..common import ChineseQueriesMixin
from .facets import TITLE_WEIGHT, DatabaseFacetsMixin


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        table = sqlite.SQLiteFTSIndexEntry._meta.db_table
        # Columns of the FTS table: autocomplete, body, title.
        return f"bm25({table}, 0.0, 1.0, {TITLE_WEIGHT})", []


class GroupedLexemes(LexemeCombinable):
    """Lexemes in parentheses: FTS5's AND binds tighter than OR, and
    Wagtail writes `a OR b AND c` for And([PlainText("a b", or), c])."""

    def __init__(self, inner):
        super().__init__(output_field=SearchQueryField())
        self.inner = inner

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.inner)
        return "%s", ["(" + (sql % tuple(params)) + ")"]


class SearchQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()

    def build_search_query_content(self, query, config=None):
        built = super().build_search_query_content(query, config=config)
        if isinstance(query, PlainText) and isinstance(built.value, LexemeCombinable):
            return SearchQueryExpression(GroupedLexemes(built.value))
        return built

    def search(self, config, start, stop, score_field=None):
        """Wagtail's SQLite search, with two plans that scale: the FTS
        index drives every query (Wagtail lets the content-type index
        drive, probing the FTS table once per indexed object), and a page
        by relevance is ranked in the FTS query itself (Wagtail scores
        each match in a correlated subquery)."""
        query = normalize(self.query)
        if isinstance(query, MatchAll) or (isinstance(query, Not) and isinstance(query.subquery, MatchAll)):
            return super().search(config, start, stop, score_field)
        negated = isinstance(query, Not)
        if negated:
            query = query.subquery
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config))
        content_types = get_descendants_content_types_pks(self.queryset.model)
        matches = (
            sqlite.SQLiteFTSIndexEntry.objects.filter(match)
            # "+ 0": no index on the content type, so that the FTS index drives.
            .annotate(_content_type=F("index_entry__content_type_id") + 0)
            .filter(_content_type__in=content_types)
        )
        if negated:
            return self.queryset.exclude(pk__in=matches.values("index_entry__object_id"))[start:stop]
        if self.order_by_relevance and stop is not None and score_field is None:
            return self._ranked(matches, start, stop)
        if score_field is not None or self.order_by_relevance:
            return super().search(config, start, stop, score_field)
        queryset = self.queryset.filter(pk__in=matches.values("index_entry__object_id"))
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]

    def count(self, config):
        """The number of matches, by the plan that scales."""
        relevance, self.order_by_relevance = self.order_by_relevance, False
        try:
            return self.search(config, None, None).count()
        finally:
            self.order_by_relevance = relevance

    def _ranked(self, matches, start, stop):
        own_pks = self.queryset.order_by().annotate(_pk_text=Cast("pk", TextField())).values("_pk_text")
        ids = list(
            matches.filter(index_entry__object_id__in=own_pks)
            .annotate(score=WeightedBM25(), object_pk=Cast("index_entry__object_id", IntegerField()))
            .order_by("score", "-object_pk")
            .values_list("index_entry__object_id", flat=True)[start:stop]
        )
        ids = [self.queryset.model._meta.pk.to_python(pk) for pk in ids]
        objects = self.queryset.in_bulk(ids)
        return [objects[pk] for pk in ids if pk in objects]


class SearchResults(DatabaseFacetsMixin, sqlite.SQLiteSearchResults):
    def _do_count(self):
        if self.start or self.stop is not None:
            return len(self.get_queryset())
        if not isinstance(self.query_compiler, SearchQueryCompiler):
            # Autocomplete (every admin search box): Wagtail's own count.
            return super()._do_count()
        return self.query_compiler.count(self.query_compiler.get_config(self.backend))


class SQLiteSearchBackend(ChineseQueriesMixin, sqlite.SQLiteSearchBackend):
    query_compiler_class = SearchQueryCompiler
    results_class = SearchResults
