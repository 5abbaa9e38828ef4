"""Hostile searches cost bounded work (issue 12, findings 1 and 2): snippets
are linear in the text, computed only for the page of results shown and
cached with it; synonym expansion is bounded per group and per query on
every backend, and groups that are too large are refused in the form.
Bounds are asserted with work counters and input sizes, not clocks."""
import pytest
from django.test import Client

from core import work
from disclosure.tests.helpers import policy
from search import analysis, snippets
from search.models import SynonymGroup
from search.service import PER_PAGE

pytestmark = pytest.mark.django_db

DENSE = ("学校应当按照规定做好招生入学工作，公开招生范围。" * 2000)[:38_000]
WORST = "学校 招生 入学 工作 规定 公开 范围 按照 做好 应当"


def long_policies(count, text=DENSE):
    return [policy(title=f"长篇政策文件{number}", body=[("paragraph", f"<p>{text}</p>")]) for number in range(count)]


def test_the_worst_query_of_finding_1_costs_work_linear_in_the_text():
    long_policies(3)
    with work.counting() as counted:
        response = Client().get("/search/", {"q": WORST})
    assert response.status_code == 200
    assert "长篇政策文件" in response.content.decode()
    assert counted["search.snippets"] >= 3
    # Each snippet looks at its text once and at each match at most twice.
    assert counted["snippet.characters"] <= counted["search.snippets"] * snippets.MAX_SOURCE
    assert counted["snippet.spans"] <= counted["search.snippets"] * snippets.MAX_SPANS
    assert counted["snippet.steps"] <= 2 * counted["snippet.spans"]


@pytest.mark.parametrize("q", [WORST, "学校招生入学工作"])
def test_snippets_are_computed_for_the_page_shown_only_and_cached_with_it(q):
    long_policies(PER_PAGE + 3, text=DENSE[:2000])
    client = Client()
    with work.counting() as first:
        assert client.get("/search/", {"q": q}).status_code == 200
    assert 0 < first["search.snippets"] <= PER_PAGE
    with work.counting() as again:
        assert client.get("/search/", {"q": q}).status_code == 200
        assert client.get("/api/search/", {"q": q}).status_code == 200
    assert again["search.snippets"] == 0
    assert again["snippet.characters"] == 0


def test_a_snippet_of_a_huge_text_looks_at_a_bounded_part_of_it():
    text = "甲乙" * 1_000_000 + "招生"
    with work.counting() as counted:
        html = str(snippets.snippet(text, ["招生", "甲乙"]))
    assert counted["snippet.characters"] <= snippets.MAX_SOURCE
    assert counted["snippet.spans"] <= snippets.MAX_SPANS
    assert "<mark>甲乙</mark>" in html


def test_the_linear_snippet_still_chooses_the_passage_with_most_distinct_words():
    text = "招生" * 100 + "。" + "甲" * 300 + "招生划片范围说明" + "乙" * 300
    html = str(snippets.snippet(text, ["招生", "划片", "范围"]))
    assert "<mark>划片</mark>" in html and "<mark>范围</mark>" in html
