"""Settings of the site served by gunicorn behind a real Varnish in
tests/caching/test_varnish.py: the test settings, with the test views of
tests/caching/urls.py in front of the site's own URLs."""

from edusite.settings.test import *  # noqa: F403

ROOT_URLCONF = "tests.caching.urls"
