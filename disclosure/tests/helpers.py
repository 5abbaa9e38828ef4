"""Builders for disclosure tests."""

import datetime

from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document

from core.publication import trusted_publication
from disclosure.models import CatalogueItemPage, InterpretationPage, PolicyDocumentPage, SafetyNoticePage


def add_live_child(parent, page):
    """Add `page` under `parent` as a live page built as a test fixture (not through the review)."""
    with trusted_publication("test fixture", justification="test fixture"):
        return parent.add_child(instance=page)


def publish_fixture(revision):
    """Publish a page built as a test fixture (not through the review)."""
    with trusted_publication("test fixture", justification="test fixture"):
        revision.publish()


def add_fixture_child(parent, page, publish, reload_draft=False):
    """Add `page` under `parent` with its first revision, published as a
    test fixture if `publish`; read back from the database once published
    (or, with `reload_draft`, in any case)."""
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        publish_fixture(revision)
    if publish or reload_draft:
        page.refresh_from_db()
    return page


def row_counts(*models):
    """How many rows each model has: a snapshot that shows a step changed nothing."""
    return tuple(model.objects.count() for model in models)


def item_named(key):
    return CatalogueItemPage.objects.select_related("office").get(catalogue_key=key)


def make_document(name="附件.pdf", size=2048):
    document = Document(title=name.rsplit(".", 1)[0])
    document.file.save(name, ContentFile(b"%PDF-1.4 " + b"x" * size), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def policy(parent=None, publish=True, **fields):
    parent = parent or item_named("政策文件/规范性文件")
    defaults = {"title": "关于做好2025年义务教育招生入学工作的通知", "issuing_office": parent.office, "live": False}
    defaults.update(fields)
    return add_fixture_child(parent, PolicyDocumentPage(**defaults), publish)


def interpretation(parent, publish=False, **fields):
    defaults = {
        "title": "《关于做好2025年义务教育招生入学工作的通知》政策解读",
        "issuing_office": getattr(parent, "issuing_office", None) or parent.office,
        "form": "qa",
        "questions": [("qa", {"question": "今年招生有什么变化？", "answer": "<p>实行网上报名。</p>"})],
        "live": False,
    }
    defaults.update(fields)
    return add_fixture_child(parent, InterpretationPage(**defaults), publish, reload_draft=True)


def safety_notice(publish=True, days_left=3, **fields):
    parent = item_named("校园安全/安全预警信息")
    now = timezone.now()
    defaults = {
        "title": "关于防范强降雨的安全提示",
        "issuing_office": parent.office,
        "alert_level": "orange",
        "valid_from": now - datetime.timedelta(days=7),
        "valid_until": now + datetime.timedelta(days=days_left),
        "measures": "<ul><li>停止户外活动</li></ul>",
        "affected_areas": "全县中小学校",
        "live": False,
    }
    defaults.update(fields)
    return add_fixture_child(parent, SafetyNoticePage(**defaults), publish)


def edit_form_data(client, url):
    """The POST data the admin edit form at `url` would send unchanged:
    fields, inline formsets with their rows, and StreamFields (sent empty)."""
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if hasattr(value, "pk"):
            value = value.pk
        data[name] = value
    for name, formset in form.formsets.items():
        data[f"{name}-TOTAL_FORMS"] = len(formset.forms)
        data[f"{name}-INITIAL_FORMS"] = len(formset.forms)
        data[f"{name}-MIN_NUM_FORMS"] = 0
        data[f"{name}-MAX_NUM_FORMS"] = 1000
        for index, subform in enumerate(formset.forms):
            for field_name in subform.fields:
                value = subform.instance.pk if field_name == "id" else subform.initial.get(field_name)
                if value is not None:
                    data[f"{name}-{index}-{field_name}"] = value
            data[f"{name}-{index}-ORDER"] = index + 1
    for name in ("body", "attachments", "questions", "graphics", "videos"):
        if name in form.fields:
            data[f"{name}-count"] = 0
            data.pop(name, None)
    return data


def queries_for(url):
    """SQL queries to render `url` with the page cache off, after a first
    request has warmed the per-process and per-generation caches (site root
    paths, content types, the navigation)."""
    from django.conf import settings
    from django.test import override_settings

    with override_settings(PAGE_CACHE={**settings.PAGE_CACHE, "ENABLED": False}):
        client = Client()
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)
