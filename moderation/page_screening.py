"""Screen a whole page before publication: its title and text fields, every
StreamField, inline rows (such as zone rules) and the text of its attached
documents."""
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents.models import AbstractDocument
from wagtail.fields import StreamField
from wagtail.models import Page

from .extraction import UnreadableAttachment, extract_parts
from .screening import Finding, screen_text

# Fields Wagtail and this project fill in themselves: never personal data.
SKIP_FIELDS = {"slug", "url_path", "path", "draft_title", "index_number", "source_id", "catalogue_key",
               "source_fingerprint", "seo_title", "search_description", "translation_key", "content_type"}


def text_parts(page):
    """(location, text) of everything a page shows, attachments excluded."""
    parts = []
    for field in page._meta.concrete_fields:
        if field.name in SKIP_FIELDS or field.name.endswith("_ptr"):
            continue
        label = capfirst(str(field.verbose_name))
        value = getattr(page, field.attname, None)
        if isinstance(field, StreamField):
            for text in field.stream_block.get_searchable_content(value):
                parts.append((label, strip_tags(str(text))))
        elif isinstance(field, (models.CharField, models.TextField)) and value:
            parts.append((label, strip_tags(str(value))))
    for relation in _child_relations(page):
        for number, child in enumerate(getattr(page, relation.get_accessor_name()).all(), start=1):
            for field in child._meta.concrete_fields:
                if isinstance(field, (models.CharField, models.TextField)):
                    value = getattr(child, field.attname)
                    if value:
                        label = _("%(relation)s, row %(row)s") % {
                            "relation": capfirst(str(child._meta.verbose_name)),
                            "row": number,
                        }
                        parts.append((label, str(value)))
    return parts


def _child_relations(page):
    from modelcluster.fields import ParentalKey

    return [
        relation
        for relation in page._meta.related_objects
        if isinstance(relation.field, ParentalKey) and issubclass(relation.related_model, models.Model)
    ]


def attached_documents(page):
    documents = {}
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            for document in _documents_in(getattr(page, field.attname)):
                documents[document.pk] = document
    return list(documents.values())


def _documents_in(value):
    if isinstance(value, AbstractDocument):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _documents_in(child.value)
    elif isinstance(value, (StructValue, dict)):
        for child in value.values():
            yield from _documents_in(child)
    elif isinstance(value, (ListValue, list, tuple)):
        for child in value:
            yield from _documents_in(child)


def screen_page(page):
    """(findings, problems): personal data found, with where; and
    attachments that could not be read (which must block publication too)."""
    page = page.specific if type(page) is Page else page
    findings, problems = [], []
    for location, text in text_parts(page):
        findings.extend(screen_text(text, location))
    for document in attached_documents(page):
        try:
            with document.open_file() as handle:
                data = handle.read()
            for part in extract_parts(document.filename, data):
                if part.suspect:
                    findings.append(Finding(part.suspect, part.text, 0, len(part.text), part.location))
                else:
                    findings.extend(screen_text(part.text, part.location))
        except UnreadableAttachment as error:
            problems.append(str(error))
        except OSError as error:
            problems.append(_("The attachment “%(name)s” is missing: %(error)s") % {"name": document.title, "error": error})
    return findings, problems
