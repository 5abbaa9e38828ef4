"""Keep office editors' page permissions in step with the catalogue."""
from django.db.models.signals import post_delete, post_save


def item_changed(sender, instance, **kwargs):
    from .roles import sync_office_permissions

    sync_office_permissions()


def office_changed(sender, instance, created=False, **kwargs):
    from django.contrib.auth.models import Group

    from .roles import EDITOR_PREFIX, setup_roles

    if Group.objects.filter(name__startswith=EDITOR_PREFIX).exists():
        setup_roles()


def connect():
    from disclosure.models import CatalogueItemPage, Office

    post_save.connect(item_changed, sender=CatalogueItemPage, dispatch_uid="moderation.item_changed")
    post_delete.connect(item_changed, sender=CatalogueItemPage, dispatch_uid="moderation.item_deleted")
    post_save.connect(office_changed, sender=Office, dispatch_uid="moderation.office_changed")
