"""Test views of the kinds the page cache must tell apart, on the public
site's language-prefixed URLs, in front of the site's own URLs."""

import itertools

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import path
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.vary import vary_on_cookie

from edusite.urls import urlpatterns as site_urlpatterns

_renders = itertools.count(1)


def counted(request):
    """Says how many times it was rendered: a cached answer repeats the number."""
    return HttpResponse(f"render {next(_renders)}")


def sets_a_cookie(request):
    response = counted(request)
    response.set_cookie("preference", "1")
    return response


def uses_the_session(request):
    request.session["seen"] = True
    return counted(request)


@never_cache
def never_cached(request):
    """Like the on-request application form (/yishenqing/), which marks itself never_cache."""
    return counted(request)


@cache_control(private=True)
def private(request):
    return counted(request)


@cache_control(no_store=True)
def no_store(request):
    return counted(request)


@vary_on_cookie
def varies_on_cookie(request):
    return counted(request)


def form_with_csrf_token(request):
    return HttpResponse(Template("<form method='post'>{% csrf_token %}</form>").render(RequestContext(request)))


@cache_control(max_age=60)
def one_minute(request):
    return counted(request)


def marked_cacheable_but_sets_a_cookie(request):
    """A view that wrongly marks a response storable although it sets a
    cookie: Varnish must still never store it (deploy/varnish/edusite.vcl)."""
    from core.generation import current

    response = sets_a_cookie(request)
    response["Surrogate-Control"] = "max-age=60"
    response["X-Content-Generation"] = str(current().number)
    return response


def server_error(request):
    return HttpResponse(f"render {next(_renders)}", status=500)


urlpatterns = (
    i18n_patterns(
        path("cache-test/counted/", counted),
        path("cache-test/cookie/", sets_a_cookie),
        path("cache-test/session/", uses_the_session),
        path("cache-test/never-cache/", never_cached),
        path("cache-test/private/", private),
        path("cache-test/no-store/", no_store),
        path("cache-test/vary-cookie/", varies_on_cookie),
        path("cache-test/csrf/", form_with_csrf_token),
        path("cache-test/one-minute/", one_minute),
        path("cache-test/error/", server_error),
        path("cache-test/surrogate-cookie/", marked_cacheable_but_sets_a_cookie),
        prefix_default_language=False,
    )
    + site_urlpatterns
)
