"""Admin panels of the catalogue."""

from wagtail.admin.panels import Panel


class ProvenancePanel(Panel):
    """Shows editors (never the public) where an item's values come from and
    which of them are defaults or inferences that still need confirming."""

    @property
    def clean_name(self):
        return super().clean_name or "provenance"

    class BoundPanel(Panel.BoundPanel):
        template_name = "disclosure/admin/provenance_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk and self.instance.provenance_source)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["item"] = self.instance
            context["unconfirmed"] = self.instance.unconfirmed_fields()
            return context
