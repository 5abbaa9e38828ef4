"""Rebuilding the search indexes from the admin runs as a background job
(core.jobs), for the roles that may."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from core import jobs
from core.models import Job
from disclosure.models import Office
from moderation.roles import editor_group_name, setup_roles
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_rebuilding_the_search_indexes_runs_as_a_job(admin_client):
    response = admin_client.post("/admin/search/rebuild/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/jobs/")
    assert jobs.run_queued() == 1
    page = text(admin_client.get(response["Location"]))
    assert f"检索索引已重建：{SearchDocument.objects.count()} 个已发布页面可被检索" in page


def test_office_editors_may_not_rebuild_the_search_indexes():
    setup_roles()
    user = get_user_model().objects.create_user("editor-x", password="pw")
    user.groups.add(Group.objects.get(name=editor_group_name(Office(name="基础教育科"))))
    client = Client()
    client.force_login(user)
    assert client.post("/admin/search/rebuild/").status_code == 302  # Wagtail: to the dashboard with a message
    assert not Job.objects.filter(kind="search.rebuild").exists()
