"""The factories build pages that publish and serve like the admin's."""

import pytest
from django.test import Client

from .factories import (
    BudgetPageFactory,
    EnrolmentZonePageFactory,
    InterpretationPageFactory,
    PolicyDocumentPageFactory,
    SafetyNoticePageFactory,
    ZoneRuleFactory,
    publish,
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory",
    [PolicyDocumentPageFactory, SafetyNoticePageFactory, BudgetPageFactory, EnrolmentZonePageFactory],
    ids=lambda f: f.__name__,
)
def test_each_disclosure_type_publishes_with_an_index_number_and_serves(factory):
    page = publish(factory())
    assert page.live and page.index_number
    assert Client().get(page.url).status_code == 200


@pytest.mark.django_db
def test_an_interpretation_publishes_with_its_document():
    interpretation = InterpretationPageFactory()
    document = interpretation.get_parent().specific
    publish(document)
    interpretation.refresh_from_db()
    assert interpretation.live
    assert Client().get(interpretation.url).status_code == 200


@pytest.mark.django_db
def test_zone_rules_belong_to_their_page():
    rule = ZoneRuleFactory(name="解放路")
    assert list(rule.page.rules.values_list("name", flat=True)) == ["解放路"]
