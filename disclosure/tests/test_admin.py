"""Admin: listings with export for offices and schools, provenance shown to editors."""

import pytest
from django.urls import reverse

from disclosure.models import CatalogueItemPage, School

from .helpers import edit_form_data

pytestmark = pytest.mark.django_db


def test_office_listing_search_and_export(admin_client):
    url = reverse("disclosure_office_modeladmin_index")
    html = admin_client.get(url).content.decode()
    assert "基础教育科" in html and "安全稳定科" in html
    html = admin_client.get(url, {"q": "督导"}).content.decode()
    assert "教育督导室" in html and "人事科" not in html
    response = admin_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "基础教育科" in body and "0734-8000003" in body
    response = admin_client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    content = response.content if not response.streaming else b"".join(response.streaming_content)
    assert content[:2] == b"PK"


def test_school_listing_filters_and_export(admin_client):
    School.objects.create(name="解放路小学", stage="primary", address="解放路25号")
    School.objects.create(name="雁峰中学", stage="junior", ownership="private")
    url = reverse("disclosure_school_modeladmin_index")
    html = admin_client.get(url, {"stage": "junior"}).content.decode()
    assert "雁峰中学" in html and "解放路小学" not in html
    body = b"".join(admin_client.get(url, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert "解放路小学" in body and "雁峰中学" in body


def test_school_form_reports_bad_input_in_chinese_and_keeps_it(admin_client):
    url = reverse("disclosure_school_modeladmin_create")
    response = admin_client.post(
        url, {"name": "东风小学", "stage": "primary", "ownership": "public", "phone": "call me", "website": "not a url"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "东风小学" in html  # what the editor typed is kept
    assert "请输入电话号码" in html
    assert not School.objects.filter(name="东风小学").exists()


def test_item_edit_form_shows_provenance_to_editors(admin_client):
    page = CatalogueItemPage.objects.get(title="申诉处理")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'data-provenance="read"' in html
    assert "公开时限" in html and "默认值，待确认" in html
    assert "不会在公开网站上显示" in html
    inferred = CatalogueItemPage.objects.get(title="义务教育均衡发展督导评估")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[inferred.pk])).content.decode()
    assert 'data-provenance="inferred"' in html and "推断" in html


def test_item_edit_form_rejects_bad_input_and_keeps_it(admin_client):
    page = CatalogueItemPage.objects.get(title="招生范围")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(admin_client, url)
    data["time_limit_kind"] = "annual"
    data["time_limit_month"] = "2"
    data["time_limit_day"] = "31"
    data["legal_basis"] = "《编辑输入的新依据》"
    data["channels"] = ["政府网站", "其他"]
    data["channels_other"] = ""
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "该月份没有这一天" in html
    assert "请填写其他渠道的名称" in html
    assert "《编辑输入的新依据》" in html
    assert CatalogueItemPage.objects.get(pk=page.pk).legal_basis != "《编辑输入的新依据》"


def test_bureau_settings_are_editable(admin_client):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["core", "bureausettings", site.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "bureau_name": "衡阳市雁峰区教育局",
            "organisation_code": "bad code",
            "contact_phone": "0734-8000001",
            "contact_address": "地址",
            "complaint_channel": "12345",
        },
    )
    html = response.content.decode()
    assert "衡阳市雁峰区教育局" in html
    assert "组织机构代码" in html


@pytest.mark.parametrize("model_name", ["policydocumentpage", "interpretationpage", "safetynoticepage"])
def test_editors_can_open_the_add_form_of_each_disclosure_type(admin_client, model_name):
    item = CatalogueItemPage.objects.get(title="规范性文件")
    url = reverse("wagtailadmin_pages:add", args=["disclosure", model_name, item.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="issuing_office"' in html and 'name="disclosure_attribute"' in html
