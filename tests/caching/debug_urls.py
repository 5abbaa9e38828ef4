"""The site's own URLs (edusite/urls.py) as `make run` has them, with DEBUG
on: the image folders of MEDIA_URL are served by Django's static view,
whose patterns both name their group `path`."""

import importlib.util

from django.test import override_settings

_spec = importlib.util.find_spec("edusite.urls")
_module = importlib.util.module_from_spec(_spec)
with override_settings(DEBUG=True):
    _spec.loader.exec_module(_module)
urlpatterns = _module.urlpatterns
