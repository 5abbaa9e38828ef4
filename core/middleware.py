"""Middleware every request goes through: bounds on what a request may be
(the query string, the request body), before any view runs."""
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

# Bytes after "?": gunicorn already refuses request lines over 4,094 bytes;
# this bounds what reaches Django by other routes (the test client, runserver).
MAX_QUERY_STRING = 128 * 1024
MAX_REQUEST_BYTES = 64 * 1024 * 1024  # the largest upload the admin takes, with room for the form


class RequestLimitsMiddleware:
    """414 for a query string over MAX_QUERY_STRING bytes, 413 for a body
    over MAX_REQUEST_BYTES (settings may lower or raise both); the reverse
    proxy should refuse larger bodies first (nginx: client_max_body_size)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_query = getattr(settings, "MAX_QUERY_STRING", MAX_QUERY_STRING)
        self.max_body = getattr(settings, "MAX_REQUEST_BYTES", MAX_REQUEST_BYTES)

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > self.max_query:
            return _refused(414, _("The address is too long (at most %(size)s characters after “?”).") % {"size": self.max_query})
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.max_body:
            return _refused(
                413, _("The upload is too large (at most %(size)s MB).") % {"size": self.max_body // (1024 * 1024)}
            )
        return self.get_response(request)


def _refused(status, message):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
