"""The state machine through the admin's own URLs: every step allowed or
refused per role and per state, with the history it leaves."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from disclosure.models import Office
from on_request.models import Application, Event
from on_request.workflow import submit_online

from .helpers import PDF, form_data, leader, office_editor, officer, user_in

pytestmark = pytest.mark.django_db


def new_application(**overrides):
    data = form_data(**overrides)
    for key in ("privacy", "website"):
        data.pop(key)
    return submit_online(data, [])


def refused(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def step(client, application, action, data=None):
    return client.post(f"/admin/yishenqing/{application.pk}/{action}/", data or {})


@pytest.fixture
def roles(db):
    officer_user, officer_client = officer()
    leader_user, leader_client = leader()
    editor_user, editor_client = office_editor("基础教育科")
    other_user, other_client = office_editor("计划财务科")
    return {
        "officer": officer_client,
        "leader": leader_client,
        "editor": editor_client,
        "other_editor": other_client,
        "users": (officer_user, leader_user, editor_user, other_user),
    }


def registered(roles, **overrides):
    application = new_application(**overrides)
    assert (
        step(roles["officer"], application, "register", {"received_on": timezone.localdate().isoformat()}).status_code
        == 302
    )
    application.refresh_from_db()
    return application


def test_registration_starts_the_clock_and_is_recorded(roles):
    application = new_application()
    response = step(roles["officer"], application, "register", {"received_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "registered" and application.received_on == timezone.localdate()
    assert application.due_on > application.received_on
    event = application.events.get(kind=Event.Kind.REGISTERED)
    assert event.actor.username == "test-officer"
    assert any("registered" in message.subject or "登记" in message.subject for message in mail.outbox)


@pytest.mark.parametrize("role", ["leader", "editor", "other_editor"])
def test_only_the_officer_registers(roles, role):
    application = new_application()
    assert refused(step(roles[role], application, "register", {"received_on": timezone.localdate().isoformat()}))
    application.refresh_from_db()
    assert application.status == "submitted"


def test_anonymous_and_staff_without_the_role_are_refused(roles):
    application = new_application()
    assert Client().get("/admin/yishenqing/").status_code == 302  # to the login page
    assert (
        Client().post(f"/admin/yishenqing/{application.pk}/register/", {"received_on": "2026-01-05"}).status_code == 302
    )
    from django.contrib.auth.models import Group

    _user, plain = user_in("审核员", "test-reviewer")
    assert Group.objects.get(name="审核员")
    assert refused(plain.get("/admin/yishenqing/"))
    assert refused(plain.get(f"/admin/yishenqing/{application.pk}/"))
    assert refused(step(plain, application, "register", {"received_on": "2026-01-05"}))


def test_steps_need_post_with_csrf(roles):
    application = new_application()
    assert roles["officer"].get(f"/admin/yishenqing/{application.pk}/register/").status_code == 405
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(roles["users"][0])
    assert refused(step(csrf_client, application, "register", {"received_on": "2026-01-05"}))


def test_office_editors_see_only_what_is_assigned_to_their_office(roles):
    application = registered(roles)
    assert refused(roles["editor"].get(f"/admin/yishenqing/{application.pk}/"))
    assert application.tracking_code not in roles["editor"].get("/admin/yishenqing/").content.decode()
    office = Office.objects.get(name="基础教育科")
    assert refused(step(roles["editor"], application, "assign", {"office": office.pk}))
    assert step(roles["officer"], application, "assign", {"office": office.pk}).status_code == 302
    page = roles["editor"].get(f"/admin/yishenqing/{application.pk}/").content.decode()
    assert application.description in page
    assert "测试申请人甲" not in page and application.id_number not in page and "13800000000" not in page
    assert application.masked_name in page
    assert application.tracking_code in roles["editor"].get("/admin/yishenqing/").content.decode()
    assert refused(roles["other_editor"].get(f"/admin/yishenqing/{application.pk}/"))
    assert step(roles["editor"], application, "office_note", {"note": "已找到会议纪要，可以公开。"}).status_code == 302
    assert refused(step(roles["other_editor"], application, "office_note", {"note": "x"}))
    assert refused(step(roles["editor"], application, "answer", {"answer_type": "not_existing"}))
    assert application.events.filter(kind=Event.Kind.OFFICE_NOTE).get().actor.username.startswith("test-editor")


def test_lists_mask_the_applicant(roles):
    application = registered(roles)
    page = roles["officer"].get("/admin/yishenqing/").content.decode()
    assert application.masked_name in page and "测试申请人甲" not in page and application.id_number not in page


def test_correction_is_once_and_restarts_the_clock(roles):
    application = registered(roles)
    due = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    assert (
        step(
            roles["officer"], application, "request_correction", {"items": "请写明文件名称。", "due_on": due}
        ).status_code
        == 302
    )
    application.refresh_from_db()
    assert application.status == "correction" and application.due_on is None
    assert application.letters.filter(kind="correction").exists()
    assert (
        step(
            roles["officer"], application, "receive_correction", {"received_on": timezone.localdate().isoformat()}
        ).status_code
        == 302
    )
    application.refresh_from_db()
    assert application.status == "registered" and application.correction_received_on == timezone.localdate()
    response = step(roles["officer"], application, "request_correction", {"items": "again", "due_on": due})
    assert response.status_code == 200 and "一次" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "registered"


def test_abandonment_only_after_the_deadline(roles):
    application = registered(roles)
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    step(roles["officer"], application, "request_correction", {"items": "请写明文件名称。", "due_on": due})
    response = step(roles["officer"], application, "abandon")
    assert response.status_code == 200 and "尚未" in response.content.decode()
    Application.objects.filter(pk=application.pk).update(
        correction_due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert step(roles["officer"], application, "abandon").status_code == 302
    application.refresh_from_db()
    assert application.status == "abandoned" and application.table_row == "6.1"


def test_consultation_pauses_and_resumes(roles):
    application = registered(roles)
    before = application.due_on
    assert (
        step(
            roles["officer"],
            application,
            "consult",
            {"kind": "third_party", "party": "示例学校（虚构）", "matters": "是否同意公开？"},
        ).status_code
        == 302
    )
    application.refresh_from_db()
    assert application.status == "consulting" and application.due_on > before
    response = step(roles["officer"], application, "answer", {"answer_type": "not_existing"})
    assert response.status_code == 200
    consultation = application.consultations.get()
    assert (
        step(
            roles["officer"],
            application,
            "end_consultation",
            {"consultation": consultation.pk, "answered_on": timezone.localdate().isoformat(), "opinion": "同意"},
        ).status_code
        == 302
    )
    application.refresh_from_db()
    assert application.status == "registered"
    assert application.letters.filter(kind="consultation").exists()


def test_extension_needs_the_leader(roles):
    application = registered(roles)
    before = application.due_on
    response = step(roles["officer"], application, "request_extension", {"days": 25, "reason": "x"})
    assert response.status_code == 200  # at most 20 days
    assert (
        step(roles["officer"], application, "request_extension", {"days": 20, "reason": "需要调取档案"}).status_code
        == 302
    )
    assert refused(step(roles["officer"], application, "decide_extension", {"decision": "approve"}))
    assert refused(step(roles["editor"], application, "decide_extension", {"decision": "approve"}))
    application.refresh_from_db()
    assert application.due_on == before and application.extension_status == "requested"
    mail.outbox.clear()
    assert step(roles["leader"], application, "decide_extension", {"decision": "approve"}).status_code == 302
    application.refresh_from_db()
    assert application.extension_days == 20 and application.due_on > before
    assert application.letters.filter(kind="extension").exists()
    assert mail.outbox and mail.outbox[0].attachments[0][2] == "application/pdf"  # the applicant is notified
    assert application.events.get(kind=Event.Kind.EXTENSION_APPROVED).actor.username == "test-leader"
    response = step(roles["officer"], application, "request_extension", {"days": 5, "reason": "again"})
    assert response.status_code == 200


def test_refused_extension(roles):
    application = registered(roles)
    step(roles["officer"], application, "request_extension", {"days": 10, "reason": "x"})
    assert (
        step(roles["leader"], application, "decide_extension", {"decision": "refuse", "note": "理由不充分"}).status_code
        == 302
    )
    application.refresh_from_db()
    assert application.extension_status == "refused" and application.extension_days == 0


@pytest.mark.parametrize(
    "data, message",
    [
        ({"answer_type": "withheld"}, "法律依据"),
        ({"answer_type": "partly", "withholding_ground": "third_party"}, "不予公开的内容"),
        ({"answer_type": "already_published"}, "公开的位置"),
        ({"answer_type": "disclosed"}, "附上"),
        ({"answer_type": "unreasonable"}, "说明理由"),
        ({"answer_type": "still_unclear"}, "补正"),
    ],
)
def test_answers_need_their_facts(roles, data, message):
    application = registered(roles)
    response = step(roles["officer"], application, "answer", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    application.refresh_from_db()
    assert application.status == "registered"


def test_answer_and_close(roles):
    application = registered(roles, delivery="email")
    mail.outbox.clear()
    upload = SimpleUploadedFile("纪要.pdf", PDF, content_type="application/pdf")
    response = step(
        roles["officer"],
        application,
        "answer",
        {
            "answer_type": "partly",
            "withholding_ground": "third_party",
            "withheld_text": "学生姓名已删除。",
            "attachments": upload,
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "answered" and application.table_row == "2"
    assert {a[0] for a in mail.outbox[-1].attachments} >= {"纪要.pdf"}
    assert step(roles["officer"], application, "withdraw", {"note": "x"}).status_code == 200  # too late
    assert step(roles["officer"], application, "close").status_code == 302
    application.refresh_from_db()
    assert application.status == "closed"


def test_every_step_is_in_the_history(roles):
    application = registered(roles)
    step(roles["officer"], application, "request_extension", {"days": 5, "reason": "x"})
    step(roles["leader"], application, "decide_extension", {"decision": "approve"})
    step(roles["officer"], application, "answer", {"answer_type": "not_existing"})
    page = roles["officer"].get(f"/admin/yishenqing/{application.pk}/").content.decode()
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds[:2] == ["submitted", "registered"]
    assert {"extension_requested", "extension_approved", "answered"} <= set(kinds)
    assert "test-leader" in page and "test-officer" in page


def test_staff_entry_of_an_application_received_by_post(roles):
    data = form_data()
    for key in ("privacy", "website"):
        data.pop(key)
    data.update(channel="post", received_on="2026-09-18")
    response = roles["officer"].post("/admin/yishenqing/new/", data)
    assert response.status_code == 302
    application = Application.objects.get(channel="post")
    assert application.status == "registered" and application.received_on == datetime.date(2026, 9, 18)
    assert application.due_on == datetime.date(2026, 10, 22)  # the hand-computed 2026 国庆 case
    assert refused(roles["leader"].get("/admin/yishenqing/new/"))
    bad = dict(data, id_number="110105199003070000")
    response = roles["officer"].post("/admin/yishenqing/new/", bad)
    assert response.status_code == 200 and "110105199003070000" in response.content.decode()


def test_queue_filters(roles):
    late = registered(roles)
    Application.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    fresh = registered(roles)
    page = roles["officer"].get("/admin/yishenqing/?deadline=overdue").content.decode()
    assert late.tracking_code in page and fresh.tracking_code not in page
    page = roles["officer"].get("/admin/yishenqing/").content.decode()
    assert "已超期" in page or "Overdue" in page
    office = Office.objects.get(name="基础教育科")
    step(roles["officer"], fresh, "assign", {"office": office.pk})
    page = roles["officer"].get(f"/admin/yishenqing/?office={office.pk}").content.decode()
    assert fresh.tracking_code in page and late.tracking_code not in page
    page = roles["officer"].get("/admin/yishenqing/?status=answered").content.decode()
    assert fresh.tracking_code not in page


def test_files_only_for_those_who_may_see_them(roles):
    data = form_data()
    for key in ("privacy", "website"):
        data.pop(key)
    from on_request.uploads import CheckedFile

    application = submit_online(
        data,
        [CheckedFile("身份证.png", "image/png", 40, SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32))],
    )
    attachment = application.attachments.get()
    url = f"/admin/yishenqing/{application.pk}/file/{attachment.pk}/"
    assert roles["officer"].get(url).status_code == 200
    assert refused(roles["editor"].get(url))
    assert Client().get(url).status_code == 302
    from django.conf import settings

    assert not str(attachment.file.path).startswith(str(settings.MEDIA_ROOT))
