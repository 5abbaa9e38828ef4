"""The zone import does each page's side effects once (issue 12, finding 4:
a 4,801-row import took 56 s): Wagtail's search index, the reference index
and the public search documents are written at the end, in bulk, not on
each of the three saves of every published page. Counted, not timed; the
timings are in docs/background-tasks.md."""

import pytest
from django.test import Client
from wagtail.models import ReferenceIndex

from catchment.importer import apply_plan, plan_file
from catchment.tests.helpers import csv_bytes, zone
from core import work
from disclosure.models import EnrolmentZonePage
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

ZONES = 12


def rows():
    result = []
    for number in range(ZONES):
        result += zone(
            2026,
            f"测试第{number}小学",
            ("包含", "街道", f"测试{number}路"),
            ("包含", "门牌", f"测试{number}街", "1", "99", "单"),
        )
    return result


def test_an_import_indexes_each_page_once_at_the_end(admin_client):
    plan = plan_file(csv_bytes(rows()), "zones.csv")
    assert plan.ok, plan.messages()
    with work.counting() as counted:
        result = apply_plan(plan)
    assert len(result.created) == ZONES
    # One bulk write of the zone pages to the search index, each page once (not three times).
    assert counted["search_index.objects"] == ZONES
    assert counted["search_index.bulk_calls"] == 1
    assert counted["deferred_task.update_reference_index_task"] == ZONES
    pages = EnrolmentZonePage.objects.filter(year=2026, school__name__startswith="测试第")
    assert SearchDocument.objects.filter(page__in=pages).count() == ZONES
    # Everything an editor and a visitor expect is there: the admin's page search, the reference index, the public search.
    assert "测试第3小学" in admin_client.get("/admin/pages/search/", {"q": "测试第3小学"}).content.decode()
    assert ReferenceIndex.objects.filter(object_id__in=[str(page.pk) for page in pages]).exists()
    assert "测试第5小学" in Client().get("/search/", {"q": "测试第5小学"}).content.decode()


def test_a_failed_import_does_none_of_it():
    plan = plan_file(csv_bytes(rows()), "zones.csv")
    before = SearchDocument.objects.count()

    def fail(page):
        if page.title.startswith("2026年测试第7小学"):
            raise RuntimeError("disk full")

    with work.counting() as counted, pytest.raises(RuntimeError):
        apply_plan(plan, prepare_new_page=fail)
    assert counted["search_index.objects"] == 0
    assert not EnrolmentZonePage.objects.filter(school__name__startswith="测试第").exists()
    assert SearchDocument.objects.count() == before
