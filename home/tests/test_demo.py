"""load_demo: idempotent, and the admin account is local-only."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Site

from core.models import BureauSettings
from home.demo import DEMO_ADMIN_USERNAME, load_demo_site
from home.models import GuidePage, HomePage

pytestmark = pytest.mark.django_db


def test_demo_site_is_complete(home):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk
    assert Site.objects.count() == 1
    assert HomePage.objects.count() == 1
    assert GuidePage.objects.live().count() == 1
    assert BureauSettings.for_site(site).bureau_name == "示例县教育局"


def test_second_load_creates_nothing():
    pages = Page.objects.count()
    assert load_demo_site() == []
    assert Page.objects.count() == pages


def test_demo_admin_created_once_and_printed():
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("load_demo", "--demo-admin", stdout=out)
        call_command("load_demo", "--demo-admin", stdout=out)
    assert get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).count() == 1
    assert "local-demo-only" in out.getvalue()
    assert "仅限本机" in out.getvalue()


def test_demo_admin_refused_without_debug():
    with pytest.raises(CommandError):
        call_command("load_demo", "--demo-admin", stdout=StringIO())
    assert not get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).exists()


def test_demo_admin_can_log_in(client):
    with override_settings(DEBUG=True):
        call_command("load_demo", "--demo-admin", stdout=StringIO())
    response = client.post("/admin/login/", {"username": "admin", "password": "local-demo-only"})
    assert response.status_code == 302
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert 'lang="zh-hans"' in dashboard.content.decode().lower()
