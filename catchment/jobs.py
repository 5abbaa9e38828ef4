"""The zone import as a background job (core.jobs): the admin upload's
"apply" step and `manage.py import_catchments` run it."""

import contextlib
import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import jobs
from core.publication import trusted_publication
from core.spreadsheets import SpreadsheetError
from disclosure.importer import start_of_day

from . import finder
from .importer import ImportRefused, apply_plan, plan_file

IMPORT = "catchment.import"
PUBLISH = "publish"


def may_view(user):
    from .admin_views import user_may_import  # local: catchment.admin_views imports this module

    return user_may_import(user)


@jobs.register(
    IMPORT, label=gettext_lazy("Import enrolment zones"), template="catchment/admin/job_result.html", may_view=may_view
)
def import_zones(job, progress):
    """params: filename, mode ("publish" or "draft"), partial, published (the
    announcement's 发布日期 for new zone pages, ISO date, optional); payload: the file."""
    params = job.params
    publish = params.get("mode", PUBLISH) == PUBLISH
    if publish and job.user is not None:
        from .admin_views import user_may_publish  # local: catchment.admin_views imports this module

        if not user_may_publish(job.user):
            raise jobs.JobFailed([_("You may not publish: save the zones as drafts for review instead.")])
    try:
        plan = plan_file(
            bytes(job.payload or b""), params.get("filename", ""), publish=publish, user=job.user, progress=progress
        )
        # A job without a user was queued by the operator's own command
        # (manage.py import_catchments): its publications are trusted like
        # the demo's (docs/review-workflow.md); the admin's upload always has
        # a user, whose pages go through the review.
        trusted = (
            trusted_publication(_("enrolment zones imported by import_catchments"))
            if publish and job.user is None
            else contextlib.nullcontext()
        )
        with trusted:
            result = apply_plan(
                plan,
                user=job.user,
                publish=publish,
                partial=params.get("partial", False),
                submit=not publish and job.user is not None,
                prepare_new_page=_dated(params.get("published")),
                progress=progress,
            )
    except (SpreadsheetError, ImportRefused) as error:
        raise jobs.JobFailed(error.problems) from error
    finder.clear_cache()
    return {**result.as_report(), "rows": plan.row_count, "filename": params.get("filename", "")}


def _dated(published):
    """New zone pages dated as the announcement was (发布日期), not the day of import."""
    if not published:
        return None
    moment = start_of_day(datetime.date.fromisoformat(published))

    def prepare(page):
        page.first_published_at = moment

    return prepare
