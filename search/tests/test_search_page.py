import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_search_page_without_query():
    response = Client().get("/search/")
    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()


def test_search_finds_a_catalogue_item():
    html = Client().get("/search/", {"q": "学籍管理"}).content.decode()
    assert "学籍管理" in html
    assert "个结果" in html


def test_bad_input_never_fails():
    client = Client()
    for params in ({"q": "招生", "page": "abc"}, {"q": "招生", "page": "9999"}, {"q": "x" * 5000}, {"q": "<script>"}):
        response = client.get("/search/", params)
        assert response.status_code == 200
    assert "&lt;script&gt;" in client.get("/search/", {"q": "<script>"}).content.decode()
