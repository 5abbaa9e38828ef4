"""The application's page cache: anonymous GET and HEAD requests of the
public site (pages, listings, the catalogue, the finder, search results)
answered from Django's cache framework (`CACHES["pages"]`: Redis with
REDIS_URL, else local memory), for the current content generation.

Keys: the content generation, scheme, host, language and the full path with
its query string. An entry is never read after the generation's next
scheduled change (an expiry, a scheduled publication).

Stored only: 200 responses to requests without a session or messages
cookie (nobody logged in) and without Authorization; no Set-Cookie; no
`Cache-Control: private/no-cache/no-store` or `max-age=0` set by the view
(Django's never_cache, Wagtail's view restrictions, a form that needs a
CSRF token, which also sets its cookie); no `Vary` left other than the
language, which the URL already names. See docs/caching.md."""

import hashlib
import logging
import re
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.urls import LocalePrefixPattern, get_resolver
from django.utils import translation
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import http_date

from core import generation, hits
from core.pages import site_for_request

logger = logging.getLogger(__name__)

STATUS_HEADER = "X-App-Cache"
GENERATION_HEADER = "X-Content-Generation"
# What Varnish reads for how long it may keep a response (deploy/varnish).
SURROGATE_HEADER = "Surrogate-Control"
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}
# The shape of a stored entry; a change of it starts new keys.
ENTRY_FORMAT = 1


def page_cache_settings():
    defaults = {"ENABLED": True, "ALIAS": "pages", "SECONDS": 3600, "MAX_BYTES": 2_000_000}
    return {**defaults, **getattr(settings, "PAGE_CACHE", {})}


def personal_cookie_names():
    """Cookies that make a response personal: the request bypasses the caches."""
    return {settings.SESSION_COOKIE_NAME, "messages"}


class PageCache:
    """What the page cache decides, shared by the middleware (which stores
    and answers) and the WSGI fast path (caching.wsgi, which answers hits
    before Django's request handling)."""

    def __init__(self):
        options = page_cache_settings()
        self.enabled = options["ENABLED"]
        self.seconds = options["SECONDS"]
        self.max_bytes = options["MAX_BYTES"]
        self.cache = caches[options["ALIAS"]]
        self.cookies = personal_cookie_names()
        self._excluded = None

    # ---- which requests ---------------------------------------------------

    def is_candidate(self, request):
        if request.method not in ("GET", "HEAD"):
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        if any(name in request.COOKIES for name in self.cookies):
            return False
        path = request.path_info.lstrip("/")
        return not any(pattern.match(path) for pattern in self.excluded())

    def excluded(self):
        """The URL patterns outside i18n_patterns (the admin, the JSON APIs,
        documents), static files and media: only the public site's
        language-prefixed URLs are cached. Compiled one by one: two patterns
        may name the same group (DEBUG's static and media views both take
        `path`), which one combined expression cannot."""
        if self._excluded is None:
            patterns = [
                pattern.pattern.regex.pattern
                for pattern in get_resolver().url_patterns
                if not isinstance(pattern.pattern, LocalePrefixPattern)
            ]
            for prefix in (settings.STATIC_URL, settings.MEDIA_URL):
                if prefix and prefix.startswith("/"):
                    patterns.append("^" + re.escape(prefix.lstrip("/")))
            self._excluded = [re.compile(pattern) for pattern in patterns]
        return self._excluded

    def key(self, request, host, state):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        raw = "\n".join([state.key, request.scheme, host, language, request.get_full_path()])
        return f"page:{ENTRY_FORMAT}:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()

    # ---- which responses --------------------------------------------------

    def lifetime(self, response, state):
        """Seconds the response may be kept, or None if it must not be."""
        if response.status_code != 200 or response.streaming or response.cookies or response.has_header("Set-Cookie"):
            return None
        limit = min(self.seconds, state.seconds_left())
        control = response.get("Cache-Control")
        if control:
            directives = {}
            for part in cc_delim_re.split(control.lower()):
                name, _, value = part.partition("=")
                directives[name.strip()] = value.strip()
            if UNCACHEABLE_DIRECTIVES & directives.keys():
                return None
            for name in ("s-maxage", "max-age"):
                if name in directives:
                    try:
                        limit = min(limit, int(directives[name]))
                    except ValueError:
                        return None
                    break
        if response.has_header("Vary"):
            vary = [v for v in cc_delim_re.split(response["Vary"]) if v and v.lower() != "accept-language"]
            if vary:
                return None
        if len(response.content) > self.max_bytes:
            return None
        return limit if limit >= 1 else None

    def lookup(self, key):
        """The stored entry, if any and still valid."""
        try:
            entry = self.cache.get(key)
        except Exception:
            logger.exception("Page cache unavailable")
            return None
        if isinstance(entry, tuple) and len(entry) == 6 and time.time() < entry[4]:
            return entry
        return None

    def headers(self, state, status, expires):
        """The headers of every cacheable response: browsers revalidate
        every time (ETag, Last-Modified), Varnish keeps it as long as this
        entry at most (never past the next scheduled change), named by its
        generation."""
        headers = [("Cache-Control", "max-age=0, must-revalidate")]
        last_modified = self.last_modified(state)
        if last_modified is not None:
            headers.append(("Last-Modified", http_date(last_modified)))
        headers += [
            (SURROGATE_HEADER, f"max-age={max(0, int(expires - time.time()))}"),
            (GENERATION_HEADER, str(state.number)),
            (STATUS_HEADER, status),
        ]
        return headers

    @staticmethod
    def last_modified(state):
        """When the generation began, in whole seconds, once that second is
        over: a client holding a copy dated so is never told a later
        generation's content is not modified (its second is later)."""
        return state.modified if state.modified + 1 <= time.time() else None


class PageCacheMiddleware(PageCache):
    """Place first: a hit is answered before anything else runs, and what
    is stored has passed every other middleware (security headers, cookies,
    Vary). A plain-HTTP request never finds an entry (the scheme is in the
    key, and SecurityMiddleware redirects it, which is never stored)."""

    def __init__(self, get_response):
        super().__init__()
        self.get_response = get_response

    def __call__(self, request):
        with generation.request_scope() as state:
            try:
                host = request.get_host()
            except DisallowedHost:
                return self.get_response(request)  # Django answers 400
            if not (self.enabled and self.is_candidate(request)):
                request._wagtail_site = site_for_request(request)
                return self.get_response(request)
            key = self.key(request, host, state)
            entry = self.lookup(key)
            if entry is not None:
                return self.hit(request, entry, state)
            request._wagtail_site = site_for_request(request)
            response = self.get_response(request)
            lifetime = self.lifetime(response, state)
            if lifetime is None:
                response[STATUS_HEADER] = "skip"
                return response
            return self.store(request, response, key, lifetime, state)

    # ---- storing and answering ---------------------------------------------

    def store(self, request, response, key, lifetime, state):
        # The language is in the URL (i18n_patterns): Accept-Language does not
        # change these responses, whatever LocaleMiddleware says.
        if response.has_header("Vary"):
            del response.headers["Vary"]
        etag = f'"{hashlib.sha1(response.content).hexdigest()}"'
        response["ETag"] = etag
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in {"date", STATUS_HEADER.lower()}
        ]
        expires = time.time() + lifetime
        entry = (response.status_code, headers, response.content, etag, expires, hits.actions(response))
        try:
            self.cache.set(key, entry, lifetime)
        except Exception:
            logger.exception("Page not stored in the cache")
        self.finish(response, state, "miss", expires)
        return self.conditional(request, response, etag, state)

    def hit(self, request, entry, state):
        status, headers, content, etag, expires, actions = entry
        hits.run(actions)
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        self.finish(response, state, "hit", expires)
        return self.conditional(request, response, etag, state)

    def conditional(self, request, response, etag, state):
        """304 Not Modified when the client's copy is this one."""
        conditional = get_conditional_response(request, etag, self.last_modified(state), response)
        if conditional is not response:
            for name in (SURROGATE_HEADER, GENERATION_HEADER, STATUS_HEADER):
                if name in response:
                    conditional[name] = response[name]
        return conditional

    def finish(self, response, state, status, expires):
        response.headers.pop("Cache-Control", None)
        response.headers.pop("Last-Modified", None)
        for name, value in self.headers(state, status, expires):
            response[name] = value


class AnonymousRequestMiddleware:
    """Place right after AuthenticationMiddleware. A request without a
    session cookie has nobody logged in: say so without opening the
    session, so that pages which only ask "is anyone logged in?" (the
    Wagtail user bar) do not vary by cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request.user = AnonymousUser()
        return self.get_response(request)
