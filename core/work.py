"""Work counters: how much work a piece of code did (characters scanned,
cells read, terms expanded), counted per thread, so that tests can assert
that the cost of a request is bounded by its input — not by a clock.

    with work.counting() as counted:
        client.get("/search/?q=…")
    assert counted["snippet.steps"] <= 4 * text_length

Outside `counting()` nothing is kept: `add` costs one attribute lookup."""

import threading
from collections import Counter
from contextlib import contextmanager

_local = threading.local()


def add(name, amount=1):
    """Count `amount` units of the work called `name` (when counting)."""
    counter = getattr(_local, "counter", None)
    if counter is not None:
        counter[name] += amount


@contextmanager
def counting():
    """A fresh Counter of the work done in this thread inside the block."""
    previous = getattr(_local, "counter", None)
    counter = _local.counter = Counter()
    try:
        yield counter
    finally:
        if previous is not None:
            previous.update(counter)
        _local.counter = previous
