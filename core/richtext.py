"""Rich text that is required must say something: the admin's rich text
editor sends an empty paragraph (`<p data-block-key="…"></p>`) for an
editor left empty, which Wagtail accepts as a value."""

import html
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

_TAG = re.compile(r"<[^>]*>")
_CONTENT_TAGS = re.compile(r"<(?:img|embed|iframe|video|audio)\b", re.IGNORECASE)


def has_visible_text(source):
    """Does this rich text show anything: text, or an image or embed?"""
    source = str(source or "")
    if _CONTENT_TAGS.search(source):
        return True
    return bool(html.unescape(_TAG.sub("", source)).strip(" \t\r\n\u00a0\u3000\u200b"))


REQUIRED_MESSAGE = _("This field is required.")


def validate_visible_text(value):
    if not has_visible_text(value):
        raise ValidationError(REQUIRED_MESSAGE, code="required")


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's RichTextBlock, where a required value must show something."""

    def clean(self, value):
        value = super().clean(value)
        if self.required and not has_visible_text(getattr(value, "source", value)):
            raise ValidationError(REQUIRED_MESSAGE, code="required")
        return value
