"""Budgets and final accounts (预算/决算): parsing published tables, checking
their totals, formatting amounts and laying out the bar chart.

Everything here is plain Python on plain data (dicts, lists, Decimals), so
an importer can call `tables_from_source` without the page models, and the
checks are the same in the admin form and in the tests.

A table has two sides, income (收入) and expenditure (支出); each side is a
list of rows ``{"label", "amount", "row_type"}``:

- ``item``: a line of the table; the items of a side add up to its totals;
- ``sub_item``: 其中…, already included in the item above it, never summed;
- ``total``: 合计/总计. A total equals the sum of the item rows above it on
  its side (a 合计 that heads the side, with no item above it, equals the
  sum of all the side's items). So 本年收入合计 covers the year's income
  lines, and 收入总计 further down also covers 上年结转 lines listed
  between the two.

Amounts are Decimals ≥ 0 with at most two places, or None: not reported
(a blank cell in the published table).
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.html import escape

ITEM = "item"
SUB_ITEM = "sub_item"
TOTAL = "total"

INCOME = "income"
EXPENDITURE = "expenditure"

# Two amounts closer than this are equal (amounts have two decimal places).
TOLERANCE = Decimal("0.005")

_TOTAL_RE = re.compile(r"合计|总计")
_SUB_ITEM_RE = re.compile(r"^\s*其中")
_BLANK_AMOUNTS = {"", "-", "－", "—", "–", "/"}
AMOUNT_SEPARATORS = str.maketrans({",": None, "，": None, " ": None, "\u00a0": None, "\u3000": None})


# ---- reading published tables ---------------------------------------------


def classify_row(label):
    """The row type a published label implies: 合计/总计 rows are totals,
    rows starting with 其中 are sub-items, everything else is an item."""
    if _TOTAL_RE.search(label):
        return TOTAL
    if _SUB_ITEM_RE.match(label):
        return SUB_ITEM
    return ITEM


def parse_amount(text):
    """'16,745.59' → Decimal('16745.59'); '' (or a dash) → None.

    Raises ValueError for anything else that is not a number."""
    if text is None:
        return None
    if isinstance(text, Decimal):
        return text
    if isinstance(text, (int, float)):
        return Decimal(str(text))
    cleaned = str(text).strip().translate(AMOUNT_SEPARATORS)
    if cleaned in _BLANK_AMOUNTS:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None
    if not value.is_finite():
        raise ValueError(f"not an amount: {text!r}")
    return value


def _clean_label(text):
    return re.sub(r"\s+", " ", str(text or "")).strip()


def tables_from_source(table):
    """Convert one published table of the corpus into the raw value of
    `BudgetPage.tables`: ``[{"type": "table", "value": {...}}]``.

    `table` has ``name``, optionally ``code``, ``header`` and ``rows`` (lists
    of strings). Both published layouts are read: income item, amount,
    expenditure item, amount (4 columns), and the same with a 行次 (line
    number) column after each item (6 columns). In general the columns are
    split into an income half and an expenditure half; in each half the
    first column is the label and the last one the amount.

    Rows are classified by their label (see `classify_row`); amounts are
    parsed with `parse_amount`; a side whose cell is empty in a row (the
    other side is longer) gets no row. Raises ValueError, naming the row,
    for a layout or a cell it cannot read.
    """
    header = list(table.get("header") or [])
    rows = [list(row) for row in table.get("rows") or []]
    width = len(header) or (len(rows[0]) if rows else 0)
    if width < 4 or width % 2:
        raise ValueError(
            f"{table.get('name', '')!r}: expected an even number of columns (income | expenditure), at least 4; got {width}"
        )
    half = width // 2
    sides = {INCOME: ([], 0), EXPENDITURE: ([], half)}
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise ValueError(f"{table.get('name', '')!r} row {number}: {len(row)} cells, expected {width}")
        for side, (side_rows, start) in sides.items():
            label = _clean_label(row[start])
            amount_text = row[start + half - 1]
            try:
                amount = parse_amount(amount_text)
            except ValueError as error:
                raise ValueError(f"{table.get('name', '')!r} row {number}, {side}: {error}") from None
            if not label:
                if amount is not None:
                    raise ValueError(f"{table.get('name', '')!r} row {number}, {side}: an amount without a label")
                continue
            side_rows.append({"label": label, "amount": amount, "row_type": classify_row(label)})
    return [
        {
            "type": "table",
            "value": {
                "title": _clean_label(table.get("name")),
                "code": _clean_label(table.get("code")),
                "income_rows": sides[INCOME][0],
                "expenditure_rows": sides[EXPENDITURE][0],
            },
        }
    ]


_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_UNITS = {"万元": "wan_yuan", "元": "yuan"}


def page_values_from_source(document):
    """The BudgetPage field values a corpus budget document implies:
    ``fiscal_year`` (the first year in its title), ``kind`` (决算 in the
    title → ``final_accounts``, else ``budget``), ``unit`` (the table's
    万元/元 → ``wan_yuan``/``yuan``) and ``tables`` (`tables_from_source`).
    Raises ValueError when one of them cannot be read."""
    title = document.get("title") or ""
    table = document.get("table") or {}
    year = _YEAR_RE.search(title)
    if year is None:
        raise ValueError(f"{title!r}: no fiscal year in the title")
    unit = _UNITS.get((table.get("unit") or "").strip())
    if unit is None:
        raise ValueError(f"{title!r}: unknown unit {table.get('unit')!r} (expected 万元 or 元)")
    return {
        "fiscal_year": int(year.group(0)),
        "kind": "final_accounts" if "决算" in title else "budget",
        "unit": unit,
        "tables": tables_from_source(table),
    }


# ---- checking totals ----------------------------------------------------------


def _get(row, key):
    return row.get(key) if hasattr(row, "get") else getattr(row, key, None)


@dataclass(frozen=True)
class TotalMismatch:
    """A total row that does not equal the sum of the items it covers."""

    side: str
    index: int  # position of the total row in its side's list
    label: str
    total: Decimal
    items_sum: Decimal

    @property
    def difference(self):
        return abs(self.total - self.items_sum)


@dataclass(frozen=True)
class GrandTotalMismatch:
    """The two sides' grand totals (收入总计, 支出总计) differ."""

    income_label: str
    income: Decimal
    expenditure_label: str
    expenditure: Decimal

    @property
    def difference(self):
        return abs(self.income - self.expenditure)


def side_mismatches(rows, side=INCOME):
    """The totals of one side that do not equal the sum of their items."""
    rows = list(rows)
    all_items = sum((_get(row, "amount") or Decimal(0) for row in rows if _get(row, "row_type") == ITEM), Decimal(0))
    running, items_seen, problems = Decimal(0), False, []
    for index, row in enumerate(rows):
        kind, amount = _get(row, "row_type"), _get(row, "amount")
        if kind == ITEM:
            running += amount or Decimal(0)
            items_seen = True
        elif kind == TOTAL and amount is not None:
            expected = running if items_seen else all_items
            if abs(amount - expected) > TOLERANCE:
                problems.append(TotalMismatch(side, index, _get(row, "label") or "", amount, expected))
    return problems


def grand_total(rows):
    """(label, amount) of a side's grand total: its last total row with an
    amount, or None."""
    for row in reversed(list(rows)):
        if _get(row, "row_type") == TOTAL and _get(row, "amount") is not None:
            return _get(row, "label") or "", _get(row, "amount")
    return None


def grand_total_mismatch(income_rows, expenditure_rows):
    income, expenditure = grand_total(income_rows), grand_total(expenditure_rows)
    if income is None or expenditure is None or abs(income[1] - expenditure[1]) <= TOLERANCE:
        return None
    return GrandTotalMismatch(income[0], income[1], expenditure[0], expenditure[1])


# ---- display ------------------------------------------------------------------


def format_amount(value):
    """Decimal → '16,745.59' (thousands separators, two decimals); None → ''."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.2f}"


def _text_width(text, size):
    """Approximate advance width of `text` at font size `size` in SVG user
    units: CJK and full-width characters are one em, the rest about 0.6 em."""
    width = 0.0
    for char in text:
        width += size if unicodedata.east_asian_width(char) in ("W", "F") else size * 0.6
    return width


def wrap_label(text, size, max_width):
    """Break a label into lines no wider than max_width (SVG text does not wrap)."""
    lines, line = [], ""
    for char in text:
        if line and _text_width(line + char, size) > max_width:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    if line:
        lines.append(line)
    return lines or [""]


# The chart is laid out in a 480-unit-wide viewBox and scaled to the width
# of its box (100%, at most 24rem): labels of 24 units are 14.4 px on a
# 320 px phone (288 px of content) and about 19 px on a desktop.
CHART_WIDTH = 480
CHART_FONT = 24
CHART_LINE = 32
CHART_BAR = 24
CHART_GAP = 16
CHART_SIDE_GAP = 24
CHART_COLOURS = {INCOME: "#0b4f9c", EXPENDITURE: "#8c1c13"}  # 8.0:1 and 9.1:1 on white
CHART_TEXT = "#1a1a1a"


def chart_rows(rows):
    """The rows a chart shows: the items with an amount."""
    return [row for row in rows if _get(row, "row_type") == ITEM and _get(row, "amount") is not None]


def bar_chart(income_rows, expenditure_rows, side_labels):
    """Geometry of a horizontal bar chart of the item rows of both sides, on
    one scale. Returns None when no item has an amount.

    `side_labels` maps INCOME/EXPENDITURE to the group headings. The result
    holds the viewBox size and, per side, its heading and bars; each bar
    has its label (wrapped in lines), its rectangle and its value text."""
    sides = [(side, chart_rows(rows)) for side, rows in ((INCOME, income_rows), (EXPENDITURE, expenditure_rows))]
    sides = [(side, rows) for side, rows in sides if rows]
    if not sides:
        return None
    amounts = [_get(row, "amount") for _side, rows in sides for row in rows]
    largest = max(amounts)
    value_width = max(_text_width(format_amount(amount), CHART_FONT) for amount in amounts)
    bar_space = CHART_WIDTH - value_width - 12
    y = 0
    groups = []
    for number, (side, rows) in enumerate(sides):
        if number:
            y += CHART_SIDE_GAP
        y += CHART_LINE
        group = {
            "side": side,
            "heading": side_labels[side],
            "heading_y": y - 8,
            "colour": CHART_COLOURS[side],
            "bars": [],
        }
        y += 8
        for row in rows:
            bar, y = _chart_bar(row, y, largest, bar_space)
            group["bars"].append(bar)
        groups.append(group)
    return {
        "width": CHART_WIDTH,
        "height": y,
        "font_size": CHART_FONT,
        "text_colour": CHART_TEXT,
        "groups": groups,
    }


def _chart_bar(row, y, largest, bar_space):
    """One bar of the chart, its label's lines starting below `y`; returns (bar, the next y)."""
    amount = _get(row, "amount")
    lines = []
    for line in wrap_label(_get(row, "label") or "", CHART_FONT, CHART_WIDTH):
        y += CHART_LINE
        lines.append({"text": line, "y": y - 8})
    length = round(float(amount / largest) * bar_space, 1) if largest else 0.0
    bar_y = y + 4
    bar = {
        "label": _get(row, "label") or "",
        "lines": lines,
        "amount": amount,
        "value": format_amount(amount),
        "x": 0,
        "y": bar_y,
        "width": length,
        "height": CHART_BAR,
        "value_x": round(length + 8, 1),
        "value_y": bar_y + CHART_BAR - 4,
    }
    return bar, bar_y + CHART_BAR + CHART_GAP


def explanation_from_figures(document, tables):
    """A 情况说明 stated only from the published figures (imported budgets and the demo's)."""
    paragraphs = []
    unit = document["table"]["unit"]
    for table in tables:
        value = table["value"]
        for rows, side in ((value["income_rows"], "收入"), (value["expenditure_rows"], "支出")):
            total = grand_total(rows)
            items = list(chart_rows(rows))
            if total is None or not items:
                continue
            parts = "、".join(f"{row['label'].split('、', 1)[-1]}{format_amount(row['amount'])}{unit}" for row in items)
            paragraphs.append(f"{value['title']}：{side}总计{format_amount(total[1])}{unit}，其中{parts}。")
    report = "部门决算" if "决算" in (document.get("title") or "") else "部门预算"
    paragraphs.append(f"以上数据摘自{document['issuer']}公开的{report}报表（节选），完整报表以原件为准。")
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
