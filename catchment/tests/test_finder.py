"""The finder at /catchment/ and /api/catchment/ with the demo zones: exact
matches with their rule, candidates needing confirmation with the phone,
no match explained, bad input answered with a message (never a 500, nothing
typed lost), only live zones, the year choice, and the navigation."""

import json
import re
from html import unescape

import pytest
from django.db import transaction
from django.test import Client

from catchment import finder
from core import generation
from disclosure.models import EnrolmentZonePage, ZoneRule
from disclosure.tests.helpers import publish_fixture

pytestmark = pytest.mark.django_db

DONE_WHEN = "遂宁市船山区铁货街12号"


def get(url, data=None, status=200):
    response = Client().get(url, data)
    assert response.status_code == status, (url, data, response.status_code)
    return response.content.decode()


def result_region(html):
    """The result section (it comes before the form)."""
    match = re.search(
        r'<section class="finder-result" id="result" aria-labelledby="result-heading">(.*?)</section>', html, re.S
    )
    assert match, "no result region"
    return match.group(1)


def status(html):
    """The one-line summary: the only role="status" region."""
    found = re.findall(r'role="status">(.*?)</', html, re.S)
    assert len(found) == 1, found
    return text(found[0]).strip()


def schools(html):
    """(school, label) of each result card."""
    return re.findall(
        r'<h3 class="card__title" id="match-\d+"><span>([^<]+)</span></h3>\s*<p class="finder-match__status"><strong class="tag finder-match__tag">([^<]+)</strong>',
        html,
    )


def text(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))


def test_the_done_when_address_names_its_school_exactly():
    html = get("/catchment/", {"address": DONE_WHEN, "year": 2017})
    region = result_region(html)
    assert schools(region) == [("长乐街小学", "确定")]
    assert "铁货街 属长乐街小学" in text(region)
    assert "读取为" in text(region) and "遂宁市船山区" in text(region)
    # The zone as published, the key dates, the documents, the contacts, the zone page.
    assert "东以滨江中路为界" in region
    assert '<ol class="timeline">' in region and '<ol class="checklist">' in region
    assert "户口簿" in region and 'href="tel:' in region
    page = EnrolmentZonePage.objects.get(school__name="长乐街小学")
    assert f'href="{page.url}"' in region
    # The address box keeps what was typed.
    assert f'value="{DONE_WHEN}"' in html
    # The result comes first and its heading takes focus; only one line is the status region.
    assert html.index('id="result"') < html.index('<form class="finder-form"')
    assert '<h2 id="result-heading" tabindex="-1" autofocus>' in html
    assert status(html) == "长乐街小学：已按公布的划片规则确定。"
    # No fragment in the form's address: a fragment would stop the browser from focusing the result.
    assert 'action="/catchment/"' in html


def test_a_house_number_range_names_its_rule():
    region = result_region(get("/catchment/", {"address": "湖南省衡阳市雁峰区雁城路二十五号", "year": 2018}))
    assert schools(region) == [("中南路小学", "确定")]
    assert "雁城路1–70号 属中南路小学" in text(region)


def test_a_boundary_street_lists_both_neighbours_as_needing_confirmation():
    region = result_region(get("/catchment/", {"address": "衡阳市金果路8号", "year": 2018}))
    assert sorted(schools(region)) == [("中南路小学", "需要确认"), ("环城南路小学", "需要确认")]
    assert text(region).count("金果路 是") == 2  # …是X招生范围的边界
    assert region.count('<p class="notice">') == 2 and "请致电" in text(region)
    assert region.count('href="tel:0734-8000003"') >= 2
    assert "可能属于" in text(region)
    assert "2 所学校" in status(region) and "中南路小学、环城南路小学" in status(region)


def test_one_school_whose_boundary_the_address_is_on_is_no_contradiction():
    """Not "one school is possible" beside "or a neighbouring school"."""
    html = get("/catchment/", {"address": "滨江中路", "year": 2017})
    assert schools(result_region(html)) == [("长乐街小学", "需要确认")]
    line = status(html)
    assert "边界" in line and "相邻学校" in line and "1 所" not in line


def test_a_segment_without_numbers_is_a_candidate():
    region = result_region(get("/catchment/", {"address": "凯旋中路12号", "year": 2017}))
    assert schools(region) == [("长乐街小学", "需要确认")]
    assert "凯旋中路（德胜路口至公园路口段，东侧）" in region


def test_no_match_is_not_an_error_and_says_what_to_do():
    html = get("/catchment/", {"address": "不存在路1号", "year": 2018})
    region = result_region(html)
    assert schools(region) == []
    assert 'class="empty-state"' in region
    assert 'href="/catchment/zones/?year=2018"' in region
    assert "aria-invalid" not in html
    assert "没有找到" in status(html) or "没有" in status(html)


@pytest.mark.parametrize(
    "address", ["遂宁铁货街12号", "四川遂宁铁货街12号", "船山区铁货街十二号", "铁货街12号3栋2单元"]
)
def test_no_match_in_the_chosen_year_links_the_year_that_has_one(address):
    """The default year is 2018 (衡阳); 铁货街 is in the 2017 zones (遂宁)."""
    html = get("/catchment/", {"address": address})
    assert schools(result_region(html)) == []
    assert "2017" in status(html)
    link = re.search(r'<ul class="finder-other-years">\s*<li><a href="([^"]+)">', html).group(1)
    assert link.endswith("&amp;year=2017")
    followed = get(unescape(link))
    assert schools(result_region(followed)) == [("长乐街小学", "确定")]
    # The notice about the default year is not shown for 2017.
    assert 'id="finder-year-hint"' not in followed and 'id="finder-year-hint"' in html


def test_every_example_in_the_hints_works_with_the_defaults():
    html = get("/catchment/")
    hint = re.search(r'<p class="form-hint" id="finder-address-hint">(.*?)</p>', html, re.S).group(1)
    examples = re.findall(r"“([^”]+)”", text(hint))
    assert examples, hint
    for example in examples:
        assert "确定" in [
            label for _school, label in schools(result_region(get("/catchment/", {"address": example})))
        ], example
    # The advice after no match names a street of the year, which works alone.
    advice = text(result_region(get("/catchment/", {"address": "不存在路1号"})))
    street = re.search(r"只输入街道名（例如“([^”]+)”）", advice).group(1)
    assert "确定" in [label for _school, label in schools(result_region(get("/catchment/", {"address": street})))]


@pytest.mark.parametrize(
    "address, year, field",
    [
        ("", "2018", "address"),
        ("   ", "2018", "address"),
        ("铁" * 10_000, "2018", "address"),
        ("<b></b>", "2018", "address"),
        ("，。；", "2018", "address"),
        ("铁货街\x0012号", "2018", "address"),
        ("铁货街12号", "1999", "year"),
        ("铁货街12号", "abc", "year"),
    ],
    ids=[
        "empty",
        "spaces",
        "10000-characters",
        "markup",
        "punctuation",
        "nul",
        "year-without-zones",
        "year-not-a-number",
    ],
)
def test_bad_input_gets_a_message_tied_to_its_field(address, year, field):
    html = get("/catchment/", {"address": address, "year": year})
    error_id = f"finder-{field}-error"
    assert re.search(rf'<p class="field-error" id="{error_id}">[^<]+</p>', html)
    control = re.search(rf'<(?:input|select) id="finder-{field}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in control and error_id in control
    assert "<script>" not in html.split("<main", 1)[1]
    # Nothing typed is lost (escaped).
    if address.strip() and field == "address" and "\x00" not in address:
        assert f'value="{address.replace("<", "&lt;").replace(">", "&gt;")}"' in html
    # GOV.UK's pattern: the title says there is an error, the summary takes focus and links the field.
    assert re.search(r"<title>错误：", html)
    summary = re.search(
        r'<div class="error-summary" id="error-summary" tabindex="-1" autofocus>(.*?)</div>\s*</div>', html, re.S
    )
    assert summary and f'href="#finder-{field}"' in summary.group(1) and "请" in text(summary.group(1))
    assert 'id="result"' not in html


def test_markup_is_escaped_and_ignored():
    html = get("/catchment/", {"address": "<script>alert(1)</script>铁货街12号", "year": "2017"})
    assert schools(result_region(html)) == [("长乐街小学", "确定")]
    assert "<script>alert" not in html
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;铁货街12号"' in html


def test_sql_is_just_an_address():
    html = get("/catchment/", {"address": "铁货街12号'; DROP TABLE wagtailcore_page; --", "year": "2017"})
    assert schools(result_region(html)) == [("长乐街小学", "确定")]
    assert EnrolmentZonePage.objects.count() == 14


def test_the_empty_finder_has_a_labelled_form_and_no_result():
    html = get("/catchment/")
    assert '<label for="finder-address">' in html and '<label for="finder-year">' in html
    assert 'aria-describedby="finder-address-hint"' in html
    assert 'role="status"' not in html and 'id="result"' not in html and "<title>错误" not in html
    # No zones for this year yet: the newest year with zones is chosen, and the page says so.
    assert re.search(r'<option value="2018" selected>2018</option><option value="2017">2017</option>', html)
    hint = re.search(r'<p class="form-hint" id="finder-year-hint">(.*?)</p>', html, re.S).group(1)
    assert f"{finder.current_enrolment_year()}年" in hint and "2018" in hint


def test_the_default_year_is_the_current_enrolment_year_when_published():
    assert finder.default_year([2026, 2018], __import__("datetime").date(2026, 11, 30)) == 2026
    assert finder.default_year([2018, 2017], __import__("datetime").date(2026, 11, 30)) == 2018
    assert finder.default_year([], __import__("datetime").date(2026, 11, 30)) is None


def test_the_english_finder():
    html = get("/en/catchment/", {"address": DONE_WHEN, "year": 2017})
    assert '<html lang="en">' in html
    region = result_region(html)
    assert "Exact match" in region
    assert '<span lang="zh-Hans">铁货街</span> belongs to <span lang="zh-Hans">长乐街小学</span>' in region
    assert '<blockquote class="zone-text" lang="zh-Hans">' in region


def test_the_finder_is_in_the_primary_navigation_with_aria_current(home):
    nav = lambda html: re.search(r'<nav class="primary-nav".*?</nav>', html, re.S).group(0)  # noqa: E731
    assert '<a href="/catchment/">招生划片查询</a>' in nav(get(home.url))
    assert '<a href="/catchment/" aria-current="page">' in nav(get("/catchment/"))
    assert '<a href="/catchment/" aria-current="true">' in nav(get("/catchment/zones/"))
    assert '<a href="/en/catchment/" aria-current="page">' in nav(get("/en/catchment/"))


def test_only_live_zones_are_used(item):
    page = EnrolmentZonePage.objects.get(school__name="长乐街小学")
    page.unpublish()
    region = result_region(get("/catchment/", {"address": DONE_WHEN, "year": 2017}))
    assert schools(region) == []
    # A draft of a new year is not offered.
    source = EnrolmentZonePage.objects.get(school__name="中南路小学")
    draft = EnrolmentZonePage(
        title="草稿",
        slug="draft-2030",
        year=2030,
        stage="primary",
        school=source.school,
        zone_description="草稿范围",
        issuing_office=item.office,
        live=False,
    )
    draft.rules = [ZoneRule(rule="include", kind="street", name="雁城路")]
    item.add_child(instance=draft)
    draft.save_revision()
    assert not draft.live
    assert '<option value="2030"' not in get("/catchment/")
    html = get("/catchment/", {"address": "雁城路12号", "year": "2030"})
    assert 'id="finder-year-error"' in html
    assert "草稿" not in get("/catchment/zones/")
    assert Client().get("/catchment/zones/2030.csv").status_code == 404


def test_under_one_content_generation_the_matcher_costs_no_query(item, django_assert_num_queries):
    finder.matcher_for(2017)
    with generation.request_scope():  # as a request reads it
        with django_assert_num_queries(0):
            first = finder.matcher_for(2017)
            assert finder.matcher_for(2017) is first
    generation.bump()  # something else changed: the zones' version (and the view restrictions it
    # excludes) says the zones did not, and the matcher is kept
    with generation.request_scope():
        with django_assert_num_queries(2):
            assert finder.matcher_for(2017) is first


def test_the_matcher_follows_publishing_unpublishing_and_deletion(item):
    first = finder.matcher_for(2017)
    assert finder.matcher_for(2017) is first  # unchanged: not rebuilt
    page = EnrolmentZonePage.objects.get(school__name="高升实验小学")
    latest = page.get_latest_revision_as_object()
    latest.rules = [*list(latest.rules.all()), ZoneRule(rule="include", kind="street", name="新街")]
    publish_fixture(latest.save_revision())
    assert [m.zone.school for m in finder.lookup("新街1号", 2017).matches] == ["高升实验小学"]
    EnrolmentZonePage.objects.get(pk=page.pk).unpublish()
    assert finder.lookup("新街1号", 2017).matches == []
    EnrolmentZonePage.objects.get(school__name="长乐街小学").delete()
    assert finder.lookup(DONE_WHEN, 2017).matches == []
    assert finder.years() == [2018, 2017]


def test_a_change_another_process_made_is_seen_at_the_next_lookup(item):
    """What another process changed, this one sees: the content generation
    it moved on (in the database, with the change) makes this process read
    the zones' version again. Simulated here by a write without signals and
    the bump its process's signal handler made."""
    assert finder.lookup(DONE_WHEN, 2017).matches
    with transaction.atomic():
        EnrolmentZonePage.objects.filter(school__name="长乐街小学").update(live=False)
        generation.bump()
    assert finder.lookup(DONE_WHEN, 2017).matches == []


# ---- JSON ---------------------------------------------------------------------------


def test_the_json_api():
    response = Client().get("/api/catchment/", {"address": DONE_WHEN, "year": 2017})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    page = EnrolmentZonePage.objects.get(school__name="长乐街小学")
    assert data == {
        "normalized": "铁货街12号",
        "year": 2017,
        "matches": [
            {
                "school": "长乐街小学",
                "stage": "primary",
                "rule": "铁货街",
                "reason": "street",
                "confidence": "exact",
                "zone_url": "http://testserver" + page.url,
            }
        ],
    }
    assert "长乐街小学" in response.content.decode()  # UTF-8, not \\u escapes
    candidates = Client().get("/api/catchment/", {"address": "金果路", "year": 2018}).json()
    assert sorted((m["school"], m["confidence"], m["reason"]) for m in candidates["matches"]) == [
        ("中南路小学", "candidate", "boundary"),
        ("环城南路小学", "candidate", "boundary"),
    ]
    # The year defaults like the page's.
    assert Client().get("/api/catchment/", {"address": "金果路"}).json()["year"] == 2018


@pytest.mark.parametrize(
    "params",
    [{}, {"address": ""}, {"address": "铁" * 10_000}, {"address": "<b></b>"}, {"address": "铁货街", "year": "1999"}],
)
def test_the_json_api_answers_bad_input_with_a_message(params):
    response = Client().get("/api/catchment/", params)
    assert response.status_code == 200
    data = response.json()
    assert data["matches"] == [] and data["error"]
    assert re.search(r"[\u4e00-\u9fff]", data["error"])  # in Chinese


# ---- the zone list and the open data ------------------------------------------------


def test_the_zone_list_shows_every_school_filterable_by_stage():
    html = get("/catchment/zones/", {"year": 2017})
    table = re.search(r'<table class="responsive-table data-table zone-table">.*?</table>', html, re.S).group(0)
    assert "<caption>" in table and '<th scope="col">' in table
    assert re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', table) == [
        "城北小学",
        "长乐街小学",
        "高升实验小学",
    ]
    assert "东以滨江中路为界" in table
    assert 'href="/catchment/zones/2017.csv"' in html
    junior = get("/catchment/zones/", {"year": 2017, "stage": "junior"})
    assert "zone-table" not in junior and 'class="empty-state"' in junior
    assert '<option value="junior" selected>' in junior
    bad = get("/catchment/zones/", {"year": "1999", "stage": "senior"})
    assert 'id="zones-year-error"' in bad and 'id="zones-stage-error"' in bad
    assert 'aria-invalid="true"' in bad
    assert "<title>错误：" in bad and 'href="#zones-year"' in bad and 'href="#zones-stage"' in bad


def test_the_year_csv_is_the_import_format():
    response = Client().get("/catchment/zones/2018.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="catchment-zones-2018.csv"' in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    lines = body.splitlines()
    assert lines[0] == "\ufeff年度,学段,学校,规则,类型,名称,起,止,单双号,备注"
    assert "2018,小学,中南路小学,包含,门牌,雁城路,1,70,全," in lines
    assert sum(1 for line in lines if ",描述,范围," in line) == 11
    assert Client().get("/catchment/zones/1999.csv").status_code == 404


def test_without_published_zones_the_finder_says_so(item):
    EnrolmentZonePage.objects.all().delete()
    html = get("/catchment/", {"address": DONE_WHEN, "year": "2017"})
    assert "尚未公布招生划片" in text(html)
    assert "field-error" not in html and "<form" not in html.split("<main", 1)[1]
    assert Client().get("/api/catchment/", {"address": DONE_WHEN}).status_code == 404
    assert "尚未公布招生划片" in get("/catchment/zones/")


def test_head_requests_are_answered():
    for url in (
        "/catchment/",
        "/catchment/zones/",
        "/catchment/zones/2018.csv",
        "/api/catchment/?address=%E9%87%91%E6%9E%9C%E8%B7%AF",
    ):
        assert Client().head(url).status_code == 200, url


def test_an_exact_school_and_candidates_at_another_stage(item):
    from catchment.importer import apply_plan, plan_file

    from .helpers import csv_bytes, zone

    apply_plan(plan_file(csv_bytes(zone(2018, "雁峰中学", ("边界", "边界", "雁城路"), stage="初中")), "z.csv"))
    region = result_region(get("/catchment/", {"address": "雁城路12号", "year": 2018}))
    assert schools(region) == [("中南路小学", "确定"), ("雁峰中学", "需要确认")]
    line = status(region)
    assert line.startswith("中南路小学：已按公布的划片规则确定。") and "另一学段" in line
