"""Settings shared by every environment. Everything that differs between
machines comes from environment variables (see README.md)."""
from pathlib import Path

import dj_database_url
from .env import env_int, env_list, env_str
from .search import DATABASE_SEARCH_BACKEND, elasticsearch_backend

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "disclosure",
    "search",
    "moderation",
    "catchment",
    "wagtail_modeladmin",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    # Wagtail's admin shows times with humanize ("a second ago"): its Chinese.
    "django.contrib.humanize",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "edusite.urls"
WSGI_APPLICATION = "edusite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user:pass@host:5432/name), default an
# SQLite file under var/ so that `make run` works on a bare machine.
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share the file: take the write lock when a
    # transaction starts (no lock-upgrade failures at commit) and wait for it.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Cache: REDIS_URL (redis://host:6379/0) or a local-memory cache.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "edusite",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "edusite",
            # Search results are cached per query: room for many (default 300).
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
# The project's catalogue, then Chinese for what Wagtail's own zh-Hans
# catalogue lacks (locale/wagtail); both take precedence over the apps'.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Wagtail.
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "义务教育领域政务公开")
# The admin's address, for the links in notification e-mails.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Workflow notifications go to the people who can act on the step (the
# step's group), not to every superuser (who acts only through a group).
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# Search: Wagtail's database backend (SQLite or PostgreSQL, whichever the
# database is) by default; with SEARCH_URL, Elasticsearch 8 serves searches
# and the database backend is kept up to date beside it as the fallback for
# when the engine cannot be reached. Both read text through search.analysis.
SEARCH_URL = env_str("SEARCH_URL")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "edusite_")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": elasticsearch_backend(SEARCH_URL, SEARCH_INDEX_PREFIX, env_int("SEARCH_TIMEOUT", 5)),
        "database": DATABASE_SEARCH_BACKEND,
    }
    SEARCH_FALLBACK_BACKEND = "database"
else:
    WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}
    SEARCH_FALLBACK_BACKEND = None
WAGTAILDOCS_EXTENSIONS = ["pdf", "ofd", "doc", "docx", "xls", "xlsx", "csv", "txt", "zip"]
# The review (docs/review-workflow.md): an approval counts only for the
# revision it approved, so changed content is reviewed again from the first
# step; the last step publishes through moderation's choke point.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "moderation.finish.publish_approved"
# Tasks (django-tasks). Wagtail's own small tasks (the reference index …)
# run at once, as they do without this setting; long work (screening large
# attachments) goes to the database queue, which `manage.py db_worker
# --backend background` runs (no other service needed).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
WAGTAILDOCS_DOCUMENT_FORM_BASE = "moderation.documents.ReviewedDocumentForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin must not call out to a third
# party (editors' e-mail hashes) and works on a closed network.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Wagtail's preview views allow same-origin framing themselves.
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
