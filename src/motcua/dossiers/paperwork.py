"""The documents a dossier produces (TT03 Forms 01–04 and results), drawn up from its data.

Each function returns a `documents.services.Draft`; the dossier services issue it (render, sign
as the agency, store) inside the transaction of the change it records.
"""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog import result_papers
from motcua.catalog.models import DocumentKind as RequirementKind
from motcua.catalog.models import TimeUnit
from motcua.catalog.result_papers import ResultField, ResultTemplate
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.documents.models import DocumentKind
from motcua.documents.pdf import qr_data_uri, vietnamese_date
from motcua.documents.services import Draft
from motcua.dossiers import deadlines
from motcua.dossiers.models import Channel, Dossier
from motcua.geography.models import Agency, ServicePoint
from motcua.geography.selectors import province_name
from motcua.identity.models import Membership

_KIND_VI = {
    RequirementKind.ORIGINAL: "Bản chính",
    RequirementKind.COPY: "Bản sao",
    RequirementKind.CERTIFIED_COPY: "Bản sao chứng thực",
    RequirementKind.FORM: "Mẫu đơn, tờ khai",
    RequirementKind.PRESENT: "Xuất trình để đối chiếu",
}
_UNIT_VI = {
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.WORKING_HOURS: "giờ làm việc",
    TimeUnit.DAYS: "ngày",
}
_SOURCE_VI = {
    "population_db": "Khai thác từ Cơ sở dữ liệu quốc gia về dân cư (VNeID)",
    "civil_status_db": "Khai thác từ Cơ sở dữ liệu hộ tịch điện tử",
    "business_registry": "Khai thác từ Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp",
    "land_db": "Khai thác từ Cơ sở dữ liệu đất đai",
}


class ResultIncomplete(DomainError):
    code = "result_incomplete"
    message = _("The result cannot be drawn up: the dossier lacks %(fields)s.")


def track_url(code: str = "") -> str:
    return f"{settings.MOTCUA_PUBLIC_URL}/track/{code}"


def verify_url() -> str:
    return f"{settings.MOTCUA_PUBLIC_URL}/verify/"


def moment_line(moment: datetime | None) -> str:
    """Return '09 giờ 15 phút, ngày 24/11/2026' (Form 01's wording), or a dash."""
    if moment is None:
        return "—"
    local = timezone.localtime(moment)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def _short(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y}"


# A procedure whose catalog entry sets no time limit has no appointment to print (Form 01's
# items 3 and 5): the slip says so, as the pages do, instead of a same-day result or a dash.
NO_TIME_LIMIT = "chưa quy định trong danh mục thủ tục hành chính"
NO_DUE_DATE = "cơ quan giải quyết sẽ thông báo cho người nộp hồ sơ"


def _time_limit(dossier: Dossier) -> str:
    version = dossier.procedure_version
    if version.time_limit_value is None:
        return NO_TIME_LIMIT
    if not version.time_limit_value:
        return "trả kết quả ngay trong ngày"
    unit = _UNIT_VI.get(version.time_limit_unit, version.time_limit_unit)
    return f"{version.time_limit_value:02d} {unit}"


def _delivery(dossier: Dossier) -> str:
    delivery = dossier.delivery or {}
    method = delivery.get("method", "online")
    if method == "postal":
        return f"qua dịch vụ bưu chính công ích, địa chỉ: {delivery.get('address', '')}".strip()
    if method == "counter":
        point = delivery.get("point") or dossier.receiving_point.code
        found = ServicePoint.objects.filter(code=point).first()
        return f"Bộ phận Một cửa: {found.name if found else point}"
    return "trực tuyến, trên tài khoản của người nộp (bản điện tử có ký số)"


def _header(agency: Agency, *, code: str) -> dict[str, Any]:
    return {
        "parent_name": agency.parent.name if agency.parent_id else "",
        "agency_name": agency.name,
        "agency_name_plain": agency.name,
        "signer_name": agency.name,
        "number": code,
        "place": province_name(),
    }


def _common(dossier: Dossier) -> dict[str, Any]:
    version = dossier.procedure_version
    return {
        "code": dossier.code,
        "applicant": dossier.applicant,
        "procedure_name": version.name,
        "procedure_code": version.procedure.code,
        "procedure_version": version.number,
        "point_name": dossier.receiving_point.name,
        "received_short": _short(dossier.received_at),
        "track_url": track_url(dossier.code),
    }


def _received_documents(dossier: Dossier) -> list[dict[str, Any]]:
    rows = []
    for document in dossier.documents.filter(round=0).select_related("requirement"):
        requirement = document.requirement
        if document.from_data:
            form = _SOURCE_VI.get(document.from_data, "Khai thác từ cơ sở dữ liệu")
        elif document.digitised_at is not None:
            form = "Bản chụp điện tử từ bản giấy (đã số hóa)"
        else:
            form = "Bản điện tử nộp trực tuyến"
        rows.append(
            {
                "name": requirement.name,
                "kind": _KIND_VI.get(requirement.kind, requirement.kind),
                "form": form,
                "quantity": f"{requirement.quantity:02d}",
            }
        )
    return rows


def _afternoon(dossier: Dossier) -> dict[str, Any]:
    """The 15:00 rule as the receipt words it (Decree 118/2025 Art 18(2))."""
    rule = deadlines.afternoon_rule(dossier)
    forwarded = rule["forwarded_at"]
    return {
        "forwarded_line": moment_line(forwarded) if forwarded else "",
        "same_day_next_day": rule["same_day_next_day"],
    }


def fee_line(dossier: Dossier) -> str:
    """The fee as the receipt words it, with the reason when a rule set it (e.g. an online
    waiver: "0 đồng (miễn theo Nghị quyết 77/2025/NQ-HĐND)"); "" when the schedule has none."""
    priced = dossier.fee_rule or {}
    if not priced:
        return ""
    amount = priced.get("amount_vnd")
    if amount is None:
        return "công chức xác nhận mức thu trước khi thu"
    words = f"{amount:,}".replace(",", ".") + " đồng"
    rule = priced.get("rule")
    return f"{words} ({rule['reason']})" if rule else words


def position_of(
    user: AbstractBaseUser, *, agency: Agency | None = None, service_point: Any = None
) -> str:
    """Return the official's position (chức vụ) at the agency or point, "" when not recorded."""
    memberships = Membership.objects.filter(user=user).exclude(position="")
    if agency is not None:
        memberships = memberships.filter(agency=agency)
    if service_point is not None:
        memberships = memberships.filter(service_point=service_point)
    return memberships.values_list("position", flat=True).order_by("pk").first() or ""


def signature_lines(agency: Agency, position: str) -> tuple[str, ...]:
    """The lines of a signature block above the signer's name (Decree 30/2020, Appendix I):
    "TM." for a collegial body (a People's Committee), "KT." when a deputy signs for the head,
    then the signer's own position: TM. Ủy ban nhân dân / KT. Chủ tịch / Phó Chủ tịch."""
    lines: list[str] = []
    if agency.name.lower().startswith("ủy ban nhân dân"):
        lines.append("TM. Ủy ban nhân dân")
    if position.lower().startswith("phó "):
        head = position[4:]
        lines.append(f"KT. {head[:1].upper()}{head[1:]}")
    lines.append(position)
    return tuple(lines)


def person_name(user: AbstractBaseUser) -> str:
    """Return an official's full name in Vietnamese order (family name first), never the login."""
    parts = (getattr(user, "last_name", ""), getattr(user, "first_name", ""))
    return " ".join(part.strip() for part in parts if part and part.strip())


def receipt(
    dossier: Dossier, *, due_at: datetime | None, officer: AbstractBaseUser | None
) -> Draft:
    """Form 01: the receipt and appointment slip, issued by the point that received it.

    `officer` is the official who received it at the counter; None when received online."""
    point = dossier.receiving_point
    context = {
        **_header(point.agency, code=dossier.code),
        **_common(dossier),
        "title": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "date_line": vietnamese_date(dossier.received_at),  # dated the day it was received
        "parent_name": point.agency.name,
        "agency_name": point.name,
        "qr": qr_data_uri(track_url(dossier.code)),
        "submitter": dossier.submitter,
        "handling_agency": dossier.handling_agency.name,
        "channel": Channel(dossier.channel).label,
        "online": dossier.channel == Channel.ONLINE,
        "documents": _received_documents(dossier),
        "time_limit": _time_limit(dossier),
        "received_line": moment_line(dossier.received_at),
        "due_line": moment_line(due_at) if due_at else NO_DUE_DATE,
        "afternoon": _afternoon(dossier),
        "fee_line": fee_line(dossier),
        "delivery": _delivery(dossier),
        "sequence": dossier.code.rsplit("-", 1)[-1],
        "filer_name": (dossier.submitter or dossier.applicant).get("full_name", ""),
        "officer_title": (position_of(officer, service_point=point) or "Công chức tiếp nhận hồ sơ")
        if officer
        else "",
        "officer_name": person_name(officer) if officer else "Hệ thống tiếp nhận trực tuyến",
    }
    return Draft(
        DocumentKind.RECEIPT,
        dossier.code,
        point.agency,
        "documents/pdf/receipt.html",
        context,
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    )


def supplement_request(
    dossier: Dossier, *, items: list[dict[str, Any]], note: str, paused_at: datetime
) -> Draft:
    """Form 02: every item to add or fix, with its reason, in one request (DOMAIN P1)."""
    names = {d.pk: d.requirement.name for d in dossier.documents.select_related("requirement")}
    listed = {r.pk: r.name for r in dossier.procedure_version.documents.all()}
    rows = [
        {
            "name": listed.get(item.get("requirement"))
            or names.get(item.get("document"), "")
            or item.get("name", ""),
            "reason": item.get("reason", ""),
        }
        for item in items
    ]
    agency = dossier.handling_agency
    context = {
        **_header(agency, code=dossier.code),
        **_common(dossier),
        "title": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        "items": rows,
        "note": note,
        "round": dossier.supplement_rounds,
        "paused_line": moment_line(paused_at),
        "signer_title": "Cơ quan giải quyết",
    }
    return Draft(
        DocumentKind.SUPPLEMENT_REQUEST,
        dossier.code,
        agency,
        "documents/pdf/supplement_request.html",
        context,
        "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    )


def refusal(dossier: Dossier, *, reason: str, at_intake: bool) -> Draft:
    """Form 03: the refusal and its legal reason (DOMAIN P2)."""
    title = (
        "Phiếu từ chối tiếp nhận giải quyết hồ sơ"
        if at_intake
        else "Phiếu từ chối giải quyết hồ sơ"
    )
    agency = dossier.handling_agency
    context = {
        **_header(agency, code=dossier.code),
        **_common(dossier),
        "title": title,
        "reason": reason,
        "signer_title": "Cơ quan giải quyết",
    }
    return Draft(
        DocumentKind.REFUSAL, dossier.code, agency, "documents/pdf/refusal.html", context, title
    )


def apology(
    dossier: Dossier, *, old_due_at: datetime | None, new_due_at: datetime, reason: str
) -> Draft:
    """Form 04: the apology and the new appointment (DOMAIN T8, I6)."""
    agency = dossier.handling_agency
    title = "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
    context = {
        **_header(agency, code=dossier.code),
        **_common(dossier),
        "title": title,
        "reason": reason,
        "old_due_line": moment_line(old_due_at),
        "new_due_line": moment_line(new_due_at),
        "signer_title": "Cơ quan giải quyết",
    }
    return Draft(
        DocumentKind.APOLOGY, dossier.code, agency, "documents/pdf/apology.html", context, title
    )


def transfer_notice(
    dossier: Dossier, *, from_agency: Agency, reason: str, old_due_at: datetime | None
) -> Draft:
    """The notice that a misdirected dossier went on to the competent agency, and its new date
    (Decree 118/2025 Art 17(2)(a)); issued by the competent agency, which now holds it."""
    agency = dossier.handling_agency
    title = "Thông báo chuyển hồ sơ đến cơ quan có thẩm quyền giải quyết"
    context = {
        **_header(agency, code=dossier.code),
        **_common(dossier),
        "title": title,
        "reason": reason,
        "from_agency_name": from_agency.name,
        "clock_line": moment_line(dossier.clock_started_at),
        "old_due_line": moment_line(old_due_at) if old_due_at else "",
        "new_due_line": moment_line(dossier.due_at),
        "signer_title": "Cơ quan giải quyết",
    }
    return Draft(
        DocumentKind.TRANSFER_NOTICE,
        dossier.code,
        agency,
        "documents/pdf/transfer.html",
        context,
        title,
    )


_SYSTEM_VI = {
    "civil_status": "Hệ thống đăng ký, quản lý hộ tịch (Bộ Tư pháp)",
    "residence": "Hệ thống quản lý cư trú (Bộ Công an)",
    "social_insurance": "Hệ thống của Bảo hiểm xã hội Việt Nam",
}


def part_result(part: Any, *, facts: dict[str, Any]) -> Draft:
    """The signed result of one agency's part of a joint dossier (Decree 118/2025 Art 20),
    issued by that agency; for a part resolved on another system, what that system returned."""
    dossier = part.dossier
    agency = part.agency
    title = f"Kết quả giải quyết: {part.name}"
    version = part.procedure_version
    context = {
        **_header(agency, code=dossier.code),
        **_common(dossier),
        "title": title,
        "group_name": dossier.group.name if dossier.group_id else dossier.procedure_version.name,
        "part_name": part.name,
        "procedure_code_part": version.procedure.code if version else "",
        "number": facts.get("number") or f"{dossier.code}/{part.position}",
        "note": facts.get("note") or "",
        "system_name": _SYSTEM_VI.get(part.system, ""),
        "acknowledged_line": moment_line(part.acknowledged_at),
        "due_line": moment_line(part.due_at),
        "finished_line": moment_line(clock.now()),
        "signer_title": "Cơ quan tham gia liên thông",
    }
    return Draft(
        DocumentKind.PART_RESULT,
        dossier.code,
        agency,
        "documents/pdf/part_result.html",
        context,
        title,
    )


def _signer_lines(
    template: ResultTemplate, agency: Agency, signer: AbstractBaseUser | None
) -> tuple[str, ...]:
    """From the signer's position at the agency when it is recorded, else the template's."""
    position = position_of(signer, agency=agency) if signer is not None else ""
    return signature_lines(agency, position) if position else template.signer_lines


# --- Results the system draws up itself (the version's template, catalog data) ---------------

# A result for an organisation applicant (issue 22) names it: its registered name, its code, its
# representative.
_ORGANISATION = (
    ResultField("Tên tổ chức", "applicant.name"),
    ResultField("Mã số doanh nghiệp", "applicant.enterprise_code"),
    ResultField("Địa chỉ trụ sở", "applicant.address", required=False),
    ResultField("Người đại diện theo pháp luật", "applicant.representative.full_name"),
)


def _value(dossier: Dossier, source: str) -> str:
    where, key = source.split(".", 1)
    data = dossier.form if where == "form" else dossier.applicant
    value: Any = data or {}
    for part in key.split("."):  # "applicant.representative.full_name"
        value = value.get(part, "") if isinstance(value, dict) else ""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"  # ISO date → dd/mm/yyyy
    return str(value).strip() if value is not None else ""


def has_result_template(dossier: Dossier) -> bool:
    return bool(dossier.procedure_version.result_template)


def result(dossier: Dossier, *, signer: AbstractBaseUser | None = None) -> Draft:
    """The procedure's electronic result, drawn up from the dossier's form by its version's
    result template (DOMAIN P3); `signer` is the leader who signs it, named under the signature
    block."""
    template = result_papers.template(dossier.procedure_version)
    if template is None:
        raise ValueError(f"{dossier.procedure_version} has no result template")
    return result_draft(dossier, template, signer=signer)


def result_draft(
    dossier: Dossier, template: ResultTemplate, *, signer: AbstractBaseUser | None = None
) -> Draft:
    """A result paper from `template` and the dossier's data (ResultIncomplete if a required
    field is empty)."""
    fields, missing = [], []
    specs = template.fields
    if dossier.applicant_kind == "organisation" and not any(
        s.source == "applicant.enterprise_code" for s in specs
    ):
        specs = (*_ORGANISATION, *specs)  # the result names the organisation and its code
    for spec in specs:
        value = _value(dossier, spec.source) or spec.default
        if not value and spec.required:
            missing.append(spec.source)
        fields.append((spec.label, value or "—"))
    if missing:
        raise ResultIncomplete(
            fields={"form": missing},
            params={"fields": ", ".join(missing)},
        )
    version = dossier.procedure_version
    agency = dossier.handling_agency
    context = {
        **_header(agency, code=dossier.code),
        "code": dossier.code,
        "title": template.title,
        "preamble": template.preamble,
        "fields": fields,
        "legal_basis": "; ".join(
            str(b.get("name", b) if isinstance(b, dict) else b) for b in version.legal_basis[:3]
        ),
        "signer_lines": _signer_lines(template, agency, signer),
        "signer_person": person_name(signer) if signer is not None else "",
        "verify_url": verify_url(),
    }
    return Draft(
        DocumentKind.RESULT, dossier.code, agency, "documents/pdf/result.html", context, "Kết quả"
    )
