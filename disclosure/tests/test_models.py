"""Validation of catalogue items: clear messages, per field."""

import pytest
from django.core.exceptions import ValidationError

from disclosure.models import CatalogueItemPage

pytestmark = pytest.mark.django_db


def errors_of(page):
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    return error.value.message_dict


def test_a_loaded_item_is_valid(item):
    item.full_clean()


def test_working_days_need_a_number(item):
    item.time_limit_days = None
    assert "time_limit_days" in errors_of(item)


def test_an_annual_deadline_needs_a_real_date(item):
    item.time_limit_kind = "annual"
    item.time_limit_month, item.time_limit_day = 2, 30
    assert errors_of(item)["time_limit_day"] == ["该月份没有这一天。"]
    item.time_limit_day = 28
    item.full_clean()
    assert item.time_limit_display == "每年2月28日前"


def test_other_time_limit_needs_text(item):
    item.time_limit_kind = "other"
    item.time_limit_text = ""
    assert "time_limit_text" in errors_of(item)


def test_on_change_time_limit_display(item):
    item.time_limit_kind = "on_change"
    item.full_clean()
    assert item.time_limit_display == "信息变更时及时公开"


def test_other_channel_needs_a_name_and_vice_versa(item):
    item.channels = ["政府网站", "其他"]
    item.channels_other = ""
    assert "channels_other" in errors_of(item)
    item.channels = ["政府网站"]
    item.channels_other = "校园公告栏"
    assert "channels" in errors_of(item)


def test_unknown_channel_is_refused(item):
    item.channels = ["信鸽"]
    assert "信鸽" in " ".join(errors_of(item)["channels"])


def test_levels_are_required_and_checked(item):
    item.levels = []
    assert "levels" in errors_of(item)
    item.levels = ["province"]
    assert "levels" in errors_of(item)


def test_specific_audience_needs_detail(item):
    item.audience = "specific"
    assert "audience_detail" in errors_of(item)
    item.audience_detail = "适龄儿童家长"
    item.full_clean()
    assert item.audience_display == "特定群体：适龄儿童家长"


def test_unconfirmed_fields_name_what_editors_must_check():
    page = CatalogueItemPage.objects.get(title="申诉处理")
    labels = {str(label) for label, _status in page.unconfirmed_fields()}
    assert {"公开时限", "公开渠道和载体", "公开层级", "承办科室"} <= labels
    assert "公开内容" not in labels
