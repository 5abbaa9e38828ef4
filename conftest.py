"""Shared fixtures: the test database holds the demo site, the whole
vendored catalogue and the demo enrolment zones, loaded once per session;
every test runs in a transaction that is rolled back."""

import pytest
from django.test import Client

UNGROUPED = pytest.StashKey[bool]()


@pytest.hookimpl(trylast=True)  # after pytest-xdist's own, which adds the group to the node id
def pytest_collection_modifyitems(config, items):
    """Under --dist loadgroup every test in an xdist_group must carry the
    group in its node id, or the group's tests are spread over the workers
    and each builds its own live site (pytest 9.2 with pytest-xdist 3.8:
    pytest-xdist#1386). Such tests fail rather than silently take twice as long."""
    if getattr(config.option, "loadgroup", False):  # set in pytest-xdist workers only
        for item in items:
            if item.get_closest_marker("xdist_group") and "@" not in item.nodeid:
                item.stash[UNGROUPED] = True


def pytest_runtest_setup(item):
    if item.stash.get(UNGROUPED, False):
        pytest.fail(
            "--dist loadgroup does not group this test with the others of its xdist_group (pytest-xdist#1386): "
            "install the pytest version pyproject.toml pins"
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from catchment.demo import load_demo_zones
    from core.publication import trusted_publication
    from disclosure.catalogue_loader import load_catalogue
    from disclosure.importer import import_documents
    from home.demo import load_demo_site

    with django_db_blocker.unblock(), trusted_publication("test fixtures"):
        load_demo_site()
        load_catalogue()
        import_documents()
        load_demo_zones()


@pytest.fixture
def fixture_publication():
    """For tests whose subject is not the review: pages they publish as
    fixtures, with `revision.publish()`, need no review step (the screening
    still applies). Tests of the review never use it."""
    from core.publication import trusted_publication

    with trusted_publication("test fixture", justification="test fixture"):
        yield


@pytest.fixture
def home(db):
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def catalogue(db):
    from disclosure.models import CatalogueIndexPage

    return CatalogueIndexPage.objects.get()


@pytest.fixture
def item(db):
    from disclosure.models import CatalogueItemPage

    return CatalogueItemPage.objects.get(title="招生范围")


@pytest.fixture
def admin_client(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("test-admin", "admin@example.invalid", "pw")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _empty_caches():
    """Django's caches live in the process and outlive a test's rolled-back
    transaction: pages, fragments and search results cached for a content
    generation the rollback returns to, Wagtail's site root paths, the
    rate-limit counters of 依申请公开; so do the searches counted in memory
    for the query log but not yet written. Every test starts with them empty,
    whatever ran before it (the suite runs in random order)."""
    from django.core.cache import caches

    from search.service import query_log

    query_log.discard()

    for alias in ("default", "pages"):
        caches[alias].clear()
    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request to /en/ leaves English active in the thread; later tests
    that build URLs (page.url) must start from the default language again."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
