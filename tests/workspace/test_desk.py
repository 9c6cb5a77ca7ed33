"""The ward's desk (issue 19, officials): the queue's search, filters and order; the approver's
preview and confirmed signature; the handler's opinion carried forward; cash at the counter; a
finished dossier said to be finished."""

from datetime import timedelta

from motcua.dossiers.models import Dossier
from tests.dossiers.conftest import file_dossier
from tests.workspace.test_pages import signed_in


def _queue(user, **params) -> str:
    return signed_in(user).get("/workspace/", {"box": "receive", **params}).content.decode()


def test_the_queue_finds_a_dossier_by_code_name_id_number_or_phone(ward_a, ward_b):
    mine = file_dossier(ward_a.receiving)
    other = file_dossier(ward_a.receiving)
    Dossier.objects.filter(code=other["code"]).update(
        applicant_name="Lê Thị Hoa",
        applicant_id_number="001190099999",
        applicant={"full_name": "Lê Thị Hoa", "phone": "0987000111"},
    )
    searches = {
        mine["code"][-6:]: mine,  # part of the code
        "Văn An": mine,  # part of the name
        "001090012345": mine,  # the whole ID number
        "0912 345 678": mine,  # the phone, as typed with spaces
        "Thị Hoa": other,
        "0987000111": other,
    }
    for typed, found in searches.items():
        page = _queue(ward_b.handling, q=typed)
        lost = other if found is mine else mine
        assert found["code"] in page, typed
        assert lost["code"] not in page, typed


def test_the_queue_filters_by_status_and_overdue_and_sorts_by_due_date(ward_a, ward_b):
    soon, later = file_dossier(ward_a.receiving), file_dossier(ward_a.receiving)
    late = file_dossier(ward_a.receiving)
    base = Dossier.objects.get(code=soon["code"]).due_at
    Dossier.objects.filter(code=later["code"]).update(due_at=base + timedelta(days=3))
    Dossier.objects.filter(code=late["code"]).update(due_at=base - timedelta(days=30))

    nearest = _queue(ward_b.handling)
    latest = _queue(ward_b.handling, sort="due_desc")
    overdue = _queue(ward_b.handling, overdue="on")
    by_status = _queue(ward_b.handling, status="received")
    none_in_progress = _queue(ward_b.handling, status="in_progress")

    assert nearest.index(late["code"]) < nearest.index(soon["code"]) < nearest.index(later["code"])
    assert latest.index(later["code"]) < latest.index(soon["code"]) < latest.index(late["code"])
    assert "Hạn trả kết quả, xa nhất trước" in latest
    assert late["code"] in overdue
    assert soon["code"] not in overdue
    assert all(d["code"] in by_status for d in (soon, later, late))
    assert soon["code"] not in none_in_progress
