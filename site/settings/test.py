"""Settings for the test suite (pytest)."""

import os
import tempfile

from search.backends.config import DATABASE_SEARCH_BACKEND, elasticsearch_backend

from .base import *

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789abcdef"
# Fast hashing for the users tests create; the demo accounts of a served
# test site are made by `setup_roles --demo-accounts` with the default hasher.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
ALLOWED_HOSTS = ["*"]
# A served test site (tests/livesite.py) gives every gunicorn worker the
# same folder; the test run itself a folder of its own.
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="edusite-media-")
# Files of applications (依申请公开): shared by the workers of a served test
# site (it sets VAR_DIR), a folder of its own for the test run.
ON_REQUEST_FILES_ROOT = (
    os.environ.get("ON_REQUEST_FILES_ROOT")
    or (os.path.join(os.environ["VAR_DIR"], "on-request-files") if os.environ.get("VAR_DIR") else None)
    or tempfile.mkdtemp(prefix="edusite-on-request-")
)
STATIC_ROOT = tempfile.mkdtemp(prefix="edusite-static-")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The served test site writes mail to files that the journeys read.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20_000}},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# The browser quality gate serves the site with these settings under
# gunicorn: static files straight from the app folders, no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Search: the database backend (SQLite or PostgreSQL, as DATABASE_URL says).
# With SEARCH_URL, Elasticsearch too, as "elasticsearch", in indexes of this
# process only and not updated on save: the search tests build them. Its
# timeout is 30 s, not a visitor's 5 s: on a busy 2-core CI machine creating
# an index (update_index) has taken longer than 5 s.
WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}
SEARCH_FALLBACK_BACKEND = None
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS["elasticsearch"] = {
        **elasticsearch_backend(SEARCH_URL, f"edusite_test_{os.getpid()}_", timeout=30),
        "AUTO_UPDATE": False,
    }

# The search query log is written at once (production: every 10 s).
SEARCH_LOG_FLUSH_SECONDS = 0
