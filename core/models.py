"""The working-day calendar's admin table: years whose holiday schedule the
bureau entered itself (because the chinese-calendar library does not know
them yet) and single days that differ from the weekday rule (holidays and
make-up working days). See core/working_days.py."""
from django.db import models
from django.utils.translation import gettext_lazy as _


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
