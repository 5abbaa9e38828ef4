"""Fixtures of the browser quality gate: the site served by gunicorn on a
free loopback port from a fresh database with the demo content, and
Debian's Chromium driven by Playwright."""

import json
from pathlib import Path

import pytest

from tests.livesite import LiveSite
from tests.services import mark_folder, require

from . import gate

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


# tryfirst: before pytest-xdist reads the xdist_group marks (--dist loadgroup).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    mark_folder(items, "browser", "browser")


@pytest.fixture(scope="session")
def gate_tools():
    require(gate.missing_tools(), "BROWSER QUALITY GATE")


@pytest.fixture(scope="session")
def gate_site(gate_tools, tmp_path_factory):
    """The demo site, served by gunicorn like production."""
    site = LiveSite(tmp_path_factory.mktemp("browser-site"), job_worker=False).build().start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def live_site(gate_site):
    """Base URL of the served demo site."""
    return gate_site.base


@pytest.fixture(scope="session")
def page_samples(gate_site):
    return json.loads(gate_site.manage("sample_pages").strip().splitlines()[-1])


@pytest.fixture(scope="session")
def on_request_urls(gate_site):
    """The application form, the confirmation and the tracking page (empty,
    with an answered case and with a correction to make) of 依申请公开."""
    return [tuple(pair) for pair in json.loads(gate_site.manage("on_request_sample_urls").strip().splitlines()[-1])]


@pytest.fixture(scope="session")
def public_urls(page_samples, on_request_urls):
    """(name, path) of every page type, the search page (empty and with
    results), the 404 page, the catchment finder and zone list, the pages
    of 依申请公开, each also in English."""
    urls = [(sample["type"], sample["url"]) for sample in page_samples["pages"]]
    urls += [
        ("search", "/search/"),
        ("search-results", "/search/?q=%E6%8B%9B%E7%94%9F"),
        ("search-filtered", "/search/?q=%E6%8B%9B%E7%94%9F&type=enrolmentzonepage&sort=date&page=2"),
        ("search-no-results", "/search/?q=%E5%88%92%E9%AA%97"),
        ("404", "/no-such-page/"),
    ]
    urls += catchment_urls()
    urls += on_request_urls
    return urls + [(f"{name} (en)", "/en" + path) for name, path in urls]


def catchment_urls():
    """The finder (empty, an exact match, candidates, no match, an error) and the zone list, on the demo zones."""
    from urllib.parse import urlencode

    def finder(address, year):
        return "/catchment/?" + urlencode({"address": address, "year": year})

    return [
        ("finder", "/catchment/"),
        ("finder-exact", finder("遂宁市船山区铁货街12号", 2017)),
        ("finder-candidates", finder("衡阳市金果路8号", 2018)),
        ("finder-no-match", finder("不存在路1号", 2018)),
        ("finder-error", finder("", 2018)),
        ("zone-list", "/catchment/zones/"),
        ("zone-list-filtered", "/catchment/zones/?year=2017&stage=primary"),
    ]


@pytest.fixture(scope="session")
def browser(gate_tools, chromium):
    return chromium


def _checked_page(context):
    """A page of `context` whose Content-Security-Policy violations fail the test."""
    page = context.new_page()
    violations = gate.watch_csp(page)
    yield page
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def desktop(browser):
    yield from _checked_page(browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN"))


@pytest.fixture(params=[375, 320], ids=lambda width: f"{width}px")
def phone(browser, request):
    yield from _checked_page(
        browser.new_context(
            viewport={"width": request.param, "height": 740},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="zh-CN",
        )
    )
