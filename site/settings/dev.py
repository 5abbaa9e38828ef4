"""Local development: `make run`."""
from .base import *  # noqa: F401,F403
from .env import env_str

DEBUG = True
# Local only. Production settings refuse to start without a real SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
