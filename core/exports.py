"""Spreadsheet formula injection (CSV injection): a cell that begins with
=, +, -, @, a tab or a carriage return may be run as a formula by the
spreadsheet program that opens an exported file (=HYPERLINK(…) sends the
reader to another site, +cmd|…!A0 starts a program).

- Imports refuse such cells (`looks_like_formula`), with a clear message.
- Every CSV and XLSX export escapes them by OWASP's rule: a leading ' makes
  the cell text (`escape_formula`). The site's own exports call it; every
  export of the Wagtail admin (reports, listings, wagtail-modeladmin,
  form submissions) goes through Wagtail's SpreadsheetExportMixin, which
  `protect_admin_exports` makes escape too (called once at start-up)."""

import re

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_RE = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def escape_formula(value):
    """`value` with a leading ' if it is text that a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def looks_like_formula(text):
    """True for text (a cell of an imported file) that a spreadsheet would
    run as a formula; a plain signed number such as -3 is not one."""
    stripped = (text or "").strip()
    if not stripped or not (text.startswith(FORMULA_STARTS) or stripped.startswith(FORMULA_STARTS)):
        return False
    return not _NUMBER_RE.fullmatch(stripped)


def protect_admin_exports():

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "escapes_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(original(self, field, value, export_format))

    preprocess_field_value.escapes_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
