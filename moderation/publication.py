"""The publication rules of 政务公开发布审核, and the one choke point every
publication goes through.

Reviewed pages are the catalogue and every page below it (every
disclosure type lives there), whatever workflow is assigned to them.

- Nobody publishes a reviewed page directly: not the admin's Publish
  button, bulk publish, reverting and publishing, copying with "publish
  copies", the admin API or a catchment import in publish mode
  (`ReviewRule.direct_publication`, `.subpage_publication`, used by
  Wagtail's page permission tester). Superusers included.
- A reviewed page goes live only with a revision that the last step of the
  workflow approved after every step approved the same content
  (`ApprovedRevision`), and only while its attachments are still the files
  that were screened (`ReviewRule.publication`). This is checked whenever a
  page is saved as newly published (a `pre_save` receiver: `guard`), so
  scheduled publishing (`publish_scheduled`), management commands and
  anything else that publishes through Wagtail are covered too.
- The operator's own commands (loading the demo, importing documents that
  are already public) publish inside `core.publication.trusted_publication`;
  they need no review step, but the screening applies to them as well.
- The final approval publishes the revision under review, as the approver,
  with the interpretations that go with it (三同步), in one transaction
  (`publish_approved`, Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION)."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.log_actions import log
from wagtail.models import Page, TaskState

from core.publication import (
    PublicationRefused,
    publication_refusal,
    register_rule,
    trusted_justification,
    trusted_reason,
)
from disclosure.models import CatalogueIndexPage, DisclosurePage

from .models import ApprovedRevision, ConfidentialityReviewTask, StepApproval
from .page_screening import attached_documents, companion_revisions, file_hash, screen_page, screen_revision

WORKFLOW_NAME = "政务公开发布审核"


def catalogue_paths():
    return list(CatalogueIndexPage.objects.values_list("path", flat=True))


def is_reviewed(page):
    """Is `page` (or, for a page being created, its place) under the catalogue?"""
    specific_class = getattr(page, "specific_class", None) or type(page)
    if issubclass(specific_class, (DisclosurePage, CatalogueIndexPage)) or isinstance(
        page, (DisclosurePage, CatalogueIndexPage)
    ):
        return True
    path = getattr(page, "path", "") or ""
    return bool(path) and any(path.startswith(root) for root in catalogue_paths())


def _direct_refusal():
    return _(
        "Pages of the disclosure catalogue are published only by approving the last step (领导审签) of the review "
        "workflow 政务公开发布审核: submit the page for review."
    )


class ReviewRule:
    def direct_publication(self, page, user):
        if is_reviewed(page):
            return _direct_refusal()
        return None

    def subpage_publication(self, parent, user):
        if is_reviewed(parent):
            return _direct_refusal()
        return None

    def publication(self, page, revision):
        if not is_reviewed(page):
            return None
        if trusted_reason() is not None:
            return self._screening_refusal(page)
        if revision is None or str(revision.object_id) != str(page.pk):
            return _(
                "“%(title)s” cannot go live: it has no revision approved by the review workflow 政务公开发布审核."
            ) % {"title": page.title}
        approval = ApprovedRevision.objects.filter(revision_id=revision.pk).first()
        if approval is None:
            return _(
                "“%(title)s” cannot go live: this version was not approved by the last step (领导审签) of the review "
                "workflow 政务公开发布审核."
            ) % {"title": page.title}
        return self._files_refusal(page, revision, approval)

    @staticmethod
    def _files_refusal(page, revision, approval):
        for document in attached_documents(revision.as_object()):
            if approval.files.get(str(document.pk)) != file_hash(document):
                return _(
                    "“%(title)s” cannot go live: the attachment “%(name)s” was replaced after the review; submit the "
                    "page for review again."
                ) % {"title": page.title, "name": document.title}
        return None

    @staticmethod
    def _screening_refusal(page):
        screening = screen_page(page, background=False)
        if (screening.findings or screening.problems) and not trusted_justification():
            return _("“%(title)s” was not published: the personal-data screening found %(details)s.") % {
                "title": page.title,
                "details": screening.summary(),
            }
        page._trusted_screening = screening
        return None


RULE = register_rule(ReviewRule())


# ---- the choke point -----------------------------------------------------


def _being_published(instance):
    """Is this save of a page the one that makes a revision live?"""
    if not instance.live:
        return False
    if instance.pk is None:
        return True
    before = Page.objects.filter(pk=instance.pk).values_list("live", "live_revision_id").first()
    if before is None:
        return True
    was_live, live_revision_id = before
    return not was_live or live_revision_id != instance.live_revision_id


def guard(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save of every page: refuse a publication the rules refuse."""
    if raw or not isinstance(instance, Page):
        return
    if update_fields is not None and not {"live", "live_revision"} & set(update_fields):
        return
    if not _being_published(instance):
        return
    message = publication_refusal(instance, instance.live_revision)
    if message:
        raise PublicationRefused(message)


# ---- the final approval --------------------------------------------------


def run_task_states(workflow_state):
    """The task states of the current run of a workflow state: those since
    the last time its first step started."""
    states = list(TaskState.objects.filter(workflow_state=workflow_state).order_by("started_at", "pk"))
    first_task = workflow_state.workflow.tasks.filter(active=True).first()
    starts = [index for index, state in enumerate(states) if first_task and state.task_id == first_task.pk]
    return states[starts[-1] :] if starts else states


def review_problems(workflow_state, revision, screening):
    """Why the run of `workflow_state` does not authorise publishing
    `revision`: every active step approved that revision, each on the
    content screened now."""
    approved = {
        state.task_id: state
        for state in run_task_states(workflow_state)
        if state.status == TaskState.STATUS_APPROVED and state.revision_id == revision.pk
    }
    problems = []
    for task in workflow_state.workflow.tasks.filter(active=True):
        state = approved.get(task.pk)
        if state is None:
            problems.append(_("the step “%(step)s” did not approve this version") % {"step": task.name})
            continue
        step = StepApproval.objects.filter(task_state=state).first()
        if step is None or step.fingerprint != screening.fingerprint:
            problems.append(
                _("the content changed after the step “%(step)s” approved it (an attachment or an interpretation)")
                % {"step": task.name}
            )
    if not any(_is_confidentiality(task) for task in workflow_state.workflow.tasks.filter(active=True)):
        problems.append(_("the workflow has no confidentiality review step"))
    if revision.pk != workflow_state.content_object.get_latest_revision().pk:
        problems.append(_("a newer version was saved during the review"))
    return problems


def _is_confidentiality(task):
    return isinstance(task.specific, ConfidentialityReviewTask)


@transaction.atomic
def publish_approved(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish the revision the last step
    approved, as the approver, with its companions (三同步)."""
    final = workflow_state.current_task_state
    revision = final.revision
    screening = screen_revision(revision, background=False)
    problems = review_problems(workflow_state, revision, screening)
    if problems:
        raise PublicationRefused(
            _("Not published: %(problems)s. Submit the page for review again.") % {"problems": "；".join(problems)}
        )
    page = revision.as_object()
    pairs = companion_revisions(page)
    records = [(page, revision), *pairs]
    for record_page, record_revision in records:
        files = screen_revision(record_revision).files if record_revision is not revision else screening.files
        ApprovedRevision.objects.update_or_create(
            revision=record_revision,
            defaults={"page_id": record_page.pk, "workflow_state": workflow_state, "approved_by": user, "files": files},
        )
    PublishPageRevisionAction(revision, user=user).execute(skip_permission_checks=True)
    for companion, companion_revision in pairs:
        PublishPageRevisionAction(companion_revision, user=user).execute(skip_permission_checks=True)
        log(
            instance=companion.specific,
            action="moderation.published_with_document",
            user=user,
            revision=companion_revision,
            data={"document": {"id": page.pk, "title": page.title}},
        )


def publish_companions_of_trusted(sender, instance, revision, **kwargs):
    """page_published: a document the operator's command publishes (an
    import, the demo) takes its interpretations marked 随文件同步发布 with
    it, as the last review step does (三同步)."""
    if trusted_reason() is None:
        return
    companions = getattr(instance.specific, "publication_companions", None)
    for companion in companions() if companions else []:
        latest = companion.get_latest_revision() or companion.save_revision(user=revision.user)
        latest.publish(user=revision.user)


def log_trusted_publication(sender, instance, revision, **kwargs):
    """page_published: a publication by the operator's command enters the
    page's history with its reason and what the screening found (masked)."""
    reason = trusted_reason()
    if reason is None or not is_reviewed(instance):
        return
    screening = getattr(instance, "_trusted_screening", None)
    log(
        instance=instance,
        action="moderation.imported",
        revision=revision,
        data={
            "reason": reason,
            "justification": trusted_justification(),
            "findings": [finding.as_json() for finding in screening.findings] if screening else [],
            "problems": screening.problems if screening else [],
        },
    )


def refuse_direct(page, user):
    """The refusal message for `user` publishing `page` directly, or None."""
    return RULE.direct_publication(page, user)
