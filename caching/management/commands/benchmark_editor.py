"""The editor of the page benchmark's soak: publishes a new version of one
page every few seconds (a new title, 第N版), the way the admin's Publish
does, and writes "N <time the publication returned>" to a log after each,
so that a checker can tell a stale response from a fresh one."""

import time

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from core.publication import trusted_publication


class Command(BaseCommand):
    help = "Publish a new version of a page every --interval seconds for --duration seconds (page benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--page", type=int, required=True, help="id of the page to publish again and again")
        parser.add_argument("--title", required=True, help="the title; each version appends （第N版）")
        parser.add_argument("--interval", type=float, default=5.0)
        parser.add_argument("--duration", type=float, default=60.0)
        parser.add_argument("--log", required=True, help="file to append 'N <unix time>' to after each publication")

    def handle(self, page, title, interval, duration, log, **options):
        try:
            Page.objects.get(pk=page)
        except Page.DoesNotExist as error:
            raise CommandError(f"No page {page}") from error
        start = time.monotonic()
        version = 0
        with open(log, "a", encoding="utf-8") as out:
            while time.monotonic() - start < duration:
                version += 1
                specific = Page.objects.get(pk=page).specific
                specific.title = f"{title}（第{version}版）"
                # The operator's publication: the review's own path (三 steps by
                # three people) cannot run every 5 s; the write, the new content
                # generation and the purge are the same.
                with trusted_publication("the page benchmark's editor"):
                    specific.save_revision().publish()  # commits, then tells Varnish (caching.frontend)
                out.write(f"{version} {time.time()}\n")
                out.flush()
                next_at = start + version * interval
                time.sleep(max(0.0, next_at - time.monotonic()))
        self.stdout.write(f"{version} publications")
