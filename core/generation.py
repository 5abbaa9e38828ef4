"""The content generation: one number that changes with every change that
can alter a public response, in the same transaction as the change.

Caches of public output (whole pages, the navigation, the site settings)
name the generation they were computed for, so a reader who sees the new
data also sees the new generation and never the old cached output. The
number changes

* with every saved or deleted object and every many-to-many change of any
  model, except the models listed in `IGNORED_MODELS` (bookkeeping that is
  never shown: sessions, logs, revisions, workflow states, the search query
  log, image renditions…) and page saves that only write Wagtail's draft
  bookkeeping (a draft saved, a page locked) — a model added later is
  covered without anyone listing it;
* when a page is moved (its descendants' URLs are rewritten in bulk), and
  with `bump()` for bulk writes that send no signals;
* at the next moment public output changes by itself (`next_change`): a
  page's expiry, a scheduled publication, whatever the apps register with
  `register_schedule` (safety notices coming into or out of force), the new
  year. The first request after that moment moves the generation on, so an
  expired page disappears at its expiry time even before `publish_scheduled`
  runs; caches never keep anything longer than that moment.

After the commit, the functions registered with `on_change` run (the
Varnish ban of the caching app)."""

import datetime
import hashlib
import logging
import secrets
import time
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Min
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from wagtail.models import Page, Revision
from wagtail.signals import post_page_move

logger = logging.getLogger(__name__)

# No scheduled change known: far enough in the future (microseconds).
NEVER = 2**62

IGNORED_MODELS = {
    "admin.logentry",
    "auth.group",
    "auth.group_permissions",
    "auth.permission",
    "auth.user",
    "auth.user_groups",
    "auth.user_user_permissions",
    "core.contentgeneration",
    "core.job",  # a background job's progress; what the job changes moves the generation itself
    "disclosure.indexnumbersequence",
    "search.querylogentry",
    "sessions.session",
    "wagtailadmin.admin",
    "wagtailadmin.editingsession",
    "wagtailadmin.formstate",
    "wagtailcore.apitoken",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.groupapprovaltask",
    "wagtailcore.groupapprovaltask_groups",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupsitepermission",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.task",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflow",
    "wagtailcore.workflowcontenttype",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowstate",
    "wagtailcore.workflowtask",
    "wagtailembeds.embed",
    "wagtailforms.formsubmission",
    "wagtailimages.rendition",
    "wagtailsearchpromotions.querydailyhits",
    "wagtailusers.userprofile",
}
# Whole apps whose rows are never shown (applied migrations, workflow tasks,
# background tasks, login attempts and lockouts).
IGNORED_APPS = {"migrations", "moderation", "django_tasks", "django_tasks_database", "axes"}

# What Wagtail writes on its own when a draft is saved or a page is locked:
# the published page is unchanged.
PAGE_BOOKKEEPING_FIELDS = {
    "wagtail_admin_comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


class State:
    """The generation as read for one request."""

    __slots__ = ("modified", "next_change", "number", "token")

    def __init__(self, number, token, modified, next_change):
        self.number = number
        self.token = token
        self.modified = modified
        self.next_change = next_change

    @property
    def key(self):
        """What cache keys name: the number and the token."""
        return f"{self.number}.{self.token}"

    def seconds_left(self, now=None):
        """Seconds until the next scheduled change (a float, ≥ 0)."""
        now = time.time() if now is None else now
        return max(0.0, self.next_change / 1e6 - now)

    def __repr__(self):
        return f"<State {self.key} modified={self.modified} next_change={self.next_change}>"


_request_state = ContextVar("edusite_generation_state", default=None)
_schedules = []
_listeners = []


def register_schedule(function):
    """`function(now)` returns the moments after `now` (aware datetimes, or
    None) at which public output changes by itself."""
    if function not in _schedules:
        _schedules.append(function)
    return function


def ignore(*labels):
    """Models ("app.model") whose rows are never shown on a page that is
    cached: their writes leave the generation alone (an app registers its
    own, such as what visitors send through a form)."""
    IGNORED_MODELS.update(label.lower() for label in labels)


def on_change(function):
    """`function(state)` runs after the commit of every change."""
    if function not in _listeners:
        _listeners.append(function)
    return function


# ---- reading -----------------------------------------------------------------


_select = None


def _read():
    global _select
    if _select is None:
        from .models import ContentGeneration  # local: core.models imports this module

        quote = connection.ops.quote_name
        _select = (
            f"SELECT {quote('number')}, {quote('token')}, {quote('modified')}, {quote('next_change')} "
            f"FROM {quote(ContentGeneration._meta.db_table)} WHERE {quote('id')} = 1"
        )
    with connection.cursor() as cursor:
        cursor.execute(_select)
        row = cursor.fetchone()
    if row is None:
        from .models import ContentGeneration  # local: core.models imports this module

        ContentGeneration.objects.get_or_create(pk=1, defaults={"modified": int(time.time())})
        return _read()
    return State(*row)


def current():
    """The generation now: for a request, read once when it starts (see
    `request_scope`); a scheduled change that has come moves it on first."""
    state = _request_state.get()
    if state is not None:
        return state
    return _fresh()


def _fresh():
    state = _read()
    now_us = int(time.time() * 1e6)
    if state.next_change is None:
        state.next_change = _store_next_change(state)
    elif state.next_change <= now_us:
        _scheduled_bump(state)
        state = _read()
        if state.next_change is None:
            state.next_change = _store_next_change(state)
    return state


class request_scope:
    """Read the generation once for a request: everything cached during it
    names the same generation (unless the request itself changes content)."""

    def __enter__(self):
        self._token = _request_state.set(_fresh())
        return _request_state.get()

    def __exit__(self, *exc):
        _request_state.reset(self._token)


# ---- the next scheduled change ---------------------------------------------------


def next_change_after(now=None):
    """The next moment (aware datetime) public output changes by itself, or None."""
    now = now or timezone.now()
    moments = []
    for schedule in [_pages_and_revisions, _new_year, *_schedules]:
        try:
            found = schedule(now)
        except Exception:
            logger.exception("Schedule %r failed; caches will not outlive the next minute.", schedule)
            found = [now + datetime.timedelta(minutes=1)]
        moments += [moment for moment in (found or []) if moment is not None and moment > now]
    return min(moments) if moments else None


def _pages_and_revisions(now):
    expiry = Page.objects.filter(live=True, expire_at__gt=now).aggregate(first=Min("expire_at"))["first"]
    go_live = Revision.objects.filter(approved_go_live_at__gt=now).aggregate(first=Min("approved_go_live_at"))["first"]
    return [expiry, go_live]


def _new_year(now):
    """The footer shows the year and the finder's default year is the
    current one: both change at midnight on 1 January (in the site's time
    zone, and in the server's, which the finder's date.today() uses)."""
    local = timezone.localtime(now)
    site_new_year = local.replace(year=local.year + 1, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    server = datetime.datetime.fromtimestamp(now.timestamp()).astimezone()
    server_new_year = server.replace(year=server.year + 1, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return [site_new_year, server_new_year]


def _store_next_change(state):
    moment = next_change_after()
    value = int(moment.timestamp() * 1e6) if moment else NEVER
    from .models import ContentGeneration  # local: core.models imports this module

    # Only for the generation it was worked out for: a change committed in
    # the meantime has its own.
    ContentGeneration.objects.filter(pk=1, number=state.number, token=state.token, next_change__isnull=True).update(
        next_change=value
    )
    return value


def _scheduled_bump(state):
    from .models import ContentGeneration  # local: core.models imports this module

    now = int(time.time())
    with transaction.atomic():
        moved = ContentGeneration.objects.filter(pk=1, number=state.number, token=state.token).update(
            number=F("number") + 1,
            token=secrets.token_hex(8),
            modified=Greatest(F("modified"), now),
            next_change=None,
        )
        if moved:
            transaction.on_commit(_committed)


# ---- changing --------------------------------------------------------------------


def bump(using=None):
    """Move the generation on, in the current transaction. Every call gives
    a new generation (so that successive changes inside one transaction are
    told apart by what that transaction caches); the `on_change` functions
    run once, after the commit."""
    from .models import ContentGeneration  # local: core.models imports this module

    now = int(time.time())
    updated = (
        ContentGeneration.objects.using(using)
        .filter(pk=1)
        .update(
            number=F("number") + 1,
            token=secrets.token_hex(8),
            modified=Greatest(F("modified"), now),
            next_change=None,
        )
    )
    if not updated:
        ContentGeneration.objects.using(using).get_or_create(pk=1, defaults={"number": 2, "modified": now})
    # What this request reads from now on belongs to the new generation.
    _request_state.set(None)
    conn = transaction.get_connection(using)
    if not (conn.in_atomic_block and any(entry[1] is _committed for entry in conn.run_on_commit)):
        transaction.on_commit(_committed, using=using)


def _committed():
    if not _listeners:
        return
    state = _read()
    for listener in _listeners:
        try:
            listener(state)
        except Exception:
            logger.exception("Listener %r of content changes failed.", listener)


# ---- signal handlers ----------------------------------------------------------


def _ignored(model):
    if model.__module__ == "__fake__":
        return True  # a migration's historical model: migrations change no public response of their own
    meta = model._meta
    return meta.label_lower in IGNORED_MODELS or meta.app_label in IGNORED_APPS


def on_save(sender, instance, raw=False, update_fields=None, using=None, **kwargs):
    if _ignored(sender):
        if sender is Revision and instance.approved_go_live_at is not None:
            bump(using)  # a publication scheduled: the next change is sooner
        return
    if update_fields is not None and isinstance(instance, Page) and set(update_fields) <= PAGE_BOOKKEEPING_FIELDS:
        return
    bump(using)


def on_delete(sender, instance, using=None, **kwargs):
    if not _ignored(sender):
        bump(using)


def on_m2m_changed(sender, instance, action, using=None, **kwargs):
    if action.startswith("post_") and not _ignored(sender):
        bump(using)


def on_page_moved(sender, instance, **kwargs):
    bump()


def connect():
    post_save.connect(on_save, dispatch_uid="core.generation.save")
    post_delete.connect(on_delete, dispatch_uid="core.generation.delete")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="core.generation.m2m")
    post_page_move.connect(on_page_moved, dispatch_uid="core.generation.page_moved")


# ---- caching what every page repeats -------------------------------------------

_MISSING = object()
# How long a cached value is kept at most (it is only ever read for its generation).
CACHED_SECONDS = 24 * 3600


def cached(name, compute, keep_none=True):
    """`compute()`, cached for the current generation (and never past its
    next scheduled change). For data that every page repeats: the site, its
    settings, the navigation."""
    state = current()
    key = f"generation:{state.key}:" + hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()
    try:
        value = cache.get(key, _MISSING)
    except Exception:
        logger.exception("Cache unavailable")
        return compute()
    if value is _MISSING:
        value = compute()
        if value is None and not keep_none:
            return value
        timeout = min(CACHED_SECONDS, state.seconds_left())
        if timeout >= 1:
            try:
                cache.set(key, value, timeout)
            except Exception:
                logger.exception("Cache unavailable")
    return value
