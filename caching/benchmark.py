"""The page benchmark (scripts/page-benchmark): a benchmark, not a test.

1. Builds the demo with the production settings in a throwaway VAR_DIR
   (SQLite), and optionally the demo of an earlier revision ("today").
2. Serves it: nginx with the same HTML bytes as static files; the origin
   (gunicorn.conf.py) with the page cache off; the origin with the page
   cache (local memory, and Redis when redis-server is installed); Varnish
   (deploy/varnish/edusite.vcl) in front of the cached origin; the earlier
   revision as it was run then (2 sync gunicorn workers).
3. Renders every page type in process (manage.py benchmark_pages).
4. For each page — home, catalogue, an item, a zone page, a policy
   document, the finder with an address, a search — measures every server
   in turn with wrk (interleaved: page by page, server by server):
   requests/s, p50, p99, and each as a percentage of nginx in the same run.
5. Soak: 60 s of mixed requests at 64 connections through Varnish while an
   editor publishes a new version of a page every 5 s; counts errors, and
   stale responses (a response older than the last publication that had
   returned before the request was sent) seen by checkers polling the pages
   that show it.

Prints a Markdown report and writes it, with the raw figures as JSON, next
to --output."""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

FINDER = "/catchment/?" + urlencode({"address": "遂宁市船山区铁货街12号", "year": 2017})
SEARCH = "/search/?" + urlencode({"q": "招生"})
SOAK_TITLE = "压力测试中的招生通知"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Ports:
    """Free loopback ports, or consecutive ones from PORT_BASE."""

    def __init__(self, base=None):
        self.next = base

    def take(self):
        if self.next is not None:
            port, self.next = self.next, self.next + 1
            return port
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]


class Processes:
    def __init__(self):
        self.running = []

    def start(self, name, command, log_path, env=None, cwd=ROOT):
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=open(log_path, "w"), stderr=subprocess.STDOUT)
        self.running.append((name, process))
        return process

    def stop(self):
        for _name, process in reversed(self.running):
            if process.poll() is None:
                process.terminate()
        for _name, process in reversed(self.running):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_for(url, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def manage(env, *args, cwd=ROOT, check=True):
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def production_env(var_dir, **extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SEARCH_URL", "VARNISH_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="edusite.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        VAR_DIR=str(var_dir),
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def build_demo(env, cwd=ROOT, budget=True):
    steps = [
        ("migrate", "--noinput", "-v0"),
        ("load_demo",),
        ("load_catalogue",),
        ("import_documents",),
        ("load_demo_zones",),
    ]
    if budget:
        steps.append(("load_demo_budget",))
    steps += [("update_index", "--verbosity", "0"), ("collectstatic", "--noinput", "-v0")]
    for step in steps:
        manage(env, *step, cwd=cwd)


URLS_CODE = """
import json
from core.publication import trusted_publication
from disclosure.models import CatalogueItemPage, EnrolmentZonePage, PolicyDocumentPage
item = CatalogueItemPage.objects.get(catalogue_key="招生管理/招生范围")
zone = EnrolmentZonePage.objects.live().order_by("path").first()
policy = PolicyDocumentPage.objects.live().order_by("path").first()
parent = CatalogueItemPage.objects.get(catalogue_key="政策文件/规范性文件")
soak = PolicyDocumentPage(title=%(title)r + "（第0版）", issuing_office=parent.office, summary="页面缓存基准测试的编辑在压力测试期间反复发布这一页。")
with trusted_publication("the page benchmark's editor"):
    parent.add_child(instance=soak)
    soak.save_revision().publish()
print(json.dumps({"item": item.url, "zone": zone.url, "policy": policy.url, "soak_id": soak.pk, "soak": soak.url, "soak_item": parent.url}))
"""


# ---- wrk ----------------------------------------------------------------------------


def parse_duration(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url, seconds, connections, threads=2, script=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
    }
    for percentile in ("50", "99"):
        match = re.search(rf"^\s+{percentile}(?:\.000)?%\s+([\d.]+\w+)", output, re.M)
        result[f"p{percentile}_ms"] = parse_duration(match.group(1)) if match else None
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["errors"] = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    result["raw"] = output
    return result


# ---- the run -----------------------------------------------------------------------


class Benchmark:
    def __init__(self, args):
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="edusite-page-benchmark-"))
        self.work.chmod(0o755)
        self.ports = Ports(int(os.environ["PORT_BASE"]) if os.environ.get("PORT_BASE") else None)
        self.processes = Processes()
        self.servers = {}  # name → base URL
        self.report = {"started": time.strftime("%Y-%m-%d %H:%M:%S %z"), "machine": machine()}

    def run(self):
        try:
            self.build()
            self.serve()
            self.report["in_process"] = self.in_process()
            self.report["pages"] = self.measure()
            self.report["soak"] = self.soak()
        finally:
            self.processes.stop()
            if not self.args.keep:
                shutil.rmtree(self.work, ignore_errors=True)
        return self.report

    # -- building and serving ------------------------------------------------------------

    def build(self):
        self.var = self.work / "site"
        self.var.mkdir()
        self.varnish_port = self.ports.take()
        self.env = production_env(self.var)
        log(f"Building the demo with the production settings in {self.var}")
        build_demo(self.env)
        self.urls = json.loads(
            manage(self.env, "shell", "-c", URLS_CODE % {"title": SOAK_TITLE}).strip().splitlines()[-1]
        )
        if self.args.today:
            self.today_src = self.work / "today-src"
            self.today_var = self.work / "today-site"
            self.today_src.mkdir()
            self.today_var.mkdir()
            log(f"Exporting {self.args.today} and building its demo")
            archive = subprocess.run(
                ["git", "archive", self.args.today], cwd=ROOT, capture_output=True, check=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(self.today_src)], input=archive, check=True)
            (self.today_src / "_shim").mkdir()
            (self.today_src / "_shim" / "edusite").symlink_to(self.today_src / "site")
            self.today_env = production_env(self.today_var, PYTHONPATH=f"{self.today_src}:{self.today_src / '_shim'}")
            build_demo(
                self.today_env, cwd=self.today_src, budget=(self.today_src / "disclosure" / "demo_budget.py").exists()
            )

    def gunicorn(self, name, env, config=True, cwd=ROOT):
        port = self.ports.take()
        if config:
            env = {
                **env,
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "GUNICORN_ACCESS_LOG": str(self.work / f"{name}-access.log"),
            }
            command = [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
        else:  # as it was run before gunicorn.conf.py: two sync workers
            command = [PYTHON, "-m", "gunicorn", "edusite.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        self.processes.start(name, command, self.work / f"{name}.log", env=env, cwd=cwd)
        self.servers[name] = f"http://127.0.0.1:{port}"
        return port

    def serve(self):
        varnish_url = f"http://127.0.0.1:{self.varnish_port}"
        self.gunicorn("origin, uncached", {**self.env, "PAGE_CACHE": "false"})
        cached_port = self.gunicorn("origin, page cache", {**self.env, "VARNISH_URL": varnish_url})
        self.serve_redis()
        if self.args.today:
            self.gunicorn(f"today ({self.args.today}), uncached", self.today_env, config=False, cwd=self.today_src)
        self.serve_varnish(varnish_url, cached_port)
        self.serve_nginx()
        for name, url in self.servers.items():
            wait_for(url + ("/" if name != "nginx, static file" else "/nothing"))
        log("Serving: " + ", ".join(f"{name} {url}" for name, url in self.servers.items()))

    def serve_redis(self):
        if not shutil.which("redis-server") or self.args.no_redis:
            return
        redis_port = self.ports.take()
        self.processes.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "allkeys-lru",
            ],
            self.work / "redis.log",
        )
        self.gunicorn("origin, page cache in Redis", {**self.env, "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"})

    def serve_varnish(self, varnish_url, cached_port):
        vcl = self.work / "edusite.vcl"
        vcl.write_text(
            re.sub(
                r'(\.port = )"\d+";', rf'\1"{cached_port}";', (ROOT / "deploy/varnish/edusite.vcl").read_text(), count=1
            )
        )
        varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
        self.processes.start(
            "varnish",
            [
                varnishd,
                "-F",
                "-n",
                str(self.work / "varnish"),
                "-a",
                f"127.0.0.1:{self.varnish_port}",
                "-f",
                str(vcl),
                "-s",
                "malloc,256m",
                "-T",
                "none",
                "-j",
                "none",
            ],
            self.work / "varnish.log",
        )
        self.servers["Varnish"] = varnish_url

    def serve_nginx(self):
        # nginx: the same HTML bytes, as static files.
        self.docroot = self.work / "static-html"
        self.docroot.mkdir()
        self.docroot.chmod(0o755)
        nginx_port = self.ports.take()
        (self.work / "nginx").mkdir()
        conf = self.work / "nginx.conf"
        conf.write_text(NGINX_CONF % {"work": self.work / "nginx", "port": nginx_port, "root": self.docroot})
        self.processes.start(
            "nginx",
            ["nginx", "-c", str(conf), "-p", str(self.work / "nginx"), "-e", str(self.work / "nginx" / "error.log")],
            self.work / "nginx.log",
        )
        self.servers["nginx, static file"] = f"http://127.0.0.1:{nginx_port}"

    def in_process(self):
        log("Rendering every page type in process (benchmark_pages)")
        return json.loads(
            manage(self.env, "benchmark_pages", "--runs", str(self.args.runs), "--json").strip().splitlines()[-1]
        )

    # -- throughput ------------------------------------------------------------------------

    def pages(self):
        return [
            ("home", "/"),
            ("catalogue", "/catalogue/"),
            ("item (招生范围)", self.urls["item"]),
            ("zone page", self.urls["zone"]),
            ("policy document", self.urls["policy"]),
            ("finder with an address", FINDER),
            ("search", SEARCH),
        ]

    def measure(self):
        """Every page on every server with wrk, interleaved: round after
        round, page by page, server by server; each figure is the median of
        the rounds, and each percentage the median of the rounds' own
        percentages of nginx (the machine may be busier in one round)."""
        order = (
            ["nginx, static file"]
            + [name for name in self.servers if name not in ("nginx, static file", "Varnish")]
            + ["Varnish"]
        )
        rows = []
        for index, (page, path) in enumerate(self.pages()):
            _status, _headers, html = fetch(self.servers["origin, page cache"] + path)
            static = f"/page-{index}.html"
            (self.docroot / static.lstrip("/")).write_bytes(html)
            rows.append({"page": page, "path": path, "static": static, "bytes": len(html), "rounds": []})
        for number in range(1, self.args.rounds + 1):
            for row in rows:
                measured = {}
                for server in order:
                    url = self.servers[server] + (row["static"] if server == "nginx, static file" else row["path"])
                    for _ in range(20):  # warm: caches filled, connections made
                        fetch(url)
                    log(f"round {number}/{self.args.rounds} · {row['page']} · {server}")
                    figures = wrk(url, self.args.seconds, self.args.connections)
                    figures.pop("raw")
                    measured[server] = figures
                nginx = measured["nginx, static file"]["rps"]
                for figures in measured.values():
                    figures["percent_of_nginx"] = 100.0 * figures["rps"] / nginx if nginx else None
                row["rounds"].append(measured)
        for row in rows:
            row["servers"] = {}
            for server in order:
                runs = [measured[server] for measured in row["rounds"]]
                row["servers"][server] = {
                    name: statistics.median(run[name] for run in runs)
                    for name in ("rps", "p50_ms", "p99_ms", "percent_of_nginx")
                    if all(run[name] is not None for run in runs)
                }
                row["servers"][server]["errors"] = sum(run["errors"] for run in runs)
                row["servers"][server]["requests"] = sum(run["requests"] for run in runs)
        return rows

    # -- the soak ----------------------------------------------------------------------------

    def soak(self):
        seconds, interval = self.args.soak_seconds, self.args.publish_every
        base = self.servers["Varnish"]
        paths = [path for _name, path in self.pages()] + [
            self.urls["soak"],
            self.urls["soak_item"],
            "/search/?" + urlencode({"q": SOAK_TITLE}),
        ]
        script = self.work / "mixed.lua"
        script.write_text(MIXED_LUA % ", ".join(json.dumps(path) for path in paths))
        published = self.work / "publications.log"
        published.write_text("0 0\n")
        editor = self.processes.start(
            "editor",
            [
                PYTHON,
                "manage.py",
                "benchmark_editor",
                "--page",
                str(self.urls["soak_id"]),
                "--title",
                SOAK_TITLE,
                "--interval",
                str(interval),
                "--duration",
                str(seconds),
                "--log",
                str(published),
            ],
            self.work / "editor.log",
            env={**self.env, "VARNISH_URL": base},
        )
        checker = StaleChecker(
            base,
            [self.urls["soak"], self.urls["soak_item"], "/", "/search/?" + urlencode({"q": SOAK_TITLE})],
            published,
        )
        checker.start(threads=self.args.checkers)
        log(
            f"Soak: {seconds} s, {self.args.soak_connections} connections through Varnish, a publication every {interval} s"
        )
        load = wrk(base + "/", seconds, self.args.soak_connections, script=script)
        checker.stop()
        editor.wait(timeout=120)
        versions = [int(line.split()[0]) for line in published.read_text().splitlines() if line.strip()]
        return {
            "seconds": seconds,
            "connections": self.args.soak_connections,
            "requests": load["requests"],
            "rps": load["rps"],
            "p50_ms": load["p50_ms"],
            "p99_ms": load["p99_ms"],
            "errors": load["errors"] + checker.errors,
            "publications": max(versions),
            "checks": checker.checks,
            "stale": checker.stale,
            "stale_examples": checker.examples[:5],
        }


class StaleChecker:
    """Polls the pages that show the soak's page through Varnish. A response
    is stale when the version it shows is older than the last publication
    that had returned before the request was sent."""

    VERSION = re.compile(SOAK_TITLE + r"（第(\d+)版）")

    def __init__(self, base, paths, published):
        self.base, self.paths, self.published = base, paths, published
        self.checks = self.stale = self.errors = 0
        self.examples = []
        self.lock = threading.Lock()
        self.running = True
        self.threads = []

    def latest(self):
        last = self.published.read_text().strip().splitlines()[-1].split()
        return int(last[0]), float(last[1])

    def start(self, threads=4):
        for number in range(threads):
            thread = threading.Thread(target=self.loop, args=(number,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join(timeout=30)

    def loop(self, offset):
        index = offset
        while self.running:
            path = self.paths[index % len(self.paths)]
            index += 1
            expected, published_at = self.latest()
            try:
                status, headers, body = fetch(self.base + path)
            except Exception:
                with self.lock:
                    self.errors += 1
                continue
            shown = [int(n) for n in self.VERSION.findall(body.decode("utf-8", "replace"))]
            version = max(shown) if shown else -1
            with self.lock:
                self.checks += 1
                if status != 200:
                    self.errors += 1
                elif expected and version < expected:
                    self.stale += 1
                    self.examples.append(
                        {
                            "path": path,
                            "shown": version,
                            "expected": expected,
                            "x_cache": headers.get("X-Cache"),
                            "since_publication_s": time.time() - published_at,
                        }
                    )


def machine():
    cores = os.cpu_count()
    model = ""
    with contextlib.suppress(OSError, StopIteration):
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    load = os.getloadavg()
    return {
        "cores": cores,
        "cpu": model,
        "load_before": [round(value, 2) for value in load],
        "varnish": subprocess.run(["varnishd", "-V"], capture_output=True, text=True).stderr.splitlines()[0]
        if shutil.which("varnishd")
        else "",
        "wrk": "wrk 4.1.0 (Debian)",
    }


NGINX_CONF = """
worker_processes auto;
daemon off;
pid %(work)s/nginx.pid;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path %(work)s/client_body;
    proxy_temp_path %(work)s/proxy;
    fastcgi_temp_path %(work)s/fastcgi;
    uwsgi_temp_path %(work)s/uwsgi;
    scgi_temp_path %(work)s/scgi;
    types { text/html html; }
    default_type text/html;
    charset utf-8;
    server {
        listen 127.0.0.1:%(port)s;
        root %(root)s;
    }
}
"""

MIXED_LUA = """
local paths = { %s }
local counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


# ---- the report ------------------------------------------------------------------------


def markdown(report):
    lines = []
    machine = report["machine"]
    lines.append(
        f"Run {report['started']} on {machine['cores']} cores ({machine['cpu']}), load average before "
        f"{', '.join(map(str, machine['load_before']))}; {machine['varnish']}; {machine['wrk']}."
    )
    lines.append("")
    lines.append(
        "In process, page cache off (manage.py benchmark_pages): SQL queries and milliseconds per render, "
        "warm (what every page repeats cached for the content generation) and cold (just after a change)."
    )
    lines.append("")
    lines.append("| page | queries | median ms | min ms | CPU median ms | cold median ms |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for row in report.get("in_process", []):
        lines.append(
            f"| {row['page']} | {row['queries']} | {row['warm_median_ms']:.1f} | {row['warm_min_ms']:.1f} | "
            f"{row['warm_cpu_median_ms']:.1f} | {row['cold_median_ms']:.1f} |"
        )
    lines.append("")
    pages = report.get("pages", [])
    if pages:
        servers = list(pages[0]["servers"])
        lines.append(
            "Requests/s (p50 / p99 ms) and % of nginx serving the same bytes, wrk "
            f"{report['settings']['connections']} connections, {report['settings']['rounds']} interleaved rounds of "
            f"{report['settings']['seconds']} s per page and server (medians of the rounds):"
        )
        lines.append("")
        lines.append("| page | " + " | ".join(servers) + " |")
        lines.append("|---|" + "---:|" * len(servers))
        for row in pages:
            cells = []
            for server in servers:
                figures = row["servers"][server]
                percent = "" if server.startswith("nginx") else f", **{figures['percent_of_nginx']:.1f} %**"
                if (
                    server.startswith("today") is False
                    and "today" in " ".join(servers)
                    and server == "origin, uncached"
                ):
                    today = next(name for name in servers if name.startswith("today"))
                    ratio = figures["rps"] / row["servers"][today]["rps"] if row["servers"][today]["rps"] else 0
                    percent += f", {ratio:.1f}× today"
                errors = f", {figures['errors']} errors" if figures["errors"] else ""
                cells.append(
                    f"{figures['rps']:,.0f} ({figures['p50_ms']:.1f} / {figures['p99_ms']:.1f}){percent}{errors}"
                )
            lines.append(f"| {row['page']} | " + " | ".join(cells) + " |")
        lines.append("")
    soak = report.get("soak")
    if soak:
        lines.append(
            f"Soak through Varnish: {soak['seconds']} s, {soak['connections']} connections, mixed pages, "
            f"{soak['publications']} publications (one every {report['settings']['publish_every']} s): "
            f"{soak['requests']:,} requests ({soak['rps']:,.0f}/s, p50 {soak['p50_ms']:.1f} ms, p99 {soak['p99_ms']:.1f} ms), "
            f"**{soak['errors']} errors**; {soak['checks']:,} freshness checks, **{soak['stale']} stale**."
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="wrk run per page, server and round (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--runs", type=int, default=50, help="in-process renders per page type (default 50)")
    parser.add_argument("--soak-seconds", type=int, default=60)
    parser.add_argument("--soak-connections", type=int, default=64)
    parser.add_argument("--publish-every", type=float, default=5.0)
    parser.add_argument("--checkers", type=int, default=4, help="threads checking for stale responses in the soak")
    parser.add_argument(
        "--today",
        metavar="GIT_REF",
        help="also measure this revision's uncached origin, as it was run (2 sync workers)",
    )
    parser.add_argument("--no-redis", action="store_true", help="skip the page cache in Redis")
    parser.add_argument(
        "--output", default=str(ROOT / "var" / "page-benchmark.md"), help="where to write the report (and .json)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the throwaway directory")
    args = parser.parse_args(argv)
    for tool in ("wrk", "nginx", "varnishd"):
        if not shutil.which(tool) and not (tool == "varnishd" and os.path.exists("/usr/sbin/varnishd")):
            parser.error(f"{tool} is needed: sudo apt-get install wrk nginx varnish varnish-modules redis-server")
    benchmark = Benchmark(args)
    report = benchmark.run()
    report["settings"] = vars(args)
    text = markdown(report)
    print(text)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text + "\n", encoding="utf-8")
    output.with_suffix(".json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    log(f"Report: {output} and {output.with_suffix('.json')}")


if __name__ == "__main__":
    main()
