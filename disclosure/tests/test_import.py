"""import_documents: the corpus lands under the right items, idempotently;
bad rows are reported with their position while the rest are imported."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from disclosure.importer import DEFAULT_DOCUMENTS, import_documents
from disclosure.listings import disclosure_models
from disclosure.models import InterpretationPage, PolicyDocumentPage, SafetyNoticePage

pytestmark = pytest.mark.django_db

CORPUS = json.loads(DEFAULT_DOCUMENTS.read_text(encoding="utf-8"))["documents"]


def imported():
    return {page.source_id: page for model in disclosure_models() for page in model.objects.exclude(source_id="")}


def test_every_corpus_document_is_filed_under_its_item():
    pages = imported()
    for document in CORPUS:
        page = pages[document["id"]]
        assert page.live
        item = page.get_parent().specific
        assert (item.get_parent().title, item.title) == (document["category"], document["item"])
        assert page.title == document["title"]


def test_kinds_become_page_types_with_their_fields():
    pages = imported()
    assert isinstance(pages["seed-003"], PolicyDocumentPage)
    assert pages["seed-003"].document_number == "阳教体办发〔2021〕12号"
    assert str(pages["seed-003"].written_date) == "2021-08-25"
    assert pages["seed-003"].issuer_name == "阳谷县教育和体育局"
    qa = pages["qa-0"]
    assert isinstance(qa, InterpretationPage) and qa.form == "qa"
    assert qa.questions[0].value["question"] == "公办义务教育学校的划片范围是如何确定的?"
    notice = pages["safety-4"]
    assert isinstance(notice, SafetyNoticePage) and notice.alert_level == "orange"
    assert notice.valid_until > notice.valid_from
    headings = [block.value["text"] for block in pages["seed-000"].body if block.block_type == "heading"]
    assert "一、指导思想" in headings


def test_a_second_import_changes_nothing():
    before = {key: (page.pk, page.latest_revision_id) for key, page in imported().items()}
    report = import_documents()
    assert report.created == []
    assert len(report.unchanged) >= len(before)
    assert {key: (page.pk, page.latest_revision_id) for key, page in imported().items()} == before


def test_bad_rows_are_reported_with_their_position_and_the_rest_imported(tmp_path):
    rows = [
        {
            "id": "new-1",
            "kind": "policy",
            "title": "好的一行",
            "category": "政策文件",
            "item": "规范性文件",
            "body": "正文",
            "written_date": "2024-05-06",
        },
        {
            "id": "new-2",
            "kind": "policy",
            "title": "事项不存在",
            "category": "政策文件",
            "item": "不存在的事项",
            "body": "",
        },
        {"id": "new-3", "kind": "memo", "title": "类型不对", "category": "政策文件", "item": "规范性文件"},
        {
            "id": "new-4",
            "kind": "policy",
            "title": "文号不对",
            "document_number": "2024-12",
            "category": "政策文件",
            "item": "规范性文件",
        },
        {"kind": "policy", "title": "没有编号", "category": "政策文件", "item": "规范性文件"},
        {
            "id": "new-6",
            "kind": "interpretation",
            "title": "另一好行",
            "category": "招生管理",
            "item": "招生政策",
            "qa": [{"q": "问", "a": "答"}],
            "published_date": "2024-05-07",
        },
    ]
    path = tmp_path / "documents.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_documents", str(path), stdout=out, stderr=err)
    errors = err.getvalue()
    for position in ("#2 new-2", "#3 new-3", "#4 new-4", "#5 ?"):
        assert position in errors
    assert "不存在的事项" in errors and "memo" in errors
    pages = imported()
    assert pages["new-1"].live and pages["new-6"].live
    assert not {"new-2", "new-3", "new-4"} & set(pages)


def test_draft_import(tmp_path):
    path = tmp_path / "documents.json"
    path.write_text(
        json.dumps(
            [{"id": "draft-1", "kind": "policy", "title": "草稿", "category": "政策文件", "item": "规范性文件"}]
        ),
        encoding="utf-8",
    )
    call_command("import_documents", str(path), "--draft", stdout=StringIO())
    page = imported()["draft-1"]
    assert not page.live and page.index_number is None and page.latest_revision_id


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="missing.json"):
        call_command("import_documents", str(tmp_path / "missing.json"), stdout=StringIO())


# ---- the source's dates -------------------------------------------------------------


def test_no_imported_page_carries_the_day_of_the_import_as_its_date_published():
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    pages = imported()
    for document in CORPUS:
        page = pages[document["id"]]
        published = timezone.localtime(page.first_published_at).date()
        assert published != today, document["id"]
        expected = document.get("published_date") or document.get("written_date")
        assert published == datetime.date.fromisoformat(expected), document["id"]
        # 索引号 carries the year of the date published.
        assert page.index_number.split("/")[1].startswith(f"{published.year}-"), (document["id"], page.index_number)
    notice = pages["safety-6"]  # 学校食品安全预警（2019年第1号）: valid 30 days from 2019-02-22, no longer current
    assert timezone.localtime(notice.valid_from).date() == datetime.date(2019, 2, 22)
    assert (notice.valid_until - notice.valid_from).days == 30
    assert notice.is_expired and notice.current_validity == "expired"


def test_dates_validity_and_summaries_from_the_source(tmp_path):
    import datetime

    from django.utils import timezone

    rows = [
        {
            "id": "n-1",
            "kind": "safety_notice",
            "title": "暴雨红色预警停课通知",
            "category": "校园安全",
            "item": "安全预警信息",
            "written_date": "2030-06-01",
            "published_date": "2030-06-02",
            "valid_from": "2030-06-02T18:00",
            "valid_until": "2030-06-04T08:00",
            "body": "停课一天",
            "full_text": "某县教育局网站2030年6月2日发布的原文",
        },
        {
            "id": "n-2",
            "kind": "policy",
            "title": "没有日期的文件",
            "category": "政策文件",
            "item": "规范性文件",
            "body": "正文",
        },
    ]
    path = tmp_path / "documents.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("import_documents", str(path), stdout=out)
    pages = imported()
    notice = pages["n-1"]
    assert notice.live and str(notice.written_date) == "2030-06-01"
    assert timezone.localtime(notice.first_published_at).date() == datetime.date(2030, 6, 2)
    assert timezone.localtime(notice.valid_from) == timezone.make_aware(datetime.datetime(2030, 6, 2, 18, 0))
    assert timezone.localtime(notice.valid_until) == timezone.make_aware(datetime.datetime(2030, 6, 4, 8, 0))
    assert notice.index_number.split("/")[1].startswith("2030-")
    assert notice.full_text_source == "某县教育局网站2030年6月2日发布的原文"
    # Without any date the document waits as a draft: never the day of the import as its date.
    undated = pages["n-2"]
    assert not undated.live and undated.first_published_at is None and undated.index_number is None
    assert "#2 n-2" in out.getvalue() and "草稿" in out.getvalue()
