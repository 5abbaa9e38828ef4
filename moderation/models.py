"""Review steps of the workflow 政务公开发布审核 (科室审核 → 保密审查 → 领导审签)."""

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, TaskState, WorkflowState

from core.models import NumberedRecord
from core.publication import PublicationRefused


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
APPROVALS = {"approve", JUSTIFIED_APPROVAL}


def revision_under_review(task, obj):
    """The revision that `task` reviews on `obj` now, or None: the revision
    of its task state in progress (not the live page, not a newer draft)."""
    state = (
        TaskState.objects.filter(
            task=task,
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type_id=obj.get_base_content_type().pk,
            workflow_state__object_id=str(obj.pk),
        )
        .select_related("revision")
        .first()
    )
    return state.revision if state else None


def approval_refusal(task, obj, user, revision):
    """Why `user` may not approve `revision` of `obj` at `task`, or None.
    Nobody approves a version they wrote, a page whose newer draft they
    wrote, or two steps of the same version."""
    if revision is None:
        return gettext("This page is not waiting for this step.")
    latest = obj.get_latest_revision()
    if revision.user_id == user.pk or (latest is not None and latest.user_id == user.pk):
        return gettext("You cannot approve a version you edited: another reviewer of this step must approve it.")
    from .publication import run_task_states  # local: moderation.publication imports this module

    state = TaskState.objects.filter(task=task, revision=revision, status=TaskState.STATUS_IN_PROGRESS).first()
    if state is not None:
        earlier = [
            other
            for other in run_task_states(state.workflow_state)
            if other.pk != state.pk
            and other.status == TaskState.STATUS_APPROVED
            and other.revision_id == revision.pk
            and other.finished_by_id == user.pk
        ]
        if earlier:
            return gettext(
                "You approved the step “%(step)s” of this version: each step is approved by a different person."
            ) % {"step": earlier[0].task.name}
    return None


class ReviewTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve or request changes. Every
    decision is on the revision under review; nobody approves a revision
    they edited or two steps of the same revision; requesting changes needs
    a comment. Superusers take part only through a group, like everyone."""

    def _user_may_act(self, user):
        return user.is_active and self._user_in_groups(user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self._user_may_act(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    def user_can_access_editor(self, obj, user):
        return self._user_may_act(user)

    def locked_for_user(self, obj, user):
        return not self._user_may_act(user)

    def is_final(self, workflow=None):
        workflows = [workflow] if workflow else list(self.active_workflows)
        return any((last := w.tasks.filter(active=True).last()) is not None and last.pk == self.pk for w in workflows)

    def get_actions(self, obj, user):
        if not self._user_may_act(user):
            return []
        revision = revision_under_review(self, obj)
        actions = [("reject", _("Request changes"), True)]
        if revision is None or approval_refusal(self, obj, user, revision):
            return actions
        final = self.is_final()
        label = _("Approve and publish") if final else _("Approve")
        comment_label = _("Approve and publish with comment") if final else _("Approve with comment")
        return actions + self.approval_actions(obj, revision, label, comment_label)

    def approval_actions(self, obj, revision, label, comment_label):
        return [("approve", label, False), ("approve", comment_label, True)]

    def get_form_for_action(self, action):
        if action == "reject":
            return RequiredCommentForm
        return super().get_form_for_action(action)

    def start(self, workflow_state, user=None):
        """A step starts only when every step before it approved the latest
        revision: content changed after a request for changes (or during
        the review) is reviewed again from the first step."""
        expected = workflow_state.get_next_task()
        if expected is not None and expected.pk != self.pk and self._comes_after(expected, workflow_state.workflow):
            log(
                instance=workflow_state.content_object.specific,
                action="moderation.review_restarted",
                user=user,
                revision=workflow_state.content_object.get_latest_revision(),
                data={"step": expected.name},
            )
            return expected.specific.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    def _comes_after(self, other, workflow):
        order = list(workflow.tasks.values_list("pk", flat=True))
        return self.pk in order and other.pk in order and order.index(other.pk) < order.index(self.pk)

    def refusal(self, task_state, user, action_name, kwargs):
        """Why `action_name` may not be taken, or None."""
        obj = task_state.revision.content_object
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            return gettext("This step has already been decided.")
        if not self._user_may_act(user):
            return gettext("Only members of the group of the step “%(step)s” decide it.") % {"step": self.name}
        if action_name == "reject":
            if not (kwargs.get("comment") or "").strip():
                return gettext("Say what must change: the editor sees this comment on the page.")
            return None
        if action_name not in APPROVALS:
            return gettext("Unknown action.")
        return approval_refusal(self, obj, user, task_state.revision)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        message = self.refusal(task_state, user, action_name, kwargs)
        if message:
            raise PublicationRefused(message)
        if action_name in APPROVALS:
            screening = self.screening(task_state)
            message = self.screening_refusal(screening, action_name, kwargs)
            if message:
                raise PublicationRefused(message)
            StepApproval.objects.update_or_create(
                task_state=task_state,
                defaults={"fingerprint": screening.fingerprint, "justification": (kwargs.get("comment") or "").strip()},
            )
            if action_name == JUSTIFIED_APPROVAL:
                self.log_justification(task_state, user, screening, kwargs)
            action_name = "approve"
        return super().on_action(task_state, user, action_name, **kwargs)

    def screening(self, task_state):
        from .page_screening import screen_revision  # local: moderation.page_screening imports this module

        return screen_revision(task_state.revision)

    def screening_refusal(self, screening, action_name, kwargs):
        return None

    def log_justification(self, task_state, user, screening, kwargs):
        pass

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve or request changes; no one approves their own edits.")

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")


class ConfidentialityReviewTask(ReviewTask):
    """保密审查: the page, its attachments and the interpretations published
    with it are screened for personal data; while anything is found, cannot
    be read or is not screened yet, approving needs a justification, which
    is kept in the audit log with the masked findings."""

    def approval_actions(self, obj, revision, label, comment_label):
        from .page_screening import screen_revision  # local: moderation.page_screening imports this module

        if screen_revision(revision).clean:
            return super().approval_actions(obj, revision, label, comment_label)
        return [(JUSTIFIED_APPROVAL, _("Approve with justification"), True)]

    def get_form_for_action(self, action):
        if action == JUSTIFIED_APPROVAL:
            return JustificationForm
        return super().get_form_for_action(action)

    def screening_refusal(self, screening, action_name, kwargs):
        if screening.clean:
            return None
        if action_name == JUSTIFIED_APPROVAL and (kwargs.get("comment") or "").strip():
            return None
        if screening.pending and not (screening.findings or screening.problems):
            return gettext(
                "The attachments are still being screened (%(names)s): approve with a justification, or wait until "
                "the screening has finished."
            ) % {"names": "、".join(screening.pending)}
        return gettext(
            "The screening found %(count)s possible items of personal data; remove them or give a justification."
        ) % {"count": screening.count}

    def log_justification(self, task_state, user, screening, kwargs):
        log(
            instance=task_state.revision.content_object.specific,
            action="moderation.screening_justified",
            user=user,
            revision=task_state.revision,
            data={
                "justification": (kwargs.get("comment") or "").strip(),
                "findings": [finding.as_json() | {"value": finding.masked} for finding in screening.findings],
                "problems": screening.problems,
                "pending": screening.pending,
                "fingerprint": screening.fingerprint,
            },
        )

    @classmethod
    def get_description(cls):
        return _("Confidentiality review: personal data found by the screening must be removed or justified.")

    class Meta:
        verbose_name = _("confidentiality review step")
        verbose_name_plural = _("confidentiality review steps")


class ScreeningResult(models.Model):
    """Stored findings of the personal-data screening, keyed on what was
    screened: an attachment's content hash (`file:<sha256>:<extension>`) or
    a revision's text (`revision:<id>`), and the version of the screening
    (new readers or patterns screen everything again). Values are stored
    masked only."""

    PENDING, DONE = "pending", "done"

    key = models.CharField(max_length=200, unique=True)
    status = models.CharField(
        max_length=16,
        choices=[
            (PENDING, pgettext_lazy("screening status", "pending")),
            (DONE, pgettext_lazy("screening status", "done")),
        ],
        default=PENDING,
    )
    findings = models.JSONField(default=list, blank=True)
    problems = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("screening result")
        verbose_name_plural = _("screening results")

    def __str__(self):
        return self.key


class StepApproval(NumberedRecord):
    """What a review step approved: the fingerprint of the content it saw
    (the revision, the interpretations that go with it and the hashes of
    every attachment), and the justification given for findings."""

    task_state = models.OneToOneField("wagtailcore.TaskState", on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)
    justification = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("step approval")
        verbose_name_plural = _("step approvals")


class ApprovedRevision(NumberedRecord):
    """A revision that the last step of 政务公开发布审核 approved, after
    every step approved the same content: the only revisions of a reviewed
    page that may go live. `files` keeps the content hash of each
    attachment, so that a file replaced after the review cannot go live."""

    revision = models.OneToOneField("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)
    files = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("approved revision")
        verbose_name_plural = _("approved revisions")


class PageCreation(NumberedRecord):
    """Which page one add form created: the form carries a token of its own
    (a hidden input of the add page), and the request that creates the page
    — Wagtail 8's autosave or the editor's click — records it in the same
    transaction. A later post of the same form to the add URL (sent before
    the browser heard the page was made) is then known to be a save of that
    page, and never of another draft that happens to have the same slug."""

    token = models.CharField(max_length=64, unique=True)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("page creation")
        verbose_name_plural = _("page creations")
