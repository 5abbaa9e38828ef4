"""Every public page type renders with at most 8 SQL queries when the page
cache is off (what every page repeats is cached per content generation),
and that number does not grow with the content: more items, disclosures,
attachments, rules, zones or results."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from catchment.tests.test_query_counts import add_zones
from disclosure.models import (
    BudgetPage,
    CatalogueIndexPage,
    CategoryPage,
    EnrolmentKeyDate,
    EnrolmentZonePage,
    InterpretationPage,
    PolicyDocumentPage,
    SafetyNoticePage,
    ZoneRule,
)
from disclosure.tests.helpers import item_named, make_document, policy, publish_fixture, safety_notice
from home.models import GuidePage, HomePage
from home.tests.test_catalogue_query_counts import add_items

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8
UNCACHED = override_settings(PAGE_CACHE={"ENABLED": False, "ALIAS": "pages", "SECONDS": 3600, "MAX_BYTES": 2_000_000})
FINDER = "/catchment/?address=%E9%87%91%E6%9E%9C%E8%B7%AF8%E5%8F%B7&year=2018"  # 金果路8号: candidates


def queries_for(url):
    """SQL queries of a render with the page cache off, after a first
    request (per-process and per-generation caches warm)."""
    with UNCACHED:
        client = Client()
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200 and "X-App-Cache" not in response
    return len(captured.captured_queries)


def first_url(model):
    return model.objects.live().order_by("path").first().url


def more_disclosures(count=12):
    item = item_named("招生管理/招生范围")
    for n in range(count):
        page = policy(parent=item, title=f"新增的招生通知{n}", publish=False)
        page.attachments = [("document", make_document(f"附件{n}.pdf"))]
        publish_fixture(page.save_revision())
    for n in range(3):
        safety_notice(title=f"新增的安全提示{n}")


def more_zone_content():
    for page in EnrolmentZonePage.objects.live():
        for n in range(10):
            ZoneRule.objects.create(page=page, rule="include", kind="street", name=f"新增路{page.pk}-{n}")
        for n in range(3):
            EnrolmentKeyDate.objects.create(page=page, stage="other", start_date="2026-06-0%d" % (n + 1), note="说明")
        publish_fixture(page.save_revision())


PAGES = {
    "home": lambda: first_url(HomePage),
    "catalogue": lambda: first_url(CatalogueIndexPage),
    "category": lambda: first_url(CategoryPage),
    "item": lambda: item_named("招生管理/招生范围").url,
    "policy": lambda: first_url(PolicyDocumentPage),
    "interpretation": lambda: first_url(InterpretationPage),
    "safety-notice": lambda: first_url(SafetyNoticePage),
    "enrolment-zone": lambda: first_url(EnrolmentZonePage),
    "guide": lambda: first_url(GuidePage),
    "zone-list": lambda: "/catchment/zones/?year=2018",
    "finder": lambda: FINDER,
    "search": lambda: "/search/?q=%E6%8B%9B%E7%94%9F",
    "budget": lambda: first_url(BudgetPage),
    "english": lambda: "/en/catalogue/",
}


# The query log is written in batches (every SEARCH_LOG_FLUSH_SECONDS, 10 s by default;
# the test settings write at once): the count is the page's own.
@override_settings(SEARCH_LOG_FLUSH_SECONDS=3600)
def test_every_page_type_costs_at_most_eight_queries_however_much_content():
    # Every page type in one test: adding the content takes seconds, so it is added once.
    before = {name: queries_for(url()) for name, url in PAGES.items()}
    more_disclosures()
    add_items(CategoryPage.objects.get(title="招生管理"), 8)
    add_zones(6)
    more_zone_content()
    after = {name: queries_for(url()) for name, url in PAGES.items()}
    too_many = {name: count for name, count in before.items() if count > MAX_QUERIES}
    grew = {name: (before[name], after[name]) for name in PAGES if after[name] != before[name]}
    assert not too_many, f"more than {MAX_QUERIES} queries: {too_many}"
    assert not grew, f"queries before and after more content: {grew}"


@pytest.mark.parametrize("model", [PolicyDocumentPage, EnrolmentZonePage, CatalogueIndexPage, CategoryPage])
def test_a_warm_render_reads_no_page_row_and_a_change_is_seen_at_once(model):
    """The page served is kept for the content generation (its joined query
    cost more than its template): a warm render reads no page table, and
    a change starts a new generation, so the next render shows it."""
    url = first_url(model)
    with UNCACHED:
        client = Client()
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        assert not [q["sql"] for q in captured.captured_queries if "wagtailcore_page" in q["sql"]]
        page = model.objects.live().order_by("path").first()
        page.title = "改过的标题（测试）"
        publish_fixture(page.save_revision())
        assert "改过的标题（测试）" in client.get(url).content.decode()
