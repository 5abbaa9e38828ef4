"""Home, guide, error pages and the language switch."""

import re

import pytest
from django.test import Client, RequestFactory

from home.models import GuidePage

pytestmark = pytest.mark.django_db


def test_home_page(home):
    response = Client().get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "示例县教育局" in html
    assert html.count('class="tile-list"') == 1
    assert len(re.findall(r'<ul class="tile-list">.*?</ul>', html, re.S)[0].split("<li>")) - 1 == 10
    assert "标准目录" in html


def test_guide_page_is_real_content(home):
    guide = GuidePage.objects.get()
    html = Client().get(guide.url).content.decode()
    assert "<h1>政府信息公开指南</h1>" in html
    assert "依申请公开" in html
    assert "20个工作日内" in html
    # Table of contents links to each section heading.
    for n in range(1, 6):
        assert f'href="#section-{n}"' in html and f'id="section-{n}"' in html
    assert "0734-8000001" in html and "人民路88号" in html


def test_404_is_chinese_and_in_the_layout():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面未找到" in html
    assert 'href="#main"' in html
    assert re.search(r"<title>错误：页面未找到", html)  # the title says there was an error


def test_500_page_is_chinese_and_standalone():
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "抱歉" in html


def test_english_is_the_second_language(item):
    zh = Client().get(item.url).content.decode()
    switch = re.search(r'<nav class="language-switch".*?</nav>', zh, re.S).group(0)
    english_url = re.search(r'<a href="([^"]+)" lang="en"', switch).group(1)
    assert english_url.startswith("/en/")
    en = Client().get(english_url)
    assert en.status_code == 200
    html = en.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "<dt>Legal basis</dt>" in html
    assert "Within 20 working days" in html
    switch = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)
    back = re.search(r'<a href="([^"]+)" lang="zh-Hans"', switch).group(1)
    assert Client().get(back).status_code == 200
    assert not back.startswith("/en/")


def test_chinese_is_the_default_whatever_the_browser_asks(home):
    html = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="zh-Hans">' in html


def test_the_catalogue_in_english_and_chinese_content_marked_as_such(item):
    """The catalogue's standard English names on /en/; what has none (documents, names of offices) stays
    Chinese, marked lang="zh-Hans"."""
    url = item.url
    html = Client().get("/en" + url).content.decode()
    assert f"<h1>{item.title_en}</h1>" in html and item.title_en == "Enrolment zones"
    nav = re.search(r'<ul class="primary-nav__list" aria-label="Catalogue categories">(.*?)</ul>', html, re.S).group(1)
    assert ">Enrolment</a>" in nav and "招生管理" not in nav
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert ">Home</a>" in crumbs and ">Standard catalogue</a>" in crumbs and "首页" not in crumbs
    assert "<li>Enrolment zones</li>" in html and "Details of the school zones" in html  # content elements
    assert "Government website, Weibo, WeChat and mobile app" in html  # English lists, English separators
    assert "、" not in re.search(r'<section aria-labelledby="item-elements">.*?</section>', html, re.S).group(0)
    assert '<span lang="zh-Hans">基础教育科</span>' in html  # the office has no English name
    zh = Client().get(url).content.decode()
    assert zh.count('lang="zh-Hans"') == 2  # <html> and the language switch's own entry
    assert "<h1>招生范围</h1>" in zh and "Enrolment zones" not in zh


def test_the_home_page_features_the_finder_and_starts_with_its_h1(home):
    html = Client().get("/").content.decode()
    headings = re.findall(r"<h([1-6])[ >]", html)
    assert headings[0] == "1", headings  # no (visually hidden) h2 before the h1
    box = re.search(r'<section class="finder-box".*?</section>', html, re.S).group(0)
    assert '<form class="finder-box__form" action="/catchment/" method="get">' in box
    assert '<label for="home-finder-address">' in box
    assert html.index('class="finder-box"') < html.index(
        'id="home-notices"' if 'id="home-notices"' in html else 'id="home-latest"'
    )
    # Its example is one the default year's zones decide.
    example = re.search(r"例如“([^”]+)”", box).group(1)
    result = Client().get("/catchment/", {"address": example}).content.decode()
    assert "已按公布的划片规则确定" in result
