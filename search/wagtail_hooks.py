"""Search in the admin: synonyms (设置 › 同义词), promoted results (Wagtail's
设置 › 推荐搜索结果), rebuilding the indexes in the background (设置 ›
重建检索索引) and the search report of top queries and queries that found
nothing (报告 › 搜索统计)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_filters import ChoiceFilter, DateFromToRangeFilter
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from core import jobs
from core.models import Job

from .jobs import REBUILD, may_rebuild
from .models import QueryLogEntry, SynonymGroup

REPORT_DAYS = 30


class SynonymGroupAdmin(ModelAdmin):
    model = SynonymGroup
    menu_label = _("Synonyms")
    menu_icon = "search"
    add_to_settings_menu = True
    list_display = ("terms", "kind", "note")
    list_filter = ("kind",)
    search_fields = ("terms", "note")
    list_export = ("terms", "kind", "note")
    export_filename = "synonyms"


modeladmin_register(SynonymGroupAdmin)


class QueryReportFilterSet(WagtailFilterSet):
    day = DateFromToRangeFilter(label=_("Date"), field_name="day", widget=DateRangePickerWidget)
    found = ChoiceFilter(
        label=_("Results"),
        choices=[("none", _("Only searches that found nothing"))],
        method="filter_found",
        empty_label=_("All searches"),
    )

    class Meta:
        model = QueryLogEntry
        fields = []

    def filter_found(self, queryset, name, value):
        return queryset.filter(zero_results__gt=0) if value == "none" else queryset


class QueryReportView(ReportView):
    """Queries by number of searches over a period (the last 30 days unless
    a date range is chosen), with how many of those searches found nothing."""

    page_title = _("Search report")
    header_icon = "search"
    filterset_class = QueryReportFilterSet
    index_url_name = "search_report"
    index_results_url_name = "search_report_results"
    permission_policy = ModelPermissionPolicy(QueryLogEntry)
    permission_required = "view"
    is_searchable = False
    columns = [
        Column("query", label=_("Query")),
        NumberColumn("total_searches", label=_("Searches")),
        NumberColumn("total_zero_results", label=_("Searches without results")),
    ]
    list_export = ["query", "total_searches", "total_zero_results"]
    export_headings = {
        "query": _("Query"),
        "total_searches": _("Searches"),
        "total_zero_results": _("Searches without results"),
    }

    def get_filename(self):
        return f"search-report-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return QueryLogEntry.objects.all()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        cleaned = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
        day = cleaned.get("day")
        if not day or (day.start is None and day.stop is None):
            queryset = queryset.filter(day__gt=timezone.localdate() - datetime.timedelta(days=REPORT_DAYS))
        return (
            queryset.values("query")
            .annotate(total_searches=Sum("searches"), total_zero_results=Sum("zero_results"))
            .order_by("-total_zero_results" if cleaned.get("found") else "-total_searches", "query")
        )


class RebuildView(WagtailAdminTemplateMixin, TemplateView):
    """设置 › 重建检索索引: start the rebuild job (search.jobs) and follow it."""

    template_name = "search/admin/rebuild.html"
    page_title = _("Rebuild the search indexes")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not may_rebuild(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):

        running = Job.objects.filter(kind=REBUILD, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).first()
        return super().get_context_data(running=running, **kwargs)

    def post(self, request):

        job = jobs.start(REBUILD, user=request.user, title=gettext("Rebuild of the search indexes"))
        return redirect("core_job", job.pk)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/search/", QueryReportView.as_view(), name="search_report"),
        path("reports/search/results/", QueryReportView.as_view(results_only=True), name="search_report_results"),
        path("search/rebuild/", RebuildView.as_view(), name="search_rebuild"),
    ]


class RebuildMenuItem(MenuItem):
    def is_shown(self, request):
        return may_rebuild(request.user)


@hooks.register("register_settings_menu_item")
def register_rebuild_menu_item():
    return RebuildMenuItem(
        _("Rebuild the search indexes"), reverse("search_rebuild"), name="search-rebuild", icon_name="search", order=900
    )


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querylogentry")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return QueryReportMenuItem(
        _("Search report"), reverse("search_report"), name="search-report", icon_name="search", order=1250
    )


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms_report(request, menu_items):
    """Wagtail's own “Search terms” report counts hits this site does not
    record; the search report above is the one that is kept."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
