from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.permissions import register_permission_policy

        from . import publication, signals
        from .documents import ReviewedDocumentPermissionPolicy

        signals.connect()
        assert publication.RULE
        # exact_class: wins over the policy wagtail.documents registers later.
        Document = get_document_model()
        register_permission_policy(
            Document,
            ReviewedDocumentPermissionPolicy(Document, auth_model=Document, owner_field_name="uploaded_by_user"),
            exact_class=True,
        )
