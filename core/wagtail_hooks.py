"""Admin: 设置 › 工作日历 (the days the chinese-calendar library does not
know), 设置 › 登录记录与锁定 (logins and lockouts, for superusers) and 报告 ›
后台任务 (background jobs and their progress pages); expired pages refused
at their expiry time."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .admin_views import JobListView, JobView, LoginActivityView, guarded_redirect_import
from .models import CalendarDay, CalendarYear
from .pages import is_expired


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Holidays and make-up days")
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    form_fields = ["date", "kind", "name"]
    add_to_admin_menu = False


class CalendarYearViewSet(ModelViewSet):
    model = CalendarYear
    icon = "calendar-check"
    menu_label = _("Years entered by hand")
    list_display = ["year", "source"]
    form_fields = ["year", "source"]
    add_to_admin_menu = False


class WorkingDayCalendarGroup(ModelViewSetGroup):
    menu_label = _("Working-day calendar")
    menu_icon = "calendar-alt"
    menu_order = 900
    items = (CalendarDayViewSet("calendar_days"), CalendarYearViewSet("calendar_years"))


@hooks.register("register_admin_viewset")
def register_calendar():
    return WorkingDayCalendarGroup()


@hooks.register("register_admin_urls")
def register_job_urls():
    return [
        path("jobs/", JobListView.as_view(), name="core_jobs"),
        path("jobs/<uuid:job_id>/", JobView.as_view(), name="core_job"),
        path("logins/", LoginActivityView.as_view(), name="core_logins"),
        # Before Wagtail's own view at the same address (core's hooks come first): reads the file with bounded work.
        path("redirects/import/", guarded_redirect_import, name="core_redirect_import"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_logins_menu_item():
    return SuperuserMenuItem(
        _("Logins and lockouts"), reverse("core_logins"), name="logins", icon_name="lock", order=950
    )


@hooks.register("register_reports_menu_item")
def register_jobs_menu_item():
    return MenuItem(_("Background jobs"), reverse("core_jobs"), name="background-jobs", icon_name="time", order=1300)


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs):
    """A page past its expiry date is gone at that moment, not only once
    `publish_scheduled` has unpublished it."""
    if is_expired(page):
        raise Http404
