from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catchment.demo import DEMO_FILE
from catchment.demo_conversion import DATA_FILE, convert_file
from catchment.spreadsheet import write_csv
from disclosure.datafiles import DataFileError


class Command(BaseCommand):
    help = (
        "Convert the catchment announcements (JSON) into the zone spreadsheet (CSV) that load_demo_zones imports. "
        "--check: exit 1 if the CSV in the repository is not what the conversion gives."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", default=str(DATA_FILE), help="catchment announcements JSON file")
        parser.add_argument("--output", default=str(DEMO_FILE), help="the CSV file to write")
        parser.add_argument("--check", action="store_true", help="only compare with the existing CSV")

    def handle(self, source, output, check, **options):
        try:
            rows = convert_file(source)
        except DataFileError as error:
            raise CommandError(_("The announcements were not converted:") + "\n" + "\n".join(error.problems)) from error
        text = write_csv(rows)
        path = Path(output)
        if check:
            current = path.read_bytes().decode("utf-8") if path.exists() else ""
            if current != text:
                raise CommandError(_("%(path)s is not up to date: run convert_demo_zones.") % {"path": path})
            self.stdout.write(_("%(path)s is up to date.") % {"path": path})
            return
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        self.stdout.write(_("%(rows)s rows written to %(path)s.") % {"rows": len(rows), "path": path})
