from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.publication import trusted_publication
from catchment.importer import CREATE, REPLACE, ImportRefused, apply_plan, plan_file
from catchment.spreadsheet import SpreadsheetError


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

    def handle(self, path, draft, partial, dry_run, **options):
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
        try:
            with trusted_publication(_("enrolment zones imported by import_catchments")):
                result = apply_plan(plan, publish=not draft, partial=partial)
        except ImportRefused as error:
            raise CommandError(
                _("Nothing was imported: %(count)s problems (use --partial to apply the valid zones).")
                % {"count": len(error.problems)}
            )
        summary = (
            _("%(created)s zones created, %(replaced)s with new rules, %(unchanged)s unchanged, %(skipped)s not applied; %(schools)s schools created.")
            % {
                "created": len(result.created),
                "replaced": len(result.replaced),
                "unchanged": len(result.unchanged),
                "skipped": len(result.skipped),
                "schools": len(result.schools_created),
            }
        )
        self.stdout.write(summary + " " + (_("Saved as drafts.") if draft else _("Published.")))
        if result.skipped:
            raise CommandError(_("Some zones were not applied; see the messages above."))
