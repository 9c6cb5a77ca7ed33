import logging

from motcua.core.logs import JsonFormatter, MaskPersonalData, mask
from motcua.core.text import fold, search_terms


def test_fold_removes_vietnamese_marks_from_nfc_and_nfd_text():
    assert fold("Đăng ký KẾT HÔN") == "dang ky ket hon"
    assert fold("Hoà") == fold("Hòa") == "hoa"
    assert fold("Kh\u0061\u0309i") == "khai"


def test_search_terms_drop_punctuation():
    assert search_terms("  đăng ký, khai-sinh!  ") == ["dang", "ky", "khai", "sinh"]


def test_mask_hides_id_numbers_phones_and_emails():
    text = "id 001090012345 phone 0912345678 mail nguyen.van.a@example.vn"

    assert mask(text) == "id 001******345 phone 091*****678 mail n***@example.vn"


def test_log_records_are_masked_and_json():
    record = logging.makeLogRecord(
        {"msg": "citizen %s", "args": ("001090012345",), "phone": "0912345678"}
    )

    MaskPersonalData().filter(record)
    line = JsonFormatter().format(record)

    assert "001090012345" not in line
    assert "0912345678" not in line
    assert '"event": "citizen 001******345"' in line
