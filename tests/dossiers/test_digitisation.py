"""Paper at the counter: scans are marked digitised (who, when), kept in the applicant's wallet
with the signed result, and counted by the digitisation indicator (Decision 766, 4.2)."""

from motcua.documents.pdf import blank_pdf
from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.identity.models import WalletDocument
from tests.builders.dossiers import ID_NUMBER, WARD_A, act, file_dossier, upload


def test_documents_taken_at_the_counter_are_digitised_by_the_officer(ward_a, ward_b):
    dossier = file_dossier(ward_a.receiving, channel="counter")

    scanned = DossierDocument.objects.get(dossier__code=dossier["code"], upload__isnull=False)
    wallet = WalletDocument.objects.get(id_number=ID_NUMBER)

    assert scanned.digitised_by == ward_a.receiving
    assert scanned.digitised_at is not None
    assert [d["digitised_at"] is not None for d in dossier["documents"]] == [True, False, False]
    assert wallet.kind == "digitised"
    assert wallet.upload == scanned.upload
    assert wallet.dossier_code == dossier["code"]


def test_online_uploads_are_not_digitised_paper(citizen, ward_b):
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")

    assert all(d["digitised_at"] is None for d in dossier["documents"])
    assert not WalletDocument.objects.exists()


def test_paper_arriving_later_is_scanned_in_by_the_counter_only(ward_a, ward_b, citizen):
    dossier = file_dossier(ward_a.receiving, channel="postal")
    requirement = dossier["documents"][0]["requirement"]
    scan = upload(ward_a.receiving, blank_pdf("bản quét thư gửi đến"))

    by_handler = act(
        ward_b.handling,
        dossier,
        "digitise",
        documents=[{"requirement": requirement, "file": upload(ward_b.handling, blank_pdf("x"))}],
    )
    added = act(
        ward_a.receiving,
        dossier,
        "digitise",
        documents=[{"requirement": requirement, "file": scan}],
    )

    assert by_handler.status_code == 403
    assert added.status_code == 200, added.content
    assert len(added.json()["documents"]) == 4
    assert added.json()["status"] == "received"  # scanning changes no status
    assert WalletDocument.objects.filter(id_number=ID_NUMBER).count() == 2


def test_the_signed_result_goes_into_the_wallet(citizen, ward_b):
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    dossier = act(ward_b.handling, dossier, "accept").json()
    dossier = act(ward_b.approver, dossier, "approve").json()
    act(ward_b.approver, dossier, "sign-result")

    kept = WalletDocument.objects.get(id_number=ID_NUMBER, kind="result")

    assert kept.issued.reference == dossier["code"]
    assert kept.issued.kind == "result"


def test_the_digitisation_indicator_counts_files_and_electronic_results(ward_a, ward_b, citizen):
    complete = file_dossier(ward_a.receiving, channel="counter")
    signed = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    signed = act(ward_b.handling, signed, "accept").json()
    signed = act(ward_b.approver, signed, "approve").json()
    act(ward_b.approver, signed, "sign-result")
    paper_only = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    DossierDocument.objects.filter(dossier__code=paper_only["code"], upload__isnull=False).update(
        upload=None
    )
    legacy = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    Dossier.objects.filter(code=legacy["code"]).update(status="returned")  # no e-result kept

    found = selectors.digitisation(Dossier.objects.all())

    assert found.dossiers == 4
    assert found.digitised == 2  # `complete` and `signed`
    assert found.share == 50.0
    assert found.scanned_at_counter == 1
    assert found.results_issued == 2
    assert found.results_electronic == 1
    assert complete["code"] != paper_only["code"]


def test_a_wallet_document_is_reused_in_a_new_dossier_while_valid(ward_a, ward_b, citizen):
    from datetime import timedelta

    from django.utils import timezone

    from tests.builders.dossiers import birth_payload, client_for

    first = file_dossier(ward_a.receiving, channel="counter")  # the form scanned at the counter
    kept = WalletDocument.objects.get(id_number=ID_NUMBER, dossier_code=first["code"])
    body = birth_payload(ward_a.receiving)
    body["documents"][0] = {
        "requirement": body["documents"][0]["requirement"],
        "wallet_item": kept.pk,
    }
    body["wallet_consent"] = {"method": "id_card_presented"}  # the holder is at the counter

    reused = client_for(ward_a.receiving).post("/api/v1/dossiers/", body, format="json")
    stranger = client_for(citizen).post(
        "/api/v1/dossiers/", {**body, "channel": "online"}, format="json"
    )
    WalletDocument.objects.filter(pk=kept.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    expired = client_for(ward_a.receiving).post(
        "/api/v1/dossiers/", body, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert reused.status_code == 201, reused.content
    assert reused.json()["documents"][0]["wallet_item"] == kept.pk
    assert reused.json()["documents"][0]["file"] == kept.upload_id
    assert stranger.status_code == 400  # not the filer's wallet item to reuse
    assert expired.status_code == 400
    assert "no longer valid" in expired.json()["error"]["fields"]["documents[0].wallet_item"][0]
