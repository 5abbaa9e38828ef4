"""Publish the demo budget page (corpus budget-1) under 财务信息 › 财务信息,
unless it is already there."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from disclosure.demo_budget import DEMO_SOURCE_ID, create_demo_budget
from disclosure.models import BudgetPage, CatalogueItemPage

ITEM_KEY = "财务信息/财务信息"


class Command(BaseCommand):
    help = "Create and publish the demo budget page under the catalogue item 财务信息 › 财务信息 (idempotent)."

    def handle(self, **options):

        try:
            item = CatalogueItemPage.objects.get(catalogue_key=ITEM_KEY)
        except CatalogueItemPage.DoesNotExist:
            raise CommandError(f"No catalogue item {ITEM_KEY}: run load_catalogue first.") from None
        existing = BudgetPage.objects.child_of(item).filter(source_id=DEMO_SOURCE_ID).first()
        if existing is not None:
            self.stdout.write(f"Demo budget already present: {existing.title} ({existing.url_path}); nothing created.")
            return
        with transaction.atomic():
            page = create_demo_budget(item)
        self.stdout.write(self.style.SUCCESS(f"Published the demo budget: {page.title} ({page.index_number})."))
