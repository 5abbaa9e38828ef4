"""What the tests that need a machine service share: Debian's Chromium
and the CJK fonts, and the rule for when a service is missing — skip
locally with a loud reason, fail under CI=true, so that CI never passes
with a service it did not run."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling Google's
# hosts, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def mark_folder(items, folder, mark, groups=None):
    """Marks the tests under tests/<folder>/ with `mark` and puts them in
    one pytest-xdist group of that name, so that one worker runs them all
    and one live site (and one Chromium) serves them, not one per worker.
    `groups` maps a module's file name to a group of its own: a second
    worker then runs those, with a live site of its own."""
    for item in items:
        if f"tests/{folder}/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(getattr(pytest.mark, mark))
            item.add_marker(pytest.mark.xdist_group((groups or {}).get(item.fspath.basename, mark)))


def require(missing, what):
    """Skip (locally) or fail (under CI=true) when anything is missing."""
    if not missing:
        return
    message = f"{what} NOT RUN — missing: " + "; ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must run them)")
    pytest.skip(message)


def missing_browser():
    """What a test in Chromium needs and this machine lacks."""
    missing = []
    if not CHROMIUM.exists():
        missing.append("Debian's chromium (/usr/bin/chromium): apt-get install chromium")
    fonts = shutil.which("fc-list") and subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    if not (fonts or "").strip():
        missing.append("Chinese fonts: apt-get install fonts-noto-cjk")
    return missing


# Added to every page of the gate and of the journeys: a Content-Security-
# Policy violation is reported on the console as an error (Chromium reports
# most of them there itself; this catches every one, with its directive).
CSP_VIOLATION_LISTENER = """
document.addEventListener('securitypolicyviolation', event => {
    console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
        ' in ' + (event.sourceFile || document.location.href) + ':' + event.lineNumber +
        (event.sample ? ' (' + event.sample + ')' : ''));
}, true);
"""
