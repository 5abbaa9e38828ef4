"""The admin's pages of core: background jobs — the progress page of one
job (/admin/jobs/<id>/, also as JSON for the page's script) and the list
of jobs (/admin/jobs/); a job is seen by whoever started it, by superusers
and by the users its kind allows (`may_view`) — and the logins and
lockouts (/admin/logins/, superusers only)."""

import logging

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q, Sum
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.redirects.views import start_import

from . import jobs
from .models import Job
from .security import lockout_of
from .spreadsheets import Limits, SpreadsheetError, read_rows

LIST_SIZE = 50
logger = logging.getLogger("edusite.security")


class UserTestMixin:
    """Refuses (403) a request unless someone is logged in and each of
    `user_tests` (functions of the user) says yes."""

    user_tests = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not all(test(request.user) for test in self.user_tests):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def is_superuser(user):
    return user.is_superuser


def visible_jobs(user):
    queryset = Job.objects.defer("payload")
    if user.is_superuser:
        return queryset
    jobs._load_kinds()
    kinds = [name for name, kind in jobs.KINDS.items() if kind.may_view is not None and kind.may_view(user)]

    return queryset.filter(Q(user=user) | Q(kind__in=kinds))


class JobView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/job.html"
    header_icon = "time"

    def get(self, request, job_id):
        self.job = visible_jobs(request.user).filter(pk=job_id).first()
        if self.job is None:
            raise Http404
        if request.GET.get("format") == "json":
            return JsonResponse(self.status(), json_dumps_params={"ensure_ascii": False})
        return super().get(request)

    def get_page_title(self):
        return self.job.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("core_jobs"), "label": gettext_lazy("Background jobs")},
            {"url": "", "label": self.job.title},
        ]

    def status(self):
        job = self.job
        return {
            "status": job.status,
            "status_label": str(job.get_status_display()),
            "step": job.step,
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "finished": job.finished,
        }

    def get_context_data(self, **kwargs):
        kind = jobs.kind_of(self.job)
        return super().get_context_data(
            job=self.job,
            kind=kind,
            stale=jobs.is_stale(self.job),
            waiting_long=jobs.waiting_long(self.job),
            result_template=kind.template if kind else "",
            report=self.job.report or {},
            **kwargs,
        )


class JobListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/jobs.html"
    header_icon = "time"
    page_title = gettext_lazy("Background jobs")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            jobs=visible_jobs(self.request.user).select_related("user")[:LIST_SIZE], **kwargs
        )


class LoginActivityView(UserTestMixin, WagtailAdminTemplateMixin, TemplateView):
    """设置 › 登录记录与锁定 (superusers): who is locked out now, with a button to
    lift each lockout; the latest failed and successful logins."""

    template_name = "core/admin/logins.html"
    header_icon = "lock"
    page_title = gettext_lazy("Logins and lockouts")
    SHOWN = 100
    user_tests = (is_superuser,)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def post(self, request):

        username = request.POST.get("username", "").strip()
        address = request.POST.get("address", "").strip()
        if username or address:
            count = reset(username=username or None, ip=address or None)
            logger.warning(
                "lockout lifted by %r: user=%r address=%r (%d records)",
                request.user.get_username(),
                username,
                address,
                count,
            )
            messages.success(request, gettext("The lockout was lifted."))
        return redirect("core_logins")

    def get_context_data(self, **kwargs):

        limit, cool_off = get_failure_limit(None, None), get_cool_off()
        recent = AccessAttempt.objects.all()
        if cool_off:
            recent = recent.filter(attempt_time__gte=timezone.now() - cool_off)
        lockouts = []
        for field, label in (("username", gettext("account")), ("ip_address", gettext("network address"))):
            rows = (
                recent.exclude(**{field: None})
                .values(field)
                .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            )
            for row in rows.filter(failures__gte=limit).order_by("-last"):
                value = row[field]
                state = lockout_of(value if field == "username" else "", value if field == "ip_address" else "")
                lockouts.append(
                    {
                        "kind": label,
                        "field": "username" if field == "username" else "address",
                        "value": value,
                        "failures": row["failures"],
                        "last": row["last"],
                        "until": state.until,
                    }
                )
        return super().get_context_data(
            lockouts=lockouts,
            histories=self.histories(),
            limit=limit,
            cool_off_minutes=int(cool_off.total_seconds() // 60) if cool_off else None,
            **kwargs,
        )

    def histories(self):
        """The latest failed and successful logins, as the page's two tables."""
        failures = AccessFailureLog.objects.order_by("-attempt_time")[: self.SHOWN]
        logins = AccessLog.objects.order_by("-attempt_time")[: self.SHOWN]
        return [
            {
                "id": "failures",
                "heading": gettext("Latest failed logins"),
                "outcome": gettext("Locked out"),
                "empty": gettext("No failed logins."),
                "rows": [
                    (
                        entry.attempt_time,
                        entry.username,
                        entry.ip_address,
                        gettext("yes") if entry.locked_out else gettext("no"),
                    )
                    for entry in failures
                ],
            },
            {
                "id": "logins",
                "heading": gettext("Latest successful logins"),
                "outcome": gettext("Logged out"),
                "empty": gettext("No logins yet."),
                "rows": [
                    (entry.attempt_time, entry.username, entry.ip_address, entry.logout_time or "—") for entry in logins
                ],
            },
        ]


def guarded_redirect_import(request):
    """Wagtail's redirect import (设置 › 重定向 › 导入) reads a whole
    spreadsheet with openpyxl and shows every row: a small XLSX that expands
    would take gigabytes. The file is first read here with bounded work
    (core.spreadsheets: at most 1 MB, 5,000 rows, 10 columns, 2,000
    characters a cell, 32 MB expanded); only a file within the limits
    reaches Wagtail's view."""

    upload = request.FILES.get("import_file") if request.method == "POST" else None
    if upload is not None:
        limits = Limits(
            max_bytes=1024 * 1024, max_rows=5_000, max_lines=20_000, max_columns=10, max_cell_characters=2_000
        )
        try:
            if upload.size > limits.max_bytes:
                raise SpreadsheetError([gettext("The file is larger than %(size)s MB.") % {"size": 1}])
            name = upload.name or ""
            if name.lower().endswith((".csv", ".tsv", ".xlsx")):
                upload.seek(0)
                data = upload.read()
                if not name.lower().endswith(".tsv"):
                    for _row in read_rows(data, name, limits):
                        pass
                upload.seek(0)
        except SpreadsheetError as error:
            for problem in error.problems:
                messages.error(request, problem)
            return redirect("wagtailredirects:start_import")
    return start_import(request)
