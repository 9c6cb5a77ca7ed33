"""What a national database answered reads as words on the officials' dossier page."""

from django.utils import translation

from motcua.web.templatetags.motcua_pages import fact_label, fact_value


def test_codes_dates_and_records_read_as_words_in_vietnamese():
    parcels = [{"parcel": "12-345", "area_m2": 80, "address": "Xã Ba Vì, thành phố Hà Nội"}]

    with translation.override("vi"):
        words = [fact_value("female"), fact_value("married"), fact_value("1990-05-01")]
        label = fact_label("household")
        land = fact_value(parcels)

    assert words == ["Nữ", "Đã kết hôn", "01/05/1990"]
    assert label == "Số hộ"
    assert land == "12-345, 80, Xã Ba Vì, thành phố Hà Nội"


def test_and_in_english():
    with translation.override("en"):
        assert [fact_value("male"), fact_value("single")] == ["Male", "Not married"]
