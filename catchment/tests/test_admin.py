"""The admin upload: preview before applying, every bad row explained with
its line number and the options kept, page permissions respected (only
those who may add pages under 招生范围; only publishers publish), and the
export in the same format."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core import jobs
from disclosure.models import EnrolmentZonePage, Office, School
from moderation.roles import editor_group_name, setup_roles

from .helpers import csv_bytes, zone

pytestmark = pytest.mark.django_db

IMPORT = "/admin/catchment/import/"
EXPORT = "/admin/catchment/export/"
GOOD = zone(2026, "东风路小学", ("包含", "门牌", "东风路", "1", "70", "单"), ("边界", "边界", "人民路"))


def upload(client, rows=GOOD, mode="draft", partial=False, data=None, name="zones.csv"):
    post = {"file": SimpleUploadedFile(name, data if data is not None else csv_bytes(rows), "text/csv"), "mode": mode}
    if partial:
        post["partial"] = "on"
    return client.post(IMPORT, post)


def page_text(response):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def payload(response):
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode()).group(1)


def apply(client, preview):
    """Confirm a preview: the import is queued as a background job and the
    browser is sent to its progress page; the worker runs it (here, in this
    process); the progress page then shows the result."""
    response = client.post(IMPORT, {"payload": payload(preview)})
    assert response.status_code == 302 and response["Location"].startswith("/admin/jobs/"), response
    progress = client.get(response["Location"])
    assert progress.status_code == 200 and "等待后台任务进程" in page_text(progress)
    assert jobs.run_queued() == 1
    return client.get(response["Location"])


def office_editor(office_name, username):
    setup_roles()
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=editor_group_name(Office(name=office_name))))
    client = Client()
    client.force_login(user)
    return client


def test_preview_then_apply(admin_client, item):
    assert admin_client.get(IMPORT).status_code == 200
    response = upload(admin_client)
    assert response.status_code == 200
    text = page_text(response)
    assert "2026年东风路小学招生范围" in text and "东风路小学" in text
    assert not EnrolmentZonePage.objects.filter(year=2026).exists()  # a preview writes nothing
    assert not School.objects.filter(name="东风路小学").exists()
    response = apply(admin_client, response)
    assert response.status_code == 200
    page = EnrolmentZonePage.objects.get(year=2026, school__name="东风路小学")
    assert not page.live and page.rules.count() == 2  # a user's import goes to review as drafts (issue 11)
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in response.content.decode()
    assert page.get_latest_revision().user.username == "test-admin"


def test_a_bad_file_is_explained_row_by_row_and_the_options_are_kept(admin_client, item):
    rows = GOOD + zone(2026, "南门小学", ("包含", "门牌", "南门路", "70", "1"), ("包含", "道路", "北门路"))
    response = upload(admin_client, rows, partial=True)
    html = response.content.decode()
    problems = re.findall(r"<li>(第\d+行[^<]*)</li>", unescape(html))
    assert [p.split("，")[0] for p in problems] == ["第6行", "第7行"]
    assert "类型" in problems[1] and "道路" in problems[1]
    # With 'partial' ticked the valid zone may still be applied; the options are kept.
    assert 'name="payload"' in html
    assert re.search(r'<input type="checkbox" name="partial"[^>]*checked', html)
    assert re.search(r'<input type="radio" name="mode" value="draft"[^>]*checked', html)
    apply(admin_client, response)
    assert EnrolmentZonePage.objects.filter(year=2026).count() == 1
    assert not School.objects.filter(name="南门小学").exists()


def test_without_partial_a_bad_file_cannot_be_applied(admin_client, item):
    rows = GOOD + zone(2026, "南门小学", ("包含", "门牌", "南门路", "70", "1"))
    response = upload(admin_client, rows)
    html = response.content.decode()
    assert "第6行" in unescape(html)
    assert 'name="payload"' not in html
    assert re.search(r'<input type="radio" name="mode" value="draft"[^>]*checked', html)


@pytest.mark.parametrize(
    "data, name, message",
    [
        ("年度,学段,学校\r\n".encode("gbk"), "zones.csv", "UTF-8"),
        (b"", "zones.csv", ""),
        (b"%PDF-1.4", "zones.pdf", "CSV"),
    ],
    ids=["gbk", "empty", "pdf"],
)
def test_unreadable_files_get_a_message_on_the_field(admin_client, item, data, name, message):
    response = upload(admin_client, data=data, name=name)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "file" in errors and message in " ".join(errors["file"])
    assert not EnrolmentZonePage.objects.filter(year=2026).exists()


def test_a_changed_payload_is_refused(admin_client, item):
    response = admin_client.post(IMPORT, {"payload": payload(upload(admin_client)) + "x"})
    assert response.status_code == 200
    assert "重新上传" in page_text(response)
    assert not EnrolmentZonePage.objects.filter(year=2026).exists()


def test_anonymous_users_are_sent_to_the_login(item):
    for url in (IMPORT, EXPORT):
        response = Client().get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = Client().post(IMPORT, {"payload": "x"})
    assert response.status_code == 302
    assert not EnrolmentZonePage.objects.filter(year=2026).exists()


def test_editors_of_another_office_may_not_import(item):
    client = office_editor("计划财务科", "editor-finance")
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    for response in (client.get(IMPORT), client.get(EXPORT), upload(client)):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not EnrolmentZonePage.objects.filter(year=2026).exists()
    assert "/admin/catchment/import/" not in client.get("/admin/").content.decode()


def test_the_office_editor_imports_drafts_for_review(item):
    client = office_editor("基础教育科", "editor-basic")
    response = client.get(IMPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="draft"' in html and 'value="publish"' not in html
    assert "/admin/catchment/import/" in client.get("/admin/").content.decode()
    # Publishing is not theirs to choose, even by forging the form.
    assert "mode" in upload(client, mode="publish").context["form"].errors
    response = upload(client, mode="draft")
    apply(client, response)
    page = EnrolmentZonePage.objects.get(year=2026, school__name="东风路小学")
    assert not page.live and page.workflow_in_progress
    assert "error" in Client().get("/api/catchment/", {"address": "东风路1号", "year": 2026}).json()


def test_the_export_is_the_import_format(admin_client):
    response = admin_client.get(EXPORT)
    assert response.status_code == 200
    assert f"{EXPORT}?year=2018" in response.content.decode()
    response = admin_client.get(EXPORT, {"year": 2018})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8").startswith("\ufeff年度,学段,学校,规则,类型,名称,起,止,单双号,备注")


def test_a_file_over_the_size_limit_is_refused_on_the_field(admin_client, item):
    from catchment.spreadsheet import MAX_BYTES

    response = upload(admin_client, data=csv_bytes(GOOD) + b"\r\n" * MAX_BYTES)
    assert "1 MB" in " ".join(response.context["form"].errors["file"])
    assert 'name="payload"' not in response.content.decode()
