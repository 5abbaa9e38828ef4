"""Models every app shares: the working-day calendar's admin table (years
whose holiday schedule the bureau entered itself, because the
chinese-calendar library does not know them yet, and single days that
differ from the weekday rule; see core/working_days.py), the background
jobs (core/jobs.py) and the content generation (core/generation.py)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import generation
from .fields import telephone_field
from .validators import organisation_code_validator


class NumberedRecord(models.Model):
    """A row with no name of its own, shown as its kind and number (“step
    approval 12”) in the admin, in logs and in error messages."""

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self._meta.verbose_name} {self.pk}"


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        help_text=_(
            "Enter a year here only once every holiday and make-up working day of its announced schedule is entered below: the deadlines of this year are then computed from these days instead of being flagged as provisional."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        help_text=_("The notice the days come from, for example 国务院办公厅关于2027年部分节假日安排的通知."),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("calendar year entered by hand")
        verbose_name_plural = _("calendar years entered by hand")

    def __str__(self):
        return str(self.year)


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday (no work)")
        WORKDAY = "workday", _("Make-up working day (调休上班)")

    date = models.DateField(_("date"), unique=True, help_text=_("The day, for example 2027-02-06."))
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        help_text=_("A holiday on a weekday, or a weekend day that is a working day."),
    )
    name = models.CharField(_("name"), max_length=50, help_text=_("For example 春节 or 春节调休."))

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"

    @property
    def is_working_day(self):
        return self.kind == self.Kind.WORKDAY


class Job(models.Model):
    """A long piece of work run by the background worker (core.jobs): who
    started it, how far it got, and what came of it. The admin's progress
    page reads this row, so it survives a reload and works in any process."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the background worker")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Failed: nothing was changed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    payload = models.BinaryField(_("input file"), null=True, blank=True, editable=False)
    step = models.CharField(_("step"), max_length=300, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last news"), auto_now=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self):
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))


class ContentGeneration(NumberedRecord):
    """The one row whose number changes, in the same transaction, with every
    change that can alter a public response (see core.generation). Caches of
    public output name the generation they were computed for.

    Times are kept as integers (seconds and microseconds since the epoch) so
    that the row is read on every request with one plain query, without
    conversions."""

    number = models.BigIntegerField(default=1)
    # A random value set with every change: a generation whose transaction
    # was rolled back can never be confused with a later one of the same number.
    token = models.CharField(max_length=16, default="initial")
    # When the content last changed, in whole seconds (Last-Modified, sent
    # once that second is over: a later change always has a later one).
    modified = models.BigIntegerField(default=0)
    # The next moment public output changes on its own (a page's expiry, a
    # scheduled publication, a safety notice coming into or out of force), in
    # microseconds; NULL while not yet worked out for this generation.
    next_change = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "content generation"


@register_setting(icon="site")
class BureauSettings(BaseSiteSetting):
    """教育局信息: the bureau's name, organisation code (the prefix of every
    索引号) and contact details, shown on every page (设置 › 教育局信息)."""

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
    contact_phone = telephone_field(
        _("contact telephone"), _("The disclosure office's number, for example 0734-8888888."), blank=False
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
    complaint_phone = telephone_field(
        _("complaint telephone"), _("Optional: the number for complaints, for example 12345.")
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
