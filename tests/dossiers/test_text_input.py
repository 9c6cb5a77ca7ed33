"""Text from outside: names and addresses stored NFC, phone numbers in ASCII digits only, and
text-direction control characters refused, in the API and on the pages (core/text.py)."""

import unicodedata

import pytest

from motcua.dossiers.models import Dossier
from motcua.web.forms import ApplicantForm
from tests.builders.dossiers import birth_payload, client_for

NAME = "Nguyễn Văn An"
DECOMPOSED = unicodedata.normalize("NFD", NAME)


def _file(ward_a, **applicant):
    body = birth_payload(ward_a.receiving)
    body["applicant"].update(applicant)
    return client_for(ward_a.receiving).post("/api/v1/dossiers/", body, format="json")


def test_a_name_typed_decomposed_is_stored_composed(ward_a, ward_b):
    assert DECOMPOSED != NAME

    response = _file(ward_a, full_name=DECOMPOSED)

    assert response.status_code == 201, response.content
    assert Dossier.objects.get(code=response.json()["code"]).applicant_name == NAME


OTHER_DIGITS = ["٠٩١٢٣٤٥٦٧٨", "０９１２３４５６７８", "۰۹۱۲۳۴۵۶۷۸"]


@pytest.mark.parametrize("phone", OTHER_DIGITS, ids=["arabic", "fullwidth", "persian"])
def test_a_phone_in_other_digits_is_refused_with_a_clear_message(ward_a, ward_b, phone):
    response = _file(ward_a, phone=phone)

    assert response.status_code == 400
    assert "applicant" in response.json()["error"]["fields"]
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u200f"])
def test_text_direction_controls_are_refused_in_both_languages(ward_a, ward_b, control):
    response = _file(ward_a, full_name=f"Nguyễn {control}nA nàV")

    error = response.json()["error"]
    assert response.status_code == 400
    assert error["code"] == "text_direction_control"
    assert error["message"] != error["message_en"]
    assert "text-direction" in error["message_en"]
    assert "applicant.full_name" in error["fields"]
    assert not Dossier.objects.exists()


def test_the_pages_forms_apply_the_same_rules(db):
    data = {
        "id_number": "001090012345",
        "full_name": DECOMPOSED,
        "date_of_birth": "1990-05-01",
        "address": "Số 1 phố Tràng Tiền",
        "phone": "٠٩١٢٣٤٥٦٧٨",
    }
    form = ApplicantForm(data, units=[], verified=False)
    bidi = ApplicantForm({**data, "phone": "", "address": "Số 1\u202e"}, units=[], verified=False)
    good = ApplicantForm({**data, "phone": "0912345678"}, units=[], verified=False)

    assert not form.is_valid()
    assert "phone" in form.errors
    assert not bidi.is_valid()
    assert "address" in bidi.errors
    assert good.is_valid(), good.errors
    assert good.cleaned_data["full_name"] == NAME
