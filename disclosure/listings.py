"""Queries behind the public listings: each is one or a fixed handful of
SQL queries, however many disclosures there are."""
from django.db.models import Count, Min, Q
from django.db.models.functions import Substr
from wagtail.models import Page, get_page_models

from core import pages


def disclosure_models():
    from .models import DisclosurePage

    return [model for model in get_page_models() if issubclass(model, DisclosurePage) and not model._meta.abstract]


def published(queryset):
    """Live, public and not past its expiry date: an expired page leaves the
    listings at once, before `publish_scheduled` unpublishes it."""
    return pages.published(queryset)


def latest_disclosures(root, limit=8):
    pages = published(Page.objects.type(*disclosure_models()).descendant_of(root))
    return pages.order_by("-first_published_at", "-pk").specific()[:limit]


def current_safety_notices(root, limit=5):
    from .models import SafetyNoticePage

    severity = ["red", "orange", "yellow", "blue"]
    notices = list(published(SafetyNoticePage.objects.descendant_of(root)).current().order_by("-valid_from")[:limit])
    return sorted(notices, key=lambda notice: severity.index(notice.alert_level))


def counts_by_item(category):
    """{item path: number of published disclosures filed directly under it}."""
    steplen = Page.steplen
    item_path_length = (category.depth + 1) * steplen
    rows = (
        published(Page.objects.descendant_of(category))
        .filter(depth=category.depth + 2)
        .annotate(item_path=Substr("path", 1, item_path_length))
        .values("item_path")
        .annotate(total=Count("id"))
        .order_by()
    )
    return {row["item_path"]: row["total"] for row in rows}


def safety_notice_moments(now):
    """When a live safety notice comes into force or expires: the home page
    and the notice's own page change then (a content generation schedule)."""
    from .models import SafetyNoticePage

    moments = SafetyNoticePage.objects.filter(live=True).aggregate(
        start=Min("valid_from", filter=Q(valid_from__gt=now)), end=Min("valid_until", filter=Q(valid_until__gt=now))
    )
    return [moments["start"], moments["end"]]
