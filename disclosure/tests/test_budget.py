"""Budgets and final accounts: reading the published tables, checking their
totals, the public page (chart and table show the same numbers), the
admin form, the demo and the number of queries."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from disclosure import budget
from disclosure.budget_blocks import AmountField, BudgetTableBlock
from disclosure.demo_budget import corpus_budget, create_demo_budget
from disclosure.models import BudgetKind, BudgetPage, BudgetUnit, CatalogueItemPage
from disclosure.models.base import DisclosurePublishingError
from disclosure.tests.helpers import publish_fixture

from .helpers import edit_form_data, queries_for

D = Decimal


def row(label, amount=None, row_type=budget.ITEM):
    return {"label": label, "amount": None if amount is None else D(amount), "row_type": row_type}


def table_value(income, expenditure, title="收入支出总表", code=""):
    return {"title": title, "code": code, "income_rows": income, "expenditure_rows": expenditure}


def clean(value):
    block = BudgetTableBlock()
    return block.clean(block.to_python(value))


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def finance_item(db):
    return CatalogueItemPage.objects.get(catalogue_key="财务信息/财务信息")


@pytest.fixture
def demo(finance_item):
    # The corpus importer may already have filed budget-1: start from the demo's own content.
    BudgetPage.objects.filter(source_id="budget-1").delete()
    return create_demo_budget(finance_item)


# ---- reading the corpus tables -------------------------------------------------


def test_six_column_layout_with_line_numbers():
    [table] = budget.tables_from_source(corpus_budget("budget-0")["table"])
    assert table["type"] == "table"
    value = table["value"]
    assert value["title"] == "收入支出决算总表"
    assert value["code"] == "公开01表"
    income, expenditure = value["income_rows"], value["expenditure_rows"]
    assert [r["label"] for r in income][:3] == ["一、财政拨款收入", "其中:政府性基金预算财政拨款", "二、上级补助收入"]
    assert [r["row_type"] for r in income] == ["item", "sub_item", "item", "item", "item", "item", "item"]
    assert income[0]["amount"] == D("479.01") and isinstance(income[0]["amount"], Decimal)
    assert all(r["amount"] is None for r in income[1:])
    assert len(expenditure) == 7 and {r["row_type"] for r in expenditure} == {"item"}
    assert [(r["label"], r["amount"]) for r in expenditure if r["amount"] is not None] == [
        ("五、教育支出", D("409.52"))
    ]
    # the 行次 column is not taken for an amount
    assert D("35") not in [r["amount"] for r in expenditure]


def test_four_column_layout_with_totals():
    [table] = budget.tables_from_source(corpus_budget("budget-1")["table"])
    value = table["value"]
    assert value["title"] == "表1 部门收支总表" and value["code"] == ""
    income, expenditure = value["income_rows"], value["expenditure_rows"]
    assert [(r["label"], r["row_type"]) for r in income] == [
        ("一、一般公共预算拨款收入", "item"),
        ("二、政府性基金预算拨款收入", "item"),
        ("三、国有资本经营预算拨款收入", "item"),
        ("四、事业收入", "item"),
        ("本年收入合计", "total"),
        ("收入总计", "total"),
    ]
    assert [r["amount"] for r in income] == [D("16745.59"), None, None, None, D("16745.59"), D("16745.59")]
    assert [r["amount"] for r in expenditure] == [
        D("12204.85"),
        D("1663.86"),
        D("1235.48"),
        D("1641.40"),
        D("16745.59"),
        D("16745.59"),
    ]
    assert [r["row_type"] for r in expenditure] == ["item"] * 4 + ["total"] * 2
    # the published totals add up
    assert budget.side_mismatches(income) == [] and budget.side_mismatches(expenditure) == []
    assert budget.grand_total(income) == ("收入总计", D("16745.59"))
    assert budget.grand_total_mismatch(income, expenditure) is None
    clean(value)


def test_sides_of_different_lengths_and_bad_input():
    source = {
        "name": "表",
        "header": ["收入", "金额", "支出", "金额"],
        "rows": [["一、收入", "1,000", "一、支出", "600"], ["", "", "二、支出", "400.00"]],
    }
    value = budget.tables_from_source(source)[0]["value"]
    assert [r["label"] for r in value["income_rows"]] == ["一、收入"]
    assert [r["amount"] for r in value["expenditure_rows"]] == [D("600"), D("400.00")]
    with pytest.raises(ValueError, match="row 1"):
        budget.tables_from_source({**source, "rows": [["一、收入", "about 5", "", ""]]})
    with pytest.raises(ValueError, match="without a label"):
        budget.tables_from_source({**source, "rows": [["", "5", "", ""]]})
    with pytest.raises(ValueError, match="columns"):
        budget.tables_from_source({"name": "表", "header": ["收入", "金额", "支出"], "rows": []})


def test_page_values_from_source():
    final = budget.page_values_from_source(corpus_budget("budget-0"))
    assert (final["fiscal_year"], final["kind"], final["unit"]) == (
        2016,
        BudgetKind.FINAL_ACCOUNTS,
        BudgetUnit.TEN_THOUSAND_YUAN,
    )
    plan = budget.page_values_from_source(corpus_budget("budget-1"))
    assert (plan["fiscal_year"], plan["kind"], plan["unit"]) == (2020, BudgetKind.BUDGET, BudgetUnit.TEN_THOUSAND_YUAN)
    assert plan["tables"] == budget.tables_from_source(corpus_budget("budget-1")["table"])
    with pytest.raises(ValueError, match="fiscal year"):
        budget.page_values_from_source({"title": "部门预算", "table": {"unit": "万元"}})
    with pytest.raises(ValueError, match="unit"):
        budget.page_values_from_source({"title": "2020年部门预算", "table": {"unit": "千元"}})


@pytest.mark.parametrize(
    "text, expected",
    [("16,745.59", D("16745.59")), (" 1，234.5 ", D("1234.5")), ("", None), ("  ", None), ("—", None), ("0", D("0"))],
)
def test_parse_amount(text, expected):
    assert budget.parse_amount(text) == expected


@pytest.mark.parametrize(
    "label, kind",
    [
        ("本年收入合计", "total"),
        ("支出总计", "total"),
        ("其中:政府性基金预算财政拨款", "sub_item"),
        ("其中：基本支出", "sub_item"),
        ("五、教育支出", "item"),
    ],
)
def test_classify_row(label, kind):
    assert budget.classify_row(label) == kind


def test_format_amount():
    assert budget.format_amount(D("16745.59")) == "16,745.59"
    assert budget.format_amount(D("1641.4")) == "1,641.40"
    assert budget.format_amount(D("0")) == "0.00"
    assert budget.format_amount(None) == ""


# ---- totals ----------------------------------------------------------------------


def test_matching_totals_pass():
    clean(
        table_value(
            [
                row("一、拨款收入", "16700.00"),
                row("其中:基金拨款", "5000", "sub_item"),
                row("二、事业收入", "45.59"),
                row("二、其他收入"),
                row("本年收入合计", "16745.59", "total"),
            ],
            [row("一、教育支出", "16000"), row("二、社会保障支出", "745.59"), row("支出总计", "16745.59", "total")],
        )
    )


def test_a_total_that_does_not_add_up_names_both_figures():
    value = table_value(
        [
            row("一、拨款收入", "16000.00"),
            row("二、事业收入", "700"),
            row("其中:学费", "600", "sub_item"),
            row("收入合计", "16745.59", "total"),
        ],
        [row("一、教育支出", "16745.59"), row("支出合计", "16745.59", "total")],
    )
    with pytest.raises(StructBlockValidationError) as error:
        clean(value)
    messages = [e.message for e in error.value.non_block_errors.as_data()]
    assert len(messages) == 1
    assert (
        "收入合计" in messages[0]
        and "16,745.59" in messages[0]
        and "16,700.00" in messages[0]
        and "45.59" in messages[0]
    )
    # the same message marks the amount of the total row itself
    row_error = error.value.block_errors["income_rows"].block_errors[3]
    assert row_error.block_errors["amount"].message == messages[0]
    assert "expenditure_rows" not in error.value.block_errors


def test_grand_totals_of_both_sides_must_balance():
    value = table_value(
        [row("一、拨款收入", "100"), row("收入总计", "100", "total")],
        [row("一、教育支出", "90.5"), row("支出总计", "90.5", "total")],
    )
    with pytest.raises(StructBlockValidationError) as error:
        clean(value)
    [message] = [e.message for e in error.value.non_block_errors.as_data()]
    assert "收入总计" in message and "支出总计" in message
    assert "100.00" in message and "90.50" in message and "9.50" in message
    assert error.value.block_errors == {}


def test_each_total_covers_the_items_above_it():
    # 收入总计 also covers 上年结转, listed after 本年收入合计
    income = [
        row("一、财政拨款收入", "479.01"),
        row("其中:政府性基金", "10", "sub_item"),
        row("本年收入合计", "479.01", "total"),
        row("年初结转和结余", "20.99"),
        row("收入总计", "500.00", "total"),
    ]
    assert budget.side_mismatches(income) == []
    # a 合计 heading the side covers every item
    assert budget.side_mismatches([row("合计", "30", "total"), row("甲", "10"), row("乙", "20")]) == []
    # a blank total is not reported, so not checked
    assert budget.side_mismatches([row("甲", "10"), row("合计", None, "total")]) == []
    # tolerance: half a cent
    assert budget.side_mismatches([row("甲", "10.004"), row("合计", "10", "total")]) == []
    [problem] = budget.side_mismatches([row("甲", "10.01"), row("合计", "10", "total")], budget.EXPENDITURE)
    assert (problem.side, problem.index, problem.difference) == ("expenditure", 1, D("0.01"))


def test_a_table_needs_rows():
    with pytest.raises(StructBlockValidationError):
        clean(table_value([], []))
    clean(table_value([], [row("一、教育支出", "5"), row("支出合计", "5", "total")]))


def test_amounts_are_non_negative_with_two_decimals():
    field = AmountField(required=False, min_value=0, max_digits=15, decimal_places=2)
    assert field.clean("16,745.59") == D("16745.59")
    assert field.clean("") is None
    for bad in ("1.234", "-1", "abc"):
        with pytest.raises(ValidationError):
            field.clean(bad)
    with pytest.raises(ValidationError):
        clean(table_value([row("甲", "1.234")], []))


# ---- the public page -----------------------------------------------------------


def test_page_renders_every_field(demo):
    demo.outbound_travel = D("1.50")
    demo.official_reception = D("2.25")
    demo.summary = "二〇二〇年部门预算。"
    publish_fixture(demo.save_revision())
    html = soup_of(Client().get(demo.url))
    facts = [dd.get_text(strip=True) for dd in html.select("dl.budget-facts dd")]
    assert facts == ["2020", str(BudgetKind.BUDGET.label), str(BudgetUnit.TEN_THOUSAND_YUAN.label)]
    text = html.get_text(" ", strip=True)
    assert "表1 部门收支总表" in text and "二〇二〇年部门预算。" in text
    assert demo.issuer_name == "某县教育局" and "某县教育局" in text
    assert demo.index_number and demo.index_number in text
    for label in ["一、一般公共预算拨款收入", "五、教育支出", "十九、住房保障支出", "本年收入合计", "支出总计"]:
        assert html.find("th", string=label) is not None, label
    for amount in ["16,745.59", "12,204.85", "1,663.86", "1,235.48", "1,641.40"]:
        assert amount in text
    explanation = html.select_one("section[aria-labelledby=explanation-heading] .rich-text")
    assert "收入总计16,745.59万元" in explanation.get_text()
    assert html.select_one("[data-three-public-total]").get_text(strip=True) == "3.75"


def test_search_finds_a_budget_by_its_table_rows(demo):
    html = soup_of(Client().get("/search/", {"q": "住房保障支出"}))
    assert demo.url in [a["href"] for a in html.select(".result-list a")]


def test_table_rows_keep_their_type(demo):
    html = soup_of(Client().get(demo.url))
    table = html.select_one("table[data-budget-table]")
    assert table.caption is not None
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col", "col"]
    income = table.select_one("tbody[data-side=income]")
    assert income.select_one("th[scope=rowgroup]") is not None
    types = [tr["data-row-type"] for tr in income.select("tr[data-row-type]")]
    assert types == ["item", "item", "item", "item", "total", "total"]
    blank = income.select("tr[data-row-type]")[1].td
    assert "data-value" not in blank.attrs and blank.select_one(".visually-hidden") is not None
    assert all(td.get("class") == ["num"] for td in table.select("tbody td"))


def chart_and_table(html):
    """[(side, label, value)] of the chart's bars and of the table's item rows with an amount."""
    svg = html.select_one("svg.budget-chart__svg")
    bars = []
    for group in svg.select("g.budget-chart__side"):
        side = next(c for c in group["class"] if c.startswith("budget-chart__side--")).split("--")[1]
        for bar in group.select("g.budget-chart__bar"):
            label = "".join(t.get_text() for t in bar.select(".budget-chart__label tspan"))
            bars.append((side, label, bar.select_one(".budget-chart__value").get_text(strip=True)))
    rows = []
    for body in html.select("table[data-budget-table] tbody"):
        for tr in body.select("tr[data-row-type=item]"):
            if tr.td.has_attr("data-value"):
                rows.append((body["data-side"], tr.th.get_text(strip=True), tr.td.get_text(strip=True)))
    return svg, bars, rows


def test_chart_is_accessible_and_shows_the_table_numbers(demo):
    html = soup_of(Client().get(demo.url))
    svg, bars, rows = chart_and_table(html)
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title")["id"] == title_id and svg.find("desc")["id"] == desc_id
    assert "表1 部门收支总表" in svg.find("title").get_text() and svg.find("desc").get_text().strip()
    assert svg["viewbox" if "viewbox" in svg.attrs else "viewBox"].startswith("0 0 480 ")
    assert bars == rows
    assert bars == [
        ("income", "一、一般公共预算拨款收入", "16,745.59"),
        ("expenditure", "五、教育支出", "12,204.85"),
        ("expenditure", "八、社会保障和就业支出", "1,663.86"),
        ("expenditure", "九、卫生健康支出", "1,235.48"),
        ("expenditure", "十九、住房保障支出", "1,641.40"),
    ]
    # bar lengths follow the amounts, on one scale
    widths = [float(rect["width"]) for rect in svg.select("g.budget-chart__bar rect")]
    assert widths[0] == max(widths)
    assert widths[1] / widths[0] == pytest.approx(12204.85 / 16745.59, rel=0.01)
    # colours meet contrast
    assert {rect["fill"] for rect in svg.select("rect")} <= set(budget.CHART_COLOURS.values())


def test_long_labels_wrap_inside_the_chart():
    chart = budget.bar_chart([row("一二三四五六七八九十" * 3, "5")], [], {"income": "收入", "expenditure": "支出"})
    [bar] = chart["groups"][0]["bars"]
    assert len(bar["lines"]) == 2 and "".join(line["text"] for line in bar["lines"]) == "一二三四五六七八九十" * 3
    assert bar["width"] + 8 + budget._text_width(bar["value"], budget.CHART_FONT) <= chart["width"]
    assert budget.bar_chart([row("甲")], [row("合计", "5", "total")], {"income": "", "expenditure": ""}) is None


def test_several_tables_get_their_own_chart_ids(demo):
    [table] = demo.tables.raw_data
    demo.tables = [table, {"type": "table", "value": {**table["value"], "title": "表2"}}]
    publish_fixture(demo.save_revision())
    html = soup_of(Client().get(demo.url))
    ids = [element["id"] for element in html.select("[id]")]
    assert len(ids) == len(set(ids))
    assert len(html.select("svg[role=img]")) == 2 and len(html.select("table[data-budget-table]")) == 2


def test_three_public_expenses_total(demo):
    assert demo.three_public_expenses_total is None
    demo.outbound_travel, demo.vehicle_purchase, demo.vehicle_operation, demo.official_reception = (
        D("1.5"),
        None,
        D("12.25"),
        D("0"),
    )
    assert demo.three_public_expenses_total == D("13.75")
    publish_fixture(demo.save_revision())
    html = soup_of(Client().get(demo.url))
    section = html.select_one("section[aria-labelledby=three-public-heading]")
    cells = [td.get_text(" ", strip=True) for td in section.select("tbody td")]
    assert cells[0] == "1.50" and cells[2] == "12.25" and cells[3] == "0.00"
    assert section.select("tbody td")[1].select_one(".visually-hidden") is not None
    assert section.select_one("[data-three-public-total]").get_text(strip=True) == "13.75"
    assert all(th["scope"] == "row" for th in section.select("tbody th, tfoot th"))


def test_english_interface_marks_chinese_content(demo):
    html = soup_of(Client().get("/en" + demo.url))
    assert html.html["lang"] == "en"
    th = html.find("th", string="五、教育支出")
    assert th["lang"] == "zh-Hans"
    heading = html.select_one(".budget-table h2")
    assert heading["lang"] == "zh-Hans"


# ---- publication rules, admin, demo -----------------------------------------------


def test_publishing_needs_a_table_and_an_explanation(demo):
    demo.explanation = "<p> </p>"
    with pytest.raises(DisclosurePublishingError) as error:
        demo.save()
    assert set(error.value.message_dict) == {"explanation"}
    demo.refresh_from_db()
    demo.tables = []
    with pytest.raises(DisclosurePublishingError) as error:
        demo.save()
    assert set(error.value.message_dict) == {"tables"}


def budget_form_data(client, page):
    """The POST data of the page's edit form, unchanged, with its tables and
    explanation as the editor's browser sends them."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(client, url)

    def list_block(rows):
        # Stored list items are {"type": "item", "value": …, "id": …} once the
        # page has been read as blocks (the screening does), plain values before.
        rows = [row["value"] if row.get("type") == "item" and "value" in row else row for row in rows]
        items = {
            str(i): {
                "value": {
                    "label": r["label"],
                    "amount": "" if r["amount"] is None else str(r["amount"]),
                    "row_type": r["row_type"],
                },
                "deleted": "",
                "order": str(i),
                "id": "",
            }
            for i, r in enumerate(rows)
        }
        return {**items, "count": str(len(rows))}

    tables = [
        (
            "table",
            {
                "title": t["value"]["title"],
                "code": t["value"]["code"],
                "income_rows": list_block(t["value"]["income_rows"]),
                "expenditure_rows": list_block(t["value"]["expenditure_rows"]),
            },
        )
        for t in page.tables.raw_data
    ]
    data.pop("tables", None)
    data.update(nested_form_data({"tables": streamfield(tables)}))
    data["explanation"] = rich_text(page.explanation)
    return url, data


def block_state(html, field="tables"):
    """The StreamField's form state and errors as the admin page carries them."""
    element = BeautifulSoup(html, "html.parser").find(id=field)
    state, errors = json.loads(element["data-w-block-arguments-value"])
    return state, errors


def test_admin_edit_with_a_wrong_total_shows_the_error_and_keeps_the_input(admin_client, demo):
    url, data = budget_form_data(admin_client, demo)
    response = admin_client.post(url, data)
    assert response.status_code == 302, "the unchanged form saves"
    revisions = demo.revisions.count()
    url, data = budget_form_data(admin_client, demo)
    data["tables-0-value-income_rows-0-value-label"] = "编辑输入的收入项目"
    data["tables-0-value-income_rows-0-value-amount"] = "16,700.00"
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    state, errors = block_state(response.content.decode())
    table_errors = errors["blockErrors"]["0"]
    messages = table_errors["messages"]  # shown at the top of the table block
    assert any("本年收入合计" in m and "16,745.59" in m and "16,700.00" in m and "45.59" in m for m in messages), (
        table_errors
    )
    income_errors = table_errors["blockErrors"]["income_rows"]["blockErrors"]
    assert set(income_errors) == {"4", "5"}  # 本年收入合计 and 收入总计
    # what was typed is still in the form
    first = state[0]["value"]["income_rows"][0]["value"]
    assert first["label"] == "编辑输入的收入项目" and first["amount"] == "16,700.00"
    stored = BudgetPage.objects.get(pk=demo.pk)
    assert stored.tables[0].value["income_rows"][0]["label"] == "一、一般公共预算拨款收入"
    assert demo.revisions.count() == revisions


def test_admin_refuses_to_publish_without_an_explanation(admin_client, demo):
    url, data = budget_form_data(admin_client, demo)
    data["explanation"] = rich_text("")
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"explanation"}
    url, data = budget_form_data(admin_client, demo)
    data["explanation"] = rich_text("")
    response = admin_client.post(url, data)  # a draft may wait for its explanation
    assert response.status_code == 302


def test_demo_command_is_idempotent(finance_item):
    BudgetPage.objects.filter(source_id="budget-1").delete()
    out = StringIO()
    call_command("load_demo_budget", stdout=out)
    page = BudgetPage.objects.child_of(finance_item).get(source_id="budget-1")
    assert page.live and page.source_id == "budget-1"
    assert page.issuing_office == finance_item.office and page.issuer_name == "某县教育局"
    assert (page.fiscal_year, page.kind, page.unit) == (2020, BudgetKind.BUDGET, BudgetUnit.TEN_THOUSAND_YUAN)
    assert page.url.endswith("/budget-1/")
    pages_before = BudgetPage.objects.count()
    call_command("load_demo_budget", stdout=out)
    assert BudgetPage.objects.count() == pages_before
    assert BudgetPage.objects.filter(source_id="budget-1").count() == 1


# ---- queries ------------------------------------------------------------------------


def test_queries_do_not_grow_with_rows_or_tables(finance_item):
    def make(slug, tables, rows):
        value = [
            {
                "type": "table",
                "value": table_value(
                    [row(f"收入{n}", "1") for n in range(rows)] + [row("合计", str(rows), "total")],
                    [row(f"支出{n}", "1") for n in range(rows)] + [row("合计", str(rows), "total")],
                    title=f"表{t}",
                ),
            }
            for t in range(tables)
        ]
        page = BudgetPage(
            title=slug,
            slug=slug,
            issuing_office=finance_item.office,
            fiscal_year=2024,
            tables=value,
            explanation="<p>说明</p>",
            outbound_travel=D("1"),
            live=False,
        )
        finance_item.add_child(instance=page)
        publish_fixture(page.save_revision())
        return page.url

    small = queries_for(make("small", 1, 2))
    large = queries_for(make("large", 6, 40))
    assert large == small
    assert small <= 20, small
