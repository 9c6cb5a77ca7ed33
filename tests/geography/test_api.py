import pytest

from motcua.geography.models import AdministrativeUnit, Agency, ServicePoint
from motcua.geography.services import load_reference_data


def _all(api, url, **params):
    response = api.get(url, {"page_size": 500, **params})
    assert response.status_code == 200
    return response.json()


def test_units_list_hanois_126_wards_and_communes_with_official_codes(api):
    body = _all(api, "/api/v1/units/")

    rows = {row["code"]: row for row in body["results"]}
    wards_and_communes = [r for r in body["results"] if r["level"] in ("ward", "commune")]
    assert len(wards_and_communes) == 126
    assert sum(r["level"] == "ward" for r in wards_and_communes) == 51
    assert sum(r["level"] == "commune" for r in wards_and_communes) == 75
    assert rows["00070"] == {
        "code": "00070",
        "name": "Phường Hoàn Kiếm",
        "level": "ward",
        "parent": "01",
    }
    assert rows["01"]["name"] == "Thành phố Hà Nội"
    assert rows["01"]["level"] == "city"


def test_units_filter_by_level(api):
    body = _all(api, "/api/v1/units/", level="commune")

    assert body["count"] == 75
    assert {row["level"] for row in body["results"]} == {"commune"}


def test_agencies_include_departments_centre_and_every_commune_committee(api):
    body = _all(api, "/api/v1/agencies/")

    kinds = [row["kind"] for row in body["results"]]
    names = {row["name"] for row in body["results"]}
    assert kinds.count("commune_committee") == 126
    assert kinds.count("commune_police") == 126
    assert kinds.count("service_center") == 1
    for name in [
        "Sở Tư pháp thành phố Hà Nội",
        "Sở Nội vụ thành phố Hà Nội",
        "Sở Tài chính thành phố Hà Nội",
        "Sở Xây dựng thành phố Hà Nội",
        "Sở Nông nghiệp và Môi trường thành phố Hà Nội",
        "Sở Y tế thành phố Hà Nội",
        "Sở Công Thương thành phố Hà Nội",
        "Sở Giáo dục và Đào tạo thành phố Hà Nội",
        "Sở Văn hóa và Thể thao thành phố Hà Nội",
        "Sở Khoa học và Công nghệ thành phố Hà Nội",
        "Công an thành phố Hà Nội",
        "Ủy ban nhân dân thành phố Hà Nội",
        "Trung tâm Phục vụ hành chính công thành phố Hà Nội",
        "Ủy ban nhân dân phường Hoàn Kiếm",
    ]:
        assert name in names


def test_service_points_one_per_commune_and_the_centre(api):
    body = _all(api, "/api/v1/service-points/")

    assert body["count"] == 127
    point = next(r for r in body["results"] if r["unit"] == "00070")
    assert point["agency"] == Agency.objects.get(role="commune_committee", unit__code="00070").code
    assert set(point) == {"code", "name", "agency", "unit", "address"}


def test_loading_reference_data_twice_changes_nothing(db):
    before = (
        AdministrativeUnit.objects.count(),
        Agency.objects.count(),
        ServicePoint.objects.count(),
    )

    summary = load_reference_data("01")

    assert summary.created == 0
    assert (summary.units, summary.agencies, summary.service_points) == before


def test_unit_list_takes_a_fixed_number_of_queries(api, django_assert_num_queries):
    with django_assert_num_queries(2):
        api.get("/api/v1/units/", {"page_size": 500})


def test_an_unknown_province_is_refused_and_nothing_is_loaded(db):
    from django.utils import translation

    from motcua.core.errors import DomainError

    before = AdministrativeUnit.objects.count()

    with pytest.raises(DomainError) as refused:
        load_reference_data("99")

    with translation.override("vi"):
        assert refused.value.render() == "Không có tỉnh, thành phố nào mã 99."
    with translation.override("en"):
        assert refused.value.render() == "There is no province with the code 99."
    assert AdministrativeUnit.objects.count() == before


def test_another_province_loads_its_own_wards(db):
    summary = load_reference_data("79")  # Thành phố Hồ Chí Minh

    assert AdministrativeUnit.objects.filter(parent__code="79").count() == 168
    assert summary.created > 168
