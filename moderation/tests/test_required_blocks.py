"""Required fields are required inside every StreamField block: an answer
left empty in the rich text editor (which sends an empty paragraph) is
refused with the message on the field, and what was typed is kept
(issue 11, item 6)."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from disclosure.models import InterpretationPage
from disclosure.tests.helpers import item_named
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
