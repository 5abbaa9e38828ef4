"""The page tree enforces home → catalogue → category → item."""

import pytest
from wagtail.models import Page

from disclosure.models import CatalogueIndexPage, CatalogueItemPage, CategoryPage
from home.models import GuidePage, HomePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "child, parent, allowed",
    [
        (CatalogueIndexPage, HomePage, True),
        (CatalogueIndexPage, CategoryPage, False),
        (CategoryPage, CatalogueIndexPage, True),
        (CategoryPage, HomePage, False),
        (CategoryPage, CategoryPage, False),
        (CatalogueItemPage, CategoryPage, True),
        (CatalogueItemPage, CatalogueIndexPage, False),
        (CatalogueItemPage, HomePage, False),
        (CatalogueItemPage, CatalogueItemPage, False),
        (GuidePage, HomePage, True),
        (GuidePage, CategoryPage, False),
        (HomePage, Page, True),
        (HomePage, HomePage, False),
    ],
)
def test_allowed_parents(child, parent, allowed):
    assert (parent in child.allowed_parent_page_models()) is allowed


def test_only_one_catalogue_per_site(home):
    assert CatalogueIndexPage.objects.child_of(home).count() == 1
    assert not CatalogueIndexPage.can_create_at(home)


def test_a_category_accepts_new_items(catalogue):
    category = CategoryPage.objects.child_of(catalogue).first()
    assert CatalogueItemPage.can_create_at(category)
    assert not CategoryPage.can_create_at(category)


def test_items_hold_only_disclosure_types(item):
    from disclosure.models import DisclosurePage

    # (wagtailcore.Page itself is allowed anywhere but creatable nowhere.)
    creatable = item.specific_class.creatable_subpage_models()
    assert {model.__name__ for model in creatable} >= {"PolicyDocumentPage", "InterpretationPage", "SafetyNoticePage"}
    assert all(issubclass(model, DisclosurePage) for model in creatable), creatable
