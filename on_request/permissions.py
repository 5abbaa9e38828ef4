"""Who may see and do what with applications.

- 依申请公开经办人 (`on_request.handle_application`): every application,
  with the applicant's data, and every step except deciding an extension.
- 分管领导 (`on_request.approve_extension`): every application, with the
  applicant's data; approves or refuses extensions (条例第三十三条第二款).
- 科室编辑 (`on_request.view_assigned_application`): only the applications
  assigned to their office, the applicant masked; they add their office's
  opinion and material.
Superusers may do everything."""

from django.db.models import Q

from disclosure.models import Office
from moderation.roles import EDITOR_PREFIX

from .models import Application

HANDLE = "on_request.handle_application"
APPROVE = "on_request.approve_extension"
VIEW_ASSIGNED = "on_request.view_assigned_application"


def is_officer(user):
    return user.is_active and user.has_perm(HANDLE)


def is_leader(user):
    return user.is_active and user.has_perm(APPROVE)


def sees_personal_data(user):
    return is_officer(user) or is_leader(user)


def may_use_queue(user):
    return user.is_authenticated and (sees_personal_data(user) or user.has_perm(VIEW_ASSIGNED))


def office_ids(user):
    """The offices of the user's 科室编辑 groups."""
    if not hasattr(user, "_on_request_offices"):
        names = [
            name[len(EDITOR_PREFIX) :]
            for name in user.groups.filter(name__startswith=EDITOR_PREFIX).values_list("name", flat=True)
        ]
        user._on_request_offices = set(Office.objects.filter(name__in=names).values_list("pk", flat=True))
    return user._on_request_offices


def visible_applications(user):
    queryset = Application.objects.all()
    if sees_personal_data(user):
        return queryset
    if user.has_perm(VIEW_ASSIGNED):
        return queryset.filter(Q(office_id__in=office_ids(user)))
    return queryset.none()


def may_view(user, application):
    if sees_personal_data(user):
        return True
    return user.has_perm(VIEW_ASSIGNED) and application.office_id in office_ids(user)


def may_add_office_note(user, application):
    return is_officer(user) or (user.has_perm(VIEW_ASSIGNED) and application.office_id in office_ids(user))
