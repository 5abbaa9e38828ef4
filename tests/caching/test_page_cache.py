"""The application's page cache, through HTTP: anonymous GET and HEAD of
every public page type answered from the cache, with validators and
conditional requests; nothing personal, private, erroneous or cookie-setting
ever stored or served from it."""

import re
import time
from datetime import UTC

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.http import http_date
from wagtail.models import Page, PageViewRestriction

from core import generation
from disclosure.models import PAGE_MODELS, CatalogueItemPage, EnrolmentZonePage, PolicyDocumentPage
from disclosure.tests.helpers import policy

pytestmark = pytest.mark.django_db

FINDER = "/catchment/?address=%E9%81%82%E5%AE%81%E5%B8%82%E8%88%B9%E5%B1%B1%E5%8C%BA%E9%93%81%E8%B4%A7%E8%A1%9712%E5%8F%B7&year=2017"
SEARCH = "/search/?q=%E6%8B%9B%E7%94%9F"


def public_urls():
    """One URL of every public page type, the finder with an address, the
    zone list and a search."""
    from home.models import GuidePage, HomePage

    pages = [HomePage, *PAGE_MODELS, GuidePage]
    urls = [model.objects.live().order_by("path").first().url for model in pages]
    return [*urls, FINDER, "/catchment/zones/", SEARCH, "/en/catalogue/"]


def status(response):
    return response.get("X-App-Cache")


def test_every_public_page_type_is_served_from_the_cache():
    client = Client()
    for url in public_urls():
        first = client.get(url)
        assert first.status_code == 200, url
        assert status(first) == "miss", url
        second = client.get(url)
        assert status(second) == "hit", url
        assert second.content == first.content, url
        head = client.head(url)
        assert head.status_code == 200 and status(head) == "hit" and head.content == b"", url


def test_cached_pages_carry_validators_and_answer_conditional_requests():
    client = Client()
    url = CatalogueItemPage.objects.get(title="招生范围").url
    time.sleep(max(0.0, generation.current().modified + 1 - time.time()))  # Last-Modified: once its second is over
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert re.fullmatch(r'"[0-9a-f]{40}"', etag)
    assert first["Cache-Control"] == "max-age=0, must-revalidate"
    assert re.fullmatch(r"max-age=\d+", first["Surrogate-Control"])
    assert first["X-Content-Generation"] == str(generation.current().number)

    for validator in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": last_modified}):
        not_modified = client.get(url, **validator)
        assert not_modified.status_code == 304 and not_modified.content == b""
        assert not_modified["ETag"] == etag and status(not_modified) == "hit"

    policy(parent=CatalogueItemPage.objects.get(title="招生范围"), title="新的招生通知")  # a change
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "新的招生通知" in changed.content.decode()
    assert changed["ETag"] != etag
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert since.status_code == 200, "a client holding the older copy is never told it is current"
    time.sleep(max(0.0, generation.current().modified + 1 - time.time()))
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


def test_a_miss_answers_the_conditional_request_too():
    url = "/guide/"
    etag = Client().get(url)["ETag"]
    generation.bump()  # a new generation, the same content: a miss with the same ETag
    response = Client().get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and status(response) == "miss"


def test_keys_name_the_language_and_the_full_query_string():
    client = Client()
    chinese, english = client.get("/catalogue/"), client.get("/en/catalogue/")
    assert chinese["Content-Language"] == "zh-hans" and english["Content-Language"] == "en"
    assert 'lang="zh-Hans"' in chinese.content.decode()[:200] and 'lang="en"' in english.content.decode()[:200]
    assert status(client.get("/en/catalogue/")) == "hit"
    assert client.get("/catalogue/").content == chinese.content
    # Accept-Language does not change a language-prefixed page: one entry for all.
    assert status(client.get("/catalogue/", HTTP_ACCEPT_LANGUAGE="en")) == "hit"
    assert "Accept-Language" not in chinese.get("Vary", "")

    item = CatalogueItemPage.objects.get(title="招生范围").url
    year = str(EnrolmentZonePage.objects.live().first().first_published_at.year)
    for query in ("", f"?year={year}", f"?year={year}&page=1", "?page=1", "?year=abc"):
        response = client.get(item + query)
        assert status(response) == "miss", query
        assert status(client.get(item + query)) == "hit", query


@override_settings(ROOT_URLCONF="tests.caching.urls")
@pytest.mark.parametrize(
    "path",
    [
        "/cache-test/cookie/",
        "/cache-test/session/",
        "/cache-test/never-cache/",
        "/cache-test/private/",
        "/cache-test/no-store/",
        "/cache-test/vary-cookie/",
        "/cache-test/csrf/",
        "/cache-test/error/",
    ],
    ids=["set-cookie", "session", "never-cache", "private", "no-store", "vary-cookie", "csrf-form", "error"],
)
def test_responses_the_cache_must_never_keep(path):
    first, second = Client().get(path), Client().get(path)
    assert status(first) == status(second) == "skip"
    assert first.content != second.content, "rendered again, not served from the cache"
    assert "Surrogate-Control" not in second and "X-Content-Generation" not in second


@override_settings(ROOT_URLCONF="tests.caching.urls")
def test_a_views_own_shorter_lifetime_is_kept_and_cached_views_repeat():
    client = Client()
    first = client.get("/cache-test/one-minute/")
    second = client.get("/cache-test/one-minute/")
    assert status(second) == "hit" and second.content == first.content
    assert int(second["Surrogate-Control"].split("=")[1]) <= 60
    counted = client.get("/cache-test/counted/")
    assert client.get("/cache-test/counted/").content == counted.content


def test_nothing_is_cached_for_logged_in_users_and_they_never_get_a_cached_page(admin_client):
    url = "/catalogue/"
    anonymous = Client().get(url)
    assert status(anonymous) == "miss"
    for _ in range(2):
        response = admin_client.get(url)
        assert response.status_code == 200 and status(response) is None
        assert "X-Content-Generation" not in response
    assert status(Client().get(url)) == "hit"


def test_personal_cookies_and_authorization_bypass_the_cache():
    url = "/catalogue/"
    Client().get(url)
    with_messages = Client()
    with_messages.cookies["messages"] = "pending"
    assert status(with_messages.get(url)) is None
    with_session = Client()
    with_session.cookies["sessionid"] = "no-such-session"
    assert status(with_session.get(url)) is None
    assert status(Client().get(url, HTTP_AUTHORIZATION="Basic eDp5")) is None
    other = Client()
    other.cookies["csrftoken"] = "x" * 32  # left by a visit to a form: not personal
    assert status(other.get(url)) == "hit"


def test_admin_urls_previews_and_apis_are_not_cached(admin_client):
    page = PolicyDocumentPage.objects.live().first()
    for url in [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
    ]:
        assert status(admin_client.get(url)) is None
    for url in ["/api/search/?q=%E6%8B%9B%E7%94%9F", "/api/catchment/?address=x", "/admin/login/"]:
        assert status(Client().get(url)) is None


def test_view_restricted_pages_are_never_cached():
    page = policy(title="内部通知")
    for kind in (PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, password="secret")
        for _ in range(2):
            response = Client().get(page.url)
            assert status(response) == "skip" if response.status_code == 200 else status(response) in ("skip", None)
            assert "内部通知" not in response.content.decode() or kind == PageViewRestriction.PASSWORD
        restriction.delete()


def test_errors_are_not_cached():
    for _ in range(2):
        response = Client().get("/no-such-page/")
        assert response.status_code == 404 and status(response) == "skip"


def test_public_pages_give_anonymous_visitors_no_cookie_and_no_csrf_token():
    """Cached pages are the same for every visitor: no CSRF token, no
    cookie. The search box, the language switch, the year filter and the
    finder are GET forms."""
    for url in [*public_urls(), "/catchment/"]:
        response = Client().get(url)
        html = response.content.decode()
        assert not response.cookies, url
        assert "csrfmiddlewaretoken" not in html, url
        assert not re.search(r'<form[^>]+method="post"', html, re.I), url


def test_cache_lifetimes_end_at_the_next_scheduled_change():
    soon = policy(title="即将到期的通知")
    moment = time.time() + 120
    from datetime import datetime

    Page.objects.filter(pk=soon.pk).update(expire_at=datetime.fromtimestamp(moment, UTC))
    generation.bump()  # the update above sent no signal
    response = Client().get("/catalogue/")
    assert int(response["Surrogate-Control"].split("=")[1]) <= 120
    assert generation.current().next_change <= moment * 1e6 + 1


def test_last_modified_is_the_second_of_the_change_once_it_is_over():
    generation.bump()
    state = generation.current()
    assert state.modified == int(time.time()) or state.modified == int(time.time()) - 1
    response = Client().get("/guide/")
    if time.time() < state.modified + 1:
        assert "Last-Modified" not in response
    time.sleep(max(0.0, state.modified + 1 - time.time()))
    assert Client().get("/guide/")["Last-Modified"] == http_date(state.modified)


def test_a_user_logged_in_sees_the_user_bar_and_anonymous_visitors_never_do(admin_client):
    url = CatalogueItemPage.objects.get(title="招生范围").url
    Client().get(url)
    assert "wagtail-userbar" in admin_client.get(url).content.decode()
    assert "wagtail-userbar" not in Client().get(url).content.decode()


def test_a_user_with_a_session_is_never_shown_a_page_cached_for_someone_else():
    user = get_user_model().objects.create_user("reader", "reader@example.invalid", "pw")
    client = Client()
    client.force_login(user)
    url = "/guide/"
    Client().get(url)
    response = client.get(url)
    assert status(response) is None


# ---- the WSGI fast path (caching.wsgi): hits answered before Django ---------------


class Spy:
    """The Django application behind the fast path, counting its calls."""

    def __init__(self):
        from django.core.wsgi import get_wsgi_application

        self.application = get_wsgi_application()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.application(environ, start_response)


def wsgi_get(application, path, **extra):
    from urllib.parse import unquote_to_bytes

    from django.test import RequestFactory

    path, _, query = path.partition("?")
    path = unquote_to_bytes(path).decode("iso-8859-1")  # PATH_INFO as WSGI servers give it
    environ = RequestFactory()._base_environ(PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD="GET", **extra)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    # As Django's test client does: the request's end must not close the
    # test's database connection (on PostgreSQL it holds the test's transaction).
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


def test_the_fast_path_answers_hits_without_django_and_exactly_as_the_middleware():
    from caching.wsgi import PageCacheApplication

    spy = Spy()
    application = PageCacheApplication(spy)
    for url in public_urls():
        line, headers, body = wsgi_get(application, url)  # a miss: Django renders and stores
        assert line == "200 OK" and headers["X-App-Cache"] == "miss", url
        calls = spy.calls
        line, fast_headers, fast_body = wsgi_get(application, url)
        assert spy.calls == calls, f"{url}: Django was asked"
        assert line == "200 OK" and fast_headers["X-App-Cache"] == "hit" and fast_body == body, url
        middleware_hit = Client().get(url)
        assert status(middleware_hit) == "hit" and middleware_hit.content == fast_body
        for name in ("ETag", "Cache-Control", "Content-Type", "Content-Language", "X-Content-Generation"):
            assert fast_headers[name] == middleware_hit[name], (url, name)


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "messages=abc"},
        {"HTTP_AUTHORIZATION": "Basic eDp5"},
        {"HTTP_IF_NONE_MATCH": '"x"'},
        {"HTTP_HOST": "not-allowed.example"},
    ],
    ids=["session", "messages", "authorization", "conditional", "bad-host"],
)
def test_the_fast_path_leaves_everything_else_to_django(extra, settings):
    from caching.wsgi import PageCacheApplication

    settings.ALLOWED_HOSTS = ["testserver"]
    spy = Spy()
    application = PageCacheApplication(spy)
    wsgi_get(application, "/catalogue/")
    calls = spy.calls
    wsgi_get(application, "/catalogue/", **extra)
    assert spy.calls == calls + 1


def test_after_a_change_the_fast_path_misses():
    from caching.wsgi import PageCacheApplication

    spy = Spy()
    application = PageCacheApplication(spy)
    item = CatalogueItemPage.objects.get(title="招生范围")
    wsgi_get(application, item.url)
    policy(parent=item, title="快速路径之后的通知")
    _status, headers, body = wsgi_get(application, item.url)
    assert headers["X-App-Cache"] == "miss" and "快速路径之后的通知" in body.decode()


# ---- main's features: security headers, on-request disclosure, jobs, logins ----

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


@pytest.mark.parametrize("url", ["/", "/catalogue/", FINDER, SEARCH, "/en/catalogue/"])
def test_a_cached_page_carries_the_same_security_headers_as_a_fresh_one(url, settings):
    """The public CSP has no nonce (nothing per request), so the stored
    headers are exactly those of a fresh render."""
    miss, hit = Client().get(url), Client().get(url)
    assert (status(miss), status(hit)) == ("miss", "hit")
    settings.PAGE_CACHE = {"ENABLED": False}
    uncached = Client().get(url)  # a new client loads the middleware with the cache off
    assert status(uncached) is None
    for name in SECURITY_HEADERS:
        assert hit.get(name) and hit[name] == miss[name] == uncached[name], name
    assert "nonce" not in hit["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/yishenqing/", "/yishenqing/submitted/", "/yishenqing/track/"])
def test_on_request_pages_with_their_csrf_forms_are_never_cached(url):
    first, second = Client().get(url), Client().get(url)
    assert first.status_code in (200, 302) and status(first) == status(second) == "skip"
    assert "no-store" in second["Cache-Control"] and "private" in second["Cache-Control"]
    assert "Surrogate-Control" not in second and "X-Content-Generation" not in second


def test_what_applicants_send_and_failed_logins_leave_the_caches_alone():
    """A visitor cannot empty the caches: an on-request application (the
    public form) and a failed login (django-axes records it) move no content
    generation; the cached home page stays a hit."""
    from django.core.cache import cache
    from wagtail.models import Site

    from on_request.models import Application, OnRequestSettings
    from on_request.tests.helpers import form_data

    cache.clear()  # the form's rate limits
    OnRequestSettings.for_site(
        Site.objects.get(is_default_site=True)
    )  # the row a running site has (created on first use)
    Client().get("/"), Client().get("/")
    before = generation.current().key
    response = Client().post("/yishenqing/", form_data())
    assert response.status_code == 302 and Application.objects.exists()
    login = Client().post("/admin/login/", {"username": "nobody", "password": "wrong"})
    assert login.status_code == 200
    assert generation.current().key == before
    assert status(Client().get("/")) == "hit"


@override_settings(ROOT_URLCONF="tests.caching.debug_urls", DEBUG=True)
def test_the_development_servers_urls_with_repeated_group_names_are_served_and_cached():
    """`make run` serves media through two patterns that name the same group:
    the cache's list of excluded URLs must not break on them (it once made
    every request of the development server answer 500)."""
    first = Client().get("/catalogue/")
    assert first.status_code == 200 and status(first) == "miss"
    assert status(Client().get("/catalogue/")) == "hit"
    media = Client().get(f"{django_settings.MEDIA_URL}images/missing.png")
    assert media.status_code == 404 and "X-App-Cache" not in media
