"""Count in the search report the searches that Varnish answered from its
cache (the application never saw them). Reads, on standard input, the lines
Varnish logs for them (deploy/varnish/edusite.vcl):

    varnishncsa -q 'VCL_Log:search-hit' -F '%{VCL_Log:search-hit}x' | manage.py record_varnish_searches

Each line is "found /search/?q=…" or "nothing /search/?q=…" (the page was
counted when it was first rendered, with what it found). Counts are written
like the application's own (every SEARCH_LOG_FLUSH_SECONDS), and at the end."""

import sys
from urllib.parse import parse_qs, urlsplit

from django.core.management.base import BaseCommand

from ...analysis import analyse_query
from ...service import SearchParams, log_search, query_log


def searched(line):
    """(text, found) of a logged line, or None for anything else."""
    found, _, url = line.strip().partition(" ")
    if found not in ("found", "nothing") or not url:
        return None
    query = {key: values[-1] for key, values in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}
    params = SearchParams.from_query(query)
    # The page's own rule: the first page of an unfiltered search counts.
    if params.page != 1 or params.filters:
        return None
    analysed = analyse_query(params.q)
    if not analysed:
        return None
    return analysed.text, found == "found"


class Command(BaseCommand):
    help = "Count searches Varnish served from its cache (lines from varnishncsa on standard input)."

    def handle(self, **options):
        counted = 0
        try:
            for line in sys.stdin:
                search = searched(line)
                if search is not None:
                    log_search(*search)
                    counted += 1
        finally:
            query_log.flush()
        self.stdout.write(f"{counted} searches counted")
