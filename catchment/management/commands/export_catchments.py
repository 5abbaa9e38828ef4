import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catchment import finder
from catchment.spreadsheet import write_csv
from catchment.views import year_rows


class Command(BaseCommand):
    help = "Export the published enrolment zones of a year in the import format (CSV, UTF-8 with BOM)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="the enrolment year (default: the finder's default year)")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, year, output, **options):
        years = finder.years()
        year = year or finder.default_year(years)
        if year not in years:
            raise CommandError(_("No zones are published for %(year)s.") % {"year": year})
        text = write_csv(year_rows(year))
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        else:
            sys.stdout.write(text)
