"""Admin: the background jobs (报告 › 后台任务) and their progress pages."""
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import JobListView, JobView


@hooks.register("register_admin_urls")
def register_job_urls():
    return [
        path("jobs/", JobListView.as_view(), name="core_jobs"),
        path("jobs/<uuid:job_id>/", JobView.as_view(), name="core_job"),
    ]


@hooks.register("register_reports_menu_item")
def register_jobs_menu_item():
    return MenuItem(_("Background jobs"), reverse("core_jobs"), name="background-jobs", icon_name="time", order=1300)
