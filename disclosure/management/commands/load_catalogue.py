from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.management.reports import write_labelled
from disclosure.catalogue_loader import DEFAULT_CATALOGUE, DEFAULT_OFFICES, load_catalogue
from disclosure.datafiles import DataFileError


class Command(BaseCommand):
    help = "Load the standard disclosure catalogue (JSON) into the page tree. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_CATALOGUE), help="catalogue JSON file")
        parser.add_argument(
            "--offices", default=str(DEFAULT_OFFICES), help="JSON file naming the office that publishes each category"
        )
        parser.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")
        parser.add_argument(
            "--check",
            action="store_true",
            help="like --dry-run, and exit with status 1 if the page tree differs from the file",
        )

    def handle(self, path, offices, dry_run, check, verbosity, **options):
        dry_run = dry_run or check
        try:
            report = load_catalogue(path, offices, dry_run=dry_run)
        except DataFileError as exc:
            raise CommandError(_("The catalogue was not loaded:") + "\n" + "\n".join(exc.problems)) from exc
        create_label = _("would create") if dry_run else _("created")
        update_label = _("would update") if dry_run else _("updated")
        write_labelled(self.stdout, create_label, report.created)
        write_labelled(self.stdout, update_label, report.updated)
        write_labelled(self.stdout, _("not in the file, left as is"), report.not_in_source)
        if verbosity > 1:
            write_labelled(self.stdout, _("unchanged"), report.unchanged)
        summary = _("%(created)s %(create)s, %(updated)s %(update)s, %(unchanged)s unchanged.") % {
            "created": len(report.created),
            "create": create_label,
            "updated": len(report.updated),
            "update": update_label,
            "unchanged": len(report.unchanged),
        }
        self.stdout.write(self.style.SUCCESS(summary) if not dry_run else summary)
        if check and report.changed:
            raise CommandError(_("The page tree differs from the catalogue file."))
