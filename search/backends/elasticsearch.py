"""Wagtail's Elasticsearch 8 backend with the Chinese analysis, and every
Elasticsearch-specific query of the site (facet counts with
`elasticsearch.dsl`), against the indexes Wagtail maintains.

Text arrives already segmented by `search.analysis` (words separated by
spaces), so every text field uses Elasticsearch's built-in `whitespace`
analyzer: the same words as the database backends, and no analysis
plugin is needed (the integration-test distribution has none)."""

from collections import Counter

from elasticsearch.dsl import Search
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8SearchResults,
)
from modelsearch.query import And, Not

from .common import ChineseQueriesMixin

ANALYZER = "whitespace"
FACET_SIZE = 1000


def _use_analyzer(properties):
    for mapping in properties.values():
        if mapping.get("type") == "text":
            mapping["analyzer"] = ANALYZER
            mapping.pop("search_analyzer", None)
        if "properties" in mapping:
            _use_analyzer(mapping["properties"])


class ChineseMapping(Elasticsearch8Mapping):
    edgengram_analyzer_config = {"analyzer": ANALYZER}

    def get_mapping(self):
        mapping = super().get_mapping()
        _use_analyzer(mapping["properties"])
        return mapping


class ChineseSearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = ChineseMapping

    def get_inner_query(self):
        """Wagtail compiles a query once per field and lets any field match,
        so `And([a, Not(b)])` would match a document whose title lacks `b`
        while its body has it. Exclusions are applied to the whole document."""
        query = self.query
        if isinstance(query, And) and any(isinstance(part, Not) for part in query.subqueries):
            fields = self.remapped_fields
            return {
                "bool": {
                    "must": [
                        self._join_and_compile_queries(part, fields)
                        for part in query.subqueries
                        if not isinstance(part, Not)
                    ],
                    "must_not": [
                        self._join_and_compile_queries(part.subquery, fields)
                        for part in query.subqueries
                        if isinstance(part, Not)
                    ],
                }
            }
        return super().get_inner_query()


class ChineseAutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = ChineseMapping


class ChineseSearchResults(Elasticsearch8SearchResults):
    def facets(self, field_names):
        """{field: Counter(value → number of matches)} for several filter
        fields, with the total, in one request (terms aggregations)."""
        compiler = self.query_compiler
        index = self.backend.get_index_for_model(compiler.queryset.model).name
        search = Search(using=self.backend.es, index=index).update_from_dict(
            {"query": compiler.get_query(), "size": 0, "track_total_hits": True}
        )
        for name in field_names:
            column = compiler.mapping.get_field_column_name(compiler._get_filterable_field(name))
            search.aggs.bucket(name, "terms", field=column, size=FACET_SIZE)
        response = search.execute()
        total = response.hits.total.value
        counters = {}
        for name in field_names:
            counter = Counter({bucket.key: bucket.doc_count for bucket in getattr(response.aggregations, name).buckets})
            missing = total - sum(counter.values())
            if missing > 0:
                counter[None] = missing
            counters[name] = counter
        return counters


class SearchBackend(ChineseQueriesMixin, Elasticsearch8SearchBackend):
    mapping_class = ChineseMapping
    query_compiler_class = ChineseSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseAutocompleteQueryCompiler
    results_class = ChineseSearchResults
    # No custom analyzers or filters: only what a bare node has.
    settings = {"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0}}}
