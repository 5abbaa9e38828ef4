"""Logging in is throttled and logged (issue 12, finding 7: 30 wrong
passwords for an editor, then the right one, were all accepted), through
the admin's real login page: locked out by user name and by address, told
why and until when in Chinese, every login logged without its password,
and lockouts lifted by a superuser."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "the-right-password-7"


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("editor-x", "editor@example.invalid", PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def security_log():
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("edusite.security")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def log_in(client, username, password, address="203.0.113.7", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def logged_in(client):
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_is_refused_and_says_why_and_until_when(editor, security_log):
    client = Client()
    statuses = [log_in(client, "editor-x", f"wrong-{number}").status_code for number in range(30)]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)  # the login page again, "wrong password"
    assert set(statuses[limit:]) == {429}
    response = log_in(client, "editor-x", PASSWORD)
    assert response.status_code == 429 and not logged_in(client)
    text = response.content.decode()
    assert "登录已暂停" in text and "该账号" in text and f"连续 {limit} 次登录失败" in text
    assert "请于 " in text and "分钟后）再试" in text  # until when
    assert 'value="editor-x"' in text  # the user name is kept in the form
    assert any("login failed: user='editor-x'" in line and "locked out" in line for line in security_log)


def test_one_address_trying_many_user_names_is_locked_out_too(editor):
    client = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"guess-{number}", "123456", address="198.51.100.9")
    response = log_in(client, "editor-x", PASSWORD, address="198.51.100.9")
    assert response.status_code == 429 and "该网络地址已连续" in response.content.decode()
    # The editor, from their own address, logs in.
    other = Client()
    assert log_in(other, "editor-x", PASSWORD, address="192.0.2.44").status_code == 302 and logged_in(other)


def test_a_forged_forwarded_for_header_does_not_change_the_address(editor):
    client = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"guess-{number}", "123456", address="198.51.100.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    response = log_in(client, "guess-x", "123456", address="198.51.100.9", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429


def test_behind_the_configured_proxies_the_address_they_add_counts(editor, settings):
    from django.test import RequestFactory

    from core.security import client_ip

    settings.PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.5")
    assert client_ip(request) == "203.0.113.5"  # the client wrote 10.0.0.1 itself; nginx added 203.0.113.5


def test_every_login_is_logged_without_its_password(editor, security_log):
    client = Client()
    log_in(client, "editor-x", "a-wrong-secret-42")
    assert log_in(client, "editor-x", PASSWORD).status_code == 302 and logged_in(client)
    assert any("login failed: user='editor-x' address=203.0.113.7" in line for line in security_log)
    assert any("login succeeded: user='editor-x' address=203.0.113.7" in line for line in security_log)
    assert AccessLog.objects.filter(username="editor-x").exists()
    assert AccessFailureLog.objects.filter(username="editor-x").exists()
    stored = " ".join(
        str(vars(row)) for model in (AccessAttempt, AccessFailureLog, AccessLog) for row in model.objects.all()
    )
    for secret in ("a-wrong-secret-42", PASSWORD):
        assert secret not in stored and not any(secret in line for line in security_log)
    # A success clears the failures: the next typo does not lock the editor out.
    assert not AccessAttempt.objects.filter(username="editor-x").exists()


def test_a_superuser_lifts_a_lockout_from_the_admin(editor, admin_client):
    client = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor-x", f"wrong-{number}")
    assert log_in(client, "editor-x", PASSWORD).status_code == 429
    page = admin_client.get("/admin/logins/")
    assert page.status_code == 200 and "editor-x" in page.content.decode()
    assert admin_client.post("/admin/logins/", {"username": "editor-x"}).status_code == 302
    admin_client.post("/admin/logins/", {"address": "203.0.113.7"})
    assert log_in(client, "editor-x", PASSWORD).status_code == 302 and logged_in(client)


def test_only_superusers_see_the_logins(editor):
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/logins/").status_code == 302  # Wagtail: to the dashboard with a message
