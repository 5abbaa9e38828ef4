"""Fixtures shared by the browser quality gate and the journeys."""

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
        yield browser
        browser.close()
