"""Campus-safety notices (校园安全): alerts with a level and a validity period."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.richtext import validate_visible_text

from .base import DisclosurePage, Validity


class AlertLevel(models.TextChoices):
    BLUE = "blue", _("Blue alert")
    YELLOW = "yellow", _("Yellow alert")
    ORANGE = "orange", _("Orange alert")
    RED = "red", _("Red alert")


class SafetyNoticeQuerySet(PageQuerySet):
    def current(self, now=None):
        now = now or timezone.now()
        return self.filter(valid_from__lte=now).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=now)
        )


class SafetyNoticePage(DisclosurePage):
    alert_level = models.CharField(
        _("alert level"),
        max_length=16,
        choices=AlertLevel.choices,
        default=AlertLevel.BLUE,
        help_text=_("Blue, yellow, orange or red; the level is always shown in words as well as colour."),
    )
    affected_schools = ParentalManyToManyField(
        "disclosure.School",
        verbose_name=_("affected schools"),
        blank=True,
        related_name="+",
        help_text=_("The schools concerned, if the notice is not for all schools."),
    )
    affected_areas = models.CharField(
        _("affected areas"),
        max_length=500,
        blank=True,
        help_text=_("Towns, districts or “all schools in the county”, when not listed school by school."),
    )
    valid_from = models.DateTimeField(
        _("valid from"), default=timezone.now, help_text=_("When the notice takes effect, YYYY-MM-DD HH:MM.")
    )
    valid_until = models.DateTimeField(
        _("valid until"), help_text=_("After this moment the notice is marked as expired and leaves the home page.")
    )
    measures = RichTextField(
        _("measures"),
        features=["bold", "ol", "ul", "link"],
        validators=[validate_visible_text],
        help_text=_("What schools and families must do."),
    )
    contacts = models.TextField(
        _("contacts"), blank=True, help_text=_("Who to call, with telephone numbers, one per line.")
    )

    objects = PageManager.from_queryset(SafetyNoticeQuerySet)()

    content_panels = (
        Page.content_panels
        + DisclosurePage.screening_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("alert_level"),
                    FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                    FieldPanel("affected_schools"),
                    FieldPanel("affected_areas"),
                    FieldPanel("measures"),
                    FieldPanel("contacts"),
                ],
                heading=_("Alert"),
            )
        ]
        + DisclosurePage.record_panels
        + DisclosurePage.document_panels
        + DisclosurePage.change_panels
    )
    search_fields = [*DisclosurePage.search_fields, index.SearchField("measures"), index.FilterField("valid_until")]

    class Meta:
        verbose_name = _("safety notice")
        verbose_name_plural = _("safety notices")

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": gettext("The end must be after the start.")})

    @property
    def is_expired(self):
        return self.valid_until is not None and self.valid_until <= timezone.now()

    @property
    def current_validity(self):
        """An expired notice is 失效 everywhere (banner, record table, listings, search)."""
        if self.validity == Validity.VALID and self.is_expired:
            return Validity.EXPIRED
        return self.validity

    @property
    def validity_ends_at(self):
        return self.valid_until if self.validity == Validity.VALID and not self.is_expired else None

    @property
    def is_current(self):
        now = timezone.now()
        return self.valid_from <= now and not self.is_expired

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["affected_schools"] = SimpleLazyObject(lambda: list(self.affected_schools.all()))
        return context
