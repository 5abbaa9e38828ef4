"""Content complete enough to go live.

Wagtail 8 saves a draft with its required fields left for later (deferred
validation: 保存草稿 and autosave), so a draft can hold a question without
its answer. The admin form checks everything when a page is submitted or
published, but an interpretation published with its document (三同步) is
never submitted itself. This rule refuses any disclosure page whose
required content is empty at the moment it goes live — whoever or
whatever publishes it — and the policy document's submission names the
interpretation that is not complete (`PolicyDocumentPage.publication_problems`)."""

import functools

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.fields import StreamField
from wagtail.models import Page

from core.publication import register_rule


@functools.cache
def page_fields():
    """Wagtail's own fields (title, slug…): checked by Wagtail itself."""
    return frozenset(field.name for field in Page._meta.get_fields())


def incomplete_fields(page):
    """The labels of `page`'s own fields whose content the admin form would
    refuse: an empty required field, or a StreamField with an empty
    required field inside one of its blocks."""
    labels = []
    try:
        page.clean_fields(exclude=page_fields())
    except ValidationError as error:
        labels.extend(str(capfirst(page._meta.get_field(name).verbose_name)) for name in error.message_dict)
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField) and field.name not in page_fields():
            try:
                field.stream_block.clean(getattr(page, field.name))
            except ValidationError:
                labels.append(str(capfirst(field.verbose_name)))
    return labels


class CompleteContentRule:
    def publication(self, page, revision):
        if page._meta.app_label != "disclosure":
            return None
        labels = incomplete_fields(page)
        if not labels:
            return None
        return _("“%(title)s” cannot go live: %(fields)s has an empty required field; complete it and save it.") % {
            "title": page.title,
            "fields": "、".join(labels),
        }


RULE = register_rule(CompleteContentRule())
