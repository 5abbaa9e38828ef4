"""Admin panels of the catalogue."""

from core.panels import SavedPagePanel


class ProvenancePanel(SavedPagePanel):
    """Shows editors (never the public) where an item's values come from and
    which of them are defaults or inferences that still need confirming."""

    default_name = "provenance"
    template_name = "disclosure/admin/provenance_panel.html"

    def applies_to(self, instance):
        return bool(instance.provenance_source)

    def context_for(self, instance):
        return {"item": instance, "unconfirmed": instance.unconfirmed_fields()}
