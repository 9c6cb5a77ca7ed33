"""Browser tests: Debian's Chromium driven by Playwright against the live test server.

One browser per test session (per xdist worker); every wait is bounded. The set-up installs
Chromium (`make test-tools`), never a downloaded browser build.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from motcua.catalog import packaged
from motcua.catalog.services import import_catalog
from motcua.geography.models import AdministrativeUnit
from motcua.geography.services import load_reference_data

CHROMIUM = Path("/usr/bin/chromium")
# STACK.md §10: no sandbox (root), no GPU, and nothing that calls out to the network.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WAIT_MS = 15_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _load_reference_data() -> None:
    if not AdministrativeUnit.objects.exists():
        load_reference_data("01")
        import_catalog(packaged.packaged_records())


@pytest.fixture(scope="module", autouse=True)
def _restore_reference_data(django_db_blocker):
    """The live server needs committed data, so these tests empty the database after each;
    put Hanoi and the catalog back for the tests that follow."""
    yield
    with django_db_blocker.unblock():
        _load_reference_data()


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make test-tools` installs Debian's chromium")
    # Playwright's sync API keeps an event loop in this thread; Django's guard against ORM calls
    # from async code would refuse the test's own (synchronous) database work.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def site(transactional_db, live_server, settings):
    """The live server, with the reference data, and the sandbox identity provider in it."""
    _load_reference_data()
    issuer = f"{live_server.url}/sandbox-idp"
    settings.MOTCUA_OIDC_ISSUER = issuer
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/jwks"
    settings.MOTCUA_PUBLIC_URL = live_server.url
    return live_server.url


@pytest.fixture
def people(browser, site):
    """Make fresh people (their own cookies, a phone-sized window, Vietnamese first); their
    windows close before the live server stops."""
    contexts = []

    def new_page() -> Page:
        context = browser.new_context(
            viewport=PHONE, locale="vi-VN", accept_downloads=True, bypass_csp=True
        )  # bypass_csp: axe-core is injected into pages that forbid inline scripts
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()
