"""Shared helpers of the on_request tests: valid fictional identity numbers,
the roles' users, a form submission."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from core.identity import credit_code_check_char, id_check_char
from moderation.roles import LEADER, setup_roles

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def resident_id(first17="11010519900307002"):
    """A fictional number with a valid check character."""
    return first17 + id_check_char(first17)


def credit_code(first17="91430400MA4L00001"):
    return first17 + credit_code_check_char(first17)


def form_data(**overrides):
    data = {
        "applicant_type": "person",
        "name": "测试申请人甲",
        "contact_person": "",
        "id_type": "resident_id",
        "id_number": resident_id(),
        "phone": "13800000000",
        "email": "applicant@example.invalid",
        "address": "",
        "postcode": "",
        "description": "2025年本县义务教育学校招生计划的制定依据和会议纪要。",
        "document_number": "示教发〔2025〕3号",
        "form_wanted": "electronic",
        "delivery": "online",
        "privacy": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def user_in(group_name, username):
    setup_roles()
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return user, client


def officer():
    from on_request.roles import OFFICER

    return user_in(OFFICER, "test-officer")


def leader():
    return user_in(LEADER, "test-leader")


def office_editor(office_name="基础教育科"):
    from disclosure.models import Office
    from moderation.roles import editor_group_name

    return user_in(
        editor_group_name(Office(name=office_name)), f"test-editor-{Office.objects.get(name=office_name).pk}"
    )


D = datetime.date
