"""The filing form's parts both sites use: the portal's online filing and the counter's intake
in the workspace (the units to choose, the documents' answers)."""

from typing import Any

from django.http import HttpRequest

from motcua.catalog.models import Level, ProcedureVersion, RequiredDocument
from motcua.core.text import vietnamese_sort_key
from motcua.documents import selectors as uploads
from motcua.documents.services import store_upload
from motcua.geography import selectors as geography
from motcua.web.forms import positive_id


def units() -> list[tuple[str, str]]:
    """The wards and communes of the province, by name, for a commune-level procedure."""
    province = geography.units().filter(parent__isnull=True).first()
    rows = geography.units(parent=province.code) if province else geography.units().none()
    return sorted(((u.code, u.name) for u in rows), key=lambda row: vietnamese_sort_key(row[1]))


def unit_choices(version: ProcedureVersion) -> list[tuple[str, str]]:
    return units() if version.level == Level.COMMUNE else []


def service_points() -> list[tuple[str, str]]:
    return [(p.code, p.name) for p in geography.service_points().order_by("name")]


def document_items(choices: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the documents of the intake request (shared/API.md) from the chosen answers."""
    items = []
    for requirement, choice in choices.items():
        item: dict[str, Any] = {"requirement": int(requirement)}
        if choice.get("from_data"):
            item["from_data"] = True
        elif choice.get("wallet_item"):
            item["wallet_item"] = choice["wallet_item"]
        else:
            item["file"] = choice["file"]
        items.append(item)
    return items


def document_choice(
    request: HttpRequest,
    requirement: RequiredDocument,
    kept: dict[str, Any] | None,
    wallet: dict[int, Any],
) -> dict[str, Any] | None:
    """Read one requirement's answer: national data, the wallet, an upload or a posted file."""
    key = requirement.pk
    if requirement.replaceable_by and request.POST.get(f"from_data_{key}"):
        return {"from_data": True}
    wallet_id = positive_id(request.POST.get(f"wallet_{key}", ""))
    if wallet_id in wallet:
        return {"wallet_item": wallet_id, "name": wallet[wallet_id].name}
    upload_id = positive_id(request.POST.get(f"upload_{key}", ""))
    upload = uploads.own_upload(request.user, upload_id) if upload_id else None
    if upload is not None:
        return {"file": upload.pk, "name": upload.name}
    posted = request.FILES.get(f"file_{key}")
    if posted is not None:  # no JavaScript: the file came with the form
        stored = store_upload(posted, actor=request.user)
        return {"file": stored.pk, "name": stored.name}
    if kept and not kept.get("from_data"):
        return kept
    return None
