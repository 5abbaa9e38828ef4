"""Every field editors fill in says what to enter and in which format."""

from django.apps import apps

# Bookkeeping that no editor form shows: written by the worker, the review,
# the add form's creation record and the caches.
INTERNAL = {
    "IndexNumberSequence",
    "ChangeNote",
    "Job",
    "ContentGeneration",
    "StepApproval",
    "ApprovedRevision",
    "ScreeningResult",
    "PageCreation",
}


def test_every_editable_field_has_help_text():
    missing = []
    for app in ("core", "disclosure", "home", "moderation"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__ in INTERNAL:
                continue
            for field in model._meta.get_fields():
                if getattr(field, "model", None) is not model or field.auto_created:
                    continue
                if not getattr(field, "editable", False) or not hasattr(field, "help_text"):
                    continue
                if field.name.endswith("_ptr") or field.name in {"id", "sort_order", "page"}:
                    continue
                if not str(field.help_text).strip():
                    missing.append(f"{model.__name__}.{field.name}")
    assert missing == []
