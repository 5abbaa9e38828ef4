"""Retention: identity numbers, contact details and files of concluded
applications are erased `retention_years` after the conclusion (设置 ›
依申请公开). The case itself (type, dates, outcome, letters) stays for the
statistics and the record."""

from django.db import transaction
from django.utils import timezone

from .models import Application, Event
from .vocabulary import CONCLUDED_STATUSES


def cutoff(today, years):
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def due_for_purge(years, today=None):
    today = today or timezone.localdate()
    return Application.objects.filter(
        status__in=CONCLUDED_STATUSES, concluded_on__lt=cutoff(today, years), purged_at__isnull=True
    )


def purge(application):
    with transaction.atomic():
        for attachment in application.attachments.all():
            if attachment.file:
                attachment.file.delete(save=False)
            attachment.delete()
        application.id_number = ""
        application.phone = ""
        application.email = ""
        application.address = ""
        application.postcode = ""
        application.correction_text = ""
        application.purged_at = timezone.now()
        application.save()
        Event.objects.create(application=application, kind=Event.Kind.PURGED)


def purge_due(years, today=None, dry_run=False):
    """Returns how many applications were (or would be) purged."""
    queryset = due_for_purge(years, today)
    count = 0
    for application in queryset.iterator():
        count += 1
        if not dry_run:
            purge(application)
    return count
