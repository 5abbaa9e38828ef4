"""Parents and visitors get their answer on the first try (issue 14), as
they use the site: a parent on a phone finds the school for an address
written as parents write it, with the year the site chooses, and then the
documents to bring and the dates — in at most four taps from the home
page, the result in the first screen; a visitor on a desktop finds 三公经费
in a budget, the current safety notice and the 招生范围 item from the
catalogue's table of contents. The same in English."""

import re

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.journey

ADDRESSES = ["遂宁铁货街12号", "四川遂宁铁货街12号", "船山区铁货街十二号", "铁货街12号3栋2单元"]

TEXT = {
    "zh": {
        "home": "/",
        "box": "您的住址",
        "find": "查询",
        "other_year": re.compile(r"查看2017年划片中的查询结果"),
        "documents": "需携带的材料",
        "dates": "时间安排",
        "school": "长乐街小学",
        "exact": "确定",
    },
    "en": {
        "home": "/en/",
        "box": "Your address",
        "find": "Find my school",
        "other_year": re.compile(r"See the result in the zones of 2017"),
        "documents": "Documents to bring",
        "dates": "Key dates",
        "school": "长乐街小学",
        "exact": "Exact match",
    },
}


class Taps:
    """Counts what the person taps (typing is not a tap)."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def tap(self, locator):
        self.count += 1
        locator.tap()


def in_first_screen(page, locator):
    box = locator.bounding_box()
    assert box is not None, "not shown"
    return box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("address", ADDRESSES)
def test_a_parent_finds_the_school_documents_and_dates_in_four_taps(people, address, language):
    text = TEXT[language]
    parent = people.anonymous(phone=True, locale="zh-CN" if language == "zh" else "en-GB", name="parent")
    page = parent.page
    parent.goto(text["home"])
    # The finder is the home page's main task, in the first screen; the header is compact.
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] <= PHONE["height"] / 4, header
    box = page.locator("section.finder-box").get_by_label(text["box"])
    assert in_first_screen(page, box)
    taps = Taps(page)
    taps.tap(box)
    box.fill(address)  # the year is the one the site chooses
    taps.tap(page.locator("section.finder-box").get_by_role("button", name=text["find"]))
    page.wait_for_url(re.compile(r"/catchment/\?"))
    heading = page.locator("#result-heading")
    # The result, not the top of the page: its heading is focused and in the first screen.
    assert focused_id(page) == "result-heading"
    assert in_first_screen(page, heading)
    status = page.get_by_role("status")
    assert status.count() == 1 and "2017" in status.inner_text()
    # The newest zones (2018) do not name the address; the 2017 zones do, one tap away.
    taps.tap(page.get_by_role("link", name=text["other_year"]))
    page.wait_for_url(re.compile(r"year=2017"))
    assert focused_id(page) == "result-heading" and in_first_screen(page, page.locator("#result-heading"))
    card = page.locator("article.finder-match").first
    assert text["school"] in card.locator("h3").inner_text() and text["exact"] in card.inner_text()
    assert text["school"] in page.get_by_role("status").inner_text()
    for heading_text in (text["documents"], text["dates"]):
        assert card.get_by_role("heading", name=heading_text).count() == 1
    assert "户口簿" in card.inner_text() and "报名" in card.inner_text()
    assert taps.count <= 4


def _publish_current_notice(site, title):
    """A safety notice in force now (the demo's notices have all ended)."""
    code = (
        "import datetime\n"
        "from django.utils import timezone\n"
        "from disclosure.models import CatalogueItemPage, SafetyNoticePage\n"
        "item = CatalogueItemPage.objects.get(catalogue_key='校园安全/安全预警信息')\n"
        f"if not SafetyNoticePage.objects.filter(title={title!r}).exists():\n"
        "    now = timezone.now()\n"
        f"    page = SafetyNoticePage(title={title!r}, slug='journey-current-notice', alert_level='yellow',"
        " valid_from=now - datetime.timedelta(hours=1), valid_until=now + datetime.timedelta(days=2),"
        " measures='<p>暂停户外活动。</p>', issuing_office=item.office, live=False)\n"
        "    item.add_child(instance=page)\n"
        "    from disclosure.tests.helpers import publish_fixture\n"
        "    publish_fixture(page.save_revision())\n"
    )
    site.manage("shell", "-c", code)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_visitor_finds_the_three_public_expenses_in_a_budget(people, language):
    visitor = people.anonymous(locale="zh-CN" if language == "zh" else "en-GB")
    page = visitor.page
    visitor.goto(TEXT[language]["home"])
    search = page.get_by_role("search").first
    search.get_by_role("searchbox").fill("三公经费")
    visitor.follow(search.get_by_role("button"))
    results = page.locator(".result-list .search-hit__title a")
    titles = results.all_inner_texts()
    assert "2016年西宁市东方小学部门决算" in titles and "某县教育局2020年部门预算·部门收支总表" in titles, titles
    visitor.follow(results.filter(has_text="2016年西宁市东方小学部门决算"))
    heading = "“三公”经费" if language == "zh" else "“Three public expenses”"
    assert page.get_by_role("heading", name=heading).count() == 1
    assert page.get_by_role("table", name=re.compile("三公|Three public")).count() == 1


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_visitor_finds_the_current_safety_notice(people, journey_site, language):
    title = "旅程演示：大风黄色预警暂停户外活动"
    _publish_current_notice(journey_site, title)
    visitor = people.anonymous(locale="zh-CN" if language == "zh" else "en-GB")
    page = visitor.page
    visitor.goto(TEXT[language]["home"])
    current = page.locator("section.notices")
    assert current.get_by_role("link").all_inner_texts() == [title]  # only notices in force
    visitor.follow(current.get_by_role("link", name=title))
    record = page.get_by_role("table", name=re.compile("信息属性|Record metadata"))
    validity = record.get_by_role("row", name=re.compile("有效性|Validity"))
    assert re.search(r"有效$|Valid$", validity.inner_text().strip())
    assert page.locator(".banner--expired").count() == 0
    # An ended notice says so everywhere: its banner and its record table agree.
    page.go_back()
    visitor.goto(
        "/catalogue/%E6%A0%A1%E5%9B%AD%E5%AE%89%E5%85%A8/%E5%AE%89%E5%85%A8%E9%A2%84%E8%AD%A6%E4%BF%A1%E6%81%AF/safety-6/"
    )
    assert page.locator(".banner--expired").count() == 1
    expired = page.get_by_role("table", name=re.compile("信息属性|Record metadata")).get_by_role(
        "row", name=re.compile("有效性")
    )
    assert expired.inner_text().strip().endswith("失效")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_visitor_finds_the_enrolment_zones_item_from_the_catalogues_contents(people, language):
    visitor = people.anonymous(locale="zh-CN" if language == "zh" else "en-GB")
    page = visitor.page
    visitor.goto(TEXT[language]["home"])
    visitor.follow(
        page.get_by_role("navigation", name=re.compile("主导航|Main")).get_by_role(
            "link", name="标准目录" if language == "zh" else "Standard catalogue"
        )
    )
    contents = page.get_by_role("navigation", name=re.compile("目录|Contents"))
    item = "招生范围" if language == "zh" else "Enrolment zones"
    contents.get_by_role("link", name=item, exact=True).click()
    page.wait_for_url(re.compile(r"#item-\d+$"))
    row_header = page.locator(page.url[page.url.index("#") :])
    box = row_header.bounding_box()
    assert 0 <= box["y"] < 900, box  # jumped to it (a little below the top)
    assert item in row_header.inner_text()
    assert re.search(r"共 14 条信息|14 documents", row_header.inner_text())
    row_header.get_by_role("link", name=re.compile("按住址查询对口学校|Find the school for your address")).click()
    page.wait_for_url(re.compile(r"/catchment/$"))
    assert page.get_by_role("heading", level=1).count() == 1


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_failed_form_says_so_in_the_title_and_focuses_the_error_summary(people, language):
    parent = people.anonymous(phone=True, locale="zh-CN" if language == "zh" else "en-GB", name="parent")
    page = parent.page
    parent.goto("/catchment/" if language == "zh" else "/en/catchment/")
    page.get_by_role("button", name=TEXT[language]["find"]).tap()  # nothing typed
    page.wait_for_url(re.compile(r"address="))
    assert page.title().startswith("错误：" if language == "zh" else "Error: ")
    assert focused_id(page) == "error-summary"  # autofocus, no script
    assert in_first_screen(page, page.locator("#error-summary"))
    page.locator("#error-summary").get_by_role("link").first.tap()
    assert page.url.endswith("#finder-address")
    field = page.get_by_label(TEXT[language]["box"])
    assert field.get_attribute("aria-invalid") == "true"
