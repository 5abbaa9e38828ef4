"""Settings shared by every environment. Everything that differs between
machines comes from environment variables (see README.md)."""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from search.backends.config import DATABASE_SEARCH_BACKEND, elasticsearch_backend

from .env import env_bool, env_int, env_list, env_str

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
    "on_request",
    "caching",
    "wagtail_modeladmin",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
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
    "core.middleware.RequestLimitsMiddleware",
    # Anonymous public pages from the cache (docs/caching.md): right after the
    # request limits, so that a hit costs nothing else and what it stores has
    # every other header (the Content-Security-Policy included).
    "caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "caching.middleware.AnonymousRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Logging in (core/security.py, docs/limits-and-security.md): django-axes
# refuses logins for a while after repeated failures for one user name or
# from one address; every login is logged to "edusite.security".
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the time the page states holds
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # Django's admin is not served; 设置 › 登录记录与锁定 shows them
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_HTTP_RESPONSE_CODE = 429
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (nginx: 1; nginx and Varnish: 2).
PROXY_COUNT = env_int("PROXY_COUNT", 0)

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

# Cache: REDIS_URL (redis://host:6379/0) or a local-memory cache. "pages"
# holds the anonymous page cache (caching.middleware), apart from the rest.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
        for alias, prefix in (("default", "edusite"), ("pages", "edusite-pages"))
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "edusite",
            # Search results are cached per query: room for many (default 300).
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "edusite-pages",
            # Whole pages (tens of kilobytes each), in every process.
            "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 2_000)},
        },
    }

# The anonymous page cache (caching.middleware): PAGE_CACHE=false turns it
# off; PAGE_CACHE_SECONDS is the longest an entry is kept (never past the
# next scheduled change, and any change makes a new generation at once).
PAGE_CACHE = {
    "ENABLED": env_bool("PAGE_CACHE", True),
    "ALIAS": "pages",
    "SECONDS": env_int("PAGE_CACHE_SECONDS", 3600),
    "MAX_BYTES": 2_000_000,
}

# Varnish in front (deploy/varnish/edusite.vcl): VARNISH_URL is where it
# takes PURGE requests, e.g. http://127.0.0.1:6081. Every committed change
# sends one, through Wagtail's frontend cache (caching.frontend).
VARNISH_URL = env_str("VARNISH_URL")
if VARNISH_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "caching.frontend.VarnishBackend", "LOCATION": VARNISH_URL},
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

# Files of applications for information (依申请公开): outside MEDIA_ROOT, served
# by no URL, only by the permission-checked views of on_request.
ON_REQUEST_FILES_ROOT = Path(env_str("ON_REQUEST_FILES_ROOT", str(VAR_DIR / "on-request-files")))

# E-mail (receipts and letters to applicants): SMTP from the environment;
# the development settings print mails on the console, tests keep them in memory.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (docs/background-tasks.md). "default": Wagtail's small
# tasks (search and reference index updates), run at once, or once per
# object at the end of a bulk operation. "jobs": the site's long jobs
# (imports, rebuilding search documents, screening large files), stored in
# the database and run by `manage.py run_jobs` (a django-tasks-db worker).
TASKS = {
    "default": {"BACKEND": "core.task_backends.DeferringImmediateBackend"},
    "jobs": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["jobs"]},
}

# Wagtail.
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "义务教育领域政务公开")
# The admin's address, for the links in notification e-mails.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Workflow notifications go to the people who can act on the step (the
# step's group), not to every superuser (who acts only through a group).
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
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
# Searches are counted in memory and written to the query log this often.
SEARCH_LOG_FLUSH_SECONDS = env_int("SEARCH_LOG_FLUSH_SECONDS", 10)
WAGTAILDOCS_EXTENSIONS = ["pdf", "ofd", "doc", "docx", "xls", "xlsx", "csv", "txt", "zip"]
# Upload limits (docs/limits-and-security.md): documents up to 50 MB, images
# up to 10 MB and 40 million pixels (a photo of 7,300 × 5,500); the request
# itself is refused over MAX_REQUEST_BYTES (core.middleware) first.
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The review (docs/review-workflow.md): an approval counts only for the
# revision it approved, so changed content is reviewed again from the first
# step; the last step publishes through moderation's choke point.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "moderation.finish.publish_approved"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "moderation.documents.ReviewedDocumentForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin must not call out to a third
# party (editors' e-mail hashes) and works on a closed network.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Wagtail's preview views allow same-origin framing themselves.
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp; docs/limits-and-security.md). The
# public site: nothing inline (no <script>, <style>, style="…" or on…=
# attributes in any template: CSS and JS are files under static/), no other
# origin. A page cache may keep the header: it has no per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "media-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "manifest-src": [SELF],
    },
}
# The strictest policy the Wagtail 8 admin works under (tested in Chromium by
# tests/browser/test_csp.py). Scripts: files, and the initialisers
# Wagtail writes inline for its widgets, each allowed by its hash
# (core.middleware.admin_script_hashes). Styles: files, and the <style>
# elements the rich-text editor (Draftail) adds for its placeholder and list
# numbering; style="…" attributes are refused. It frames its own previews.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-elem": [SELF, UNSAFE_INLINE],
        "style-src-attr": [NONE],
        "img-src": [SELF],
        "font-src": [SELF],
        "media-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "worker-src": [SELF],
        "manifest-src": [SELF],
    },
}
ADMIN_PATH_PREFIXES = ["/admin/"]
# Wagtail's promoted-results forms write a whole script into the page
# (wagtailsearchpromotions/includes/searchpromotions_formset.js with the
# query chooser): only there may inline scripts run.
ADMIN_INLINE_SCRIPT_PATH_PREFIXES = ["/admin/searchpicks/"]
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(self), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), "
    "publickey-credentials-get=(), screen-wake-lock=(), sync-xhr=(), usb=(), xr-spatial-tracking=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"timed": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": {"class": "logging.StreamHandler", "formatter": "timed"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Every login, failed or not (never a password): kept whatever LOG_LEVEL says.
        "edusite.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
