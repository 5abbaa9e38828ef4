"""On a 375 px phone: the office editor's 保存草稿 sent while the autosave
that created the page is still being answered (seen in CI: the click was
refused for a taken slug and what was typed after the autosave was lost),
and a visitor reading search results with their filters and counts."""

import contextlib
import json
import re

import pytest

from .conftest import follow
from .test_review_journeys import autosave_refusals_are_not_errors, site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.journey

NO_OVERFLOW = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def stored(site, title):
    """The pages titled `title`, with the summary of each one's latest version."""
    code = (
        "import json; from wagtail.models import Page;"
        f"pages = Page.objects.filter(title='{title}');"
        "print(json.dumps([(p.pk, p.get_latest_revision().as_object().summary) for p in pages], ensure_ascii=False))"
    )
    return json.loads(site.manage("shell", "-c", code).splitlines()[-1])


def test_a_save_sent_before_the_autosaves_answer_arrives_is_kept(site, people):
    title = "在手机上保存的招生通知（旅程）"
    editor = people.log_in("editor-jichu", phone=True)
    page = editor.page
    held = []

    def hold_the_first_created_answer(route):
        """Let the server save each autosave, but keep the browser from hearing
        that the first one created the page, as a slow network would."""
        request = route.request
        if request.method != "POST" or "json" not in (request.headers.get("accept") or "") or held:
            route.continue_()
            return
        response = route.fetch()
        if response.ok and response.json().get("success"):
            held.append((route, response))
        else:
            route.fulfill(response=response)

    page.route(re.compile(r"/admin/pages/add/"), hold_the_first_created_answer)
    # Wagtail notes the form as it was 2 s after it opened, and autosaves what
    # differs from that: type after that moment, as a person does.
    page.add_init_script("document.addEventListener('w-unsaved:watch-edits', () => { window.watchingEdits = true; });")
    editor.goto(f"/admin/pages/add/disclosure/policydocumentpage/{site.item_id}/")
    page.wait_for_function("() => window.watchingEdits === true")
    page.locator("#id_title").fill(title)
    page.locator("#id_issuing_office").select_option(label="基础教育科")
    page.locator("#id_summary").fill("2025年招生安排")
    for _ in range(100):  # the autosave runs a moment after typing stops
        if held:
            break
        page.wait_for_timeout(200)
    assert held, "no autosave created the page"
    assert [summary for _pk, summary in stored(site, title)] == ["2025年招生安排"]

    page.locator("#id_summary").fill("2025年招生安排：6月1日起网上报名，7月15日公布结果。")
    follow(page, page.locator("footer").get_by_role("button", name="保存草稿"))
    pages = stored(site, title)
    assert pages == [[pages[0][0], "2025年招生安排：6月1日起网上报名，7月15日公布结果。"]], pages
    assert page.url.endswith(f"/admin/pages/{pages[0][0]}/edit/"), page.url
    assert "已被更新" in page.locator(".messages").inner_text()
    assert page.evaluate(NO_OVERFLOW)
    editor.screenshot("late-save-kept-375")
    route, response = held[0]
    with contextlib.suppress(Exception):  # the page it belonged to is gone: nobody is waiting for it
        route.fulfill(response=response)


def test_a_visitor_narrows_search_results_on_a_phone(people):
    visitor = people.anonymous(phone=True, name="visitor")
    visitor.goto("/search/?q=招生")
    filters = visitor.page.get_by_role("complementary", name="筛选结果")
    counts = filters.locator(".count").all_inner_texts()
    assert counts and all(re.fullmatch(r"（\d+ 条）", text) for text in counts), counts
    first = filters.locator(".facet__options a").first
    option = first.inner_text()
    visitor.follow(first)
    assert visitor.page.locator("strong[aria-current=true]").filter(has_text=option).count() >= 1
    assert visitor.page.locator(".result-list li").count() >= 1
    assert visitor.page.evaluate(NO_OVERFLOW)
    visitor.screenshot("search-filters-375")

    english = people.anonymous(phone=True, locale="en-GB", name="english visitor")
    english.goto("/en/search/?q=招生")
    counts = english.page.locator(".search-filters .count").all_inner_texts()
    assert counts and all(re.fullmatch(r"\(\d+ results?\)", text) for text in counts), counts
