"""Every search of the admin answers in Chinese on every backend: the page
search and explorer, the page chooser, documents and images (issue 11,
item 5: autocomplete queries could not be counted on SQLite)."""

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from disclosure.models import CatalogueIndexPage

from .conftest import ENGINE

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(db):
    document = Document(title="2025年招生工作安排")
    document.file.save("zhaosheng.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    image = Image.objects.create(title="招生宣传图", file=get_test_image_file())
    return document, image


def admin_searches():
    catalogue = CatalogueIndexPage.objects.get()
    return {
        "page search": (reverse("wagtailadmin_pages:search"), "招生政策"),
        "explorer": (reverse("wagtailadmin_explore", args=[catalogue.pk]), None),
        "page chooser": (reverse("wagtailadmin_choose_page_search"), "招生政策"),
        "documents": (reverse("wagtaildocs:index"), "2025年招生工作安排"),
        "document chooser": (reverse("wagtaildocs_chooser:choose_results"), "2025年招生工作安排"),
        "images": (reverse("wagtailimages:index"), "招生宣传图"),
        "image chooser": (reverse("wagtailimages_chooser:choose_results"), "招生宣传图"),
    }


@pytest.mark.parametrize(
    "name", ["page search", "explorer", "page chooser", "documents", "document chooser", "images", "image chooser"]
)
def test_admin_search_for_zhaosheng_answers_on_the_database_backend(admin_client, media, name):
    url, expected = admin_searches()[name]
    response = admin_client.get(url, {"q": "招生"})
    assert response.status_code == 200
    if expected:
        assert expected in response.content.decode()


@pytest.mark.parametrize("name", ["page search", "page chooser", "documents", "images"])
def test_admin_search_for_zhaosheng_answers_on_elasticsearch(admin_client, media, name, settings):
    from .conftest import engine_missing

    if ENGINE not in settings.WAGTAILSEARCH_BACKENDS:
        engine_missing()
    from search.backends.registry import backend_named

    config = settings.WAGTAILSEARCH_BACKENDS[ENGINE]
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": config}):
        backend = backend_named("default")
        for model, objects in (
            (Page, Page.objects.all().specific()),
            (Document, Document.objects.all()),
            (Image, Image.objects.all()),
        ):
            index = backend.get_index_for_model(model)
            if backend.es.indices.exists(index=index.name):
                backend.es.indices.delete(index=list(backend.es.indices.get(index=index.name)))
            index.put()
            index.add_model(model)
            index.add_items(model, list(objects))
            index.refresh()
        url, expected = admin_searches()[name]
        response = admin_client.get(url, {"q": "招生"})
    assert response.status_code == 200
    assert expected in response.content.decode()
