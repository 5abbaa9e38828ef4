"""The standard disclosure catalogue (标准目录): index → categories (一级事项)
→ items (二级事项)."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.forms import SitePageForm
from core.pages import BasePage
from core.params import NumberParam, QueryParams
from core.publication import RuledPermissionsMixin

from ..fields import MultipleChoiceListField
from ..item_tools import tool_for
from ..panels import ProvenancePanel
from ..vocabulary import CHANNEL_OTHER, CHANNELS, Audience, Level, Method, Provenance, TimeLimitKind

ENGLISH_HELP = _("The standard English term, shown on the English site; leave empty to show the Chinese.")


def _optional_number(verbose_name, maximum, help_text):
    """An optional whole number from 1 to `maximum` (a part of a time limit)."""
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(maximum)],
        help_text=help_text,
    )


class CatalogueIndexPage(RuledPermissionsMixin, BasePage):
    """The whole catalogue, one per site."""

    base_form_class = SitePageForm

    # Navigation, not content: the public search lists what it leads to.
    in_public_search = False

    title_en = models.CharField(_("title in English"), max_length=255, blank=True, help_text=ENGLISH_HELP)

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "link", "ol", "ul"],
        help_text=_("A short paragraph shown above the catalogue table."),
    )

    content_panels = [*Page.content_panels, FieldPanel("title_en"), FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["disclosure.CategoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("disclosure catalogue")
        verbose_name_plural = _("disclosure catalogues")

    def categories(self):
        return CategoryPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from ..listings import counts_by_item  # local: disclosure.listings imports the models

        context = super().get_context(request, *args, **kwargs)

        def catalogue():
            categories = list(self.categories())
            items = list(
                CatalogueItemPage.objects.descendant_of(self)
                .live()
                .order_by("path")
                .select_related("office")
                .prefetch_related("content_elements")
            )
            # The documents of every item in one query, however many items there are.
            counts = counts_by_item(self, item_depth=self.depth + 2)
            for item in items:
                item.disclosure_count = counts.get(item.path, 0)
                item.tool = tool_for(item.catalogue_key)
            for category in categories:
                category.catalogue_items = [item for item in items if item.path.startswith(category.path)]
                category.disclosure_count = sum(item.disclosure_count for item in category.catalogue_items)
            return {"categories": categories, "item_count": len(items), "disclosure_count": sum(counts.values())}

        # Read only when the template's fragment is not cached for this
        # content generation (templates: {% generationcache %}).
        found = SimpleLazyObject(catalogue)
        for name in ("categories", "item_count", "disclosure_count"):
            context[name] = SimpleLazyObject(lambda name=name: found[name])
        return context


class CategoryPage(RuledPermissionsMixin, BasePage):
    """A first-level item of the catalogue (一级事项)."""

    base_form_class = SitePageForm

    # Navigation, not content: the public search lists what it leads to.
    in_public_search = False

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "link", "ol", "ul"],
        help_text=_("Optional: what this category covers, in one or two sentences."),
    )
    title_en = models.CharField(_("title in English"), max_length=255, blank=True, help_text=ENGLISH_HELP)
    catalogue_key = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    source_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    english_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [*Page.content_panels, FieldPanel("title_en"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("title_en")]

    parent_page_types = ["disclosure.CatalogueIndexPage"]
    subpage_types = ["disclosure.CatalogueItemPage"]

    class Meta:
        verbose_name = _("catalogue category")
        verbose_name_plural = _("catalogue categories")

    def items(self):
        return (
            CatalogueItemPage.objects.child_of(self)
            .live()
            .order_by("path")
            .select_related("office")
            .prefetch_related("content_elements")
        )

    def get_context(self, request, *args, **kwargs):
        from ..listings import counts_by_item  # local: disclosure.listings imports the models

        context = super().get_context(request, *args, **kwargs)

        def items():
            counts = counts_by_item(self)
            items = list(self.items())
            for item in items:
                item.disclosure_count = counts.get(item.path, 0)
            return items

        # Read only when the template's fragment is not cached for this
        # content generation (templates: {% generationcache %}).
        context["items"] = SimpleLazyObject(items)
        return context


class CatalogueItemPage(RuledPermissionsMixin, BasePage):
    """A second-level item of the catalogue (二级事项) with every element of
    the standard: what is disclosed, on what basis, by when, by whom,
    through which channels, to whom, how and at which level."""

    base_form_class = SitePageForm

    title_en = models.CharField(_("title in English"), max_length=255, blank=True, help_text=ENGLISH_HELP)
    legal_basis = models.TextField(
        _("legal basis"),
        help_text=_(
            "The laws and regulations that require this disclosure, each in 《》, for example 《中华人民共和国政府信息公开条例》."
        ),
    )
    legal_basis_en = models.TextField(_("legal basis in English"), blank=True, help_text=ENGLISH_HELP)
    time_limit_kind = models.CharField(
        _("kind of time limit"),
        max_length=20,
        choices=TimeLimitKind.choices,
        default=TimeLimitKind.WORKING_DAYS,
        help_text=_("Choose how the deadline is stated; then fill in the matching fields below."),
    )
    time_limit_days = _optional_number(
        _("working days"), 365, _("For “within N working days”: the number N, for example 20.")
    )
    time_limit_month = _optional_number(_("month"), 12, _("For “every year by a date”: the month, 1–12."))
    time_limit_day = _optional_number(_("day"), 31, _("For “every year by a date”: the day of the month, 1–31."))
    time_limit_text = models.CharField(
        _("time limit as displayed"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to show the wording generated from the fields above; required for “other”."),
    )
    office = models.ForeignKey(
        "disclosure.Office",
        verbose_name=_("responsible office"),
        on_delete=models.PROTECT,
        related_name="catalogue_items",
        help_text=_("The office of the bureau that publishes this item. Manage the list under “Offices”."),
    )
    responsible_body_text = models.CharField(
        _("responsible body as published"),
        max_length=255,
        blank=True,
        help_text=_(
            "The responsible body in the words of the catalogue, for example 县级教育行政部门 / 学校. Leave empty to show the office's name."
        ),
    )
    responsible_body_en = models.CharField(
        _("responsible body in English"), max_length=255, blank=True, help_text=ENGLISH_HELP
    )
    channels = MultipleChoiceListField(
        _("channels"),
        item_choices=CHANNELS,
        help_text=_("Tick every channel through which this information is published."),
    )
    channels_other = models.CharField(
        _("other channels"),
        max_length=255,
        blank=True,
        help_text=_("Required when “Other” is ticked: name the channel, for example 中小学生学籍信息管理系统."),
    )
    channels_other_en = models.CharField(
        _("other channels in English"), max_length=255, blank=True, help_text=ENGLISH_HELP
    )
    audience = models.CharField(
        _("audience"),
        max_length=16,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text=_("Who the information is for: the whole of society, or specific groups (then name them below)."),
    )
    audience_detail = models.CharField(
        _("specific groups"),
        max_length=255,
        blank=True,
        help_text=_("Required when the audience is specific groups: say which, for example 适龄儿童家长."),
    )
    method = models.CharField(
        _("method of disclosure"),
        max_length=16,
        choices=Method.choices,
        default=Method.PROACTIVE,
        help_text=_("Proactive: published without being asked. On request: given to those who apply."),
    )
    levels = MultipleChoiceListField(
        _("level"),
        item_choices=Level.choices,
        help_text=_("County level, township level, or both."),
    )

    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.READ, editable=False
    )
    provenance_source = models.TextField(_("source"), blank=True, editable=False)
    field_provenance = models.JSONField(_("provenance of each field"), default=dict, blank=True, editable=False)
    catalogue_key = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    source_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    english_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        ProvenancePanel(heading=_("Where these values come from")),
        InlinePanel(
            "content_elements",
            heading=_("Content elements"),
            label=_("content element"),
            min_num=1,
            help_text=_("What exactly is published under this item, one element per row, in order."),
        ),
        FieldPanel("legal_basis"),
        FieldPanel("legal_basis_en"),
        MultiFieldPanel(
            [
                FieldPanel("time_limit_kind"),
                FieldRowPanel(
                    [FieldPanel("time_limit_days"), FieldPanel("time_limit_month"), FieldPanel("time_limit_day")]
                ),
                FieldPanel("time_limit_text"),
            ],
            heading=_("Time limit"),
        ),
        MultiFieldPanel(
            [FieldPanel("office"), FieldPanel("responsible_body_text"), FieldPanel("responsible_body_en")],
            heading=_("Responsible body"),
        ),
        MultiFieldPanel(
            [FieldPanel("channels"), FieldPanel("channels_other"), FieldPanel("channels_other_en")],
            heading=_("Channels"),
        ),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("audience_detail"), FieldPanel("method"), FieldPanel("levels")],
            heading=_("Audience, method and level"),
        ),
    ]
    search_fields = Page.search_fields + [
        # The English names too: "enrolment" finds the enrolment items.
        index.SearchField("title_en", boost=2),
        index.SearchField("legal_basis"),
        index.RelatedFields("content_elements", [index.SearchField("text"), index.SearchField("text_en")]),
        index.FilterField("office"),
    ]

    parent_page_types = ["disclosure.CategoryPage"]
    serve_select_related = ("office",)
    # No subpage_types: an item accepts every page type that names it in its
    # parent_page_types (each disclosure type does), and no other.

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")

    # ---- validation -------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        kind = self.time_limit_kind
        if kind == TimeLimitKind.WORKING_DAYS and not self.time_limit_days:
            errors["time_limit_days"] = gettext("Enter the number of working days.")
        if kind == TimeLimitKind.ANNUAL:
            if not self.time_limit_month:
                errors["time_limit_month"] = gettext("Enter the month.")
            if not self.time_limit_day:
                errors["time_limit_day"] = gettext("Enter the day.")
            elif self.time_limit_month and self.time_limit_day > _DAYS_IN_MONTH[self.time_limit_month]:
                errors["time_limit_day"] = gettext("That month has no such day.")
        if kind == TimeLimitKind.OTHER and not self.time_limit_text.strip():
            errors["time_limit_text"] = gettext("Describe the time limit.")
        channels = self.channels or []
        if CHANNEL_OTHER in channels and not self.channels_other.strip():
            errors["channels_other"] = gettext("Name the other channel, or untick “Other”.")
        if self.channels_other.strip() and CHANNEL_OTHER not in channels:
            errors["channels"] = gettext("Tick “Other” to publish through the channel named below.")
        if self.audience == Audience.SPECIFIC and not self.audience_detail.strip():
            errors["audience_detail"] = gettext("Say which groups the information is for.")
        if errors:
            raise ValidationError(errors)

    # ---- display ------------------------------------------------------------

    @property
    def time_limit_display(self):
        if self.time_limit_text:
            return self.time_limit_text
        kind = self.time_limit_kind
        if kind == TimeLimitKind.WORKING_DAYS and self.time_limit_days:
            return gettext("Within %(days)s working days of the information being formed or changed") % {
                "days": self.time_limit_days
            }
        if kind == TimeLimitKind.ANNUAL and self.time_limit_month and self.time_limit_day:
            return gettext("Every year by %(month)s/%(day)s") % {
                "month": self.time_limit_month,
                "day": self.time_limit_day,
            }
        if kind == TimeLimitKind.ON_CHANGE:
            return gettext("Whenever the information changes")
        return ""

    @property
    def responsible_body_display(self):
        return self.responsible_body_text or self.office.name

    @property
    def responsible_body_display_en(self):
        return self.responsible_body_en if self.responsible_body_text else ""

    @cached_property
    def channel_labels(self):
        """The channels in the interface language, the "other" one with its name
        (in English when the interface is and the name has an English form)."""
        labels = [str(label) for label in self._meta.get_field("channels").labels(self.channels)]
        if CHANNEL_OTHER in (self.channels or []) and self.channels_other:
            chinese = (get_language() or "").lower().startswith("zh")
            name = self.channels_other if chinese or not self.channels_other_en else self.channels_other_en
            labels[-1] = f"{labels[-1]}{'：' if chinese else ': '}{name}"
        return labels

    @cached_property
    def level_labels(self):
        return [str(label) for label in self._meta.get_field("levels").labels(self.levels)]

    @property
    def audience_display(self):
        if self.audience == Audience.SPECIFIC and self.audience_detail:
            return f"{self.get_audience_display()}：{self.audience_detail}"
        return self.get_audience_display()

    def unconfirmed_fields(self):
        """(field label, status) for each field whose value was not read from
        a published catalogue, for the editors' provenance panel."""
        labels = FIELD_LABELS
        return [
            (labels.get(name, name), Provenance(status).label)
            for name, status in self.field_provenance.items()
            if status != Provenance.READ and status in Provenance.values
        ]

    def get_context(self, request, *args, **kwargs):
        # local: disclosure.listings imports the models
        from ..listings import by_document_year, for_listing, published, specific_pages

        context = super().get_context(request, *args, **kwargs)
        query = DisclosureListQuery.read(request.GET)

        def listing():
            # By the documents' own year (a zone's enrolment year, a budget's fiscal year, else the
            # year published), newest first.
            disclosures = by_document_year(published(Page.objects.child_of(self)))
            # The years and how many documents each has, in one query (the count of the listing too).
            per_year = dict(
                disclosures.order_by()
                .values_list("document_year")
                .annotate(total=models.Count("id"))
                .values_list("document_year", "total")
            )
            years = sorted((year for year in per_year if year is not None), reverse=True)
            year = query.values["year"]
            selected_year = year if year in years else None
            if selected_year:
                disclosures = disclosures.filter(document_year=selected_year)
            paginator = Paginator(for_listing(disclosures), DISCLOSURES_PER_PAGE)
            # Known already: Paginator would count again.
            paginator.__dict__["count"] = per_year[selected_year] if selected_year else sum(per_year.values())
            # A page number past the end shows the last page.
            page_of_disclosures = paginator.page(min(query.values["page"], paginator.num_pages))
            page_of_disclosures.object_list = specific_pages(page_of_disclosures.object_list)
            return {
                "disclosures": page_of_disclosures,
                "years": years,
                "selected_year": selected_year,
                "year_not_found": bool(request.GET.get("year")) and selected_year is None,
            }

        context["tool"] = tool_for(self.catalogue_key)
        # Read only when the template's fragment is not cached for this
        # content generation and query ({% generationcache %}).
        found = SimpleLazyObject(listing)
        for name in ("disclosures", "years", "selected_year", "year_not_found"):
            context[name] = SimpleLazyObject(lambda name=name: found[name])
        return context


class DisclosureListQuery(QueryParams):
    """?year=&page= of a catalogue item's list of disclosures."""

    year = NumberParam()
    page = NumberParam(min_value=1, default=1)


DISCLOSURES_PER_PAGE = 20

_DAYS_IN_MONTH = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}

FIELD_LABELS = {
    "name": _("name"),
    "content_elements": _("Content elements"),
    "basis": _("legal basis"),
    "time_limit": _("Time limit"),
    "responsible_body": _("Responsible body"),
    "office": _("responsible office"),
    "channels": _("channels"),
    "audience": _("audience"),
    "method": _("method of disclosure"),
    "level": _("level"),
}


class CatalogueItemContentElement(Orderable):
    page = ParentalKey(CatalogueItemPage, on_delete=models.CASCADE, related_name="content_elements")
    text = models.CharField(
        _("content element"),
        max_length=500,
        help_text=_("One thing that is published, for example 学校名称、地址、联系电话."),
    )
    text_en = models.CharField(_("in English"), max_length=500, blank=True, help_text=ENGLISH_HELP)

    panels = [FieldPanel("text"), FieldPanel("text_en")]

    class Meta(Orderable.Meta):
        verbose_name = _("content element")
        verbose_name_plural = _("content elements")

    def __str__(self):
        return self.text
