from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.management.reports import write_labelled
from disclosure.datafiles import DataFileError
from disclosure.importer import DEFAULT_DOCUMENTS, import_documents


class Command(BaseCommand):
    help = "Import existing documents (JSON) as disclosures under their catalogue items. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_DOCUMENTS))
        parser.add_argument("--draft", action="store_true", help="create drafts instead of publishing")

    def handle(self, path, draft, **options):
        try:
            report = import_documents(path, draft=draft)
        except DataFileError as error:
            raise CommandError("\n".join(error.problems)) from error
        created_label = _("created (draft)") if draft else _("published")
        for label in report.created:
            self.stdout.write(f"[{_('created (draft)') if label in report.drafts else created_label}] {label}")
        write_labelled(self.stdout, _("note"), report.notes)
        write_labelled(self.stderr, _("not imported"), report.errors)
        self.stdout.write(
            _("%(created)s imported, %(unchanged)s already present, %(errors)s not imported.")
            % {"created": len(report.created), "unchanged": len(report.unchanged), "errors": len(report.errors)}
        )
        if report.errors:
            raise CommandError(_("Some documents were not imported; see the messages above."))
