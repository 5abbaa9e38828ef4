"""Query parameters of public views, read by one mechanism: a `QueryParams`
form per view. Every parameter is optional and has a default; a value that
does not validate is replaced by its default and explained (`problems`, in
the visitor's language), so a bad address gives 200 with the default — or
400 where the view prefers (`bad_request`) — and never 500.

Numbers are read by `NumberParam`: ASCII digits only, at most nine of them
(`int()` accepts "²", "①" and "٢٠٢٤" where `str.isdigit()` says yes, and
numbers of any length), within the field's bounds.

    class ListingParams(QueryParams):
        year = NumberParam(min_value=1900, max_value=2100)
        page = NumberParam(min_value=1, default=1)

    params = ListingParams.read(request.GET)
    params.values["year"], params.problems
"""

import re

from django import forms
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext_lazy as _

from .text import without_control_characters

MAX_DIGITS = 9
_DIGITS_RE = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")


class NumberParam(forms.IntegerField):
    """A whole number written in ASCII digits (at most nine), optional, with a default."""

    default_error_messages = {"invalid": _("“%(value)s” is not a number.")}

    def __init__(self, *, default=None, **kwargs):
        kwargs.setdefault("required", False)
        self.default = default
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not _DIGITS_RE.fullmatch(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"value": text[:20]})
        return int(text)


class ChoiceParam(forms.ChoiceField):
    def __init__(self, *, default="", **kwargs):
        kwargs.setdefault("required", False)
        self.default = default
        super().__init__(**kwargs)


class TextParam(forms.CharField):
    """Text, cut (not refused) at `max_length`; control characters become spaces."""

    def __init__(self, *, default="", max_length=200, **kwargs):
        kwargs.setdefault("required", False)
        self.default = default
        self.cut_at = max_length
        super().__init__(**kwargs)

    def to_python(self, value):

        return without_control_characters(super().to_python(value) or "")[: self.cut_at].strip()


class QueryParams(forms.Form):
    """The query parameters of one view; see the module's docstring."""

    @classmethod
    def read(cls, query, **kwargs):
        params = cls(query, **kwargs)
        params.values, params.problems, params.invalid = {}, [], set()
        params.is_valid()
        for name, field in params.fields.items():
            if name in params.errors:
                params.invalid.add(name)
                params.values[name] = getattr(field, "default", None)
                for message in params.errors[name]:
                    if message not in params.problems:
                        params.problems.append(message)
            else:
                value = params.cleaned_data.get(name)
                params.values[name] = getattr(field, "default", None) if value in (None, "") else value
        return params

    @property
    def given(self):
        """Names of the parameters the address holds (empty ones included)."""
        return {name for name in self.fields if name in self.data}

    def bad_request(self, json=False):
        """400 with the problems, for views that refuse bad parameters."""
        message = " ".join(str(problem) for problem in self.problems)
        if json:
            return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class YearConverter:
    """<year:…> in URL patterns: four digits (a year), not any number."""

    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"
