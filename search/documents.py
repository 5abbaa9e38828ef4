"""Keeping `SearchDocument`s in step with the page tree.

A page has a search document while it is live, public (no view
restriction on it or above it) and of a type listed in the public search
(a model can opt out with `in_public_search = False`). Its text comes from
the page type's own `search_fields`: the title and the document number
weigh most, fields with a boost of 2 or more next, everything else last.

Publishing never fails because of search: the signal handlers log what
went wrong and `manage.py update_index` rebuilds every document."""

import logging
import re
from html import unescape as unescape_entities

from django.db import transaction
from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.html import strip_tags
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import RelatedFields, SearchField, remove_object
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import deferral
from disclosure.models import CatalogueItemPage, CategoryPage

from .models import VALIDITY_RANKS, IndexVersion, SearchDocument

logger = logging.getLogger(__name__)

HEADING_FIELDS = {"title", "document_number"}
_BLANK_LINES_RE = re.compile(r"\n\s*\n+")


def in_public_search(page):
    return getattr(page.specific_class, "in_public_search", True) and page.depth > 2


def _plain(value):
    """Text of a search field value: strings, lists of strings, rich text."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _plain(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _plain(item)]
    text = str(value)
    if "<" in text and ">" in text:
        text = strip_tags(text)
    text = unescape_entities(text).strip()
    return [text] if text else []


def _original_value(field, obj):
    getter = getattr(field, "get_original_value", field.get_value)
    return getter(obj)


def _texts(obj, fields, tiers, top_level=True):
    for field in fields:
        if isinstance(field, RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            objects = related.all() if hasattr(related, "all") else [related]
            for sub_obj in objects:
                _texts(sub_obj, field.fields, tiers, top_level=False)
        elif isinstance(field, SearchField):
            if top_level and field.field_name in HEADING_FIELDS:
                tier = "title"
            elif (field.boost or 0) >= 2:
                tier = "summary"
            else:
                tier = "body"
            for text in _plain(_original_value(field, obj)):
                if text not in tiers[tier]:
                    tiers[tier].append(text)


class CataloguePlaces:
    """Categories and items by path, read once, to file pages under them."""

    def __init__(self):

        self.categories = dict(CategoryPage.objects.values_list("path", "pk"))
        self.items = {
            path: (pk, office) for path, pk, office in CatalogueItemPage.objects.values_list("path", "pk", "office_id")
        }

    def place(self, path):
        step = Page.steplen
        category = item = office = None
        for end in range(step, len(path) + 1, step):
            prefix = path[:end]
            if prefix in self.categories:
                category = self.categories[prefix]
            if prefix in self.items:
                item, office = self.items[prefix]
        return category, item, office


def build_document(page, catalogue):
    """The search document of a specific page (unsaved)."""
    tiers = {"title": [], "summary": [], "body": []}
    _texts(page, page.get_search_fields(), tiers)
    category, item, item_office = catalogue.place(page.path)
    published = page.first_published_at
    # The validity as of now, as the page shows it (an expired notice is 失效).
    validity = getattr(page, "current_validity", "") or ""
    office = getattr(page, "issuing_office_id", None) or getattr(page, "office_id", None) or item_office
    title = tiers["title"]
    return SearchDocument(
        page_id=page.pk,
        title=" ".join(title)[:600],
        summary=_BLANK_LINES_RE.sub("\n", "\n".join(tiers["summary"])),
        body=_BLANK_LINES_RE.sub("\n", "\n".join(tiers["body"])),
        kind=page.specific_class._meta.model_name,
        category_id=category if category != page.pk else None,
        item_id=item,
        office_id=office,
        issuer=(getattr(page, "issuer_display", "") or "")[:200],
        validity=validity,
        validity_rank=VALIDITY_RANKS.get(validity, 0),
        published=published,
        year=timezone.localtime(published).year if published else None,
        expire_at=page.expire_at,
        valid_until=getattr(page, "validity_ends_at", None),
    )


def _eligible(pages):
    return pages.live().public().filter(depth__gt=2)


UPSERT_FIELDS = [
    "title",
    "summary",
    "body",
    "kind",
    "category",
    "item",
    "office",
    "issuer",
    "validity",
    "validity_rank",
    "published",
    "year",
    "expire_at",
    "valid_until",
]
CHUNK = 500


def index_documents(documents):
    """Put documents into every auto-updated search backend. A backend that
    runs outside the database (Elasticsearch) may fail: that is logged and
    `update_index` catches up; a database backend's failure is raised."""
    if not documents:
        return
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(SearchDocument, documents)
        except Exception:
            logger.exception("Search backend %r did not index %d documents.", name, len(documents))
            if not backend.catch_indexing_errors:
                raise


def unindex_document(sender, instance, **kwargs):
    remove_object(instance)


def sync_pages(pages, catalogue=None, index=True):
    """Create, update or delete the search documents of `pages` (a Page
    queryset) to match what is published now, and (with `index`) put them
    into the search backends. Returns how many there are."""
    catalogue = catalogue or CataloguePlaces()
    kept = set()
    chunk = []

    def flush():
        SearchDocument.objects.bulk_create(
            chunk, update_conflicts=True, unique_fields=["page"], update_fields=UPSERT_FIELDS
        )
        if index:
            index_documents(chunk)
        chunk.clear()

    for page in _eligible(pages).specific().iterator(chunk_size=CHUNK):
        if not in_public_search(page):
            continue
        chunk.append(build_document(page, catalogue))
        kept.add(page.pk)
        if len(chunk) >= CHUNK:
            flush()
    if chunk:
        flush()
    for document in SearchDocument.objects.filter(page__in=pages.values("pk")).exclude(page_id__in=kept):
        document.delete()  # post_delete removes it from the backends
    IndexVersion.bump()
    return len(kept)


def sync_page(page):
    return sync_pages(Page.objects.filter(pk=page.pk))


def sync_subtree(page):
    return sync_pages(Page.objects.descendant_of(page, inclusive=True))


def rebuild(index=True):
    """Every search document from the pages; documents of pages that are no
    longer public are removed. Returns the number of documents."""
    return sync_pages(Page.objects.all(), index=index)


def refresh_lapsed(now=None):
    """Rebuild the documents of pages whose validity has ended since they
    were indexed (a safety notice past its end is 失效 in search too). One
    indexed query when nothing lapsed; `update_index` does the same."""
    now = now or timezone.now()
    lapsed = list(SearchDocument.objects.filter(valid_until__lte=now).values_list("page_id", flat=True)[:CHUNK])
    if lapsed:
        sync_pages(Page.objects.filter(pk__in=lapsed))
    return len(lapsed)


def lapse_moments(now):
    """The next moment a search document's validity ends (a content
    generation schedule: search results change then)."""

    return [SearchDocument.objects.filter(valid_until__gt=now).aggregate(first=Min("valid_until"))["first"]]


def _safely(action, page):
    try:
        with transaction.atomic():
            action(page)
    except Exception:
        logger.exception(
            "The search document of page %s was not updated; `manage.py update_index` will catch up.",
            getattr(page, "pk", page),
        )


# ---- signal handlers --------------------------------------------------------


def on_page_published(sender, instance, **kwargs):
    # Many pages published at once (an import): their documents are synced together at the end.
    if not deferral.defer("search.sync_pages", instance.pk, _sync_published):
        _safely(sync_page, instance)


def _sync_published(page_ids):
    _safely(lambda ids: sync_pages(Page.objects.filter(pk__in=ids)), page_ids)


def on_page_unpublished(sender, instance, **kwargs):
    _safely(sync_subtree, instance)


def on_page_moved(sender, instance, **kwargs):
    _safely(sync_subtree, instance)


def on_view_restriction_changed(sender, instance, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:
        return
    _safely(sync_subtree, page)


def connect():

    page_published.connect(on_page_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search.page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search.page_moved")
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_saved")
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_deleted"
    )
    post_delete.connect(unindex_document, sender=SearchDocument, dispatch_uid="search.unindex_document")
