"""Benchmark of the catchment finder (not a test): builds a throwaway
database (Django's test database: in memory on SQLite, test_<name> on
PostgreSQL), imports generated zones with --rules rules through the
importer, then times address lookups and prints p50/p95/max.

    .venv/bin/python manage.py benchmark_catchments            # 5,000 rules
    .venv/bin/python manage.py benchmark_catchments --rules 20000 --lookups 5000
    .venv/bin/python manage.py benchmark_catchments --write zones.csv --rules 4500 --rules-per-zone 15
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment, teardown_test_environment

from catchment import finder
from catchment.address import parse_address
from catchment.generated_zones import zone_csv, zone_rows
from catchment.importer import apply_plan, plan_rows
from catchment.spreadsheet import FIELDS, Row
from disclosure.catalogue_loader import load_catalogue
from home.demo import load_demo_site


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Time catchment lookups against generated zones in a throwaway database (p50/p95/max)."

    def add_arguments(self, parser):
        parser.add_argument("--rules", type=int, default=5000, help="number of zone rules to generate")
        parser.add_argument("--rules-per-zone", type=int, default=50)
        parser.add_argument("--lookups", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--write", metavar="FILE", help="only write the generated zones as an import spreadsheet (CSV) to FILE"
        )

    def handle(self, rules, rules_per_zone, lookups, seed, verbosity, write=None, **options):
        if write:
            with open(write, "wb") as handle:
                handle.write(zone_csv(rules, rules_per_zone, seed))
            self.stdout.write(f"{write}: {rules // rules_per_zone} zones")
            return
        setup_test_environment()
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            self.run(rules, rules_per_zone, lookups, random.Random(seed))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()

    # ---- data ---------------------------------------------------------------------------

    def rows(self, rng, total, per_zone):

        return [
            Row(line, dict(zip(FIELDS, cells, strict=False)))
            for line, cells in enumerate(zone_rows(rng, total, per_zone), start=2)
        ]

    def addresses(self, rng, rows, count):
        named = [row.values for row in rows if row.values["kind"] in ("街道", "门牌", "路段", "边界", "小区", "村")]
        result = []
        for _ in range(count):
            values = rng.choice(named)
            roll = rng.random()
            if values["kind"] in ("小区", "村"):
                text = f"{values['name']}{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元"
            else:
                text = f"{values['name']}{rng.randint(1, 300)}号"
            if roll < 0.3:
                text = "湖南省衡阳市雁峰区" + text
            elif roll < 0.4:
                text = "不存在的路" + str(rng.randint(1, 99)) + "号"
            result.append(text)
        return result

    # ---- the run ------------------------------------------------------------------------

    def run(self, total, per_zone, count, rng):

        load_demo_site()
        load_catalogue()
        rows = self.rows(rng, total, per_zone)
        rule_rows = sum(1 for row in rows if row.values["rule"] != "描述")
        started = time.perf_counter()
        plan = plan_rows(rows)
        assert plan.ok, plan.messages()[:5]
        apply_plan(plan)
        imported = time.perf_counter() - started
        finder.clear_cache()
        started = time.perf_counter()
        matcher = finder.matcher_for(2026)
        built = time.perf_counter() - started
        addresses = self.addresses(rng, rows, count)
        match_times = []
        for text in addresses:
            started = time.perf_counter()
            matcher.match(parse_address(text))
            match_times.append((time.perf_counter() - started) * 1000)
        lookup_times, matched = [], 0
        for text in addresses:
            started = time.perf_counter()
            found = finder.lookup(text, 2026)
            finder.zone_pages([match.zone.id for match in found.matches])
            lookup_times.append((time.perf_counter() - started) * 1000)
            matched += bool(found.matches)
        client = Client(HTTP_HOST="localhost")
        api_times = []
        for text in addresses[: max(1, count // 4)]:
            started = time.perf_counter()
            response = client.get("/api/catchment/", {"address": text, "year": 2026})
            api_times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:200]
        vendor = connection.vendor
        self.stdout.write(
            f"{rule_rows} rules in {len(plan.zones)} zones ({matcher.rule_count} compiled), database: {vendor}\n"
            f"import: {imported:.1f} s; matcher build: {built * 1000:.0f} ms\n"
            f"normalise and match in memory: p50 {statistics.median(match_times):.2f} ms, "
            f"p95 {percentile(match_times, 0.95):.2f} ms\n"
            f"lookup (normalise, zones version query, match, load the zone pages), {len(lookup_times)} addresses, "
            f"{matched} with a match: p50 {statistics.median(lookup_times):.2f} ms, "
            f"p95 {percentile(lookup_times, 0.95):.2f} ms, max {max(lookup_times):.2f} ms\n"
            f"GET /api/catchment/ (whole Django stack), {len(api_times)} requests: "
            f"p50 {statistics.median(api_times):.2f} ms, p95 {percentile(api_times, 0.95):.2f} ms, "
            f"max {max(api_times):.2f} ms"
        )
