"""Review steps of the workflow 政务公开发布审核 (科室审核 → 保密审查 → 领导审签)."""
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask


class RequiredCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("What must change"),
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Say what must change: the editor sees this comment on the page.")},
    )


class JustificationForm(forms.Form):
    comment = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea({"rows": 3}),
        help_text=_("The screening found personal data: say why it may be published. It is kept in the audit log."),
        error_messages={"required": _("Give the justification: it is kept in the audit log.")},
    )


JUSTIFIED_APPROVAL = "approve_justified"


def last_editor_id(obj):
    revision = getattr(obj, "latest_revision", None)
    return revision.user_id if revision else None


class ReviewTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve or request changes. Nobody
    approves a revision they last edited; requesting changes needs a comment."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if last_editor_id(obj) == user.pk:
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def get_form_for_action(self, action):
        if action == "reject":
            return RequiredCommentForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.revision.content_object
        if action_name == "approve" and last_editor_id(obj) == user.pk:
            raise PermissionDenied(gettext("You cannot approve a revision you last edited: another reviewer must."))
        if action_name == "reject" and not (kwargs.get("comment") or "").strip():
            raise ValidationError(gettext("Say what must change: the editor sees this comment on the page."))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve or request changes; no one approves their own edits.")

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")


class ConfidentialityReviewTask(ReviewTask):
    """保密审查: the page and its attachments are screened for personal data;
    approving while there are findings requires a justification, which is
    kept in the audit log."""

    def screening(self, task_state):
        from .page_screening import screen_page

        return screen_page(task_state.revision.as_object())

    def get_actions(self, obj, user):
        """Approving is offered plainly when the screening is clean, and only
        as “approve with justification” when it found something."""
        actions = super().get_actions(obj, user)
        if not any(name == "approve" for name, _label, _data in actions):
            return actions
        from .page_screening import screen_page

        findings, problems = screen_page(obj)
        if not (findings or problems):
            return actions
        return [action for action in actions if action[0] != "approve"] + [
            (JUSTIFIED_APPROVAL, _("Approve with justification"), True)
        ]

    def get_form_for_action(self, action):
        if action == JUSTIFIED_APPROVAL:
            return JustificationForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name not in {"approve", JUSTIFIED_APPROVAL}:
            return super().on_action(task_state, user, action_name, **kwargs)
        findings, problems = self.screening(task_state)
        justification = (kwargs.get("comment") or "").strip()
        if (findings or problems) and not (action_name == JUSTIFIED_APPROVAL and justification):
            raise ValidationError(
                gettext("The screening found %(count)s possible items of personal data; remove them or give a justification.")
                % {"count": len(findings) + len(problems)}
            )
        if findings or problems:
            log(
                instance=task_state.revision.content_object,
                action="moderation.screening_justified",
                user=user,
                revision=task_state.revision,
                data={
                    "justification": justification,
                    "findings": [{"kind": f.kind, "value": f.masked, "location": f.location} for f in findings],
                    "problems": problems,
                },
            )
        return super().on_action(task_state, user, "approve", **kwargs)

    @classmethod
    def get_description(cls):
        return _("Confidentiality review: personal data found by the screening must be removed or justified.")

    class Meta:
        verbose_name = _("confidentiality review step")
        verbose_name_plural = _("confidentiality review steps")
