"""Wagtail hooks of the review (docs/review-workflow.md)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.publication import direct_publication_refusal

from .documents import serve_only_published
from .page_screening import screen_page, screen_revision
from .views import reviewed_page_viewsets


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "moderation.screening_justified",
        _("Personal data approved with justification"),
        _("Personal data approved with justification"),
    )
    actions.register_action(
        "moderation.review_restarted",
        _("Review started again from the first step"),
        _("Review started again from the first step (the content changed)"),
    )
    actions.register_action(
        "moderation.published_with_document",
        _("Published with its document"),
        _("Published with its document (三同步)"),
    )
    actions.register_action(
        "moderation.imported",
        _("Published by an import"),
        _("Published by an import of the operator"),
    )


@hooks.register("register_admin_viewset")
def register_reviewed_page_viewsets():

    return reviewed_page_viewsets()


@hooks.register("before_publish_page")
def refuse_direct_publication(request, page):
    """Wagtail's edit and create views publish here; a reviewed page never
    does (the draft just saved is kept)."""
    refusal = direct_publication_refusal(page, request.user)
    if refusal:
        messages.error(request, _("Saved as a draft, not published: %(reason)s") % {"reason": refusal})
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publication(request, action_type, objects, action_class_instance):
    if action_type != "publish" or getattr(action_class_instance, "model", None) is None:
        return None
    for page in objects:
        refusal = direct_publication_refusal(page, request.user) if hasattr(page, "path") else None
        if refusal:
            messages.error(request, _("Nothing was published: %(reason)s") % {"reason": refusal})
            return redirect(request.GET.get("next") or "wagtailadmin_home")
    return None


@hooks.register("before_serve_document")
def serve_only_published_documents(document, request):

    return serve_only_published(document, request)


@hooks.register("screening_for_panel")
def screening_for_panel(page):
    """What core.panels.ScreeningPanel shows: the screening of the latest revision (stored results only)."""
    revision = page.get_latest_revision()
    return screen_revision(revision) if revision is not None else screen_page(page)
