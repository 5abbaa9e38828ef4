"""The common base of every disclosure type: the standard record metadata
(索引号, 文号, 发布机构, 成文日期, 发布日期, 有效性, 公开属性), attachments,
a structured body and a public change history."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_all_child_relations
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core import generation
from core.forms import SitePageForm
from core.models import NumberedRecord
from core.pages import BasePage
from core.panels import ScreeningPanel
from core.publication import RuledPermissionsMixin

from .. import index_numbers
from ..blocks import DisclosureBodyBlock
from ..vocabulary import DisclosureAttribute, Validity

# 文号: issuer abbreviation, year in 〔〕, serial, 号 — e.g. 阳教体办发〔2021〕12号.
DOCUMENT_NUMBER_RE = re.compile(r"^[\u4e00-\u9fff]{1,20}〔(?:19|20)\d{2}〕(?:第)?\d{1,5}号$")
_BRACKETS = str.maketrans(
    {"[": "〔", "]": "〕", "【": "〔", "】": "〕", "（": "〔", "）": "〕", "(": "〔", ")": "〕", "［": "〔", "］": "〕"}
)


def normalise_document_number(value):
    """Editors type 教发[2024]12号 or 教发（2024）12号; the standard form uses 〔〕."""
    value = (value or "").strip().replace(" ", "")
    return value.translate(_BRACKETS)


def validate_document_number(value):
    if value and not DOCUMENT_NUMBER_RE.match(value):
        raise ValidationError(
            _(
                "Enter the document number like 某教发〔2024〕12号: issuer abbreviation, year in 〔〕, serial number, 号."
            ),
            code="invalid_document_number",
        )


class DisclosurePublishingError(ValidationError):
    """Raised when a page may not be published; the message says why."""


class DisclosurePageForm(SitePageForm):
    """Applies the publication rules when the editor presses Publish, so
    the refusal appears in the form with nothing typed lost."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A change note belongs to one publication: every edit starts blank.
        if "major_change" in self.fields:
            self.initial["major_change"] = False
            self.initial["change_note"] = ""

    def is_publishing(self):
        """Publishing, or submitting for the review whose last step publishes:
        what cannot be published is refused before anyone reviews it."""
        return any(name in self.data for name in ("action-publish", "action-submit", "action-restart-workflow"))

    def clean(self):
        cleaned_data = super().clean()
        number = cleaned_data.get("document_number")
        if number:
            cleaned_data["document_number"] = normalise_document_number(number)
            try:
                validate_document_number(cleaned_data["document_number"])
            except ValidationError as error:
                self.add_error("document_number", error)
        if cleaned_data.get("major_change") and not (cleaned_data.get("change_note") or "").strip():
            self.add_error("change_note", gettext("Describe the change: it is shown in the public change history."))
        if cleaned_data.get("validity") in {Validity.AMENDED, Validity.REPEALED} and not cleaned_data.get(
            "superseded_by"
        ):
            self.add_error("superseded_by", gettext("Choose the document that replaces this one."))
        if self.is_publishing():
            for field, message in self.instance.publication_problems(cleaned_data, self.formsets):
                self.add_error(field, message)
        return cleaned_data


class DisclosurePage(RuledPermissionsMixin, BasePage):
    """Abstract: every disclosure type inherits the record metadata."""

    index_number = models.CharField(
        _("index number"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    document_number = models.CharField(
        _("document number"),
        max_length=64,
        blank=True,
        validators=[validate_document_number],
        help_text=_("Optional. Like 某教发〔2024〕12号; [ ] and （ ） are turned into 〔 〕."),
    )
    issuing_office = models.ForeignKey(
        "disclosure.Office",
        verbose_name=_("issuing office"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The office of the bureau that issues this information."),
    )
    issuer_name = models.CharField(
        _("issuer as published"),
        max_length=200,
        blank=True,
        help_text=_(
            "Only if the issuer is not one of the bureau's offices, for example a document of the provincial department."
        ),
    )
    written_date = models.DateField(
        _("date written"), null=True, blank=True, help_text=_("The date on the document (成文日期), YYYY-MM-DD.")
    )
    validity = models.CharField(
        _("validity"),
        max_length=16,
        choices=Validity.choices,
        default=Validity.VALID,
        help_text=_(
            "Valid while in force. Choose amended or repealed when another document replaces it, and name that document."
        ),
    )
    superseded_by = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("replacing document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Required when the document is amended or repealed: the document that replaces it."),
    )
    disclosure_attribute = models.CharField(
        _("disclosure attribute"),
        max_length=16,
        choices=DisclosureAttribute.choices,
        default=DisclosureAttribute.PROACTIVE,
        help_text=_("Only proactive disclosures may be published on this site."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in listings and search results.")
    )
    body = StreamField(
        DisclosureBodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "The full text: headings, paragraphs, tables (with a caption), images (with a text alternative) and attachment lists."
        ),
    )
    attachments = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        verbose_name=_("attachments"),
        blank=True,
        help_text=_("PDF, OFD, DOC/DOCX, XLS/XLSX or ZIP files."),
    )
    major_change = models.BooleanField(
        _("major change"),
        default=False,
        help_text=_(
            "Tick when this publication changes the substance; the note below then appears in the public change history."
        ),
    )
    change_note = models.CharField(
        _("change note"),
        max_length=500,
        blank=True,
        help_text=_("For a major change: one sentence saying what changed, for example 调整了报名时间."),
    )
    full_text_source = models.CharField(
        _("full text published at"),
        max_length=300,
        blank=True,
        help_text=_(
            "Only when this page gives a summary or an excerpt: where the full text was published, for example "
            "安康市教育局网站（2018年8月8日）. The page then says it is a summary."
        ),
    )
    source_id = models.CharField(_("import id"), max_length=64, blank=True, db_index=True, editable=False)

    record_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuing_office"), FieldPanel("issuer_name")]),
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("written_date")]),
                FieldRowPanel([FieldPanel("validity"), FieldPanel("superseded_by")]),
                FieldPanel("disclosure_attribute"),
                FieldPanel("full_text_source"),
            ],
            heading=_("Record metadata"),
        )
    ]
    change_panels = [
        MultiFieldPanel([FieldPanel("major_change"), FieldPanel("change_note")], heading=_("Change history")),
    ]
    # Near the top: the confidentiality reviewer sees the findings first.
    screening_panels = [ScreeningPanel(heading=_("Personal-data screening"))]
    # The document's own text; a page type's own fields go between the
    # screening and the record metadata, or before this.
    document_panels = [FieldPanel("summary"), FieldPanel("body"), FieldPanel("attachments")]
    content_panels = Page.content_panels + screening_panels + record_panels + document_panels + change_panels

    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=3),
        index.SearchField("document_number", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("validity"),
        index.FilterField("written_date"),
    ]

    base_form_class = DisclosurePageForm
    # A copy is a new draft: it gets its own index number when it is first
    # published, and is not the imported document.
    exclude_fields_in_copy = ["index_number", "source_id"]
    serve_select_related = ("issuing_office", "superseded_by")
    parent_page_types = ["disclosure.CatalogueItemPage"]
    subpage_types = []

    class Meta:
        abstract = True

    # ---- publication rules -----------------------------------------------

    def publication_problems(self, values=None, formsets=None):
        """(field, message) pairs that forbid publication. `values` are the
        form's cleaned data when called from the admin, else the page's own."""
        get = (
            (lambda name: values.get(name, getattr(self, name)))
            if values is not None
            else (lambda name: getattr(self, name))
        )
        problems = []
        if get("disclosure_attribute") != DisclosureAttribute.PROACTIVE:
            problems.append(
                (
                    "disclosure_attribute",
                    gettext("Only proactive disclosures may be published on this site. This one is “%(attribute)s”.")
                    % {"attribute": DisclosureAttribute(get("disclosure_attribute")).label},
                )
            )
        return problems

    def clean(self):
        super().clean()
        self.document_number = normalise_document_number(self.document_number)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) <= generation.PAGE_BOOKKEEPING_FIELDS:
            # Saving a draft of a live page (Page.save_revision) writes only
            # these fields, from an instance that holds the draft: the
            # published content is untouched, and the draft may break the
            # publication rules until it is published.
            return super().save(*args, **kwargs)
        if self.live:
            problems = self.publication_problems()
            if problems:
                raise DisclosurePublishingError({field: [message] for field, message in problems})
            if not self.index_number:
                published = self.first_published_at or timezone.now()
                self.index_number = index_numbers.allocate(timezone.localtime(published).year)
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision never carries its own index number: keep the one
        allocated at first publication."""
        obj = super().with_content_json(content)
        obj.index_number = self.index_number
        return obj

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """A revision's inline rows (zone rules, content elements …) name
        their page, and modelcluster checks that every foreign key of every
        row still exists: one query per row, for the page being restored.
        The rows are read without that key; they belong to this page."""

        data = dict(data)
        for relation in get_all_child_relations(cls):
            name, parent_key = relation.get_accessor_name(), relation.field.name
            if isinstance(data.get(name), list):
                data[name] = [
                    {key: value for key, value in row.items() if key != parent_key} if isinstance(row, dict) else row
                    for row in data[name]
                ]
        return super().from_serializable_data(data, check_fks, strict_fks)

    # ---- display -----------------------------------------------------------

    @property
    def issuer_display(self):
        return self.issuer_name or self.issuing_office.name

    # ---- validity: one answer for the banner, the record table, listings and search ----

    @property
    def current_validity(self):
        """有效性 as of now. A page whose period of validity has ended (a
        safety notice past its end) is expired, whatever was stored."""
        return self.validity

    def get_current_validity_display(self):
        return Validity(self.current_validity).label

    @property
    def validity_ends_at(self):
        """When a page that is valid now stops being valid by itself, or None."""
        return None

    @property
    def is_valid(self):
        return self.current_validity == Validity.VALID

    @property
    def validity_lapsed(self):
        """Valid as stored, expired as of now: its period has ended."""
        return self.validity == Validity.VALID and self.current_validity == Validity.EXPIRED

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Most disclosures have no change history: which ones do is read once
        # per content generation, and only those ask for theirs.
        with_notes = generation.cached(
            "pages-with-change-notes", lambda: set(ChangeNote.objects.values_list("page_id", flat=True).distinct())
        )
        context["change_notes"] = SimpleLazyObject(
            lambda: list(self.change_notes.all()) if self.pk in with_notes or not self.pk else []
        )
        return context


class ChangeNote(NumberedRecord):
    """A public entry in a disclosure's change history (修订记录): one per
    publication marked as a major change."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="change_notes")
    revision = models.OneToOneField("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField()
    note = models.CharField(max_length=500)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")
