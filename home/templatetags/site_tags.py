"""Site-wide navigation: primary navigation, breadcrumbs, language switch.
What every page repeats is read once per content generation
(core.generation.cached), so a page adds no query for it."""

import copy

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, to_locale
from wagtail.models import Page, Site, get_page_models

from core import generation
from core.pages import published
from disclosure.models import CategoryPage
from home.models import GuidePage, HomePage

register = template.Library()


def _menu_pages(site):
    """The site's top-level pages and the catalogue's categories, in tree
    order: [(page, is_section)], for the generation."""

    def compute():
        root = site.root_page
        category_type = ContentType.objects.get_for_model(CategoryPage).id
        pages = (
            published(Page.objects.in_menu().descendant_of(root))
            .filter(depth__in=[root.depth + 1, root.depth + 2])
            .order_by("path")
            .only("title", "path", "url_path", "depth", "content_type_id")
        )
        return [
            (page, page.depth == root.depth + 1)
            for page in pages
            if page.depth == root.depth + 1 or page.content_type_id == category_type
        ]

    return generation.cached(f"menu:{site.pk}", compute)


@register.simple_tag(takes_context=True)
def primary_nav(context):
    """The site's top-level pages (catalogue, guide) and the catalogue's
    categories, in tree order. Rendered once per content generation,
    language and current entry (a handful of variants)."""

    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request)
    menu = _menu_pages(site) if site is not None else []
    current_path = getattr(page, "path", "") or ""
    current = [
        (index, menu_page.pk == getattr(page, "pk", None))
        for index, (menu_page, _section) in enumerate(menu)
        if current_path and current_path.startswith(menu_page.path)
    ]
    # The catchment finder is a view, not a page: current on its own URLs.
    match = getattr(request, "resolver_match", None)
    finder_current = ""
    if match is not None and match.namespace == "catchment":
        finder_current = "page" if match.url_name == "finder" else "true"

    def render():
        sections, categories = [], []
        for index, (menu_page, is_section) in enumerate(menu):
            menu_page = copy.copy(menu_page)
            flags = dict(current)
            menu_page.is_current = index in flags
            menu_page.is_page = flags.get(index, False)
            (sections if is_section else categories).append(menu_page)
        attach_english_titles(sections + categories, request)
        return render_to_string(
            "includes/primary_nav.html",
            {"request": request, "sections": sections, "categories": categories, "finder_current": finder_current},
        )

    if site is None or getattr(request, "is_preview", False):
        return render()
    return generation.cached(f"primary-nav:{site.pk}:{get_language()}:{current}:{finder_current}", render)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if page is not None and getattr(page, "depth", 0) > 2:

        def compute():
            ancestors = list(
                page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth", "content_type_id")
            )
            attach_english_titles(ancestors, context.get("request"))
            return ancestors

        ancestors = generation.cached(f"ancestors:{page.path}:{get_language()}", compute) if page.path else compute()
    return {"request": context.get("request"), "ancestors": ancestors, "page": page}


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    request = context.get("request")
    current = get_language()
    path = request.get_full_path() if request else "/"
    languages = [
        {
            "code": code,
            "bcp47": html_lang(code),
            "name": name,
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    return {"languages": languages}


@register.simple_tag
def html_lang(code=None):
    """BCP 47 form of a Django language code: zh-hans → zh-Hans."""

    return to_locale(code or get_language()).replace("_", "-")


@register.simple_tag(takes_context=True)
def guide_page(context):
    """The site's disclosure guide (公开指南), or None."""

    request = context.get("request")
    if request is not None and hasattr(request, "_edusite_guide"):
        return request._edusite_guide
    site = Site.find_for_request(request)
    guide = None
    if site is not None:
        guide = generation.cached(
            f"guide:{site.pk}",
            lambda: published(GuidePage.objects.descendant_of(site.root_page)).first(),
            keep_none=False,
        )
    if request is not None:
        request._edusite_guide = guide
    return guide


@register.simple_tag
def content_lang():
    """` lang="zh-Hans"` on elements showing editors' content (always
    Chinese) while the interface is in another language (WCAG 3.1.2)."""

    content_language = settings.LANGUAGE_CODE
    if get_language() == content_language:
        return ""
    return mark_safe(f' lang="{html_lang(content_language)}"')


LIST_SEPARATORS = {"zh-hans": "、"}


def list_separator():
    """The separator of an enumeration in the interface language: 、 in Chinese, a comma in English."""
    return LIST_SEPARATORS.get((get_language() or "").lower(), ", ")


@register.filter
def join_list(values):
    """Join a list of names with the interface language's separator (甲、乙 / A, B)."""

    return mark_safe(list_separator().join(conditional_escape(value) for value in values))


@register.simple_tag
def content(text):
    """The text, marked lang="zh-Hans" when the interface is in another
    language, safe to put into a {% blocktrans %} sentence."""

    lang = content_lang()
    if lang:
        return format_html("<span{}>{}</span>", lang, text)
    return format_html("{}", text)


def english_interface():
    """Whether the interface is in a language other than the content's (Chinese)."""
    return (get_language() or "").lower() != settings.LANGUAGE_CODE.lower()


def english_title_models():
    """The page types that have an English title (`title_en`)."""

    return [model for model in get_page_models() if any(f.name == "title_en" for f in model._meta.local_fields)]


def english_title_map(request=None):
    """{page id: English title} of every page that has one (the catalogue's
    categories and items, the catalogue, the guide): one query per request,
    only in English."""

    if request is not None and hasattr(request, "_edusite_english_titles"):
        return request._edusite_english_titles

    def compute():
        models = english_title_models()
        names = [model._meta.model_name for model in models]
        if not names:
            return {}
        rows = (
            Page.objects.filter(Q(content_type__in=[ContentType.objects.get_for_model(m) for m in models]))
            .annotate(english=Coalesce(*[F(f"{name}__title_en") for name in names], output_field=models_char_field()))
            .exclude(english="")
            .values_list("pk", "english")
        )
        return dict(rows)

    # Read once per content generation (a title changes with it).
    titles = generation.cached("english-titles", compute)
    if request is not None:
        request._edusite_english_titles = titles
    return titles


def models_char_field():

    return CharField()


def attach_english_titles(pages, request=None):
    """Give plain Page objects their English title (`title_en`), for
    navigation and breadcrumbs in English: one query per request (see
    english_title_map), none in Chinese. The home page is 'Home'."""

    if not english_interface() or not pages:
        return
    titles = english_title_map(request)
    home_type = ContentType.objects.get_for_model(HomePage).id
    for page in pages:
        page.title_en = gettext("Home") if page.content_type_id == home_type else titles.get(page.pk, "")


def _value(obj, name):
    value = obj.get(name, "") if isinstance(obj, dict) else getattr(obj, name, "")
    return value() if callable(value) else value


@register.simple_tag
def localized(obj, name):
    """obj.<name> in the interface language: obj.<name>_en on the English
    site when it is filled in (the catalogue's standard English terms), else
    the Chinese — marked lang="zh-Hans" there."""

    value = _value(obj, name) or ""
    if english_interface():
        english = _value(obj, f"{name}_en")
        if english:
            return conditional_escape(english)
        return content(value) if value else ""
    return conditional_escape(value)


register.simple_tag(lambda: list_separator(), name="list_separator")
register.simple_tag(lambda: english_interface(), name="english_interface")


@register.simple_tag
def page_title_text(page):
    """A page's title as plain text for <title>: its English title on the
    English site when it has one, else its SEO title or title."""
    if page is None:
        return ""
    if english_interface() and getattr(page, "title_en", ""):
        return page.title_en
    return getattr(page, "seo_title", "") or page.title
