"""Every public page type of the catalogue renders its content, accessibly."""

import re

import pytest
from django.test import Client

from disclosure.models import CatalogueItemPage, CategoryPage

pytestmark = pytest.mark.django_db


def get(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_catalogue_has_contents_and_one_accessible_table_per_category(catalogue):
    html = get(catalogue.url)
    assert '<html lang="zh-Hans">' in html
    # A table of contents with jump links to every category and item.
    toc = re.search(r'<nav class="toc catalogue-toc".*?</nav>', html, re.S).group(0)
    targets = re.findall(r'href="#((?:category|item)-\d+)"', toc)
    assert len(targets) == 10 + 31
    for target in targets:
        assert f'id="{target}"' in html
    # One table per category, each with its caption and column headers with scope.
    assert html.count("<table") == 10 and html.count("<caption>") == 10
    assert len(re.findall(r'<th scope="col"', html)) == 10 * 7
    assert len(re.findall(r'<th scope="row"', html)) == 31
    # Each cell carries its column label for the stacked layout on phones.
    assert len(re.findall(r'<td data-label="公开依据"', html)) == 31
    for label in ["公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象、公开方式和公开层级"]:
        assert f">{label}</th>" in html
    assert "部门和地方政府规章" in html
    assert "县级、乡级" in html
    assert "其他：中小学生学籍(信息管理系统)" in html


def test_catalogue_counts_documents_per_item_and_links_the_finder_from_enrolment_zones(catalogue):
    from disclosure.models import EnrolmentZonePage

    html = get(catalogue.url)
    zones = CatalogueItemPage.objects.get(catalogue_key="招生管理/招生范围")
    row = re.search(rf'<th scope="row" id="item-{zones.pk}".*?</th>', html, re.S).group(0)
    assert f"共 {EnrolmentZonePage.objects.live().count()} 条信息" in row
    assert 'href="/catchment/"' in row and "按住址查询对口学校" in row
    laws = CatalogueItemPage.objects.get(catalogue_key="政策文件/教育法律")
    assert "共 0 条信息" in re.search(rf'<th scope="row" id="item-{laws.pk}".*?</th>', html, re.S).group(0)
    # The item's own page links the finder too.
    assert 'href="/catchment/"' in get(zones.url).split("<main", 1)[1]


def test_catalogue_shows_no_provenance_to_the_public(catalogue, item):
    for url in (catalogue.url, item.url, item.get_parent().url):
        html = get(url)
        assert "seed 002" not in html
        assert "inferred" not in html
        assert "推断" not in html


def test_category_page_lists_its_items():
    category = CategoryPage.objects.get(title="招生管理")
    html = get(category.url)
    assert "<h1>招生管理</h1>" in html
    for item in CatalogueItemPage.objects.child_of(category):
        assert item.title in html
    assert 'aria-current="page"' in html


def test_item_page_shows_every_element_as_labelled_fields(item):
    html = get(item.url)
    assert f"<h1>{item.title}</h1>" in html
    for label in [
        "公开内容",
        "公开依据",
        "公开时限",
        "公开主体",
        "承办科室",
        "公开渠道和载体",
        "公开对象",
        "公开方式",
        "公开层级",
    ]:
        assert f"<dt>{label}</dt>" in html
    assert "信息形成或者变更之日起20个工作日内" in html
    assert "基础教育科" in html and "0734-8000003" in html
    assert "全社会" in html and "主动公开" in html and "县级" in html
    # The demo enrolment zones are filed under 招生范围.
    assert "本事项下的公开信息" in html
    assert "2018年环城南路小学招生范围" in html
    # Empty state for the disclosures that later issues will file here.
    empty = get(CatalogueItemPage.objects.get(catalogue_key="招生管理/招生程序").url)
    assert "本事项下的公开信息" in empty
    assert "暂无" in empty
    assert "政府信息公开指南" in empty or "如何申请公开" in empty


def test_breadcrumbs_lead_home(item):
    html = get(item.url)
    crumbs = re.search(r'<nav class="breadcrumbs" aria-label="[^"]+">(.*?)</nav>', html, re.S).group(1)
    assert [t.strip() for t in re.findall(r">([^<>]+)</(?:a|span)>", crumbs)] == [
        "首页",
        "标准目录",
        "招生管理",
        "招生范围",
    ]
    assert '<span aria-current="page">招生范围</span>' in crumbs


def test_layout_landmarks_skip_link_and_navigation(item):
    html = get(item.url)
    assert re.search(r'<body[^>]*>\s*<a class="skip-link" href="#main">跳到主要内容</a>', html)
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    nav = re.search(r'<nav class="primary-nav".*?</nav>', html, re.S).group(0)
    assert (
        len(re.findall(r"<li><a ", nav)) == 10 + 3
    )  # ten categories, the catalogue, the guide and the catchment finder
    assert "示例县教育局" in html
    assert "12345" in html  # complaint channel in the footer
    assert 'role="search"' in html


def test_unpublished_items_are_not_public(item):
    item.unpublish()
    assert Client().get(item.url).status_code == 404
    catalogue_html = get(item.get_parent().get_parent().url)
    assert ">招生范围</a>" not in catalogue_html


def test_a_summary_says_where_the_full_text_was_published():
    from disclosure.models import SafetyNoticePage

    page = SafetyNoticePage.objects.get(source_id="safety-6")
    html = get(page.url)
    assert (
        "本页为已发布文本的摘要或节选。全文：全国农村义务教育学生营养改善计划领导小组办公室发布的2019年第1号预警原文"
        in html
    )
    assert '<th scope="row">发布日期</th><td><time datetime="2019-02-22' in html
