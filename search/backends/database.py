"""Wagtail's database search backends (SQLite FTS5, PostgreSQL full-text
search) with the Chinese analysis, chosen by the database vendor like
`modelsearch.backends.database`.

The ranking is replaced on both. Wagtail ranks each part of a query on
its own and multiplies the ranks; on SQLite it treats FTS5's bm25() as
positive (it is negative: lower is better), which inverts the order of
queries with an even number of words. Here a document's rank is one
relevance of the whole query, the title (with the document number)
weighing `TITLE_WEIGHT` times the rest: bm25() on SQLite, ts_rank()
normalised by document length on PostgreSQL (for the best
`RESCORE_WINDOW` matches by a cheap order, see below)."""
import functools
from collections import Counter

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections

from .common import ChineseQueriesMixin

TITLE_WEIGHT = 8.0
RESCORE_WINDOW = 500


class DatabaseFacetsMixin:
    """Counts of several filter fields over the whole result set, from one
    query (Wagtail's `facet()` runs one query per field). Call it on
    unsliced results: the counts cover every match."""

    def facets(self, field_names):
        matches = self.get_queryset().order_by().values(*field_names)
        counters = {name: Counter() for name in field_names}
        if matches.db and connections[matches.db].vendor == "postgresql":
            self._count_in_postgres(matches, field_names, counters)
        else:
            for row in matches.values_list(*field_names).iterator(chunk_size=5000):
                for name, value in zip(field_names, row):
                    counters[name][value] += 1
        return counters

    @staticmethod
    def _count_in_postgres(matches, field_names, counters):
        """One pass, counted by PostgreSQL: GROUP BY GROUPING SETS ((a), (b), …)."""
        sql, params = matches.query.sql_with_params()
        columns = ", ".join(f'"{name}"' for name in field_names)
        flags = ", ".join(f'GROUPING("{name}")' for name in field_names)
        sets = ", ".join(f'("{name}")' for name in field_names)
        query = f"SELECT {columns}, {flags}, COUNT(*) FROM ({sql}) AS matches GROUP BY GROUPING SETS ({sets})"
        width = len(field_names)
        with connections[matches.db].cursor() as cursor:
            cursor.execute(query, params)
            for row in cursor.fetchall():
                values, grouped, count = row[:width], row[width : 2 * width], row[-1]
                name_index = grouped.index(0)  # the one column this row is grouped by
                counters[field_names[name_index]][values[name_index]] += count


@functools.cache
def sqlite_backend_class():
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
                # Autocomplete (the admin's page search): Wagtail's own count.
                return super()._do_count()
            return self.query_compiler.count(self.query_compiler.get_config(self.backend))

    class SQLiteSearchBackend(ChineseQueriesMixin, sqlite.SQLiteSearchBackend):
        query_compiler_class = SearchQueryCompiler
        results_class = SearchResults

    return SQLiteSearchBackend


@functools.cache
def postgres_backend_class():
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from django.db.models import Case, Q, Value, When
    from modelsearch.backends.database.postgres import postgres

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

    return PostgresSearchBackend


def SearchBackend(params):
    """The database backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        return postgres_backend_class()(params)
    if connection.vendor == "sqlite":
        return sqlite_backend_class()(params)
    raise ImproperlyConfigured(f"No search backend for {connection.vendor}: use SQLite or PostgreSQL.")
