"""`manage.py benchmark_search --throwaway --sizes 20000 100000 --backend default`:
generate that many Chinese disclosures (in steps) and report the p50/p95
latency of /api/search/ on each backend. Fills the database: throwaway
databases only (scripts/search-benchmark makes them)."""
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from search import benchmark
from search.models import SearchDocument


class Command(BaseCommand):
    help = "Generate Chinese disclosures and report p50/p95 latency of /api/search/ per backend (throwaway databases only)."

    def add_arguments(self, parser):
        parser.add_argument("--throwaway", action="store_true", help="Confirm that this database may be filled.")
        parser.add_argument("--sizes", nargs="+", type=int, default=[20_000, 100_000])
        parser.add_argument("--backend", action="append", help="Search backends to measure (default: all).")
        parser.add_argument("--rounds", type=int, default=3, help="Times each query and variant is asked.")
        parser.add_argument("--label", default="", help="What to call the database in the report (SQLite, PostgreSQL).")

    def handle(self, **options):
        if not options["throwaway"]:
            raise CommandError("This fills the database with generated pages: add --throwaway on a throwaway database.")
        names = options["backend"] or list(settings.WAGTAILSEARCH_BACKENDS)
        unknown = [name for name in names if name not in settings.WAGTAILSEARCH_BACKENDS]
        if unknown:
            raise CommandError(f"Unknown search backend: {', '.join(unknown)}")
        if benchmark.generated_pages().exists():
            raise CommandError("This database already holds generated pages: run the benchmark on a fresh database.")
        for name in names:  # the indexes, with their mappings, and the demo content in them
            call_command("update_index", backend_name=name, verbosity=0)
        backends = benchmark.backends_by_name(names)
        generator = benchmark.Generator()
        base = SearchDocument.objects.count()
        rows = []
        for size in sorted(options["sizes"]):
            missing = size - (SearchDocument.objects.count() - base)
            self.stdout.write(f"Generating {missing} disclosures (to {size})…")
            benchmark.generate(missing, backends, generator, log=self.stdout.write)
            for name in names:
                stats = benchmark.summary(benchmark.measure(name, options["rounds"]))
                engine = settings.WAGTAILSEARCH_BACKENDS[name]["BACKEND"].rsplit(".", 1)[-1]
                label = options["label"] if engine == "database" and options["label"] else engine
                rows.append((label, size, stats))
                self.stdout.write(
                    f"{label:<14} {size:>7} documents: p50 {stats['p50']:.1f} ms, p95 {stats['p95']:.1f} ms, "
                    f"max {stats['max']:.1f} ms ({stats['requests']} requests)"
                )
                for elapsed, query, variant in stats["slowest"]:
                    self.stdout.write(f"    slowest: {elapsed:.0f} ms  q={query} {variant}")
        self.stdout.write("\n| backend | documents | requests | p50 (ms) | p95 (ms) | max (ms) |\n|---|---:|---:|---:|---:|---:|")
        for label, size, stats in rows:
            self.stdout.write(
                f"| {label} | {size:,} | {stats['requests']} | {stats['p50']:.0f} | {stats['p95']:.0f} | {stats['max']:.0f} |"
            )
