from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.forms import SitePageForm
from core.pages import BasePage
from core.richtext import RichTextBlock
from disclosure.listings import current_safety_notices, latest_disclosures
from disclosure.models import CatalogueIndexPage, CategoryPage


class HomePage(BasePage):
    base_form_class = SitePageForm

    # Navigation, not content: the public search lists what it leads to.
    in_public_search = False

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "link"],
        help_text=_("One or two sentences under the site name on the home page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["disclosure.CatalogueIndexPage", "home.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's fragment is not cached for this
        # content generation (templates: {% generationcache %}).
        context["catalogue"] = SimpleLazyObject(lambda: CatalogueIndexPage.objects.child_of(self).live().first())
        context["categories"] = SimpleLazyObject(
            lambda: list(CategoryPage.objects.descendant_of(self).live().order_by("path"))
        )
        context["guide"] = SimpleLazyObject(lambda: GuidePage.objects.child_of(self).live().first())
        context["latest"] = SimpleLazyObject(lambda: latest_disclosures(self))
        context["safety_notices"] = SimpleLazyObject(lambda: current_safety_notices(self))
        return context


class GuideSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=100)
    body = RichTextBlock(label=_("text"), features=["bold", "link", "ol", "ul"])
    heading_en = blocks.CharBlock(label=_("heading in English"), max_length=100, required=False)
    body_en = RichTextBlock(
        label=_("text in English"),
        features=["bold", "link", "ol", "ul"],
        required=False,
        help_text=_("Shown on the English site; leave empty to show the Chinese."),
    )

    class Meta:
        icon = "doc-full"
        label = _("section")
        template = "home/blocks/guide_section.html"


class GuidePage(BasePage):
    """公开指南: how disclosure works here, how to request information, whom
    to contact. The contact details come from the site settings."""

    base_form_class = SitePageForm

    title_en = models.CharField(
        _("title in English"),
        max_length=255,
        blank=True,
        help_text=_("Shown on the English site; leave empty to show the Chinese."),
    )
    intro = models.TextField(_("summary"), blank=True, help_text=_("One paragraph shown at the top."))
    intro_en = models.TextField(
        _("summary in English"), blank=True, help_text=_("Shown on the English site; leave empty to show the Chinese.")
    )
    body = StreamField(
        [("section", GuideSectionBlock())],
        verbose_name=_("sections"),
        help_text=_("Each section gets a heading and appears in the page's table of contents."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("disclosure guide")
        verbose_name_plural = _("disclosure guides")
