"""Every paper the dossiers produce (receipt, supplementation request, apology, refusal, result),
read back with poppler's `pdftotext -bbox`: each fits the one page it is meant to fill, and no
word lies beyond the page box."""

from datetime import datetime, timedelta
from pathlib import Path

from motcua.documents.models import DocumentKind, IssuedDocument
from tests.builders.dossiers import WARD_A, act, client_for, file_dossier
from tests.builders.papers import assert_inside, pages, text_of

# As many pages as each paper is meant to have, for a typical dossier.
STATED_PAGES = {
    DocumentKind.RECEIPT: 1,
    DocumentKind.SUPPLEMENT_REQUEST: 1,
    DocumentKind.APOLOGY: 1,
    DocumentKind.REFUSAL: 1,
    DocumentKind.RESULT: 1,
}


def _accepted(ward_a, ward_b) -> dict:
    dossier = file_dossier(ward_a.receiving)  # at the counter: the receipt
    return act(ward_b.handling, dossier, "accept").json()


def test_every_paper_stays_inside_its_page_on_the_pages_it_states(
    citizen, ward_a, ward_b, tmp_path: Path
):
    supplemented = _accepted(ward_a, ward_b)
    document = supplemented["documents"][0]["id"]
    asked = act(
        ward_b.handling,
        supplemented,
        "request-supplement",
        items=[{"document": document, "reason": "Bản chụp mờ, không đọc được số định danh"}],
        note="Đề nghị nộp lại bản chụp rõ nét.",
    )
    assert asked.status_code == 200

    late = _accepted(ward_a, ward_b)
    later = (datetime.fromisoformat(late["due_at"]) + timedelta(days=3)).isoformat()
    reason = "Cần xác minh thông tin cư trú với Công an phường"
    assert (
        act(ward_b.handling, late, "apologize", new_due_at=later, reason=reason).status_code == 200
    )

    refused = _accepted(ward_a, ward_b)
    online = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    online = act(ward_b.handling, online, "accept").json()
    online = act(ward_b.approver, online, "approve").json()
    assert act(ward_b.approver, online, "sign-result").status_code == 200

    rejected = act(ward_b.approver, refused, "reject", reason="Không đủ điều kiện theo Điều 16")
    assert rejected.status_code == 200, rejected.json()

    receipt = client_for(ward_a.receiving).get(f"/api/v1/dossiers/{late['code']}/receipt.pdf")
    assert receipt.status_code == 200

    seen = set()
    for issued in IssuedDocument.objects.order_by("pk"):
        pdf = issued.file.read()
        (tmp_path / f"{issued.kind}-{issued.pk}.pdf").write_bytes(pdf)  # to look at
        found = pages(pdf, tmp_path)
        assert len(found) == STATED_PAGES[issued.kind], (issued.kind, len(found))
        assert_inside(found)
        assert "Thời gian ký:" in text_of(found)
        seen.add(issued.kind)
    assert seen == set(STATED_PAGES)
