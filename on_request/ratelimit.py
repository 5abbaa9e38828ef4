"""Rate limits in Django's cache (bounded: one counter per key and window,
expiring with the window). Identity numbers are never cache keys: a keyed
hash of them is."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

PREFIX = "on_request:rate:"


def _key(kind, value):
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]
    return PREFIX + kind + ":" + digest


def client_address(request):
    """The visitor's address (REMOTE_ADDR: the proxy in front sets it right; see the docs)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def exceeded(rule, value):
    """True when `value` has been counted the rule's limit of times within its window (without counting)."""
    kind, limit, _window = rule
    return (cache.get(_key(kind, value)) or 0) >= limit


def count(rule, value):
    kind, _limit, window = rule
    key = _key(kind, value)
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired in between
        cache.add(key, 1, window)
        return 1


def reset(rule, value):
    cache.delete(_key(rule[0], value))


HOUR = 60 * 60
DAY = 24 * HOUR
# (kind, limit, window)
SUBMISSIONS_PER_ADDRESS = ("address", 10, DAY)
SUBMISSIONS_PER_IDENTITY = ("identity", 5, DAY)
TRACKING_PER_ADDRESS = ("track-address", 30, HOUR)
TRACKING_FAILURES_PER_CODE = ("track-code", 10, HOUR)
