"""The site behind a real Varnish (Debian's varnishd with the VCL of
deploy/varnish/edusite.vcl), in front of gunicorn started with the repo's
gunicorn.conf.py, on free loopback ports: a publication is visible through
Varnish within one second; logged-in sessions and admin URLs bypass it;
responses that set a cookie are never stored; an expired page leaves at its
expiry time.

Needs `varnish` and `varnish-modules` (vmod var). Without them the tests
are skipped with a loud reason; under CI=true they fail instead."""

import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "deploy" / "varnish" / "edusite.vcl"

# One worker runs them all (--dist loadgroup), so one Varnish site serves them.
pytestmark = [pytest.mark.varnish, pytest.mark.xdist_group("varnish")]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _missing(message):
    message = "VARNISH TESTS NOT RUN — " + message
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def varnishd():
    return shutil.which("varnishd") or next((p for p in ("/usr/sbin/varnishd",) if os.path.exists(p)), None)


def render_vcl(directory, backend_port):
    """The repo's VCL with the backend on the test's gunicorn port."""
    text, count = re.subn(r'(\.port = )"\d+";', rf'\1"{backend_port}";', VCL.read_text(), count=1)
    assert count == 1, "the VCL names its backend port"
    path = directory / "edusite.vcl"
    path.write_text(text)
    return path


def wait_for(url, process, log, seconds=120):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"{url} did not come up:\n{Path(log).read_text()[-3000:]}")
        time.sleep(0.2)


class Site:
    """The running site: Varnish at `base`, gunicorn at `origin`, and
    `manage(code)` to run Python in another process, as an editor's would."""

    def __init__(self, base, origin, env):
        self.base, self.origin, self.env = base, origin, env

    def manage(self, *args, code=None):
        command = [sys.executable, "manage.py", *args] + (["-c", code] if code else [])
        result = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    def python(self, code):
        return json.loads(self.manage("shell", code=code))

    def get(self, path, opener=None, **headers):
        request = urllib.request.Request(self.base + path, headers=headers)
        try:
            with (opener or urllib.request.build_opener(NoRedirect)).open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


SETUP = """
import json
from core.publication import trusted_publication
from disclosure.tests.helpers import publish_fixture
_fixture = trusted_publication("test fixture", "test fixture")  # fixtures, not the review
_fixture.__enter__()
from disclosure.models import CatalogueIndexPage, CatalogueItemPage, CategoryPage, Office
from home.models import HomePage
home = HomePage.objects.get()
office = Office.objects.get_or_create(name="基础教育科")[0]
catalogue = home.add_child(instance=CatalogueIndexPage(title="标准目录", slug="catalogue"))
category = catalogue.add_child(instance=CategoryPage(title="招生管理", slug="enrolment"))
item = category.add_child(instance=CatalogueItemPage(
    title="招生政策", slug="policy", legal_basis="《中华人民共和国义务教育法》", time_limit_days=20,
    office=office, channels=["政府网站"], levels=["county"]))
for page in (catalogue, category, item):
    publish_fixture(page.save_revision())
print(json.dumps({"item": item.pk}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    binary = varnishd()
    if binary is None:
        _missing("varnishd not found: sudo apt-get install varnish varnish-modules")
    work = tmp_path_factory.mktemp("varnish-site")
    compiled = subprocess.run(
        [binary, "-C", "-j", "none", "-f", str(render_vcl(work, 8000)), "-n", str(work / "check")],
        capture_output=True,
        text=True,
    )
    if compiled.returncode != 0:
        _missing("the VCL does not compile (is varnish-modules installed?):\n" + compiled.stderr[-2000:])

    origin_port, varnish_port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SEARCH_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.caching.live_settings",
        VAR_DIR=str(work),
        VARNISH_URL=f"http://127.0.0.1:{varnish_port}",
        GUNICORN_BIND=f"127.0.0.1:{origin_port}",
        GUNICORN_WORKERS="2",
        GUNICORN_ACCESS_LOG="",
        PYTHONUNBUFFERED="1",
    )
    site = Site(f"http://127.0.0.1:{varnish_port}", f"http://127.0.0.1:{origin_port}", env)
    site.manage("migrate", "--noinput", "-v0")
    site.manage("load_demo")
    site.item = site.python(SETUP)["item"]

    processes = []
    gunicorn_log = work / "gunicorn.log"
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=open(gunicorn_log, "w"),
        stderr=subprocess.STDOUT,
    )
    processes.append(gunicorn)
    varnish_log = work / "varnishd.log"
    varnish = subprocess.Popen(
        [
            binary,
            "-F",
            "-n",
            str(work / "varnish"),
            "-a",
            f"127.0.0.1:{varnish_port}",
            "-f",
            str(render_vcl(work, origin_port)),
            "-s",
            "malloc,64m",
            "-T",
            "none",
            "-j",
            "none",
        ],
        stdout=open(varnish_log, "w"),
        stderr=subprocess.STDOUT,
    )
    processes.append(varnish)
    try:
        wait_for(site.origin + "/", gunicorn, gunicorn_log)
        wait_for(site.base + "/", varnish, varnish_log)
        yield site
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def served_from_varnish(site, path):
    """GET twice; the second answer must be Varnish's stored copy."""
    site.get(path)
    status, headers, body = site.get(path)
    assert headers.get("X-Cache") == "HIT", (path, headers)
    return status, body


def draft(site, title, **fields):
    extra = "".join(f"page.{name} = {value}\n" for name, value in fields.items())
    return site.python(f"""
import json, datetime
from django.utils import timezone
from disclosure.models import CatalogueItemPage, PolicyDocumentPage
item = CatalogueItemPage.objects.get(pk={site.item})
page = PolicyDocumentPage(title={title!r}, issuing_office=item.office, live=False)
item.add_child(instance=page)
{extra}page.save_revision()
print(json.dumps({{"id": page.pk, "url": page.url}}))
""")


def publish(site, page_id):
    site.python(f"""
import json
from wagtail.models import Page
from disclosure.tests.helpers import publish_fixture
publish_fixture(Page.objects.get(pk={page_id}).specific.get_latest_revision())
print(json.dumps(True))
""")


def test_a_publication_is_visible_through_varnish_within_one_second(site):
    page = draft(site, "通过Varnish发布的招生通知")
    item_url = site.python(
        f"import json; from wagtail.models import Page; print(json.dumps(Page.objects.get(pk={site.item}).url))"
    )
    _status, before = served_from_varnish(site, item_url)
    assert "通过Varnish发布的招生通知" not in before
    assert site.get(page["url"])[0] == 404
    served_from_varnish(site, "/")

    publish(site, page["id"])  # another process, as an editor's request: commit, then PURGE
    published_at = time.monotonic()
    while True:
        status, _headers, body = site.get(item_url)
        if "通过Varnish发布的招生通知" in body or time.monotonic() - published_at > 1:
            break
        time.sleep(0.02)
    elapsed = time.monotonic() - published_at
    assert "通过Varnish发布的招生通知" in body, "not visible through Varnish within one second"
    assert elapsed <= 1.0
    assert site.get(page["url"])[0] == 200
    assert "通过Varnish发布的招生通知" in site.get("/")[2]


def login(site, username="varnish-admin", password="local-test-only"):
    site.python(f"""
import json
from django.contrib.auth import get_user_model
get_user_model().objects.filter(username={username!r}).exists() or get_user_model().objects.create_superuser({username!r}, "a@example.invalid", {password!r})
print(json.dumps(True))
""")
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    with opener.open(site.base + "/admin/login/", timeout=30) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(
        site.base + "/admin/login/", data=data, headers={"Referer": site.base + "/admin/login/"}
    )
    try:
        opener.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        assert error.code == 302, error.read().decode()[:1000]
    assert any(cookie.name == "sessionid" for cookie in jar)
    return opener


def test_logged_in_sessions_and_admin_urls_bypass_varnish(site):
    served_from_varnish(site, "/guide/")
    opener = login(site)
    for _ in range(2):
        status, headers, body = site.get("/guide/", opener=opener)
        assert status == 200 and headers.get("X-Cache") == "PASS"
        assert "wagtail-userbar" in body, "the logged-in user gets their own page, with the user bar"
    status, headers, body = site.get("/guide/")
    assert headers.get("X-Cache") == "HIT" and "wagtail-userbar" not in body
    for _ in range(2):
        status, headers, _body = site.get("/admin/", opener=opener)
        assert status == 200 and headers.get("X-Cache") == "PASS"
        status, headers, _body = site.get("/admin/login/")
        assert headers.get("X-Cache") == "PASS"


def test_responses_that_set_a_cookie_are_never_stored(site):
    first = site.get("/cache-test/surrogate-cookie/")
    second = site.get("/cache-test/surrogate-cookie/")
    for status, headers, _body in (first, second):
        assert status == 200 and "Set-Cookie" in headers and headers.get("X-Cache") != "HIT"
    assert first[2] != second[2], "rendered twice: never served from Varnish"
    # The same view without the cookie is stored: the test can tell.
    counted = site.get("/cache-test/counted/")
    again = site.get("/cache-test/counted/")
    assert again[1].get("X-Cache") == "HIT" and again[2] == counted[2]


def test_on_request_forms_are_never_stored_and_hits_keep_the_security_headers(site):
    """The on-request application form (/yishenqing/, a CSRF token in its
    form) and tracking page pass through Varnish every time; a page Varnish
    answers from its cache has the origin's Content-Security-Policy and
    Permissions-Policy."""
    for path in ("/yishenqing/", "/yishenqing/track/"):
        answers = [site.get(path) for _ in range(2)]
        for status, headers, _body in answers:
            assert status == 200 and headers.get("X-Cache") != "HIT", (path, headers)
            assert "no-store" in headers.get("Cache-Control", "")
    origin = urllib.request.urlopen(site.origin + "/catalogue/", timeout=30)
    served_from_varnish(site, "/catalogue/")
    _status, headers, _body = site.get("/catalogue/")
    assert headers.get("X-Cache") == "HIT"
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert headers.get(name) and headers[name] == origin.headers[name], name


def test_an_expired_page_leaves_varnish_at_its_expiry_time(site):
    page = draft(site, "即将到期的招生通知")
    expires = site.python(f"""
import json, datetime
from django.utils import timezone
from wagtail.models import Page
from disclosure.tests.helpers import publish_fixture
page = Page.objects.get(pk={page["id"]}).specific
page.expire_at = timezone.now() + datetime.timedelta(seconds=15)  # the process takes seconds to end on a busy machine
publish_fixture(page.save_revision())
print(json.dumps(page.expire_at.timestamp()))
""")
    assert time.time() < expires - 1, "the machine is too slow for this test's timing"
    status, body = served_from_varnish(site, page["url"])
    assert status == 200 and "即将到期的招生通知" in body
    time.sleep(max(0.0, expires - time.time()) + 0.1)
    status, headers, body = site.get(page["url"])
    assert status == 404, f"served {status} ({headers.get('X-Cache')}) after its expiry"
    item_url = site.python(
        f"import json; from wagtail.models import Page; print(json.dumps(Page.objects.get(pk={site.item}).url))"
    )
    assert "即将到期的招生通知" not in site.get(item_url)[2]


def test_searches_served_by_varnish_still_count_in_the_search_report(site):
    """Varnish logs the searches it answers from its cache; varnishncsa
    feeds them to `manage.py record_varnish_searches` (docs/caching.md)."""
    varnishncsa = shutil.which("varnishncsa") or "/usr/bin/varnishncsa"
    reader = subprocess.Popen(
        [
            varnishncsa,
            "-n",
            str(Path(site.env["VAR_DIR"]) / "varnish"),
            "-q",
            "VCL_Log:search-hit",
            "-F",
            "%{VCL_Log:search-hit}x",
        ],
        stdout=subprocess.PIPE,
    )
    recorder = subprocess.Popen(
        [sys.executable, "manage.py", "record_varnish_searches"],
        cwd=ROOT,
        env=site.env,
        stdin=reader.stdout,
        stdout=subprocess.PIPE,
        text=True,
    )
    reader.stdout.close()
    time.sleep(1)  # varnishncsa attaches to the log
    path = "/search/?" + urllib.parse.urlencode({"q": "义务教育法"})
    answers = [site.get(path)[1].get("X-Cache") for _ in range(4)]
    assert answers == ["MISS", "HIT", "HIT", "HIT"]
    assert "X-Search-Counted" not in site.get(path)[1]  # a fifth search, the fourth hit
    time.sleep(1)
    reader.terminate()
    reader.wait(timeout=30)
    output, _ = recorder.communicate(timeout=60)
    assert "4 searches counted" in output, output
    counts = site.python("""
import json
from search.models import QueryLogEntry
print(json.dumps(sum(QueryLogEntry.objects.filter(query="义务教育法").values_list("searches", flat=True))))
""")
    assert counts == 5, "one search counted by the application, four by Varnish's log"
