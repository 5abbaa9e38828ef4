"""Two people editing the same page (issue 12, finding 9: the second save
silently overwrote the first), through the admin's own edit URLs: the
second save is refused with who saved when and the input kept, saving
again replaces deliberately; Wagtail's editing sessions tell each editor
who else has the page open and that a newer version was saved; office
editors may lock the pages they can edit, and a locked page cannot be
saved by anyone else."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.admin.forms.pages import WagtailAdminPageForm

from disclosure.models import Office
from disclosure.tests.helpers import edit_form_data, policy
from moderation.roles import editor_group_name, setup_roles

pytestmark = pytest.mark.django_db


def office_editor(username, office="基础教育科"):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw", first_name=username)
    user.groups.add(Group.objects.get(name=editor_group_name(Office(name=office))))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def two_editors(db):
    setup_roles()
    return office_editor("编辑甲"), office_editor("编辑乙")


@pytest.fixture
def page(db):
    from disclosure.tests.helpers import item_named

    return policy(parent=item_named("招生管理/招生政策"), title="关于做好招生入学工作的通知", summary="原来的摘要")


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def opened(client, page):
    """What the edit form sends when saved unchanged, as it was when this editor opened it."""
    data = edit_form_data(client, edit_url(page))
    html = client.get(edit_url(page)).content.decode()
    data["loaded_revision_id"] = re.search(r'name="loaded_revision_id" value="(\d+)"', html).group(1)
    data["loaded_revision_created_at"] = re.search(r'name="loaded_revision_created_at" value="([^"]*)"', html).group(1)
    return data


def test_the_second_save_is_refused_with_who_saved_when_and_the_input_is_kept(two_editors, page):
    (_first_user, first), (_second_user, second) = two_editors
    first_form, second_form = opened(first, page), opened(second, page)

    first_form["summary"] = "甲改的摘要"
    assert first.post(edit_url(page), first_form).status_code == 302
    second_form["summary"] = "乙改的摘要"
    response = second.post(edit_url(page), second_form)
    assert response.status_code == 200
    text = response.content.decode()
    assert "编辑甲 在您打开本页之后" in text and "保存了更新的版本" in text
    assert "乙改的摘要" in text  # nothing typed is lost
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary == "甲改的摘要"

    # The form now carries the latest revision: saving again replaces it, deliberately.
    again = opened(second, page)
    again["summary"] = "乙改的摘要"
    assert second.post(edit_url(page), again).status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary == "乙改的摘要"


def test_the_editors_own_autosave_just_before_a_save_is_not_a_conflict(two_editors, page):
    """Wagtail 8's autosave saves a revision while the editor types; a click
    on 保存草稿 or 提交 sent before the autosave's answer came back still
    carries the revision the form was opened on. Only this editor saved
    since: the save goes through."""
    (_first_user, first), _second = two_editors
    form = opened(first, page)
    form["summary"] = "自动保存的摘要"
    autosave = first.post(edit_url(page), form, HTTP_ACCEPT="application/json")
    assert autosave.status_code == 200 and autosave.json()["success"] is True
    form["summary"] = "点击保存时的摘要"
    assert first.post(edit_url(page), form).status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary == "点击保存时的摘要"


def test_saving_a_form_opened_on_the_latest_revision_is_not_refused(two_editors, page):
    (_first_user, first), _second = two_editors
    form = opened(first, page)
    form["summary"] = "改一次"
    assert first.post(edit_url(page), form).status_code == 302
    form = opened(first, page)
    form["summary"] = "再改一次"
    assert first.post(edit_url(page), form).status_code == 302


def test_editing_sessions_tell_each_editor_about_the_other_and_the_newer_version(two_editors, page):
    (_first_user, first), (_second_user, second) = two_editors
    html = second.get(edit_url(page)).content.decode()
    assert 'data-controller="w-swap w-action w-session"' in html
    ping_url = re.search(r'data-w-swap-src-value="([^"]+)"', html).group(1)
    revision_id = re.search(r'name="loaded_revision_id" value="(\d+)"', html).group(1)
    first_ping = re.search(r'data-w-swap-src-value="([^"]+)"', first.get(edit_url(page)).content.decode()).group(1)
    assert first.post(first_ping, {"is_editing": "1"}).status_code == 200  # the other editor has it open
    seen = second.post(ping_url, {"revision_id": revision_id}).json()["other_sessions"]
    assert [session["user"] for session in seen] == ["编辑甲"]
    form = opened(first, page)
    form["summary"] = "甲改的摘要"
    first.post(edit_url(page), form)
    answer = second.post(ping_url, {"revision_id": revision_id, "is_editing": "1"})  # the JS warns on this
    assert answer.status_code == 200
    sessions = answer.json()["other_sessions"]
    assert any(session["user"] == "编辑甲" and session["revision_id"] for session in sessions), sessions


def test_an_office_editor_locks_a_page_they_edit_and_the_other_cannot_save_it(two_editors, page):
    (first_user, first), (_second_user, second) = two_editors
    assert first.post(f"/admin/pages/{page.pk}/lock/").status_code == 302
    page.refresh_from_db()
    assert page.locked and page.locked_by == first_user
    form = opened(second, page)
    form["summary"] = "乙想改"
    response = second.post(edit_url(page), form)
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary == "原来的摘要"
    # The editor who locked it unlocks it.
    assert first.post(f"/admin/pages/{page.pk}/unlock/").status_code == 302
    page.refresh_from_db()
    assert not page.locked


def test_office_editors_may_not_lock_pages_of_another_office(page):
    setup_roles()
    _user, client = office_editor("财务编辑", office="计划财务科")
    client.post(f"/admin/pages/{page.pk}/lock/")
    page.refresh_from_db()
    assert not page.locked


def add_form(client):
    """The add form of a policy under 招生政策, as the editor's browser would
    send it: its fields and the form's own creation token."""
    from disclosure.tests.helpers import item_named

    item = item_named("招生管理/招生政策")
    url = f"/admin/pages/add/disclosure/policydocumentpage/{item.pk}/"
    data = edit_form_data(client, url)
    token = re.search(r'name="creation_token" value="([0-9a-f]{32})"', client.get(url).content.decode())
    assert token, "the add form carries its creation token"
    data["creation_token"] = token.group(1)
    data["issuing_office"] = Office.objects.get(name="基础教育科").pk
    return item, url, data


def racing_create(client, monkeypatch, slug, summary, other_request, *, before_the_checks=False, **headers):
    """The add form of a policy under 招生政策 posted by `client`, while
    `other_request(item, url, data)` — the other request creating the same
    page — commits between this request's checks and its save (or, with
    `before_the_checks`, after this request looked for the page its form
    created and before the form's checks). Returns the item and the response."""
    item, url, data = add_form(client)
    data.update(title=f"同时保存的新通知（{slug}）", slug=slug, summary=summary)
    original_is_valid = WagtailAdminPageForm.is_valid

    def checks_with_the_other_request_committing(form):
        monkeypatch.setattr(WagtailAdminPageForm, "is_valid", original_is_valid)
        if before_the_checks:
            other_request(item, url, data)
            return original_is_valid(form)
        valid = original_is_valid(form)
        other_request(item, url, data)
        return valid

    monkeypatch.setattr(WagtailAdminPageForm, "is_valid", checks_with_the_other_request_committing)
    return item, url, data, client.post(url, data, **headers)


def test_two_requests_creating_the_same_page_at_once_answer_the_second_with_the_form(two_editors, monkeypatch):
    """Two requests post the add form of a page with the same slug at the
    same moment: both pass the form's checks, and the first commits while
    the second is still saving. The second is answered as the form with the
    reason and the input kept — not a 500 — and one page exists (here the
    other request is someone else's)."""
    (_user, client), _second = two_editors

    def someone_elses(item, url, data):
        policy(parent=item, publish=False, title=data["title"], slug=data["slug"])

    item, url, data, response = racing_create(client, monkeypatch, "tongshi-baocun", "编辑写下的摘要", someone_elses)
    assert response.status_code == 200
    html = response.content.decode()
    assert "tongshi-baocun" in html and "编辑写下的摘要" in html
    assert item.get_children().filter(slug="tongshi-baocun").count() == 1
    autosave = client.post(url, data, HTTP_ACCEPT="application/json")
    assert autosave.status_code == 400 and autosave.json()["success"] is False


def test_the_editors_own_autosave_creating_the_page_first_makes_the_click_an_edit_of_it(two_editors, monkeypatch):
    """The other request is this editor's own autosave of the same form
    (the real autosave post, with the form as it was a moment earlier):
    what the click sent is saved (and submitted, if asked) on the draft the
    autosave just created — one page, nothing lost, no error."""
    (_user, client), _second = two_editors

    def the_editors_autosave(item, url, data):
        autosave = client.post(url, {**data, "summary": "自动保存时的半截"}, HTTP_ACCEPT="application/json")
        assert autosave.status_code == 200 and autosave.json()["success"], autosave.content

    item, _url, _data, response = racing_create(
        client, monkeypatch, "zidong-baocun", "点击时的摘要", the_editors_autosave
    )
    pages = item.get_children().filter(slug="zidong-baocun")
    assert pages.count() == 1
    assert response.status_code == 302 and response["Location"].endswith(f"/admin/pages/{pages.get().pk}/edit/")
    assert pages.get().get_latest_revision().as_object().summary == "点击时的摘要"


def test_the_editors_autosave_committing_just_before_the_clicks_form_checks_makes_the_click_an_edit(
    two_editors, monkeypatch
):
    """Found by a journey on PostgreSQL: the click looked for the page its
    form created, found none, and the autosave creating it committed before
    the click's form checked the slug among its siblings — which then
    found the autosave's page. The click is still an edit of that page,
    not "the page could not be created" with the slug taken."""
    (_user, client), _second = two_editors

    def the_editors_autosave(item, url, data):
        autosave = client.post(url, {**data, "summary": "自动保存时的半截"}, HTTP_ACCEPT="application/json")
        assert autosave.status_code == 200 and autosave.json()["success"], autosave.content

    item, _url, _data, response = racing_create(
        client, monkeypatch, "zidong-xian", "点击时的摘要", the_editors_autosave, before_the_checks=True
    )
    pages = item.get_children().filter(slug="zidong-xian")
    assert pages.count() == 1
    assert response.status_code == 302 and response["Location"].endswith(f"/admin/pages/{pages.get().pk}/edit/")
    assert pages.get().get_latest_revision().as_object().summary == "点击时的摘要"


def test_an_autosave_that_loses_to_the_editors_click_does_not_overwrite_what_the_click_saved(two_editors, monkeypatch):
    """The other way round: the autosave was sent first, with the form as it
    was then, and the click (sent a moment later, with everything typed)
    created the page while the autosave was still on its way. The late
    autosave is refused as out of date; what the click saved stays."""
    (_user, client), _second = two_editors

    def the_editors_click(item, url, data):
        click = client.post(url, {**data, "summary": "点击时的完整摘要"})
        assert click.status_code == 302, click.content

    item, _url, _data, response = racing_create(
        client, monkeypatch, "wandao-zidong", "自动保存时的半截", the_editors_click, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert response.json()["success"] is False and response.json()["error_code"] == "invalid_revision"
    page = item.get_children().get(slug="wandao-zidong")
    assert page.get_latest_revision().as_object().summary == "点击时的完整摘要"


def test_a_click_sent_after_the_autosave_created_the_page_is_saved_on_that_page(two_editors):
    """The autosave created the page and had answered, but the click was
    sent before the browser read the answer: it reaches the add URL, where
    the slug is now taken. It is saved on the page its form created (seen in
    a journey: the click was refused as a duplicate slug and the attachment
    chosen after the autosave was lost)."""
    (_user, client), _second = two_editors
    item, url, data = add_form(client)
    data.update(title="先自动保存的新通知", slug="xian-zidong-baocun", summary="自动保存时的半截")
    autosave = client.post(url, data, HTTP_ACCEPT="application/json")
    assert autosave.status_code == 200 and autosave.json()["success"], autosave.content
    page = item.get_children().get(slug="xian-zidong-baocun")
    response = client.post(url, {**data, "summary": "点击时的完整摘要"})
    assert response.status_code == 302 and response["Location"].endswith(f"/admin/pages/{page.pk}/edit/")
    assert item.get_children().filter(slug="xian-zidong-baocun").count() == 1
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary == "点击时的完整摘要"
    assert page.revisions.count() == 2


def test_another_draft_of_the_editor_with_the_same_slug_is_never_taken_for_this_forms_page(two_editors):
    """Only the form's token says which page it created: a new add form whose
    slug is that of an older draft of the same editor gets the form back with
    the slug refused, and the older draft is untouched."""
    (user, client), _second = two_editors
    item, url, data = add_form(client)
    older = policy(
        parent=item, publish=False, owner=user, title="昨天的草稿", slug="tong-ming-cao-gao", summary="昨天的摘要"
    )
    older.save_revision(user=user)
    revisions = older.revisions.count()
    data.update(title="今天的新通知", slug="tong-ming-cao-gao", summary="今天的摘要")
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "今天的摘要" in html
    older.refresh_from_db()
    assert older.get_latest_revision().as_object().summary == "昨天的摘要"
    assert older.revisions.count() == revisions
