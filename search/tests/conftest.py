"""Search tests run on every backend: the database backend of the run
(SQLite, or PostgreSQL when DATABASE_URL names one) and Elasticsearch when
SEARCH_URL is set (CI sets it; locally the Elasticsearch cases are skipped
with a loud reason, and under CI=true they fail instead)."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from search.backends.registry import backend_named
from search.models import SearchDocument
from search.service import SearchParams, run_search

ENGINE = "elasticsearch"


class Engine:
    """One backend, with a way to bring its index up to date with the test
    database (the database backend is updated as pages are published)."""

    def __init__(self, name):
        self.name = name
        self.backend = backend_named(name)

    @property
    def is_elasticsearch(self):
        return self.name == ENGINE

    def refresh(self):
        if not self.is_elasticsearch:
            return
        index = self.backend.get_index_for_model(SearchDocument)
        es = self.backend.es
        if es.indices.exists(index=index.name):  # an index, or an alias left by update_index
            es.indices.delete(index=list(es.indices.get(index=index.name)))
        index.put()
        index.add_model(SearchDocument)
        index.add_items(SearchDocument, list(SearchDocument.objects.all()))
        index.refresh()

    def search(self, q="", **params):
        values = {"q": q, **{key: str(value) for key, value in params.items()}}
        return run_search(SearchParams.from_query(values), backend_name=self.name, log=False)

    def titles(self, q, **params):
        return [hit.title for hit in self.search(q, **params).hits]

    def all_titles(self, q, **params):
        """Titles of every result, page after page."""
        outcome = self.search(q, **params)
        titles = [hit.title for hit in outcome.hits]
        for number in range(2, outcome.num_pages + 1):
            titles += self.titles(q, page=number, **params)
        return titles


def engine_missing():
    message = (
        "ELASTICSEARCH SEARCH TESTS NOT RUN — start the engine with `scripts/search-engine start` "
        "and set SEARCH_URL=http://127.0.0.1:9200"
    )
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must run them)")
    pytest.skip(message)


def pytest_generate_tests(metafunc):
    if "engine" in metafunc.fixturenames:
        metafunc.parametrize(
            "engine", ["database", ENGINE], indirect=True, ids=[f"database-{connection.vendor}", ENGINE]
        )


@pytest.fixture
def engine(request, db):
    if request.param == ENGINE:
        if ENGINE not in settings.WAGTAILSEARCH_BACKENDS:
            engine_missing()
        engine = Engine(ENGINE)
    else:
        engine = Engine("default")
    engine.refresh()
    return engine


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached synonyms and vocabulary must not outlive a rolled-back test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _drop_test_indexes():
    yield
    if ENGINE in settings.WAGTAILSEARCH_BACKENDS:
        backend = backend_named(ENGINE)
        backend.es.indices.delete(index=backend.index_prefix + "*", ignore_unavailable=True, allow_no_indices=True)
