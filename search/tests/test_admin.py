"""Editors manage synonyms and promoted results, and read the search report."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from moderation.roles import setup_roles
from search.models import QueryLogEntry, SynonymGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(db):
    setup_roles()


def client_for(group_name):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(f"user-{abs(hash(group_name))}", password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return client


def test_default_synonym_groups_exist():
    mapping = SynonymGroup.mapping()
    assert {"划片", "施教区", "招生范围"} <= set(mapping["学区"])
    assert set(mapping["预决算"]) == {"预算", "决算"}
    assert mapping["预算"] == ["预决算"]


def test_a_reviewer_adds_a_synonym_group_and_a_bad_one_is_explained_with_the_input_kept(roles):
    client = client_for("审核员")
    response = client.post(
        "/admin/search/synonymgroup/create/", {"terms": "校车", "kind": "equivalent", "note": "接送"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "请至少填写两个不同的词语" in html
    assert 'value="校车"' in html and "接送" in html
    response = client.post(
        "/admin/search/synonymgroup/create/", {"terms": "校车，接送车 校车", "kind": "equivalent", "note": ""}
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="校车、接送车").exists()
    assert SynonymGroup.mapping()["接送车"] == ["校车"]


def test_office_editors_cannot_change_synonyms_or_promotions_but_read_the_report(roles):
    client = client_for("科室编辑：基础教育科")
    assert client.get("/admin/search/synonymgroup/").status_code == 302
    assert client.get("/admin/searchpicks/").status_code == 302
    assert client.get("/admin/reports/search/").status_code == 200


def test_the_report_lists_top_queries_and_queries_that_found_nothing(roles):
    today = timezone.localdate()
    QueryLogEntry.objects.create(day=today, query="招生", searches=40, zero_results=0)
    QueryLogEntry.objects.create(day=today - datetime.timedelta(days=1), query="招生", searches=2, zero_results=0)
    QueryLogEntry.objects.create(day=today, query="划骗", searches=3, zero_results=3)
    QueryLogEntry.objects.create(day=today - datetime.timedelta(days=90), query="很久以前", searches=99)
    client = client_for("审核员")
    assert rows(client.get("/admin/reports/search/")) == [["招生", "42", "0"], ["划骗", "3", "3"]]
    # (the last 30 days unless another range is chosen: 很久以前 is older)
    assert rows(client.get("/admin/reports/search/", {"found": "none"})) == [["划骗", "3", "3"]]
    long_ago = (today - datetime.timedelta(days=95)).isoformat()
    assert rows(client.get("/admin/reports/search/", {"day_from": long_ago}))[0] == ["很久以前", "99", "0"]
    export = client.get("/admin/reports/search/", {"export": "csv"})
    content = b"".join(export.streaming_content).decode("utf-8")
    assert "招生,42,0" in content.replace("\r", "")


def rows(response):
    from bs4 import BeautifulSoup

    table = BeautifulSoup(response.content, "html.parser").select_one("#listing-results table")
    return [[cell.get_text(strip=True) for cell in row.select("td")] for row in table.select("tbody tr")]


def test_wagtails_own_search_terms_report_is_not_offered(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "/admin/reports/search/" in html
    assert "/admin/searchpicks/reports/search-terms/" not in html
