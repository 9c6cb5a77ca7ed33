"""Shared fixtures: Hanoi's reference data and the packaged catalog, loaded once per test run,
and the fixtures test packages share (the wards' officials, the centre, the monitored month, the
sandbox identity provider); the plain helpers are in tests/builders."""

import subprocess
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

import pytest
import time_machine
from rest_framework.test import APIClient

from motcua.catalog import packaged
from motcua.catalog.joint import load_joint_groups
from motcua.catalog.services import import_catalog
from motcua.documents import pki
from motcua.geography.services import load_reference_data
from motcua.identity.services import create_official
from motcua.monitoring import services as monitoring
from tests.builders.dossiers import WARD_A, WARD_B, WARD_C, Ward, make_ward
from tests.builders.month import Month, at, build_month
from tests.builders.papers import tool
from tests.builders.reference import reload_reference_data

# Two suites that check what does not depend on the database run on one of the two only, so
# that CI (the suite on SQLite, then on PostgreSQL) stays under 15 minutes: the browser tests
# (pages, scripts, accessibility) on SQLite, schemathesis over the API on PostgreSQL (where the
# NUL-character 500s were found).
ONCE = {"tests/browser/": "sqlite", "tests/api/test_schemathesis.py": "postgresql"}


def pytest_collection_modifyitems(config, items):
    vendor = "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
    for item in items:
        for prefix, runs_on in ONCE.items():
            if item.nodeid.startswith(prefix) and vendor != runs_on:
                reason = f"runs once per CI, on {runs_on} (tests/conftest.py ONCE)"
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session", autouse=True)
def _quick_password_hashing():
    """Hash the tests' passwords with a quick hasher (PBKDF2 costs 0.4 s a password here);
    PBKDF2 stays second so that a password set by a command still verifies."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real reference data and catalog into the test database once."""
    with django_db_blocker.unblock():
        load_reference_data("01")
        import_catalog(packaged.packaged_records())
        load_joint_groups()


@pytest.fixture(scope="session", autouse=True)
def _files_in_a_temporary_place(tmp_path_factory):
    """Keep uploads, issued PDFs and the demo CA of a test run out of the project's var/."""
    place = tmp_path_factory.mktemp("var")
    saved = settings.MEDIA_ROOT, settings.MOTCUA_PKI_DIR, settings.MOTCUA_ASSISTANT_INDEX_DIR
    settings.MEDIA_ROOT, settings.MOTCUA_PKI_DIR = place / "media", place / "pki"
    settings.MOTCUA_ASSISTANT_INDEX_DIR = place / "assistant-index"
    yield
    settings.MEDIA_ROOT, settings.MOTCUA_PKI_DIR, settings.MOTCUA_ASSISTANT_INDEX_DIR = saved


@pytest.fixture
def api(db) -> APIClient:
    return APIClient()


@pytest.fixture
def admin_client_vi(db, client, django_user_model):
    """A signed-in superuser's browser session."""
    user = django_user_model.objects.create_superuser("boss", "boss@example.invalid", "pw-12345")
    client.force_login(user)
    return client


@pytest.fixture
def citizen(db):
    return get_user_model().objects.create_user("citizen", password="x")


@pytest.fixture
def coordinator(db):
    return create_official("coord", role="coordinator")


@pytest.fixture(autouse=True)
def _results_at_the_counter(settings):
    """Most tests file with the result collected at the counter: the results-by-post rule of
    2026 (catalog.results) is off unless a test turns it on (tests/delivery)."""
    settings.MOTCUA_RESULTS_BY_POST_FROM = ""


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Each test reads the centre's calendar as its own database holds it (rows a test added
    are rolled back with it)."""
    from motcua.workcalendar import store

    store.forget()
    yield
    store.forget()


@pytest.fixture(autouse=True)
def _kept_values_read_afresh(request, monkeypatch):
    """Tests write fee rules, subscriptions, memberships and reference rows directly (`update`,
    which moves no version stamp): they read them afresh. Keeping (core.kept) is tested where a
    test asks for it (`@pytest.mark.kept_values`)."""
    from motcua.core import kept

    if request.node.get_closest_marker("kept_values") is None:
        monkeypatch.setattr(kept, "ENABLED", False)


@pytest.fixture(autouse=True)
def _published_versions_read_afresh(request, monkeypatch):
    """Tests write published versions directly (an `update` to make a procedure same-day or
    its fee unverified), which production never does (DOMAIN C2): they read them afresh. The
    process cache of published versions is tested where a test asks for it
    (`@pytest.mark.version_cache`)."""
    from motcua.catalog import selectors

    selectors.forget_versions()
    if request.node.get_closest_marker("version_cache") is None:
        monkeypatch.setattr(selectors, "_VERSIONS_MAX", 0)
    yield
    selectors.forget_versions()


@pytest.fixture
def ward_a(db) -> Ward:
    return make_ward(WARD_A)


@pytest.fixture
def ward_b(db) -> Ward:
    return make_ward(WARD_B)


@pytest.fixture
def ward_c(db) -> Ward:
    return make_ward(WARD_C)


@pytest.fixture
def client_for_official():
    """Return a maker of signed-in browser sessions for officials (the workspace's pages)."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def centre(db):
    return create_official("dieuphoi", role="coordinator")


@pytest.fixture
def month(db) -> Month:
    """The month, counted into the rollups by the worker's job on Thu 19/11/2026 at 16:00."""
    built = build_month()
    with time_machine.travel(at(19, 16), tick=False):
        monitoring.refresh_until_current()
    return built


@pytest.fixture(scope="module")
def reference_data_restored(django_db_blocker):
    """A live server needs committed data, so its tests run outside a rolled-back transaction
    and the database is emptied after each; put Hanoi and the catalog back for the next tests
    (a module uses it with `pytestmark = pytest.mark.usefixtures("reference_data_restored")`)."""
    yield
    with django_db_blocker.unblock():
        reload_reference_data()


@pytest.fixture
def idp(transactional_db, live_server, settings):
    """Point the portal at the sandbox provider served by the live server."""
    reload_reference_data()
    issuer = f"{live_server.url}/sandbox-idp"
    settings.MOTCUA_OIDC_ISSUER = issuer
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/jwks"
    return live_server.url


@pytest.fixture
def nss_trusting_demo_root(tmp_path) -> Path:
    """An NSS certificate database in which the demo root CA is a trusted signing root."""
    certutil = tool("certutil")
    database = tmp_path / "nss"
    database.mkdir()
    subprocess.run(
        [certutil, "-N", "-d", f"sql:{database}", "--empty-password"], check=True, timeout=30
    )
    root = pki.trust_root_files()[0]
    subprocess.run(
        [certutil, "-A", "-d", f"sql:{database}", "-n", "demo-root", "-t", "C,C,C", "-i", root],
        check=True,
        timeout=30,
    )
    return database
