from django.http import Http404
from wagtail import hooks

from .pages import is_expired


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs):
    """A page past its expiry date is gone at that moment, not only once
    `publish_scheduled` has unpublished it."""
    if is_expired(page):
        raise Http404
