from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from disclosure.models.enrolment import EnrolmentStage

from .address import parse_address

ADDRESS_MAX_LENGTH = 100


class FinderForm(forms.Form):
    """One address box and the year (only years with published zones)."""

    address = forms.CharField(
        label=_("Your address"),
        max_length=ADDRESS_MAX_LENGTH,
        error_messages={
            "required": _("Enter your address: a street and house number, or a compound or village."),
            "max_length": _("An address has at most %(limit_value)d characters (this one has %(show_value)d)."),
        },
    )
    year = forms.TypedChoiceField(
        label=_("Enrolment year"),
        coerce=int,
        error_messages={"invalid_choice": _("No zones are published for that year: choose one of the list.")},
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]
        # A NUL character gets the message below, not Django's generic one.
        self.fields["address"].validators = [
            validator
            for validator in self.fields["address"].validators
            if not isinstance(validator, ProhibitNullCharactersValidator)
        ]

    def clean_address(self):
        address = self.cleaned_data["address"]
        if "\x00" in address:
            raise forms.ValidationError(
                _("The address contains a character that cannot be read. Please type it again.")
            )
        if parse_address(address).is_empty:
            raise forms.ValidationError(
                _(
                    "No address could be read from what you entered. Enter a street and house number, a compound or a village."
                )
            )
        return address


class ZoneFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Enrolment year"), coerce=int)
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("All stages")), *list(EnrolmentStage.choices)],
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "No zones are published for that year: choose one of the list."
        )
        self.fields["stage"].error_messages["invalid_choice"] = _("Choose a stage of the list.")
