"""Render every public page type in process, with the page cache off, and
report SQL queries and time per render: warm (what every page repeats is
cached for the content generation) and cold (right after a change, when
nothing is). A benchmark, not a test: run it on a demo built with the
production settings (scripts/page-benchmark does)."""

import json as json_module
import statistics
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site, get_page_models

from core import generation
from disclosure.models import CatalogueItemPage


def sample_urls():
    """(name, URL) of one page of every public page type, the zone list, the
    finder with an address, a search, and the catalogue in English."""

    root = Site.objects.get(is_default_site=True).root_page
    urls = []
    for model in get_page_models():
        if model._meta.label == "wagtailcore.Page":
            continue
        page = model.objects.live().descendant_of(root, inclusive=True).order_by("path").first()
        if page is not None:
            urls.append((model._meta.model_name, page.url))

    zones_item = CatalogueItemPage.objects.live().filter(catalogue_key="招生管理/招生范围").first()
    if zones_item:
        urls.append(("item (招生范围, 20 zones a page)", zones_item.url))
    urls += [
        ("zone list", "/catchment/zones/"),
        ("finder with an address", "/catchment/?" + urlencode({"address": "遂宁市船山区铁货街12号", "year": 2017})),
        ("search", "/search/?" + urlencode({"q": "招生"})),
        ("catalogue in English", "/en/catalogue/"),
    ]
    return urls


class Command(BaseCommand):
    help = "Queries and time per render of every public page type, in process, page cache off."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50, help="renders per page and state (default 50)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument("--host", default=None, help="Host header (default: the first of ALLOWED_HOSTS)")

    def handle(self, runs=50, json=False, host=None, **options):
        host = host or next((h for h in settings.ALLOWED_HOSTS if h not in ("*", "")), "127.0.0.1")
        results = []
        with override_settings(PAGE_CACHE={**settings.PAGE_CACHE, "ENABLED": False}):
            client = Client(HTTP_HOST=host)
            for name, url in sample_urls():
                assert client.get(url).status_code == 200, url
                with CaptureQueriesContext(connection) as captured:
                    client.get(url)
                queries = len(captured.captured_queries)
                warm = [self.render(client, url) for _ in range(runs)]
                cold = []
                for _ in range(max(3, runs // 5)):
                    generation.bump()  # a change: nothing is cached for the new generation
                    cold.append(self.render(client, url))
                results.append(
                    {
                        "page": name,
                        "url": url,
                        "queries": queries,
                        "warm_median_ms": statistics.median(wall for wall, _cpu in warm),
                        "warm_min_ms": min(wall for wall, _cpu in warm),
                        "warm_cpu_median_ms": statistics.median(cpu for _wall, cpu in warm),
                        "cold_median_ms": statistics.median(wall for wall, _cpu in cold),
                    }
                )
        if json:
            self.stdout.write(json_module.dumps(results, ensure_ascii=False))
            return
        self.stdout.write(f"{'page':34} {'queries':>7} {'median':>8} {'min':>7} {'cpu med':>8} {'cold med':>9}  (ms)")
        for row in results:
            self.stdout.write(
                f"{row['page']:34} {row['queries']:7d} {row['warm_median_ms']:8.1f} {row['warm_min_ms']:7.1f} "
                f"{row['warm_cpu_median_ms']:8.1f} {row['cold_median_ms']:9.1f}"
            )

    @staticmethod
    def render(client, url):
        wall, cpu = time.perf_counter(), time.thread_time()
        response = client.get(url)
        assert response.status_code == 200, url
        return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000
