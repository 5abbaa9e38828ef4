"""Screening a page: fields, body, tables, inline rows, and the text of
attached PDF, DOCX and XLSX files. Findings carry masked values only (the
stored results never hold the personal data itself)."""

import io

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from core import jobs
from disclosure.tests.helpers import policy
from moderation.page_screening import screen_page
from moderation.screening import Finding

from .test_screening import VALID_ID, id_number


def masked(value):
    return Finding("", value, 0, 0).masked


pytestmark = pytest.mark.django_db


def pdf_with_text(line):
    """A one-page PDF whose content stream draws `line` in Helvetica."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def xlsx_with(cells):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    for coordinate, value in cells.items():
        sheet[coordinate] = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def docx_with(paragraph):
    import docx

    document = docx.Document()
    document.add_paragraph("录取名单")
    document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def document(name, data):
    doc = Document(title=name)
    doc.file.save(name, ContentFile(data), save=False)
    doc.save()
    return doc


def page_with_attachment(name, data):
    page = policy(publish=False, title=f"附件测试 {name}")
    page.attachments = [("document", document(name, data))]
    page.save_revision()
    return page


def test_a_clean_imported_document_has_no_findings():
    from disclosure.models import PolicyDocumentPage

    screening = screen_page(PolicyDocumentPage.objects.get(source_id="seed-003"))
    assert screening.clean


def test_findings_in_title_summary_and_body_tables():
    page = policy(publish=False, title="关于张三的通知", summary="联系电话13800138000")
    page.body = [
        ("paragraph", f"<p>学生身份证号 {VALID_ID}</p>"),
        (
            "table",
            {
                "caption": "名单",
                "columns": [{"type": "text", "heading": "姓名"}, {"type": "text", "heading": "邮箱"}],
                "rows": [{"values": ["李四", "lisi@example.cn"]}],
            },
        ),
    ]
    findings = screen_page(page).findings
    assert {(f.kind, f.masked) for f in findings} == {
        ("mobile", masked("13800138000")),
        ("id_number", masked(VALID_ID)),
        ("email", "l***@example.cn"),
    }
    locations = {f.kind: f.location for f in findings}
    assert locations["mobile"] == "摘要" and locations["id_number"] == "正文"


def test_findings_in_an_attached_pdf():
    page = page_with_attachment("名单.pdf", pdf_with_text(f"Student ID {VALID_ID} class 1"))
    screening = screen_page(page)
    findings, problems = screening.findings, screening.problems
    assert problems == []
    assert [(f.kind, f.masked) for f in findings] == [("id_number", masked(VALID_ID))]
    assert "名单" in findings[0].location and "1" in findings[0].location


def screened_in_the_background(page):
    """A ZIP-based attachment (XLSX, DOCX) is read by the background job
    (core.jobs), not while a page is shown: pending until the job has run."""
    first = screen_page(page)
    assert first.pending and not first.findings
    assert jobs.run_queued() == 1
    return screen_page(page)


def test_findings_in_an_attached_xlsx():
    page = page_with_attachment(
        "名单.xlsx",
        xlsx_with({"A1": "姓名", "B1": "身份证号", "A2": "王五", "B2": VALID_ID, "C2": 16745.59, "D2": 20240301}),
    )
    screening = screened_in_the_background(page)
    findings, problems = screening.findings, screening.problems
    assert problems == []
    assert [(f.kind, f.masked) for f in findings] == [("id_number", masked(VALID_ID))]
    assert "B2" in findings[0].location and "名单" in findings[0].location


def test_an_id_number_typed_as_a_spreadsheet_number_is_flagged_as_unverifiable():
    number_id = id_number("43040220100315124")
    page = page_with_attachment("名单2.xlsx", xlsx_with({"B2": int(number_id)}))
    findings = screened_in_the_background(page).findings
    assert [f.kind for f in findings] == ["id_number_unverifiable"]
    assert "B2" in findings[0].location


def test_findings_in_an_attached_docx():
    page = page_with_attachment("录取名单.docx", docx_with("赵六 家长手机 139 1234 5678"))
    findings = screened_in_the_background(page).findings
    assert [(f.kind, f.masked) for f in findings] == [("mobile", masked("13912345678"))]


def test_an_unreadable_attachment_is_a_problem_not_a_pass():
    page = page_with_attachment("损坏.pdf", b"%PDF-1.4 this is not really a pdf")
    screening = screen_page(page)
    assert screening.findings == [] and len(screening.problems) == 1 and "损坏" in screening.problems[0]


def test_inline_rows_are_screened():
    from disclosure.models import EnrolmentZonePage

    zone = EnrolmentZonePage.objects.first()
    rule = zone.rules.first()
    rule.note = "联系人 13800138000"
    rule.save()
    zone = EnrolmentZonePage.objects.get(pk=zone.pk)
    findings = screen_page(zone).findings
    assert [(f.kind, f.masked) for f in findings] == [("mobile", masked("13800138000"))]
