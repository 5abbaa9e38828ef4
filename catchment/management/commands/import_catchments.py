import datetime
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from catchment.importer import CREATE, REPLACE, plan_file
from catchment.jobs import IMPORT
from catchment.spreadsheet import SpreadsheetError
from core import jobs
from core.management.reports import write_labelled


class Command(BaseCommand):
    help = (
        "Import enrolment zones from the zone spreadsheet (CSV UTF-8 or XLSX: 年度,学段,学校,规则,类型,名称,起,止,单双号,备注). "
        "Atomic: if any row is wrong nothing is applied and every wrong row is reported with its line number."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV or XLSX file")
        parser.add_argument("--draft", action="store_true", help="save new revisions as drafts instead of publishing")
        parser.add_argument(
            "--partial", action="store_true", help="apply the zones whose rows are all valid, report the others"
        )
        parser.add_argument("--dry-run", action="store_true", help="only print what would change")
        parser.add_argument(
            "--published",
            metavar="YYYY-MM-DD",
            help="the date the announcement was published (发布日期 of new zone pages), when importing an earlier "
            "announcement; by default new zones are published today",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue the import for the background worker (manage.py run_jobs) and print its progress page",
        )

    def handle(self, path, draft, partial, dry_run, background, published=None, **options):
        self.verbosity = options.get("verbosity", 1)
        if published:
            try:
                datetime.date.fromisoformat(published)
            except ValueError:
                raise CommandError(
                    _("--published must be a date like 2024-06-01, not “%(value)s”.") % {"value": published}
                ) from None
        data, plan = self._plan(path, draft)
        self._print_plan(plan)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
            if not plan.ok:
                raise CommandError(_("The file has problems; see the messages above."))
            return
        params = {"filename": os.path.basename(path), "mode": "draft" if draft else "publish", "partial": partial}
        if published:
            params["published"] = published
        title = _("Import of %(name)s") % {"name": params["filename"]}
        if background:
            job = jobs.start(IMPORT, title=title, params=params, payload=data)
            url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("core_job", args=[job.pk])
            self.stdout.write(_("Queued for the background worker: %(url)s") % {"url": url})
            return
        # The same job as the admin's, run here: one transaction, nothing applied if it fails.
        job = jobs.run_now(IMPORT, title=title, params=params, payload=data, on_progress=self.progress)
        if job.status != job.Status.SUCCEEDED:
            self._refuse(job, plan)
        self._print_report(job.report, draft)

    def _plan(self, path, draft):
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            return data, plan_file(data, path, publish=not draft)
        except OSError as error:
            raise CommandError(_("The file cannot be read: %(error)s") % {"error": error}) from error
        except SpreadsheetError as error:
            raise CommandError("\n".join(error.problems)) from error

    def _print_plan(self, plan):
        write_labelled(self.stderr, _("not applied"), plan.problems)
        labels = {CREATE: _("new"), REPLACE: _("rules replaced")}
        for zone in plan.zones:
            if not zone.problems:
                label = labels.get(zone.action, _("unchanged"))
                self.stdout.write(f"[{label}] {zone.title} ({len(zone.rules)})")
        write_labelled(self.stdout, _("new school"), plan.new_schools)

    def _refuse(self, job, plan):
        problems = job.report.get("problems", [])
        printed = set(plan.messages())
        write_labelled(self.stderr, _("not applied"), [problem for problem in problems if problem not in printed])
        raise CommandError(
            _("Nothing was imported: %(count)s problems (use --partial to apply the valid zones).")
            % {"count": len(problems)}
            if problems
            else job.error
        )

    def _print_report(self, report, draft):
        summary = _(
            "%(created)s zones created, %(replaced)s with new rules, %(unchanged)s unchanged, %(skipped)s not applied; "
            "%(schools)s schools created."
        ) % {
            "created": len(report["created"]),
            "replaced": len(report["replaced"]),
            "unchanged": len(report["unchanged"]),
            "skipped": len(report["skipped"]),
            "schools": len(report["schools_created"]),
        }
        self.stdout.write(summary + " " + (_("Saved as drafts.") if draft else _("Published.")))
        if report["skipped"]:
            raise CommandError(_("Some zones were not applied; see the messages above."))

    def progress(self, job):
        if job.step != self._last_step and self.verbosity > 1:
            self.stderr.write(job.step)
        self._last_step = job.step

    _last_step = None
