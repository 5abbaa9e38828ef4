from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core import generation
from core.forms import SitePageForm
from core.pages import BasePage
from disclosure.models.organisations import phone_validator


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

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["disclosure.CatalogueIndexPage", "home.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from disclosure.listings import current_safety_notices, latest_disclosures
        from disclosure.models import CatalogueIndexPage, CategoryPage

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
    body = blocks.RichTextBlock(label=_("text"), features=["bold", "link", "ol", "ul"])
    heading_en = blocks.CharBlock(label=_("heading in English"), max_length=100, required=False)
    body_en = blocks.RichTextBlock(
        label=_("text in English"), features=["bold", "link", "ol", "ul"], required=False,
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
        _("title in English"), max_length=255, blank=True,
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

    content_panels = Page.content_panels + [
        FieldPanel("title_en"), FieldPanel("intro"), FieldPanel("intro_en"), FieldPanel("body")
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("disclosure guide")
        verbose_name_plural = _("disclosure guides")


organisation_code_validator = RegexValidator(
    r"^[0-9A-Z]{8}-?[0-9A-Z]$|^[0-9A-Z]{18}$",
    _(
        "Enter the 9-character organisation code (for example 00618806-3) or the 18-character unified social credit code, in capitals."
    ),
)


@register_setting(icon="site")
class BureauSettings(BaseSiteSetting):
    bureau_name = models.CharField(
        _("bureau name"),
        max_length=100,
        help_text=_("The full name shown at the top of every page, for example 衡阳市雁峰区教育局."),
    )
    organisation_code = models.CharField(
        _("organisation code"),
        max_length=20,
        validators=[organisation_code_validator],
        help_text=_("Used as the prefix of every index number (索引号), for example 00618806-3."),
    )
    contact_phone = models.CharField(
        _("contact telephone"),
        max_length=40,
        validators=[phone_validator],
        help_text=_("The disclosure office's number, for example 0734-8888888."),
    )
    contact_address = models.CharField(
        _("postal address"), max_length=200, help_text=_("Address and postcode for written requests.")
    )
    office_hours = models.CharField(
        _("office hours"),
        max_length=100,
        blank=True,
        help_text=_("For example 工作日 8:30–12:00，14:30–17:30."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Optional: an address for written requests, for example gk@example.gov.cn."),
    )
    complaint_channel = models.TextField(
        _("complaint channel"),
        help_text=_(
            "Where the public can report problems with disclosure (监督举报), for example the supervising office and its number."
        ),
    )
    complaint_phone = models.CharField(
        _("complaint telephone"),
        max_length=40,
        blank=True,
        validators=[phone_validator],
        help_text=_("Optional: the number for complaints, for example 12345."),
    )
    icp_number = models.CharField(
        _("ICP licence number"),
        max_length=100,
        blank=True,
        help_text=_("Shown in the footer, for example 湘ICP备12345678号."),
    )

    panels = [
        FieldPanel("bureau_name"),
        FieldPanel("organisation_code"),
        MultiFieldPanel(
            [
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
                FieldPanel("office_hours"),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("complaint_channel"), FieldPanel("complaint_phone")], heading=_("Complaints")),
        FieldPanel("icp_number"),
    ]

    class Meta:
        verbose_name = _("bureau settings")
        verbose_name_plural = _("bureau settings")

    @classmethod
    def for_site(cls, site):
        """Every page shows the settings: read once per content generation."""
        if site is None:
            return super().for_site(site)
        return generation.cached(f"bureau-settings:{site.pk}", lambda: super(BureauSettings, cls).for_site(site))
