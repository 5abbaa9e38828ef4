"""The public pages of disclosure on request for the browser quality gate,
as JSON: the form, the confirmation and the tracking page of a demo
application (with a fresh tracking link), and the empty tracking page."""

import json

from django.core.management.base import BaseCommand
from django.urls import reverse

from on_request.demo import DEMO_TRACKING_CODE
from on_request.models import Application
from on_request.tracking import token_for


class Command(BaseCommand):
    help = "Print the URLs of the on-request pages for the browser quality gate (JSON)."

    def handle(self, **options):
        application = Application.objects.get(tracking_code=DEMO_TRACKING_CODE)
        token = token_for(application)
        correction = Application.objects.filter(status="correction").first()
        urls = [
            ("on-request-form", reverse("on_request:apply")),
            ("on-request-confirmation", reverse("on_request:submitted") + "?t=" + token),
            ("on-request-tracking", reverse("on_request:track")),
            ("on-request-tracking-result", reverse("on_request:track") + "?t=" + token),
        ]
        if correction is not None:
            urls.append(("on-request-tracking-correction", reverse("on_request:track") + "?t=" + token_for(correction)))
        self.stdout.write(json.dumps(urls, ensure_ascii=False))
