from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from home.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, ensure_demo_admin, load_demo_site


class Command(BaseCommand):
    help = "Create the demo home page, site settings and disclosure guide (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-admin",
            action="store_true",
            help="also create the local-only admin account (refused unless DEBUG is on)",
        )

    def handle(self, demo_admin, **options):
        created = load_demo_site()
        self.stdout.write(_("Demo content: %(n)s created.") % {"n": len(created)})
        if demo_admin:
            if not settings.DEBUG:
                raise CommandError(_("The demo admin account is for local development only (DEBUG is off)."))
            ensure_demo_admin()
            self.stdout.write(
                self.style.WARNING(
                    _("LOCAL DEMO ONLY — admin login at /admin/: user %(user)s, password %(password)s")
                    % {"user": DEMO_ADMIN_USERNAME, "password": DEMO_ADMIN_PASSWORD}
                )
            )
