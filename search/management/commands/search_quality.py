"""`manage.py search_quality`: recall@10 and MRR of the judged development
queries (search/data/dev-queries.json) on each configured search backend."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.quality import evaluate, load_queries


class Command(BaseCommand):
    help = "Print recall@10 and MRR of the judged queries on every search backend (or --backend)."

    def add_arguments(self, parser):
        parser.add_argument("--backend", action="append", help="A backend name of WAGTAILSEARCH_BACKENDS.")
        parser.add_argument("--queries", help="Another judged-queries file in the same format.")

    def handle(self, **options):
        names = options["backend"] or list(settings.WAGTAILSEARCH_BACKENDS)
        unknown = [name for name in names if name not in settings.WAGTAILSEARCH_BACKENDS]
        if unknown:
            raise CommandError(f"Unknown search backend: {', '.join(unknown)}")
        queries = load_queries(options["queries"]) if options["queries"] else load_queries()
        for name in names:
            report = evaluate(name, queries)
            for line in report.lines():
                self.stdout.write(line)
