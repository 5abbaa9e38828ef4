"""The browser quality gate: every public page type, found in the page tree,
is checked in Debian's Chromium for accessibility (axe-core), valid HTML
(Nu HTML Checker), mobile layout and keyboard use; screenshots are kept in
test-artifacts/screenshots/."""

from pathlib import Path
from urllib.parse import unquote

import pytest

from . import gate
from .conftest import SCREENSHOTS

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def visit(page, base, path, expected_status=None):
    response = page.goto(base + path, wait_until="load")
    status = response.status if response else None
    assert status == (expected_status or (404 if "no-such-page" in path else 200)), f"{path}: HTTP {status}"
    return page


def report(problems):
    return "\n".join(f"{name}: {problem}" for name, items in problems.items() for problem in items)


def axe_problems(page, live_site, public_urls):
    """axe-core's violations on each public URL, by page."""
    problems = {}
    for name, path in public_urls:
        visit(page, live_site, path)
        for rule, nodes in gate.axe_violations(page).items():
            problems.setdefault(f"{name} {unquote(path)}", []).extend(f"{rule} — {node}" for node in nodes)
    return problems


def test_every_page_type_has_a_live_demo_page(page_samples):
    """A new page type must come with demo content, so that the gate checks it."""
    assert page_samples["missing"] == [], "page types without a live demo page: " + ", ".join(page_samples["missing"])
    assert {"home.homepage", "disclosure.catalogueitempage"} <= {p["type"] for p in page_samples["pages"]}


def test_axe_finds_no_violations(desktop, live_site, public_urls):
    problems = axe_problems(desktop, live_site, public_urls)
    assert not problems, "axe-core violations:\n" + report(problems)


def test_axe_finds_no_violations_on_phones(phone, live_site, public_urls):
    problems = axe_problems(phone, live_site, public_urls)
    assert not problems, "axe-core violations:\n" + report(problems)


def test_html_is_valid(desktop, live_site, public_urls, tmp_path):
    files = {}
    for index, (name, path) in enumerate(public_urls):
        visit(desktop, live_site, path)
        # The HTML as served (not the DOM after scripts ran).
        response = desktop.request.get(live_site + path)
        file = tmp_path / f"page-{index}.html"
        file.write_bytes(response.body())
        files[str(file)] = f"{name} {unquote(path)}"
    errors = gate.html_errors(list(files))
    problems = {files.get(path, path): messages for path, messages in errors.items()}
    assert not problems, "Nu HTML Checker errors:\n" + report(problems)


def test_mobile_layout(phone, live_site, public_urls):
    problems = {}
    for name, path in public_urls:
        visit(phone, live_site, path)
        found = gate.mobile_problems(phone)
        if found:
            problems[f"{name} {unquote(path)}"] = found
    assert not problems, "mobile layout problems:\n" + report(problems)


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_keyboard_reaches_everything_in_order_with_visible_focus(desktop, live_site, path):
    visit(desktop, live_site, path)
    problems, count = gate.keyboard_problems(desktop)
    assert count > 15  # skip link, search, language, navigation, content and footer links
    assert not problems, "keyboard problems:\n" + "\n".join(problems)


def test_skip_link_moves_focus_to_the_main_content(desktop, live_site):
    visit(desktop, live_site, "/catalogue/")
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.className") == "skip-link"
    assert desktop.evaluate("document.activeElement.getBoundingClientRect().top >= 0")  # visible when focused
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("document.activeElement.id") == "main"


def test_screenshots_of_every_page_type_show_chinese_glyphs(browser, live_site, page_samples):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN", device_scale_factor=1)
        page = context.new_page()
        try:
            for sample in page_samples["pages"]:
                visit(page, live_site, sample["url"])
                assert gate.renders_chinese_glyphs(page), f"{sample['type']}: Chinese renders as boxes"
                page.screenshot(path=str(SCREENSHOTS / f"{sample['type']}-{width}.png"), full_page=True)
        finally:
            context.close()
    assert len(list(SCREENSHOTS.glob("*.png"))) >= 2 * len(page_samples["pages"])


# ---- the gate checks itself ------------------------------------------------


def test_the_gate_reports_exactly_the_broken_fixtures_violations(browser, gate_tools):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        page.set_content((FIXTURES / "broken.html").read_text(encoding="utf-8"))
        violations = gate.axe_violations(page)
        assert set(violations) == {"image-alt", "label"}, violations
        assert len(violations["image-alt"]) == 1 and len(violations["label"]) == 1
    finally:
        context.close()


def test_the_gate_reports_invalid_html(gate_tools):
    errors = gate.html_errors([FIXTURES / "invalid.html"])
    messages = " ".join(next(iter(errors.values()))) if errors else ""
    assert "Duplicate ID" in messages
    assert "not allowed as child of element “ul”" in messages


def test_the_gate_reports_a_page_that_overflows_on_phones(browser, gate_tools):
    context = browser.new_context(viewport={"width": 320, "height": 740}, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    try:
        page.set_content(
            '<!DOCTYPE html><html lang="zh-Hans"><head><meta name="viewport" content="width=device-width">'
            '<title>t</title></head><body><p style="width:500px;font-size:12px">太宽</p>'
            '<a href="#" style="display:inline-block;width:10px;height:10px;font-size:16px"></a></body></html>'
        )
        problems = " ".join(gate.mobile_problems(page))
        assert "horizontal overflow" in problems
        assert "text smaller than 14px" in problems
        assert "tap target smaller than 24×24px" in problems
    finally:
        context.close()


def test_the_gate_reports_a_missing_focus_indicator(browser, gate_tools):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.set_content(
            '<!DOCTYPE html><html lang="en"><head><title>t</title><style>a:focus{outline:none}</style></head>'
            '<body><a class="skip-link" href="#m">skip</a><main id="m"><a href="#x">x</a></main></body></html>'
        )
        problems, _count = gate.keyboard_problems(page)
        assert any("no visible focus indicator" in p for p in problems), problems
    finally:
        context.close()
