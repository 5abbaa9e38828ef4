"""Scheduled publishing and expiry (go-live and expiry dates)."""
import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core import generation
from disclosure.models import PolicyDocumentPage
from disclosure.tests.helpers import item_named, policy

pytestmark = pytest.mark.django_db


def listed(item, title):
    return title in Client().get(item.url).content.decode()


def test_a_page_with_a_future_go_live_date_waits_for_publish_scheduled():
    item = item_named("政策文件/规范性文件")
    page = policy(parent=item, publish=False, title="定时发布的通知")
    page.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    revision = page.save_revision()
    revision.publish()
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    assert not page.live and page.index_number is None and not listed(item, "定时发布的通知")
    call_command("publish_scheduled")
    assert not PolicyDocumentPage.objects.get(pk=page.pk).live  # not yet
    # Let the two hours pass: move the approved go-live time into the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    assert page.live and page.index_number and listed(item, "定时发布的通知")


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
