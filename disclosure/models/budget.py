"""Budgets and final accounts (预算/决算): the published tables, the
“three public expenses” (三公经费) and the explanation (情况说明)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..budget import format_amount
from ..budget_blocks import BudgetTableBlock
from .base import DisclosurePage

EXPLANATION_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class BudgetKind(models.TextChoices):
    BUDGET = "budget", _("Budget")
    FINAL_ACCOUNTS = "final_accounts", _("Final accounts")


class BudgetUnit(models.TextChoices):
    YUAN = "yuan", _("yuan")
    TEN_THOUSAND_YUAN = "wan_yuan", _("10,000 yuan")


def _amount_field(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("In the page's unit. Leave blank if not reported; enter 0 if nothing was spent."),
    )


class BudgetPage(DisclosurePage):
    """A department's budget or final accounts for one fiscal year."""

    # Listings file a budget under its fiscal year.
    document_year_field = "fiscal_year"

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year the figures are for, for example 2024."),
    )
    kind = models.CharField(
        _("budget or final accounts"),
        max_length=16,
        choices=BudgetKind.choices,
        default=BudgetKind.BUDGET,
        help_text=_("Budget (预算) for the coming year, or final accounts (决算) for a past year."),
    )
    unit = models.CharField(
        _("unit"),
        max_length=16,
        choices=BudgetUnit.choices,
        default=BudgetUnit.TEN_THOUSAND_YUAN,
        help_text=_("The unit of every amount on this page, as in the published tables."),
    )
    tables = StreamField(
        [("table", BudgetTableBlock())],
        verbose_name=_("tables"),
        blank=True,
        help_text=_(
            "One block per published table. Totals must equal the sum of their items; the page cannot be saved until they do."
        ),
    )
    outbound_travel = _amount_field(_("official travel abroad"))
    vehicle_purchase = _amount_field(_("purchase of official vehicles"))
    vehicle_operation = _amount_field(_("running and maintenance of official vehicles"))
    official_reception = _amount_field(_("official receptions"))
    explanation = RichTextField(
        _("explanation"),
        blank=True,
        features=EXPLANATION_FEATURES,
        help_text=_(
            "The explanation published with the tables (情况说明): changes from last year, the “three public expenses”, and so on. Required to publish."
        ),
    )

    content_panels = (
        Page.content_panels
        + DisclosurePage.screening_panels
        + DisclosurePage.record_panels
        + [
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("fiscal_year"), FieldPanel("kind"), FieldPanel("unit")], heading=_("Figures")),
            FieldPanel("tables"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("outbound_travel"), FieldPanel("official_reception")]),
                    FieldRowPanel([FieldPanel("vehicle_purchase"), FieldPanel("vehicle_operation")]),
                ],
                heading=_("“Three public expenses”"),
            ),
            FieldPanel("explanation"),
            FieldPanel("body", heading=_("Further content (optional)")),
            FieldPanel("attachments"),
        ]
        + DisclosurePage.change_panels
    )

    search_fields = [
        *DisclosurePage.search_fields,
        index.SearchField("tables"),
        index.SearchField("three_public_expenses_text"),
        index.SearchField("explanation"),
        index.FilterField("fiscal_year"),
        index.FilterField("kind"),
    ]

    template = "disclosure/budget_page.html"

    class Meta:
        verbose_name = _("budget or final accounts")
        verbose_name_plural = _("budgets and final accounts")

    # ---- publication rules -----------------------------------------------

    def publication_problems(self, values=None, formsets=None):
        problems = super().publication_problems(values, formsets)
        get = (
            (lambda name: values.get(name, getattr(self, name)))
            if values is not None
            else (lambda name: getattr(self, name))
        )
        if not len(get("tables") or []):
            problems.append(("tables", gettext("Add at least one table of figures before publishing.")))
        if not strip_tags(get("explanation") or "").strip():
            problems.append(("explanation", gettext("Write the explanation (情况说明) before publishing.")))
        return problems

    # ---- display -----------------------------------------------------------

    def three_public_expenses(self):
        """(label, amount or None) of each of the “three public expenses”."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in ("outbound_travel", "vehicle_purchase", "vehicle_operation", "official_reception")
        ]

    def three_public_expenses_text(self):
        """The page's “三公”经费 section as text for the search index, in
        Chinese whatever the language of the request that indexes it: its
        heading and each item, with its amount where reported."""

        with translation.override(settings.LANGUAGE_CODE):
            unit = self.get_unit_display()
            parts = [gettext("“Three public expenses”"), "三公经费"]
            for label, amount in self.three_public_expenses():
                parts.append(f"{label}{format_amount(amount)}{unit}" if amount is not None else str(label))
        return "；".join(parts)

    @property
    def three_public_expenses_total(self):
        """The sum of the reported “three public expenses”, or None if none is reported."""
        amounts = [amount for _label, amount in self.three_public_expenses() if amount is not None]
        return sum(amounts, Decimal(0)) if amounts else None
