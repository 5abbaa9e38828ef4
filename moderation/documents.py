"""Documents under the review (docs/review-workflow.md, "Documents").

- A document is public only while a live, public page uses it (Wagtail's
  reference index says which pages do). Until then /documents/<id>/… is a
  404 for visitors; staff who may choose or change it can open it.
- A document a live page uses is part of that page as published: its file
  and title are not changed in place and it is not deleted, by anyone. To
  replace it, upload a new document and change the page, which goes
  through the review like any other change."""

from django import forms
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.models import Page, ReferenceIndex
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import policy_registry


def pages_using(document):
    """The pages whose saved content refers to `document` (for a live page:
    its live content)."""
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type_id=ReferenceIndex._get_base_content_type(Page).pk
    )
    return Page.objects.filter(pk__in=[int(pk) for pk in references.values_list("object_id", flat=True)])


def used_by_live_page(document):
    return pages_using(document).live().exists()


def is_public(document):
    return pages_using(document).live().public().exists()


def staff_may_open(user, document):

    if not (user.is_authenticated and user.is_active):
        return False
    policy = policy_registry.get(document)
    return policy.user_has_any_permission_for_instance(user, ["choose", "change", "add"], document)


def serve_only_published(document, request):
    """before_serve_document: a draft's document is not there for visitors."""
    if is_public(document) or staff_may_open(request.user, document):
        return None
    raise Http404


class ReviewedMediaPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection policy (documents and images), where nobody
    changes or deletes one that a live page uses, and deleting needs the
    delete permission (office editors have none)."""

    FROZEN = {"change", "delete"}

    def _allowed(self, user, action, instance):
        if action in self.FROZEN and used_by_live_page(instance):
            return False
        if action == "delete" and not user.is_superuser:
            # Wagtail lets "change" delete too (and bulk delete asks only
            # that); here deleting needs the delete permission itself.
            return self._check_perm(user, ["delete"], collection=instance.collection)
        return True

    def user_has_permission_for_instance(self, user, action, instance):
        return self._allowed(user, action, instance) and super().user_has_permission_for_instance(
            user, action, instance
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = [action for action in actions if self._allowed(user, action, instance)]
        return bool(actions) and super().user_has_any_permission_for_instance(user, actions, instance)


class ReviewedDocumentForm(BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE: says why a document a live page uses
    cannot be changed (the admin only reaches here for documents not in use,
    unless a page went live meanwhile)."""

    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        if instance.pk and {"file", "title"} & set(self.changed_data) and used_by_live_page(instance):
            raise forms.ValidationError(frozen_message(instance))
        return cleaned_data


def frozen_message(document):
    titles = "、".join(f"《{page.title}》" for page in pages_using(document).live()[:3])
    return _(
        "The document “%(title)s” is used by the published page %(pages)s, so it cannot be changed or deleted: "
        "upload a new document and change the page to use it (the change is reviewed before it goes live)."
    ) % {"title": document.title, "pages": titles}
