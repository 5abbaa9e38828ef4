"""Database helpers every app shares."""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction


@contextmanager
def write_without_waiting(milliseconds=100, using=DEFAULT_DB_ALIAS):
    """A transaction for a write that may be skipped (a statistic) rather
    than wait for a lock: at most `milliseconds`, then the database raises
    (OperationalError). On SQLite, where one writer holds the whole file (a
    long import), a visitor's request must not wait the 20 s busy timeout —
    the timeout is shortened before the transaction begins, since SQLite
    takes the write lock at BEGIN (IMMEDIATE); on PostgreSQL, a row another
    transaction holds is not waited for."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            previous = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
        try:
            with transaction.atomic(using=using):
                yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = %s", [f"{int(milliseconds)}ms"])
        yield
