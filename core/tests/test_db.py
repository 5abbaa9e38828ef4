"""A statistic (the search query log) is written without waiting for a
lock: while a long import holds SQLite's write lock, or another
transaction holds the table on PostgreSQL, a search still answers at
once and only its statistic is skipped (found by scripts/soak: searches
queued behind the import for SQLite's 20 s busy timeout)."""

import sqlite3

import pytest
from django.db import OperationalError, connections

from core.db import write_without_waiting


@pytest.fixture
def sqlite_file(tmp_path):
    """A file database configured as the site's SQLite (write lock at BEGIN, 20 s busy timeout)."""
    alias = "lock_probe"
    path = str(tmp_path / "probe.sqlite3")
    config = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
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
        with pytest.raises(OperationalError, match="locked"), write_without_waiting(using=alias):
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
    with write_without_waiting(using=alias), probe.cursor() as cursor:
        cursor.execute("INSERT INTO hits VALUES (2)")
