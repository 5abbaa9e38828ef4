"""Required fields are required inside every StreamField block: an answer
left empty in the rich text editor (which sends an empty paragraph) is
refused with the message on the field, and what was typed is kept
(issue 11, item 6)."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.publication import PublicationRefused, trusted_publication
from disclosure.models import InterpretationPage
from disclosure.tests.helpers import edit_form_data, item_named, policy
from moderation.tests.review import people  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

EMPTY_EDITOR = json.dumps(
    {
        "blocks": [
            {"key": "k1", "text": "", "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
        ],
        "entityMap": {},
    }
)


def interpretation_form(item, answer):
    return nested_form_data(
        {
            "title": "关于招生政策的问答",
            "slug": "zhaosheng-wenda",
            "issuing_office": item.office.pk,
            "validity": "valid",
            "disclosure_attribute": "proactive",
            "form": "qa",
            "publish_with_document": "on",
            "questions": streamfield([("qa", {"question": "今年怎么报名？", "answer": answer})]),
            "body": streamfield([]),
            "attachments": streamfield([]),
            "graphics": streamfield([]),
            "videos": streamfield([]),
            "comments": inline_formset([]),
            "action-submit": "1",
        }
    )


@pytest.mark.parametrize("answer", [EMPTY_EDITOR, rich_text("<p>   </p>")])
def test_a_question_without_an_answer_is_refused_and_the_question_kept(people, answer):
    item = item_named("招生管理/招生政策")
    editor = people["editor"]
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "interpretationpage", item.pk])
    response = editor.post(url, interpretation_form(item, answer))
    assert response.status_code == 200
    html = response.content.decode()
    # StreamField values and their errors travel to the editor as JSON.
    assert "今年怎么报名？" in html or json.dumps("今年怎么报名？")[1:-1] in html
    assert "questions" in response.context["form"].errors
    assert "此项为必填项" in html or json.dumps("此项为必填项")[1:-1] in html  # the project's zh_Hans message
    assert not InterpretationPage.objects.filter(title="关于招生政策的问答").exists()


def test_a_question_with_an_answer_is_submitted(people):
    item = item_named("招生管理/招生政策")
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "interpretationpage", item.pk])
    response = people["editor"].post(url, interpretation_form(item, rich_text("<p>在网上报名。</p>")))
    assert response.status_code == 302
    page = InterpretationPage.objects.get(title="关于招生政策的问答")
    assert page.workflow_in_progress


def test_an_interpretation_saved_without_its_answer_stops_its_documents_submission_and_publication(people):
    """A draft may be saved before its answer is written (Wagtail 8 defers
    required fields for drafts); the document it is published with (三同步)
    cannot then be submitted, and nothing publishes it incomplete."""

    item = item_named("招生管理/招生政策")
    editor = people["editor"]
    document = policy(parent=item, title="附解读的招生通知", publish=False, requires_interpretation=True)
    data = interpretation_form(item, EMPTY_EDITOR)
    del data["action-submit"]
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "interpretationpage", document.pk])
    assert editor.post(url, data).status_code == 302  # saved as a draft, answer still empty
    companion = InterpretationPage.objects.get(title="关于招生政策的问答")

    edit_url = reverse("wagtailadmin_pages:edit", args=[document.pk])
    form = edit_form_data(editor.client, edit_url)
    form["action-submit"] = "1"
    response = editor.post(edit_url, form)
    assert response.status_code == 200
    assert "关于招生政策的问答" in response.content.decode() and "不完整" in response.content.decode()
    assert not Page.objects.get(pk=document.pk).workflow_in_progress

    with pytest.raises(PublicationRefused, match="关于招生政策的问答"), trusted_publication("the test's operator"):
        companion.get_latest_revision().publish()
    assert not InterpretationPage.objects.get(pk=companion.pk).live
