"""Admin: 依申请公开 in the menu (queue, entry, statistics, letter templates)
for the roles that handle applications; the roles themselves through the
hooks `register_roles` and `register_demo_accounts` of setup_roles."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import LetterTemplate
from .permissions import is_officer, may_use_queue, sees_personal_data
from .roles import demo_accounts, setup_on_request_roles


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("yishenqing/", admin_views.QueueView.as_view(), name="on_request_queue"),
        path("yishenqing/new/", admin_views.EntryView.as_view(), name="on_request_entry"),
        path("yishenqing/statistics/", admin_views.StatisticsView.as_view(), name="on_request_statistics"),
        path("yishenqing/<int:pk>/", admin_views.ApplicationView.as_view(), name="on_request_application"),
        path("yishenqing/<int:pk>/file/<int:attachment_pk>/", admin_views.file_view, name="on_request_file"),
        path("yishenqing/<int:pk>/letter/<int:letter_pk>.pdf", admin_views.letter_view, name="on_request_letter"),
        path("yishenqing/<int:pk>/<slug:action>/", admin_views.ActionView.as_view(), name="on_request_action"),
    ]


class RoleMenuItem(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


class LetterTemplateViewSet(ModelViewSet):
    model = LetterTemplate
    icon = "doc-full"
    menu_label = _("Letter templates")
    list_display = ["kind"]
    form_fields = ["kind", "body"]
    add_to_admin_menu = False
    url_prefix = "yishenqing-letters"


letter_templates = LetterTemplateViewSet("on_request_letter_templates")


@hooks.register("register_admin_viewset")
def register_letter_templates():
    return letter_templates


# The submenu's entries, in order: label, URL name, icon, who sees it.
MENU_ENTRIES = [
    (_("Queue"), "on_request_queue", "list-ul", may_use_queue),
    (_("Enter an application"), "on_request_entry", "plus", is_officer),
    (_("Statistics (table 三)"), "on_request_statistics", "table", sees_personal_data),
    (_("Letter templates"), "on_request_letter_templates:index", "doc-full", is_officer),
]


@hooks.register("register_admin_menu_item")
def register_menu():
    menu = Menu(
        items=[
            RoleMenuItem(label, reverse_lazy(url_name), icon_name=icon, order=100 * number, check=check)
            for number, (label, url_name, icon, check) in enumerate(MENU_ENTRIES, start=1)
        ]
    )
    return SubmenuMenuItem(_("Disclosure on request"), menu, icon_name="mail", order=360)


@hooks.register("register_roles")
def register_roles():
    return setup_on_request_roles()


@hooks.register("register_demo_accounts")
def register_demo_accounts():
    return demo_accounts()
