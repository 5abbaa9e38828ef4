"""Every UI string has a Chinese translation, and the compiled catalogues
match their sources."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALES = {"zh_Hans": ROOT / "locale/zh_Hans/LC_MESSAGES", "en": ROOT / "locale/en/LC_MESSAGES"}
# What makemessages skips anyway (--ignore), and what is not source.
UNTRANSLATED_FOLDERS = (
    ".git",
    ".venv",
    "node_modules",
    "var",
    "test-artifacts",
    ".hypothesis",
    ".pytest_cache",
    "*.egg-info",
)


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_matches_source(locale):
    po = polib.pofile(str(LOCALES[locale] / "django.po"))
    mo = polib.mofile(str(LOCALES[locale] / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == (
            entry.msgstr,
            tuple(sorted(entry.msgstr_plural.items())),
        ), entry.msgid


def test_every_string_is_translated_into_chinese():
    po = polib.pofile(str(LOCALES["zh_Hans"] / "django.po"))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == []
    assert len(po.translated_entries()) > 100


def test_catalogue_lists_every_string_in_the_code(tmp_path):
    """Running makemessages would not add anything: no string escapes translation."""
    if shutil.which("xgettext") is None:
        message = "gettext (xgettext) is not installed: cannot check that the catalogues are complete"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # makemessages rewrites the catalogue it finds: run it on a copy of the
    # tree, so that the repository's django.po is never changed, not even
    # for a moment (the other tests of this module read it, maybe at the
    # same time in another pytest-xdist worker).
    tree = tmp_path / "tree"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(*UNTRANSLATED_FOLDERS))
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "zh_Hans",
            "--ignore",
            ".venv/*",
            "--ignore",
            "var/*",
            "--ignore",
            "node_modules/*",
        ],
        cwd=tree,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "edusite.settings.test"},
    )
    regenerated = {e.msgid for e in polib.pofile(str(tree / "locale/zh_Hans/LC_MESSAGES/django.po")) if not e.obsolete}
    committed = {e.msgid for e in polib.pofile(str(LOCALES["zh_Hans"] / "django.po")) if not e.obsolete}
    assert regenerated - committed == set()
