"""政务公开发布审核: 科室审核 → 保密审查 → 领导审签; only the last step
publishes; no self-approval; rejecting needs a comment; personal data needs a
justification, which is logged."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.models import PageLogEntry, WorkflowState

from core.publication import PublicationRefused
from disclosure.models import Office, PolicyDocumentPage
from disclosure.tests.helpers import item_named, policy
from moderation.roles import LEADER, REVIEWER, SECRECY_REVIEWER, WORKFLOW_NAME, editor_group_name, setup_roles

from .test_screening import VALID_ID

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    setup_roles()
    User = get_user_model()

    def person(username, group):
        user = User.objects.create_user(username, f"{username}@example.invalid", "pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "editor": person("w-editor", editor_group_name(Office(name="基础教育科"))),
        "reviewer": person("w-reviewer", REVIEWER),
        "reviewer2": person("w-reviewer2", REVIEWER),
        "secrecy": person("w-secrecy", SECRECY_REVIEWER),
        "leader": person("w-leader", LEADER),
    }


def submitted(editor, **fields):
    page = policy(parent=item_named("招生管理/招生政策"), publish=False, **fields)
    page.save_revision(user=editor)
    workflow = page.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    return page, workflow.start(page, editor)


def act(page, user, action, comment=""):
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    state = WorkflowState.objects.get(pk=page.current_workflow_state.pk)
    task_state = state.current_task_state
    task = task_state.task.specific
    return task.on_action(task_state, user, action, comment=comment)


def current_step(page):
    state = PolicyDocumentPage.objects.get(pk=page.pk).current_workflow_state
    return state.current_task_state.task.name if state else None


def test_the_workflow_is_assigned_to_every_disclosure_and_has_three_steps(people):
    page = policy(parent=item_named("财务信息/财务信息"), publish=False)
    workflow = page.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    assert [task.name for task in workflow.tasks] == ["科室审核", "保密审查", "领导审签"]


def test_the_whole_path_publishes_only_at_the_last_step(people):
    page, _state = submitted(people["editor"])
    assert current_step(page) == "科室审核"
    act(page, people["reviewer"], "approve")
    assert current_step(page) == "保密审查" and not PolicyDocumentPage.objects.get(pk=page.pk).live
    act(page, people["secrecy"], "approve")
    assert current_step(page) == "领导审签" and not PolicyDocumentPage.objects.get(pk=page.pk).live
    act(page, people["leader"], "approve")
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    assert page.live and page.index_number and current_step(page) is None
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions


def test_a_reviewer_cannot_approve_their_own_edit(people):
    page, _state = submitted(people["editor"])
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    page.summary = "审核员改了一句"
    page.save_revision(user=people["reviewer"])
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    task = page.current_workflow_state.current_task_state.task.specific
    assert [name for name, _label, _data in task.get_actions(page, people["reviewer"])] == ["reject"]
    with pytest.raises(PermissionDenied):
        act(page, people["reviewer"], "approve")
    # The version under review is approved by another reviewer; the
    # reviewer's newer version is then reviewed from the first step.
    act(page, people["reviewer2"], "approve")
    assert current_step(page) == "科室审核"
    act(page, people["reviewer2"], "approve")
    assert current_step(page) == "保密审查"


def test_requesting_changes_needs_a_comment_the_editor_can_read(people):
    page, _state = submitted(people["editor"])
    with pytest.raises(PublicationRefused):
        act(page, people["reviewer"], "reject", comment=" ")
    act(page, people["reviewer"], "reject", comment="请补充文号")
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "请补充文号"
    assert not page.live


def test_personal_data_needs_a_justification_which_is_logged(people):
    page, _state = submitted(people["editor"], summary=f"学生身份证号 {VALID_ID}")
    act(page, people["reviewer"], "approve")
    with pytest.raises(PublicationRefused):
        act(page, people["secrecy"], "approve")
    assert current_step(page) == "保密审查"
    page_now = PolicyDocumentPage.objects.get(pk=page.pk)
    task = page_now.current_workflow_state.current_task_state.task.specific
    offered = [name for name, _label, _data in task.get_actions(page_now, people["secrecy"])]
    assert offered == ["reject", "approve_justified"]
    with pytest.raises(PublicationRefused):
        act(page, people["secrecy"], "approve_justified", comment="")
    act(page, people["secrecy"], "approve_justified", comment="已取得监护人书面同意，依法公示")
    assert current_step(page) == "领导审签"
    entry = PageLogEntry.objects.get(page=page, action="moderation.screening_justified")
    assert entry.user == people["secrecy"]
    assert entry.data["justification"] == "已取得监护人书面同意，依法公示"
    assert entry.data["findings"][0]["kind"] == "id_number"
    assert VALID_ID not in str(entry.data)  # the log keeps the masked value only


def test_a_clean_page_is_approved_plainly_at_the_confidentiality_step(people):
    page, _state = submitted(people["editor"])
    act(page, people["reviewer"], "approve")
    page_now = PolicyDocumentPage.objects.get(pk=page.pk)
    task = page_now.current_workflow_state.current_task_state.task.specific
    assert "approve" in [name for name, _label, _data in task.get_actions(page_now, people["secrecy"])]


def test_office_editors_cannot_approve_any_step(people):
    page, _state = submitted(people["editor"])
    task = PolicyDocumentPage.objects.get(pk=page.pk).current_workflow_state.current_task_state.task.specific
    assert task.get_actions(page, people["editor"]) == []


def test_the_admin_workflow_actions_work_and_never_fail(people, client):
    from django.urls import reverse

    page, _state = submitted(people["editor"], summary="联系电话 13800138000")
    act(page, people["reviewer"], "approve")
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    task_state = page.current_workflow_state.current_task_state
    client.force_login(people["secrecy"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve_justified", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code < 500
    assert current_step(page) == "保密审查"
    response = client.post(url, {"comment": "公开的是学校办公电话"})
    assert response.status_code < 500
    assert current_step(page) == "领导审签"
    client.force_login(people["leader"])
    task_state = PolicyDocumentPage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]), {})
    assert PolicyDocumentPage.objects.get(pk=page.pk).live


def test_the_editor_shows_the_screening_findings_with_their_location(admin_client):
    from django.urls import reverse

    page = policy(parent=item_named("招生管理/招生政策"), publish=False, summary=f"学生身份证号 {VALID_ID}")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'data-screening="1"' in html
    assert "摘要：身份证号" in html and VALID_ID[:4] + "**********" + VALID_ID[-4:] in html
    assert VALID_ID not in html.replace(f"学生身份证号 {VALID_ID}", "")  # only the field's own value shows it
    clean = policy(parent=item_named("招生管理/招生政策"), publish=False, title="干净的文件")
    assert (
        'data-screening="0"' in admin_client.get(reverse("wagtailadmin_pages:edit", args=[clean.pk])).content.decode()
    )


def test_dashboards_show_what_awaits_review_and_where_pages_are(people, client):
    _page, _state = submitted(people["editor"], title="待审核的招生通知")
    client.force_login(people["reviewer"])
    assert "待审核的招生通知" in client.get("/admin/").content.decode()
    client.force_login(people["editor"])
    html = client.get("/admin/").content.decode()
    assert "待审核的招生通知" in html and "科室审核" in html
    client.force_login(people["secrecy"])
    assert "待审核的招生通知" not in client.get("/admin/").content.decode()  # not their step yet


def test_nobody_publishes_directly_not_even_a_superuser(admin_client):
    """Publication goes through the review for everyone; a superuser pressing
    Publish keeps a draft and is told why (docs/review-workflow.md)."""
    from django.urls import reverse

    from disclosure.tests.helpers import edit_form_data

    client = admin_client
    page = policy(parent=item_named("招生管理/招生政策"), publish=False, title="直接发布的通知")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.get(url).content.decode()
    assert 'name="action-publish"' not in html
    data = edit_form_data(client, url)
    data.update({"summary": "不含个人信息的摘要", "action-publish": "1"})
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "未发布" in response.content.decode()
    assert not PolicyDocumentPage.objects.get(pk=page.pk).live


def test_the_editor_sees_the_request_for_changes_on_the_page(people, client):
    from django.urls import reverse

    page, _state = submitted(people["editor"], title="被退回的通知")
    act(page, people["reviewer"], "reject", comment="请补充成文日期")
    client.force_login(people["editor"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "请补充成文日期" in html
