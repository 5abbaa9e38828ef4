"""Admin: 招生划片 › 导入 / 导出, for users who may add pages under 招生范围."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .admin_views import ExportView, ImportView, user_may_import


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("catchment/import/", ImportView.as_view(), name="catchment_import"),
        path("catchment/export/", ExportView.as_view(), name="catchment_export"),
    ]


class ZoneMenuItem(MenuItem):
    def is_shown(self, request):
        if not hasattr(request, "_catchment_may_import"):
            request._catchment_may_import = user_may_import(request.user)
        return request._catchment_may_import


@hooks.register("register_admin_menu_item")
def register_zone_menu():
    menu = Menu(
        items=[
            ZoneMenuItem(_("Import zones"), reverse_lazy("catchment_import"), icon_name="upload", order=100),
            ZoneMenuItem(_("Export zones"), reverse_lazy("catchment_export"), icon_name="download", order=200),
        ]
    )
    return SubmenuMenuItem(_("Enrolment zones"), menu, icon_name="site", order=350)
