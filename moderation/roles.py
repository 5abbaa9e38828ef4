"""Editorial roles (`manage.py setup_roles`, idempotent):

- 科室编辑：<office> — one group per Office; may create, edit and lock pages
  only under the catalogue items whose responsible office is theirs. The page
  permissions are derived from the items and re-derived whenever an item is
  saved, so they follow an item that changes office.
- 审核员, 保密审查员 — reviewers; they act through the review workflow.
- 分管领导 — the only role with the publish permission (which, for the
  catalogue, means unpublishing: publication is the last step of the
  review, docs/review-workflow.md).

Documents and images: each office has its own collection, where its
editors choose, add and change them (`setup_office_collections`); the
reviewers and the leader may choose from every collection.

Every role sees the search report (报告 › 搜索统计); 审核员 and 分管领导
also manage the synonyms and promoted search results, which change what
the public search finds.

Nobody but 分管领导 (and superusers) holds `publish` anywhere.

Feature apps above this one add their own roles through the Wagtail hook
`register_roles` (a function that creates or updates its groups and returns
their names), called at the end of setup_roles; this app never imports them."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from disclosure.models import CatalogueIndexPage, CatalogueItemPage, Office

from . import models as task_models

EDITOR_PREFIX = "科室编辑："
REVIEWER = "审核员"
SECRECY_REVIEWER = "保密审查员"
LEADER = "分管领导"
# "lock": an office editor may lock a page they are working on, so that nobody else saves it meanwhile.
EDITOR_PAGE_PERMISSIONS = ("add", "change", "lock")


def editor_group_name(office):
    return f"{EDITOR_PREFIX}{office.name}"


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_admin_access(group):
    group.permissions.add(_permission("wagtailadmin", "access_admin"), _permission("search", "view_querylogentry"))


SEARCH_MANAGEMENT = [("search", f"{action}_synonymgroup") for action in ("add", "change", "delete", "view")] + [
    ("wagtailsearchpromotions", f"{action}_searchpromotion") for action in ("add", "change", "delete")
]


def _grant_collection(group, codenames):
    root = Collection.get_first_root_node()
    for app_label, codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=_permission(app_label, codename)
        )


@transaction.atomic
def setup_roles():
    """Create or update every role; returns the names of the groups."""

    names = []
    for name in (REVIEWER, SECRECY_REVIEWER, LEADER):
        group, _created = Group.objects.get_or_create(name=name)
        _grant_admin_access(group)
        _grant_collection(group, [("wagtaildocs", "choose_document"), ("wagtailimages", "choose_image")])
        names.append(name)
    for name in (REVIEWER, LEADER):
        Group.objects.get(name=name).permissions.add(
            *[_permission(app, codename) for app, codename in SEARCH_MANAGEMENT]
        )
    leader = Group.objects.get(name=LEADER)
    publish = _page_permission("publish")
    for catalogue in CatalogueIndexPage.objects.all():
        GroupPagePermission.objects.get_or_create(group=leader, page=catalogue, permission=publish)
    # Wagtail's initial data gives its sample "Moderators" group publish on
    # the whole tree: only 分管领导 may publish here.
    GroupPagePermission.objects.filter(permission=publish).exclude(group=leader).delete()
    for office in Office.objects.all():
        group, _created = Group.objects.get_or_create(name=editor_group_name(office))
        _grant_admin_access(group)
        names.append(group.name)
    setup_office_collections()
    sync_office_permissions()
    setup_workflow()
    name_wagtail_samples_in_chinese()

    for register_roles in hooks.get_hooks("register_roles"):
        names.extend(register_roles())
    return names


# Wagtail's initial data: its sample groups and workflow, named in English.
WAGTAIL_SAMPLE_NAMES = {
    "groups": {"Editors": "网站编辑（Wagtail 示例）", "Moderators": "网站管理员（Wagtail 示例）"},
    "workflows": {"Moderators approval": "网站页面审核（Wagtail 示例）"},
    "tasks": {"Moderators approval": "网站管理员审核（Wagtail 示例）"},
}


def name_wagtail_samples_in_chinese():
    """The admin shows these names (a page's workflow, the groups): in Chinese."""

    for model, names in ((Group, "groups"), (Workflow, "workflows"), (Task, "tasks")):
        for english, chinese in WAGTAIL_SAMPLE_NAMES[names].items():
            model.objects.filter(name=english).update(name=chinese)
    Collection.objects.filter(depth=1, name="Root").update(name="全部文件")


# ---- documents and images: one collection per office ---------------------

OFFICE_MEDIA_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
)


def office_collection(office):
    """The office's collection of documents and images (a child of the root
    collection named after the office), created if missing."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=office.name).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=office.name))
    return collection


def setup_office_collections():
    """Each office group may choose, add and change documents and images in
    its own collection only (not delete: a document a live page uses must
    stay). Grants elsewhere, e.g. on the root from an earlier version, are
    revoked. Returns {office name: collection}."""

    permissions = [_permission(app, codename) for app, codename in OFFICE_MEDIA_PERMISSIONS]
    collections = {}
    for office in Office.objects.all():
        group = Group.objects.filter(name=editor_group_name(office)).first()
        if group is None:
            continue
        collection = office_collection(office)
        collections[office.name] = collection
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
        GroupCollectionPermission.objects.filter(group=group).exclude(collection=collection).delete()
        GroupCollectionPermission.objects.filter(group=group, collection=collection).exclude(
            permission__in=permissions
        ).delete()
    return collections


WORKFLOW_NAME = "政务公开发布审核"
WORKFLOW_STEPS = (
    ("科室审核", REVIEWER, "ReviewTask"),
    ("保密审查", SECRECY_REVIEWER, "ConfidentialityReviewTask"),
    ("领导审签", LEADER, "ReviewTask"),
)


def setup_workflow():
    """政务公开发布审核 = 科室审核 → 保密审查 → 领导审签, for every page under
    the catalogue (every disclosure type lives there)."""

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for order, (task_name, group_name, task_class) in enumerate(WORKFLOW_STEPS):
        model = getattr(task_models, task_class)
        task = model.objects.filter(name=task_name).first() or model.objects.create(name=task_name)
        task.groups.set([Group.objects.get(name=group_name)])
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    for catalogue in CatalogueIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=catalogue, defaults={"workflow": workflow})
    return workflow


def _page_permission(kind):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{kind}_page")


def sync_office_permissions():
    """Make each office group's page permissions exactly: add, change and
    lock on the catalogue items of that office. Returns (granted, revoked) counts."""

    permissions = {kind: _page_permission(kind) for kind in EDITOR_PAGE_PERMISSIONS}
    groups = {group.name: group for group in Group.objects.filter(name__startswith=EDITOR_PREFIX)}
    desired = set()
    for item in CatalogueItemPage.objects.select_related("office").only("pk", "office__name"):
        group = groups.get(editor_group_name(item.office))
        if group is not None:
            desired.update((group.pk, item.pk, permission.pk) for permission in permissions.values())
    existing = {
        (row.group_id, row.page_id, row.permission_id): row.pk
        for row in GroupPagePermission.objects.filter(group__in=groups.values(), permission__in=permissions.values())
    }
    revoke = [pk for key, pk in existing.items() if key not in desired]
    GroupPagePermission.objects.filter(pk__in=revoke).delete()
    grant = [GroupPagePermission(group_id=g, page_id=p, permission_id=perm) for g, p, perm in desired - set(existing)]
    GroupPagePermission.objects.bulk_create(grant)
    return len(grant), len(revoke)
