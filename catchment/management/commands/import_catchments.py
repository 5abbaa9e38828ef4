import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from catchment.importer import CREATE, REPLACE, plan_file
from catchment.jobs import IMPORT
from catchment.spreadsheet import SpreadsheetError
from core import jobs


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
            import datetime

            try:
                datetime.date.fromisoformat(published)
            except ValueError:
                raise CommandError(_("--published must be a date like 2024-06-01, not “%(value)s”.") % {"value": published})
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            plan = plan_file(data, path, publish=not draft)
        except OSError as error:
            raise CommandError(_("The file cannot be read: %(error)s") % {"error": error})
        except SpreadsheetError as error:
            raise CommandError("\n".join(error.problems))
        not_applied = _("not applied")
        for problem in plan.problems:
            self.stderr.write(f"[{not_applied}] {problem}")
        for zone in plan.zones:
            if zone.problems:
                continue
            if zone.action == CREATE:
                label = _("new")
            elif zone.action == REPLACE:
                label = _("rules replaced")
            else:
                label = _("unchanged")
            self.stdout.write(f"[{label}] {zone.title} ({len(zone.rules)})")
        new_school = _("new school")
        for school in plan.new_schools:
            self.stdout.write(f"[{new_school}] {school}")
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
            problems = job.report.get("problems", [])
            printed = set(plan.messages())
            for problem in problems:
                if problem not in printed:
                    self.stderr.write(f"[{not_applied}] {problem}")
            raise CommandError(
                _("Nothing was imported: %(count)s problems (use --partial to apply the valid zones).")
                % {"count": len(problems)}
                if problems
                else job.error
            )
        report = job.report
        summary = (
            _("%(created)s zones created, %(replaced)s with new rules, %(unchanged)s unchanged, %(skipped)s not applied; %(schools)s schools created.")
            % {
                "created": len(report["created"]),
                "replaced": len(report["replaced"]),
                "unchanged": len(report["unchanged"]),
                "skipped": len(report["skipped"]),
                "schools": len(report["schools_created"]),
            }
        )
        self.stdout.write(summary + " " + (_("Saved as drafts.") if draft else _("Published.")))
        if report["skipped"]:
            raise CommandError(_("Some zones were not applied; see the messages above."))

    def progress(self, job):
        if job.step != self._last_step and self.verbosity > 1:
            self.stderr.write(job.step)
        self._last_step = job.step

    _last_step = None
