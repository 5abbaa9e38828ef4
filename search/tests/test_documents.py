"""Search documents follow the page tree: what is in them, and when they
appear, change and disappear."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from disclosure.models import EnrolmentZonePage, InterpretationPage, PolicyDocumentPage
from disclosure.tests.helpers import interpretation, item_named, policy, publish_fixture, safety_notice
from search.documents import rebuild
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_every_live_public_content_page_has_one_and_navigation_pages_none(home):
    documents = SearchDocument.objects.select_related("page")
    kinds = set(documents.values_list("kind", flat=True))
    assert {
        "catalogueitempage",
        "policydocumentpage",
        "interpretationpage",
        "safetynoticepage",
        "enrolmentzonepage",
        "guidepage",
    } <= kinds
    assert not kinds & {"homepage", "catalogueindexpage", "categorypage"}
    live_content = (
        Page.objects.live()
        .public()
        .filter(depth__gt=2)
        .exclude(content_type__model__in=["catalogueindexpage", "categorypage"])
    )
    assert documents.count() == live_content.count()


def test_the_title_holds_the_document_number_and_the_text_is_as_written():
    page = policy(
        title="关于做好春季开学工作的通知", document_number="某教发〔2025〕3号", summary="请各校于２月１０日前完成。"
    )
    document = page.search_document
    assert document.title == "关于做好春季开学工作的通知 某教发〔2025〕3号"
    assert "请各校于２月１０日前完成。" in document.summary  # original text, full-width digits kept
    assert document.kind == "policydocumentpage"
    assert (document.category.title, document.item.title) == ("政策文件", "规范性文件")
    assert document.office_id == page.issuing_office_id
    assert document.validity == "valid" and document.validity_rank == 0
    assert document.published == page.first_published_at
    assert document.year == page.first_published_at.year


def test_structured_content_is_searchable_text():
    qa = InterpretationPage.objects.filter(form="qa", live=True).first()
    assert any(block.value["question"] in qa.search_document.body for block in qa.questions)
    zone = EnrolmentZonePage.objects.live().first()
    assert zone.school.name in zone.search_document.summary  # the school name weighs like the summary
    assert zone.rules.first().name in zone.search_document.body
    item = item_named("招生管理/招生计划")
    assert item.content_elements.first().text in item.search_document.body
    assert "<p>" not in qa.search_document.body


def test_an_interpretation_under_its_document_is_filed_under_the_documents_item():
    document = policy(title="关于课后服务的通知", requires_interpretation=False)
    reading = interpretation(document, publish=True, title="《关于课后服务的通知》解读")
    reading.refresh_from_db()
    assert reading.search_document.item_id == document.get_parent().pk


def test_unpublishing_deleting_and_republishing():
    page = policy(title="关于春游安全的提醒")
    assert SearchDocument.objects.filter(page=page).exists()
    page.unpublish()
    assert not SearchDocument.objects.filter(page=page).exists()
    publish_fixture(page.get_latest_revision())
    assert SearchDocument.objects.filter(page=page).exists()
    page.delete()
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()


def test_update_index_rebuilds_missing_and_stale_documents():
    page = policy(title="关于冬季防火的通知")
    SearchDocument.objects.filter(page=page).delete()  # as if indexing had failed
    stale = SearchDocument.objects.filter(kind="guidepage").first()
    SearchDocument.objects.filter(pk=stale.pk).update(title="过时的标题")
    Page.objects.filter(pk=page.get_parent().pk)  # untouched
    call_command("update_index", verbosity=0)
    assert SearchDocument.objects.get(page=page).title == "关于冬季防火的通知"
    stale.refresh_from_db()
    assert stale.title != "过时的标题"


def test_rebuild_removes_documents_of_pages_no_longer_live():
    page = policy(title="关于暑期安全的通知")
    Page.objects.filter(pk=page.pk).update(live=False)  # behind the signals' back
    rebuild()
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()


def test_publishing_the_document_updates_the_interpretations_published_with_it():
    document = policy(title="关于减轻作业负担的通知", publish=False)
    reading = interpretation(document, title="《关于减轻作业负担的通知》政策解读", publish_with_document=True)
    publish_fixture(document.get_latest_revision())
    assert SearchDocument.objects.filter(page_id__in=[document.pk, reading.pk]).count() == 2
    assert PolicyDocumentPage.objects.get(pk=document.pk).live


def test_a_safety_notice_past_its_end_is_expired_in_search_as_on_its_page():
    expired = safety_notice(title="上周的大风预警", days_left=-1)
    assert SearchDocument.objects.get(page=expired).validity == "expired"
