"""When the search engine cannot be reached: publishing goes on (and
`update_index` catches up), and the public search answers from the
database, saying so. The engine is "unreachable" at a closed local port."""

import logging
import socket

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from disclosure.tests.helpers import policy
from search.backends.config import DATABASE_SEARCH_BACKEND as DATABASE
from search.backends.config import elasticsearch_backend
from search.models import SearchDocument
from search.service import SearchParams, run_search

from .conftest import ENGINE, Engine, engine_missing

pytestmark = pytest.mark.django_db


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def unreachable_engine(**extra):
    return {**elasticsearch_backend(closed_port_url(), "edusite_unreachable_"), **extra}


def test_publishing_succeeds_and_logs_when_the_engine_is_down(caplog):
    backends = {"default": DATABASE, "engine": unreachable_engine()}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), caplog.at_level(logging.ERROR):
        page = policy(title="关于寒假安全教育的通知")
    assert page.live
    assert SearchDocument.objects.filter(page=page).exists()
    assert any("engine" in record.getMessage() for record in caplog.records)
    assert "关于寒假安全教育的通知" in [hit.title for hit in run_search(SearchParams(q="寒假安全"), log=False).hits]


def test_update_index_catches_up_once_the_engine_is_back():
    if ENGINE not in settings.WAGTAILSEARCH_BACKENDS:
        engine_missing()
    engine = Engine(ENGINE)
    engine.refresh()
    down = {**settings.WAGTAILSEARCH_BACKENDS, ENGINE: unreachable_engine()}
    with override_settings(WAGTAILSEARCH_BACKENDS=down):
        page = policy(title="关于寒假安全教育的通知")
    assert page.title not in engine.all_titles("寒假安全")  # missed while the engine was down
    call_command("update_index", backend_name=ENGINE, verbosity=0)
    assert page.title in engine.titles("寒假安全")


FALLBACK = {
    "WAGTAILSEARCH_BACKENDS": {"default": unreachable_engine(), "database": DATABASE},
    "SEARCH_FALLBACK_BACKEND": "database",
}


def test_the_public_search_falls_back_to_the_database_and_says_so():
    with override_settings(**FALLBACK):
        outcome = run_search(SearchParams(q="招生"), log=False)
        html = Client().get("/search/", {"q": "招生"})
        api = Client().get("/api/search/", {"q": "招生"})
    assert outcome.fallback and outcome.total > 20
    assert outcome.hits[0].title
    assert html.status_code == 200
    assert "搜索服务暂时繁忙" in html.content.decode()
    assert api.status_code == 200
    assert api.json()["fallback"] is True and api.json()["total"] == outcome.total


def test_without_a_fallback_the_search_says_it_is_unavailable():
    backends = {"default": unreachable_engine()}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends, SEARCH_FALLBACK_BACKEND=None):
        html = Client().get("/search/", {"q": "招生"})
        api = Client().get("/api/search/", {"q": "招生"})
    assert html.status_code == 503 and "暂时无法使用" in html.content.decode()
    assert "个结果" not in html.content.decode()
    assert api.status_code == 503 and api.json()["results"] == []
