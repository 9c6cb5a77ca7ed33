"""Rate limits on the public endpoints: tracking, uploads, verification (and complaints' scope)."""

from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from motcua.documents.pdf import blank_pdf
from tests.builders.dossiers import ID_NUMBER, client_for, file_dossier


@pytest.fixture
def rate(settings):
    """Set one scope's rate for the test."""

    def set_rate(scope: str, value: str) -> None:
        rates = {**django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], scope: value}
        settings.REST_FRAMEWORK = {
            **django_settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": rates,
        }

    return set_rate


def assert_throttled_in_both_languages(response) -> None:
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert "Quá nhiều yêu cầu" in error["message"]
    assert "Too many requests" in error["message_en"]


def test_every_public_scope_has_a_rate_out_of_the_box():
    rates = django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]

    assert set(rates) >= {"tracking", "uploads", "verify", "complaints"}
    assert all(rate.split("/")[0].isdigit() for rate in rates.values())


def test_tracking_guesses_are_refused_with_429_by_api_and_page_together(api, ward_a, rate):
    rate("tracking", "3/min")
    code = file_dossier(ward_a.receiving)["code"]
    url = f"/api/v1/track/{code}/"

    answers = [api.get(url, {"id_last4": digits}).status_code for digits in ("0000", "1111")]
    page = api.get(f"/track/{code}/", {"id_last4": ID_NUMBER[-4:]})
    refused = api.get(url, {"id_last4": ID_NUMBER[-4:]})
    forged = api.get(url, {"id_last4": ID_NUMBER[-4:]}, HTTP_X_FORWARDED_FOR="10.1.2.3")
    page_refused = api.get(f"/track/{code}/", {"id_last4": ID_NUMBER[-4:]})

    assert answers == [404, 404]
    assert page.status_code == 200
    assert_throttled_in_both_languages(refused)
    assert forged.status_code == 429  # a forged forwarding header is no way around it
    assert page_refused.status_code == 429
    assert "Quá nhiều yêu cầu" in page_refused.content.decode()


def test_the_assistant_counts_its_tracking_answers_with_the_api_and_the_page(api, ward_a, rate):
    rate("tracking", "2/min")
    code = file_dossier(ward_a.receiving)["code"]
    question = f"Hồ sơ {code} đến đâu rồi?"

    guesses = [api.get(f"/api/v1/track/{code}/", {"id_last4": d}).status_code for d in ("0", "1")]
    asked = api.post(
        "/api/v1/assistant/ask", {"question": question, "id_last4": ID_NUMBER[-4:]}, format="json"
    )
    chat = Client().post("/assistant/ask/", {"question": f"{question} {ID_NUMBER[-4:]}"})

    assert guesses == [404, 404]
    assert_throttled_in_both_languages(asked)
    assert chat.status_code == 429
    assert "Quá nhiều yêu cầu" in chat.content.decode()


def test_guessing_one_dossiers_digits_from_many_addresses_is_bounded_too(api, ward_a, rate):
    rate("tracking_dossier", "3/hour")
    code, other = (file_dossier(ward_a.receiving)["code"] for _ in range(2))
    right = ID_NUMBER[-4:]

    def from_address(number: int, path: str, **data):
        return api.get(path, data, REMOTE_ADDR=f"203.0.113.{number}")

    wrong = [
        from_address(1, f"/api/v1/track/{code}/", id_last4="0000").status_code,
        from_address(2, f"/track/{code}/", id_last4="1111").status_code,
        api.post(
            "/api/v1/assistant/ask",
            {"question": f"Hồ sơ {code}", "id_last4": "2222"},
            format="json",
            REMOTE_ADDR="203.0.113.3",
        ).json()["kind"],
    ]
    refused = from_address(4, f"/api/v1/track/{code}/", id_last4=right)
    page_refused = from_address(5, f"/track/{code}/", id_last4=right)
    another = from_address(6, f"/api/v1/track/{other}/", id_last4=right)

    assert wrong == [404, 404, "status"]  # the assistant: "no dossier matches"
    assert_throttled_in_both_languages(refused)  # even the right digits, from a fresh address
    assert page_refused.status_code == 429
    assert another.status_code == 200  # the other dossiers are not locked


def test_the_tracking_form_itself_is_not_counted(api, ward_a, rate):
    rate("tracking", "1/min")
    code = file_dossier(ward_a.receiving)["code"]

    answers = [api.get(f"/track/{code}/").status_code for _ in range(3)]

    assert answers == [200, 200, 200]


def test_uploads_are_limited_per_user(ward_a, ward_b, rate):
    rate("uploads", "2/min")
    pdf = blank_pdf("form")

    def send(user):
        file = SimpleUploadedFile("form.pdf", pdf)
        return client_for(user).post("/api/v1/uploads/", {"file": file}, format="multipart")

    mine = [send(ward_a.receiving).status_code for _ in range(3)]
    another = send(ward_b.receiving)

    assert mine == [201, 201, 429]
    assert_throttled_in_both_languages(send(ward_a.receiving))
    assert another.status_code == 201  # one user's burst does not lock out the others


def test_verification_is_limited_by_api_and_page_together(api, client, rate):
    rate("verify", "2/min")
    pdf = blank_pdf("not signed")

    first = api.post(
        "/api/v1/verify/", {"file": SimpleUploadedFile("a.pdf", pdf)}, format="multipart"
    )
    second = client.post("/verify/", {"file": SimpleUploadedFile("a.pdf", pdf)})
    third = api.post(
        "/api/v1/verify/", {"file": SimpleUploadedFile("a.pdf", pdf)}, format="multipart"
    )
    page = client.post("/verify/", {"file": SimpleUploadedFile("a.pdf", pdf)})

    assert first.status_code == 200
    assert first.json()["verdict"] == "unsigned"
    assert second.status_code == 200
    assert_throttled_in_both_languages(third)
    assert page.status_code == 429
    assert "Quá nhiều yêu cầu" in page.content.decode()


def test_the_schema_documents_429_on_the_limited_endpoints(api):
    paths = api.get("/api/v1/schema/", {"format": "json"}).json()["paths"]

    assert "429" in paths["/api/v1/track/{code}/"]["get"]["responses"]
    assert "429" in paths["/api/v1/uploads/"]["post"]["responses"]
    assert "429" in paths["/api/v1/verify/"]["post"]["responses"]
