"""Keep office editors' page permissions in step with the catalogue, give
every catalogue the review workflow, and guard every publication."""

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Workflow, WorkflowPage
from wagtail.signals import page_published

from disclosure.models import CatalogueIndexPage, CatalogueItemPage, Office

from . import publication
from .publication import WORKFLOW_NAME
from .roles import EDITOR_PREFIX, setup_roles, sync_office_permissions


def item_changed(sender, instance, **kwargs):

    sync_office_permissions()


def office_changed(sender, instance, created=False, **kwargs):

    if Group.objects.filter(name__startswith=EDITOR_PREFIX).exists():
        setup_roles()


def catalogue_created(sender, instance, created=False, raw=False, **kwargs):
    """A new catalogue is reviewed like the others from its first moment."""

    if raw or not created:
        return
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=instance, defaults={"workflow": workflow})


def connect():

    post_save.connect(item_changed, sender=CatalogueItemPage, dispatch_uid="moderation.item_changed")
    post_delete.connect(item_changed, sender=CatalogueItemPage, dispatch_uid="moderation.item_deleted")
    post_save.connect(office_changed, sender=Office, dispatch_uid="moderation.office_changed")
    post_save.connect(catalogue_created, sender=CatalogueIndexPage, dispatch_uid="moderation.catalogue_created")
    pre_save.connect(publication.guard, dispatch_uid="moderation.publication_guard")
    page_published.connect(publication.log_trusted_publication, dispatch_uid="moderation.log_trusted_publication")
    page_published.connect(
        publication.publish_companions_of_trusted, dispatch_uid="moderation.publish_companions_of_trusted"
    )
