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


# ---- finding 2: synonym expansion ----------------------------------------------------


def big_group(count=161):
    """A group of `count` different two-character words (482 characters, within the field's 500)."""
    chars = "学校招生入学工作规定公开范围按照做好应当教育局政务信息年度报告义务小学初中片区户籍房产证明材料登记审核公示"
    words = ["招生"]
    for first in chars:
        for second in chars:
            word = first + second
            if first != second and word not in words:
                words.append(word)
            if len(words) == count:
                return "、".join(words)


def test_a_huge_synonym_group_saved_before_the_limit_does_not_break_public_search():
    """Finding 2: a group of 161 words made every search for one of them answer 500 (fts5: parser stack overflow)."""
    SynonymGroup.objects.create(terms=big_group(), kind=SynonymGroup.Kind.EQUIVALENT)
    policy(title="关于招生工作的通知")
    client = Client()
    for q in ["招生", "学校", "招生 学校 入学 工作 规定 公开 范围 按照 做好 应当 教育 政务"]:
        with work.counting() as counted:
            response = client.get("/search/", {"q": q})
            api = client.get("/api/search/", {"q": q})
        assert response.status_code == 200, q
        assert api.status_code == 200, q
        assert counted["search.synonym_alternatives"] <= 2 * analysis.MAX_QUERY_GROUPS * (
            analysis.MAX_SYNONYMS_PER_WORD + 1
        )
    assert "关于招生工作的通知" in client.get("/search/", {"q": "招生"}).content.decode()


def test_expansion_is_bounded_per_word_and_per_query():
    mapping = {}
    words = big_group().split("、")
    for word in words:
        mapping[word] = [other for other in words if other != word]
    analysed = analysis.analyse_query(" ".join(words[:30]), mapping)
    assert all(len(group.alternatives) <= analysis.MAX_SYNONYMS_PER_WORD + 1 for group in analysed.groups)
    assert sum(group.size for group in analysed.groups) <= analysis.MAX_QUERY_TERMS
    assert analysed.synonyms_limited
    # The words typed are always searched.
    assert all(group.alternatives[0] == analysis.tokens_precise(group.word) for group in analysed.groups)


def test_splitting_on_synonyms_costs_the_same_with_many_groups():
    many = {f"词{number:05d}": ["别名"] for number in range(50_000)}
    with work.counting() as counted:
        analysis.analyse_query("招生划片" * 25, many)
    assert counted["search.synonym_lookups"] <= analysis.MAX_QUERY_CHARACTERS * 2


def test_the_synonym_form_refuses_a_group_that_is_too_large_with_the_input_kept(admin_client):
    terms = big_group()
    response = admin_client.post(
        "/admin/search/synonymgroup/create/", {"terms": terms, "kind": "equivalent", "note": "太多"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "最多 10 个词" in text and "161" in text
    assert terms in text  # nothing typed is lost
    assert not SynonymGroup.objects.filter(note="太多").exists()


def test_the_synonym_form_refuses_a_word_that_would_find_too_many_through_several_groups(admin_client):
    SynonymGroup.objects.create(terms="校车、接送车、班车、通勤车、校巴、学生车、接驳车", kind="equivalent")
    response = admin_client.post(
        "/admin/search/synonymgroup/create/",
        {"terms": "校车、甲车、乙车、丙车、丁车", "kind": "equivalent", "note": ""},
    )
    assert response.status_code == 200
    assert "“校车”将对应另外 10 个词" in response.content.decode()
    assert not SynonymGroup.objects.filter(terms__startswith="校车、甲车").exists()


def test_on_every_backend_a_query_of_many_synonyms_finds_what_it_should(engine):
    SynonymGroup.objects.create(terms=big_group(), kind=SynonymGroup.Kind.EQUIVALENT)
    policy(title="关于招生工作的通知")
    engine.refresh()
    outcome = engine.search("招生 学校 入学 工作 规定 公开 范围 按照 做好 应当 教育 政务")
    assert not outcome.unavailable
    assert "关于招生工作的通知" in engine.titles("招生")
