"""One live page of every page type in the tree, as JSON, for the browser
quality gate (tests/browser): new page types are checked without anyone
having to list them."""

import json

from django.core.management.base import BaseCommand
from wagtail.models import Page, Site, get_page_models


class Command(BaseCommand):
    help = "Print one live page URL per page type, and the page types that have no live page, as JSON."

    def handle(self, **options):
        site = Site.objects.get(is_default_site=True)
        samples, missing = [], []
        for model in get_page_models():
            if model is Page:
                continue
            page = model.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path").first()
            label = model._meta.label_lower
            if page is None:
                missing.append(label)
            else:
                samples.append({"type": label, "title": page.title, "url": page.get_url()})
        self.stdout.write(json.dumps({"pages": samples, "missing": missing}, ensure_ascii=False))
