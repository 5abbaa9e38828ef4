"""Benchmark of the catchment finder (not a test): builds a throwaway
database (Django's test database: in memory on SQLite, test_<name> on
PostgreSQL), imports generated zones with --rules rules through the
importer, then times address lookups and prints p50/p95/max.

    .venv/bin/python manage.py benchmark_catchments            # 5,000 rules
    .venv/bin/python manage.py benchmark_catchments --rules 20000 --lookups 5000
"""
import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment, teardown_test_environment

SURNAMES = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
WORDS = "长乐兴隆和平解放人民建设胜利光明幸福团结红旗东风朝阳新华文化育才凯旋滨江中山北京南京西湖青年五一八一健康友谊春风"
SUFFIXES = ["路", "街", "巷", "大道", "东路", "西路", "南路", "北路", "中路", "横街"]
COMPOUND_ENDINGS = ["花园", "家园", "小区", "苑", "公寓", "新村"]


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

    def handle(self, rules, rules_per_zone, lookups, seed, verbosity, **options):
        setup_test_environment()
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            self.run(rules, rules_per_zone, lookups, random.Random(seed))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()

    # ---- data ---------------------------------------------------------------------------

    def streets(self, rng, count):
        names = set()
        while len(names) < count:
            names.add(rng.choice(WORDS) + rng.choice(WORDS) + rng.choice(WORDS) + rng.choice(SUFFIXES))
        return sorted(names)

    def rows(self, rng, total, per_zone):
        from catchment.spreadsheet import FIELDS, Row

        zones = max(1, total // per_zone)
        streets = self.streets(rng, 3 * total)
        rows, line, made = [], 2, 0
        rng.shuffle(streets)
        street_iter = iter(streets)
        previous_boundaries = []
        for number in range(zones):
            school = f"{SURNAMES[number % len(SURNAMES)]}{SURNAMES[(number * 7) % len(SURNAMES)]}第{number + 1}小学"
            base = ["2026", "小学", school]

            def add(*cells):
                nonlocal line
                rows.append(Row(line, dict(zip(FIELDS, base + list(cells) + [""] * (7 - len(cells))))))
                line += 1

            add("描述", "范围", f"{school}的招生范围：生成的测试数据。")
            boundaries = previous_boundaries or [next(street_iter) for _ in range(3)]
            own_boundaries = [next(street_iter) for _ in range(3)]
            kinds = 0
            for street in boundaries + own_boundaries:
                add("边界", "边界", street)
                kinds += 1
            previous_boundaries = own_boundaries
            while kinds < per_zone and made + kinds < total:
                street = next(street_iter)
                choice = kinds % 6
                if choice == 0:
                    add("包含", "街道", street)
                elif choice == 1:
                    start = rng.randint(1, 50)
                    add("包含", "门牌", street, str(start), str(start + rng.randint(10, 200)), rng.choice(["单", "双", "全"]))
                elif choice == 2:
                    add("包含", "路段", street, next(street_iter), next(street_iter), "", rng.choice(["东侧", "两侧", ""]))
                elif choice == 3:
                    name = rng.choice(WORDS) + rng.choice(WORDS) + rng.choice(COMPOUND_ENDINGS) + f"{number}-{kinds}"
                    add("包含", "小区", name, "", "", "", f"别名：{name}一期")
                elif choice == 4:
                    add("排除", "门牌", street, "1", str(rng.randint(2, 30)))
                else:
                    add("包含", "村", f"{rng.choice(WORDS)}{rng.choice(WORDS)}{number}-{kinds}村")
                kinds += 1
            made += kinds
        return rows

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
        from catchment import finder
        from catchment.address import normalise
        from catchment.importer import apply_plan, plan_rows
        from disclosure.catalogue_loader import load_catalogue
        from home.demo import load_demo_site

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
            matcher.match(normalise(text))
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
            f"lookup (normalise, fingerprint query, match, load the zone pages), {len(lookup_times)} addresses, "
            f"{matched} with a match: p50 {statistics.median(lookup_times):.2f} ms, "
            f"p95 {percentile(lookup_times, 0.95):.2f} ms, max {max(lookup_times):.2f} ms\n"
            f"GET /api/catchment/ (whole Django stack), {len(api_times)} requests: "
            f"p50 {statistics.median(api_times):.2f} ms, p95 {percentile(api_times, 0.95):.2f} ms, "
            f"max {max(api_times):.2f} ms"
        )
