"""Query parameters of public views (issue 12, finding 5): every one is read
by a validated form (core.params.QueryParams) or a converter, so a bad
value gives 200 with the default and a message, or 400, never 500. The
fuzzing suite (tests/fuzz) tries generated values on every URL; these are
the reproductions."""

import pytest
from django.test import Client

from core.middleware import MAX_QUERY_STRING
from core.params import NumberParam, QueryParams

pytestmark = pytest.mark.django_db

ITEM = "/catalogue/招生管理/招生政策/"
NOT_NUMBERS = ["²", "①", "٢٠٢٤", "2024.0", "-1", "0x7e8", "99999999999999999999", "2024\x00", " ", "１２"]


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_a_catalogue_item_with_a_year_that_is_not_a_year_lists_every_year(value):
    """Finding 5: ?year=%C2%B2 (or ①) answered 500: isdigit() accepts what int() refuses."""
    response = Client().get(ITEM, {"year": value})
    assert response.status_code == 200
    if value.strip():
        assert "该年份暂无公开信息，现显示全部年份的信息。" in response.content.decode()


@pytest.mark.parametrize("value", [*NOT_NUMBERS, "0", "100000"])
def test_a_catalogue_item_with_a_bad_page_number_shows_a_page(value):
    assert Client().get(ITEM, {"page": value}).status_code == 200


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_search_filters_and_pages_that_are_not_numbers_are_ignored_with_a_notice(value):
    for name in ("year", "category", "item", "office", "validity", "page"):
        response = Client().get("/api/search/", {"q": "招生", name: value})
        assert response.status_code == 200, (name, value)
        if value.strip():
            assert response.json()["messages"], (name, value)


def test_a_zone_csv_year_is_four_digits():
    assert Client().get("/catchment/zones/99999999999999999999.csv").status_code == 404
    assert Client().get("/catchment/zones/%C2%B2.csv").status_code == 404
    assert Client().get("/catchment/zones/2017.csv").status_code == 200


def test_the_admin_zone_export_with_a_year_that_is_not_a_number_shows_the_form(admin_client):
    for value in NOT_NUMBERS:
        assert admin_client.get("/admin/catchment/export/", {"year": value}).status_code == 200


def test_an_overlong_query_string_is_refused_with_414_before_any_view():
    response = Client().get("/search/?q=" + "a" * (MAX_QUERY_STRING + 1))
    assert response.status_code == 414
    assert "网址太长" in response.content.decode()


def test_an_oversized_body_is_refused_with_413(settings):
    settings.MAX_REQUEST_BYTES = 1000
    from django.test import override_settings

    with override_settings(MIDDLEWARE=settings.MIDDLEWARE):  # the middleware reads the setting when built
        response = Client().post("/search/", data="x" * 2000, content_type="text/plain")
    assert response.status_code == 413
    assert "上传的内容太大" in response.content.decode()


def test_query_params_give_the_default_and_say_why():
    class Params(QueryParams):
        year = NumberParam(min_value=1900, max_value=2100, default=2026)
        page = NumberParam(min_value=1, default=1)

    params = Params.read({"year": "²", "page": "3"})
    assert params.values == {"year": 2026, "page": 3}
    assert params.invalid == {"year"} and params.problems
    assert Params.read({"year": "1800"}).values["year"] == 2026
    assert Params.read({}).values == {"year": 2026, "page": 1} and not Params.read({}).problems
    assert params.bad_request().status_code == 400
