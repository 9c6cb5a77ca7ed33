"""While the database cannot be reached, clients are told to retry (503, Retry-After), never 500."""

from django.db import OperationalError
from django.test import Client

import pytest


def _unreachable(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1:5432 failed: Connection refused")


@pytest.fixture
def database_down(monkeypatch):
    monkeypatch.setattr("motcua.geography.selectors.units", _unreachable)
    monkeypatch.setattr("motcua.catalog.selectors.fields_in_use", _unreachable)


def test_the_api_answers_503_in_its_error_shape(api, database_down):
    response = api.get("/api/v1/units/", HTTP_ACCEPT_LANGUAGE="vi")
    error = response.json()["error"]

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert error["code"] == "service_unavailable"
    assert error["message"] == "Hệ thống tạm thời gián đoạn. Vui lòng thử lại sau giây lát."
    assert (
        error["message_en"] == "The service is briefly unavailable. Please try again in a moment."
    )


def test_a_page_answers_503_in_vietnamese(db, database_down):
    client = Client(raise_request_exception=False)
    response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Vui lòng thử lại sau giây lát" in response.content.decode()
