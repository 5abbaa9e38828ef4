from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catchment.demo import DEMO_FILE, load_demo_zones
from catchment.importer import ImportRefused
from catchment.spreadsheet import SpreadsheetError
from core.management.reports import write_labelled


class Command(BaseCommand):
    help = "Import the demo enrolment zones (招生划片) under 招生管理 › 招生范围, creating only missing ones. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEMO_FILE), help="zone spreadsheet (CSV or XLSX)")

    def handle(self, path, verbosity, **options):
        try:
            _plan, report = load_demo_zones(path)
        except (ImportRefused, SpreadsheetError) as error:
            raise CommandError(_("The demo zones were not loaded:") + "\n" + "\n".join(error.problems)) from error
        except OSError as error:
            raise CommandError(str(error)) from error
        write_labelled(self.stdout, _("created"), report.created)
        if verbosity > 1:
            write_labelled(self.stdout, _("unchanged"), report.unchanged)
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo zones: %(created)s created, %(unchanged)s unchanged, %(schools)s schools added.")
                % {
                    "created": len(report.created),
                    "unchanged": len(report.unchanged),
                    "schools": len(report.schools_created),
                }
            )
        )
