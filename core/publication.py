"""The publication rules of pages, as one registry that every publish path
asks. Apps low in the stack (the page models of `disclosure`) ask it; apps
higher up (`moderation`) register the rules, so no low app imports a high
one.

A rule is an object with any of these methods, each returning a refusal
message (a string, in the active language) or None:

- `direct_publication(page, user)`: may `user` publish `page` directly (the
  admin's "Publish" button, bulk publish, the admin API, reverting and
  publishing)?
- `subpage_publication(parent, user)`: may `user` publish new pages under
  `parent` directly (creating, copying with "publish copies")?
- `publication(page, revision)`: may `revision` of `page` go live at all?
  Every publication, whoever or whatever starts it, is checked here (the
  choke point: see `moderation.publication`).

`ReviewedPagePermissionTester` is Wagtail's page permission tester with
the first two rules applied; page models use it through
`RuledPermissionsMixin`."""

import contextlib
import contextvars

from django.core.exceptions import PermissionDenied
from wagtail.models import PagePermissionTester

_rules = []
_trusted = contextvars.ContextVar("trusted_publication", default=None)


class PublicationRefused(PermissionDenied):
    """A publication that a rule refused; the message says why, for the
    person who tried."""

    def __init__(self, message):
        self.message = str(message)
        super().__init__(self.message)

    def __str__(self):
        return self.message


def register_rule(rule):
    if rule not in _rules:
        _rules.append(rule)
    return rule


def _first_refusal(method, *args):
    for rule in _rules:
        check = getattr(rule, method, None)
        if check is not None:
            message = check(*args)
            if message:
                return message
    return None


def direct_publication_refusal(page, user):
    return _first_refusal("direct_publication", page, user)


def subpage_publication_refusal(parent, user):
    return _first_refusal("subpage_publication", parent, user)


def publication_refusal(page, revision):
    return _first_refusal("publication", page, revision)


@contextlib.contextmanager
def trusted_publication(reason, justification=""):
    """Publications by the operator's own commands (loading the demo,
    importing documents that are already public elsewhere): the rules that
    need a review step accept them; the screening still applies: what it
    finds is refused unless the command gives a `justification` (then it is
    kept, masked, in the page's history with the `reason`)."""
    token = _trusted.set((str(reason), str(justification)))
    try:
        yield
    finally:
        _trusted.reset(token)


def trusted_reason():
    """The reason given to `trusted_publication`, or None outside it."""
    value = _trusted.get()
    return value[0] if value else None


def trusted_justification():
    value = _trusted.get()
    return value[1] if value else ""


class ReviewedPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, with the registered rules deciding who may publish
    directly. Unpublishing, scheduling changes and privacy stay with those
    who hold the publish permission."""

    def can_publish(self):
        return super().can_publish() and direct_publication_refusal(self.page, self.user) is None

    def can_publish_subpage(self):
        return super().can_publish_subpage() and subpage_publication_refusal(self.page, self.user) is None

    def _holds_publish(self):
        return (
            self.user.is_active and not self.page_is_root and (self.user.is_superuser or "publish" in self.permissions)
        )

    def can_set_view_restrictions(self):
        return self._holds_publish()

    def can_unschedule(self):
        return self._holds_publish()


class RuledPermissionsMixin:
    """For page models: permissions come from `ReviewedPagePermissionTester`."""

    def permissions_for_user(self, user):
        return ReviewedPagePermissionTester(user, self)
