"""The public search behaves alike on every backend (see conftest.py)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from disclosure.models import Validity
from disclosure.tests.helpers import item_named, policy, publish_fixture
from search.models import SynonymGroup

pytestmark = pytest.mark.django_db


def test_a_word_inside_a_run_of_chinese_is_found(engine):
    page = policy(title="2024年解放路小学招生划片范围公告")
    engine.refresh()
    for word in ("招生", "划片", "解放路", "解放路小学", "范围公告"):
        assert page.title in engine.all_titles(word), word
    assert engine.titles("解放路小学招生")[0] == page.title


def test_the_admin_page_search_understands_chinese_too(engine):
    page = policy(title="2024年解放路小学招生划片范围公告")
    if engine.is_elasticsearch:
        call_command("update_index", backend_name=engine.name, verbosity=0)
    found = Page.objects.search("划片", backend=engine.name)
    assert page.pk in [result.pk for result in found]


def test_a_document_number_is_found_and_weighs_like_the_title(engine):
    page = policy(title="关于做好春季开学工作的通知", document_number="某教发〔2025〕37号")
    policy(title="关于开学的说明", summary="参照某教发〔2025〕37号执行，并参照有关规定。")
    engine.refresh()
    assert engine.titles("某教发〔2025〕37号")[0] == page.title
    assert engine.titles("教发[2025]37号")[0] == page.title


def test_pages_of_results_neither_repeat_nor_skip(engine):
    outcome = engine.search("招生")
    assert outcome.total > 20
    seen = []
    for number in range(1, outcome.num_pages + 1):
        seen += [hit.document.page_id for hit in engine.search("招生", page=number).hits]
    assert len(seen) == outcome.total == len(set(seen))


def test_pages_straddling_the_postgresql_rescore_window_neither_repeat_nor_skip(engine, monkeypatch):
    from search.backends.database import postgres

    monkeypatch.setattr(postgres, "RESCORE_WINDOW", 7)  # PostgreSQL ranks only the first 7 exactly
    outcome = engine.search("招生")
    seen = []
    for number in range(1, outcome.num_pages + 1):
        seen += [hit.document.page_id for hit in engine.search("招生", page=number).hits]
    assert len(seen) == outcome.total == len(set(seen))


def test_valid_documents_rank_above_repealed_ones_which_are_labelled(engine):
    current = policy(title="关于课后服务的通知")
    repealed = policy(
        title="关于课后服务课后服务收费的通知",
        summary="课后服务课后服务课后服务",
        validity=Validity.REPEALED,
        superseded_by=current,
    )
    engine.refresh()
    hits = engine.search("课后服务").hits
    titles = [hit.title for hit in hits]
    assert titles.index(current.title) < titles.index(repealed.title)
    labelled = {hit.title: (hit.repealed, hit.validity_label) for hit in hits}
    assert labelled[repealed.title] == (True, "废止")
    assert labelled[current.title] == (False, "有效")


def test_facet_counts_are_the_numbers_of_results_of_each_filter(engine):
    outcome = engine.search("招生")
    facets = {facet.name: facet for facet in outcome.facets}
    assert {"category", "item", "type", "validity"} <= set(facets)
    for name in ("category", "item", "type", "year", "office", "validity"):
        for option in facets[name].options if name in facets else []:
            filtered = engine.search("招生", **{name: option.value})
            assert filtered.total == option.count, (name, option.label)
            assert filtered.params.filters == {name: option.value}
    type_counts = sum(option.count for option in facets["type"].options)
    assert type_counts == outcome.total


def test_filters_narrow_and_combine(engine):
    zones = engine.search("招生", type="enrolmentzonepage")
    assert zones.total and all(hit.document.kind == "enrolmentzonepage" for hit in zones.hits)
    # The demo zones keep their sources' dates: 2018's published in 2020, 2017's in 2017.
    years = {hit.document.year for hit in engine.search("招生", type="enrolmentzonepage", page=2).hits + zones.hits}
    assert years == {2017, 2020}
    by_year = [engine.search("招生", type="enrolmentzonepage", year=year).total for year in sorted(years)]
    assert all(by_year) and sum(by_year) == zones.total
    assert engine.search("招生", type="enrolmentzonepage", year=1999).total == 0


def test_sorting_by_date_puts_the_newest_first(engine):
    newest = policy(title="关于招生工作的最新通知")
    engine.refresh()
    hits = engine.search("招生", sort="date").hits
    assert hits[0].title == newest.title
    dates = [hit.document.published for hit in hits]
    assert dates == sorted(dates, reverse=True)


def test_synonyms_find_each_other_and_the_words_typed_come_first(engine):
    typed = policy(title="关于学区调整的说明")
    engine.refresh()
    outcome = engine.search("学区")
    titles = [hit.title for hit in outcome.hits]
    assert titles[0] == typed.title
    assert any("招生范围" in title for title in titles)  # 学区、划片、施教区、招生范围 (default group)


def test_editors_synonyms_apply_at_once(engine):
    page = policy(title="关于校车安全的通知")
    engine.refresh()
    assert engine.search("接送车").total == 0
    SynonymGroup.objects.create(terms="校车、接送车", kind=SynonymGroup.Kind.EQUIVALENT)
    assert page.title in engine.titles("接送车")


def test_a_collective_term_finds_its_parts_and_the_parts_find_it(engine):
    budget = policy(title="2025年部门预算公开说明")
    both = policy(title="2025年部门预决算公开目录")
    final = policy(title="2024年部门决算公开说明")
    engine.refresh()
    assert {budget.title, both.title, final.title} <= set(engine.titles("预决算"))
    found = set(engine.titles("预算"))
    assert {budget.title, both.title} <= found
    assert final.title not in found  # the parts do not find each other


def test_when_no_page_has_every_word_pages_with_some_are_offered(engine):
    outcome = engine.search("停课 火星")
    assert outcome.relaxed
    assert any("停课" in hit.title for hit in outcome.hits)


def test_a_query_that_finds_nothing_gets_suggestions(engine):
    outcome = engine.search("划骗")
    assert outcome.total == 0
    assert "划片" in outcome.suggestions


def test_only_live_public_current_pages_are_found(engine):
    draft = policy(title="草稿中的招生补充说明", publish=False)
    expired = policy(title="已过期的招生补充说明")
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=5))
    expired.search_document.expire_at = timezone.now() - datetime.timedelta(minutes=5)
    expired.search_document.save()
    private = policy(title="内部的招生补充说明")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    withdrawn = policy(title="已撤回的招生补充说明")
    withdrawn.unpublish()
    shown = policy(title="公开的招生补充说明")
    engine.refresh()
    titles = engine.titles("招生补充说明")
    assert titles == [shown.title]
    assert draft.title not in titles


def test_a_draft_of_a_live_page_is_not_searchable_until_published(engine):
    page = policy(title="关于秋季学期的通知")
    page.title = "关于秋季学期的通知（修订稿）"
    page.summary = "鹦鹉螺号潜水艇"
    page.save_revision()
    engine.refresh()

    def found(query):
        return [hit.title for hit in engine.search(query).hits if hit.document.page_id == page.pk]

    assert found("鹦鹉螺号潜水艇") == []
    assert found("秋季学期") == ["关于秋季学期的通知"]
    publish_fixture(page.get_latest_revision())
    engine.refresh()
    assert found("鹦鹉螺号潜水艇") == ["关于秋季学期的通知（修订稿）"]


def test_moving_a_page_files_it_under_its_new_item(engine):
    page = policy(title="关于招生咨询电话的公告")
    target = item_named("招生管理/招生政策")
    page.move(target, pos="last-child")
    engine.refresh()
    hit = next(hit for hit in engine.search("招生咨询电话").hits if hit.document.page_id == page.pk)
    assert (hit.category, hit.item) == ("招生管理", "招生政策")
