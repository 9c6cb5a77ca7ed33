"""A dossier's JSON as plain dicts: the body `DossierOut` describes (dossiers.api), built without
DRF's serializer machinery, for the intake's 201 answer (issue 27: the serializer was a fifth of
an intake's CPU). `DossierOut` stays the OpenAPI description and the other answers' serializer;
tests/dossiers/test_rendering.py checks that both give the same body, field for field.

It reads only what `selectors.dossier_detail` loads (or what `services.intake.as_written` gave
a dossier just written): no query of its own."""

from datetime import datetime
from typing import Any

from rest_framework import serializers

from motcua.core import clock
from motcua.dossiers import deadlines
from motcua.dossiers.access import NOBODY, Viewer
from motcua.dossiers.models import Dossier

_DATETIME = serializers.DateTimeField()  # ISO 8601 in the current (local) time zone, as DRF


def moment(value: datetime | None) -> str | None:
    """Render a datetime as the API does everywhere (DRF's DateTimeField: local +07:00)."""
    return _DATETIME.to_representation(value) if value else None


def _code(related: Any) -> str | None:
    return None if related is None else related.code


def dossier_body(dossier: Dossier, viewer: Viewer = NOBODY) -> dict[str, Any]:
    """Return the dossier as `DossierOut(dossier, context={"viewer": viewer}).data` does."""
    now = clock.now()
    version = dossier.procedure_version
    return {
        "code": dossier.code,
        "national_code": dossier.national_code,
        "source": dossier.source,
        "procedure": {
            "code": version.procedure.code,
            "version": version.number,
            "name": version.name,
        },
        "status": str(dossier.status),
        "channel": str(dossier.channel),
        "receiving_point": _code(dossier.receiving_point),
        "competent_unit": _code(dossier.competent_unit),
        "handling_agency": _code(dossier.handling_agency),
        "applicant": viewer.applicant_of(dossier),
        "delivery": dossier.delivery,
        "received_at": moment(dossier.received_at),
        "due_at": moment(dossier.due_at),
        "legal_due_at": moment(dossier.legal_due_at),
        "paused_days": round(dossier.paused_seconds / (8 * 3600), 2),
        "finished_at": moment(dossier.finished_at),
        "returned_at": moment(dossier.returned_at),
        "overdue": deadlines.is_overdue(dossier, now),
        "supplement_rounds": int(dossier.supplement_rounds),
        "fee": {
            "amount_vnd": dossier.fee_amount_vnd,
            "paid": dossier.fee_paid_at is not None,
            "lines": dossier.fee_lines,
            "at_filing": dossier.fee_rule,
        },
        "documents": _documents(dossier, viewer),
        "tasks": _tasks(dossier),
        "result": _result(dossier),
        "helper": _helper(dossier),
        "transfers": _transfers(dossier),
        "group": _code(dossier.group) if dossier.group_id is not None else None,
        "parts": _parts(dossier, now),
        "results": _results(dossier),
        "version": int(dossier.version),
    }


def _documents(dossier: Dossier, viewer: Viewer) -> list[dict[str, Any]]:
    return [
        {
            "id": d.pk,
            "requirement": d.requirement_id,
            "name": d.requirement.name,
            "file": d.upload_id,
            "from_data": d.from_data or None,
            "match": d.match_status or None,  # pending: "waiting for data"
            "wallet_item": d.wallet_item_id,
            "round": d.round,
            "digitised_at": moment(d.digitised_at),
        }
        for d in viewer.documents_of(dossier)
    ]


def _tasks(dossier: Dossier) -> list[dict[str, Any]]:
    return [
        {
            "step": t.position,
            "name": t.name,
            "role": t.role,
            "state": t.state,
            "assignee": t.assignee_id,
            "due_at": moment(t.due_at),
        }
        for t in dossier.tasks.all()
    ]


def _result(dossier: Dossier) -> dict[str, Any] | None:
    document = dossier.result_document if dossier.result_document_id else None
    if document is None:
        return None
    return {
        "signed_by": document.signer,
        "signed_at": moment(document.signed_at),
        "sha256": document.sha256,
        "url": f"/api/v1/dossiers/{dossier.code}/result.pdf",
    }


def _issued(dossier: Dossier, document: Any) -> dict[str, Any]:
    return {
        "id": document.pk,
        "kind": document.kind,
        "signed_by": document.signer,
        "signed_at": moment(document.signed_at),
        "sha256": document.sha256,
        "url": f"/api/v1/dossiers/{dossier.code}/documents/{document.pk}.pdf",
    }


def _helper(dossier: Dossier) -> dict[str, Any] | None:
    helper = dossier.helper if dossier.helper_id is not None else None
    if helper is None:
        return None
    return {"team": helper.team, "consent": (dossier.consent or {}).get("method")}


def _transfers(dossier: Dossier) -> list[dict[str, Any]]:
    return [
        {
            "from_agency": t.from_agency.code,
            "to_agency": t.to_agency.code,
            "reason": t.reason,
            "at": moment(t.at),
        }
        for t in dossier.transfers.all()
    ]


def _parts(dossier: Dossier, now: datetime) -> list[dict[str, Any]]:
    return [
        {
            "part": p.position,
            "name": p.name,
            "agency": p.agency.code,
            "role": p.role,
            "stage": p.stage,
            "share_percent": p.share_percent,
            "system": p.system or None,
            "status": p.state,
            "handed_over_at": moment(p.handed_over_at),
            "acknowledged_at": moment(p.acknowledged_at),
            "due_at": moment(p.due_at),
            "finished_at": moment(p.finished_at),
            "late": deadlines.part_is_late(p, now),
            "result": _issued(dossier, p.result_document) if p.result_document_id else None,
        }
        for p in dossier.parts.all()
    ]


def _results(dossier: Dossier) -> list[dict[str, Any]]:
    """The result set the applicant receives: the lead's result and each part's."""
    found = [_issued(dossier, dossier.result_document)] if dossier.result_document_id else []
    return found + [
        _issued(dossier, p.result_document) for p in dossier.parts.all() if p.result_document_id
    ]
