"""Who may use each admin action of pages, documents and images: every URL
Wagtail exposes for them (listed from the URL resolver, and every bulk
action from Wagtail's registry, so a new one is covered), requested by each
role, against an explicit table. A URL missing from the table fails.

The subjects: a draft policy document of 基础教育科 waiting at 科室审核, a
document and an image in 基础教育科's collection. "ok" is an answer to use
(200, or a redirect that is not a refusal); "no" is a refusal (a redirect
to the dashboard or the login page, an error message, 403 or 404). Views that take only POST
are requested with POST, inside a savepoint that is rolled back. A bulk
action counts as allowed when its confirmation offers the object."""

import os
import re

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from disclosure.models import Office
from disclosure.tests.helpers import item_named
from moderation.roles import office_collection

from .review import current_task_state, draft_policy, people, submit  # noqa: F401
from .test_page_screening import pdf_with_text

pytestmark = pytest.mark.django_db

ROLES = ["editor", "other_editor", "reviewer", "secrecy", "leader", "superuser"]
AREAS = re.compile(r"^admin/(pages/|documents/|images/|choose-page/|bulk/)")

# role order: editor (基础教育科), other_editor (计划财务科), reviewer (科室审核,
# the step the page is at), secrecy, leader, superuser.
EXPECTED = {
    # Page explorer and search: those with page permissions (reviewers work
    # from their dashboard and the pages waiting for them); choosers: all.
    "wagtailadmin_explore_root": "ok ok no no ok ok",
    "wagtailadmin_explore": "ok ok no no ok ok",
    "wagtailadmin_explore_results": "ok ok no no ok ok",
    "wagtailadmin_pages:search": "ok ok no no ok ok",
    "wagtailadmin_pages:search_results": "ok ok no no ok ok",
    "wagtailadmin_choose_page": "ok ok ok ok ok ok",
    "wagtailadmin_choose_page_child": "ok ok ok ok ok ok",
    "wagtailadmin_choose_page_search": "ok ok ok ok ok ok",
    "wagtailadmin_choose_page_chosen_multiple": "ok ok ok ok ok ok",
    # Creating: only the office of the item (and a superuser).
    "wagtailadmin_pages:add": "ok no no no no ok",
    "wagtailadmin_pages:preview_on_add": "ok no no no no ok",
    "wagtailadmin_pages:add_subpage": "ok no no no no ok",
    "wagtailadmin_pages:choose_parent": "ok ok ok ok ok ok",  # lists only where one may add
    "wagtailadmin_pages:type_use": "ok ok no no ok ok",
    "wagtailadmin_pages:type_use_results": "ok ok no no ok ok",
    # The page under review: its office's editor (locked for editing while
    # in review) and the reviewers of the step it is at.
    "wagtailadmin_pages:edit": "ok no ok no no ok",
    "wagtailadmin_pages:preview_on_edit": "ok no no no no ok",
    "wagtailadmin_pages:view_draft": "ok no ok no no ok",
    "wagtailadmin_pages:usage": "ok no no no no ok",
    "wagtailadmin_pages:history": "ok no no no no ok",
    "wagtailadmin_pages:history_results": "ok no no no no ok",
    "wagtailadmin_pages:revisions_index": "ok no no no no ok",
    "wagtailadmin_pages:revisions_view": "ok no no no no ok",
    "wagtailadmin_pages:revisions_compare": "ok no no no no ok",
    "wagtailadmin_pages:revisions_revert": "ok no ok no no ok",
    "wagtailadmin_pages:revisions_unschedule": "no no no no ok ok",
    "wagtailadmin_pages:workflow_history": "ok no ok no no ok",
    "wagtailadmin_pages:workflow_history_detail": "ok no ok no no ok",
    # Decisions: only the step's reviewers (a superuser is in no group).
    "wagtailadmin_pages:workflow_action": "no no ok no no no",
    "wagtailadmin_pages:collect_workflow_action_data": "no no ok no no no",
    "wagtailadmin_pages:workflow_preview": "no no ok no no no",
    "wagtailadmin_pages:confirm_workflow_cancellation": "ok ok ok ok ok ok",  # a question, no action
    # Publishing-side actions: the leader unpublishes; nobody publishes.
    "wagtailadmin_pages:unpublish": "no no no no no no",  # the page is a draft
    "wagtailadmin_pages:set_privacy": "no no no no ok ok",
    "wagtailadmin_pages:delete": "ok no no no no ok",
    "wagtailadmin_pages:convert_alias": "no no no no no no",
    "wagtailadmin_pages:move": "ok no no no no ok",
    "wagtailadmin_pages:move_confirm": "ok no no no no ok",
    "wagtailadmin_pages:set_page_position": "no no no no no ok",
    "wagtailadmin_pages:copy": "ok no ok no no ok",
    "wagtailadmin_pages:lock": "no no no no no ok",
    "wagtailadmin_pages:unlock": "no no no no no ok",
    "bulk:wagtailcore.page.delete": "ok no no no no ok",
    "bulk:wagtailcore.page.move": "ok no no no no ok",
    "bulk:wagtailcore.page.publish": "no no no no no no",
    "bulk:wagtailcore.page.unpublish": "no no no no no no",  # the page is a draft
    # Documents and images: the office's own collection only; the other roles
    # choose from every collection but manage none.
    "wagtaildocs:index": "ok ok no no no ok",
    "wagtaildocs:index_results": "ok ok no no no ok",
    "wagtaildocs:add": "ok ok no no no ok",
    "wagtaildocs:edit": "ok no no no no ok",
    "wagtaildocs:delete": "no no no no no ok",
    "wagtaildocs:add_multiple": "ok ok no no no ok",
    "wagtaildocs:edit_multiple": "ok no no no no ok",
    "wagtaildocs:delete_multiple": "no no no no no ok",
    "wagtaildocs:create_multiple_from_uploaded_document": "no no no no no no",
    "wagtaildocs:delete_upload_multiple": "no no no no no no",
    "wagtaildocs:document_usage": "ok no no no no ok",
    "wagtaildocs_chooser:choose": "ok ok ok ok ok ok",
    "wagtaildocs_chooser:choose_results": "ok ok ok ok ok ok",
    "wagtaildocs_chooser:chosen": "ok no ok ok ok ok",
    "wagtaildocs_chooser:chosen_multiple": "ok ok ok ok ok ok",
    "wagtaildocs_chooser:create": "ok ok no no no ok",
    "bulk:wagtaildocs.document.delete": "no no no no no ok",
    "bulk:wagtaildocs.document.add_to_collection": "ok no no no no ok",
    "bulk:wagtaildocs.document.add_tags": "ok no no no no ok",
    "wagtailimages:index": "ok ok no no no ok",
    "wagtailimages:index_results": "ok ok no no no ok",
    "wagtailimages:add": "ok ok no no no ok",
    "wagtailimages:edit": "ok no no no no ok",
    "wagtailimages:delete": "no no no no no ok",
    "wagtailimages:url_generator": "no no no no no no",  # dynamic image URLs are not enabled
    "wagtailimages:url_generator_output": "no no no no no no",
    "wagtailimages:preview": "ok no no no no ok",
    "wagtailimages:image_usage": "ok no no no no ok",
    "wagtailimages:add_multiple": "ok ok no no no ok",
    "wagtailimages:edit_multiple": "ok no no no no ok",
    "wagtailimages:delete_multiple": "no no no no no ok",
    "wagtailimages:create_multiple_from_uploaded_image": "no no no no no no",
    "wagtailimages:delete_upload_multiple": "no no no no no no",
    "wagtailimages_chooser:choose": "ok ok ok ok ok ok",
    "wagtailimages_chooser:choose_results": "ok ok ok ok ok ok",
    "wagtailimages_chooser:chosen": "ok no ok ok ok ok",
    "wagtailimages_chooser:chosen_multiple": "ok ok ok ok ok ok",
    "wagtailimages_chooser:create": "ok ok no no no ok",
    "wagtailimages_chooser:select_format": "ok no ok ok ok ok",
    "bulk:wagtailimages.image.delete": "no no no no no ok",
    "bulk:wagtailimages.image.add_to_collection": "ok no no no no ok",
    "bulk:wagtailimages.image.add_tags": "ok no no no no ok",
}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                namespace + (f"{pattern.namespace}:" if pattern.namespace else ""),
            )
        elif pattern.name:
            yield prefix + str(pattern.pattern), namespace + pattern.name


def admin_action_urls():
    """Names of the admin's page, document and image URLs, bulk actions expanded."""
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    names = set()
    for path, name in _walk(get_resolver().url_patterns):
        if not AREAS.match(path):
            continue
        if name == "wagtail_bulk_action":
            for app_label, model_name in (
                ("wagtailcore", "page"),
                ("wagtaildocs", "document"),
                ("wagtailimages", "image"),
            ):
                for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name):
                    names.add(f"bulk:{app_label}.{model_name}.{action.action_type}")
        else:
            names.add(name)
    return sorted(names)


@pytest.fixture
def subjects(people):
    office = Office.objects.get(name="基础教育科")
    collection = office_collection(office)
    document = Document(title="矩阵附件", collection=collection)
    document.file.save("matrix.pdf", ContentFile(pdf_with_text("matrix")), save=False)
    document.save()
    image = Image.objects.create(title="矩阵图片", file=get_test_image_file(), collection=collection)
    page, _companion = draft_policy("权限矩阵的通知", people["editor"], attachments=[("document", document)])
    submit(people["editor"], page)
    return {"page": page, "document": document, "image": image, "collection": collection}


def url_for(name, subjects):
    page, document, image = subjects["page"], subjects["document"], subjects["image"]
    item = item_named("招生管理/招生政策")
    task_state = current_task_state(page)
    revision = page.get_latest_revision()
    if name.startswith("bulk:"):
        app_model, action = name[5:].rsplit(".", 1)
        app_label, model_name = app_model.split(".")
        target = {"page": page.pk, "document": document.pk, "image": image.pk}[model_name]
        return reverse("wagtail_bulk_action", args=[app_label, model_name, action]) + f"?id={target}&next=/admin/"
    kwargs = {
        "wagtailadmin_explore": {"parent_page_id": item.pk},
        "wagtailadmin_explore_results": {"parent_page_id": item.pk},
        "wagtailadmin_choose_page_child": {"parent_page_id": item.pk},
        "wagtailadmin_pages:add": {
            "content_type_app_name": "disclosure",
            "content_type_model_name": "policydocumentpage",
            "parent_page_id": item.pk,
        },
        "wagtailadmin_pages:preview_on_add": {
            "content_type_app_name": "disclosure",
            "content_type_model_name": "policydocumentpage",
            "parent_page_id": item.pk,
        },
        "wagtailadmin_pages:type_use": {
            "content_type_app_name": "disclosure",
            "content_type_model_name": "policydocumentpage",
        },
        "wagtailadmin_pages:type_use_results": {
            "content_type_app_name": "disclosure",
            "content_type_model_name": "policydocumentpage",
        },
        "wagtailadmin_pages:choose_parent": {"app_label": "disclosure", "model_name": "policydocumentpage"},
        "wagtailadmin_pages:add_subpage": {"parent_page_id": item.pk},
        "wagtailadmin_pages:move": {"page_to_move_id": page.pk},
        "wagtailadmin_pages:move_confirm": {
            "page_to_move_id": page.pk,
            "destination_id": item_named("招生管理/招生范围").pk,
        },
        "wagtailadmin_pages:set_page_position": {"page_to_move_id": page.pk},
        "wagtailadmin_pages:workflow_action": {
            "page_id": page.pk,
            "action_name": "approve",
            "task_state_id": task_state.pk,
        },
        "wagtailadmin_pages:collect_workflow_action_data": {
            "page_id": page.pk,
            "action_name": "reject",
            "task_state_id": task_state.pk,
        },
        "wagtailadmin_pages:workflow_preview": {"page_id": page.pk, "task_id": task_state.task_id},
        "wagtailadmin_pages:revisions_view": {"page_id": page.pk, "revision_id": revision.pk},
        "wagtailadmin_pages:revisions_revert": {"page_id": page.pk, "revision_id": revision.pk},
        "wagtailadmin_pages:revisions_unschedule": {"page_id": page.pk, "revision_id": revision.pk},
        "wagtailadmin_pages:revisions_compare": {"pk": page.pk, "revision_id_a": "earliest", "revision_id_b": "latest"},
        "wagtailadmin_pages:workflow_history_detail": {
            "page_id": page.pk,
            "workflow_state_id": task_state.workflow_state_id,
        },
        "wagtaildocs_chooser:chosen": {"pk": document.pk},
        "wagtailimages_chooser:chosen": {"pk": image.pk},
        "wagtailimages_chooser:select_format": {"image_id": image.pk},
        "wagtailimages:preview": {"image_id": image.pk, "filter_spec": "max-100x100"},
        "wagtaildocs:create_multiple_from_uploaded_document": {"uploaded_file_id": 999999},
        "wagtaildocs:delete_upload_multiple": {"uploaded_file_id": 999999},
        "wagtailimages:create_multiple_from_uploaded_image": {"uploaded_file_id": 999999},
        "wagtailimages:delete_upload_multiple": {"uploaded_file_id": 999999},
    }.get(name)
    if kwargs is None:
        for candidate in (
            {},
            {"page_id": page.pk},
            {"document_id": document.pk},
            {"doc_id": document.pk},
            {"image_id": image.pk},
            {"pk": subjects["collection"].pk},
        ):
            try:
                return reverse(name, kwargs=candidate)
            except NoReverseMatch:
                continue
    return reverse(name, kwargs=kwargs)


# Views whose GET only asks for confirmation: what counts is the POST.
ACT_ON_POST = {
    "wagtailadmin_pages:move_confirm",
    "wagtailadmin_pages:delete",
    "wagtailadmin_pages:unpublish",
    "wagtailadmin_pages:convert_alias",
    "wagtailadmin_pages:revisions_unschedule",
    "wagtailadmin_pages:workflow_action",
    "wagtaildocs:delete",
    "wagtailimages:delete",
}


def _messages(response):
    storage = getattr(response.wsgi_request, "_messages", None)
    return [message.level for message in getattr(storage, "_queued_messages", [])]


def outcome(person, url, name=""):
    with transaction.atomic():
        response = person.post(url, {}) if name in ACT_ON_POST else person.get(url)
        if response.status_code == 405:
            response = person.post(url, {})
        levels = _messages(response)
        location = response.get("Location", "")
        if (
            response.status_code in (301, 302)
            and not levels
            and location.startswith("/admin/")
            and location.rstrip("/") != "/admin"
        ):
            response = person.get(location)  # a view that forwards to another: what that one says
            levels = _messages(response)
            location = response.get("Location", "")
        transaction.set_rollback(True)
    if any(level >= 40 for level in levels):
        return "no"  # refused with a message (the reason, or Wagtail's "no permission")
    if "/admin/bulk/" in url and response.status_code == 200:
        # A bulk action's confirmation lists what the person may act on
        # ("items") apart from what they may not.
        return "ok" if response.context["items"] else "no"
    if response.status_code in (403, 404, 405):
        return "no"
    if response.status_code in (301, 302):
        if any(level == 25 for level in levels):
            return "ok"  # done, with a success message
        return "no" if location.rstrip("/") in ("/admin", "") or "/login/" in location else "ok"
    return "ok" if response.status_code == 200 else f"HTTP {response.status_code}"


def test_the_table_covers_every_admin_action_url():
    missing = [name for name in admin_action_urls() if name not in EXPECTED]
    stale = [name for name in EXPECTED if name not in admin_action_urls()]
    assert missing == [] and stale == [], f"add to EXPECTED: {missing}; remove: {stale}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_role_is_allowed_or_refused_as_the_table_says(people, subjects, name):
    url = url_for(name, subjects)
    observed = " ".join(outcome(people[role], url, name) for role in ROLES)
    if os.environ.get("MATRIX_RECORD"):  # writes the observed table, to review before adopting it
        with open(os.environ["MATRIX_RECORD"], "a") as record:
            record.write(f'"{name}": "{observed}",\n')
        return
    assert observed == EXPECTED[name], f"{name} ({url}): roles {' '.join(ROLES)}"
