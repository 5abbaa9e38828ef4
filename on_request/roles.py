"""The role 依申请公开经办人 and the permissions of the others on
applications, set up by `manage.py setup_roles` through the Wagtail hook
`register_roles` (moderation does not import this app)."""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext as _

from moderation.roles import EDITOR_PREFIX, LEADER

from .letters import ensure_templates

OFFICER = "依申请公开经办人"
OFFICER_DEMO_ACCOUNT = "foi-officer"


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def setup_on_request_roles():

    officer, _created = Group.objects.get_or_create(name=OFFICER)
    officer.permissions.add(
        _permission("wagtailadmin", "access_admin"),
        _permission("on_request", "handle_application"),
        *[_permission("on_request", f"{action}_lettertemplate") for action in ("add", "change", "view")],
        *[
            _permission("core", f"{action}_{model}")
            for model in ("calendarday", "calendaryear")
            for action in ("add", "change", "delete", "view")
        ],
    )
    leader = Group.objects.filter(name=LEADER).first()
    if leader is not None:
        leader.permissions.add(_permission("on_request", "approve_extension"))
    view_assigned = _permission("on_request", "view_assigned_application")
    for group in Group.objects.filter(name__startswith=EDITOR_PREFIX):
        group.permissions.add(view_assigned)
    ensure_templates()
    return [OFFICER]


def demo_accounts():
    return [
        (
            OFFICER_DEMO_ACCOUNT,
            OFFICER,
            _("disclosure-on-request officer: registers, corrects, extends and answers applications"),
        )
    ]
