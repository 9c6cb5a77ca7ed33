"""Signed-in browser sessions for the monitoring pages (the month: tests/builders/month.py)."""

from django.test import Client

import pytest


@pytest.fixture
def client_for_official():
    """Return a maker of signed-in browser sessions for officials."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make
