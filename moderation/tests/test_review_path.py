"""The right path succeeds, through the admin's own URLs: submitting,
approving from the edit page's footer and from the dashboard, requesting
changes, and the last step publishing the document with its
interpretation (三同步) as the approver (issue 11, items 1–4)."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState

from disclosure.models import InterpretationPage, PolicyDocumentPage

from .review import (
    approved_states,
    current_task_state,
    dashboard_action,
    draft_policy,
    edit_url,
    footer_action,
    messages_of,
    people,  # noqa: F401 (fixture)
    revision_count,
    step_of,
    submit,
)
from .test_screening import VALID_ID

pytestmark = pytest.mark.django_db


def through_step_two(people, title, **fields):
    page, companion = draft_policy(
        title, people["editor"], with_interpretation=True, requires_interpretation=True, **fields
    )
    assert submit(people["editor"], page).status_code == 302
    assert step_of(page) == "科室审核"
    assert dashboard_action(people["reviewer"], page, "approve").status_code == 302
    assert dashboard_action(people["secrecy"], page, "approve").status_code == 302
    assert step_of(page) == "领导审签"
    return page, companion


@pytest.mark.parametrize("where", ["edit page", "dashboard"])
def test_the_leader_approves_and_publishes_a_policy_with_its_interpretation(people, where):
    """Item 1: the interpretation goes live with the document, published by
    the leader who approved, in the same request."""
    page, companion = through_step_two(people, f"三同步的通知（{where}）")
    leader = people["leader"]
    if where == "edit page":
        response = footer_action(leader, page, "approve")
    else:
        response = dashboard_action(leader, page, "approve")
    assert response.status_code == 302
    followed = leader.get(response["Location"])
    assert "已批准并发布" in " ".join(messages_of(followed))
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    companion = InterpretationPage.objects.get(pk=companion.pk)
    assert page.live and companion.live and page.index_number and companion.index_number
    assert page.current_workflow_state is None
    for published in (page, companion):
        entry = PageLogEntry.objects.filter(page=published, action="wagtail.publish").latest("timestamp")
        assert entry.user == leader.user


def test_the_edit_page_footer_approves_without_saving_a_revision(people):
    """Item 2: 批准 in the footer never creates a revision, so the
    reviewer is not taken for its author."""
    page, _companion = draft_policy("从编辑页批准的通知", people["editor"])
    submit(people["editor"], page)
    before = revision_count(page)
    response = footer_action(people["reviewer"], page, "approve")
    assert response.status_code == 302
    assert revision_count(page) == before
    assert step_of(page) == "保密审查"
    followed = people["reviewer"].get(response["Location"])
    assert followed.status_code == 200
    text = " ".join(messages_of(followed))
    assert "已批准" in text and "保密审查" in text and "没有权限" not in text


def test_a_refused_approval_says_why(people):
    """Item 2: a reviewer who edited the page is told why they cannot approve."""
    page, _companion = draft_policy("审核员改过的通知", people["editor"])
    submit(people["editor"], page)
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    page.summary = "审核员改了一句"
    page.save_revision(user=people["reviewer"].user)
    response = footer_action(people["reviewer"], page, "approve")
    assert response.status_code == 302
    text = " ".join(messages_of(people["reviewer"].get(response["Location"])))
    assert "不能批准" in text and "另一位" in text
    response = dashboard_action(people["reviewer"], page, "approve")
    assert response.status_code == 302
    assert "不能批准" in " ".join(messages_of(people["reviewer"].get(response["Location"])))
    assert step_of(page) == "科室审核"
    # Another reviewer decides: the version under review is approved, and
    # the newer version (the reviewer's edit) is reviewed from step 1.
    dashboard_action(people["reviewer2"], page, "approve")
    assert step_of(page) == "科室审核" and current_task_state(page).revision.user == people["reviewer"].user
    dashboard_action(people["reviewer2"], page, "approve")
    assert step_of(page) == "保密审查"


def test_unsaved_changes_are_not_lost_by_a_decision(people):
    page, _companion = draft_policy("审核员未保存修改的通知", people["editor"])
    submit(people["editor"], page)
    from .review import form_data

    data = form_data(people["reviewer"], page)
    data.update(
        {
            "summary": "审核员刚输入、尚未保存的摘要",
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": "{}",
        }
    )
    before = revision_count(page)
    response = people["reviewer"].post(edit_url(page), data)
    assert response.status_code == 200
    assert "审核员刚输入、尚未保存的摘要" in response.content.decode()
    assert "尚未保存" in " ".join(messages_of(response)) or "没有保存" in " ".join(messages_of(response))
    assert revision_count(page) == before and step_of(page) == "科室审核"


@pytest.mark.parametrize("action", ["approve", "approve_justified"])
def test_the_dashboard_decides_on_the_revision_under_review_of_a_live_page(people, action):
    """Item 3: a live page with a new revision under review: the offered
    actions and the decision both read that revision, never the live page."""
    page, _companion = draft_policy("已发布后修改的通知", people["editor"])
    from disclosure.tests.helpers import publish_fixture

    publish_fixture(page.get_latest_revision())
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    page.summary = f"学生身份证号 {VALID_ID}"
    page.save_revision(user=people["editor"].user)
    submit(people["editor"], page, summary=f"学生身份证号 {VALID_ID}")
    dashboard_action(people["reviewer"], page, "approve")
    assert step_of(page) == "保密审查"
    secrecy = people["secrecy"]
    # The dashboard offers only approval with a justification.
    html = secrecy.get("/admin/").content.decode()
    task_state = current_task_state(page)
    assert reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve_justified", task_state.pk]) in html
    assert reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]) not in html
    response = dashboard_action(secrecy, page, action, comment="")
    assert response.status_code in (200, 302)
    assert step_of(page) == "保密审查"
    response = dashboard_action(secrecy, page, "approve_justified", comment="家长同意公示，已核实")
    assert response.status_code == 302 and step_of(page) == "领导审签"


def test_the_justification_modal_shows_errors_in_the_modal(people):
    page, _companion = draft_policy("弹窗里的说明", people["editor"], summary=f"学生身份证号 {VALID_ID}")
    submit(people["editor"], page)
    dashboard_action(people["reviewer"], page, "approve")
    response = dashboard_action(people["secrecy"], page, "approve_justified", comment="", ajax=True)
    assert response.status_code == 200 and response.json()["step"] == "action"
    assert step_of(page) == "保密审查"


def test_changed_content_after_a_request_for_changes_restarts_at_step_one(people):
    """Item 4: resubmitted changes are reviewed from 科室审核 again; the
    request for changes is the reviewer's, in the page's history."""
    page, _companion = draft_policy("被退回两次的通知", people["editor"])
    submit(people["editor"], page)
    dashboard_action(people["reviewer"], page, "approve")
    response = dashboard_action(people["secrecy"], page, "reject", comment="请删除附件中的手机号")
    assert response.status_code == 302
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject").latest("timestamp")
    assert entry.user == people["secrecy"].user
    state = TaskState.objects.filter(workflow_state__object_id=str(page.pk), status="rejected").get()
    assert state.finished_by == people["secrecy"].user
    html = people["editor"].get(edit_url(page)).content.decode()
    assert "请删除附件中的手机号" in html
    submit(people["editor"], page, summary="已删除手机号")
    assert step_of(page) == "科室审核"
    dashboard_action(people["reviewer"], page, "approve")
    assert step_of(page) == "保密审查"


def test_every_resubmission_is_a_new_version_reviewed_from_step_one(people):
    page, _companion = draft_policy("未修改即重新提交的通知", people["editor"])
    submit(people["editor"], page)
    dashboard_action(people["reviewer"], page, "approve")
    dashboard_action(people["secrecy"], page, "reject", comment="请确认附件")
    submit(people["editor"], page)
    assert step_of(page) == "科室审核"


def test_nobody_approves_two_steps_of_the_same_version(people):
    from django.contrib.auth.models import Group

    from moderation.roles import SECRECY_REVIEWER

    both = people["reviewer"]
    both.user.groups.add(Group.objects.get(name=SECRECY_REVIEWER))
    page, _companion = draft_policy("同一人两步的通知", people["editor"])
    submit(people["editor"], page)
    dashboard_action(both, page, "approve")
    assert step_of(page) == "保密审查"
    response = dashboard_action(both, page, "approve")
    assert step_of(page) == "保密审查"
    assert "不同的人" in " ".join(messages_of(both.get(response["Location"])))
    assert approved_states(page) == [("科室审核", "r-reviewer")]
