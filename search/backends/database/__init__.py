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

from django.core.exceptions import ImproperlyConfigured
from django.db import connection


def SearchBackend(params):
    """The database backend for the default database's vendor. Each is
    imported only for its vendor, as in `modelsearch.backends.database`:
    importing the other's modules needs that database's driver."""
    if connection.vendor == "postgresql":
        from .postgres import PostgresSearchBackend  # local: needs psycopg, imported only on PostgreSQL

        return PostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteSearchBackend  # local: each backend only for its vendor, as modelsearch does

        return SQLiteSearchBackend(params)
    raise ImproperlyConfigured(f"No search backend for {connection.vendor}: use SQLite or PostgreSQL.")
