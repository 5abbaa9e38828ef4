"""Start a new content generation and tell Varnish: after a deployment
(templates or code changed what pages look like), or after the database was
restored from a backup (--reset)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.contrib.frontend_cache.utils import get_backends

from core import generation

from ...frontend import VarnishBackend, site_urls


class Command(BaseCommand):
    help = "Empty the page caches: a new content generation, announced to Varnish (VARNISH_URL)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Also make Varnish accept this generation number if it has seen a higher one "
            "(after restoring the database from a backup).",
        )

    def handle(self, reset=False, **options):

        with transaction.atomic():
            generation.bump()  # the PURGE follows the commit (caching.frontend)
        if reset:
            for backend in get_backends().values():
                if isinstance(backend, VarnishBackend):
                    for url in site_urls():
                        backend.purge(url, reset=True)
        state = generation.current()
        self.stdout.write(_("Content generation %(number)s: the page caches start again.") % {"number": state.number})
