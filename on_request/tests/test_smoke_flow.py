import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from on_request.models import Application

from .helpers import PDF, form_data, leader, officer

pytestmark = pytest.mark.django_db


def test_whole_flow(client):
    data = form_data()
    data["attachments"] = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    response = client.post("/yishenqing/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.get(response["Location"])
    assert response.status_code == 200
    application = Application.objects.get()
    assert application.tracking_code in response.content.decode()
    _user, staff = officer()
    _leader_user, boss = leader()
    assert staff.get("/admin/yishenqing/").status_code == 200
    page = staff.get(f"/admin/yishenqing/{application.pk}/")
    assert page.status_code == 200, page.content.decode()[:2000]
    r = staff.post(f"/admin/yishenqing/{application.pk}/register/", {"received_on": "2026-11-30"})
    assert r.status_code == 302, r.content.decode()[-3000:]
    r = staff.post(f"/admin/yishenqing/{application.pk}/request_extension/", {"days": 10, "reason": "需要调取档案"})
    assert r.status_code == 302, r.content.decode()[-3000:]
    r = boss.post(f"/admin/yishenqing/{application.pk}/decide_extension/", {"decision": "approve", "note": ""})
    assert r.status_code == 302, r.content.decode()[-3000:]
    r = staff.post(
        f"/admin/yishenqing/{application.pk}/answer/",
        {
            "answer_type": "disclosed",
            "answer_text": "",
            "attachments": SimpleUploadedFile("info.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert r.status_code == 302, r.content.decode()[-3000:]
    application.refresh_from_db()
    assert application.status == "answered"
    letter = application.letters.get(kind="reply")
    assert staff.get(f"/admin/yishenqing/{application.pk}/letter/{letter.pk}.pdf").status_code == 200
    assert staff.get("/admin/yishenqing/statistics/?year=2026").status_code == 200
    assert len(mail.outbox) >= 2
