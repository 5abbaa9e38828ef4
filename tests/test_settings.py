"""Settings come from the environment only; production refuses to start
without a secret key."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "db_engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "health_checks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION", ""),
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "static_root": str(settings.STATIC_ROOT),
    "media_root": str(settings.MEDIA_ROOT),
    "time_zone": settings.TIME_ZONE,
    "language": settings.LANGUAGE_CODE,
    "debug": settings.DEBUG,
}))
"""


def run_python(code, settings_module, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"}
    }
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def read_settings(settings_module, **env):
    result = run_python(PRINT_SETTINGS, settings_module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_secret_key():
    result = run_python("import django; django.setup()", "edusite.settings.production")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr
    assert "生产环境必须" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_python("import django; django.setup()", "edusite.settings.production", SECRET_KEY="short")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_the_deployment_checklist(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="edusite.settings.production",
        SECRET_KEY="x" * 20 + "-production-check-" + "y" * 30,
        ALLOWED_HOSTS="edu.example.org",
        VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_defaults_need_no_environment(tmp_path):
    values = read_settings("edusite.settings.dev", VAR_DIR=str(tmp_path))
    assert values["db_engine"] == "django.db.backends.sqlite3"
    assert values["db_name"] == str(tmp_path / "db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["static_root"] == str(tmp_path / "static")
    assert values["media_root"] == str(tmp_path / "media")
    assert values["time_zone"] == "Asia/Shanghai"
    assert values["language"] == "zh-hans"
    assert values["health_checks"] is True
    assert values["debug"] is True


def test_everything_configurable_from_the_environment(tmp_path):
    values = read_settings(
        "edusite.settings.production",
        SECRET_KEY="k" * 64,
        DATABASE_URL="postgres://user:pw@db.internal:5432/edusite",
        REDIS_URL="redis://cache.internal:6379/1",
        ALLOWED_HOSTS="edu.example.org, www.edu.example.org",
        STATIC_ROOT=str(tmp_path / "s"),
        MEDIA_ROOT=str(tmp_path / "m"),
    )
    assert values["db_engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "edusite"
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cache_location"] == "redis://cache.internal:6379/1"
    assert values["allowed_hosts"] == ["edu.example.org", "www.edu.example.org"]
    assert values["static_root"] == str(tmp_path / "s")
    assert values["media_root"] == str(tmp_path / "m")
    assert values["debug"] is False


def test_a_malformed_boolean_is_reported_in_chinese():
    result = run_python(
        "import django; django.setup()", "edusite.settings.production", SECRET_KEY="k" * 64, SECURE_SSL_REDIRECT="maybe"
    )
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr and "无法识别" in result.stderr


@pytest.mark.django_db
def test_suite_runs_on_the_expected_database():
    """CI sets EXPECT_DB_VENDOR so that a misconfigured run cannot silently
    test SQLite twice."""
    expected = os.environ.get("EXPECT_DB_VENDOR")
    if os.environ.get("CI") and not expected:
        pytest.fail("CI must set EXPECT_DB_VENDOR")
    if expected:
        assert connection.vendor == expected
    else:
        assert connection.vendor in {"sqlite", "postgresql"}
