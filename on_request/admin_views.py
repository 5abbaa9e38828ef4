"""Staff admin (Wagtail admin views): the queue (/admin/yishenqing/), one
application with its history and the steps this user may take now, each
step a POST to its own URL (CSRF-protected, checked against the role and
the state by on_request.workflow), a staff entry form for applications
handed in or posted, files and letters through permission-checked views,
and the statistics of table 三."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from core.admin_views import UserTestMixin
from core.working_days import add_working_days, default_calendar

from . import forms, statistics, workflow
from .clock import correction_request_deadline, working_days_left
from .letters import letter_pdf
from .models import Application, Attachment
from .permissions import (
    is_leader,
    is_officer,
    may_add_office_note,
    may_use_queue,
    may_view,
    sees_personal_data,
    visible_applications,
)
from .uploads import MAX_REQUEST_BYTES
from .vocabulary import CLOCK_STATUSES, OPEN_STATUSES, Status

PER_PAGE = 50
SOON_DAYS = 3


def _site(request):
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


class QueueMixin(UserTestMixin, WagtailAdminTemplateMixin):
    header_icon = "mail"
    user_tests = (may_use_queue,)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("on_request_queue"), "label": _("Applications for information")},
        ]


def deadline_flags(application, today, soon_limit, calendar):
    """(css class, label) flags of a row: overdue, due soon, provisional, paused."""
    flags = []
    if application.status in CLOCK_STATUSES and application.due_on:
        if application.due_on < today:
            flags.append(("overdue", _("Overdue")))
        elif application.due_on <= soon_limit:
            flags.append(("soon", _("Due within 3 working days")))
        if application.status == Status.CONSULTING:
            flags.append(("paused", _("Clock paused")))
        if application.due_provisional:
            flags.append(("provisional", _("Provisional: holidays not known")))
    if (
        application.status == Status.CORRECTION
        and application.correction_due_on
        and application.correction_due_on < today
        and not application.correction_submitted_at
    ):
        flags.append(("overdue", _("Correction deadline passed")))
    if application.status == Status.CORRECTION and application.correction_submitted_at:
        flags.append(("soon", _("Correction submitted")))
    if application.extension_status == "requested":
        flags.append(("soon", _("Extension awaiting approval")))
    if application.status == Status.SUBMITTED:
        flags.append(("soon", _("To register")))
    return flags


class QueueView(QueueMixin, TemplateView):
    template_name = "on_request/admin/queue.html"
    page_title = gettext_lazy("Applications for information")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = forms.QueueFilterForm(self.request.GET or None)
        queryset = visible_applications(user).select_related("office")
        today = timezone.localdate()
        calendar = default_calendar()
        soon_limit = add_working_days(calendar, today, SOON_DAYS).date
        status = office = deadline = ""
        if form.is_valid():
            status = form.cleaned_data["status"]
            office = form.cleaned_data["office"]
            deadline = form.cleaned_data["deadline"]
        if status == "all":
            pass
        elif status:
            queryset = queryset.filter(status=status)
        else:
            queryset = queryset.filter(status__in=OPEN_STATUSES)
        if office:
            queryset = queryset.filter(office=office)
        if deadline == "overdue":
            queryset = queryset.filter(status__in=CLOCK_STATUSES, due_on__lt=today)
        elif deadline == "soon":
            queryset = queryset.filter(status__in=CLOCK_STATUSES, due_on__gte=today, due_on__lte=soon_limit)
        queryset = (
            queryset.order_by("due_on", "submitted_at")
            if not status or status in CLOCK_STATUSES
            else queryset.order_by("-submitted_at")
        )
        page = Paginator(queryset, PER_PAGE).get_page(self.request.GET.get("p"))
        rows = [{"application": a, "flags": deadline_flags(a, today, soon_limit, calendar)} for a in page.object_list]
        context.update(
            form=form,
            page=page,
            rows=rows,
            personal=sees_personal_data(user),
            officer=is_officer(user),
            suggestions=workflow.proactive_suggestions(visible_applications(user)) if sees_personal_data(user) else [],
            filter_query=self.request.GET.urlencode().replace("p=", "_p="),
        )
        return context


def _action_forms(user, application, bound=None):
    """The steps this user may take on this application now, with their forms."""
    steps = []
    today = timezone.localdate()

    def add(name, label, form_class, **kwargs):
        form = bound[1] if bound and bound[0] == name else form_class(auto_id=f"id_{name}_%s", **kwargs)
        steps.append(
            {
                "name": name,
                "label": label,
                "form": form,
                "url": reverse("on_request_action", args=[application.pk, name]),
            }
        )

    _opening_steps(add, user, application, today)
    _later_steps(add, user, application, today)
    return steps


def _opening_steps(add, user, application, today):
    """Registration, assignment, the office's opinion and the correction of an application."""
    status = application.status
    officer = is_officer(user)
    if officer and status == Status.SUBMITTED:
        add("register", _("Register (start the clock)"), forms.RegisterForm, initial={"received_on": today})
    if officer and (application.is_open or status == Status.ANSWERED):
        add("assign", _("Assign to an office"), forms.AssignForm, initial={"office": application.office_id})
    if may_add_office_note(user, application) and application.is_open:
        add("office_note", _("Add the office's opinion"), forms.OfficeNoteForm)
    if (
        officer
        and status == Status.REGISTERED
        and application.correction_requested_on is None
        and not application.consultations.exists()
    ):
        due = add_working_days(default_calendar(), today, 15).date
        add(
            "request_correction", _("Request a correction (once)"), forms.CorrectionRequestForm, initial={"due_on": due}
        )
    if officer and status == Status.CORRECTION:
        add(
            "receive_correction",
            _("Receive the corrected application (restart the clock)"),
            forms.ReceiveCorrectionForm,
            initial={"received_on": today},
        )
        if (
            application.correction_due_on
            and application.correction_due_on < today
            and not application.correction_submitted_at
        ):
            add("abandon", _("Deemed abandoned: no correction by the deadline"), forms.forms.Form)


def _later_steps(add, user, application, today):
    """Consultation, extension, reasons, the answer, closing and withdrawal."""
    status = application.status
    officer = is_officer(user)
    if officer and status in (Status.REGISTERED, Status.CONSULTING):
        add("consult", _("Consult a third party or another body (pause the clock)"), forms.ConsultationForm)
    if officer and status == Status.CONSULTING:
        add(
            "end_consultation",
            _("Record the opinion (resume the clock)"),
            forms.EndConsultationForm,
            application=application,
            initial={"answered_on": today},
        )
    if officer and status in (Status.REGISTERED, Status.CONSULTING) and application.extension_status in ("", "refused"):
        add("request_extension", _("Ask for an extension"), forms.ExtensionForm)
    if (
        is_leader(user)
        and application.extension_status == "requested"
        and status in (Status.REGISTERED, Status.CONSULTING)
    ):
        add("decide_extension", _("Decide on the extension"), forms.DecisionForm)
    if officer and status in (Status.REGISTERED, Status.CONSULTING) and application.reasons_requested_on is None:
        add("request_reasons", _("Ask for reasons: unreasonable volume (art. 35)"), forms.ReasonsForm)
    if officer and status == Status.REGISTERED:
        add("answer", _("Answer"), forms.AnswerForm, initial={"information_name": application.information_name})
    if officer and status == Status.ANSWERED:
        add("close", _("Close the case"), forms.forms.Form)
    if officer and application.is_open:
        add("withdraw", _("Record a withdrawal by the applicant"), forms.StaffWithdrawForm)


class ApplicationView(QueueMixin, TemplateView):
    template_name = "on_request/admin/application.html"

    def get_page_title(self):
        return _("Application %(code)s") % {"code": self.application.tracking_code}

    def dispatch(self, request, pk, *args, **kwargs):
        if not request.user.is_authenticated or not may_use_queue(request.user):
            raise PermissionDenied
        self.application = get_object_or_404(Application.objects.select_related("office"), pk=pk)
        if not may_view(request.user, self.application):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, bound=None, refusals=(), **kwargs):
        context = super().get_context_data(**kwargs)
        context["refusals"] = refusals
        application = self.application
        user = self.request.user
        calendar = default_calendar()
        today = timezone.localdate()
        left = working_days_left(calendar, today, application.due_on) if application.due_on else None
        context.update(
            application=application,
            personal=sees_personal_data(user),
            steps=_action_forms(user, application, bound),
            events=application.events.select_related("actor"),
            attachments=[
                a
                for a in application.attachments.all()
                if sees_personal_data(user) or a.kind != Attachment.Kind.APPLICATION
            ],
            letters=application.letters.all(),
            consultations=application.consultations.all(),
            days_left=left,
            correction_request_by=correction_request_deadline(calendar, application.received_on).date
            if application.received_on
            else None,
            flags=deadline_flags(application, today, add_working_days(calendar, today, SOON_DAYS).date, calendar),
        )
        return context


ACTIONS = {
    "register": forms.RegisterForm,
    "assign": forms.AssignForm,
    "office_note": forms.OfficeNoteForm,
    "request_correction": forms.CorrectionRequestForm,
    "receive_correction": forms.ReceiveCorrectionForm,
    "abandon": forms.forms.Form,
    "consult": forms.ConsultationForm,
    "end_consultation": forms.EndConsultationForm,
    "request_extension": forms.ExtensionForm,
    "decide_extension": forms.DecisionForm,
    "request_reasons": forms.ReasonsForm,
    "answer": forms.AnswerForm,
    "close": forms.forms.Form,
    "withdraw": forms.StaffWithdrawForm,
}

DONE = {
    "register": gettext_lazy("Registered: the clock runs from the day of receipt."),
    "assign": gettext_lazy("Assigned."),
    "office_note": gettext_lazy("The office's opinion has been added."),
    "request_correction": gettext_lazy("The correction has been requested; the notice is ready."),
    "receive_correction": gettext_lazy("The corrected application is received: the 20 working days count again."),
    "abandon": gettext_lazy("The application is deemed abandoned."),
    "consult": gettext_lazy("The consultation letter is ready; the clock is paused."),
    "end_consultation": gettext_lazy("The opinion is recorded."),
    "request_extension": gettext_lazy("The extension waits for the leader's approval."),
    "decide_extension": gettext_lazy("The decision on the extension is recorded."),
    "request_reasons": gettext_lazy("The applicant is asked for reasons."),
    "answer": gettext_lazy("Answered: the reply letter is issued."),
    "close": gettext_lazy("The case is closed."),
    "withdraw": gettext_lazy("The withdrawal is recorded."),
}


def _answer(application, user, site, data):
    application.information_name = data["information_name"]
    workflow.answer(application, user, site, data, data["attachments"])


# What each step does with its form's cleaned data: (application, user, site, data).
STEPS = {
    "register": lambda app, user, site, data: workflow.register(app, user, data["received_on"]),
    "assign": lambda app, user, site, data: workflow.assign(app, user, data["office"]),
    "office_note": lambda app, user, site, data: workflow.add_office_note(app, user, data["note"], data["attachments"]),
    "request_correction": lambda app, user, site, data: workflow.request_correction(
        app, user, site, data["items"], data["due_on"]
    ),
    "receive_correction": lambda app, user, site, data: workflow.receive_correction(app, user, data["received_on"]),
    "abandon": lambda app, user, site, data: workflow.abandon(app, user),
    "consult": lambda app, user, site, data: workflow.start_consultation(
        app, user, site, data["kind"], data["party"], data["matters"]
    ),
    "end_consultation": lambda app, user, site, data: workflow.end_consultation(
        app, user, data["consultation"], data["answered_on"], data["opinion"]
    ),
    "request_extension": lambda app, user, site, data: workflow.request_extension(
        app, user, data["days"], data["reason"]
    ),
    "decide_extension": lambda app, user, site, data: workflow.decide_extension(
        app, user, site, data["decision"] == "approve", data["note"]
    ),
    "request_reasons": lambda app, user, site, data: workflow.request_reasons(app, user, site, data["text"]),
    "answer": _answer,
    "close": lambda app, user, site, data: workflow.close(app, user),
    "withdraw": lambda app, user, site, data: workflow.withdraw(app, user, note=data["note"]),
}


class ActionView(ApplicationView):
    """POST /admin/yishenqing/<pk>/<action>/: one step."""

    http_method_names = ["post"]

    def post(self, request, action, *args, **kwargs):
        form_class = ACTIONS.get(action)
        if form_class is None:
            raise Http404
        application = self.application
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
            messages.error(request, _("The attachments are too large together: at most 5 files of 5 MB each."))
            return redirect("on_request_application", application.pk)
        kwargs_ = {"application": application} if form_class is forms.EndConsultationForm else {}
        form = form_class(request.POST, request.FILES, auto_id=f"id_{action}_%s", **kwargs_)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(bound=(action, form)))
        try:
            STEPS[action](application, request.user, _site(request), form.cleaned_data)
        except workflow.Forbidden:
            raise PermissionDenied from None
        except workflow.Refused as refusal:
            for problem in refusal.problems:
                form.add_error(None, problem)
            application.refresh_from_db()
            return self.render_to_response(self.get_context_data(bound=(action, form), refusals=refusal.problems))
        messages.success(request, DONE[action])
        return redirect("on_request_application", application.pk)


class EntryView(QueueMixin, TemplateView):
    """An application handed in, posted or faxed, entered by the officer."""

    template_name = "on_request/admin/entry.html"
    page_title = gettext_lazy("Enter an application received in person or by post")
    user_tests = (may_use_queue, is_officer)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(form=forms.EntryForm(initial={"received_on": timezone.localdate()}))
        )

    def post(self, request, *args, **kwargs):
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
            form = forms.EntryForm(request.POST)
            form.is_valid()
            form.add_error(None, _("The attachments are too large together: at most 5 files of 5 MB each."))
            return self.render_to_response(self.get_context_data(form=form))
        form = forms.EntryForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.application_data()
        data["channel"] = form.cleaned_data["channel"]
        application = workflow.enter(
            request.user, data, form.cleaned_data["attachments"], form.cleaned_data["received_on"]
        )
        messages.success(request, _("Entered and registered as %(code)s.") % {"code": application.tracking_code})
        return redirect("on_request_application", application.pk)


def _case_for(request, pk):
    if not request.user.is_authenticated or not may_use_queue(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    if not may_view(request.user, application):
        raise PermissionDenied
    return application


@never_cache
def file_view(request, pk, attachment_pk):
    """An attachment, only to those who may see the case (the applicant's own files only to officer and leader)."""
    application = _case_for(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    if attachment.kind == Attachment.Kind.APPLICATION and not sees_personal_data(request.user):
        raise PermissionDenied
    if not attachment.file:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
def letter_view(request, pk, letter_pk):
    application = _case_for(request, pk)
    if not sees_personal_data(request.user):
        raise PermissionDenied
    letter = get_object_or_404(application.letters, pk=letter_pk)
    response = HttpResponse(letter_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.number}.pdf"'
    return response


class StatisticsView(QueueMixin, TemplateView):
    """Table 三 of the annual report for a year, and its CSV."""

    template_name = "on_request/admin/statistics.html"
    page_title = gettext_lazy("Statistics for the annual report")
    user_tests = (may_use_queue, sees_personal_data)

    def get(self, request, *args, **kwargs):
        form = forms.StatisticsForm(request.GET or {"year": timezone.localdate().year})
        year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
        table = statistics.table_three(year)
        if request.GET.get("format") == "csv" and form.is_valid():
            response = HttpResponse(statistics.table_csv(table), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="table-3-{year}.csv"'
            return response
        return self.render_to_response(self.get_context_data(form=form, table=table, year=year))
