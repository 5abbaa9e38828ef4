"""`manage.py update_index`: Wagtail's command, preceded by rebuilding the
public search documents from the published pages, so that one command
catches up after anything that went wrong while publishing (for example
a search engine that could not be reached). With --background it is
queued as a background job (core.jobs) instead, and its progress page is
printed."""

import argparse

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from modelsearch.index import get_indexed_models
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from core import jobs
from search import documents
from search.jobs import REBUILD


class Command(WagtailUpdateIndex):
    help = (
        "Rebuild the public search documents from the published pages, then rebuild the index of every "
        "search backend (or of --backend)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--background", action="store_true", help="queue the rebuild for the background worker (manage.py run_jobs)"
        )
        parser.add_argument("--progress", default=None, help=argparse.SUPPRESS)  # a core.jobs.Progress, from the job

    def handle(self, **options):
        self.verbosity = options["verbosity"]
        if options.get("background"):
            job = jobs.start(REBUILD, title=_("Rebuild of the search indexes"))
            url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("core_job", args=[job.pk])
            self.stdout.write(_("Queued for the background worker: %(url)s") % {"url": url})
            return
        self.progress = options.pop("progress", None)
        if not options.get("schema_only"):
            count = documents.rebuild(index=False)
            self.write(f"Search documents: {count} published pages")
        super().handle(**options)

    progress = None

    def update_backend(self, backend_name, schema_only=False, chunk_size=None, **kwargs):
        if self.progress is not None:
            total = 0 if schema_only else sum(model.get_indexed_objects().count() for model in get_indexed_models())
            self.progress.step(
                _("Rebuilding the index of the search backend “%(name)s”") % {"name": backend_name}, total
            )
        return super().update_backend(backend_name, schema_only=schema_only, chunk_size=chunk_size, **kwargs)

    def queryset_chunks(self, qs, chunk_size=1000):
        for chunk in super().queryset_chunks(qs, chunk_size):
            yield chunk
            if self.progress is not None:
                self.progress.advance(len(chunk))
