"""Template helpers of the disclosure pages."""

import re

from django import template

register = template.Library()

_FULLWIDTH = str.maketrans("０１２３４５６７８９（）－—", "0123456789()--")
_SINGLE_NUMBER_RE = re.compile(r"^\+?[0-9(][0-9()\- ]{2,30}$")


@register.filter
def tel_uri(phone):
    """`tel:` link of a telephone number as editors type it (0734-8888888,
    ０７３４－８８８８８８８, 0734-8888888转123 → the main number); "" when the
    field holds something else, such as two numbers, which is then shown
    as plain text."""
    text = (phone or "").translate(_FULLWIDTH).split("转")[0].strip()
    if not _SINGLE_NUMBER_RE.match(text):
        return ""
    digits = re.sub(r"[^0-9+\-]", "", text).strip("-")
    return f"tel:{digits}" if sum(c.isdigit() for c in digits) >= 3 else ""
