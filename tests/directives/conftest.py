"""The wards' fixtures and signed-in sessions for officials (as in tests/monitoring)."""

from django.test import Client

import pytest

from tests.dossiers import conftest as dossier_fixtures

ward_a, ward_b, ward_c = dossier_fixtures.ward_a, dossier_fixtures.ward_b, dossier_fixtures.ward_c


@pytest.fixture
def client_for_official():
    """Return a maker of signed-in browser sessions for officials."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make
