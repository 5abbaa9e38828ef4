"""The demo zones: the two real announcements converted into the import
format (reproducibly), imported by `load_demo_zones` through the importer,
idempotently and without overwriting editors' changes."""

import json
import re

import pytest
from django.core.management import call_command
from wagtail.models import Page

from catchment import demo, demo_conversion
from catchment.importer import ImportRefused
from catchment.spreadsheet import HEADER, read_table, write_csv
from disclosure.datafiles import DataFileError
from disclosure.models import EnrolmentKeyDate, EnrolmentZonePage, School, ZoneRule
from disclosure.models.enrolment import EnrolmentStage
from disclosure.tests.helpers import publish_fixture, row_counts

pytestmark = pytest.mark.django_db


def announcements():
    return json.loads(demo_conversion.DATA_FILE.read_text(encoding="utf-8"))


def test_the_csv_in_the_repository_is_the_conversion_of_the_announcements():
    text = demo.DEMO_FILE.read_bytes().decode("utf-8")
    assert text.splitlines()[0] == "\ufeff" + ",".join(HEADER)
    assert write_csv(demo_conversion.convert_file()) == text
    call_command("convert_demo_zones", "--check", stdout=open("/dev/null", "w"))


# Rows whose reading of the announcements the conversion must keep.
CHENGBEI_2017 = ("2017", "小学", "城北小学")
CONVERTED_ROWS = [
    ("2018", "小学", "中南路小学", "包含", "门牌", "雁城路", "1", "70", "全", ""),
    ("2018", "小学", "中南路小学", "边界", "边界", "金果路", "", "", "", "连仙姬巷"),
    ("2018", "小学", "雁城小学", "排除", "门牌", "雁城路", "1", "70", "全", ""),
    ("2018", "小学", "广场小学", "包含", "街道", "天马山路", "", "", "", "两侧"),
    ("2017", "小学", "长乐街小学", "包含", "路段", "凯旋中路", "德胜路口", "公园路口", "", "东侧"),
    (*CHENGBEI_2017, "边界", "路段", "遂州中路", "城北垃圾中转站", "和平西路路口", "", "西界"),
    (*CHENGBEI_2017, "包含", "街道", "和平东路", "", "", "", "南侧；与新盐市街小学的共同学区"),
    (*CHENGBEI_2017, "包含", "范围", "北河街东端路口向南至和平东路东端路口一侧", "", "", "", "犀牛社区所辖"),
    ("2018", "小学", "欧水岭小学", "边界", "小区", "江州花园小区", "", "", "", "南围墙为界"),
]


def test_the_conversion_keeps_the_interpretation_of_the_rows():
    rows = {tuple(row) for row in demo_conversion.convert_file()}
    assert [row for row in CONVERTED_ROWS if row not in rows] == []
    # No annotator's English reaches the file.
    for row in rows:
        assert not re.search(r"[A-Za-z]", "".join(row)), row


def test_the_demo_zones_come_from_the_two_announcements(item):
    data = announcements()
    schools = [(a["year"], s["school"]) for a in data["announcements"] for s in a["schools"]]
    assert len(schools) == 14
    pages = EnrolmentZonePage.objects.live().child_of(item).select_related("school", "issuing_office")
    assert sorted((p.year, p.school.name) for p in pages) == sorted(schools)
    assert School.objects.filter(name__in=[name for _year, name in schools]).count() == 14
    by_school = {p.school.name: p for p in pages}
    for announcement in data["announcements"]:
        for school in announcement["schools"]:
            page = by_school[school["school"]]
            assert page.issuing_office == item.office
            assert page.stage == EnrolmentStage.PRIMARY
            assert page.index_number
            if school.get("truncated"):
                assert page.zone_description == school["zone_text"].replace(" [truncated]", "") + "……"
                assert "原文转录不完整" in page.summary
            else:
                assert page.zone_description == school["zone_text"]
            # The fictional timetable and checklist, said to be fictional.
            assert page.key_dates.count() == 3 and len(page.required_documents) == 4
            assert "虚构" in page.summary
    assert by_school["环城南路小学"].document_number == "雁教发〔2018〕9号"
    assert by_school["长乐街小学"].document_number == ""
    for made in ZoneRule.objects.filter(page__in=pages):
        made.full_clean(exclude=["page"])


def test_the_demo_rules_follow_the_extracted_roles(item):
    def rules_of(school):
        page = EnrolmentZonePage.objects.get(school__name=school)
        return {(r.rule, r.label, r.note) for r in page.rules.all()}

    assert rules_of("中南路小学") >= {
        ("boundary", "金果路", "连仙姬巷"),
        ("boundary", "湘江南路", ""),
        ("include", "雁城路1–70号", ""),
    }
    assert ("exclude", "雁城路1–70号", "") in rules_of("雁城小学")
    changle = rules_of("长乐街小学")
    assert ("include", "凯旋中路（德胜路口至公园路口段，东侧）", "") in changle
    assert ("include", "油房街（北侧）", "") in changle
    assert ("boundary", "油房街", "南界，街心") in changle
    chengbei = rules_of("城北小学")
    assert ("exclude", "和平西路（卫星桥市场口至渠河路口段，北侧）", "") in chengbei
    assert ("include", "和平东路（南侧）", "与新盐市街小学的共同学区") in chengbei
    assert ("include", "北河街东端路口向南至和平东路东端路口一侧", "犀牛社区所辖") in chengbei
    assert ("include", "红光社", "") in chengbei
    for made in ZoneRule.objects.all():
        assert not re.search(r"[A-Za-z]", made.name + made.note), made


def counts():
    return (
        *row_counts(Page, EnrolmentZonePage, ZoneRule, EnrolmentKeyDate, School),
        sum(p.revisions.count() for p in EnrolmentZonePage.objects.all()),
    )


def test_the_demo_loader_is_idempotent(item):
    before = counts()
    _plan, report = demo.load_demo_zones()
    assert report.created == [] and len(report.unchanged) == 14 and report.schools_created == []
    assert counts() == before
    call_command("load_demo_zones", stdout=open("/dev/null", "w"))
    assert counts() == before


def test_the_demo_loader_keeps_editors_changes_and_recreates_deleted_pages(item):
    page = EnrolmentZonePage.objects.get(school__name="天后街小学")
    page.zone_description = "编辑修改后的范围"
    page.rules = [ZoneRule(rule="include", kind="street", name="编辑加的街")]
    publish_fixture(page.save_revision())
    EnrolmentZonePage.objects.get(school__name="六一小学").delete()
    _plan, report = demo.load_demo_zones()
    assert report.created == ["2018年六一小学招生范围"]
    kept = EnrolmentZonePage.objects.get(pk=page.pk)
    assert kept.zone_description == "编辑修改后的范围"
    assert [rule.name for rule in kept.rules.all()] == ["编辑加的街"]
    recreated = EnrolmentZonePage.objects.get(school__name="六一小学")
    assert recreated.live and recreated.key_dates.count() == 3


def test_the_demo_loader_checks_the_whole_file_before_writing(item, tmp_path):
    rows = demo.DEMO_FILE.read_text(encoding="utf-8-sig").splitlines()
    rows[3] = rows[3].replace("边界,边界", "边界,环线")  # an unknown type
    rows[14] = rows[14].replace(",1,70,", ",70,1,")  # numbers the wrong way round
    broken = tmp_path / "zones.csv"
    broken.write_text("\n".join(rows) + "\n", encoding="utf-8")
    EnrolmentZonePage.objects.all().delete()
    with pytest.raises(ImportRefused) as error:
        demo.load_demo_zones(broken)
    assert len(error.value.problems) == 2
    assert error.value.problems[0].startswith("第4行") and "环线" in error.value.problems[0]
    assert error.value.problems[1].startswith("第15行")
    assert EnrolmentZonePage.objects.count() == 0


def test_the_demo_loader_needs_the_catalogue(item):
    EnrolmentZonePage.objects.all().delete()
    item.catalogue_key = "elsewhere"
    item.save()
    with pytest.raises(ImportRefused) as error:
        demo.load_demo_zones()
    assert "招生管理/招生范围" in error.value.problems[0]
    assert EnrolmentZonePage.objects.count() == 0


def test_the_converter_checks_the_whole_file(tmp_path):
    data = announcements()
    data["announcements"][0]["schools"][0]["streets"][0]["role"] = "nearby"
    data["announcements"][1]["schools"][0]["streets"][0]["parity"] = "side:斜对面"
    data["announcements"][1]["schools"][1]["streets"].append({"street": "(unnamed)", "role": "included"})
    broken = tmp_path / "announcements.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        demo_conversion.convert_file(broken)
    assert len(error.value.problems) == 3
    assert "nearby" in error.value.problems[0] and "斜对面" in error.value.problems[1]


@pytest.mark.parametrize(
    "note, street, public",
    [
        ("landmark, 含岳屏公园", "岳屏公园围墙", "含岳屏公园"),
        ("'雁城路1-70号' — odd/even not stated (continuous range)", "雁城路", ""),
        ("不含雁城路1-70号 (those go to 中南路小学)", "雁城路", ""),
        ("共同学区 with 燕山小学", "和平西路", "与燕山小学的共同学区"),
        ("南界, 街心", "油房街", "南界，街心"),
        ("天马山路两边", "天马山路", ""),
        ("river", "湘江", ""),
        (None, "x", ""),
    ],
)
def test_extraction_notes_become_public_notes(note, street, public):
    assert demo_conversion.public_note(note, street) == public


def test_the_demo_file_reads_as_the_import_format():
    rows = read_table(demo.DEMO_FILE.read_bytes(), "demo-zones.csv")
    assert rows[0].line == 2 and rows[0].values["rule"] == "描述"
    assert len(rows) == len(demo_conversion.convert_file())
