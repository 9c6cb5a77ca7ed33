from django.test import Client

import pytest

from tests.dossiers.conftest import ward_a, ward_b, ward_c  # noqa: F401


@pytest.fixture
def client_for_official():
    """Return a maker of signed-in browser sessions for officials."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make
