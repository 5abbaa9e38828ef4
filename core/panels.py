"""Read-only panels of the page editor (shown to editors and reviewers,
never on the public site).

The personal-data screening is declared by the page types below the
review; what it shows comes from the app that screens (`moderation`),
through the Wagtail hook `screening_for_panel`: a function of the page
returning its screening (findings, problems, pending) of the saved version
and of the interpretations published with it."""

from wagtail import hooks
from wagtail.admin.panels import Panel


class SavedPagePanel(Panel):
    """A panel about what is saved: `template_name` rendered with
    `context_for(instance)`, shown once the page exists and
    `applies_to(instance)`. Named `default_name` unless given a name."""

    default_name = None
    template_name = None

    @property
    def clean_name(self):
        return super().clean_name or self.default_name

    def applies_to(self, instance):
        return True

    def context_for(self, instance):
        return {}

    class BoundPanel(Panel.BoundPanel):
        @property
        def template_name(self):
            return self.panel.template_name

        def is_shown(self):
            return bool(self.instance and self.instance.pk) and self.panel.applies_to(self.instance)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(self.panel.context_for(self.instance))
            return context


class ScreeningPanel(SavedPagePanel):
    default_name = "screening"
    template_name = "moderation/screening_panel.html"

    def applies_to(self, instance):
        return bool(hooks.get_hooks("screening_for_panel"))

    def context_for(self, instance):
        screening = hooks.get_hooks("screening_for_panel")[0](instance)
        return {
            "findings": screening.findings,
            "problems": screening.problems,
            "pending": screening.pending,
            "screening": screening,
        }
