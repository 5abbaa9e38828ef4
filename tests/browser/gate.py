"""The checks of the browser quality gate, usable on any Playwright page.

Each function returns a list of human-readable problems (empty = pass), so
the tests can report every problem on every page at once."""

import json
import shutil
import subprocess
from pathlib import Path

from tests.services import CHROMIUM, CHROMIUM_ARGS, CSP_VIOLATION_LISTENER, missing_browser  # noqa: F401 (the gate's browser)

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules/axe-core/axe.min.js"
VNU_JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
# Listed explicitly: axe's tags are not cumulative.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

MIN_FONT_PX = 14
MIN_TARGET_PX = 24

FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), "
    "textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)


def missing_tools():
    """What the gate needs and this machine lacks."""
    missing = missing_browser()
    if not AXE_JS.exists() or not VNU_JAR.exists():
        missing.append("axe-core and vnu-jar under node_modules/: npm ci")
    if shutil.which("java") is None:
        missing.append("java for the Nu HTML Checker: apt-get install default-jre-headless")
    return missing


def axe_violations(page):
    """axe-core's violations on the current page, as {rule id: [targets]}.
    axe is evaluated through the DevTools protocol, not added as an inline
    <script> (which the site's Content-Security-Policy refuses)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return {
        violation["id"]: [f"{', '.join(map(str, node['target']))}: {violation['help']}" for node in violation["nodes"]]
        for violation in result["violations"]
    }


def html_errors(paths):
    """Nu HTML Checker errors per file, one JVM for all files."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = {str(path): [] for path in paths}
    for message in messages:
        if message.get("type") in {"error", "non-document-error"} or message.get("subType") == "fatal":
            url = message.get("url", "")
            path = url.removeprefix("file:")
            errors.setdefault(path, []).append(
                f"line {message.get('lastLine', '?')}: {message.get('message')} [{message.get('extract', '').strip()[:80]}]"
            )
    return {path: problems for path, problems in errors.items() if problems}


MOBILE_SCRIPT = """
({minFont, minTarget, focusable}) => {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) {
        const wide = [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > doc.clientWidth + 1)
            .slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
        problems.push(`horizontal overflow: scrollWidth ${doc.scrollWidth} > clientWidth ${doc.clientWidth} (${wide.join(', ')})`);
    }
    const viewport = document.querySelector('meta[name=viewport]');
    if (!viewport || !/width=device-width/.test(viewport.content)) problems.push('no viewport meta with width=device-width');
    const visible = el => {
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') return false;
        const rect = el.getBoundingClientRect();
        return rect.width > 1 && rect.height > 1;
    };
    for (const el of document.querySelectorAll('body *')) {
        const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!hasText || !visible(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < minFont) problems.push(`text smaller than ${minFont}px (${size}px): ${el.tagName.toLowerCase()} “${el.textContent.trim().slice(0, 20)}”`);
    }
    for (const el of document.querySelectorAll(focusable)) {
        if (!visible(el)) continue;
        const rect = el.getBoundingClientRect();
        if (rect.bottom < 0 || rect.right < 0) continue;  // off-screen until focused (skip link)
        // WCAG 2.5.8 exception: a link inside a sentence is sized by its line of text.
        const inline = getComputedStyle(el).display === 'inline' &&
            [...el.parentElement.childNodes].some(n => n !== el && n.nodeType === 3 && n.textContent.trim());
        if (inline) continue;
        if (rect.width < minTarget || rect.height < minTarget) {
            problems.push(`tap target smaller than ${minTarget}×${minTarget}px (${Math.round(rect.width)}×${Math.round(rect.height)}): ${el.tagName.toLowerCase()} “${(el.textContent || el.name || '').trim().slice(0, 20)}”`);
        }
    }
    return problems;
}
"""


def mobile_problems(page):
    return page.evaluate(MOBILE_SCRIPT, {"minFont": MIN_FONT_PX, "minTarget": MIN_TARGET_PX, "focusable": FOCUSABLE})


FOCUS_STYLE_SCRIPT = """
el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); }
"""

DESCRIBE_SCRIPT = """
el => el ? (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' “' + (el.textContent || el.value || el.name || '').trim().slice(0, 30) + '”') : 'nothing'
"""

TAB_ORDER_SCRIPT = """
focusable => [...document.querySelectorAll(focusable)].filter(el => {
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && el.getClientRects().length > 0 && el.tabIndex >= 0;
})
"""


def keyboard_problems(page):
    """Tab from the top: the skip link first, then every interactive element
    in document order, each with a visible focus indicator."""
    problems = []
    expected = page.evaluate_handle(TAB_ORDER_SCRIPT, FOCUSABLE)
    count = page.evaluate("list => list.length", expected)
    elements = [page.evaluate_handle("([list, i]) => list[i]", [expected, i]).as_element() for i in range(count)]
    unfocused = [element.evaluate(FOCUS_STYLE_SCRIPT) for element in elements]
    if page.evaluate("[...document.querySelectorAll('[tabindex]')].some(el => el.tabIndex > 0)"):
        problems.append("positive tabindex breaks the natural order")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for index, element in enumerate(elements):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if not page.evaluate("([a, b]) => a === b", [focused, element]):
            problems.append(
                f"Tab stop {index + 1}: expected {element.evaluate(DESCRIBE_SCRIPT)}, got {focused.evaluate(DESCRIBE_SCRIPT)}"
            )
            break
        if index == 0 and "skip-link" not in (element.get_attribute("class") or ""):
            problems.append(f"the first Tab stop is {element.evaluate(DESCRIBE_SCRIPT)}, not the skip link")
        if element.evaluate(FOCUS_STYLE_SCRIPT) == unfocused[index]:
            problems.append(f"no visible focus indicator on {element.evaluate(DESCRIBE_SCRIPT)}")
    return problems, count


CJK_GLYPH_SCRIPT = """
() => {
    // Draw a Chinese character and a code point no font has (tofu). If the
    // two look the same, Chinese is being drawn as boxes.
    const draw = text => {
        const canvas = document.createElement('canvas');
        canvas.width = 64; canvas.height = 64;
        const ctx = canvas.getContext('2d');
        ctx.font = '48px ' + getComputedStyle(document.body).fontFamily;
        ctx.fillText(text, 4, 52);
        return ctx.getImageData(0, 0, 64, 64).data.join(',');
    };
    const tofu = draw('\\u{10FFFD}');
    const chars = ['教', '育', '公', '开'].map(draw);
    return chars.every(c => c !== tofu && c !== draw(' ')) && new Set(chars).size === chars.length;
}
"""


def renders_chinese_glyphs(page):
    return page.evaluate(CJK_GLYPH_SCRIPT)


def watch_csp(page):
    """A list that collects every Content-Security-Policy violation on `page`
    from now on: Chromium's console reports and the page's
    securitypolicyviolation events."""
    found = []

    def on_console(message):
        text = message.text
        if "Content Security Policy" in text or text.startswith("CSP violation:"):
            found.append(f"{page.url}: {text[:300]}")

    page.on("console", on_console)
    page.context.add_init_script(CSP_VIOLATION_LISTENER)
    return found
