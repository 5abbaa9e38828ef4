"""What a cached response still has to do when it is served from a cache
instead of by its view (the search's query log counts searches answered
from the page cache too).

A view marks its response with `mark(response, name, *args)`; the page
cache keeps the marks with the response and, on every hit, calls the
function registered under each name with its arguments."""

import logging

logger = logging.getLogger(__name__)

_registry = {}


def register(name, function):
    _registry[name] = function


def mark(response, name, *args):
    response.cache_hit_actions = [*getattr(response, "cache_hit_actions", ()), (name, args)]
    return response


def actions(response):
    return tuple(getattr(response, "cache_hit_actions", ()))


def run(actions):
    for name, args in actions:
        function = _registry.get(name)
        if function is None:
            continue
        try:
            function(*args)
        except Exception:
            logger.exception("Cache hit action %s failed", name)
