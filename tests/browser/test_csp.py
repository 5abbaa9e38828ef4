"""Content-Security-Policy in Chromium (issue 12, finding 8): every public
page has the strict policy and breaks none of it (the gate's pages fail on
any violation, see conftest.py); the Wagtail admin works under its own
policy — its pages and editors, choosers and previews open without a
single violation; and the gate itself notices a violation."""

import json
import re

import pytest

from . import gate

ADMIN_USER, ADMIN_PASSWORD = "gate-admin", "gate-admin-password-1"

PAGE_IDS = (
    "import json; from wagtail.models import Page; seen = {}\n"
    "for page in Page.objects.filter(depth__gt=1).select_related('content_type').order_by('path'):\n"
    "    seen.setdefault(page.content_type.model, page.pk)\n"
    "print(json.dumps(seen))"
)
ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/search/?q=%E6%8B%9B%E7%94%9F",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/documents/multiple/add/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/reports/locked/",
    "/admin/reports/site-history/",
    "/admin/reports/search/",
    "/admin/reports/workflow/",
    "/admin/catchment/import/",
    "/admin/catchment/export/",
    "/admin/jobs/",
    "/admin/logins/",
    "/admin/search/synonymgroup/",
    "/admin/search/synonymgroup/create/",
    "/admin/search/rebuild/",
    "/admin/searchpicks/",
    "/admin/searchpicks/add/",
    "/admin/workflows/list/",
    "/admin/workflows/add/",
    "/admin/redirects/",
    "/admin/disclosure/office/",
    "/admin/disclosure/school/create/",
    "/admin/account/",
]


@pytest.fixture(scope="module")
def admin_page(browser, gate_site):
    gate_site.manage(
        "shell",
        "-c",
        f"from django.contrib.auth import get_user_model; User = get_user_model(); "
        f"User.objects.filter(username='{ADMIN_USER}').exists() or "
        f"User.objects.create_superuser('{ADMIN_USER}', 'gate@example.invalid', '{ADMIN_PASSWORD}')",
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", base_url=gate_site.base)
    page = context.new_page()
    violations = gate.watch_csp(page)
    page.goto("/admin/login/")
    page.fill("input[name=username]", ADMIN_USER)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    yield page, violations
    context.close()


def visit(page, path):
    response = page.goto(path, wait_until="networkidle")
    assert response is not None and response.status == 200, f"{path}: {response.status if response else None}"
    return response


def test_every_public_page_answers_with_the_strict_policy(desktop, live_site, public_urls):
    for name, path in public_urls:
        response = desktop.request.get(live_site + path)
        policy = response.headers.get("content-security-policy", "")
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if " " in part.strip())
        assert directives.get("script-src") == "'self'", (name, policy)
        assert directives.get("style-src") == "'self'", (name, policy)
        assert directives.get("default-src") == "'none'" and directives.get("frame-ancestors") == "'none'", (
            name,
            policy,
        )
        assert "unsafe" not in policy and "nonce" not in policy, (name, policy)
        assert "camera=()" in response.headers.get("permissions-policy", ""), name


def test_the_admin_works_under_its_policy(admin_page, gate_site):
    page, violations = admin_page
    ids = json.loads(gate_site.manage("shell", "-c", PAGE_IDS).strip().splitlines()[-1])
    paths = ADMIN_PAGES + [f"/admin/pages/{pk}/edit/" for pk in ids.values()]
    paths += [f"/admin/pages/{ids['catalogueitempage']}/", f"/admin/pages/{ids['policydocumentpage']}/history/"]
    for path in paths:
        response = visit(page, path)
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy and "'unsafe-eval'" not in policy, (path, policy)
    assert not violations, "CSP violations in the admin:\n" + "\n".join(violations)


def test_admin_editors_choosers_and_previews_break_nothing(admin_page, gate_site):
    page, violations = admin_page
    ids = json.loads(gate_site.manage("shell", "-c", PAGE_IDS).strip().splitlines()[-1])
    # A policy document: the rich-text editor, a page chooser, the preview.
    visit(page, f"/admin/pages/{ids['policydocumentpage']}/edit/")
    page.get_by_role("button", name=re.compile("选择一个页面|选择页面|Choose a page")).first.click()
    page.get_by_role("dialog").wait_for()
    page.keyboard.press("Escape")
    visit(page, f"/admin/pages/{ids['policydocumentpage']}/edit/preview/")
    # A zone: its inline panel of rules, with a new row added.
    visit(page, f"/admin/pages/{ids['enrolmentzonepage']}/edit/")
    rows = page.locator("[id^='inline_child_rules-']").count()
    page.locator("#id_rules-ADD").click()
    page.wait_for_function(f"document.querySelectorAll('[id^=inline_child_rules-]').length > {rows}")
    # An image upload form and a document chooser.
    visit(page, "/admin/images/multiple/add/")
    assert not violations, "CSP violations in the admin:\n" + "\n".join(violations)


def test_the_gate_notices_a_violation(browser, live_site):
    context = browser.new_context()
    try:
        page = context.new_page()
        found = gate.watch_csp(page)
        page.goto(live_site + "/")
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s); }"
        )
        page.wait_for_timeout(300)
        assert any("script-src" in line for line in found), found
        assert page.evaluate("typeof window.x") == "undefined"  # and the script did not run
    finally:
        context.close()
