"""A dossier's status change in the national portal's data schema (docs/integrations.md).

The record is drawn up inside the transaction of the change it announces (`services.enqueue`),
so each message carries the dossier as it was at that change, and sent as it is by the outbox.
Field names follow the one-stop systems that sync with the national portal (OpenCPS's
`DongBoHoSoMC` dossier body and its processing-history entity); the table in
docs/integrations.md says which come from where and which are our assumption.
"""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from motcua.dossiers.models import Dossier, Event, Task

SERVICE = "DongBoHoSoMC"  # the national portal's service that takes a one-stop dossier

# Our status → the national portal's TrangThaiHoSo code. OpenCPS maps each status through a
# table each province fills in (DossierStatusMapping); these codes are our assumption.
STATUS_CODES = {
    "received": "2",  # Được tiếp nhận
    "in_progress": "4",  # Đang xử lý
    "waiting_supplement": "5",  # Yêu cầu bổ sung giấy tờ
    "approved": "4",  # still being processed until the result is signed
    "rejected": "3",  # Không được tiếp nhận / từ chối
    "result_signed": "9",  # Đã xử lý xong
    "returned": "10",  # Đã trả kết quả
    "withdrawn": "7",  # Công dân yêu cầu rút hồ sơ
    "closed": "8",  # Dừng xử lý
}
# HinhThuc: how the result is delivered (OpenCPS: 0 directly, 1 by post).
DELIVERY_CODES = {"postal": "1"}
# KenhThucHien: how the dossier was filed (our assumption: 1 directly, 2 online, 3 by post).
CHANNEL_CODES = {"counter": "1", "online": "2", "postal": "3"}


def as_time(value: datetime | None) -> str:
    """The portal's date-time: local time, yyyyMMddHHmmss (OpenCPS's convertDate2String)."""
    return timezone.localtime(value).strftime("%Y%m%d%H%M%S") if value else ""


def _step(tasks: list[Task], at: datetime) -> Task | None:
    """The process step that was active at `at`."""
    active = [t for t in tasks if t.started_at and t.started_at <= at]
    return active[-1] if active else None


def history(dossier: Dossier) -> list[dict[str, Any]]:
    """QuaTrinhXuLy: who did what at which step and when, from the dossier's event log."""
    tasks = list(dossier.tasks.all())
    rows = []
    for event in dossier.events.all():  # in order (Event.Meta.ordering), or as prefetched
        step = _step(tasks, event.created_at)
        rows.append(
            {
                "MaHoSo": dossier.national_code or dossier.code,
                "NguoiXuLy": event.actor,
                "ChucDanh": event.actor_role,
                "ThoiDiemXuLy": as_time(event.created_at),
                "PhongBanXuLy": step.name if step else dossier.handling_agency.name,
                "NoiDungXuLy": event.action,
                "TrangThai": STATUS_CODES.get(event.status_after, ""),
                "NgayBatDau": as_time(step.started_at) if step else "",
                "NgayKetThucTheoQuyDinh": as_time(step.due_at) if step else "",
            }
        )
    return rows


def _result(dossier: Dossier) -> list[dict[str, Any]]:
    """DanhSachGiayToKetQua: the signed result, with its number and where to fetch it."""
    issued = dossier.result_document
    if issued is None:
        return []
    return [
        {
            "TenGiayTo": dossier.procedure_version.name,
            "MaKetQua": issued.kind,
            "SoKyHieu": dossier.code,
            "GiayToId": str(issued.pk),
            "DuongDanTepTinKetQua": (
                f"{settings.MOTCUA_PUBLIC_URL}/api/v1/dossiers/{dossier.code}/result.pdf"
            ),
            "MaHashTepTin": issued.sha256,
        }
    ]


def _fees(dossier: Dossier) -> list[dict[str, Any]]:
    """DanhSachLePhi: the fee lines, with whether they are paid."""
    lines = dossier.fee_lines or (
        [{"name": "", "amount_vnd": dossier.fee_amount_vnd}] if dossier.fee_amount_vnd else []
    )
    return [
        {
            "TenPhiLePhi": str(line.get("name", "")),
            "MaPhiLePhi": str(line.get("fee", "")),
            "HinhThucThu": "1",  # collected at filing
            "Gia": str(line.get("amount_vnd") or 0),
            "LoaiPhiLePhi": "1",
        }
        for line in lines
    ]


def record(dossier: Dossier, *, action: str, status: str, at: str) -> dict[str, Any]:
    """The dossier as the national portal stores it, at the change `action` → `status`."""
    applicant = dossier.applicant if isinstance(dossier.applicant, dict) else {}
    national = dossier.national_code or ""
    body = {
        "MaHoSo": national or dossier.code,
        "SoBienNhan": dossier.code,
        "MaTTHC": dossier.procedure_version.procedure.code,
        "TenTTHC": dossier.procedure_version.name,
        "MaDonVi": dossier.handling_agency.code,
        "DonViXuLy": dossier.handling_agency.name,
        "ChuHoSo": dossier.applicant_name,
        "LoaiDoiTuong": "2" if applicant.get("kind") == "organisation" else "1",
        "MaDoiTuong": dossier.applicant_id_number,
        "KenhThucHien": CHANNEL_CODES.get(dossier.channel, ""),
        "HinhThuc": DELIVERY_CODES.get((dossier.delivery or {}).get("method", ""), "0"),
        "TrangThaiHoSo": STATUS_CODES.get(status, ""),
        "NgayTiepNhan": as_time(dossier.received_at),
        "NgayHenTra": as_time(dossier.due_at),
        "NgayKetThucXuLy": as_time(dossier.finished_at),
        "NgayTra": as_time(dossier.returned_at),
        "ThoiDiemCapNhat": at,
        "HanhDong": action,
        "QuaTrinhXuLy": history(dossier),
        "DanhSachGiayToKetQua": _result(dossier),
        "DanhSachLePhi": _fees(dossier),
        "TrangThaiThanhToan": "1" if dossier.fee_paid_at else "0",
        "NgayThanhToan": as_time(dossier.fee_paid_at),
    }
    if action == "apologize":
        events = Event.objects.filter(dossier=dossier, action="apologize").order_by("-seq")
        apology = events.values_list("payload", flat=True).first() or {}
        old = parse_datetime(str(apology.get("old_due_at") or ""))
        body["NgayHenTraTruoc"] = as_time(old)
        body["NgayHenTraMoi"] = as_time(dossier.due_at)
    return {"service": SERVICE, "isUpdating": action != "receive", "data": [body]}


def status_message(code: str, payload: dict[str, Any], dossier: Any = None) -> dict[str, Any]:
    """The national portal's message of a `dossier.status` change: ours plus `national`.

    `dossier`: the dossier as its caller just wrote it (with its tasks and events), or None to
    read it."""
    if dossier is None:
        dossier = (
            Dossier.objects.select_related(
                "procedure_version__procedure", "handling_agency", "result_document"
            )
            .filter(code=code)
            .first()
        )
    if dossier is None:
        return payload
    action = str(payload.get("action") or "receive")
    national = record(dossier, action=action, status=str(payload["status"]), at=payload["at"])
    return {**payload, "national_code": dossier.national_code, "national": national}
