"""Side effects of publishing disclosures."""

from wagtail.signals import page_published

from .models import ChangeNote, DisclosurePage


def record_major_change(sender, instance, revision, **kwargs):
    """A major change with a note, published after the first publication,
    enters the public change history once per revision."""

    if not isinstance(instance, DisclosurePage):
        return
    if not (instance.major_change and instance.change_note.strip()):
        return
    if (
        instance.first_published_at
        and instance.last_published_at
        and instance.first_published_at >= instance.last_published_at
    ):
        return  # the first publication is not a change
    ChangeNote.objects.get_or_create(
        revision=revision,
        defaults={"page": instance, "published_at": instance.last_published_at, "note": instance.change_note.strip()},
    )


def connect():
    page_published.connect(record_major_change, dispatch_uid="disclosure.record_major_change")
