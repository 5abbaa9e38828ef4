"""Background jobs (core.jobs) through the admin's own URLs: the progress
page survives a reload and answers as JSON for its script, a failed job
applied nothing and says why, only the people concerned see a job, a
queued job that waits too long and a job that stopped reporting are
flagged; the search rebuild runs as a job. The real worker process is
exercised by tests/journeys/test_background_import.py."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.test import Client
from django.utils import timezone

from core import jobs
from core.models import Job

pytestmark = pytest.mark.django_db


@jobs.register("tests.write_then_fail", label="write, then fail")
def write_then_fail(job, progress):
    progress.step("writing groups", total=3)
    with transaction.atomic():
        for number in range(3):
            Group.objects.create(name=f"job-group-{number}")
            progress.advance()
        raise RuntimeError("the disk is full")


@jobs.register("tests.refuse", label="refuse")
def refuse(job, progress):
    raise jobs.JobFailed(["第3行：学校缺失。", "第9行：年度不是数字。"])


@jobs.register("tests.succeed", label="succeed")
def succeed(job, progress):
    progress.step("counting", total=2)
    progress.advance(2)
    return {"counted": 2}


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def admin_user(admin_client):
    return get_user_model().objects.get(username="test-admin")


def test_a_job_that_fails_applies_nothing_and_the_page_says_so(admin_client, admin_user):
    job = jobs.start("tests.write_then_fail", user=admin_user, title="会失败的任务")
    url = f"/admin/jobs/{job.pk}/"
    assert "等待后台任务进程处理" in text(admin_client.get(url))
    assert jobs.run_queued() == 1
    assert not Group.objects.filter(name__startswith="job-group-").exists()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.payload is None
    page = text(admin_client.get(url))
    assert "失败：未做任何更改" in page and "未做任何更改；错误已记录在日志中" in page


def test_a_refused_job_lists_its_problems(admin_client, admin_user):
    job = jobs.start("tests.refuse", user=admin_user, title="被拒绝的任务")
    jobs.run_queued()
    page = text(admin_client.get(f"/admin/jobs/{job.pk}/"))
    assert "第3行：学校缺失。" in page and "第9行：年度不是数字。" in page


def test_the_progress_page_survives_a_reload_and_answers_its_script(admin_client, admin_user):
    job = jobs.start("tests.succeed", user=admin_user, title="计数")
    url = f"/admin/jobs/{job.pk}/"
    first, again = admin_client.get(url), admin_client.get(url)

    def progress(response):
        return re.search(r'<section class="job-progress".*?</section>', response.content.decode(), re.S).group(0)

    assert progress(first) == progress(again) and "计数" in text(first)
    assert 'src="/static/js/job-progress.js"' in first.content.decode()
    state = admin_client.get(url, {"format": "json"}).json()
    assert state == {
        "status": "queued",
        "status_label": "等待后台任务进程处理",
        "step": "",
        "done": 0,
        "total": 0,
        "percent": None,
        "finished": False,
    }
    jobs.run_queued()
    state = admin_client.get(url, {"format": "json"}).json()
    assert state["finished"] and state["done"] == state["total"] == 2 and state["percent"] == 100
    assert "job-progress.js" not in admin_client.get(url).content.decode()
    assert "计数" in text(admin_client.get("/admin/jobs/"))


def test_only_the_person_who_started_a_job_and_superusers_see_it(admin_user):
    owner = get_user_model().objects.create_user("owner", password="pw", is_staff=True)
    other = get_user_model().objects.create_user("other", password="pw")
    for user in (owner, other):
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    job = jobs.start("tests.succeed", user=owner, title="我的任务")
    url = f"/admin/jobs/{job.pk}/"
    clients = {}
    for user in (owner, other, admin_user):
        clients[user.username] = Client()
        clients[user.username].force_login(user)
    assert clients["owner"].get(url).status_code == 200
    assert clients["other"].get(url).status_code == 404
    assert "我的任务" not in clients["other"].get("/admin/jobs/").content.decode()
    assert clients["test-admin"].get(url).status_code == 200
    assert Client().get(url).status_code == 302  # anonymous: to the login page


def test_a_job_waiting_long_or_silent_for_long_is_flagged(admin_client, admin_user):
    job = jobs.start("tests.succeed", user=admin_user, title="等待中")
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    assert "后台任务进程可能没有运行" in text(admin_client.get(f"/admin/jobs/{job.pk}/"))
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=30))
    assert "后台任务进程可能已停止" in text(admin_client.get(f"/admin/jobs/{job.pk}/"))
