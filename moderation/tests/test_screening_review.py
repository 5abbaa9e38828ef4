"""What the 保密审查员 sees and may do, through the admin's own URLs, for
attachments that once passed as "未发现" (issue 11, item 11): a valid ID
number in an .xls, a .doc and a CSV inside a ZIP is shown (masked) on the
edit page, and an attachment that cannot be read is reported; either way a
plain approval from the dashboard is refused and only an approval with a
justification moves the page on."""

import io
import zipfile
from pathlib import Path

import pytest

from core import jobs

from .review import dashboard_action, edit_url, messages_of, people, step_of  # noqa: F401 (fixture)
from .test_screening import VALID_ID
from .test_screening_cache import at_confidentiality_review, attachment

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"
ROSTER_ID = "430402201003151230"  # in data/roster.xls and data/roster.doc


def masked(number):
    return number[:4] + "*" * 10 + number[-4:]


def csv_in_zip():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("名单/学生.csv", f"姓名,身份证号\n李四,{VALID_ID}\n".encode("gb18030"))
    return archive.getvalue()


ATTACHMENTS = {
    "xls": ("名单.xls", lambda: (DATA / "roster.xls").read_bytes(), ROSTER_ID),
    "doc": ("名单.doc", lambda: (DATA / "roster.doc").read_bytes(), ROSTER_ID),
    "csv in zip": ("名单.zip", csv_in_zip, VALID_ID),
}


def the_reviewer_sees(people, page):
    """The edit page, after the background worker ran whatever was queued."""
    jobs.run_queued()
    response = people["secrecy"].get(edit_url(page))
    assert response.status_code == 200
    return response.content.decode()


def plain_approval_is_refused(people, page):
    response = dashboard_action(people["secrecy"], page, "approve")
    assert response.status_code in (200, 302, 400, 403)
    assert step_of(page) == "保密审查"


@pytest.mark.parametrize("kind", list(ATTACHMENTS))
def test_an_id_number_in_the_attachment_is_shown_and_needs_a_justification(people, kind):
    name, data, number = ATTACHMENTS[kind]
    page = at_confidentiality_review(people, f"附{kind}名单的通知", attachment(name, data()))
    html = the_reviewer_sees(people, page)
    assert masked(number) in html and number not in html
    plain_approval_is_refused(people, page)
    response = dashboard_action(people["secrecy"], page, "approve_justified", comment="名单依法公示，已取得同意。")
    assert response.status_code == 302
    assert step_of(page) == "领导审签"


def test_an_attachment_that_cannot_be_read_is_reported_and_needs_a_justification(people):
    page = at_confidentiality_review(people, "附损坏附件的通知", attachment("损坏.xls", b"\xd0\xcf\x11\xe0 not really"))
    html = the_reviewer_sees(people, page)
    assert "未发现" not in html and "损坏" in html
    plain_approval_is_refused(people, page)
    assert dashboard_action(people["secrecy"], page, "approve_justified", comment="").status_code in (200, 302, 400)
    assert step_of(page) == "保密审查", "a justification is required"
    dashboard_action(people["secrecy"], page, "approve_justified", comment="附件为空白表格。")
    assert step_of(page) == "领导审签"
