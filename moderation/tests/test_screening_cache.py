"""Screening is stored per attachment content hash and read, not redone,
by every page that shows it; heavy extraction runs in the background
worker, never in the confidentiality reviewer's edit page or the
dashboard (issue 11, item 12)."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile

from core import jobs
from core.models import Job
from moderation import extraction
from moderation.models import ScreeningResult

from .review import current_task_state, dashboard_action, draft_policy, edit_url, people, submit  # noqa: F401
from .test_page_screening import document as attachment
from .test_screening import VALID_ID

pytestmark = pytest.mark.django_db(transaction=False)


def nested_zip(size=20 * 1024 * 1024):
    """A ZIP in a ZIP, `size` bytes, around a CSV with an ID number at its end."""
    rows = io.BytesIO()
    line = "张三,一年级,2015-03-01,城北小学,招生范围内\n".encode("gbk")
    while rows.tell() < size:
        rows.write(line)
    rows.write(f"李四,{VALID_ID}\n".encode("gbk"))
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("学生名单.csv", rows.getvalue())
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("材料/名单.zip", inner.getvalue())
    return outer.getvalue()


def at_confidentiality_review(people, title, document):
    page, _companion = draft_policy(title, people["editor"], attachments=[("document", document)])
    submit(people["editor"], page)
    dashboard_action(people["reviewer"], page, "approve")
    assert current_task_state(page).task.name == "保密审查"
    return page


def test_the_confidentiality_reviewer_opens_a_page_with_a_20_mb_nested_zip_without_waiting(people):
    document = attachment("材料.zip", nested_zip())
    assert document.file.size >= 20 * 1024 * 1024
    page = at_confidentiality_review(people, "附大压缩包的通知", document)
    secrecy = people["secrecy"]
    before = extraction.WORK["files"]
    response = secrecy.get(edit_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "尚未检查完成" in html
    assert secrecy.get("/admin/").status_code == 200
    assert extraction.WORK["files"] == before, "the edit page and the dashboard read no attachment"
    # Queued once, as the site's one kind of background job (core.jobs).
    assert list(Job.objects.filter(kind="moderation.screen_attachment").values_list("status", flat=True)) == ["queued"]
    # No plain approval while the attachment is not screened.
    task_state = current_task_state(page)
    actions = [name for name, _label, _modal in task_state.task.specific.get_actions(page, secrecy.user)]
    assert "approve" not in actions and "approve_justified" in actions
    # The worker screens it; the finding then shows where it is.
    assert jobs.run_queued() == 1
    job = Job.objects.get(kind="moderation.screen_attachment")
    assert job.status == Job.Status.SUCCEEDED and job.report["findings"] == 1
    assert extraction.WORK["files"] > before
    html = secrecy.get(edit_url(page)).content.decode()
    assert "尚未检查完成" not in html
    assert "学生名单.csv" in html and VALID_ID[:4] + "**********" + VALID_ID[-4:] in html


def test_the_same_file_is_screened_once_for_every_page_and_render(people):
    data = b"%PDF-1.4 broken on purpose"
    first = at_confidentiality_review(people, "第一份", attachment("同一附件.pdf", data))
    results = ScreeningResult.objects.count()
    before = extraction.WORK["files"]
    second = at_confidentiality_review(people, "第二份", attachment("同一附件副本.pdf", data))
    for page in (first, second, first):
        people["secrecy"].get(edit_url(page))
    people["secrecy"].get("/admin/")
    assert extraction.WORK["files"] == before
    assert ScreeningResult.objects.count() == results


def test_a_replaced_file_is_screened_again(people):
    document = attachment("名单.txt", "张三，一年级".encode())
    page = at_confidentiality_review(people, "文件被替换", document)
    assert 'data-screening="0"' in people["secrecy"].get(edit_url(page)).content.decode()
    document.file.save("名单2.txt", ContentFile(f"张三，{VALID_ID}".encode()), save=False)
    document.save()
    html = people["secrecy"].get(edit_url(page)).content.decode()
    assert 'data-screening="1"' in html
