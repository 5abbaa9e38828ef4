"""Every string of Wagtail's admin has Chinese: Wagtail's zh-Hans catalogue
lacks some, and locale/wagtail supplies them (LOCALE_PATHS precede the apps'
catalogues). `missing_strings()` lists Wagtail's strings (from its English
catalogues, which hold every msgid) that no active catalogue translates."""

import glob
import os

import polib
from django.apps import apps
from django.utils import translation
from django.utils.translation import trans_real
from django.views.i18n import JavaScriptCatalog

LANGUAGE = "zh-hans"


def wagtail_catalogues():
    """The English catalogues of the installed Wagtail apps."""

    paths = []
    for app in apps.get_app_configs():
        if app.name == "wagtail" or app.name.startswith("wagtail."):
            paths += glob.glob(os.path.join(app.path, "locale", "en", "LC_MESSAGES", "*.po"))
    return sorted(paths)


def _translated(catalog, entry):
    key = entry.msgid if not entry.msgctxt else f"{entry.msgctxt}\x04{entry.msgid}"
    if entry.msgid_plural:
        return (key, 0) in catalog
    return key in catalog


def missing_strings(language=LANGUAGE):
    """[(domain, msgid)] of Wagtail's strings without a translation."""
    with translation.override(language):
        django_catalog = trans_real.translation(language)._catalog
        js = JavaScriptCatalog()
        js.translation = trans_real.DjangoTranslation(language, domain="djangojs")
        js_catalog = js.translation._catalog
    missing = []
    for path in wagtail_catalogues():
        domain = os.path.basename(path)[:-3]
        catalog = js_catalog if domain == "djangojs" else django_catalog
        for entry in polib.pofile(path):
            if not entry.obsolete and not _translated(catalog, entry):
                missing.append((domain, entry.msgid))
    return missing
