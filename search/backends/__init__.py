"""The site's search backends: Wagtail's database backends (SQLite,
PostgreSQL) and its Elasticsearch 8 backend, each reading queries through
the Chinese analysis of `search.analysis` (indexed text goes through it
in `search.index_fields`), and each able to count facets in one request.

Which one runs is chosen by the environment (`SEARCH_URL`): see
`edusite.settings.base`."""
