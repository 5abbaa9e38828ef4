"""Roles and the office-scoped permission matrix for creating, editing and
publishing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import GroupPagePermission

from disclosure.models import CatalogueItemPage, Office, PolicyDocumentPage
from disclosure.tests.helpers import item_named, policy, publish_fixture
from moderation.roles import LEADER, REVIEWER, SECRECY_REVIEWER, editor_group_name, setup_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles():
    setup_roles()


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def role_group(role):
    return {
        "editor": editor_group_name(Office(name="基础教育科")),
        "reviewer": REVIEWER,
        "secrecy": SECRECY_REVIEWER,
        "leader": LEADER,
    }[role]


def can(user, page, action):
    permissions = page.permissions_for_user(user)
    return {
        "create": lambda: permissions.can_add_subpage(),
        "edit": lambda: permissions.can_edit(),
        "publish": lambda: permissions.can_publish(),
        # Submitting happens in the editor, which needs the edit permission.
        "submit": lambda: permissions.can_edit() and permissions.can_submit_for_moderation(),
    }[action]()


def test_setup_is_idempotent(roles):
    groups, rows = Group.objects.count(), GroupPagePermission.objects.count()
    setup_roles()
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == (groups, rows)
    assert {REVIEWER, SECRECY_REVIEWER, LEADER} <= set(Group.objects.values_list("name", flat=True))
    assert Group.objects.filter(name__startswith="科室编辑：").count() == Office.objects.count()


def test_only_the_leader_holds_publish(roles):
    holders = set(
        GroupPagePermission.objects.filter(permission__codename="publish_page").values_list("group__name", flat=True)
    )
    assert holders == {LEADER}


OWN, OTHER = "招生管理/招生政策", "财务信息/财务信息"  # 基础教育科 / 计划财务科


@pytest.mark.parametrize(
    "role, where, action, allowed",
    [
        ("editor", OWN, "create", True),
        ("editor", OWN, "edit", True),
        ("editor", OWN, "publish", False),
        ("editor", OTHER, "create", False),
        ("editor", OTHER, "edit", False),
        ("editor", OTHER, "publish", False),
        ("reviewer", OWN, "create", False),
        ("reviewer", OWN, "publish", False),
        ("secrecy", OWN, "create", False),
        ("secrecy", OWN, "publish", False),
        # Nobody publishes catalogue pages directly: the last step of the
        # review publishes (docs/review-workflow.md).
        ("leader", OWN, "publish", False),
        ("leader", OTHER, "publish", False),
        ("editor", OWN, "submit", True),
        ("editor", OTHER, "submit", False),
        ("reviewer", OWN, "submit", False),
        ("leader", OWN, "submit", False),
    ],
)
def test_permission_matrix(roles, role, where, action, allowed):
    group = role_group(role)
    user = user_in(group, f"{role}-user")
    item = item_named(where)
    target = item if action == "create" else policy(parent=item, publish=False, title=f"{where} 的文件")
    assert can(user, target, action) is allowed


def test_permissions_follow_an_item_that_changes_office(roles):
    editor = user_in(editor_group_name(Office(name="基础教育科")), "jichu")
    finance_editor = user_in(editor_group_name(Office(name="计划财务科")), "caiwu")
    item = item_named(OWN)
    assert can(editor, item, "create") and not can(finance_editor, item, "create")
    item.office = Office.objects.get(name="计划财务科")
    publish_fixture(item.save_revision())
    item = CatalogueItemPage.objects.get(pk=item.pk)
    # Fresh user objects: Wagtail caches a user's page permissions on the object.
    editor, finance_editor = (get_user_model().objects.get(pk=u.pk) for u in (editor, finance_editor))
    assert not can(editor, item, "create") and can(finance_editor, item, "create")


def test_demo_accounts_are_local_only(roles):
    with pytest.raises(CommandError):
        call_command("setup_roles", "--demo-accounts", stdout=StringIO())
    with override_settings(DEBUG=True):
        out = StringIO()
        call_command("setup_roles", "--demo-accounts", stdout=out)
        call_command("setup_roles", "--demo-accounts", stdout=out)
    users = get_user_model().objects.filter(
        username__in=["editor-jichu", "editor-caiwu", "reviewer", "secrecy", "leader"]
    )
    assert users.count() == 5
    assert get_user_model().objects.get(username="leader").groups.filter(name=LEADER).exists()
    assert "仅限本机" in out.getvalue() or "LOCAL DEMO ONLY" in out.getvalue()


def test_an_office_editor_cannot_publish_through_the_admin(roles, client):
    editor = user_in(editor_group_name(Office(name="基础教育科")), "jichu-admin")
    page = policy(parent=item_named(OWN), publish=False)
    client.force_login(editor)
    from django.urls import reverse

    from disclosure.tests.helpers import edit_form_data

    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(url).status_code == 200
    data = edit_form_data(client, url)
    data["action-publish"] = "1"
    client.post(url, data)
    assert not PolicyDocumentPage.objects.get(pk=page.pk).live
    other = policy(parent=item_named(OTHER), publish=False, title="财务科的文件")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code in (302, 403)


@pytest.mark.parametrize(
    "role, step, may_approve",
    [
        ("editor", 0, False),
        ("reviewer", 0, True),
        ("secrecy", 0, False),
        ("leader", 0, False),
        ("secrecy", 1, True),
        ("reviewer", 1, False),
        ("leader", 2, True),
        ("reviewer", 2, False),
    ],
)
def test_who_may_approve_each_step(roles, role, step, may_approve):
    from wagtail.models import Workflow

    from moderation.roles import WORKFLOW_NAME

    group = role_group(role)
    user = user_in(group, f"{role}-approver")
    editor = user_in(role_group("editor"), "author-of-the-page")
    page = policy(parent=item_named(OWN), publish=False, title="待审批的文件")
    page.save_revision(user=editor)
    tasks = [task.specific for task in Workflow.objects.get(name=WORKFLOW_NAME).tasks]
    state = page.get_workflow().start(page, editor)
    for earlier, task in enumerate(tasks[:step]):
        approver = user_in(role_group(["reviewer", "secrecy", "leader"][earlier]), f"step-{earlier}-approver")
        task.on_action(state.current_task_state, approver, "approve")
        state.refresh_from_db()
    task = tasks[step]
    approves = any(name.startswith("approve") for name, _label, _data in task.get_actions(page, user))
    assert approves is may_approve
