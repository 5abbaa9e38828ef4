"""The page cache's fast path: a WSGI wrapper around Django that answers a
page-cache hit itself, without Django's request handling (its signals,
middleware chain and response objects cost more than the hit).

It decides exactly as the middleware does (caching.middleware.PageCache:
the same candidates, keys, entries and headers); anything it is not sure of
— a conditional request, no entry, an error — goes to Django, where the
middleware answers or renders and stores."""

import logging
from http import HTTPStatus

from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from core import generation, hits

from .middleware import PageCache

logger = logging.getLogger(__name__)

# Left to Django's get_conditional_response (in the middleware).
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


class PageCacheApplication:
    def __init__(self, application):
        self.application = application
        self.page_cache = None

    def __call__(self, environ, start_response):
        try:
            answer = self.hit(environ)
        except Exception:
            logger.exception("Page cache fast path failed")
            answer = None
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

    def hit(self, environ):
        if self.page_cache is None:
            self.page_cache = PageCache()
        cache = self.page_cache
        if not cache.enabled or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        if any(name in environ for name in CONDITIONAL):
            return None
        # A copy: WSGIRequest rewrites PATH_INFO in the dict it is given, and
        # Django, if it is asked after all, must read the original.
        request = WSGIRequest(dict(environ))
        if not cache.is_candidate(request):
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        state = generation.current()
        entry = cache.lookup(cache.key(request, host, state))
        if entry is None:
            return None
        status, headers, content, _etag, expires, actions = entry
        hits.run(actions)
        headers = [*headers, *cache.headers(state, "hit", expires)]
        return f"{status} {HTTPStatus(status).phrase}", headers, content
