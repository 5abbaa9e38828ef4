"""Wagtail's publish_scheduled, where a scheduled revision that the
publication rules refuse (docs/review-workflow.md) is reported and
unscheduled instead of stopping every other scheduled publication."""

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Page, Revision

from core.publication import publication_refusal


class Command(WagtailCommand):
    def handle(self, *args, **options):
        if not options.get("dryrun"):
            self.unschedule_refused()
        return super().handle(*args, **options)

    def unschedule_refused(self):
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now(), base_content_type__model="page")
        for revision in due:
            page = Page.objects.filter(pk=revision.object_id).first()
            if page is None:
                continue
            page = page.specific
            message = publication_refusal(page, revision)
            if not message:
                continue
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            log(instance=page, action="wagtail.publish.scheduled", revision=revision, data={"refused": message})
            self.stderr.write(_("Not published: %(message)s") % {"message": message})
