"""Backend instances by name, made once per process (an Elasticsearch
backend holds a connection pool), and the errors that mean the search
engine could not answer."""

from django.conf import settings
from modelsearch.backends import get_search_backend

_instances = {}


def backend_named(name="default"):
    config = settings.WAGTAILSEARCH_BACKENDS.get(name)
    key = (name, repr(config))
    if key not in _instances:
        _instances[key] = get_search_backend(name)
    return _instances[key]


def engine_errors():
    """Exceptions raised when the search engine is down or refuses a query."""
    try:
        # local: heavy import (the Elasticsearch client, 0.3 s), needed only once a search has failed
        from elasticsearch import ApiError, TransportError  # TransportError is elastic_transport's
    except ImportError:  # pragma: no cover - elasticsearch is a dependency
        return ()
    return (TransportError, ApiError)
