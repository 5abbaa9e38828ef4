"""A draft of a live disclosure may break the publication rules until it
is published: saving it never fails, and the published page is unchanged."""

import pytest
from django.urls import reverse

from disclosure.models import IndexNumberSequence

from .helpers import edit_form_data, policy

pytestmark = pytest.mark.django_db


def test_saving_a_draft_that_breaks_a_publication_rule(admin_client):
    page = policy()
    number = page.index_number
    serials = list(IndexNumberSequence.objects.values_list("year", "last_serial"))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(admin_client, url)
    data["disclosure_attribute"] = "withheld"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.disclosure_attribute == "proactive" and page.has_unpublished_changes
    assert page.get_latest_revision_as_object().disclosure_attribute == "withheld"
    assert page.index_number == number
    assert list(IndexNumberSequence.objects.values_list("year", "last_serial")) == serials
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "disclosure_attribute" in response.context["form"].errors
