"""The personal-data screening shown in the page editor (to editors and
reviewers alike, never on the public site), declared by the page types
below the review. What it shows comes from the app that screens
(`moderation`), through the Wagtail hook `screening_for_panel`: a function
of the page returning its screening (findings, problems, pending) of the
saved version and of the interpretations published with it."""

from wagtail import hooks
from wagtail.admin.panels import Panel


class ScreeningPanel(Panel):
    @property
    def clean_name(self):
        return super().clean_name or "screening"

    class BoundPanel(Panel.BoundPanel):
        template_name = "moderation/screening_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk) and bool(hooks.get_hooks("screening_for_panel"))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            screening = hooks.get_hooks("screening_for_panel")[0](self.instance)
            context.update(
                findings=screening.findings, problems=screening.problems, pending=screening.pending, screening=screening
            )
            return context
