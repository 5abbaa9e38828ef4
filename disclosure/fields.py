"""A JSON list of values picked from a fixed vocabulary, edited as checkboxes.

Works the same on SQLite and PostgreSQL (no ArrayField)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class MultipleChoiceListField(models.JSONField):
    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        if kwargs.get("default") is list:
            del kwargs["default"]
        return name, path, args, kwargs

    def valid_values(self):
        return [value for value, _label in self.item_choices]

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise ValidationError(_("Choose from the list."), code="invalid_list")
        valid = self.valid_values()
        unknown = [item for item in value if item not in valid]
        if unknown:
            raise ValidationError(
                _("Not a valid choice: %(values)s"),
                code="invalid_choice",
                params={"values": "、".join(map(str, unknown))},
            )

    def formfield(self, **kwargs):
        for unsupported in ("form_class", "choices_form_class", "encoder", "decoder"):
            kwargs.pop(unsupported, None)
        defaults = {
            "choices": self.item_choices,
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        return forms.MultipleChoiceField(**defaults)

    def labels(self, values):
        """The display labels of `values`, in vocabulary order."""
        lookup = dict(self.item_choices)
        return [lookup[v] for v in self.valid_values() if v in (values or [])]
