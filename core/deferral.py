"""Side effects of saving many objects, done once at the end.

Saving and publishing a page triggers work that only its final state
needs: Wagtail's search index entry and reference index (tasks Wagtail and
modelsearch enqueue on every save: three times per published page), the
site's public search document. An import that writes hundreds of pages
does that work once per page at the end instead:

    with transaction.atomic(), deferred_side_effects():
        ...  # save and publish many pages

Inside the block `defer(name, item, flush)` collects `item` and returns
True; at the end of the block `flush(items)` is called once per `name`
with every item collected, in the order first seen. Outside a block it
returns False and the caller does its work at once. If the block raises,
nothing collected is done (the transaction is rolled back anyway).

Tasks enqueued on the default task backend (`DeferringImmediateBackend`)
are collected the same way, each distinct task and arguments once; search
index updates of one model are then written in one bulk call."""

import threading
from contextlib import contextmanager

_local = threading.local()


def active():
    return getattr(_local, "batches", None) is not None


@contextmanager
def deferred_side_effects():
    if active():  # nested: the outer block does the work
        yield
        return
    _local.batches = {}
    try:
        yield
        while _local.batches:
            # A flush may defer more (publishing triggers indexing): run until nothing is left.
            batches, _local.batches = _local.batches, {}
            for flush, items in batches.values():
                flush(list(items))
    finally:
        _local.batches = None


def defer(name, item, flush):
    """Collect `item` for `flush(items)` at the end of the block; False outside one."""
    if not active():
        return False
    _flush, items = _local.batches.setdefault(name, (flush, {}))
    items.setdefault(item, None)
    return True
