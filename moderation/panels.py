"""The personal-data screening shown in the page editor (to editors and
reviewers alike, never on the public site): of the saved version and of the
interpretations published with it. It reads stored results only; an
attachment not screened yet is queued and shown as such."""
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
            from .page_screening import screen_page, screen_revision

            context = super().get_context_data(parent_context)
            revision = self.instance.get_latest_revision()
            screening = screen_revision(revision) if revision is not None else screen_page(self.instance)
            context.update(
                findings=screening.findings, problems=screening.problems, pending=screening.pending, screening=screening
            )
            return context
