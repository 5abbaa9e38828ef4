"""Fuzzing every form that takes an upload (issue 12): the admin's forms
with a file field — found by opening every admin page without path
arguments as a superuser, so new upload forms are covered — and the public
ones, receive generated hostile files (ZIP bombs, nested ZIPs, expanding
XLSX, long cells, formula cells, files whose content is not what their
name says, image bombs, hostile names). None answers 5xx, every answer is
bounded, and no spreadsheet is expanded past its limit."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from core import work
from core.spreadsheets import CHUNK, Limits
from core.tests import hostile_files

from .routes import FUZZ, judge, public_patterns

pytestmark = pytest.mark.django_db

HOSTILE = {
    "zip bomb (200 MB)": lambda: hostile_files.zip_bomb(200_000_000),
    "nested zip (20 levels)": lambda: hostile_files.nested_zip(20),
    "xlsx: a row of 5,000,000 cells": lambda: hostile_files.xlsx_wide_row(5_000_000),
    "xlsx: a cell of 50,000,000 characters": lambda: hostile_files.xlsx_long_cell(50_000_000),
    "xlsx: 500,000 rows": lambda: hostile_files.xlsx_many_rows(500_000),
    "xlsx: expands to 40 MB": lambda: hostile_files.xlsx_expanding_whitespace(40_000_000),
    "xlsx: shared string bomb": lambda: hostile_files.xlsx_with_shared_strings_bomb(50_000_000),
    "xlsx: billion laughs": hostile_files.xlsx_with_entities,
    "xlsx: formula": hostile_files.xlsx_with_formula,
    "csv: formula cells": lambda: hostile_files.csv_rows(hostile_files.formula_zone_rows(hostile_files.FORMULAS[0])),
    "png: 900 million pixels": hostile_files.png_bomb,
    "empty": lambda: b"",
    **{f"wrong magic: {name}": (lambda data=data: data) for name, data in hostile_files.WRONG_MAGIC.items()},
}
EXTENSIONS = [".csv", ".xlsx", ".pdf", ".docx", ".zip", ".png", ".jpg", ".exe", ""]
MAX_EXPANDED = Limits().max_expanded_bytes + CHUNK


class _Forms(HTMLParser):
    """The forms of a page that have a file input, with their fields' default values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.current, self.select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "files": [],
                "data": {},
            }
        elif self.current is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind == "file":
                self.current["files"].append(attrs["name"])
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.current["data"].setdefault(attrs["name"], attrs.get("value", "on"))
            elif kind not in ("submit", "button", "image", "reset"):
                self.current["data"][attrs["name"]] = attrs.get("value", "")
        elif tag == "select" and attrs.get("name"):
            self.select = attrs["name"]
        elif tag == "option" and self.select and self.select not in self.current["data"]:
            self.current["data"][self.select] = attrs.get("value", "")
        elif tag == "textarea" and attrs.get("name"):
            self.current["data"].setdefault(attrs["name"], "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form" and self.current is not None:
            if self.current["files"] and self.current["method"] == "post":
                self.forms.append(self.current)
            self.current = None


def _forms_on(client, path):
    response = client.get(path)
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return []
    parser = _Forms()
    parser.feed(response.content.decode("utf-8"))
    return [{**form, "page": path, "action": form["action"] or path} for form in parser.forms]


def _pages_without_arguments(prefix_admin):
    for _name, pieces in public_patterns(include_admin=True):
        text = "".join(str(piece) for piece in pieces)
        if "<" in text or "(" in text or "*" in text or text.startswith("admin/") != prefix_admin:
            continue
        path = "/" + text.replace("^", "").replace("$", "")
        if not path.endswith(("logout/", "failwhale/", "test404/")):  # Wagtail's own error tests
            yield path


def _superuser():
    user, _created = get_user_model().objects.get_or_create(
        username="fuzz-admin", defaults={"is_superuser": True, "is_staff": True, "email": "fuzz@example.invalid"}
    )
    return user


@pytest.fixture
def superuser(db):
    return _superuser()


@pytest.fixture(scope="module")
def upload_forms(django_db_blocker):
    """Found once: what each form is (its address and fields), not database
    rows; whatever finding them wrote is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        client = Client()
        client.force_login(_superuser())
        forms = [form for path in _pages_without_arguments(True) for form in _forms_on(client, path)]
        forms += [form for path in _pages_without_arguments(False) for form in _forms_on(Client(), path)]
        transaction.set_rollback(True)
    return forms


@pytest.fixture(scope="module")
def files():
    return {name: build() for name, build in HOSTILE.items()}


def test_the_upload_forms_are_found(upload_forms):
    actions = {form["action"].split("?")[0] for form in upload_forms}
    for expected in (
        "/admin/catchment/import/",
        "/admin/documents/multiple/add/",
        "/admin/images/multiple/add/",
        "/admin/redirects/import/",
    ):
        assert any(action.startswith(expected) for action in actions), (expected, actions)


@FUZZ
@given(data=st.data())
def test_every_upload_form_survives_hostile_files(upload_forms, files, superuser, data):
    form = data.draw(st.sampled_from(upload_forms), label="form")
    kind = data.draw(st.sampled_from(sorted(files)), label="file")
    name = data.draw(
        st.one_of(
            st.sampled_from(hostile_files.HOSTILE_NAMES), st.sampled_from(EXTENSIONS).map(lambda ext: "file" + ext)
        ),
        label="name",
    )
    client = Client()
    if form["action"].startswith("/admin/"):
        client.force_login(superuser)
    payload = dict(form["data"])
    for field in form["files"]:
        payload[field] = SimpleUploadedFile(name, files[kind])
    with work.counting() as counted:
        response = client.post(form["action"], payload)
    judge(response, f"POST {form['action']} with {kind} named {name!r}")
    assert counted["spreadsheet.expanded_bytes"] <= MAX_EXPANDED, (form["action"], kind)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_redirect_import_reads_hostile_spreadsheets_with_bounded_work(superuser, files, kind):
    client = Client()
    client.force_login(superuser)
    for extension in (".xlsx", ".csv"):
        with work.counting() as counted:
            response = client.post(
                "/admin/redirects/import/",
                {"import_file": SimpleUploadedFile("redirects" + extension, files[kind])},
                follow=True,
            )
        judge(response, f"redirect import of {kind}")
        assert counted["spreadsheet.expanded_bytes"] <= MAX_EXPANDED
        assert counted["spreadsheet.cells"] <= 20_000 * 10 + 1_000


def test_an_image_bomb_is_refused_with_a_message(superuser, files):
    client = Client()
    client.force_login(superuser)
    response = client.post(
        "/admin/images/add/",
        {"title": "炸弹", "file": SimpleUploadedFile("bomb.png", files["png: 900 million pixels"])},
    )
    assert response.status_code == 200
    assert re.search("像素|pixels", response.content.decode())
