"""Record metadata, publication rules (公开属性, 三同步), change history,
safety-notice expiry and listings."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from disclosure.models import ChangeNote, PolicyDocumentPage, SafetyNoticePage
from disclosure.models.base import DisclosurePublishingError, normalise_document_number, validate_document_number
from disclosure.tests.helpers import publish_fixture

from .helpers import edit_form_data, interpretation, item_named, make_document, policy, safety_notice

pytestmark = pytest.mark.django_db

INDEX_RE = re.compile(r"^00618806-3/(\d{4})-(\d{5})$")


def html_of(page):
    response = Client().get(page.url)
    assert response.status_code == 200
    return response.content.decode()


# ---- index numbers ---------------------------------------------------------


def test_index_number_is_allocated_at_first_publication_and_kept():
    draft = policy(publish=False)
    assert draft.index_number is None
    publish_fixture(draft.get_latest_revision())
    draft.refresh_from_db()
    match = INDEX_RE.match(draft.index_number)
    assert match and int(match[1]) == timezone.localtime(draft.first_published_at).year
    number = draft.index_number
    draft.title = "关于做好2025年义务教育招生入学工作的通知（修订）"
    publish_fixture(draft.save_revision())
    draft.refresh_from_db()
    assert draft.index_number == number
    draft.unpublish()
    publish_fixture(draft.get_latest_revision())
    draft.refresh_from_db()
    assert draft.index_number == number


def test_index_numbers_are_unique_and_never_reused():
    first = policy(title="甲")
    second = policy(title="乙")
    assert first.index_number != second.index_number
    serial = int(INDEX_RE.match(second.index_number)[2])
    second.delete()
    third = policy(title="丙")
    assert int(INDEX_RE.match(third.index_number)[2]) == serial + 1


def test_every_imported_document_has_a_distinct_index_number():
    numbers = [page.index_number for page in PolicyDocumentPage.objects.live()] + [
        page.index_number for page in SafetyNoticePage.objects.live()
    ]
    assert all(INDEX_RE.match(number) for number in numbers)
    assert len(numbers) == len(set(numbers))


# ---- 文号 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("阳教体办发〔2021〕12号", "阳教体办发〔2021〕12号"),
        ("某教发[2024]12号", "某教发〔2024〕12号"),
        ("某教发（2024）3号", "某教发〔2024〕3号"),
    ],
)
def test_document_numbers_are_normalised(typed, stored):
    assert normalise_document_number(typed) == stored
    validate_document_number(stored)


@pytest.mark.parametrize("bad", ["2024-12", "某教发〔24〕12号", "某教发〔2024〕", "教发2024年12号"])
def test_malformed_document_numbers_are_refused(bad):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_document_number(normalise_document_number(bad))


# ---- 公开属性 ----------------------------------------------------------------


def test_only_proactive_disclosures_can_be_published():
    page = policy(publish=False, disclosure_attribute="on_request")
    with pytest.raises(DisclosurePublishingError) as error:
        publish_fixture(page.get_latest_revision())
    assert "disclosure_attribute" in error.value.message_dict
    page.refresh_from_db()
    assert not page.live and page.index_number is None


def test_admin_refuses_publishing_a_withheld_document_and_keeps_the_input(admin_client):
    page = policy(publish=False)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(admin_client, url)
    data.update({"disclosure_attribute": "withheld", "summary": "编辑刚写的摘要", "action-publish": "1"})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "编辑刚写的摘要" in html
    assert "不予公开" in html
    page.refresh_from_db()
    assert not page.live


def test_a_superuser_pressing_publish_saves_a_normalised_draft_and_is_told_why_it_is_not_live(admin_client):
    """Publication goes through the review for everyone (docs/review-workflow.md)."""
    page = policy(publish=False)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(admin_client, url)
    data.update({"document_number": "某教发[2025]7号", "action-publish": "1"})
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "未发布" in response.content.decode() and "政务公开发布审核" in response.content.decode()
    page.refresh_from_db()
    assert not page.live and page.index_number is None
    assert page.get_latest_revision_as_object().document_number == "某教发〔2025〕7号"


# ---- 三同步 -------------------------------------------------------------------


def test_policy_requiring_interpretation_is_refused_without_one():
    page = policy(publish=False, requires_interpretation=True)
    with pytest.raises(DisclosurePublishingError) as error:
        publish_fixture(page.get_latest_revision())
    assert "requires_interpretation" in error.value.message_dict
    assert not PolicyDocumentPage.objects.get(pk=page.pk).live


def test_policy_and_prepared_interpretation_are_published_together():
    page = policy(publish=False, requires_interpretation=True)
    child = interpretation(page, publish=False)
    assert not child.live
    publish_fixture(page.get_latest_revision())
    page.refresh_from_db()
    child.refresh_from_db()
    assert page.live and child.live
    document_html = html_of(page)
    assert child.title in document_html and child.url in document_html
    interpretation_html = html_of(child)
    assert page.url in interpretation_html
    assert "今年招生有什么变化？" in interpretation_html


def test_admin_shows_the_三同步_refusal(admin_client):
    page = policy(publish=False, requires_interpretation=True)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(admin_client, url)
    data["action-publish"] = "1"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "三同步" in response.content.decode()
    assert not PolicyDocumentPage.objects.get(pk=page.pk).live


def test_interpretation_forms_need_their_content():
    from django.core.exceptions import ValidationError

    parent = item_named("招生管理/招生政策")
    page = interpretation(parent)
    page.questions = []
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "questions" in error.value.message_dict
    page.form = "video"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "videos" in error.value.message_dict


# ---- change history, validity ----------------------------------------------


def test_major_changes_enter_the_public_change_history_and_minor_ones_do_not():
    page = policy()
    assert ChangeNote.objects.filter(page=page).count() == 0
    page.summary = "小改动"
    publish_fixture(page.save_revision())
    assert ChangeNote.objects.filter(page=page).count() == 0
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    page.major_change, page.change_note = True, "调整了报名时间"
    publish_fixture(page.save_revision())
    notes = list(ChangeNote.objects.filter(page=page))
    assert [n.note for n in notes] == ["调整了报名时间"]
    html = html_of(page)
    assert "调整了报名时间" in html and "<time" in html


def test_amended_document_links_to_its_replacement():
    old = policy(title="旧通知")
    new = policy(title="新通知")
    old.validity, old.superseded_by = "amended", new
    publish_fixture(old.save_revision())
    html = html_of(PolicyDocumentPage.objects.get(pk=old.pk))
    assert "已修订" in html and new.url in html


def test_metadata_table_at_the_top_of_every_disclosure():
    page = PolicyDocumentPage.objects.get(source_id="seed-003")
    html = html_of(page)
    table = html[html.index('<table class="record-table">') : html.index("</table>")]
    for value in [page.index_number, "阳谷县教育和体育局", "阳教体办发〔2021〕12号", "2021-08-25", "主动公开", "有效"]:
        assert value in table
    assert table.count('<th scope="row">') == 7
    assert html.index('class="record-table"') < html.index('class="disclosure__body"')


def test_attachments_show_type_and_size():
    page = policy(publish=False)
    page.attachments = [("document", make_document("实施方案.pdf", 3000))]
    publish_fixture(page.save_revision())
    html = html_of(PolicyDocumentPage.objects.get(pk=page.pk))
    assert "实施方案" in html and "PDF" in html and "KB" in html


# ---- safety notices --------------------------------------------------------


def test_current_notice_is_on_the_home_page_and_expired_one_leaves_it(home):
    current = safety_notice(title="当前的暴雨预警")
    expired = safety_notice(title="上周的大风预警", days_left=-1)
    home_html = html_of(home)
    notices = home_html[
        home_html.index('id="home-notices"') : home_html.index("</section>", home_html.index('id="home-notices"'))
    ]
    assert "当前的暴雨预警" in notices and "上周的大风预警" not in notices
    assert "橙色预警" in notices  # the level in words, not colour alone
    expired_html = html_of(expired)
    assert "banner--expired" not in html_of(current)
    # One validity: once expired the notice is 失效 in its banner, its record table, listings and search.
    banner = re.search(r'<p class="banner banner--expired" role="note">(.*?)</p>', expired_html, re.S).group(1)
    assert "<strong>失效</strong>" in banner
    assert re.search(r'<th scope="row">有效性</th><td>失效</td>', expired_html)
    assert expired_html.count('class="banner') == 1  # no second, contradictory banner
    listing = html_of(expired.get_parent().specific)
    entry = listing[listing.index("上周的大风预警") :].split("</li>", 1)[0]
    assert "<strong>失效</strong>" in entry  # and in search: search/tests/test_documents.py


# ---- listings ----------------------------------------------------------------


def test_item_lists_disclosures_newest_first_with_year_filter_and_pages():
    parent = item_named("政策文件/教育法律")
    pages = [policy(parent=parent, title=f"通知{n:02d}") for n in range(23)]
    old = pages[0]
    Page.objects.filter(pk=old.pk).update(first_published_at=timezone.now() - datetime.timedelta(days=800))
    html = html_of(parent)
    titles = re.findall(r'class="listing__title" href="[^"]+">([^<]+)</a>', html)
    assert titles[:2] == ["通知22", "通知21"] and len(titles) == 20
    assert 'rel="next"' in html
    page_two = Client().get(parent.url, {"page": 2}).content.decode()
    assert "通知00" in page_two
    old_year = (timezone.localtime(timezone.now()) - datetime.timedelta(days=800)).year
    filtered = Client().get(parent.url, {"year": old_year}).content.decode()
    assert re.findall(r'class="listing__title" href="[^"]+">([^<]+)</a>', filtered) == ["通知00"]
    for bad in ({"year": "abc"}, {"year": "1900"}, {"page": "x"}, {"page": "99"}):
        assert Client().get(parent.url, bad).status_code == 200


def test_item_listings_file_documents_under_their_own_year_newest_first():
    """Zones by their enrolment year (the 2018 zones were published in 2020), notices by their 发布日期."""
    zones = Client().get(item_named("招生管理/招生范围").url).content.decode()
    options = re.findall(r'<option value="(\d{4})"', zones)
    assert options == ["2018", "2017"]
    titles = re.findall(r'class="listing__title" href="[^"]+"[^>]*>([^<]+)</a>', zones)
    assert titles[0].startswith("2018年") and titles[-1].startswith("2017年")
    only_2017 = Client().get(item_named("招生管理/招生范围").url, {"year": 2017}).content.decode()
    assert (
        len(re.findall(r'class="listing__title"', only_2017)) == 3
        and "2018年" not in only_2017.split("<main", 1)[1].split("listing", 1)[1]
    )
    notices = Client().get(item_named("校园安全/安全预警信息").url).content.decode()
    years = re.findall(r'<option value="(\d{4})"', notices)
    assert years == sorted(set(years), reverse=True) and len(years) >= 5  # not only the year of the import


def test_category_page_counts_per_item():
    html = html_of(item_named("政策文件/规范性文件").get_parent())
    assert "5" in re.search(r"规范性文件</a></h3>\s*<p class=\"count\">([^<]+)</p>", html).group(1)


def test_home_lists_the_latest_disclosures(home):
    newest = policy(title="刚刚发布的通知")
    html = html_of(home)
    latest = html[html.index('id="home-latest"') :]
    assert "刚刚发布的通知" in latest and newest.url in latest
