"""Erase the personal data of applications concluded longer ago than the
retention setting. Run daily from cron, for example:

    15 3 * * * cd /srv/edusite && DJANGO_SETTINGS_MODULE=edusite.settings.production .venv/bin/python manage.py purge_applications
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.models import Site

from on_request.models import OnRequestSettings
from on_request.retention import purge_due


class Command(BaseCommand):
    help = "Erase identity numbers, contact details and files of applications concluded more than the retention period ago."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, help="retention in years (default: the site setting)")
        parser.add_argument("--dry-run", action="store_true", help="only count")

    def handle(self, years=None, dry_run=False, **options):
        if years is None:
            site = Site.objects.filter(is_default_site=True).first()
            years = OnRequestSettings.for_site(site).retention_years if site else 5
        count = purge_due(years, dry_run=dry_run)
        message = _("Applications to purge: %(count)s") if dry_run else _("Applications purged: %(count)s")
        self.stdout.write(message % {"count": count})
