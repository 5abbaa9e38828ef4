"""E-mail to applicants (Django's mail: the console in development, SMTP
from the environment in production, the locmem outbox in tests). Nothing
here logs an address or a name."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from .letters import letter_pdf
from .models import Event, OnRequestSettings
from .roles import OFFICER
from .vocabulary import Delivery

logger = logging.getLogger(__name__)

MAX_ATTACHED_BYTES = 10 * 1024 * 1024


def send(application, subject, template, context=None, letter=None, attachments=(), request=None):
    """Sends one e-mail if the applicant gave an address; records it in the history."""
    if not application.email:
        return False

    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            template,
            {"application": application, "site_url": settings.WAGTAILADMIN_BASE_URL, **(context or {})},
        )
        message = EmailMessage(subject, body, to=[application.email])
        if letter is not None:
            message.attach(f"{letter.number}.pdf", letter_pdf(letter), "application/pdf")
        total = 0
        for attachment in attachments:
            total += attachment.size
            if total > MAX_ATTACHED_BYTES:
                break
            with attachment.file.open("rb") as handle:
                message.attach(attachment.original_name, handle.read(), attachment.content_type)
        try:
            message.send(fail_silently=False)
        except Exception as error:  # the step stands; staff see that the mail did not go
            logger.warning("on_request: e-mail for application %s not sent (%s)", application.pk, type(error).__name__)
            Event.objects.create(application=application, kind=Event.Kind.EMAILED, note=f"{subject}（发送失败）")
            return False
    Event.objects.create(application=application, kind=Event.Kind.EMAILED, note=subject)
    return True


def send_notice(application, subject, template):
    """A notice whose subject names the tracking code (`subject` holds
    %(code)s)."""
    return send(application, subject % {"code": application.tracking_code}, template)


def send_letter(application, letter, attachments=()):
    """A letter, attached as its PDF, under the letter's title."""
    return send(
        application,
        letter.title,
        "on_request/email/letter.txt",
        {"letter": letter},
        letter=letter,
        attachments=attachments,
    )


def wants_letters_by_email(application):
    return bool(application.email) and application.delivery == Delivery.EMAIL


def staff_addresses():
    """Who is told of new applications and corrections: the officers
    (依申请公开经办人) with an e-mail address, and the address in the
    site settings."""

    addresses = set(
        get_user_model()
        .objects.filter(groups__name=OFFICER, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and OnRequestSettings.for_site(site).staff_email:
        addresses.add(OnRequestSettings.for_site(site).staff_email)
    return sorted(addresses)


def tell_staff(application, subject, template):
    """An e-mail to the staff with the tracking code and a link to the case,
    never the applicant's personal data. Returns whether it went."""

    addresses = staff_addresses()
    if not addresses:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            template,
            {
                "application": application,
                "case_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + reverse("on_request_application", args=[application.pk]),
            },
        )
        try:
            EmailMessage(subject, body, to=addresses).send(fail_silently=False)
        except Exception as error:  # the application stands; the queue shows it anyway
            logger.warning(
                "on_request: staff e-mail for application %s not sent (%s)", application.pk, type(error).__name__
            )
            return False
    return True
