"""E-mail to applicants (Django's mail: the console in development, SMTP
from the environment in production, the locmem outbox in tests). Nothing
here logs an address or a name."""
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .models import Event

logger = logging.getLogger(__name__)
from .vocabulary import Delivery

MAX_ATTACHED_BYTES = 10 * 1024 * 1024


def send(application, subject, template, context=None, letter=None, attachments=(), request=None):
    """Sends one e-mail if the applicant gave an address; records it in the history."""
    if not application.email:
        return False
    from .letters import letter_pdf

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


def wants_letters_by_email(application):
    return bool(application.email) and application.delivery == Delivery.EMAIL
