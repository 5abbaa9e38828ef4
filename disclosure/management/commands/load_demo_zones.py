from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.datafiles import DataFileError
from disclosure.demo_zones import DATA_FILE, load_demo_zones


class Command(BaseCommand):
    help = "Create the demo enrolment zones (招生划片) under 招生管理 › 招生范围. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DATA_FILE), help="catchment announcements JSON file")

    def handle(self, path, verbosity, **options):
        try:
            report = load_demo_zones(path)
        except DataFileError as exc:
            raise CommandError(_("The demo zones were not loaded:") + "\n" + "\n".join(exc.problems))
        created_label = _("created")
        for title in report.created:
            self.stdout.write(f"[{created_label}] {title}")
        if verbosity > 1:
            unchanged_label = _("unchanged")
            for title in report.unchanged:
                self.stdout.write(f"[{unchanged_label}] {title}")
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo zones: %(created)s created, %(unchanged)s unchanged, %(schools)s schools added.")
                % {"created": len(report.created), "unchanged": len(report.unchanged), "schools": len(report.schools_created)}
            )
        )
