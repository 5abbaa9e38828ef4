"""Logging in: throttled by django-axes, and logged.

- After `AXES_FAILURE_LIMIT` failed logins for one user name (from
  anywhere) or from one address (for any user name), further attempts are
  refused for `AXES_COOLOFF_TIME`; the login page says so in Chinese, why
  (this account, or this network address) and until when
  (`lockout_response`). A successful login clears the failures.
- Every login, failed or successful, is written to the log
  `edusite.security` (user name, address, time, user agent; never the
  password) and kept in the database by axes (AccessAttempt, AccessLog,
  AccessFailureLog), which 设置 › 登录记录与锁定 lists for superusers, who may
  lift a lockout there; `manage.py axes_reset_username NAME` and
  `axes_reset_ip ADDRESS` do the same from the shell.
- The client's address is REMOTE_ADDR, or, behind reverse proxies
  (`PROXY_COUNT` in the environment: 1 behind nginx, 2 behind nginx and
  Varnish), the address the outermost trusted proxy added to
  X-Forwarded-For — never one the client could have written itself."""

import logging
from dataclasses import dataclass

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.views.account import get_user_login_form, password_reset_enabled

logger = logging.getLogger("edusite.security")
USER_AGENT_LENGTH = 200


def client_ip(request):
    """The address of the client (see the module's docstring)."""
    proxies = getattr(settings, "PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return remote


def _username(request, credentials=None):
    if credentials and credentials.get("username"):
        return str(credentials["username"])[:150]
    if request is not None and request.method == "POST":
        return str(request.POST.get("username", ""))[:150]
    return ""


def _agent(request):
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH] if request is not None else ""


def log_login(sender, request, user, **kwargs):
    logger.info(
        "login succeeded: user=%r address=%s path=%s agent=%r",
        user.get_username(),
        client_ip(request) if request else "",
        getattr(request, "path", ""),
        _agent(request),
    )


def log_login_failure(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password in `credentials` with stars; it is not logged at all.
    logger.warning(
        "login failed: user=%r address=%s path=%s agent=%r%s",
        _username(request, credentials),
        client_ip(request) if request else "",
        getattr(request, "path", ""),
        _agent(request),
        " (locked out)" if getattr(request, "axes_locked_out", False) else "",
    )


def connect():
    user_logged_in.connect(log_login, dispatch_uid="core.security.log_login")
    user_login_failed.connect(log_login_failure, dispatch_uid="core.security.log_login_failure")


@dataclass
class Lockout:
    by_username: bool
    by_address: bool
    until: object  # aware datetime, or None without a cool-off time


def lockout_of(username, address):
    """Whether `username` and `address` are locked out, and until when."""

    limit = get_failure_limit(None, None)
    cool_off = get_cool_off()
    attempts = AccessAttempt.objects.all()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)

    def state(**lookup):
        row = attempts.filter(**lookup).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        return (row["failures"] or 0) >= limit, row["last"]

    by_username, last_username = state(username=username) if username else (False, None)
    by_address, last_address = state(ip_address=address) if address else (False, None)
    lasts = [last for locked, last in ((by_username, last_username), (by_address, last_address)) if locked and last]
    until = max(lasts) + cool_off if lasts and cool_off else None
    return Lockout(by_username=by_username, by_address=by_address, until=until)


class _Message:
    tags = "error"

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


def lockout_message(lockout, limit):
    if lockout.by_username and lockout.by_address:
        why = _("this account and this network address have had %(limit)s failed logins in a row") % {"limit": limit}
    elif lockout.by_address:
        why = _("this network address has had %(limit)s failed logins in a row") % {"limit": limit}
    else:
        why = _("this account has had %(limit)s failed logins in a row") % {"limit": limit}
    if lockout.until is not None:
        local = timezone.localtime(lockout.until)
        minutes = max(1, round((lockout.until - timezone.now()).total_seconds() / 60))
        when = _("You may try again from %(time)s (in about %(minutes)s minutes).") % {
            "time": date_format(local, "Y-m-d H:i"),
            "minutes": minutes,
        }
    else:
        when = _("The site's administrator must lift the lockout.")
    return _(
        "Logging in is paused: %(why)s. This protects the account from password guessing. %(when)s "
        "If you have forgotten your password, or need to log in sooner, contact the site's administrator."
    ) % {"why": why, "when": when}


def lockout_response(request, original_response=None, credentials=None):
    """The admin's login page again (status 429), the user name kept, saying
    why logging in is paused and until when."""

    username = _username(request, credentials)
    lockout = lockout_of(username, client_ip(request))
    if not (lockout.by_username or lockout.by_address):
        lockout = Lockout(by_username=True, by_address=False, until=None)
    form = get_user_login_form()(request, initial={"username": username})
    context = {
        "form": form,
        "next": request.POST.get("next", "") if request.method == "POST" else request.GET.get("next", ""),
        "show_password_reset": password_reset_enabled(),
        "messages": [_Message(lockout_message(lockout, get_failure_limit(request, credentials)))],
    }
    # Rendered now: axes puts it in place of a response already rendered.
    return render(request, "wagtailadmin/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
