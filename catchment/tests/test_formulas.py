"""Spreadsheet formula injection (issue 12, finding 6): formula cells are
refused on import with a clear message, and every CSV/XLSX export escapes
cells that a spreadsheet would run (OWASP: a leading ')."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from core.exports import escape_formula, looks_like_formula
from core.tests import hostile_files
from disclosure.models import EnrolmentZonePage, Office, School, ZoneRule
from disclosure.tests.helpers import publish_fixture

from .test_admin import IMPORT, page_text

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://evil.example/","点击")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3+cmd|' /C calc'!A0"]


@pytest.mark.parametrize("column", ["学校", "名称"])
@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_cell_is_refused_on_import_with_a_clear_message(admin_client, formula, column):
    data = hostile_files.csv_rows(hostile_files.formula_zone_rows(formula, column))
    response = admin_client.post(IMPORT, {"file": SimpleUploadedFile("zones.csv", data), "mode": "draft"})
    assert response.status_code == 200
    text = page_text(response)
    assert f"{column}：" in text and "会被电子表格软件当作公式执行" in text
    assert 'name="payload"' not in response.content.decode()  # nothing can be applied
    assert not School.objects.filter(name=formula).exists()


def test_a_formula_in_an_xlsx_cell_is_refused():
    from catchment.spreadsheet import read_table
    from core.spreadsheets import SpreadsheetError

    with pytest.raises(SpreadsheetError, match="公式"):
        read_table(hostile_files.xlsx_with_formula(), "zones.xlsx")


def test_plain_numbers_and_ordinary_text_are_not_formulas():
    assert not looks_like_formula("-3") and not looks_like_formula("12") and not looks_like_formula("东风路")
    assert looks_like_formula(" =1+1") and looks_like_formula("\t=1+1") and looks_like_formula("-1+cmd")
    assert escape_formula("=1+1") == "'=1+1" and escape_formula("东风路") == "东风路" and escape_formula(3) == 3


def zone_with_formula(formula):
    """A published zone whose school and rule carry `formula`, typed in the page editor (not imported)."""
    page = EnrolmentZonePage.objects.live().filter(year=2017).select_related("school").first()
    school = page.school
    school.name = formula
    school.save()
    page.rules = [ZoneRule(rule="include", kind="street", name=formula, note="@SUM(1+1)")]
    publish_fixture(page.save_revision())
    return page


def csv_cells(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def test_the_public_and_the_admin_zone_csv_escape_formulas(admin_client):
    formula = FORMULAS[0]
    zone_with_formula(formula)
    for response in (Client().get("/catchment/zones/2017.csv"), admin_client.get("/admin/catchment/export/?year=2017")):
        assert response.status_code == 200
        cells = csv_cells(response)
        assert "'" + formula in cells and "'@SUM(1+1)" in cells
        assert formula not in cells
        assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_admin_listing_and_report_exports_escape_formulas(admin_client, export):
    Office.objects.create(name='=HYPERLINK("http://evil.example/","点击")', sort_order=99)
    School.objects.create(name="@SUM(1+1)", stage="primary")
    Client().get("/search/", {"q": "+cmd|' /C calc'!A0"})  # the query log holds what visitors typed
    for url in ("/admin/disclosure/office/", "/admin/disclosure/school/", "/admin/reports/search/"):
        response = admin_client.get(url, {"export": export})
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content) if response.streaming else response.getvalue()
        if export == "csv":
            cells = [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
        else:
            sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
            cells = [str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None]
        assert cells, url
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), (url, cells)
