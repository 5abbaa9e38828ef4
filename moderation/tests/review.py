"""Helpers of the review tests: the demo roles as users with clients, and
the admin's own requests (the edit form's buttons, the dashboard's
decisions) as a browser sends them."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import rich_text

from disclosure.models import Office, PolicyDocumentPage
from disclosure.tests.helpers import edit_form_data, interpretation, item_named, policy
from moderation.roles import LEADER, REVIEWER, SECRECY_REVIEWER, editor_group_name, setup_roles

OWN_ITEM = "招生管理/招生政策"  # 基础教育科


class Person:
    def __init__(self, user):
        self.user = user
        self.client = Client()
        self.client.force_login(user)

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def post(self, url, data=None, **kwargs):
        return self.client.post(url, data or {}, **kwargs)


@pytest.fixture
def people(db):
    setup_roles()
    User = get_user_model()

    def person(username, *groups, superuser=False):
        if superuser:
            user = User.objects.create_superuser(username, f"{username}@example.invalid", "pw")
        else:
            user = User.objects.create_user(username, f"{username}@example.invalid", "pw")
        for group in groups:
            user.groups.add(Group.objects.get(name=group))
        return Person(user)

    return {
        "editor": person("r-editor", editor_group_name(Office(name="基础教育科"))),
        "other_editor": person("r-caiwu", editor_group_name(Office(name="计划财务科"))),
        "reviewer": person("r-reviewer", REVIEWER),
        "reviewer2": person("r-reviewer2", REVIEWER),
        "secrecy": person("r-secrecy", SECRECY_REVIEWER),
        "leader": person("r-leader", LEADER),
        "superuser": person("r-admin", superuser=True),
    }


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def stream_post(page, field):
    """The POST data of a StreamField of paragraphs and chosen documents,
    as the editor's JavaScript sends it (rich text as the editor's content
    state, a document as its id)."""
    data = {}
    value = getattr(page, field)
    data[f"{field}-count"] = len(value)
    for index, child in enumerate(value):
        data[f"{field}-{index}-type"] = child.block_type
        data[f"{field}-{index}-id"] = child.id
        data[f"{field}-{index}-deleted"] = ""
        data[f"{field}-{index}-order"] = index
        data[f"{field}-{index}-value"] = (
            rich_text(child.value.source) if hasattr(child.value, "source") else child.value.pk
        )
    return data


def form_data(person, page):
    """What the edit form of `page` sends unchanged (body of paragraphs)."""
    url = edit_url(page)
    data = edit_form_data(person.client, url)
    page = Page.objects.get(pk=page.pk).get_latest_revision_as_object()
    data.update(stream_post(page, "body"))
    data.update(stream_post(page, "attachments"))
    return data


def submit(person, page, **changes):
    data = form_data(person, page)
    data.update(changes)
    data["action-submit"] = "1"
    return person.post(edit_url(page), data)


def footer_action(person, page, action, **extra):
    """A decision from the edit page's footer, as Wagtail's JavaScript posts it."""
    data = form_data(person, page)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps(extra),
        }
    )
    return person.post(edit_url(page), data)


def current_task_state(page):
    state = PolicyDocumentPage.objects.get(pk=page.pk).current_workflow_state
    return state.current_task_state if state else None


def dashboard_action(person, page, action, comment="", ajax=False):
    """A decision from the dashboard (or its modal)."""
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if ajax else {}
    return person.post(url, {"comment": comment, "next": "/admin/"}, **headers)


def step_of(page):
    task_state = current_task_state(page)
    return task_state.task.name if task_state else None


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def draft_policy(title, editor, with_interpretation=False, **fields):
    """A draft policy document (and its interpretation, to go with it) by
    the office editor, with a body of paragraphs."""
    fields.setdefault("body", [("paragraph", "<p>为做好招生工作，现通知如下。</p>")])
    page = policy(parent=item_named(OWN_ITEM), publish=False, title=title, **fields)
    page.save_revision(user=editor.user)
    companion = None
    if with_interpretation:
        companion = interpretation(page, title=f"{title}解读")
        companion.save_revision(user=editor.user)
    return PolicyDocumentPage.objects.get(pk=page.pk), companion


def revision_count(page):
    return Page.objects.get(pk=page.pk).revisions.count()


def approved_states(page):
    return list(
        TaskState.objects.filter(workflow_state__object_id=str(page.pk), status="approved").values_list(
            "task__name", "finished_by__username"
        )
    )
