"""The fee receipt (biên lai) as printed: one page, every word inside it (pdftotext -bbox)."""

from pathlib import Path

from tests.builders.dossiers import client_for
from tests.builders.papers import assert_inside, pages, text_of
from tests.builders.payments import approved_account, file_marital
from tests.payments.test_reconciliation import _import, _statement


def test_the_fee_receipt_fits_one_page_inside_its_box(ward_b, centre, citizen, tmp_path: Path):
    approved_account(ward_b, centre)
    dossier = file_marital(citizen)
    client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/")
    _import(centre, _statement([["23/11/2026 10:00", "FT10", "3000", dossier["code"]]]))
    payment = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/").json()
    pdf = b"".join(client_for(citizen).get(payment["receipt_url"]).streaming_content)
    (tmp_path / "bien-lai.pdf").write_bytes(pdf)
    found = pages(pdf, tmp_path)

    assert len(found) == 1
    assert_inside(found)
    assert "Thời gian ký:" in text_of(found)
