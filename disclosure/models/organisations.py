"""Offices (科室) of the bureau and the schools it administers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import telephone_field


class Office(models.Model):
    """A unit of the bureau responsible for items of the catalogue (公开主体 / 承办科室)."""

    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        help_text=_("The office's full name, for example 基础教育科."),
    )
    phone = telephone_field(_("telephone"), _("The number the public can call, for example 0734-8888888."))
    location = models.CharField(
        _("office location"),
        max_length=200,
        blank=True,
        help_text=_("Building and room, for example 教育局大楼三楼305室."),
    )
    duties = models.TextField(
        _("duties"), blank=True, help_text=_("One or two sentences on what this office is responsible for.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"), default=0, help_text=_("Smaller numbers are listed first.")
    )

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return self.name


class School(models.Model):
    class Stage(models.TextChoices):
        PRIMARY = "primary", _("Primary school")
        JUNIOR = "junior", _("Junior secondary school")
        NINE_YEAR = "nine_year", _("Nine-year school")

    class Ownership(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Private")

    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        help_text=_("The school's registered name, for example 解放路小学."),
    )
    stage = models.CharField(
        _("stage"),
        max_length=16,
        choices=Stage.choices,
        help_text=_("Primary, junior secondary, or a nine-year school covering both."),
    )
    ownership = models.CharField(
        _("public or private"),
        max_length=16,
        choices=Ownership.choices,
        default=Ownership.PUBLIC,
        help_text=_("Public (公办) or private (民办)."),
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("Street address, for example 解放路25号.")
    )
    phone = telephone_field(_("telephone"), _("The school's enquiry number, for example 0734-8888888."))
    website = models.URLField(
        _("website"), blank=True, help_text=_("Full address starting with https://, if the school has one.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self):
        return self.name
