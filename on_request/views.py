"""The public service: /yishenqing/ (the application form), the
confirmation, /yishenqing/track/ (status, deadline, letters, the
correction and the withdrawal). None of these pages may be cached (each
carries a CSRF token or a person's case): never_cache on every view."""

import contextlib
import functools
import hmac

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from . import notifications, ratelimit, tracking, workflow
from .forms import ApplicationForm, CorrectionForm, TrackingForm, WithdrawForm
from .letters import letter_pdf
from .models import Application, Attachment, Event
from .uploads import MAX_REQUEST_BYTES
from .vocabulary import APPLICANT_LETTERS, Status


def _too_large(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES
    except ValueError:
        return True


def _field_errors(form):
    """(field id, label, message) of every error, in the order of the form, for the error summary."""
    errors = []
    for name, field in form.fields.items():
        for message in form.errors.get(name, []):
            errors.append((form[name].id_for_label or f"id_{name}", field.label, message))
    for message in form.non_field_errors():
        errors.append(("", "", message))
    return errors


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply_view(request):
    form = ApplicationForm()
    refused = ""
    if request.method == "POST":
        if _too_large(request):
            # Refused before the body is read: the cost of a request is bounded.
            refused = _(
                "The attachments are too large together: at most 5 files of 5 MB each. Nothing was sent; please choose smaller files."
            )
        else:
            form = ApplicationForm(request.POST, request.FILES)
            address = ratelimit.client_address(request)
            if ratelimit.exceeded(ratelimit.SUBMISSIONS_PER_ADDRESS, address):
                refused = _(
                    "Too many applications were sent from this connection today. Please try again tomorrow, or apply in person or by post."
                )
            elif form.is_valid():
                identity = form.cleaned_data["id_number"]
                if ratelimit.exceeded(ratelimit.SUBMISSIONS_PER_IDENTITY, identity):
                    refused = _(
                        "Too many applications were made with this identity document today. Please try again tomorrow, or apply in person or by post."
                    )
                elif form.is_robot():
                    # Looks accepted to the robot; nothing is stored.
                    return HttpResponseRedirect(reverse("on_request:submitted"))
                else:
                    ratelimit.count(ratelimit.SUBMISSIONS_PER_ADDRESS, address)
                    ratelimit.count(ratelimit.SUBMISSIONS_PER_IDENTITY, identity)
                    application = workflow.submit_online(form.application_data(), form.cleaned_data["attachments"])
                    notifications.send_notice(
                        application,
                        _("Application received: tracking code %(code)s"),
                        "on_request/email/received.txt",
                    )
                    notifications.tell_staff(
                        application,
                        _("New application %(code)s awaiting registration") % {"code": application.tracking_code},
                        "on_request/email/staff_new.txt",
                    )
                    return HttpResponseRedirect(
                        reverse("on_request:submitted") + "?t=" + tracking.token_for(application)
                    )
    errors = _field_errors(form) if form.is_bound else []
    context = {"form": form, "errors": errors, "refused": refused}
    return TemplateResponse(request, "on_request/apply.html", context, status=200)


@never_cache
@require_http_methods(["GET", "HEAD"])
def submitted_view(request):
    code = tracking.code_from(request.GET.get("t"))
    application = (
        Application.objects.filter(tracking_code=code).only("tracking_code", "email", "status").first()
        if code
        else None
    )
    return TemplateResponse(
        request, "on_request/submitted.html", {"application": application, "token": request.GET.get("t", "")}
    )


def _tracked(request, token):
    code = tracking.code_from(token)
    if not code:
        return None
    return Application.objects.filter(tracking_code=code).select_related("office").first()


def _public_steps(application):
    """The steps the applicant may see (no staff names, no internal notes)."""

    shown = {
        Event.Kind.SUBMITTED,
        Event.Kind.ENTERED,
        Event.Kind.REGISTERED,
        Event.Kind.CORRECTION_REQUESTED,
        Event.Kind.CORRECTION_SUBMITTED,
        Event.Kind.CORRECTION_RECEIVED,
        Event.Kind.ABANDONED,
        Event.Kind.CONSULTATION_SENT,
        Event.Kind.CONSULTATION_ANSWERED,
        Event.Kind.EXTENSION_APPROVED,
        Event.Kind.REASONS_REQUESTED,
        Event.Kind.ANSWERED,
        Event.Kind.CLOSED,
        Event.Kind.WITHDRAWN,
    }
    return [event for event in application.events.all() if event.kind in shown]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track_view(request):
    form = TrackingForm()
    refused = ""
    token = request.GET.get("t", "")
    application = _tracked(request, token) if token else None
    expired = bool(token) and application is None
    if request.method == "POST":
        form = TrackingForm(request.POST)
        address = ratelimit.client_address(request)
        if ratelimit.exceeded(ratelimit.TRACKING_PER_ADDRESS, address):
            refused = _("Too many look-ups from this connection. Please wait an hour and try again.")
        elif form.is_valid():
            ratelimit.count(ratelimit.TRACKING_PER_ADDRESS, address)
            code = form.cleaned_data["code"]
            if ratelimit.exceeded(ratelimit.TRACKING_FAILURES_PER_CODE, code):
                refused = _("Too many wrong attempts for this tracking code. Please wait an hour and try again.")
            else:
                found = Application.objects.filter(tracking_code=code).only("tracking_code", "id_number").first()
                if (
                    found
                    and found.id_number
                    and hmac.compare_digest(found.id_last_four, form.cleaned_data["last_four"])
                ):
                    return HttpResponseRedirect(reverse("on_request:track") + "?t=" + tracking.token_for(found))
                ratelimit.count(ratelimit.TRACKING_FAILURES_PER_CODE, code)
                form.add_error(
                    None,
                    _("No application matches this tracking code and these four characters. Check both and try again."),
                )
    context = {
        "form": form,
        "errors": _field_errors(form) if form.is_bound else [],
        "refused": refused,
        "expired": expired,
    }
    if application is not None:
        context.update(_tracking_context(application, token))
    return TemplateResponse(request, "on_request/track.html", context)


def _tracking_context(application, token, correction_form=None, withdraw_form=None):
    letters = [letter for letter in application.letters.all() if letter.kind in APPLICANT_LETTERS]
    replies = [a for a in application.attachments.all() if a.kind == Attachment.Kind.REPLY]
    return {
        "application": application,
        "token": token,
        "steps": _public_steps(application),
        "letters": letters,
        "replies": replies,
        "correction_form": correction_form or (CorrectionForm() if _may_correct(application) else None),
        "withdraw_form": withdraw_form
        or (
            WithdrawForm()
            if application.status in (Status.SUBMITTED, Status.REGISTERED, Status.CORRECTION, Status.CONSULTING)
            else None
        ),
    }


def _may_correct(application):

    return (
        application.status == Status.CORRECTION
        and application.correction_submitted_at is None
        and application.correction_due_on is not None
        and timezone.localdate() <= application.correction_due_on
    )


def _for_tracked(*methods):
    """The view gets the application that the token ("t", in the form or
    in the query string) names. When it names none (any longer), a form is
    sent back to the tracking page and a download is not found."""

    def decorate(view):
        @never_cache
        @require_http_methods(list(methods))
        @functools.wraps(view)
        def tracked_view(request, *args, **kwargs):
            posted = request.method == "POST"
            token = (request.POST if posted else request.GET).get("t", "")
            application = _tracked(request, token)
            if application is None:
                if posted:
                    return HttpResponseRedirect(reverse("on_request:track"))
                raise Http404
            return view(request, application, token, *args, **kwargs)

        return tracked_view

    return decorate


def _render_tracking(request, application, token, status=200, refused="", **forms):
    context = {"form": TrackingForm(), "errors": [], "refused": refused, "expired": False}
    context.update(_tracking_context(application, token, **forms))
    return TemplateResponse(request, "on_request/track.html", context, status=status)


@_for_tracked("POST")
def correct_view(request, application, token):
    if _too_large(request):
        return _render_tracking(
            request,
            application,
            token,
            refused=_("The attachments are too large together: at most 5 files of 5 MB each. Nothing was sent."),
        )
    form = CorrectionForm(request.POST, request.FILES)
    if not _may_correct(application):
        return HttpResponseRedirect(reverse("on_request:track") + "?t=" + token)
    if not form.is_valid():
        return _render_tracking(request, application, token, correction_form=form)
    try:
        workflow.submit_correction(application, form.cleaned_data["text"], form.cleaned_data["attachments"])
    except workflow.Refused as refusal:
        form.add_error(None, refusal.problems)
        return _render_tracking(request, application, token, correction_form=form)
    notifications.tell_staff(
        application,
        _("Correction of application %(code)s to be received") % {"code": application.tracking_code},
        "on_request/email/staff_correction.txt",
    )
    return HttpResponseRedirect(reverse("on_request:track") + "?t=" + token + "&done=correction")


@_for_tracked("POST")
def withdraw_view(request, application, token):
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _render_tracking(request, application, token, withdraw_form=form)
    with contextlib.suppress(workflow.Refused):
        workflow.withdraw(application, by_applicant=True)
    return HttpResponseRedirect(reverse("on_request:track") + "?t=" + token + "&done=withdrawn")


@_for_tracked("GET", "HEAD")
def letter_view(request, application, token, pk):
    letter = application.letters.filter(pk=pk, kind__in=APPLICANT_LETTERS).first()
    if letter is None:
        raise Http404
    response = HttpResponse(letter_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.number}.pdf"'
    return response


@_for_tracked("GET", "HEAD")
def reply_file_view(request, application, token, pk):
    attachment = application.attachments.filter(pk=pk, kind=Attachment.Kind.REPLY).first()
    if attachment is None or not attachment.file:
        raise Http404
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


def current_site(request):
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
