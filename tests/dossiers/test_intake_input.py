"""The intake body is checked by a `DossierIn` built once (`dossiers.intake_input`): the same
validated data and, for a bad body, the same errors as a serializer made for the request."""

from typing import Any

import pytest
from rest_framework import serializers

from motcua.dossiers.intake_input import parse_prepared
from motcua.dossiers.serializers import DossierIn, parse

GOOD: dict[str, Any] = {
    "procedure": "1.001193",
    "channel": "counter",
    "receiving_point": "MC-00070",
    "competent_unit": "00008",
    "applicant": {
        "id_number": "001090012345",
        "full_name": "  Nguyễn Văn An ",
        "date_of_birth": "1990-05-01",
        "phone": "0912345678",
    },
    "documents": [
        {"requirement": 1, "file": 3},
        {"requirement": "2", "from_data": "true"},
        {"requirement": 5, "wallet_item": 9},
    ],
    "delivery": {"method": "postal", "address": "1 Tràng Tiền"},
    "form": {"child_full_name": "Nguyễn Thị Hằng"},
    "wallet_consent": {"method": "vneid_confirmation", "reference": "x"},
}
ORGANISATION = {
    **GOOD,
    "applicant": {
        "kind": "organisation",
        "org_kind": "household_business",
        "enterprise_code": "8012345677",
        "name": "Hộ kinh doanh Bánh cuốn Bà Bình",
        "representative": {"id_number": "001195004321", "full_name": "Lê Thị Bình"},
        "authorisation": {"method": "letter", "file": 4},
    },
}


def errors_of(parser, data: Any) -> Any:
    with pytest.raises(serializers.ValidationError) as caught:
        parser(DossierIn, data)
    return caught.value.detail


BAD: list[Any] = [
    None,
    [],
    "a string",
    17,
    {},
    {**GOOD, "channel": "fax"},
    {**GOOD, "receiving_point": "x" * 41},
    {**GOOD, "receiving_point": None},
    {**GOOD, "applicant": "someone"},
    {**GOOD, "applicant": {"full_name": "An"}},
    {**GOOD, "applicant": {**GOOD["applicant"], "phone": "12"}},
    {**GOOD, "applicant": {**GOOD["applicant"], "email": "not-mail"}},
    {**GOOD, "applicant": {**GOOD["applicant"], "date_of_birth": "1990-13-01"}},
    {**GOOD, "applicant": {**GOOD["applicant"], "sex": "other"}},
    {**ORGANISATION, "applicant": {"kind": "organisation", "name": "X"}},
    {**ORGANISATION, "applicant": {**ORGANISATION["applicant"], "authorisation": {"file": 0}}},
    {**GOOD, "documents": {"requirement": 1}},
    {**GOOD, "documents": [{"requirement": 1, "file": 3, "from_data": True}]},
    {**GOOD, "documents": [{"requirement": 0}, {"requirement": "x", "file": 2**63}]},
    {**GOOD, "documents": [{"requirement": 1, "from_data": "maybe"}]},
    {**GOOD, "delivery": {"method": "drone"}},
    {**GOOD, "form": {"name": "a\x00b"}},
    {**GOOD, "form": ["not", "a", "dict"]},
    {**GOOD, "consent": {"method": "telepathy"}},
    {**GOOD, "wallet_consent": {"method": "vneid_confirmation", "reference": "r" * 101}},
    {**GOOD, "fee_group": "everyone"},
    {**GOOD, "group": "g" * 41, "procedure": 5},
]


@pytest.mark.parametrize("data", BAD)
def test_a_bad_body_gives_the_same_errors(data):
    prepared = errors_of(parse_prepared, data)

    assert prepared == errors_of(parse, data)
    assert str(prepared) == str(errors_of(parse, data))  # the same messages and codes


@pytest.mark.parametrize("data", [GOOD, ORGANISATION, {**GOOD, "documents": []}])
def test_a_good_body_gives_the_same_data_before_and_after_bad_ones(data):
    expected = parse(DossierIn, data)

    assert parse_prepared(DossierIn, data) == expected
    for bad in BAD:
        errors_of(parse_prepared, bad)
    assert parse_prepared(DossierIn, data) == expected  # nothing kept from a body to the next


def test_the_values_are_cleaned_as_drf_cleans_them():
    data = parse_prepared(DossierIn, GOOD)

    assert data["applicant"]["full_name"] == "Nguyễn Văn An"
    assert data["documents"][1] == {"requirement": 2, "from_data": True}
    assert data["documents"][0]["from_data"] is False
