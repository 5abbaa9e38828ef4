"""The admin's pages for background jobs: the progress page of one job
(/admin/jobs/<id>/, also as JSON for the page's script) and the list of
jobs (/admin/jobs/). A job is seen by whoever started it, by superusers,
and by the users its kind allows (`may_view`)."""
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import jobs
from .models import Job

LIST_SIZE = 50


def visible_jobs(user):
    queryset = Job.objects.defer("payload")
    if user.is_superuser:
        return queryset
    jobs._load_kinds()
    kinds = [name for name, kind in jobs.KINDS.items() if kind.may_view is not None and kind.may_view(user)]
    from django.db.models import Q

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
        return self.breadcrumbs_items + [
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
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(jobs=visible_jobs(self.request.user).select_related("user")[:LIST_SIZE], **kwargs)
