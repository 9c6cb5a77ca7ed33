"""Browser tests: Debian's Chromium driven by Playwright against the live test server.

One browser per test session (per xdist worker); every wait is bounded. The set-up installs
Chromium (`make test-tools`), never a downloaded browser build.
"""

import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.cache import caches
from django.db import connections

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.checks import PHONE, WAIT_MS

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


@pytest.fixture(scope="module", autouse=True)
def _restore_reference_data(reference_data_restored):
    """The live-server tests of every module here put Hanoi and the catalog back after them."""


@pytest.fixture
def site(request, settings, live_server):
    """The live server with the reference data and the sandbox identity provider in it; the
    documents it issues point back at it. Each test starts with no rate counted against the
    browser's address (the chat box allows 20 questions a minute; a test file asks as many)."""
    caches["shared"].clear()
    base = request.getfixturevalue("idp")
    settings.MOTCUA_PUBLIC_URL = base
    with _sharing_this_connection(live_server):
        yield base


@contextmanager
def _sharing_this_connection(live_server):
    """Serve from the test's own in-memory SQLite connection.

    pytest-django's live server lives for the whole session and shares the connection of the
    test that started it. Playwright runs the tests in a greenlet of their own, where Django sees
    another connection: two connections to one shared in-memory database lock each other's
    tables. PostgreSQL needs nothing of this (no override).
    """
    override = live_server.thread.connections_override  # the request threads read this dict
    mine = connections["default"]
    shared = override.get("default")
    if shared is None or shared is mine:
        yield
        return
    mine.inc_thread_sharing()
    override["default"] = mine
    try:
        yield
    finally:
        # A request still in flight (a keep-alive connection the browser closes as its window
        # does) closes this connection when it ends: let it end before the sharing does, or
        # its thread raises (PytestUnhandledThreadExceptionWarning) on another thread's
        # connection.
        _wait_for_request_threads()
        override["default"] = shared
        mine.dec_thread_sharing()


def _wait_for_request_threads(timeout: float = 10.0) -> None:
    """Wait (bounded) for the live server's request threads (socketserver names them after
    `process_request_thread`) to finish."""
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name and thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))


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
