"""Serving pages at a fixed, small cost: what is public, which site a
request is for, and finding a page from its URL in one query.

Everything here is exact: what is cached is cached for the content
generation (core.generation), which every change moves on."""

import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.url_routing import RouteResult

from . import generation


def restricted_sections():
    """(path, depth) of every page with a view restriction (private
    sections: the page and everything below it)."""
    return generation.cached(
        "restricted-sections",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()),
    )


def public(queryset):
    """`queryset.public()` without its query: pages outside every private section."""
    sections = restricted_sections()
    if not sections:
        return queryset
    private = Q()
    for path, depth in sections:
        private |= Q(path__startswith=path, depth__gte=depth)
    return queryset.exclude(private)


def published(queryset, now=None):
    """Live, public and not past its expiry date: an expired page leaves
    every listing at that moment, before `publish_scheduled` unpublishes it."""
    now = now or timezone.now()
    return public(queryset.live()).filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))


def is_expired(page, now=None):
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


class BasePage(Page):
    """The base of every page type of the site: view restrictions read from
    the generation's list of private sections (no query while the site has
    none), and, for the site's root page, routing by URL path in one query."""

    # Relations the page's template always shows, loaded with the page.
    serve_select_related = ()
    # Templates name the page class ({{ page.specific_class.get_verbose_name }}):
    # not a call that builds an empty page each time.
    do_not_call_in_templates = True

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        if not restricted_sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_url_parts(self, request=None):
        """Wagtail's, with the URL of the page's path reversed once per
        process (reversing percent-encodes every character of a Chinese
        slug: a listing of twenty pages spent more on that than on its query)."""
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return super().get_url_parts(request)
        possible_sites = self._get_relevant_site_root_paths(request)
        if not possible_sites:
            return None
        site_id, root_path, root_url, _language = possible_sites[0]
        if len({values[0] for values in possible_sites}) > 1 and isinstance(request, HttpRequest):
            site = Site.find_for_request(request)
            for values in possible_sites:
                if site and values[0] == site.pk:
                    site_id, root_path, root_url, _language = values
                    break
        try:
            page_path = _serve_path(self.url_path[len(root_path) :], get_language(), get_urlconf(), get_script_prefix())
        except NoReverseMatch:
            return (site_id, None, None)
        if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and page_path != "/":
            page_path = page_path.rstrip("/")
        return (site_id, root_url, page_path)

    def route(self, request, path_components):
        """Wagtail walks the tree, one child per URL segment (two queries
        each); with default routing everywhere, the page whose URL path this
        is gives the same answer in one query."""
        if not path_components or not _default_routing():
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        found = generation.cached(f"route:{url_path}", lambda: _page_at(url_path), keep_none=False)
        if found is None or not found[2]:
            raise Http404
        page_id, content_type_id, _live = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            return super().route(request, path_components)
        # The page itself, as it is in this content generation: building the
        # query of a page type's joined tables cost more than rendering it.
        # Every reader gets its own copy (the cache stores it pickled).
        page = generation.cached(f"served-page:{page_id}", lambda: _serving_instance(model, page_id), keep_none=False)
        if page is None:
            raise Http404
        return RouteResult(page)


def _serving_instance(model, page_id):
    related = getattr(model, "serve_select_related", ())
    return model._default_manager.select_related(*related).filter(pk=page_id).first()


def _page_at(url_path):
    return Page.objects.filter(url_path=url_path).values_list("pk", "content_type_id", "live").first()


@functools.lru_cache(maxsize=20_000)
def _serve_path(path, language, urlconf, script_prefix):
    """reverse("wagtail_serve") of a page path: a pure function of its arguments."""
    return reverse("wagtail_serve", args=(path,), urlconf=urlconf)


@functools.cache
def _default_routing():
    """True when no page type routes on its own (no RoutablePageMixin…)."""
    return all(model.route in (Page.route, BasePage.route) for model in get_page_models())


def site_for_request(request):
    """The request's Site, with its root page, cached for the generation
    (Wagtail reads it again for every request otherwise)."""

    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def find():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    return generation.cached(f"site:{hostname}:{port}", find)
