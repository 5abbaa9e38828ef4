"""Model fields that several models declare alike."""

from django.db import models

from .validators import phone_validator


def telephone_field(verbose_name, help_text, blank=True):
    """A telephone number as the public dials it: up to 40 characters,
    checked by `phone_validator` (digits, hyphens, brackets, 转 …)."""
    return models.CharField(verbose_name, max_length=40, blank=blank, validators=[phone_validator], help_text=help_text)
