"""Side effects of publishing disclosures."""
from wagtail.signals import page_published


def record_major_change(sender, instance, revision, **kwargs):
    """A major change with a note, published after the first publication,
    enters the public change history once per revision."""
    from .models import ChangeNote, DisclosurePage

    if not isinstance(instance, DisclosurePage):
        return
    if not (instance.major_change and instance.change_note.strip()):
        return
    if instance.first_published_at and instance.last_published_at and instance.first_published_at >= instance.last_published_at:
        return  # the first publication is not a change
    ChangeNote.objects.get_or_create(
        revision=revision,
        defaults={"page": instance, "published_at": instance.last_published_at, "note": instance.change_note.strip()},
    )


def publish_interpretations_with_document(sender, instance, revision, **kwargs):
    """三同步: publishing a policy document publishes the interpretations
    prepared to go out with it, in the same transaction."""
    from .models import InterpretationPage, PolicyDocumentPage

    if not isinstance(instance, PolicyDocumentPage):
        return
    for interpretation in InterpretationPage.objects.child_of(instance).filter(publish_with_document=True):
        if interpretation.live and not interpretation.has_unpublished_changes:
            continue
        latest = interpretation.get_latest_revision()
        if latest is None:
            latest = interpretation.save_revision(user=revision.user)
        latest.publish(user=revision.user)


def connect():
    page_published.connect(record_major_change, dispatch_uid="disclosure.record_major_change")
    page_published.connect(
        publish_interpretations_with_document, dispatch_uid="disclosure.publish_interpretations_with_document"
    )
