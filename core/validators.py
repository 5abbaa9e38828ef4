"""Validators every app shares."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^[0-9０-９()（）\-— ,，、转]{5,40}$",
    _("Enter a telephone number such as 0734-8888888 or 12345."),
)

organisation_code_validator = RegexValidator(
    r"^[0-9A-Z]{8}-?[0-9A-Z]$|^[0-9A-Z]{18}$",
    _(
        "Enter the 9-character organisation code (for example 00618806-3) or the 18-character unified social credit code, in capitals."
    ),
)
