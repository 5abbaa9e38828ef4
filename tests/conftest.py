"""Fixtures shared by the browser quality gate and the journeys."""

import contextlib

import django.utils.asyncio as django_asyncio
import pytest

from tests.services import CHROMIUM, CHROMIUM_ARGS, missing_browser, require


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, one for the whole session: Playwright's sync API
    allows one driver per process, so the gate and the journeys share it."""
    require(missing_browser(), "TESTS IN CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        with _playwright_loop_is_not_async_code(browser._loop):
            yield browser
        browser.close()


@contextlib.contextmanager
def _playwright_loop_is_not_async_code(loop):
    """Between its calls Playwright's sync API leaves its event loop marked as
    running in this thread, and Django's async-safety check then refuses every
    database connection opened later in this worker (the test database
    itself, when a browser test came first) as if called from async code.
    While Chromium runs, the check ignores that one loop; any other running
    loop still trips it. (DJANGO_ALLOW_ASYNC_UNSAFE would switch the check
    off, and leak into every subprocess the tests start.)"""
    original = django_asyncio.get_running_loop

    def get_running_loop():
        running = original()
        if running is loop:
            raise RuntimeError("Playwright's loop: no async code is running")
        return running

    django_asyncio.get_running_loop = get_running_loop
    try:
        yield
    finally:
        django_asyncio.get_running_loop = original
