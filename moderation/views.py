"""The admin views of reviewed pages (Wagtail 8 page viewsets): a review
decision taken from the edit page or the dashboard works on the revision
under review and never saves a new one; every refusal says why."""

import json
import re
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.copy import CopyView
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import CollectWorkflowActionDataView, WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet, page_viewset_registry

from core.publication import PublicationRefused, direct_publication_refusal
from disclosure.models import PAGE_MODELS

from .models import PageCreation

# What Wagtail writes itself into a revision; not content a reviewer edits.
BOOKKEEPING = {
    "pk",
    "id",
    "path",
    "depth",
    "numchild",
    "url_path",
    "owner",
    "locked",
    "locked_at",
    "locked_by",
    "latest_revision",
    "latest_revision_created_at",
    "live",
    "live_revision",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "draft_title",
    "content_type",
    "translation_key",
    "locale",
    "expired",
    "alias_of",
    "wagtail_admin_comments",
    "comments",
    "index_number",
    "page_ptr",
}
_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def _normalised(value):
    """A revision's content without what the rich text editor adds on its
    own (block keys) and without whitespace differences."""
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in "[{":
            try:
                return _normalised(json.loads(text))
            except ValueError:
                pass
        return re.sub(r"\s+", " ", _BLOCK_KEY.sub("", text))
    if isinstance(value, dict):
        return {key: _normalised(item) for key, item in value.items() if key not in BOOKKEEPING}
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    return value


def back(request):
    """Where the person came from, if it is on this site."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return reverse("wagtailadmin_home")


def refused(request, message, target=None):
    """The refusal as a message on the page the person came from (a modal
    workflow follows a "success" step's redirect)."""
    messages.error(request, str(message))
    target = target or back(request)
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"step": "success", "redirect": target})
    return redirect(target)


def content_differs(old, new):
    return _normalised(old) != _normalised(new)


def review_action_redirect(request, page):
    """After a decision: the edit page while the person may still edit the
    page, else the dashboard."""
    page = type(page).objects.get(pk=page.pk)
    if page.permissions_for_user(request.user).can_edit():
        return reverse("wagtailadmin_pages:edit", args=[page.pk])
    return reverse("wagtailadmin_home")


def decided_message(page, action_name):
    page = type(page).objects.get(pk=page.pk)
    state = page.current_workflow_state
    if action_name == "reject":
        return _("Changes requested on “%(title)s”: the editor sees your comment.") % {"title": page.title}
    if page.live and not page.has_unpublished_changes and state is None:
        return _("“%(title)s” was approved and published.") % {"title": page.title}
    if state and state.current_task_state:
        return _("“%(title)s” was approved; it now awaits the step “%(step)s”.") % {
            "title": page.title,
            "step": state.current_task_state.task.name,
        }
    return _("“%(title)s” was approved.") % {"title": page.title}


class ReviewedEditView(EditView):
    """Wagtail's edit view, where a review decision (the footer's 批准,
    请求修改 …) applies to the revision under review without saving the
    form, and a forged Publish is refused with the reason."""

    def perform_workflow_action(self):
        task_state = self.real_page_record.current_workflow_task_state
        task = task_state.task.specific
        latest = self.real_page_record.get_latest_revision()
        candidate = self.form.save(commit=False)
        if latest is not None and content_differs(latest.content, candidate.serializable_data()):
            messages.error(
                self.request,
                _(
                    "You changed the page but did not save it. A decision applies to the version under review, not "
                    "to unsaved changes: save a draft first (another reviewer then decides), or discard your changes."
                ),
            )
            self.has_unsaved_changes = True
            self.page = self.real_page_record.get_latest_revision_as_object()
            return self.form_invalid_without_errors()
        extra = json.loads(self.request.POST.get("workflow-action-extra-data", "{}") or "{}")
        try:
            task.on_action(task_state, self.request.user, self.workflow_action, **extra)
        except (PublicationRefused, ValidationError) as error:
            return refused(self.request, _message(error), self.get_edit_url())
        messages.success(self.request, decided_message(self.real_page_record.specific, self.workflow_action))
        return redirect(review_action_redirect(self.request, self.real_page_record.specific))

    def form_invalid_without_errors(self):
        return self.render_to_response(self.get_context_data())

    @property
    def action_name_and_method(self):
        name, method = super().action_name_and_method
        if (
            name == "save"
            and self.request.POST.get("action-workflow-action")
            and self.real_page_record.current_workflow_task
        ):
            # A decision not offered to this person: refused with the reason
            # by the task, never saved as an edit.
            self.workflow_action = self.request.POST.get("workflow-action-name")
            return "perform_workflow_action", self.perform_workflow_action
        if name == "save" and self.request.POST.get("action-publish"):
            refusal = direct_publication_refusal(self.page, self.request.user)
            if refusal:
                return name, lambda: self._saved_not_published(method, refusal)
        return name, method

    def _saved_not_published(self, save, refusal):
        response = save()
        messages.warning(self.request, _("Saved as a draft, not published: %(reason)s") % {"reason": refusal})
        return response


def _message(error):
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error)


class RefusalExplainedMixin:
    """Wagtail answers a PermissionDenied in the admin with a generic "no
    permission": a refused decision (one the task refuses in check_action,
    or one refused on the way) says why instead."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PublicationRefused as error:
            return refused(request, error.message, reverse("wagtailadmin_pages:edit", args=[self.object.pk]))

    def check_action(self):
        try:
            super().check_action()
        except PermissionDenied:
            reason = self.task.refusal(self.task_state, self.request.user, self.action_name, {"comment": "-"})
            raise PublicationRefused(reason or _("You cannot take this decision on this page.")) from None


class ReviewActionView(RefusalExplainedMixin, WorkflowActionView):
    """The dashboard's (and a modal's) review decision, with the reason for
    a refusal and where the decision leaves the page."""

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST) if self.form_class else None
        if form is not None and not form.is_valid():
            if self.action_modal and request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_form(request, form)
            return refused(request, "；".join(message for errors in form.errors.values() for message in errors))
        data = form.cleaned_data if form is not None else {}
        try:
            self.task.on_action(self.task_state, request.user, self.action_name, **data)
        except (PublicationRefused, ValidationError) as error:
            if form is not None and self.action_modal and request.headers.get("x-requested-with") == "XMLHttpRequest":
                form.add_error(None, _message(error))
                return self.render_modal_form(request, form)
            return refused(request, _message(error), reverse("wagtailadmin_pages:edit", args=[self.object.pk]))
        messages.success(request, decided_message(self.object.specific, self.action_name))
        target = review_action_redirect(request, self.object.specific)
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.render_modal_json(request, {"step": "success", "redirect": target})
        return redirect(target)


class ReviewCollectDataView(RefusalExplainedMixin, CollectWorkflowActionDataView):
    pass


class ReviewedCopyView(CopyView):
    """Copies of catalogue pages are drafts for review: Wagtail's "publish
    copies" and "alias" (a live mirror) are not offered."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for name in ("publish_copies", "alias"):
            form.fields.pop(name, None)
        return form


class ReviewedCreateView(CreateView):
    """Creating a page in one transaction, once per add form.

    Wagtail 8's autosave posts the add form while the editor types; the
    first post that succeeds creates the page, and the browser then sends
    the form to the page's edit URL. A post sent before the browser heard
    that — the editor's 保存草稿 a moment after an autosave, or the two at
    the same instant — still reaches the add URL. Each add form carries a
    token (`TOKEN_FIELD`, a hidden input); the request that creates the page
    records it (`PageCreation`) in the same transaction, so such a post is
    known to belong to that page, whichever way the race went:

    * a click is an edit of the page its form created: saved (or submitted)
      there, nothing typed lost;
    * a late autosave is refused as Wagtail refuses an out-of-date autosave
      (it was sent before the click or the autosave that created the page,
      so what those saved is newer);
    * anything else that fails in the form's checks or in `Page.save`
      (someone else's page took the slug at the same moment) is answered as
      the form with the reason, the editor's input kept; never a 500.

    The token is looked for when the post arrives, and again when its form
    fails: the request that creates the page may commit in between.

    A draft of the same editor that merely has the same slug is never taken
    for this form's page: only the token says so."""

    TOKEN_FIELD = "creation_token"

    def post(self, request):
        created = self.created_by_this_form()
        if created is not None:
            return self.answer_for_created(created)
        return super().post(request)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                response = super().form_valid(form)
                self.record_creation()
                return response
        except (ValidationError, IntegrityError) as error:
            if isinstance(error, ValidationError):
                for field, field_messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_messages)
            else:
                form.add_error(
                    None,
                    _(
                        "This page was created at the same moment by another request: open it from the item's page "
                        "list."
                    ),
                )
        self.page = form.instance
        return self.form_invalid(form)

    def form_invalid(self, form):
        # The page this form created may have been committed by another of its
        # requests after post() looked: the form's checks (its slug among the
        # siblings) or its save then found that page. The request belongs to it.
        created = self.created_by_this_form()
        if created is not None:
            return self.answer_for_created(created)
        return super().form_invalid(form)

    @cached_property
    def token(self):
        """This add form's token: as posted (None if it is not one), or new for a form being shown."""
        posted = (self.request.POST.get(self.TOKEN_FIELD) or "").strip()
        if re.fullmatch(r"[0-9a-f]{32}", posted):
            return posted
        return None if self.request.method == "POST" else uuid.uuid4().hex

    def record_creation(self):
        if self.token and self.page.pk:
            PageCreation.objects.create(token=self.token, page=self.page, user=self.request.user)

    def created_by_this_form(self):
        """The page this add form already created, for this editor."""
        if not self.token:
            return None
        return PageCreation.objects.filter(token=self.token, user=self.request.user).select_related("page").first()

    def answer_for_created(self, created):
        if self.expects_json_response:
            return self.json_error_response("invalid_revision", _("Saving will overwrite a newer version."))
        return self.as_edit_of(created.page)

    def as_edit_of(self, page):
        """What was sent, as an edit of that draft: saved, or submitted, as the editor asked."""
        edit_view = page_viewset_registry.get_by_type(page.specific_class).get_view_by_name("edit")
        return edit_view(self.request, page_id=page.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["creation_token_field"] = self.TOKEN_FIELD
        context["creation_token"] = self.token or uuid.uuid4().hex
        return context


class ReviewedPageViewSet(PageViewSet):
    add_view_class = ReviewedCreateView
    copy_view_class = ReviewedCopyView
    edit_view_class = ReviewedEditView
    workflow_action_view_class = ReviewActionView
    collect_workflow_action_data_view_class = ReviewCollectDataView


def reviewed_page_viewsets():

    return [ReviewedPageViewSet(f"reviewed_{model._meta.model_name}", model=model) for model in PAGE_MODELS]
