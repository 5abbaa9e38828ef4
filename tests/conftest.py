"""Fixtures shared by the browser quality gate and the journeys."""

import os

import pytest

from tests.services import CHROMIUM, CHROMIUM_ARGS, missing_browser, require


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, one for the whole session: Playwright's sync API
    allows one driver per process, so the gate and the journeys share it."""
    require(missing_browser(), "TESTS IN CHROMIUM")
    from playwright.sync_api import sync_playwright

    # Between its calls Playwright's sync API leaves its event loop marked as
    # running in this thread; Django then refuses every database connection
    # opened later in this worker (the test database itself, when a browser
    # test came first) as if it were called from async code. Nothing in this
    # project is async: the check is off while Chromium runs.
    unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if unsafe is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = unsafe
