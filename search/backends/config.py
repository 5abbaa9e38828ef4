"""Search backend configurations for the settings (`edusite.settings`
and tests): plain dictionaries, importable before Django is set up."""

DATABASE_SEARCH_BACKEND = {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "simple"}


def elasticsearch_backend(url, index_prefix, timeout=5):
    return {
        "BACKEND": "search.backends.elasticsearch",
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        # Fail fast when the engine is down: the public search falls back.
        "OPTIONS": {"max_retries": 1, "retry_on_timeout": False},
    }
