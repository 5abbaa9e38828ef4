from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from on_request.demo import load_demo_applications


class Command(BaseCommand):
    help = "Create the demo applications for disclosure on request (fictional, idempotent)."

    def handle(self, **options):
        created = load_demo_applications()
        self.stdout.write(_("Demo applications created: %(count)s") % {"count": len(created)})
