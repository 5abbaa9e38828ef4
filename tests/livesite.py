"""A demo site served by gunicorn on a free loopback port, from a fresh
database, for the tests that use the site as people do: the browser quality
gate (tests/browser) and the journeys (tests/journeys).

The database is a new SQLite file in the site's own folder, or, when the
suite runs on PostgreSQL (DATABASE_URL), a new PostgreSQL database on the
same server, dropped when the site stops."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]

# Built from the demo commands of `make run`, in the same order.
DEMO_COMMANDS = [
    ("migrate", "--noinput"),
    ("load_demo",),
    ("load_catalogue",),
    ("import_documents",),
    ("load_demo_zones",),  # catchment/data/demo-zones.csv, through the zone importer
    ("load_demo_budget",),
    ("load_demo_applications",),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveSite:
    """One served demo site. `manage()` runs a management command against
    its database; `url(path)` is an absolute URL."""

    def __init__(self, folder, *, postgres=False, demo_accounts=False, workers=2, job_worker=True):
        self.folder = Path(folder)
        self.job_worker = job_worker
        self.demo_accounts = demo_accounts
        self.workers = workers
        self.media = self.folder / "media"
        self.mail = self.folder / "mail"
        self.media.mkdir(exist_ok=True)
        self.mail.mkdir(exist_ok=True)
        self.database_url = None
        self._drop_database = None
        if postgres and os.environ.get("DATABASE_URL", "").startswith("postgres"):
            self.database_url, self._drop_database = _new_postgres_database(os.environ["DATABASE_URL"])
        # The served site uses the database search backend and local-memory cache
        # of the test settings; its own database is the only shared state.
        self.env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SEARCH_URL"}}
        self.env.update(
            DJANGO_SETTINGS_MODULE="edusite.settings.test",
            VAR_DIR=str(self.folder),
            MEDIA_ROOT=str(self.media),
            # Workflow notifications and other mail land here, one file per message.
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail),
            PYTHONUNBUFFERED="1",
        )
        if self.database_url:
            self.env["DATABASE_URL"] = self.database_url
        self.base = None
        self._server = None
        self._log = None
        self._worker = None
        self._worker_log = None

    def manage(self, *args, settings=None, timeout=600):
        env = dict(self.env)
        if settings:
            env["DJANGO_SETTINGS_MODULE"] = settings
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def build(self):
        for command in DEMO_COMMANDS:
            self.manage(*command)
        if self.demo_accounts:
            # The demo accounts are created only with DEBUG on, as by `make run`.
            self.manage("setup_roles", "--demo-accounts", settings="edusite.settings.dev")
        else:
            self.manage("setup_roles")
        return self

    def start(self):
        if self.job_worker:
            self.start_job_worker()
        port = free_port()
        self._log = open(self.folder / "gunicorn.log", "w")
        self._server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "edusite.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                # The first request loads the word dictionary: give it time.
                with urllib.request.urlopen(self.base + "/", timeout=30) as response:
                    if response.status == 200:
                        return self
            except OSError:  # not listening yet, or still starting
                pass
            if self._server.poll() is not None or time.monotonic() > deadline:
                self._server.kill()
                raise RuntimeError("gunicorn did not start: " + self.server_log())
            time.sleep(0.3)

    def start_job_worker(self):
        """The background worker beside the server, as `make run` and production run it (manage.py run_jobs)."""
        self._worker_log = open(self.folder / "worker.log", "w")
        self._worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_jobs", "--no-reload", "--interval", "0.5", "--no-startup-delay"],
            cwd=ROOT,
            env=self.env,
            stdout=self._worker_log,
            stderr=subprocess.STDOUT,
        )

    def stop_job_worker(self):
        """SIGTERM, as systemd stops it: the worker finishes its job and exits. Returns its exit code."""
        if self._worker is None:
            return None
        self._worker.terminate()
        code = self._worker.wait(timeout=120)
        self._worker_log.close()
        self._worker = None
        return code

    def worker_log(self):
        path = self.folder / "worker.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self):
        self.stop_job_worker()
        if self._server is not None:
            self._server.terminate()
            self._server.wait(timeout=30)
            self._log.close()
            self._server = None
        if self._drop_database is not None:
            self._drop_database()
            self._drop_database = None

    def url(self, path):
        return self.base + path

    def server_log(self):
        path = self.folder / "gunicorn.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def mails(self):
        """The messages sent so far, oldest first, as e-mail objects."""
        from email import message_from_bytes, policy

        messages = []
        for path in sorted(self.mail.glob("*.log"), key=lambda p: p.stat().st_mtime):
            # The file backend writes each message followed by a line of dashes.
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(message_from_bytes(chunk.lstrip(), policy=policy.default))
        return messages


def _new_postgres_database(url):
    """A fresh database on the server of `url`; returns its URL and a function that drops it."""
    import psycopg

    parts = urlsplit(url)
    name = f"edusite_live_{uuid.uuid4().hex[:12]}"
    admin_url = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path="/" + name)), drop
