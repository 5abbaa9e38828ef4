"""Search fields whose values pass through the Chinese analysis before any
backend sees them.

Every backend reads a model's text through `SearchField.get_value()` (and
`AutocompleteField.get_value()`): the database backends when they build
their index rows, Elasticsearch when it builds its documents. At start-up
(`SearchConfig.ready`) the search fields of every indexed model — pages,
documents, images and this site's own models alike — are replaced by the
analysed versions below, so indexing is analysed in this one place and
for every backend."""

from modelsearch.index import AutocompleteField, RelatedFields, SearchField, get_indexed_models

from .analysis import index_text


class AnalysedSearchField(SearchField):
    def get_value(self, obj):
        return index_text(self.get_original_value(obj))

    def get_original_value(self, obj):
        """The text as written, for display (snippets)."""
        return super().get_value(obj)


class AnalysedAutocompleteField(AutocompleteField):
    def get_value(self, obj):
        return index_text(super().get_value(obj))


_converted = {}  # id(original field) → (original, analysed)


def analysed_field(field):
    """The analysed version of a search_fields entry; the same object for
    the same entry, so that a subclass's `Page.search_fields + [...]` still
    contains the very fields of `Page.search_fields` (Wagtail checks it)."""
    if id(field) in _converted:
        return _converted[id(field)][1]
    if isinstance(field, (AnalysedSearchField, AnalysedAutocompleteField)):
        result = field
    elif isinstance(field, SearchField):
        result = AnalysedSearchField(field.field_name, boost=field.boost, **field.kwargs)
    elif isinstance(field, AutocompleteField):
        result = AnalysedAutocompleteField(field.field_name, **field.kwargs)
    elif isinstance(field, RelatedFields):
        result = RelatedFields(field.field_name, [analysed_field(sub_field) for sub_field in field.fields])
    else:
        result = field  # FilterField: values are compared, not analysed
    _converted[id(field)] = (field, result)
    return result


def analyse_all_indexed_models():
    for model in get_indexed_models():
        model.search_fields = [analysed_field(field) for field in model.search_fields]
