"""Search quality on judged queries: recall@10 and mean reciprocal rank.

`data/dev-queries.json` (from the project's shared data) lists queries with
the results a good engine ranks in its top ten: corpus document ids (the
`source_id` of imported disclosures) or `item:<name>` for a catalogue
item. Used by the quality test on every backend and by `manage.py
search_quality`."""

import json
from dataclasses import dataclass
from pathlib import Path

from wagtail.models import Page

from .service import SearchParams, run_search

DEV_QUERIES = Path(__file__).resolve().parent / "data" / "dev-queries.json"
CUTOFF = 10


@dataclass
class QueryResult:
    query: str
    relevant: list
    ranked: list  # keys of the top results, best first

    @property
    def recall(self):
        found = set(self.ranked[:CUTOFF]) & set(self.relevant)
        return len(found) / len(self.relevant)

    @property
    def reciprocal_rank(self):
        for rank, key in enumerate(self.ranked[:CUTOFF], start=1):
            if key in self.relevant:
                return 1 / rank
        return 0.0


@dataclass
class Report:
    backend: str
    results: list

    @property
    def recall_at_10(self):
        return sum(result.recall for result in self.results) / len(self.results)

    @property
    def mrr(self):
        return sum(result.reciprocal_rank for result in self.results) / len(self.results)

    def lines(self):
        yield f"{self.backend}: recall@10 = {self.recall_at_10:.3f}, MRR = {self.mrr:.3f} ({len(self.results)} queries)"
        for result in self.results:
            missing = sorted(set(result.relevant) - set(result.ranked[:CUTOFF]))
            yield (
                f"  {result.query}: RR {result.reciprocal_rank:.2f}, recall {result.recall:.2f}"
                + (f", missing {', '.join(missing)}" if missing else "")
            )


def load_queries(path=DEV_QUERIES):
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]


def result_keys(page_ids):
    """Corpus keys of pages: their import id, or item:<title> for a catalogue item."""
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    keys = []
    for page_id in page_ids:
        page = pages.get(page_id)
        if page is None:
            keys.append(f"page:{page_id}")
        elif page._meta.model_name == "catalogueitempage":
            keys.append(f"item:{page.title}")
        else:
            keys.append(getattr(page, "source_id", "") or f"page:{page_id}")
    return keys


def evaluate(backend_name="default", queries=None):
    results = []
    for entry in queries or load_queries():
        outcome = run_search(SearchParams(q=entry["q"]), backend_name=backend_name, log=False)
        keys = result_keys([hit.document.page_id for hit in outcome.hits])
        results.append(QueryResult(entry["q"], entry["relevant"], keys))
    return Report(backend_name, results)
