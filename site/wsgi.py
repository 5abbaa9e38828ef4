"""WSGI entry point: gunicorn edusite.wsgi (gunicorn.conf.py). Page-cache
hits are answered before Django's request handling (caching.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edusite.settings.production")

application = get_wsgi_application()

from caching.wsgi import PageCacheApplication  # noqa: E402 - needs the settings above

application = PageCacheApplication(application)
