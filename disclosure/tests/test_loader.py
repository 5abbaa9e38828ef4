"""load_catalogue: every row of the vendored catalogue, idempotent, validated."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from disclosure.catalogue_loader import DEFAULT_CATALOGUE, load_catalogue, parse_time_limit, row_provenance
from disclosure.models import CatalogueIndexPage, CatalogueItemContentElement, CatalogueItemPage, CategoryPage, Office
from disclosure.tests.helpers import publish_fixture, row_counts
from disclosure.vocabulary import CHANNELS, TimeLimitKind

pytestmark = pytest.mark.django_db

SOURCE = json.loads(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))


def snapshot():
    """Everything the loader writes, in a comparable form."""
    items = []
    for page in (
        CatalogueItemPage.objects.order_by("path").prefetch_related("content_elements").select_related("office")
    ):
        items.append(
            (
                page.path,
                page.title,
                page.slug,
                page.live,
                [e.text for e in page.content_elements.all()],
                page.legal_basis,
                page.time_limit_kind,
                page.time_limit_days,
                page.time_limit_text,
                page.office.name,
                page.responsible_body_text,
                page.channels,
                page.channels_other,
                page.audience,
                page.method,
                page.levels,
                page.provenance,
                page.provenance_source,
                page.field_provenance,
            )
        )
    counts = row_counts(Page, CategoryPage, CatalogueItemPage, CatalogueItemContentElement, Office, Revision)
    return counts, items


def test_the_vendored_catalogue_is_loaded_completely():
    assert CatalogueIndexPage.objects.count() == 1
    assert CategoryPage.objects.live().count() == 10
    assert CatalogueItemPage.objects.live().count() == 31
    categories = [c.title for c in CategoryPage.objects.order_by("path")]
    assert categories == [c["name"] for c in SOURCE["categories"]]
    for category in SOURCE["categories"]:
        page = CategoryPage.objects.get(title=category["name"])
        assert [i.title for i in CatalogueItemPage.objects.child_of(page).order_by("path")] == [
            i["name"] for i in category["items"]
        ]


def test_a_read_row_keeps_every_element():
    page = CatalogueItemPage.objects.get(title="规范性文件")
    assert [e.text for e in page.content_elements.all()] == ["部门和地方政府规章", "各类教育政策文件"]
    assert page.legal_basis == "《政府信息公开条例》"
    assert page.time_limit_kind == TimeLimitKind.WORKING_DAYS
    assert page.time_limit_days == 20
    assert page.time_limit_display == "信息形成或者变更之日起20个工作日内"
    assert page.responsible_body_text == "县级教育行政部门"
    assert page.office.name == "办公室"
    assert page.channels == ["政府网站", "政府公报", "两微一端"]
    assert page.audience == "public" and page.method == "proactive"
    assert page.levels == ["county"]
    assert page.provenance == "read"
    assert set(page.field_provenance.values()) <= {"read", "default"}


def test_other_channel_text_is_split_off():
    page = CatalogueItemPage.objects.get(title="学籍管理")
    assert page.channels == ["政府网站", "其他"]
    assert page.channels_other == "中小学生学籍(信息管理系统)"
    assert page.channel_labels[-1] == "其他：中小学生学籍(信息管理系统)"


def test_both_levels_and_office_assignment():
    page = CatalogueItemPage.objects.get(title="招生程序")
    assert page.levels == ["county", "township"]
    assert page.office.name == "基础教育科"


def test_provenance_of_defaults_and_inferences_is_recorded():
    seeded = CatalogueItemPage.objects.get(title="招生程序")
    assert seeded.provenance == "default"
    assert seeded.provenance_source.startswith("seed 002")
    assert seeded.field_provenance["time_limit"] == "default"

    inferred = CatalogueItemPage.objects.get(title="义务教育均衡发展督导评估")
    assert inferred.provenance == "inferred"
    assert inferred.field_provenance["content_elements"] == "inferred"
    assert inferred.field_provenance["basis"] == "default"

    partly = CatalogueItemPage.objects.get(title="教育统计数据")
    assert partly.provenance == "read"
    assert partly.field_provenance["basis"] == "inferred"
    assert partly.field_provenance["name"] == "read"


def test_every_source_row_has_matching_field_values():
    for category in SOURCE["categories"]:
        for row in category["items"]:
            page = CatalogueItemPage.objects.get(title=row["name"])
            assert [e.text for e in page.content_elements.all()] == row["content_elements"]
            assert page.legal_basis == row["basis"]
            assert page.time_limit_display == row["time_limit"]
            assert page.responsible_body_display == row["responsible_body"]
            assert page.provenance_source == row["provenance"]


def test_a_second_load_changes_nothing():
    before = snapshot()
    report = load_catalogue()
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == 41
    assert snapshot() == before


def test_the_command_twice_reports_no_change():
    out = StringIO()
    before = snapshot()
    call_command("load_catalogue", str(DEFAULT_CATALOGUE), stdout=out)
    call_command("load_catalogue", str(DEFAULT_CATALOGUE), "--check", stdout=out)
    assert snapshot() == before


def test_loading_from_scratch_then_again_gives_identical_pages():
    CatalogueIndexPage.objects.get().delete()
    Office.objects.all().delete()
    first_report = load_catalogue()
    assert len(first_report.created) == 1 + 10 + 31 + 7  # catalogue, categories, items, offices
    first = snapshot()
    second_report = load_catalogue()
    assert not second_report.changed
    assert snapshot() == first


def test_dry_run_prints_and_changes_nothing():
    CatalogueIndexPage.objects.get().delete()
    before = snapshot()
    out = StringIO()
    call_command("load_catalogue", str(DEFAULT_CATALOGUE), "--dry-run", stdout=out)
    assert snapshot() == before
    output = out.getvalue()
    assert "招生管理 › 招生范围" in output
    assert CatalogueItemPage.objects.count() == 0


def test_check_fails_when_the_tree_differs():
    CatalogueItemPage.objects.get(title="招生范围").delete()
    with pytest.raises(CommandError):
        call_command("load_catalogue", str(DEFAULT_CATALOGUE), "--check", stdout=StringIO())
    assert not CatalogueItemPage.objects.filter(title="招生范围").exists()


def test_a_changed_source_row_updates_only_that_item(tmp_path):
    data = json.loads(json.dumps(SOURCE))
    data["categories"][4]["items"][3]["content_elements"].append("学区地图")
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = load_catalogue(path)
    assert report.updated == ["招生管理 › 招生范围"]
    page = CatalogueItemPage.objects.get(title="招生范围")
    assert [e.text for e in page.content_elements.all()][-1] == "学区地图"
    assert page.live and page.latest_revision is not None
    assert not load_catalogue(path).changed


def test_editor_changes_survive_a_reload():
    page = CatalogueItemPage.objects.get(title="招生范围")
    page.legal_basis = "《本县招生工作实施办法》"
    publish_fixture(page.save_revision())
    load_catalogue()
    assert CatalogueItemPage.objects.get(pk=page.pk).legal_basis == "《本县招生工作实施办法》"


def test_an_invalid_file_is_refused_with_every_problem_and_nothing_written(tmp_path):
    data = json.loads(json.dumps(SOURCE))
    data["categories"][0]["items"][0]["channels"] = ["信鸽"]
    data["categories"][1]["items"][0]["level"] = ["省级"]
    data["categories"][2]["items"][0]["content_elements"] = []
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    CatalogueIndexPage.objects.get().delete()
    with pytest.raises(CommandError) as error:
        call_command("load_catalogue", str(path), stdout=StringIO())
    message = str(error.value)
    assert "信鸽" in message and "省级" in message and "民办学校办学基本信息" in message
    assert CatalogueItemPage.objects.count() == 0


def test_a_missing_or_broken_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="missing.json"):
        call_command("load_catalogue", str(tmp_path / "missing.json"), stdout=StringIO())
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="broken.json"):
        call_command("load_catalogue", str(broken), stdout=StringIO())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("信息形成或者变更之日起20个工作日内", {"time_limit_kind": "working_days", "time_limit_days": 20}),
        ("信息形成或变更之日起5个工作日内", {"time_limit_kind": "working_days", "time_limit_days": 5}),
        ("每年3月31日前", {"time_limit_kind": "annual", "time_limit_month": 3, "time_limit_day": 31}),
        ("变更后及时公开", {"time_limit_kind": "on_change"}),
        ("招生工作结束后", {"time_limit_kind": "other", "time_limit_text": "招生工作结束后"}),
    ],
)
def test_time_limits_are_parsed_into_structure(text, expected):
    assert parse_time_limit(text) == expected


@pytest.mark.parametrize(
    "source, kind",
    [
        ("read", "read"),
        ("seed 004 (泉州市…)", "default"),
        ("inferred", "inferred"),
        ("column label on an official site", "inferred"),
    ],
)
def test_row_provenance(source, kind):
    assert row_provenance(source) == kind


def test_code_vocabulary_matches_the_catalogue_file():
    assert [value for value, _label in CHANNELS] == SOURCE["channels_vocabulary"]


# ---- English names --------------------------------------------------------------------


def test_the_catalogue_carries_english_names_for_every_category_item_and_element():
    for category in SOURCE["categories"]:
        page = CategoryPage.objects.get(catalogue_key=category["name"])
        assert page.title_en == category["name_en"] and page.title_en
        for row in category["items"]:
            item = CatalogueItemPage.objects.get(catalogue_key=f"{category['name']}/{row['name']}")
            assert item.title_en == row["name_en"]
            assert [e.text_en for e in item.content_elements.all()] == row["content_elements_en"]
            assert item.legal_basis_en and item.responsible_body_en
    assert CatalogueItemPage.objects.get(title="招生范围").title_en == "Enrolment zones"


def test_the_vocabularies_in_english_are_the_sites():
    """The data's English vocabularies are the labels the site shows on /en/."""
    from django.utils import translation

    from disclosure.vocabulary import (
        AUDIENCE_BY_SOURCE,
        CHANNELS,
        LEVEL_BY_SOURCE,
        METHOD_BY_SOURCE,
        Audience,
        Level,
        Method,
    )

    english = SOURCE["vocabularies_en"]
    with translation.override("en"):
        assert english["channels"] == {value: str(label) for value, label in CHANNELS}
        assert english["audience"] == {term: str(Audience(key).label) for term, key in AUDIENCE_BY_SOURCE.items()}
        assert english["method"] == {term: str(Method(key).label) for term, key in METHOD_BY_SOURCE.items()}
        assert english["level"] == {term: str(Level(key).label) for term, key in LEVEL_BY_SOURCE.items()}


def test_english_names_are_loaded_without_overwriting_editors_chinese(tmp_path):
    page = CatalogueItemPage.objects.get(title="招生范围")
    page.legal_basis = "《本县招生工作实施办法》"
    publish_fixture(page.save_revision())
    data = json.loads(json.dumps(SOURCE))
    data["categories"][4]["items"][3]["name_en"] = "Catchment areas"
    data["categories"][4]["name_en"] = "Admissions"
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = load_catalogue(path)
    assert "招生管理 › 招生范围" in report.updated and len(report.updated) == 2  # the item and its category
    page = CatalogueItemPage.objects.get(pk=page.pk)
    assert page.title_en == "Catchment areas" and page.legal_basis == "《本县招生工作实施办法》"
    assert CategoryPage.objects.get(catalogue_key="招生管理").title_en == "Admissions"
    assert not load_catalogue(path).changed
