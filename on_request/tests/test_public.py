"""The public form, the confirmation and the tracking page over HTTP: bad
input gets a message and keeps what was typed, abuse is limited, files are
checked by their content, the pages are never cached, and the PDF reply
holds the Chinese text."""

import datetime
import io
import logging

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader

from on_request.models import Application
from on_request.tracking import token_for

from .helpers import PDF, PNG, credit_code, form_data, officer, resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def submit(client, **overrides):
    return client.post("/yishenqing/", form_data(**overrides))


def test_the_form_is_never_cached_and_has_csrf(client):
    response = client.get("/yishenqing/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert Client(enforce_csrf_checks=True).post("/yishenqing/", form_data()).status_code == 403


def test_a_valid_application_gets_a_tracking_code_and_a_receipt(client):
    response = submit(client, attachments=SimpleUploadedFile("申请表.pdf", PDF, content_type="application/pdf"))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.status == "submitted" and application.received_on is None
    page = client.get(response["Location"])
    assert application.tracking_code in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert mail.outbox[0].to == ["applicant@example.invalid"] and application.tracking_code in mail.outbox[0].subject
    assert application.attachments.get().content_type == "application/pdf"


def test_an_organisation_applies_with_its_credit_code(client):
    response = submit(
        client, applicant_type="research", name="示例研究院（虚构）", id_type="credit_code", id_number=credit_code()
    )
    assert response.status_code == 302
    assert Application.objects.get().applicant_type == "research"


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"id_number": "110105199003070000"}, "id_number", "校验码"),
        ({"id_number": "11010519900307002"}, "id_number", "校验码"),
        ({"description": "长" * 10_000}, "description", "2000"),
        ({"description": "<script>alert(1)</script>请提供文件"}, "description", "尖括号"),
        ({"name": "<b>张三</b>"}, "name", "尖括号"),
        ({"description": "请提供\x00文件"}, "description", "空字符"),
        ({"description": ""}, "description", "请描述"),
        ({"applicant_type": "business", "id_type": "resident_id"}, "id_type", "统一社会信用代码"),
        ({"id_type": "credit_code", "id_number": credit_code()}, "id_type", "身份证件"),
        ({"delivery": "email", "email": ""}, "email", "电子邮箱"),
        ({"delivery": "post"}, "address", "通信地址"),
        ({"phone": "", "email": "", "address": ""}, "phone", "至少"),
        ({"privacy": ""}, "privacy", "隐私说明"),
        ({"postcode": "12345"}, "postcode", "6位"),
    ],
)
def test_bad_input_gets_a_message_and_nothing_is_lost(client, overrides, field, message):
    response = submit(client, **overrides)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>错误：" in page
    assert f'href="#id_{field}' in page  # the error summary links to the field
    assert message in page
    assert 'aria-invalid="true"' in page
    assert "测试申请人甲" in page or overrides.get("name")  # what was typed is kept
    assert "示教发〔2025〕3号" in page
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"), "不是 PDF"),
        (SimpleUploadedFile("empty.png", b"", content_type="image/png"), "空文件"),
        (SimpleUploadedFile("big.pdf", PDF + b"0" * (5 * 1024 * 1024), content_type="application/pdf"), "超过 5 MB"),
    ],
)
def test_attachments_are_checked_by_content_and_size(client, upload, message):
    response = submit(client, attachments=upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Application.objects.count() == 0


def test_at_most_five_attachments(client):
    files = [SimpleUploadedFile(f"{i}.png", PNG, content_type="image/png") for i in range(6)]
    response = submit(client, attachments=files)
    assert "最多附上 5 个文件" in response.content.decode()


def test_a_request_too_large_is_refused_before_it_is_read(client):
    response = client.post("/yishenqing/", {}, CONTENT_LENGTH=str(40 * 1024 * 1024))
    assert response.status_code == 200
    assert "附件总大小超出限制" in response.content.decode()


def test_the_honeypot_stores_nothing(client):
    response = submit(client, website="http://spam.example")
    assert response.status_code == 302
    assert Application.objects.count() == 0


def test_rate_limit_per_identity_number(client):
    for _ in range(5):
        assert submit(client).status_code == 302
    response = submit(Client(REMOTE_ADDR="10.0.0.9"))
    assert response.status_code == 200 and "身份证件提交的申请过多" in response.content.decode()
    assert Application.objects.count() == 5


def test_rate_limit_per_address(client):
    numbers = [resident_id(f"110105199003{i + 10:02d}001") for i in range(11)]
    for number in numbers[:10]:
        assert submit(client, id_number=number).status_code == 302
    response = submit(client, id_number=numbers[10])
    assert "网络连接提交的申请过多" in response.content.decode()


def test_identity_numbers_are_not_cache_keys(client):
    submit(client)
    keys = list(cache._cache.keys()) if hasattr(cache, "_cache") else []
    assert keys and not any(resident_id() in key for key in keys)


def tracked(client):
    submit(client)
    application = Application.objects.get()
    return application, client.post(
        "/yishenqing/track/", {"code": application.tracking_code.lower(), "last_four": application.id_number[-4:]}
    )


def test_tracking_with_the_code_and_the_last_four(client):
    application, response = tracked(client)
    assert response.status_code == 302 and "?t=" in response["Location"]
    page = client.get(response["Location"])
    text = page.content.decode()
    assert application.tracking_code in text and "待登记" in text
    assert "测试申请人甲" not in text and application.id_number not in text and "13800000000" not in text
    assert "no-store" in page["Cache-Control"]


def test_tracking_refuses_a_wrong_combination_and_limits_attempts(client):
    submit(client)
    application = Application.objects.get()
    response = client.post("/yishenqing/track/", {"code": application.tracking_code, "last_four": "0000"})
    assert response.status_code == 200 and "<title>错误：" in response.content.decode()
    for _ in range(10):
        client.post("/yishenqing/track/", {"code": application.tracking_code, "last_four": "0000"})
    response = client.post(
        "/yishenqing/track/", {"code": application.tracking_code, "last_four": application.id_number[-4:]}
    )
    assert response.status_code == 200 and "输错的次数过多" in response.content.decode()


def test_a_forged_or_expired_link_shows_nothing(client):
    response = client.get("/yishenqing/track/?t=eyJjIjoiWFgifQ:forged:sig")
    assert response.status_code == 200 and "已过期" in response.content.decode()


def test_the_applicant_corrects_and_withdraws_through_the_tracking_page(client):
    application, response = tracked(client)
    token = token_for(application)
    _user, staff = officer()
    staff.post(f"/admin/yishenqing/{application.pk}/register/", {"received_on": datetime.date.today().isoformat()})
    staff.post(
        f"/admin/yishenqing/{application.pk}/request_correction/",
        {"items": "请写明会议的日期。", "due_on": (datetime.date.today() + datetime.timedelta(days=15)).isoformat()},
    )
    page = client.get(f"/yishenqing/track/?t={token}").content.decode()
    assert "请写明会议的日期。" in page and "提交补正" in page
    bad = client.post("/yishenqing/track/correct/", {"t": token, "text": ""})
    assert "请填写补正内容" in bad.content.decode()
    response = client.post(
        "/yishenqing/track/correct/",
        {
            "t": token,
            "text": "2025年3月的局务会议。",
            "attachments": SimpleUploadedFile("补充.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (
        application.correction_text == "2025年3月的局务会议。"
        and application.attachments.filter(kind="correction").exists()
    )
    letter = application.letters.get(kind="correction")
    pdf = client.get(f"/yishenqing/track/letter/{letter.pk}.pdf?t={token}")
    assert pdf.status_code == 200 and "补正告知书" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert client.get(f"/yishenqing/track/letter/{letter.pk}.pdf").status_code == 404
    assert client.post("/yishenqing/track/withdraw/", {"t": token, "confirm": "on"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "withdrawn" and application.table_row == "6.3"


def test_the_reply_pdf_holds_the_chinese_text_and_the_remedies(client):
    application, _response = tracked(client)
    _user, staff = officer()
    staff.post(f"/admin/yishenqing/{application.pk}/register/", {"received_on": datetime.date.today().isoformat()})
    staff.post(f"/admin/yishenqing/{application.pk}/answer/", {"answer_type": "not_existing"})
    letter = application.letters.get(kind="reply")
    response = client.get(f"/yishenqing/track/letter/{letter.pk}.pdf?t={token_for(application)}")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).replace("\n", "")
    assert "政府信息公开申请答复书" in text and "信息不存在" in text
    assert "60日内" in text and "6个月内" in text and "行政复议" in text


def test_query_counts_of_the_public_pages(client, django_assert_max_num_queries):
    _application, response = tracked(client)
    with django_assert_max_num_queries(12):
        assert client.get("/yishenqing/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(response["Location"]).status_code == 200


def test_personal_data_never_reaches_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    _application, _response = tracked(client)
    assert resident_id() not in caplog.text and "测试申请人甲" not in caplog.text and "13800000000" not in caplog.text


def test_the_officers_are_told_of_a_new_application_without_its_personal_data(client):
    user, _client = officer()
    response = submit(client)
    assert response.status_code == 302
    application = Application.objects.get()
    [receipt, staff] = mail.outbox
    assert receipt.to == ["applicant@example.invalid"]
    assert staff.to == [user.email] and application.tracking_code in staff.subject
    assert f"/admin/yishenqing/{application.pk}/" in staff.body
    for personal in ("测试申请人甲", resident_id(), "13800000000", "applicant@example.invalid"):
        assert personal not in staff.body and personal not in staff.subject
