"""Documents: each office its own collection; nobody changes a document a
live page uses in place; a draft's document is a 404 for visitors and open
to staff (issue 11, items 9 and 10)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection

from disclosure.models import Office
from moderation.roles import office_collection, setup_roles

from .review import dashboard_action, draft_policy, people, submit  # noqa: F401
from .test_page_screening import pdf_with_text

pytestmark = pytest.mark.django_db


def office_document(office_name, title, content=None):
    content = content or pdf_with_text("Enrolment notice")
    document = Document(title=title, collection=office_collection(Office.objects.get(name=office_name)))
    document.file.save(f"{title}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def published_with(people, document, title):
    page, _companion = draft_policy(title, people["editor"], attachments=[("document", document)])
    submit(people["editor"], page)
    for role in ("reviewer", "secrecy", "leader"):
        dashboard_action(people[role], page, "approve")
    page.refresh_from_db()
    assert page.live
    return page


def test_setup_roles_gives_each_office_a_collection_once(people):
    names = set(Office.objects.values_list("name", flat=True))
    root = Collection.get_first_root_node()
    assert names <= set(root.get_children().values_list("name", flat=True))
    count = Collection.objects.count()
    setup_roles()
    assert Collection.objects.count() == count


def test_an_office_editor_cannot_touch_another_offices_documents(people):
    theirs = office_document("计划财务科", "预算附件")
    editor = people["editor"]  # 基础教育科
    edit = reverse("wagtaildocs:edit", args=[theirs.pk])
    delete = reverse("wagtaildocs:delete", args=[theirs.pk])
    assert editor.get(edit).status_code == 302
    response = editor.post(edit, {"title": "改掉", "collection": theirs.collection_id})
    assert response.status_code == 302 and Document.objects.get(pk=theirs.pk).title == "预算附件"
    assert editor.post(delete).status_code == 302 and Document.objects.filter(pk=theirs.pk).exists()
    bulk = reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"]) + f"?id={theirs.pk}"
    editor.post(bulk)
    assert Document.objects.filter(pk=theirs.pk).exists()
    listing = editor.get(reverse("wagtaildocs:index")).content.decode()
    assert "预算附件" not in listing


def test_an_office_editor_adds_documents_only_to_their_own_collection(people):
    editor = people["editor"]
    own = office_collection(Office.objects.get(name="基础教育科"))
    other = office_collection(Office.objects.get(name="计划财务科"))
    url = reverse("wagtaildocs:add")
    html = editor.get(url).content.decode()
    assert f'value="{other.pk}"' not in html
    response = editor.post(
        url, {"title": "他科室的文件", "collection": other.pk, "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")}
    )
    assert not Document.objects.filter(title="他科室的文件", collection=other).exists()
    response = editor.post(
        url, {"title": "本科室的文件", "collection": own.pk, "file": SimpleUploadedFile("b.pdf", b"%PDF-1.4 y")}
    )
    assert response.status_code == 302
    assert Document.objects.filter(title="本科室的文件", collection=own).exists()


def test_a_document_a_live_page_uses_cannot_be_replaced_in_place(people):
    document = office_document("基础教育科", "招生简章")
    page = published_with(people, document, "附件已发布的通知")
    original = Document.objects.get(pk=document.pk).file.name
    edit = reverse("wagtaildocs:edit", args=[document.pk])
    for who in ("editor", "superuser"):
        response = people[who].post(
            edit,
            {
                "title": "招生简章（改）",
                "collection": document.collection_id,
                "file": SimpleUploadedFile("new.pdf", b"%PDF-1.4 new"),
            },
            follow=True,
        )
        assert response.status_code == 200
        document.refresh_from_db()
        assert document.file.name == original and document.title == "招生简章"
    html = people["superuser"].get(edit, follow=True).content.decode()
    assert reverse("wagtaildocs:delete", args=[document.pk]) not in html
    people["superuser"].post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert Document.objects.filter(pk=document.pk).exists()
    assert Client().get(document.url).status_code == 200 and page.live


def test_a_drafts_document_is_a_404_for_visitors_and_open_to_staff(people):
    document = office_document("基础教育科", "草稿附件")
    draft_policy("带附件的草稿", people["editor"], attachments=[("document", document)])
    assert Client().get(document.url).status_code == 404
    for who in ("editor", "reviewer", "secrecy", "leader", "superuser"):
        assert people[who].get(document.url).status_code == 200, who
    assert people["other_editor"].get(document.url).status_code == 404


def test_a_document_is_public_while_its_page_is_live(people):
    document = office_document("基础教育科", "公开附件")
    page = published_with(people, document, "附件随页面发布的通知")
    assert Client().get(document.url).status_code == 200
    page.unpublish(user=people["leader"].user)
    assert Client().get(document.url).status_code == 404


def test_media_files_of_documents_are_not_served_directly(people, settings):
    document = office_document("基础教育科", "直接访问的附件")
    assert "/documents/" in document.url
    assert Client().get(settings.MEDIA_URL + document.file.name).status_code == 404
