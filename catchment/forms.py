from django import forms
from django.utils.translation import gettext_lazy as _

from disclosure.models.enrolment import EnrolmentStage

from .address import normalise

ADDRESS_MAX_LENGTH = 100


class FinderForm(forms.Form):
    """One address box and the year (only years with published zones)."""

    address = forms.CharField(
        label=_("Your address"),
        max_length=ADDRESS_MAX_LENGTH,
        error_messages={
            "required": _("Enter an address, for example 铁货街12号."),
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

    def clean_address(self):
        address = self.cleaned_data["address"]
        if normalise(address).is_empty:
            raise forms.ValidationError(
                _("No address could be read from what you entered. Enter a street and house number, a compound or a village, for example 铁货街12号.")
            )
        return address


class ZoneFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Enrolment year"), coerce=int)
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("All stages"))] + list(EnrolmentStage.choices),
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "No zones are published for that year: choose one of the list."
        )
        self.fields["stage"].error_messages["invalid_choice"] = _("Choose a stage of the list.")
