"""A demo budget page from the published county budget of the corpus
(budget-1), so that every page type has a live page in the demo site and in
the browser quality gate."""

import datetime
import json
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.publication import trusted_publication

from . import budget
from .budget import explanation_from_figures
from .importer import start_of_day
from .models import BudgetPage

DATA = Path(__file__).resolve().parent / "data" / "demo_budgets.json"
DEMO_SOURCE_ID = "budget-1"


def corpus_budget(source_id):
    """One budget entry of the vendored corpus excerpt, by its id."""
    documents = json.loads(DATA.read_text(encoding="utf-8"))["documents"]
    for document in documents:
        if document["id"] == source_id:
            return document
    raise KeyError(source_id)


def create_demo_budget(item, source_id=DEMO_SOURCE_ID):
    """Create and publish a BudgetPage from a corpus budget under `item`
    (a CatalogueItemPage); the issuing office is the item's office."""

    document = corpus_budget(source_id)
    values = budget.page_values_from_source(document)
    published = document.get("published_date")
    page = BudgetPage(
        title=document["title"],
        slug=slugify(document["id"], allow_unicode=True),
        issuing_office=item.office,
        issuer_name=document["issuer"],
        document_number=document.get("document_number", ""),
        explanation=explanation_from_figures(document, values["tables"]),
        source_id=document["id"],
        full_text_source=document.get("full_text", ""),
        # The source's date, never the day of loading the demo.
        first_published_at=start_of_day(datetime.date.fromisoformat(published)) if published else None,
        live=False,
        **values,
    )
    item.add_child(instance=page)
    with trusted_publication(_("the demo budget, loaded by load_demo_budget")):
        page.save_revision().publish()
    page.refresh_from_db()
    return page
