"""The harness itself: every demo role logs in through the real login page
and reaches the Chinese admin; a visitor reads the home page; and a page
that breaks in the browser fails the journey."""

import re

import pytest

from moderation.management.commands.setup_roles import demo_account_specs


@pytest.mark.parametrize("username", [spec[0] for spec in demo_account_specs()])
def test_each_demo_role_logs_in_to_the_chinese_admin(people, username):
    person = people.log_in(username)
    assert person.page.locator("html").get_attribute("lang") == "zh-hans"
    person.page.get_by_role("link", name="控制面板").first.wait_for()


def test_a_visitor_reads_the_home_page_on_a_phone(people, journey_site):
    visitor = people.anonymous(phone=True)
    visitor.goto("/")
    assert visitor.page.locator("html").get_attribute("lang") == "zh-Hans"
    assert visitor.page.get_by_role("heading", level=1).count() == 1


def test_a_console_error_is_reported(people):
    visitor = people.anonymous()
    visitor.goto("/")
    visitor.page.evaluate("console.error('planted by the harness test')")
    assert visitor.problems == [f"console error on {visitor.page.url}: planted by the harness test"]
    visitor.problems.clear()  # the planted error must not fail this test at teardown


def test_a_wrong_password_does_not_log_in(people):
    person = people.anonymous(name="intruder")
    person.goto("/admin/login/")
    person.page.get_by_label("用户名").fill("editor-jichu")
    person.page.get_by_label(re.compile("密码|Password")).fill("wrong")
    person.follow(person.page.get_by_role("button", name="登录"))
    assert "/admin/login/" in person.page.url
    assert person.page.get_by_text("密码不匹配").count() >= 1


def test_a_content_security_policy_violation_is_reported(people):
    visitor = people.anonymous()
    visitor.goto("/")
    visitor.page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s); }"
    )
    visitor.page.wait_for_timeout(300)
    assert any("script-src" in problem for problem in visitor.problems), visitor.problems
    visitor.problems.clear()  # the planted violation must not fail this test at teardown
