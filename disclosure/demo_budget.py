"""A demo budget page from the published county budget of the corpus
(budget-1), so that every page type has a live page in the demo site and in
the browser quality gate."""
import datetime
import json
from pathlib import Path

from django.utils.html import escape
from django.utils.text import slugify

from . import budget

DATA = Path(__file__).resolve().parent / "tests" / "data" / "corpus_budgets.json"
DEMO_SOURCE_ID = "budget-1"


def corpus_budget(source_id):
    """One budget entry of the vendored corpus excerpt, by its id."""
    documents = json.loads(DATA.read_text(encoding="utf-8"))["documents"]
    for document in documents:
        if document["id"] == source_id:
            return document
    raise KeyError(source_id)


def explanation_from_source(document, tables):
    """情况说明 of the demo, stated only from the published figures."""
    paragraphs = []
    unit = document["table"]["unit"]
    for table in tables:
        value = table["value"]
        for rows, side in ((value["income_rows"], "收入"), (value["expenditure_rows"], "支出")):
            total = budget.grand_total(rows)
            items = [row for row in budget.chart_rows(rows)]
            if total is None or not items:
                continue
            parts = "、".join(f"{row['label'].split('、', 1)[-1]}{budget.format_amount(row['amount'])}{unit}" for row in items)
            paragraphs.append(f"{value['title']}：{side}总计{budget.format_amount(total[1])}{unit}，其中{parts}。")
    report = "部门决算" if "决算" in (document.get("title") or "") else "部门预算"
    paragraphs.append(f"以上数据摘自{document['issuer']}公开的{report}报表（节选），完整报表以原件为准。")
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def create_demo_budget(item, source_id=DEMO_SOURCE_ID):
    """Create and publish a BudgetPage from a corpus budget under `item`
    (a CatalogueItemPage); the issuing office is the item's office."""
    from .models import BudgetPage

    from .importer import start_of_day

    document = corpus_budget(source_id)
    values = budget.page_values_from_source(document)
    published = document.get("published_date")
    page = BudgetPage(
        title=document["title"],
        slug=slugify(document["id"], allow_unicode=True),
        issuing_office=item.office,
        issuer_name=document["issuer"],
        document_number=document.get("document_number", ""),
        explanation=explanation_from_source(document, values["tables"]),
        source_id=document["id"],
        full_text_source=document.get("full_text", ""),
        # The source's date, never the day of loading the demo.
        first_published_at=start_of_day(datetime.date.fromisoformat(published)) if published else None,
        live=False,
        **values,
    )
    item.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
