from django.core.management.base import BaseCommand

from core.i18n import missing_strings


class Command(BaseCommand):
    help = "List Wagtail's admin strings that no zh-Hans catalogue translates (add them to locale/wagtail)."

    def handle(self, **options):
        missing = missing_strings()
        for domain, msgid in missing:
            self.stdout.write(f"{domain}\t{msgid!r}")
        if missing:
            self.stderr.write(f"{len(missing)} strings without Chinese")
