"""Wagtail's database search backends (SQLite FTS5, PostgreSQL full-text
search) with the Chinese analysis, chosen by the database vendor like
`modelsearch.backends.database`.

On SQLite the ranking is replaced: Wagtail combines FTS5's bm25() of each
part of a query as if it were positive (it is negative: lower is better),
which inverts the order of queries with an even number of words, and it
weighs the title like the body. Here a document's rank is bm25() over
the whole match with the title column weighing `SQLITE_TITLE_WEIGHT`
times the body."""
import functools
from collections import Counter

from django.db import connection

from .common import ChineseQueriesMixin

SQLITE_TITLE_WEIGHT = 8.0


class DatabaseFacetsMixin:
    """Counts of several filter fields over the whole result set, from one
    query (Wagtail's `facet()` runs one query per field). Call it on
    unsliced results: the counts cover every match."""

    def facets(self, field_names):
        matches = self.get_queryset()
        counters = {name: Counter() for name in field_names}
        for row in matches.order_by().values_list(*field_names).iterator(chunk_size=5000):
            for name, value in zip(field_names, row):
                counters[name][value] += 1
        return counters


@functools.cache
def sqlite_backend_class():
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import BM25

    class WeightedBM25(BM25):
        def as_sql(self, compiler, connection, function=None, template=None):
            table = sqlite.SQLiteFTSIndexEntry._meta.db_table
            # Columns of the FTS table: autocomplete, body, title.
            return f"bm25({table}, 0.0, 1.0, {SQLITE_TITLE_WEIGHT})", []

    class SearchQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
        def _build_rank_expression(self, vectors, config):
            return WeightedBM25()

    class SearchResults(DatabaseFacetsMixin, sqlite.SQLiteSearchResults):
        pass

    class SQLiteSearchBackend(ChineseQueriesMixin, sqlite.SQLiteSearchBackend):
        query_compiler_class = SearchQueryCompiler
        results_class = SearchResults

    return SQLiteSearchBackend


@functools.cache
def postgres_backend_class():
    from modelsearch.backends.database.postgres import postgres

    class SearchResults(DatabaseFacetsMixin, postgres.PostgresSearchResults):
        pass

    class PostgresSearchBackend(ChineseQueriesMixin, postgres.PostgresSearchBackend):
        results_class = SearchResults

    return PostgresSearchBackend


def SearchBackend(params):
    """The database backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        return postgres_backend_class()(params)
    if connection.vendor == "sqlite":
        return sqlite_backend_class()(params)
    raise NotImplementedError(f"No search backend for {connection.vendor}: use SQLite or PostgreSQL.")
