"""The personal-data screening shown in the page editor (to editors and
reviewers alike, never on the public site)."""
from wagtail.admin.panels import Panel


class ScreeningPanel(Panel):
    @property
    def clean_name(self):
        return super().clean_name or "screening"

    class BoundPanel(Panel.BoundPanel):
        template_name = "moderation/screening_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            from .page_screening import screen_page

            context = super().get_context_data(parent_context)
            findings, problems = screen_page(self.instance)
            context.update(findings=findings, problems=problems)
            return context
