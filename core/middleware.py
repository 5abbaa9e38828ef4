"""Middleware every request goes through: bounds on what a request may be
(the query string, the request body), before any view runs; the security
headers of every response (Content-Security-Policy, Permissions-Policy)."""

import base64
import hashlib
import re

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
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
            return _refused(
                414, _("The address is too long (at most %(size)s characters after “?”).") % {"size": self.max_query}
            )
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


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: the strict one of the
    public site (settings.CONTENT_SECURITY_POLICY) and the one the Wagtail
    admin works under (settings.CONTENT_SECURITY_POLICY_ADMIN, for paths
    under ADMIN_PATH_PREFIXES). A response that already has a policy keeps
    it (Wagtail serves documents with default-src 'none'). Every response
    also gets Permissions-Policy (no camera, microphone, geolocation …),
    and loses a literal "Content-Encoding: None" (Wagtail's document view)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(_admin_prefixes()):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
            if request.path_info.startswith(tuple(getattr(settings, "ADMIN_INLINE_SCRIPT_PATH_PREFIXES", ()))):
                # Views whose own inline scripts are not initialisers (see the setting).
                parts.update = {**(parts.update or {}), "script-src": [UNSAFE_INLINE]}
            else:
                hashes = admin_script_hashes(response)
                if hashes:
                    parts.update = {**(parts.update or {}), "script-src": hashes}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # Wagtail's document view copies mimetypes.guess_type()'s encoding into
        # the header even when there is none: a literal "Content-Encoding: None".
        if response.get("Content-Encoding") == "None":
            del response["Content-Encoding"]
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response


def _admin_prefixes():
    return tuple(getattr(settings, "ADMIN_PATH_PREFIXES", ("/admin/",)))


# The inline scripts Wagtail 8's admin writes into its pages: the initialisers
# of its date and time inputs, choosers and inline panels, each a call of
# Wagtail's own function with string and JSON literals (no parentheses, no
# markup). Such a script, and only such a script, is allowed by its hash on
# the page it is in; any other inline script — one injected into an editor's
# content, say — is refused by the admin's policy like everywhere else.
_JS_STRING = r'"(?:[^"\\<>\n]|\\.)*"'
_JS_OBJECT = r"\{[^<>;()]*\}"
_ADMIN_INLINE_SCRIPTS = re.compile(
    "|".join(
        [
            rf"init(?:Date|Time|DateTime)Chooser\({_JS_STRING}, {_JS_OBJECT}\);",
            rf"new [A-Z][A-Za-z]*Chooser\({_JS_STRING}, {_JS_OBJECT}\);",
            rf"createTaskChooser\({_JS_STRING}\);",
            rf"\s*\(function\(\) \{{\s*var panel = new (?:InlinePanel|MultipleChooserPanel)\(JSON\.parse\({_JS_STRING}\)\);\s*\}}\)\(\);\s*",
            r"\s*/\* global InlinePanel \*/\s*\$\(function \(\) \{\s*var panel = new InlinePanel\(\{\s*"
            r"formsetPrefix: 'id_[\w-]*',\s*emptyChildFormPrefix: '[\w-]*',\s*canOrder: true,\s*\}\);\s*\}\);\s*",
        ]
    )
)
_INLINE_SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_SCRIPT_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"text/javascript", "application/javascript", "module"}


def admin_script_hashes(response):
    """'sha256-…' of each of Wagtail's known inline scripts in an admin HTML page."""
    if getattr(response, "streaming", False) or not response.get("Content-Type", "").startswith("text/html"):
        return []
    try:
        html = response.content.decode(response.charset or "utf-8", errors="replace")
    except Exception:
        return []
    hashes = []
    for match in _INLINE_SCRIPT_RE.finditer(html):
        kind = _SCRIPT_TYPE_RE.search(match.group(1))
        if kind and kind.group(1).lower() not in _JS_TYPES:
            continue  # data (JSON, templates): never run
        script = match.group(2)
        if _ADMIN_INLINE_SCRIPTS.fullmatch(script):
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
            value = f"'sha256-{digest}'"
            if value not in hashes:
                hashes.append(value)
    return hashes
