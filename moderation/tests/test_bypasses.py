"""The wrong path fails: every way the admin offers to make a page live —
the edit page's Publish, bulk publish (with descendants), reverting and
publishing, copying with "publish copies", moving, the admin API, the
catchment import — refuses a catalogue page that the last step of
政务公开发布审核 did not approve, for the leader and for a superuser alike,
and never answers 500 (issue 11, items 7 and 8)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from disclosure.models import InterpretationPage, PolicyDocumentPage
from disclosure.tests.helpers import item_named, policy

from .review import dashboard_action, draft_policy, edit_url, form_data, messages_of, people, submit  # noqa: F401
from .test_screening import VALID_ID

pytestmark = pytest.mark.django_db

PUBLISHERS = ["leader", "superuser"]


def live(page):
    return Page.objects.get(pk=page.pk).live


def planted(people, title):
    """A draft with personal data, never submitted, with a draft child."""
    page, child = draft_policy(title, people["editor"], with_interpretation=True, summary=f"学生身份证号 {VALID_ID}")
    return page, child


@pytest.mark.parametrize("who", PUBLISHERS)
def test_the_edit_page_offers_no_publish_and_a_forged_publish_keeps_a_draft(people, who):
    page, _child = planted(people, f"直接发布（{who}）")
    person = people[who]
    response = person.get(edit_url(page))
    data = form_data(people["editor"], page)
    data["action-publish"] = "1"
    if who == "leader":
        # The leader edits nothing outside the review: not even the form.
        assert response.status_code in (302, 403)
        assert person.post(edit_url(page), data).status_code in (302, 403)
        assert not live(page)
        return
    assert 'name="action-publish"' not in response.content.decode()
    response = person.post(edit_url(page), data, follow=True)
    assert response.status_code == 200
    assert not live(page)
    assert any("未发布" in message for message in messages_of(response))


@pytest.mark.parametrize("who", PUBLISHERS)
@pytest.mark.parametrize("descendants", [False, True])
def test_bulk_publish_publishes_nothing(people, who, descendants):
    page, child = planted(people, f"批量发布（{who}，{descendants}）")
    item = item_named("招生管理/招生政策")
    person = people[who]
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    query = f"?id={page.pk}&id={item.pk}&next=/admin/"
    assert person.get(url + query).status_code in (200, 302)
    response = person.post(url + query, {"include_descendants": "on" if descendants else ""})
    assert response.status_code < 500
    assert not live(page) and not live(child)
    assert PolicyDocumentPage.objects.filter(pk=page.pk, index_number__isnull=True).exists()


@pytest.mark.parametrize("who", PUBLISHERS)
def test_reverting_to_a_revision_and_publishing_keeps_a_draft(people, who):
    page, _child = planted(people, f"回退发布（{who}）")
    revision = page.get_latest_revision()
    person = people[who]
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk])
    response = person.get(url)
    assert response.status_code in (200, 302, 403)
    assert 'name="action-publish"' not in response.content.decode()
    data = form_data(people["editor"], page)
    data["action-publish"] = "1"
    response = person.post(url, data)
    assert response.status_code < 500
    assert not live(page)


@pytest.mark.parametrize("who", PUBLISHERS)
def test_copying_a_live_page_makes_a_draft_without_an_index_number(people, who):
    """Item 7: copying a disclosure (even with "publish copies" forged)
    makes a draft copy without the original's 索引号, not a 500."""
    original = policy(parent=item_named("招生管理/招生政策"), publish=True, title=f"将被复制的通知（{who}）")
    assert original.index_number
    person = people[who]
    url = reverse("wagtailadmin_pages:copy", args=[original.pk])
    if who == "leader":  # edits nothing, so copies nothing
        assert person.get(url).status_code == 302
        person = people["editor"]
    html = person.get(url).content.decode()
    assert 'name="publish_copies"' not in html and 'name="alias"' not in html
    response = person.post(
        url,
        {
            "new_title": f"复制的通知（{who}）",
            "new_slug": f"copy-{who}",
            "new_parent_page": original.get_parent().pk,
            "copy_subpages": "",
            "publish_copies": "on",
            "alias": "on",
        },
    )
    assert response.status_code == 302
    copy = PolicyDocumentPage.objects.get(title=f"复制的通知（{who}）")
    assert not copy.live and copy.index_number is None and copy.source_id == ""
    assert PolicyDocumentPage.objects.get(pk=original.pk).index_number == original.index_number


@pytest.mark.parametrize("who", PUBLISHERS)
def test_moving_a_draft_does_not_publish_it(people, who):
    page, _child = planted(people, f"移动的通知（{who}）")
    destination = item_named("招生管理/招生范围")
    person = people[who]
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
    response = person.post(url)
    assert response.status_code < 500
    assert not live(page)


@pytest.mark.parametrize("who", PUBLISHERS)
@pytest.mark.parametrize("action", ["publish", "copy", "revert_to_page_revision"])
def test_the_admin_api_publishes_nothing(people, who, action):
    page, _child = planted(people, f"接口发布（{who}，{action}）")
    person = people[who]
    url = reverse("wagtailadmin_api:pages:action", args=[page.pk, action])
    data = {
        "publish": {},
        "copy": {"destination_page_id": page.get_parent().pk, "keep_live": True, "slug": f"api-copy-{who}"},
        "revert_to_page_revision": {"revision_id": page.get_latest_revision().pk},
    }[action]
    response = person.client.post(url, data, content_type="application/json")
    assert response.status_code < 500
    assert not live(page)
    assert not PolicyDocumentPage.objects.filter(slug=f"api-copy-{who}", live=True).exists()


@pytest.mark.parametrize("who", PUBLISHERS)
def test_the_catchment_import_offers_drafts_for_review_only(people, who):
    person = people[who]
    response = person.get(reverse("catchment_import"))
    if who == "leader":  # adds no pages, so imports none
        assert response.status_code == 302
        return
    html = response.content.decode()
    assert 'value="draft"' in html and 'value="publish"' not in html


def test_publishing_a_revision_the_review_did_not_approve_is_refused_at_the_choke_point(people):
    """Whatever calls it (a management command, a shell), Wagtail's own
    publish action refuses an unapproved revision of a catalogue page."""
    from core.publication import PublicationRefused

    page, _child = planted(people, "直接调用发布")
    with pytest.raises(PublicationRefused):
        page.get_latest_revision().publish()
    assert not live(page)


def test_an_attachment_replaced_after_the_review_cannot_go_live(people):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="附件")
    document.file.save("fujian.txt", ContentFile("报名须知".encode()), save=False)
    document.save()
    page, _child = draft_policy("附件被替换的通知", people["editor"], attachments=[("document", document)])
    submit(people["editor"], page)
    dashboard_action(people["reviewer"], page, "approve")
    dashboard_action(people["secrecy"], page, "approve")
    # The file changes in place after the confidentiality review.
    document.file.save("fujian2.txt", ContentFile(f"学生身份证号 {VALID_ID}".encode()), save=False)
    document.save()
    response = dashboard_action(people["leader"], page, "approve")
    assert response.status_code == 302
    assert not live(page)
    text = " ".join(messages_of(people["leader"].get(response["Location"])))
    assert "内容" in text and "变化" in text


def test_the_leader_cannot_publish_an_interpretation_on_its_own(people):
    _page, child = draft_policy("解读单独发布", people["editor"], with_interpretation=True)
    data = form_data(people["editor"], child)
    data["action-publish"] = "1"
    for who in PUBLISHERS:
        people[who].post(edit_url(child), data)
        assert not InterpretationPage.objects.get(pk=child.pk).live
