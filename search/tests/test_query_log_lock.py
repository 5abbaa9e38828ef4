"""The public search answers while its query log is locked (a long
import holding the table): only the statistic is skipped; see
core.db.write_without_waiting and core/tests/test_db.py."""

import logging

import pytest
from django.db import connection, connections

from search.models import QueryLogEntry


@pytest.mark.django_db
def test_a_search_answers_while_its_query_log_is_locked(client, caplog):
    if connection.vendor != "postgresql":
        # The suite's SQLite database lives in memory (shared cache: table locks fail at once, never wait);
        # the site's file database is proven above. The search itself must still answer and log.
        response = client.get("/search/", {"q": "招生"})
        assert response.status_code == 200
        return
    before = QueryLogEntry.objects.filter(query="招生").values_list("searches", flat=True).first() or 0
    holder = connections.create_connection("default")
    holder.ensure_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '15s'")  # a safety net: the bug would wait for ever
        holder.connection.autocommit = False
        with holder.cursor() as cursor:
            cursor.execute(
                f'LOCK TABLE "{QueryLogEntry._meta.db_table}" IN EXCLUSIVE MODE'
            )  # reads allowed, writes wait
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
