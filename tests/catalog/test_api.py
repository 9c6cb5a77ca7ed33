import json
from importlib import resources

import pytest


def _codes(api, **params):
    response = api.get("/api/v1/procedures/", {"page_size": 500, **params})
    assert response.status_code == 200
    return [row["code"] for row in response.json()["results"]]


def test_list_holds_the_whole_packaged_catalog(api):
    packaged = json.loads(
        resources.files("motcua.catalog").joinpath("data/procedures.json").read_text("utf-8")
    )

    codes = _codes(api)

    assert sorted(codes) == sorted(p["code"] for p in packaged["procedures"])
    assert len(codes) == 56


def test_detail_shows_documents_fees_steps_and_time_limit(api):
    body = api.get("/api/v1/procedures/1.001193/").json()

    assert body["code"] == "1.001193"
    assert body["name"] == "Thủ tục đăng ký khai sinh"
    assert body["version"] == 1
    assert body["level"] == "commune"
    assert body["time_limit"] == {"value": 1, "unit": "working_days"}
    assert body["fees"][1] == {
        "id": body["fees"][1]["id"],  # what an official names when assessing the fee
        "name": "Lệ phí đăng ký khai sinh quá hạn – Hà Nội",
        "name_en": "",
        "amount_vnd": 5000,
        "condition": body["fees"][1]["condition"],
        "collected_by": "",
        "channel": "",
        "state": "unverified",  # the curators' note calls the Hanoi rate unchecked
        "source": "curated",
    }
    birth_certificate = body["documents"][1]
    assert birth_certificate["kind"] == "original"
    assert birth_certificate["replaceable_by"] == "civil_status_db"
    assert isinstance(birth_certificate["id"], int)
    assert [s["role"] for s in body["steps"]] == [
        "receiving_officer",
        "specialist",
        "leader",
        "receiving_officer",
    ]
    assert sum(s["share_percent"] for s in body["steps"]) == 100
    assert body["online"] == "full"
    assert body["boundary_free"] is True
    assert body["legal_basis"]


@pytest.mark.parametrize(
    ("with_marks", "without_marks"),
    [
        ("đăng ký khai sinh", "dang ky khai sinh"),
        ("kết hôn", "ket hon"),
        ("Đăng Ký Kết Hôn", "DANG KY KET HON"),
    ],
)
def test_search_finds_the_same_procedures_with_and_without_diacritics(
    api, with_marks, without_marks
):
    found = _codes(api, q=with_marks)

    assert found
    assert found == _codes(api, q=without_marks)


def test_search_for_birth_registration_finds_it_first_and_not_death_registration(api):
    found = _codes(api, q="đăng ký khai sinh")

    assert found[0] == "1.001193"
    assert "1.000656" not in found  # death registration
    assert all(c in found for c in ["1.004884", "2.000528"])


def test_search_for_marriage_finds_the_three_marriage_procedures_best_first(api):
    assert _codes(api, q="ket hon") == ["1.000894", "1.004746", "2.000806"]


def test_search_matches_whole_words_not_parts_of_words(api):
    # "hon" is inside "thông"; a search for "kết hôn" must not find residence registration.
    assert "1.004222" not in _codes(api, q="kết hôn")


def test_filters_by_level_and_online(api):
    city = _codes(api, level="city")
    full = _codes(api, online="full")

    assert "2.001583" in city
    assert "1.001193" not in city
    assert "1.001193" in full
    assert "1.000894" not in full


def test_unknown_procedure_is_404_with_the_error_body(api):
    response = api.get("/api/v1/procedures/9.999999/")

    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert error["message"] == "Không có thủ tục nào đã công bố với mã 9.999999."
    assert error["message_en"] == "No published procedure has the code 9.999999."
    assert error["fields"] == {}


def test_procedure_list_takes_a_fixed_number_of_queries(api, django_assert_num_queries):
    api.get("/api/v1/procedures/", {"q": "ho tich"})  # the search index built once
    with django_assert_num_queries(6):  # with the joint procedures' participants
        api.get("/api/v1/procedures/", {"page_size": 500, "q": "ho tich"})


def test_an_older_version_stays_readable_and_a_bad_version_is_a_400(api):
    first = api.get("/api/v1/procedures/1.001193/", {"version": 1})
    bad = api.get("/api/v1/procedures/1.001193/", {"version": "abc"})
    missing = api.get("/api/v1/procedures/1.001193/", {"version": 9})

    assert first.json()["version"] == 1
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"] == {"version": ["Phiên bản phải là số nguyên."]}
    assert missing.status_code == 404
