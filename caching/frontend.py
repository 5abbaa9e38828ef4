"""Telling Varnish (or any HTTP cache that speaks PURGE) of every change,
through Wagtail's frontend cache (`WAGTAILFRONTENDCACHE`, set from
VARNISH_URL).

The cache in front stores each response with the content generation it
was rendered for (`X-Content-Generation`). After every committed change,
each configured backend is sent one PURGE carrying the new generation; the
VCL (deploy/varnish/edusite.vcl) remembers the newest generation it was
told, bans every object of an older one, never serves one, and refuses to
store a late response of an older one. One ban per change is complete by
construction: nothing rendered before the change survives it, whatever
page, listing, search or finder result it was."""

import logging
import time
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Site

from core.generation import current

logger = logging.getLogger(__name__)

GENERATION_HEADER = "X-Content-Generation"


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend, with the content generation in every PURGE
    (the VCL turns it into a ban of everything older), a timeout and a few
    retries: an editor's publication never hangs on the cache."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = params.pop("TIMEOUT", 5)
        self.attempts = params.pop("ATTEMPTS", 3)
        super().__init__(params)

    def purge(self, url, reset=False):

        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parsed.path or "/", parsed.query, ""]),
            headers={
                "Host": host,
                "User-Agent": "Wagtail-frontendcache/" + __version__,
                GENERATION_HEADER: str(current().number),
                **({"X-Content-Generation-Reset": "yes"} if reset else {}),
            },
        )
        for attempt in range(1, self.attempts + 1):
            try:
                with urlopen(request, timeout=self.timeout):
                    return True
            except HTTPError as error:
                logger.error("Varnish refused the purge of %s: %d %s", url, error.code, error.reason)
                return False
            except (URLError, OSError) as error:
                if attempt == self.attempts:
                    logger.error("Varnish could not be told of a change (%s): %s", url, error)
                    return False
                time.sleep(0.1 * attempt)
        return False


def site_urls():

    return sorted({site.root_url.rstrip("/") + "/" for site in Site.objects.all()})


def purge_after_change(state=None):
    """After a committed change: one PURGE per site through every configured
    frontend cache backend (synchronously, not queued: the next visitor must
    see the change). Returns the URLs purged."""

    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return []
    urls = site_urls()
    purge_urls_from_cache_task.call(urls)
    return urls
