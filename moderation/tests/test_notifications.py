"""Workflow notifications go, in Chinese, to the people who can act on the
step (the step's group), with a link to the page in the admin (issue 11,
item 14)."""

import pytest
from django.core import mail
from django.test import override_settings

from .review import dashboard_action, draft_policy, people, submit  # noqa: F401

pytestmark = pytest.mark.django_db


def recipients():
    return sorted({address for message in mail.outbox for address in message.to})


@override_settings(WAGTAILADMIN_BASE_URL="https://gk.example.gov.cn")
def test_each_step_notifies_its_group_in_chinese_with_a_link(people):
    page, _companion = draft_policy("通知邮件的通知", people["editor"])
    mail.outbox.clear()
    submit(people["editor"], page)
    assert recipients() == sorted([people["reviewer"].user.email, people["reviewer2"].user.email])
    message = mail.outbox[0]
    assert "通知邮件的通知" in message.subject and any("\u4e00" <= char <= "\u9fff" for char in message.subject)
    assert f"https://gk.example.gov.cn/admin/pages/{page.pk}/" in message.body
    assert people["superuser"].user.email not in recipients()
    mail.outbox.clear()
    dashboard_action(people["reviewer"], page, "approve")
    assert recipients() == [people["secrecy"].user.email]
    mail.outbox.clear()
    dashboard_action(people["secrecy"], page, "reject", comment="请删除手机号")
    assert recipients() == [people["editor"].user.email]
    assert "请删除手机号" in mail.outbox[0].body


def test_development_prints_mail_on_the_console():
    import subprocess
    import sys

    code = "from django.conf import settings; import django; django.setup(); print(settings.EMAIL_BACKEND)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "edusite.settings.dev"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend", result.stderr
