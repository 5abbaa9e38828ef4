"""The number of SQL queries per page does not grow with the catalogue."""

import pytest

from disclosure.models import CatalogueItemContentElement, CatalogueItemPage, CategoryPage, Office
from disclosure.tests.helpers import add_live_child, publish_fixture, queries_for

pytestmark = pytest.mark.django_db


def add_items(category, count):
    office = Office.objects.first()
    for n in range(count):
        page = CatalogueItemPage(
            title=f"新增事项{n}",
            slug=f"extra-{n}",
            legal_basis="《中华人民共和国政府信息公开条例》",
            time_limit_days=20,
            office=office,
            channels=["政府网站"],
            levels=["county"],
        )
        page.content_elements = [CatalogueItemContentElement(text=f"要素{k}") for k in range(3)]
        add_live_child(category, page)


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("page_kind", ["catalogue", "category", "item", "home", "guide"])
def test_queries_do_not_grow_with_items(page_kind, language, catalogue, home):
    from home.models import GuidePage

    category = CategoryPage.objects.get(title="招生管理")
    url = {
        "catalogue": catalogue.url,
        "category": category.url,
        "item": CatalogueItemPage.objects.get(title="招生范围").url,
        "home": home.url,
        "guide": GuidePage.objects.get().url,
    }[page_kind]
    url = language + url
    before = queries_for(url)
    add_items(category, 12)
    other = CategoryPage.objects.get(title="财务信息")
    add_items(other, 3)
    after = queries_for(url)
    assert after == before
    # Routing is one query (core.pages), what every page repeats is cached
    # per content generation; the page's own content adds a fixed handful.
    assert before <= 8, f"{page_kind}: {before} queries"


def _count(url):
    return queries_for(url)


@pytest.mark.parametrize("kind", ["policy", "interpretation", "safety"])
def test_disclosure_queries_do_not_grow_with_attachments_or_blocks(kind):
    from disclosure.models import School
    from disclosure.tests.helpers import interpretation, item_named, make_document, policy, safety_notice

    def build(n):
        documents = [("document", make_document(f"附件{n}-{k}.pdf")) for k in range(n)]
        body = [("attachments", {"heading": "相关附件", "documents": [d for _t, d in documents]})]
        if kind == "policy":
            page = policy(publish=False, title=f"通知{n}")
        elif kind == "interpretation":
            page = interpretation(item_named("招生管理/招生政策"), title=f"解读{n}")
            page.questions = [("qa", {"question": f"问题{k}", "answer": "<p>答复</p>"}) for k in range(n)]
        else:
            page = safety_notice(publish=False, title=f"预警{n}")
            schools = [School.objects.create(name=f"学校{n}-{k}", stage="primary") for k in range(n)]
            page.affected_schools = schools
        page.attachments = documents
        page.body = body
        publish_fixture(page.save_revision())
        return type(page).objects.get(pk=page.pk).url

    small, large = build(1), build(8)
    assert _count(small) == _count(large)
    assert _count(large) <= 8
