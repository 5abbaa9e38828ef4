from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnRequestConfig(AppConfig):
    """依申请公开: applications for government information under chapter 4
    of 《政府信息公开条例》(2019, 国务院令第711号). See docs/on-request-disclosure.md."""

    name = "on_request"
    verbose_name = _("Disclosure on request")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import generation  # local: imports models (AppConfig.ready)

        # Its public pages are never cached (never_cache on every view), and
        # what applicants send must not move the content generation (which
        # would empty the page caches and Varnish). Its settings still do.
        generation.ignore(
            "on_request.application",
            "on_request.attachment",
            "on_request.consultation",
            "on_request.event",
            "on_request.letter",
            "on_request.lettertemplate",
        )
