"""The screens whose parts are now declared once and looped over — the
zone page's rule sections, the application form's sections, the login
history's two tables — as people see them on a 375 px phone: every part
in its order, under its heading, nothing wider than the screen."""

import json
import re

import pytest

pytestmark = pytest.mark.journey

NO_OVERFLOW = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def headings(page, selector):
    return [text.strip() for text in page.locator(selector).all_inner_texts()]


def test_a_parent_reads_a_zones_rules_by_section(people, journey_site):
    url = json.loads(
        journey_site.manage(
            "shell",
            "-c",
            "import json; from disclosure.models import EnrolmentZonePage as Z;"
            "z = Z.objects.live().filter(rules__rule='include').filter(rules__rule='boundary').distinct().first();"
            "print(json.dumps(z.url))",
        ).splitlines()[-1]
    )
    parent = people.anonymous(phone=True, name="parent")
    parent.goto(url)
    rules = parent.page.get_by_role("region", name="划片范围内的街道和地点")
    sections = headings(parent.page, "section[aria-labelledby=zone-rules] h3")
    assert sections[:1] == ["包含"] and "边界" in sections, sections
    assert rules.locator("#zone-rules-include + ul.zone-rules--include li").count() >= 1
    boundary = rules.locator("#zone-rules-boundary ~ p.notice").first
    assert "边界" in boundary.inner_text() and boundary.is_visible()
    assert parent.page.evaluate(NO_OVERFLOW)
    parent.screenshot("zone-rule-sections-375")


def test_an_applicant_fills_the_form_section_by_section(people):
    applicant = people.anonymous(phone=True, name="applicant")
    applicant.goto("/yishenqing/")
    form = applicant.page.locator("main form.request-form")
    assert headings(applicant.page, "form.request-form h2.form-section") == [
        "一、申请人信息",
        "二、联系方式",
        "三、所需政府信息",
    ]
    assert form.locator("h2.form-section + p.form-hint").inner_text() == "至少填写一项。"
    # Each field under its section, in order: the name before the phone before the description.
    boxes = [form.locator(selector).bounding_box()["y"] for selector in ("#id_name", "#id_phone", "#id_description")]
    assert boxes == sorted(boxes), boxes
    assert applicant.page.evaluate(NO_OVERFLOW)
    applicant.screenshot("application-sections-375")


def test_the_administrator_reads_the_login_history_on_a_phone(people, journey_site):
    journey_site.manage("load_demo", "--demo-admin", settings="edusite.settings.dev")
    intruder = people.anonymous(name="intruder")
    intruder.goto("/admin/login/")
    intruder.page.get_by_label("用户名").fill("journey-nobody")
    intruder.page.get_by_label(re.compile("密码|Password")).fill("wrong")
    intruder.follow(intruder.page.get_by_role("button", name="登录"))

    admin = people.log_in("admin", phone=True)
    admin.goto("/admin/logins/")
    assert headings(admin.page, "main h2") == ["当前被锁定", "最近的登录失败记录", "最近的成功登录记录"]
    failures = admin.page.get_by_role("table", name="最近的登录失败记录")
    assert failures.get_by_role("columnheader", name="是否锁定").count() == 1
    assert failures.get_by_role("row", name=re.compile("journey-nobody")).count() >= 1
    logins = admin.page.get_by_role("table", name="最近的成功登录记录")
    assert logins.get_by_role("row", name=re.compile("admin")).count() >= 1
    admin.screenshot("login-history-375")
