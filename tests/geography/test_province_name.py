"""The province the papers are issued in comes from the reference data, by MOTCUA_PROVINCE."""

import pytest

from motcua.geography.models import AdministrativeUnit, UnitLevel
from motcua.geography.selectors import forget_province_name, province_name, province_unit_name


@pytest.fixture(autouse=True)
def _read_afresh():
    forget_province_name()
    yield
    forget_province_name()


def test_hanoi_is_named_without_the_kind_of_unit(db):
    assert province_unit_name() == "Thành phố Hà Nội"
    assert province_name() == "Hà Nội"


def test_the_name_follows_the_settings_province_code(db, settings):
    AdministrativeUnit.objects.create(code="31", name="Thành phố Hải Phòng", level=UnitLevel.CITY)
    settings.MOTCUA_PROVINCE = "31"

    assert province_name() == "Hải Phòng"
    assert province_unit_name() == "Thành phố Hải Phòng"


def test_a_renamed_unit_is_read_afresh(db, settings):
    unit = AdministrativeUnit.objects.create(code="31", name="Thành phố Hải Phòng", level="city")
    settings.MOTCUA_PROVINCE = "31"
    assert province_name() == "Hải Phòng"

    unit.name = "Tỉnh Hải Phòng"
    unit.save()

    assert province_name() == "Hải Phòng"
    assert province_unit_name() == "Tỉnh Hải Phòng"


def test_before_the_reference_data_is_loaded_the_official_list_names_it(db, settings):
    settings.MOTCUA_PROVINCE = "24"  # not loaded in the tests: Bắc Ninh, a province

    assert province_name() == "Bắc Ninh"
    assert province_unit_name() == "Bắc Ninh"
