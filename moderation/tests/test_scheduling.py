"""Scheduled publishing and expiry (go-live and expiry dates)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Revision

from core import generation
from disclosure.models import PolicyDocumentPage
from disclosure.tests.helpers import item_named, policy

from .review import people  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def listed(item, title):
    return title in Client().get(item.url).content.decode()


def test_an_approved_page_with_a_future_go_live_date_waits_for_publish_scheduled(people):
    """The last step approves a page to go live in two hours: it goes live
    when publish_scheduled runs after that time, with that approved revision."""
    from .review import dashboard_action, draft_policy, submit

    item = item_named("招生管理/招生政策")
    go_live = timezone.now() + datetime.timedelta(hours=2)
    page, _companion = draft_policy("定时发布的通知", people["editor"], go_live_at=go_live)
    submit(people["editor"], page)
    for role in ("reviewer", "secrecy", "leader"):
        assert dashboard_action(people[role], page, "approve").status_code == 302
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    assert not page.live and page.index_number is None and not listed(item, "定时发布的通知")
    call_command("publish_scheduled", stdout=io.StringIO())
    assert not PolicyDocumentPage.objects.get(pk=page.pk).live  # not yet
    # Let the two hours pass: move the approved go-live time into the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = page.get_latest_revision()
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", stdout=io.StringIO())
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    assert page.live and page.index_number and listed(item, "定时发布的通知")


def test_a_scheduled_revision_the_review_did_not_approve_is_not_published(people):
    """A revision scheduled outside the review (here written straight into
    the database) is reported and unscheduled by publish_scheduled."""
    page = policy(parent=item_named("招生管理/招生政策"), publish=False, title="绕过审核定时发布的通知")
    revision = page.get_latest_revision()
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    errors = io.StringIO()
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=errors)
    assert not PolicyDocumentPage.objects.get(pk=page.pk).live
    assert "领导审签" in errors.getvalue()
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is None


def test_an_expired_page_leaves_listings_at_once_and_is_unpublished_by_the_timer(home):
    item = item_named("政策文件/规范性文件")
    page = policy(parent=item, title="将要过期的通知")
    assert listed(item, "将要过期的通知") and "将要过期的通知" in Client().get(home.url).content.decode()
    PolicyDocumentPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    generation.bump()  # a write that sends no signal says so, or cached pages would not know (docs/caching.md)
    assert not listed(item, "将要过期的通知")
    assert "将要过期的通知" not in Client().get(home.url).content.decode()
    call_command("publish_scheduled")
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    assert not page.live and page.expired
