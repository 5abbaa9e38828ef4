"""Rebuilding the search documents and indexes as a background job
(core.jobs): what `manage.py update_index` does, started from the admin
(设置 › 重建检索索引) or with `update_index --background`."""

import io

from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from core import jobs

from .models import SearchDocument

REBUILD = "search.rebuild"


def may_rebuild(user):
    return user.is_superuser or user.has_perm("search.change_synonymgroup")


@jobs.register(
    REBUILD,
    label=gettext_lazy("Rebuild the search indexes"),
    template="search/admin/rebuild_result.html",
    may_view=may_rebuild,
)
def rebuild_search(job, progress):

    progress.step(_("Rebuilding the search documents from the published pages"), total=Page.objects.count())
    output = io.StringIO()
    # One transaction: the search documents and the database index change together or not at all;
    # Elasticsearch builds a new index and switches to it only when it is complete.
    with transaction.atomic():
        call_command("update_index", stdout=output, stderr=output, progress=progress)
    return {"documents": SearchDocument.objects.count(), "output": output.getvalue()[-5000:]}
