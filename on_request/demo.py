"""Demo applications for `make run` (`manage.py load_demo_applications`):
fictional applicants with fake names (示例申请人…), identity numbers that
only have a valid check character, in every state, dated relative to
today. Idempotent: each has a fixed tracking code and is created once."""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from core.identity import credit_code_check_char, id_check_char
from core.models import BureauSettings
from core.working_days import add_working_days, default_calendar
from disclosure.models import Office

from . import letters
from .models import Application, Consultation, Event, OnRequestSettings
from .vocabulary import AnswerType, ApplicantType, Channel, Delivery, FormWanted, IdType, LetterKind, Status, TableRow
from .workflow import refresh_clock


def _id(first17):
    return first17 + id_check_char(first17)


def _credit(first17):
    return first17 + credit_code_check_char(first17)


def demo_specs(today, calendar):
    def back(days):
        """The working day `days` working days before today (approximately: walk back)."""
        day = today
        while add_working_days(calendar, day, days).date > today:
            day -= datetime.timedelta(days=1)
        return day

    base = {
        "form_wanted": FormWanted.ELECTRONIC,
        "delivery": Delivery.ONLINE,
        "phone": "13800000000",
        "email": "",
    }
    return _first_demo_specs(today, calendar, base, back) + _later_demo_specs(today, calendar, base, back)


def _first_demo_specs(today, calendar, base, back):
    return [
        dict(
            base,
            tracking_code="DEMA222222",
            status=Status.SUBMITTED,
            applicant_type=ApplicantType.PERSON,
            name="示例申请人甲",
            id_type=IdType.RESIDENT_ID,
            id_number=_id("43040019850101001"),
            description="示例县2026年秋季学期城区小学一年级招生计划的分校数字（演示数据）。",
        ),
        dict(
            base,
            tracking_code="DEMB333333",
            status=Status.REGISTERED,
            received=back(17),
            applicant_type=ApplicantType.PERSON,
            name="示例申请人乙",
            id_type=IdType.RESIDENT_ID,
            id_number=_id("43040019900215002"),
            description="本县2025年度义务教育阶段学校校舍维修项目的招标文件（演示数据）。",
            office="计划财务科",
        ),
        dict(
            base,
            tracking_code="DEMC444444",
            status=Status.CORRECTION,
            received=back(4),
            applicant_type=ApplicantType.BUSINESS,
            name="示例教育科技有限公司（虚构）",
            contact_person="示例联系人",
            id_type=IdType.CREDIT_CODE,
            id_number=_credit("91430400MA4L00002"),
            description="关于学校的那个文件（演示数据：内容不明确）。",
            correction_items="请写明所需文件的名称、文号或者大致的发布时间，以及涉及的学校。",
        ),
        dict(
            base,
            tracking_code="DEMD555555",
            status=Status.CONSULTING,
            received=back(8),
            applicant_type=ApplicantType.LEGAL_SERVICES,
            name="示例律师事务所（虚构）",
            id_type=IdType.CREDIT_CODE,
            id_number=_credit("31430000MD0000003"),
            description="某民办学校办学许可证年检的审查意见（演示数据）。",
            office="基础教育科",
            consultation=("示例民办学校（虚构）", "申请公开的审查意见涉及贵校的办学信息，是否同意公开？"),
        ),
    ]


def _later_demo_specs(today, calendar, base, back):
    return [
        dict(
            base,
            tracking_code="DEME666666",
            status=Status.ANSWERED,
            received=back(15),
            answered=back(2),
            applicant_type=ApplicantType.PERSON,
            name="示例申请人丙",
            id_type=IdType.RESIDENT_ID,
            id_number=_id("43040019780630004"),
            description="2026年本县义务教育招生划片方案（演示数据）。",
            answer_type=AnswerType.ALREADY_PUBLISHED,
            where_published="本网站 › 标准目录 › 招生管理 › 招生范围",
            information_name="2026年招生划片方案",
            email="demo-applicant@example.invalid",
            delivery=Delivery.EMAIL,
        ),
        dict(
            base,
            tracking_code="DEMF777777",
            status=Status.ANSWERED,
            received=back(30),
            answered=back(12),
            applicant_type=ApplicantType.PERSON,
            name="示例申请人丁",
            id_type=IdType.RESIDENT_ID,
            id_number=_id("43040019951111005"),
            description="本县2025年学生资助资金的分配结果（演示数据）。",
            answer_type=AnswerType.DISCLOSED,
            information_name="2025年学生资助资金分配结果",
        ),
        dict(
            base,
            tracking_code="DEMG888888",
            status=Status.CLOSED,
            received=back(40),
            answered=back(25),
            applicant_type=ApplicantType.RESEARCH,
            name="示例教育研究院（虚构）",
            id_type=IdType.CREDIT_CODE,
            id_number=_credit("12430000MB0000006"),
            description="2025年学生资助资金分配结果，按学校列出（演示数据）。",
            answer_type=AnswerType.DISCLOSED,
            information_name="2025年学生资助资金分配结果",
        ),
    ]


@transaction.atomic
def load_demo_applications(today=None):
    """Creates the demo applications that are missing; returns their codes."""
    today = today or timezone.localdate()
    calendar = default_calendar()
    site = Site.objects.filter(is_default_site=True).first()
    settings_ = OnRequestSettings.for_site(site) if site else OnRequestSettings()
    if site and not settings_.review_body:
        settings_.review_body = "示例县人民政府"
        settings_.court = "示例县人民法院"
        settings_.save()
    bureau = BureauSettings.for_site(site).bureau_name if site else "示例县教育局"
    letters.ensure_templates()
    created = []
    for spec in demo_specs(today, calendar):
        code = _create_demo_application(dict(spec), today, calendar, settings_, bureau)
        if code:
            created.append(code)
    return created


def _create_demo_application(spec, today, calendar, settings_, bureau):
    """One demo application with its history and letters; its code, or None if it exists."""
    code = spec.pop("tracking_code")
    if Application.objects.filter(tracking_code=code).exists():
        return None
    received = spec.pop("received", None)
    answered = spec.pop("answered", None)
    office = spec.pop("office", None)
    consultation = spec.pop("consultation", None)
    correction_items = spec.pop("correction_items", "")
    application = Application(tracking_code=code, channel=Channel.ONLINE, **spec)
    application.submitted_at = timezone.make_aware(datetime.datetime.combine(received or today, datetime.time(9, 30)))
    application.received_on = received
    application.office = Office.objects.filter(name=office).first() if office else None
    if correction_items:
        application.correction_items = correction_items
        application.correction_requested_on = add_working_days(calendar, received, 2).date
        application.correction_due_on = add_working_days(calendar, application.correction_requested_on, 15).date
    if answered:
        application.concluded_on = answered
        application.table_row = TableRow.DISCLOSED
    application.save()
    Event.objects.create(
        application=application,
        kind=Event.Kind.SUBMITTED,
        by_applicant=True,
        at=application.submitted_at,
        note="演示数据",
    )
    if received:
        Event.objects.create(
            application=application,
            kind=Event.Kind.REGISTERED,
            at=application.submitted_at,
            note=f"Received on {received}",
        )
    if correction_items:
        Event.objects.create(application=application, kind=Event.Kind.CORRECTION_REQUESTED, note=correction_items)
        letters.issue(application, LetterKind.CORRECTION, None, settings_, bureau)
    if consultation:
        _demo_consultation(application, calendar, received, consultation)
    if answered:
        Event.objects.create(
            application=application, kind=Event.Kind.ANSWERED, note=application.get_answer_type_display()
        )
        letters.issue(
            application, LetterKind.REPLY, None, settings_, bureau, 答复内容=letters.answer_paragraph(application)
        )
    refresh_clock(application, calendar)
    application.save(update_fields=["due_on", "due_provisional"])
    return code


DEMO_TRACKING_CODE = "DEME666666"


def _demo_consultation(application, calendar, received, consultation):
    """A third-party consultation sent three working days after receipt."""
    sent = add_working_days(calendar, received, 3).date
    Consultation.objects.create(
        application=application,
        party=consultation[0],
        matters=consultation[1],
        sent_on=sent,
        due_on=add_working_days(calendar, sent, 15).date,
    )
    Event.objects.create(
        application=application, kind=Event.Kind.CONSULTATION_SENT, note=f"{consultation[0]}：{consultation[1]}"
    )
