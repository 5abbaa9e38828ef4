"""Queries behind the public listings: each is one or a fixed handful of
SQL queries, however many disclosures there are."""

from django.db.models import Count, F, IntegerField, Min, Q
from django.db.models.functions import Coalesce, ExtractYear, Substr
from wagtail.models import Page, get_page_models

from core import pages

from .models import CatalogueItemPage, CategoryPage, DisclosurePage, SafetyNoticePage


def disclosure_models():
    return [model for model in get_page_models() if issubclass(model, DisclosurePage) and not model._meta.abstract]


def published(queryset):
    """Live, public and not past its expiry date: an expired page leaves the
    listings at once, before `publish_scheduled` unpublishes it."""
    return pages.published(queryset)


# What a listing shows of each disclosure (disclosure_listing.html).
LISTING_FIELDS = ("title", "path", "depth", "url_path", "first_published_at", "content_type")
LISTING_TYPE_FIELDS = ("document_number", "validity", "alert_level", "valid_until")


def for_listing(queryset):
    """`queryset` (of Page) with what a listing shows of each type joined in
    one query, however many disclosure types there are. Turn the pages it
    gives into their specific types with `specific_pages`."""
    models = disclosure_models()
    only = list(LISTING_FIELDS)
    for model in models:
        names = {field.name for field in model._meta.get_fields()}
        only += [f"{model._meta.model_name}__{name}" for name in LISTING_TYPE_FIELDS if name in names]
    return queryset.select_related(*[model._meta.model_name for model in models]).only(*only)


def specific_pages(pages):
    """The specific page of each page read through `for_listing`. A type
    without one of the listed fields shows it empty (the template asks
    every page for its alert level)."""
    names = [model._meta.model_name for model in disclosure_models()]
    result = []
    for page in pages:
        for name in names:
            child = getattr(page, name, None) if name in page._state.fields_cache else None
            if child is not None:
                page = child
                break
        for field in LISTING_TYPE_FIELDS:
            if not hasattr(type(page), field):
                setattr(page, field, None)
        result.append(page)
    return result


def latest_disclosures(root, limit=8):
    pages = published(Page.objects.type(*disclosure_models()).descendant_of(root))
    return specific_pages(for_listing(pages.order_by("-first_published_at", "-pk"))[:limit])


def current_safety_notices(root, limit=5):
    severity = ["red", "orange", "yellow", "blue"]
    notices = list(published(SafetyNoticePage.objects.descendant_of(root)).current().order_by("-valid_from")[:limit])
    return sorted(notices, key=lambda notice: severity.index(notice.alert_level))


def counts_by_item(parent, item_depth=None):
    """{item path: number of published disclosures filed directly under it},
    for the items under `parent` (a category, or the whole catalogue with
    `item_depth`), in one query."""
    steplen = Page.steplen
    item_depth = item_depth or parent.depth + 1
    item_path_length = item_depth * steplen
    rows = (
        published(Page.objects.descendant_of(parent))
        .filter(depth=item_depth + 1)
        .annotate(item_path=Substr("path", 1, item_path_length))
        .values("item_path")
        .annotate(total=Count("id"))
        .order_by()
    )
    return {row["item_path"]: row["total"] for row in rows}


def document_year():
    """An expression for the year a disclosure is of, on a Page queryset: the
    page type's own year where it has one (`document_year_field`: the
    enrolment year of a zone, the fiscal year of a budget), else the year of
    its 发布日期 (first publication, in the site's time zone)."""
    years = [
        F(f"{model._meta.model_name}__{model.document_year_field}")
        for model in disclosure_models()
        if getattr(model, "document_year_field", None)
    ]
    return Coalesce(*years, ExtractYear("first_published_at"), output_field=IntegerField())


def by_document_year(pages):
    """`pages` (Page objects) annotated with `document_year`, newest first."""
    return pages.annotate(document_year=document_year()).order_by("-document_year", "-first_published_at", "-pk")


def english_titles(ids):
    """{page id: English title} of the catalogue's pages among `ids` that have one (two queries)."""
    titles = {}
    for model in (CategoryPage, CatalogueItemPage):
        titles.update(model.objects.filter(pk__in=ids).exclude(title_en="").values_list("pk", "title_en"))
    return titles


def safety_notice_moments(now):
    """When a live safety notice comes into force or expires: the home page
    and the notice's own page change then (a content generation schedule)."""
    moments = SafetyNoticePage.objects.filter(live=True).aggregate(
        start=Min("valid_from", filter=Q(valid_from__gt=now)), end=Min("valid_until", filter=Q(valid_until__gt=now))
    )
    return [moments["start"], moments["end"]]
