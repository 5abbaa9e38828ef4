"""A statistic (the search query log) is written without waiting for a
lock: while a long import holds SQLite's write lock, or another
transaction holds the table on PostgreSQL, a search still answers at
once and only its statistic is skipped (found by scripts/soak: searches
queued behind the import for SQLite's 20 s busy timeout)."""
import logging
import sqlite3

import pytest
from django.db import OperationalError, connection, connections

from core.db import write_without_waiting


@pytest.fixture
def sqlite_file(tmp_path):
    """A file database configured as the site's SQLite (write lock at BEGIN, 20 s busy timeout)."""
    alias = "lock_probe"
    path = str(tmp_path / "probe.sqlite3")
    config = {"ENGINE": "django.db.backends.sqlite3", "NAME": path,
              "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20}}
    connections.settings[alias] = connections.configure_settings({"default": config, alias: config})[alias]
    try:
        yield alias, path
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def test_on_sqlite_the_write_gives_up_at_once_while_another_process_holds_the_lock(sqlite_file, django_db_blocker):
    alias, path = sqlite_file
    with django_db_blocker.unblock():  # a database of its own, outside the suite's
        _write_while_locked(alias, path)


def _write_while_locked(alias, path):
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE hits (n INTEGER)")
    holder.execute("BEGIN IMMEDIATE")  # as a long import does
    probe = connections[alias]
    probe.ensure_connection()
    statements = []
    probe.connection.set_trace_callback(statements.append)
    try:
        with pytest.raises(OperationalError, match="locked"):
            with write_without_waiting(using=alias):
                with probe.cursor() as cursor:
                    cursor.execute("INSERT INTO hits VALUES (1)")
    finally:
        holder.rollback()
        holder.close()
    begin = next(index for index, sql in enumerate(statements) if sql.startswith("BEGIN"))
    assert "PRAGMA busy_timeout = 100" in statements[:begin], statements
    # The connection's own timeout is back for the writes that must wait.
    with probe.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
    with write_without_waiting(using=alias):
        with probe.cursor() as cursor:
            cursor.execute("INSERT INTO hits VALUES (2)")


@pytest.mark.django_db
def test_a_search_answers_while_its_query_log_is_locked(client, caplog):
    if connection.vendor != "postgresql":
        # The suite's SQLite database lives in memory (shared cache: table locks fail at once, never wait);
        # the site's file database is proven above. The search itself must still answer and log.
        response = client.get("/search/", {"q": "招生"})
        assert response.status_code == 200
        return
    from search.models import QueryLogEntry

    before = QueryLogEntry.objects.filter(query="招生").values_list("searches", flat=True).first() or 0
    holder = connections.create_connection("default")
    holder.ensure_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '15s'")  # a safety net: the bug would wait for ever
        holder.connection.autocommit = False
        with holder.cursor() as cursor:
            cursor.execute(f'LOCK TABLE "{QueryLogEntry._meta.db_table}" IN EXCLUSIVE MODE')  # reads allowed, writes wait
        with caplog.at_level(logging.WARNING, logger="search.service"):
            response = client.get("/search/", {"q": "招生"})
    finally:
        holder.connection.rollback()
        holder.close()
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
    assert response.status_code == 200
    messages = [record.getMessage() for record in caplog.records]
    assert any("Search query not logged" in message and "lock timeout" in message for message in messages), messages
    assert (QueryLogEntry.objects.filter(query="招生").values_list("searches", flat=True).first() or 0) == before
