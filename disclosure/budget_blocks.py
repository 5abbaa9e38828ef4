"""StreamField blocks of budget pages: a published table (收入支出总表 and
the like) with its income and expenditure rows, checked as it is typed."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from . import budget

# The StructBlock field holding each side's rows.
SIDE_FIELDS = ((budget.INCOME, "income_rows"), (budget.EXPENDITURE, "expenditure_rows"))


class AmountField(forms.DecimalField):
    """A decimal typed as editors copy it from spreadsheets: 16,745.59 or
    16745.59. A text input (with a numeric keyboard on phones), since a
    number input silently drops “16,745.59”."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().translate(budget.AMOUNT_SEPARATORS)
        return super().to_python(value)


class AmountBlock(blocks.DecimalBlock):
    def __init__(self, required=False, **kwargs):
        super().__init__(required=required, min_value=0, max_digits=15, decimal_places=2, **kwargs)
        self.field = AmountField(
            required=required, min_value=0, max_digits=15, decimal_places=2, help_text=kwargs.get("help_text")
        )

    class Meta:
        icon = "decimal"


class BudgetRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=pgettext_lazy("budget table", "item"), max_length=200)
    amount = AmountBlock(
        label=pgettext_lazy("budget table", "amount"),
        required=False,
        help_text=_("In the page's unit, at most two decimal places. Leave blank if the table shows nothing."),
    )
    row_type = blocks.ChoiceBlock(
        label=_("row type"),
        choices=[
            (budget.ITEM, pgettext_lazy("budget table", "Item")),
            (budget.SUB_ITEM, _("Sub-item (“of which”, included in the item above)")),
            (budget.TOTAL, pgettext_lazy("budget table", "Total")),
        ],
        default=budget.ITEM,
        help_text=_("Totals are checked against the sum of the items above them; sub-items are not added up."),
    )

    class Meta:
        icon = "list-ul"
        label = _("row")

    def get_searchable_content(self, value):
        """The row's item, as the table shows it (not the editors' row type)."""
        label = (value.get("label") or "").strip()
        return [label] if label else []


class BudgetTableBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("table title"), max_length=200, help_text=_("For example 收入支出决算总表."))
    code = blocks.CharBlock(
        label=_("table number"), required=False, max_length=50, help_text=_("Optional, for example 公开01表.")
    )
    income_rows = blocks.ListBlock(BudgetRowBlock(), label=_("income rows"), collapsed=False)
    expenditure_rows = blocks.ListBlock(BudgetRowBlock(), label=_("expenditure rows"), collapsed=False)

    class Meta:
        icon = "table"
        label = _("budget table")
        template = "disclosure/blocks/budget_table.html"

    def clean(self, value):
        value = super().clean(value)
        if not len(value["income_rows"]) and not len(value["expenditure_rows"]):
            raise StructBlockValidationError(
                non_block_errors=ErrorList([ValidationError(gettext("Add the rows of the table."), code="empty_table")])
            )
        messages = []
        row_errors = {}
        for side, name in SIDE_FIELDS:
            for problem in budget.side_mismatches(value[name], side):
                message = gettext(
                    "%(label)s is %(total)s, but the items above it add up to %(sum)s (a difference of %(difference)s)."
                ) % {
                    "label": problem.label,
                    "total": budget.format_amount(problem.total),
                    "sum": budget.format_amount(problem.items_sum),
                    "difference": budget.format_amount(problem.difference),
                }
                messages.append(message)
                row_errors.setdefault(name, {})[problem.index] = StructBlockValidationError(
                    block_errors={"amount": ValidationError(message, code="total_mismatch")}
                )
        mismatch = budget.grand_total_mismatch(value["income_rows"], value["expenditure_rows"])
        if mismatch:
            messages.append(
                gettext(
                    "Income and expenditure do not balance: %(income_label)s is %(income)s, but "
                    "%(expenditure_label)s is %(expenditure)s (a difference of %(difference)s)."
                )
                % {
                    "income_label": mismatch.income_label,
                    "income": budget.format_amount(mismatch.income),
                    "expenditure_label": mismatch.expenditure_label,
                    "expenditure": budget.format_amount(mismatch.expenditure),
                    "difference": budget.format_amount(mismatch.difference),
                }
            )
        if messages:
            raise StructBlockValidationError(
                block_errors={
                    name: ListBlockValidationError(block_errors=errors) for name, errors in row_errors.items()
                },
                non_block_errors=ErrorList([ValidationError(message, code="budget_totals") for message in messages]),
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        number = (parent_context or {}).get("table_number") or 1
        context.update(table_display(value, f"budget-table-{number}"))
        return context


def table_display(value, table_id):
    """What the public template shows of one table: its rows with formatted
    amounts, and the chart drawn from the same rows."""
    side_labels = {budget.INCOME: gettext("Income"), budget.EXPENDITURE: gettext("Expenditure")}
    sides = []
    for side, name in SIDE_FIELDS:
        rows = [
            {
                "label": row["label"],
                "amount": row["amount"],
                "value": budget.format_amount(row["amount"]),
                "row_type": row["row_type"],
                "needs_of_which": row["row_type"] == budget.SUB_ITEM and not row["label"].lstrip().startswith("其中"),
            }
            for row in value[name]
        ]
        if rows:
            sides.append({"side": side, "heading": side_labels[side], "rows": rows})
    chart = budget.bar_chart(value["income_rows"], value["expenditure_rows"], side_labels)
    return {"table_id": table_id, "sides": sides, "chart": chart}
