"""The quality bar on the judged development queries, on every backend:
every judged result in the top ten, a judged result first."""

import pytest

from search.quality import evaluate, load_queries

pytestmark = pytest.mark.django_db


def test_the_judged_queries_are_the_shared_ones():
    queries = load_queries()
    assert len(queries) >= 12
    assert all(entry["q"] and entry["relevant"] for entry in queries)


def test_recall_at_10_and_mrr_are_complete(engine):
    """Every judged result in the top ten and a judged result first, on every backend (1.000 and 1.000)."""
    report = evaluate(engine.name)
    summary = "\n".join(report.lines())
    assert report.recall_at_10 == 1.0, summary
    assert report.mrr == 1.0, summary
