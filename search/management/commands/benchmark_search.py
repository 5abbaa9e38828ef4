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
                for kind, figures in stats.items():
                    rows.append((label, size, kind, figures))
                    self.stdout.write(
                        f"{label:<14} {size:>7} documents, {kind}: p50 {figures['p50']:.1f} ms, "
                        f"p95 {figures['p95']:.1f} ms, max {figures['max']:.1f} ms ({figures['requests']} requests)"
                    )
                    for _round, elapsed, query, variant in figures["slowest"]:
                        self.stdout.write(f"    slowest: {elapsed:.0f} ms  q={query} {variant}")
        for backend in backends:  # the engine's indexes of this throwaway run
            if hasattr(backend, "es"):
                backend.es.indices.delete(index=backend.index_prefix + "*", ignore_unavailable=True)
        self.stdout.write(
            "\n| backend | documents | cache | requests | p50 (ms) | p95 (ms) | max (ms) |\n"
            "|---|---:|---|---:|---:|---:|---:|"
        )
        for label, size, kind, figures in rows:
            self.stdout.write(
                f"| {label} | {size:,} | {kind} | {figures['requests']} | {figures['p50']:.0f} | "
                f"{figures['p95']:.0f} | {figures['max']:.0f} |"
            )
