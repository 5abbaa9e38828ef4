"""The review's background job (core.jobs): reading an attachment for the
personal-data screening, which can take long for large or nested files,
so that no page of the admin waits for it. `manage.py run_jobs` runs it;
its progress page is under 设置 › 后台任务."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import jobs

from .page_screening import screen_stored_document
from .roles import LEADER, REVIEWER, SECRECY_REVIEWER

SCREEN_ATTACHMENT = "moderation.screen_attachment"


def may_view(user):
    """The reviewers, who wait for the result."""
    return user.groups.filter(name__in=(REVIEWER, SECRECY_REVIEWER, LEADER)).exists()


@jobs.register(SCREEN_ATTACHMENT, label=gettext_lazy("Screen an attachment for personal data"), may_view=may_view)
def screen_attachment(job, progress):
    """params: document_id, sha256 (the content it was queued for). The
    report holds counts only: the masked findings are in the stored
    ScreeningResult, shown on the page under review."""
    progress.step(_("Reading the attachment"), total=1)
    result = screen_stored_document(job.params["document_id"], job.params["sha256"])
    progress.advance()
    if result is None:
        return {"findings": 0, "problems": [_("The document no longer exists.")]}
    return {"findings": len(result.findings), "problems": result.problems}
