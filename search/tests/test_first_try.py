"""What visitors tried and did not find at first (issue 14), on every
backend: table text, words next to each other as typed, corrections beside
partial matches, and the 发布机构 facet reading what the page shows."""

import pytest

from disclosure.models import BudgetPage

pytestmark = pytest.mark.django_db


def budgets(outcome):
    return sorted(hit.document.page.specific.source_id for hit in outcome.hits if hit.document.kind == "budgetpage")


@pytest.mark.parametrize("query", ["三公经费", "公务接待费"])
def test_the_three_public_expenses_find_both_budgets(engine, query):
    """Both budget pages have a “三公”经费 section (its items are table rows on the page)."""
    outcome = engine.search(query)
    assert budgets(outcome) == ["budget-0", "budget-1"], [hit.title for hit in outcome.hits]
    assert not outcome.relaxed


def test_words_next_to_each_other_as_typed_rank_first(engine):
    """学校食品安全预警 has 食品安全 as typed; a 决算 has only 安全 (公共安全支出)."""
    hits = engine.search("食品安全").hits
    assert hits[0].title == "学校食品安全预警（2019年第1号）", [hit.title for hit in hits]
    assert hits[0].validity_label == "失效"  # ended in 2019: shown as such, still first


def test_a_phrase_of_several_words_ranks_above_the_words_scattered(engine):
    from disclosure.tests.helpers import policy

    scattered = policy(title="关于安全检查和食品采购的通知")
    together = policy(title="关于开展食品安全检查的通知")
    engine.refresh()
    titles = engine.titles("食品 安全")
    assert titles.index(together.title) < titles.index(scattered.title)


def test_a_one_character_slip_is_corrected_beside_partial_matches(engine):
    outcome = engine.search("招生划篇")
    assert outcome.relaxed and outcome.total  # some of the words are found
    assert "招生划片" in outcome.suggestions
    # A query whose every word is found gets no correction.
    assert engine.search("招生划片").suggestions == []


def test_the_issuer_facet_reads_what_the_page_shows(engine):
    outcome = engine.search("决算")
    facet = next(facet for facet in outcome.facets if facet.name == "issuer")
    labels = {option.label for option in facet.options}
    page = BudgetPage.objects.get(source_id="budget-0")
    assert page.issuer_display == "西宁市东方小学" and "西宁市东方小学" in labels
    assert "计划财务科" not in labels
    narrowed = engine.search("决算", issuer="西宁市东方小学")
    assert narrowed.total and all(hit.document.issuer == "西宁市东方小学" for hit in narrowed.hits)


def test_english_names_of_the_catalogue_find_its_items(engine):
    titles = engine.titles("enrolment")
    for item in ("招生范围", "招生政策", "招生计划", "招生程序", "招生结果"):
        assert item in titles, titles
    assert engine.titles("Enrolment zones")[0] == "招生范围"


def test_the_english_search_page_shows_the_catalogues_english_names():
    from django.test import Client

    from disclosure.models import CatalogueItemPage

    html = Client().get("/en/search/", {"q": "enrolment"}).content.decode()
    assert ">Enrolment zones</a>" in html and ">Enrolment</a>" in html  # an item, and the category facet
    assert CatalogueItemPage.objects.get(title="招生范围").title_en == "Enrolment zones"
