from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from wagtail.permissions import register_permission_policy  # local: imports models (AppConfig.ready)

        from . import publication, signals  # local: imports models (AppConfig.ready)
        from .documents import ReviewedMediaPermissionPolicy  # local: imports models (AppConfig.ready)

        signals.connect()
        assert publication.RULE
        # exact_class: wins over the policies wagtail.documents and
        # wagtail.images register after this app is ready.
        for model, auth_model in (
            (get_document_model(), "wagtaildocs.Document"),
            (get_image_model(), "wagtailimages.Image"),
        ):
            register_permission_policy(
                model,
                ReviewedMediaPermissionPolicy(model, auth_model=auth_model, owner_field_name="uploaded_by_user"),
                exact_class=True,
            )
