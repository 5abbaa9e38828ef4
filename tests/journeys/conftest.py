"""The journey harness: the demo site of `make run` (with its demo accounts)
served by gunicorn from a fresh database — a new SQLite file, or a new
PostgreSQL database when the suite runs on PostgreSQL — and Debian's
Chromium driven by Playwright, one browser context per person.

    def test_something(people):
        editor = people.log_in("editor-jichu")       # through the real login page
        editor.goto("/admin/pages/")
        visitor = people.anonymous(phone=True)      # 375 × 812, zh-CN

Every page of every person fails the test on a JavaScript error, a console
error (a Content-Security-Policy violation, a resource that did not load)
or an HTTP 5xx answer. A failing journey leaves a screenshot of each
person's page in test-artifacts/journeys/.

Journeys change the site (they publish, submit, upload); each journey
creates what it needs under titles of its own and must not depend on
another journey having run."""

import re
from pathlib import Path

import pytest

from tests.livesite import LiveSite
from tests.services import CSP_VIOLATION_LISTENER, mark_folder, missing_browser, require

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "journeys"
DEMO_PASSWORD = "local-demo-only"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


# tryfirst: before pytest-xdist reads the xdist_group marks (--dist loadgroup).
# The review journeys take about as long as all the others: they are a group
# of their own, so that the two workers share the journeys (each with a site).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    mark_folder(items, "journeys", "journey", groups={"test_review_journeys.py": "journey-review"})


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def journey_tools():
    require(missing_browser(), "JOURNEY TESTS")


@pytest.fixture(scope="session")
def journey_site(journey_tools, tmp_path_factory):
    """The demo site with its demo accounts, served like production."""
    site = LiveSite(tmp_path_factory.mktemp("journey-site"), postgres=True, demo_accounts=True).build().start()
    yield site
    site.stop()


def follow(page, locator):
    """Click something that loads a new page, and wait until that page has
    loaded: reading the page straight after a click reads whatever has
    arrived of the next one so far (or still the old one). Waits for the new
    document's load event, not for any navigation: Playwright counts a
    script's history.replaceState as one (Wagtail's autosave does that when
    it has created the page), and moving on then would abandon the click's
    request."""
    with page.expect_event("load"):
        locator.click()


def add_block(page, stream, block_type=None):
    """Add a block to a StreamField (`stream`, its container) the way an
    editor does — 插入内容块, then the block type when the stream has more
    than one — and wait until the new block has finished sliding in. Wagtail
    opens a new block with jQuery's slideDown (400 ms), moving everything
    below it; a click during the slide can press on one element and release
    on another, and that is no click at all (seen: 添加列 pressed, the
    table's caption released, no column menu)."""
    blocks = "[data-streamfield-child]"
    shown = "(blocks) => blocks.filter((block) => block.offsetHeight > 0).length"
    before = stream.locator(blocks).evaluate_all(shown)
    stream.locator("button.c-sf-add-button").first.click()
    if block_type is not None:
        page.get_by_role("option", name=block_type).click()
    # The new block is hidden for a moment, then slides open: done when one
    # more block shows and nothing moves any more.
    page.wait_for_function(
        f"""([stream, before]) =>
            ({shown})([...stream.querySelectorAll({blocks!r})]) > before && window.jQuery(":animated").length === 0""",
        arg=[stream.element_handle(), before],
    )


class Person:
    """One person at one browser: a Playwright context and its page, with
    everything that went wrong on it collected."""

    def __init__(self, browser, site, name, *, phone=False, locale="zh-CN"):
        self.site = site
        self.name = name
        options = {"viewport": PHONE if phone else DESKTOP, "locale": locale}
        if phone:
            options.update(device_scale_factor=2, is_mobile=True, has_touch=True)
        self.context = browser.new_context(base_url=site.base, accept_downloads=True, **options)
        # CI runs the two journey groups at once, each with its own Chromium and
        # site, on two cores: a first admin page there has taken over 20 s.
        self.context.set_default_timeout(45_000)
        self.context.add_init_script(CSP_VIOLATION_LISTENER)
        self.page = self.context.new_page()
        self.problems = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))
        self.page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def _response(self, response):
        if response.status >= 500:
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def goto(self, path, expect_status=200):
        response = self.page.goto(path if path.startswith("http") else self.site.url(path))
        if expect_status is not None:
            assert response is not None and response.status == expect_status, (
                f"{self.name}: {path} answered {response.status if response else 'nothing'}, not {expect_status}"
            )
        return response

    def follow(self, locator):
        follow(self.page, locator)

    def log_in(self, username, password=DEMO_PASSWORD):
        """Through the admin's own login page, as a person would."""
        self.goto("/admin/login/")
        self.page.get_by_label(re.compile("用户名|Username")).fill(username)
        self.page.get_by_label(re.compile("密码|Password")).fill(password)
        self.page.get_by_role("button", name=re.compile("登录|Sign in")).click()
        self.page.wait_for_url(re.compile(r"/admin/(?!login)"))
        return self

    def screenshot(self, label):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^\w.-]+", "-", label)
        self.page.screenshot(path=str(ARTIFACTS / f"{safe}.png"), full_page=True)

    def close(self):
        self.context.close()


class People:
    def __init__(self, browser, site):
        self.browser = browser
        self.site = site
        self.everyone = []

    def anonymous(self, *, phone=False, locale="zh-CN", name="visitor"):
        person = Person(self.browser, self.site, name, phone=phone, locale=locale)
        self.everyone.append(person)
        return person

    def log_in(self, username, *, phone=False, locale="zh-CN", password=DEMO_PASSWORD):
        return self.anonymous(phone=phone, locale=locale, name=username).log_in(username, password)


@pytest.fixture
def people(journey_tools, chromium, journey_site, request):
    crowd = People(chromium, journey_site)
    yield crowd
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    problems = []
    for person in crowd.everyone:
        if failed:
            person.screenshot(f"{request.node.name}-{person.name}")
        problems.extend(f"{person.name}: {problem}" for problem in person.problems)
        person.close()
    assert not problems, "What went wrong in the browser:\n" + "\n".join(problems)
