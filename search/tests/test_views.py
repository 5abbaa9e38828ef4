"""The search page and the JSON API: what a visitor sees, state in the
URL, the same ranking in both, bad input, the query log, query counts."""

from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from disclosure.tests.helpers import policy
from search.models import QueryLogEntry
from search.service import PRIVATE_QUERY

pytestmark = pytest.mark.django_db


def page(params, path="/search/"):
    response = Client().get(path, params)
    assert response.status_code == 200, params
    return BeautifulSoup(response.content, "html.parser")


def api(params):
    response = Client().get("/api/search/", params)
    assert response.status_code == 200, params
    assert response["Content-Type"] == "application/json"
    return response.json()


def query_of(href):
    return {key: values[0] for key, values in parse_qs(urlparse(href).query).items()}


def test_every_page_header_has_the_search_box(home, item):
    for url in (home.url, item.url, "/search/"):
        form = page({}, url).select_one("header form[role=search]")
        assert form["action"] == "/search/" and form.select_one("input[name=q]")


def test_the_empty_search_page_invites_a_query():
    html = page({})
    assert html.select_one("main form[role=search] input#search-page-q")
    assert not html.select(".result-list")


def test_a_result_shows_title_snippet_place_type_date_and_validity():
    html = page({"q": "停课"})
    assert "3 个结果" in html.select_one("#search-results-heading").text
    hit = html.select_one(".result-list li")
    link = hit.select_one("h3 a")
    assert "停课" in link.text and link["href"].startswith("/catalogue/")
    assert hit.select_one(".search-hit__snippet mark").text == "停课"
    meta = hit.select_one(".search-hit__meta").text
    # The notices of the demo have ended: 失效, as on their pages.
    assert "校园安全 › " in meta and "安全预警" in meta and "失效" in meta
    assert hit.select_one("time")["datetime"]


def test_filters_sorting_and_pages_keep_every_choice_in_the_url():
    html = page({"q": "招生", "type": "enrolmentzonepage"})
    facets = {section.h3.text: section for section in html.select(".search-filters .facet")}
    assert "类型" in facets
    chosen = facets["类型"].select_one("strong[aria-current]")
    assert chosen.text == "招生划片"
    assert query_of(facets["类型"].select_one("a")["href"]) == {"q": "招生"}  # “any type”
    year_link = facets["发布年份"].select_one("a")
    assert query_of(year_link["href"]) == {"q": "招生", "type": "enrolmentzonepage", "year": year_link.text}
    next_page = html.select_one(".pagination a[rel=next]")
    assert query_of(next_page["href"]) == {"q": "招生", "type": "enrolmentzonepage", "page": "2"}
    by_date = html.select_one(".sort-links a")
    assert query_of(by_date["href"]) == {"q": "招生", "type": "enrolmentzonepage", "sort": "date"}
    second = page(query_of(next_page["href"]))
    assert query_of(second.select_one(".pagination a[rel=prev]")["href"]) == {"q": "招生", "type": "enrolmentzonepage"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "招生"},
        {"q": "招生", "page": "2"},
        {"q": "招生", "sort": "date"},
        {"q": "学区"},
        {"q": "停课 火星"},
        {"q": "招生", "type": "enrolmentzonepage", "page": "2"},
    ],
)
def test_the_api_ranks_exactly_like_the_page(params):
    html = page(params)
    data = api(params)
    assert [a["href"] for a in html.select(".result-list h3 a")] == [urlparse(r["url"]).path for r in data["results"]]
    assert all(result["url"].startswith("http://testserver/") for result in data["results"])
    assert str(data["total"]) in html.select_one("#search-results-heading").text


def test_the_api_answer():
    data = api({"q": "停课"})
    assert data["total"] == 3 and data["page"] == 1 and data["pages"] == 1
    result = data["results"][0]
    assert set(result) >= {"title", "url", "snippet", "type", "published", "category", "item"}
    assert "<mark>停课</mark>" in result["snippet"]
    assert result["category"] == "校园安全" and result["published"][:2] == "20"
    assert api({})["messages"]


def test_a_query_that_finds_nothing_is_not_a_dead_end():
    html = page({"q": "划骗"})
    assert "没有找到" in html.select_one(".empty-state").text
    suggestion = html.select_one(".suggestions a")
    assert query_of(suggestion["href"]) == {"q": "划片"}
    links = [a["href"] for a in html.select(".empty-state a")]
    assert "/catalogue/" in links and "/catchment/" in links


def test_promoted_results_come_first_and_only_public_pages(home):
    shown = policy(title="招生工作问答汇总")
    draft = policy(title="招生工作内部稿", publish=False)
    query = Query.get("招生")
    SearchPromotion.objects.create(query=query, page=shown, sort_order=1, description="家长最常问的问题")
    SearchPromotion.objects.create(query=query, page=draft, sort_order=2)
    SearchPromotion.objects.create(
        query=query, external_link_url="https://www.moe.gov.cn/", external_link_text="教育部", sort_order=3
    )
    html = page({"q": " 招生 "})
    promoted = [a.text for a in html.select(".promoted a")]
    assert promoted == ["招生工作问答汇总", "教育部"]
    assert "家长最常问的问题" in html.select_one(".promoted").text
    assert [item["title"] for item in api({"q": "招生"})["promoted"]] == promoted
    assert not page({"q": "招生", "page": "2"}).select(".promoted")


BAD_INPUT = [
    "",
    "   ",
    "招" * 1000,
    'AND OR NOT "招生" * - ( ) [ ] { } : ^ ~ \\ / ||',
    "-招生 +划片 title:招生 招生~2 招*",
    "😀🏫📚",
    "Ｚｈａｏ招生2024年abc学区-划片",
    "<script>alert(1)</script>",
    "'; DROP TABLE search_searchdocument; --",
    "\x00\x01招生\u200b",
    "%s %(q)s {q}",
]


@pytest.mark.parametrize("query", BAD_INPUT)
def test_bad_input_gets_a_page_and_a_message_never_an_error(query):
    response = Client().get("/search/", {"q": query, "page": "x", "year": "abc", "sort": "worst"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "无法识别" in html  # the bad page/filter/sort values are explained
    data = api({"q": query})
    assert isinstance(data["total"], int)


def test_the_messages_say_what_happened_to_the_query():
    assert "只搜索了" in page({"q": "招" * 1000}).select_one(".notice").text
    assert "没有特殊含义" in page({"q": '"招生" AND 划片'}).select_one(".notice").text
    assert "请输入" in page({"q": "😀"}).select_one(".notice").text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from(list("招生划片学区范围的了“”\"'*-()[]{}:^~ ANDORNOT")),
        ),
        max_size=200,
    ),
    number=st.one_of(st.none(), st.integers(-5, 10**6).map(str), st.text(max_size=5)),
)
def test_any_query_and_page_number_get_an_answer(query, number):
    params = {"q": query} if number is None else {"q": query, "page": number}
    assert Client().get("/search/", params).status_code == 200
    assert Client().get("/api/search/", params).status_code == 200


def test_searches_are_logged_once_per_search_without_personal_data():
    page({"q": "招生"})
    page({"q": "招生", "page": "2"})  # paging is the same search
    page({"q": "招生", "type": "enrolmentzonepage"})  # so is narrowing it
    page({"q": "划骗"})
    page({"q": "110101199003077571 入学"})
    page({"q": "孩子入学 13912345678"})
    entries = {entry.query: entry for entry in QueryLogEntry.objects.all()}
    assert (entries["招生"].searches, entries["招生"].zero_results) == (1, 0)
    assert (entries["划骗"].searches, entries["划骗"].zero_results) == (1, 1)
    assert not any("110101199003077571" in query or "13912345678" in query for query in entries)
    assert entries[PRIVATE_QUERY].searches == 2


def queries_for(params):
    from django.conf import settings
    from django.test import override_settings

    with override_settings(PAGE_CACHE={**settings.PAGE_CACHE, "ENABLED": False}):  # the search itself
        client = Client()
        client.get("/search/", params)  # warm the per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/search/", params).status_code == 200
    return len(captured.captured_queries)


# The query log is written in batches (every SEARCH_LOG_FLUSH_SECONDS, 10 s by default;
# the test settings write at once): the count is the page's own.
@override_settings(SEARCH_LOG_FLUSH_SECONDS=3600)
def test_the_number_of_queries_does_not_grow_with_the_results():
    few = queries_for({"q": "停课"})  # 3 results
    many = queries_for({"q": "招生"})  # 27 results, 10 shown
    assert few == many
    assert many <= 8
