"""The import: atomic, every bad row reported with its line number,
--partial, unknown schools created, existing zones' rules replaced (or left
alone when unchanged), drafts, conflicts with unpublished changes, the
personal-data screening, and the export read back unchanged."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Page, Revision

from catchment.importer import CREATE, REPLACE, UNCHANGED, ImportRefused, apply_plan, plan_file
from disclosure.models import EnrolmentKeyDate, EnrolmentZonePage, School, ZoneRule
from disclosure.tests.helpers import row_counts

from .helpers import csv_bytes, xlsx_bytes, zone

pytestmark = pytest.mark.django_db

GOOD = zone(
    2026,
    "东风路小学",
    ("包含", "门牌", "东风路", "1", "70", "单"),
    ("包含", "路段", "解放路", "东风路", "人民路", "", "东侧"),
    ("包含", "小区", "阳光花园小区", "", "", "", "别名：阳光小区"),
    ("排除", "门牌", "东风路", "31", "41", "单"),
    ("边界", "边界", "人民路", "", "", "", "西界，街心"),
) + zone(2026, "人民路中学", ("包含", "街道", "人民路"), stage="初中")


def counts():
    return row_counts(Page, ZoneRule, School, Revision)


def write(tmp_path, rows, name="zones.csv"):
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows) if name.endswith(".csv") else xlsx_bytes(rows))
    return str(path)


def test_a_good_file_creates_pages_and_schools(item):
    plan = plan_file(csv_bytes(GOOD), "zones.csv")
    assert plan.ok, plan.messages()
    assert [(z.title, z.action, len(z.rules)) for z in plan.zones] == [
        ("2026年东风路小学招生范围", CREATE, 5),
        ("2026年人民路中学初中招生范围", CREATE, 1),
    ]
    assert plan.new_schools == ["东风路小学", "人民路中学"]
    result = apply_plan(plan)
    assert result.schools_created == ["东风路小学", "人民路中学"]
    assert School.objects.get(name="人民路中学").stage == School.Stage.JUNIOR
    page = EnrolmentZonePage.objects.get(school__name="东风路小学", year=2026)
    assert page.live and not page.has_unpublished_changes and page.index_number
    assert page.get_parent().specific == item and page.issuing_office == item.office
    assert page.zone_description == "东至东风路，西至人民路。"
    # Numbered in the file's order (unnumbered rules come back in any order on PostgreSQL).
    assert [rule.sort_order for rule in page.rules.all()] == [0, 1, 2, 3, 4]
    assert [rule.label for rule in page.rules.all()] == [
        "东风路1–70号（单号）",
        "解放路（东风路至人民路段，东侧）",
        "阳光花园小区",
        "东风路31–41号（单号）",
        "人民路",
    ]
    assert page.rules.get(kind="compound").aliases == "阳光小区"
    assert page.rules.get(rule="boundary").note == "西界，街心"


def test_a_bad_file_is_refused_whole_with_every_bad_row_and_its_line(item, tmp_path):
    rows = [list(row) for row in GOOD]  # lines 2–9
    rows += zone(2026, "南门小学", ("包含", "门牌", "南门路", "70", "1"), ("包括", "街道", "北门路"))  # lines 10–12
    rows[2][8] = "奇"  # line 4: 单双号
    rows.append(["2026", "高中", "一中", "包含", "街道", "一中路", "", "", "", ""])  # line 13
    before = counts()
    plan = plan_file(csv_bytes(rows), "zones.csv")
    assert [(p.line, p.column) for p in plan.problems] == [(4, "单双号"), (11, "止"), (12, "规则"), (13, "学段")]
    assert plan.new_schools == ["人民路中学"]  # only the schools of zones without problems
    with pytest.raises(ImportRefused):
        apply_plan(plan)
    assert counts() == before
    with pytest.raises(CommandError) as error:
        call_command(
            "import_catchments", write(tmp_path, rows), stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w")
        )
    assert "4" in str(error.value) and "--partial" in str(error.value)
    assert counts() == before


def test_the_command_reports_every_bad_row_with_its_line_number(item, tmp_path, capsys):
    rows = [*GOOD, ["2026", "小学", "东风路小学", "包含", "门牌", "东风路", "1", "", "", ""]]
    with pytest.raises(CommandError):
        call_command("import_catchments", write(tmp_path, rows))
    err = capsys.readouterr().err
    assert "第10行，止：" in err


def test_partial_applies_the_valid_zones_only(item, tmp_path):
    rows = GOOD + zone(2026, "南门小学", ("包含", "门牌", "南门路", "70", "1"))
    plan = plan_file(csv_bytes(rows), "zones.csv")
    result = apply_plan(plan, partial=True)
    assert result.created == ["2026年东风路小学招生范围", "2026年人民路中学初中招生范围"]
    assert result.skipped == ["2026年南门小学招生范围"]
    assert not EnrolmentZonePage.objects.filter(school__name="南门小学").exists()
    assert not School.objects.filter(name="南门小学").exists()


def test_the_partial_command_applies_and_still_fails(item, tmp_path):
    rows = GOOD + zone(2026, "南门小学", ("包含", "门牌", "南门路", "70", "1"))
    with pytest.raises(CommandError):
        call_command(
            "import_catchments",
            write(tmp_path, rows),
            "--partial",
            stdout=open("/dev/null", "w"),
            stderr=open("/dev/null", "w"),
        )
    assert EnrolmentZonePage.objects.filter(year=2026).count() == 2


def test_xlsx_imports_like_csv(item, tmp_path):
    call_command("import_catchments", write(tmp_path, GOOD, "zones.xlsx"), stdout=open("/dev/null", "w"))
    assert EnrolmentZonePage.objects.filter(year=2026).count() == 2


def test_an_existing_zone_has_its_rules_replaced_and_keeps_the_rest(item):
    page = EnrolmentZonePage.objects.get(school__name="中南路小学")
    revisions = page.revisions.count()
    rows = zone(2018, "中南路小学", ("包含", "门牌", "雁城路", "1", "80"), ("边界", "边界", "金果路"), description=None)
    plan = plan_file(csv_bytes(rows), "zones.csv")
    (planned,) = plan.zones
    assert (planned.action, planned.old_rule_count, len(planned.rules), planned.description_changed) == (
        REPLACE,
        6,
        2,
        False,
    )
    result = apply_plan(plan)
    assert result.replaced == [page.title]
    page = EnrolmentZonePage.objects.get(pk=page.pk)
    assert [rule.label for rule in page.rules.all()] == ["雁城路1–80号", "金果路"]
    assert page.revisions.count() == revisions + 1 and page.live and not page.has_unpublished_changes
    # What the file does not hold is kept: wording, dates, documents.
    assert page.zone_description.startswith("金果路连仙姬巷")
    assert page.key_dates.count() == 3 and len(page.required_documents) == 4


def test_a_description_row_replaces_the_wording_and_further_ones_are_details(item):
    rows = zone(
        2018,
        "中南路小学",
        ("描述", "范围", "两校共同学区见附件"),
        ("包含", "街道", "雁城路"),
        description="新的范围原文",
    )
    plan = plan_file(csv_bytes(rows), "zones.csv")
    assert plan.zones[0].description_changed
    apply_plan(plan)
    page = EnrolmentZonePage.objects.get(school__name="中南路小学")
    assert page.zone_description == "新的范围原文"
    assert [(r.rule, r.label) for r in page.rules.all()] == [
        ("description", "两校共同学区见附件"),
        ("include", "雁城路"),
    ]


def test_the_export_reads_back_unchanged(item):
    response = Client().get("/catchment/zones/2017.csv")
    assert response.status_code == 200
    before = counts()
    plan = plan_file(response.content, "catchment-zones-2017.csv")
    assert plan.ok, plan.messages()
    assert {zone.action for zone in plan.zones} == {UNCHANGED} and len(plan.zones) == 3
    result = apply_plan(plan)
    assert len(result.unchanged) == 3 and result.replaced == [] and result.pages == []
    assert counts() == before


def test_drafts_leave_the_published_zone_alone(item):
    page = EnrolmentZonePage.objects.get(school__name="中南路小学")
    rows = zone(2018, "中南路小学", ("包含", "街道", "雁城路"), description=None) + GOOD
    result = apply_plan(plan_file(csv_bytes(rows), "zones.csv", publish=False), publish=False)
    assert result.replaced == [page.title] and len(result.created) == 2
    page = EnrolmentZonePage.objects.get(pk=page.pk)
    assert page.live and page.has_unpublished_changes
    assert page.rules.count() == 6  # the live rules
    assert [r.name for r in page.get_latest_revision_as_object().rules.all()] == ["雁城路"]
    new = EnrolmentZonePage.objects.get(school__name="东风路小学")
    assert not new.live and new.has_unpublished_changes
    assert Client().get("/catchment/zones/?year=2026").status_code == 200
    assert "东风路小学" not in Client().get("/catchment/zones/?year=2018").content.decode()


def test_a_zone_with_unpublished_changes_is_not_touched(item):
    page = EnrolmentZonePage.objects.get(school__name="中南路小学")
    draft = page.get_latest_revision_as_object()
    draft.zone_description = "编辑的草稿"
    draft.save_revision()
    plan = plan_file(csv_bytes(zone(2018, "中南路小学", ("包含", "街道", "雁城路"), description=None)), "z.csv")
    assert len(plan.problems) == 1 and plan.problems[0].line == 2
    assert "unpublished" in plan.problems[0].message or "未发布" in plan.problems[0].message
    with pytest.raises(ImportRefused):
        apply_plan(plan)
    assert EnrolmentZonePage.objects.get(pk=page.pk).rules.count() == 6


def test_zone_level_problems_are_reported_on_the_zone_first_line(item):
    rows = (
        zone(2026, "无原文小学", ("包含", "街道", "甲路"), description=None)  # line 2
        + zone(2026, "长乐街小学", ("包含", "街道", "乙路"), stage="初中")  # lines 3–4: a primary school
        + zone(2026, "重复小学", ("包含", "街道", "丙路"), ("包含", "街道", "丙路"))  # lines 5–7
    )
    plan = plan_file(csv_bytes(rows), "zones.csv")
    assert [(p.line, p.column) for p in plan.problems] == [(2, ""), (3, ""), (7, "")]
    assert "描述" in plan.problems[0].message
    assert "长乐街小学" in plan.problems[1].message
    assert "6" in plan.problems[2].message


def test_a_bad_description_row_is_reported_once(item):
    rows = zone(2026, "东风路小学", ("包含", "街道", "东风路"), description=None)
    rows.insert(0, ["2026", "小学", "东风路小学", "描述", "街道", "原文", "", "", "", ""])
    plan = plan_file(csv_bytes(rows), "zones.csv")
    assert [(p.line, p.column) for p in plan.problems] == [(2, "类型")]


def test_a_new_school_enrolling_at_both_stages_is_a_nine_year_school(item):
    rows = zone(2026, "飞雁九年制学校", ("包含", "街道", "甲路")) + zone(
        2026, "飞雁九年制学校", ("包含", "街道", "甲路"), stage="初中"
    )
    apply_plan(plan_file(csv_bytes(rows), "zones.csv"))
    assert School.objects.get(name="飞雁九年制学校").stage == School.Stage.NINE_YEAR


def test_publishing_is_refused_while_the_screening_finds_personal_data(item):
    rows = zone(2026, "东风路小学", ("包含", "街道", "东风路", "", "", "", "联系人手机13812345678"))
    plan = plan_file(csv_bytes(rows), "zones.csv")
    assert [(p.line, p.column) for p in plan.problems] == [(3, "")]
    assert "138" in plan.problems[0].message and "13812345678" not in plan.problems[0].message
    # As drafts they go to review, where the confidentiality reviewer decides.
    assert plan_file(csv_bytes(rows), "zones.csv", publish=False).ok


def test_the_finder_sees_an_import_at_once(item):
    client = Client()
    assert "东风路小学" not in client.get("/api/catchment/", {"address": "东风路3号", "year": 2018}).content.decode()
    apply_plan(plan_file(csv_bytes(GOOD), "zones.csv"))
    data = client.get("/api/catchment/", {"address": "东风路3号", "year": 2026}).json()
    assert [(m["school"], m["confidence"]) for m in data["matches"]] == [("东风路小学", "exact")]
    data = client.get("/api/catchment/", {"address": "东风路33号", "year": 2026}).json()
    assert data["matches"] == []  # excluded


def test_key_dates_of_new_pages_come_from_the_hook(item):
    def prepare(page):
        page.summary = "准备好的摘要"
        page.key_dates = [EnrolmentKeyDate(stage="registration", start_date="2026-06-01")]

    apply_plan(plan_file(csv_bytes(GOOD), "zones.csv"), prepare_new_page=prepare)
    page = EnrolmentZonePage.objects.get(school__name="东风路小学")
    assert page.summary == "准备好的摘要" and page.key_dates.count() == 1
