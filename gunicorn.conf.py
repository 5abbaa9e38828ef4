"""gunicorn's configuration for the site: `gunicorn -c gunicorn.conf.py`.

Every value can be changed with an environment variable (below), the rest
with GUNICORN_CMD_ARGS. Behind Varnish (deploy/varnish/edusite.vcl) on one
machine: see docs/caching.md."""

import atexit
import multiprocessing
import os
import sys
import threading
import time

from django.conf import settings
from django.db import connections
from gunicorn.glogging import Logger


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return multiprocessing.cpu_count()


wsgi_app = "edusite.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Rendering is CPU-bound Python: about two processes per core (one waits on
# the database or the cache while the other runs), each with a few threads
# so that the connections Varnish keeps open do not tie up a process.
workers = _int("GUNICORN_WORKERS", 2 * _cores() + 1)
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
worker_connections = _int("GUNICORN_WORKER_CONNECTIONS", 1000)

# Load the application once, before forking: the workers share its memory
# (the Chinese dictionary is loaded in when_ready below) and a broken
# deployment fails at start rather than in every worker.
preload_app = True

# Varnish reuses its connections to the backend (backend_idle_timeout is
# 60 s by default): keep them open longer than that.
keepalive = _int("GUNICORN_KEEPALIVE", 75)
# A worker silent for this long is killed and replaced; long work runs as
# background tasks, never in a request.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Restart a worker after this many requests (0: never).
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 0)

# Access log on standard output (journald under systemd), in the combined
# format with the time taken in milliseconds; GUNICORN_ACCESS_LOG=/path/to/file,
# or "" for none. Written from a buffer (below).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


class BufferedAccessLogger(Logger):
    """gunicorn's logger, with access lines formatted directly and written
    from a buffer, flushed every second and when the worker exits (as nginx's
    `access_log … buffer= flush=`): gunicorn's own formatting and a write per
    request cost a cached page a third of its speed."""

    FLUSH_SECONDS = 1.0

    def setup(self, cfg):
        super().setup(cfg)
        self._stream = None
        self._owner = None
        self._second = None
        self._stamp = ""

    def _open(self):
        path = self.cfg.accesslog
        self._stream = sys.stdout if path == "-" else open(path, "a", buffering=1 << 16, encoding="utf-8")
        self._owner = os.getpid()
        lock = threading.Lock()
        self._write_lock = lock

        def flush():
            while True:
                time.sleep(self.FLUSH_SECONDS)
                with lock:
                    self._stream.flush()

        threading.Thread(target=flush, daemon=True, name="access-log-flush").start()
        atexit.register(self._flush)

    def _flush(self):
        if self._stream is not None:
            with self._write_lock:
                self._stream.flush()

    def access(self, resp, req, environ, request_time):
        if not self.cfg.accesslog:
            return
        if self._owner != os.getpid():  # first request of this worker (after the fork)
            self._open()
        now = int(time.time())
        if now != self._second:
            self._second, self._stamp = now, time.strftime("[%d/%b/%Y:%H:%M:%S %z]", time.localtime(now))
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        sent = getattr(resp, "sent", None)
        line = '%s - - %s "%s %s %s" %s %s "%s" "%s" %dms\n' % (
            environ.get("REMOTE_ADDR", "-"),
            self._stamp,
            environ.get("REQUEST_METHOD"),
            environ.get("RAW_URI"),
            environ.get("SERVER_PROTOCOL"),
            status,
            sent if sent is not None else "-",
            environ.get("HTTP_REFERER", "-"),
            environ.get("HTTP_USER_AGENT", "-"),
            request_time.seconds * 1000 + request_time.microseconds // 1000,
        )
        with self._write_lock:
            self._stream.write(line)


logger_class = BufferedAccessLogger

# The workers' heartbeat files in memory, not on a disk that may stall.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Behind Varnish or a TLS terminator on this machine: trust its X-Forwarded-*.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def when_ready(server):
    """Before the workers are forked: load the Chinese dictionary once."""
    # local: gunicorn reads this file before Django is set up (the application is preloaded later)
    from search.analysis import analyse_query

    analyse_query("招生划片")


def post_fork(server, worker):
    """A worker never shares the master's database connections."""
    if settings.configured:
        connections.close_all()


# gunicorn's control socket (gunicornc) only when asked for: several
# instances on one machine would otherwise share one path.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
