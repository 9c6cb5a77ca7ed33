"""Demo data for the integrity pages (`motcua demo integrity`, after `motcua load_demo`).

A registered community helper files for residents of Hoàn Kiếm (never flagged); a broker files
for unrelated people across the demo wards late at night with one phone (flagged at intake and
by the scan); an official twice asks for papers the procedure does not list (flagged); residents
and a newspaper complain. Idempotent: a second run changes nothing. Never run in production.
"""

import random
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from motcua.catalog.models import ProcedureVersion, VersionStatus
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.documents.pdf import blank_pdf
from motcua.documents.services import store_upload
from motcua.dossiers import selectors
from motcua.dossiers import services as dossiers
from motcua.geography.models import Agency
from motcua.identity.connectors import sandbox_registry
from motcua.identity.models import CommunityHelper
from motcua.identity.services import register_helper
from motcua.integrity import services
from motcua.integrity.models import Complaint, IntegrityEvent, KeyKind, StandingKind

BIRTH = "1.001193"
WARDS = ("00070", "00008", "00004")
BROKER, HELPER = "dichvu.nhanh", "tocns.hoankiem"
BROKER_PHONE = "0987000111"


def register_demo_citizen(citizen: AbstractBaseUser, *, coordinator: AbstractBaseUser) -> None:
    """The demo citizen files the sample dossiers for many sandbox residents: registered as an
    authorised representative so that the oversight does not take the demo for a broker."""
    services.register_standing(
        [(KeyKind.ACCOUNT, str(citizen.pk))],
        actor=coordinator,
        kind=StandingKind.AUTHORISED,
        holder=citizen.get_username(),
        mandate="Tài khoản trình diễn: nộp hồ sơ mẫu cho cư dân của môi trường thử nghiệm",
    )


def _account(username: str) -> tuple[AbstractBaseUser, bool]:
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
    return user, created


def _payload(
    person: sandbox_registry.Person, version: ProcedureVersion, filer: AbstractBaseUser, unit: str
) -> dict[str, Any]:
    upload = store_upload(SimpleUploadedFile("to-khai.pdf", blank_pdf("Tờ khai")), actor=filer)
    return {
        "procedure": BIRTH,
        "channel": "online",
        "receiving_point": f"MC-{unit}",
        "competent_unit": unit,
        "applicant": {
            "id_number": person.id_number,
            "full_name": person.full_name,
            "date_of_birth": person.date_of_birth,
            "phone": BROKER_PHONE,
        },
        "documents": [
            {"requirement": d.pk, "from_data": True}
            if d.replaceable_by
            else {"requirement": d.pk, "file": upload.pk}
            for d in version.documents.all()
            if d.required
        ],
        "delivery": {"method": "online"},
        "form": {},
    }


def _people(version: ProcedureVersion, count: int, rng: random.Random) -> list[Any]:
    sources = {d.replaceable_by for d in version.documents.all() if d.required and d.replaceable_by}
    held = [
        p
        for p in sandbox_registry.people().values()
        if all(sandbox_registry.facts(source, p) for source in sources)
    ]
    return rng.sample(held, count)


def _file_many(
    filer: AbstractBaseUser, people: list[Any], moments: list[datetime], **extra: Any
) -> int:
    version = ProcedureVersion.objects.get(procedure__code=BIRTH, status=VersionStatus.PUBLISHED)
    for index, (person, at) in enumerate(zip(people, moments, strict=True)):
        data = {**_payload(person, version, filer, WARDS[index % len(WARDS)]), **extra}
        if extra.get("consent"):
            data["applicant"]["phone"] = ""
            data["competent_unit"], data["receiving_point"] = WARDS[0], f"MC-{WARDS[0]}"
        with clock.frozen(at):
            dossiers.receive_dossier(data, actor=filer)
    return len(people)


def load_demo_integrity(seed: int = 8) -> dict[str, int]:
    """Plant the demo's integrity cases (idempotent) and run the scan."""
    users = get_user_model().objects
    coordinator = users.get(username="dieuphoi")
    rng = random.Random(seed)
    version = ProcedureVersion.objects.get(procedure__code=BIRTH, status=VersionStatus.PUBLISHED)
    made = {"helper_dossiers": 0, "broker_dossiers": 0, "complaints": 0}
    now = timezone.localtime()
    people = _people(version, 18, rng)
    helper, created = _account(HELPER)
    if not CommunityHelper.objects.filter(user=helper).exists():
        register_helper(
            HELPER,
            unit=WARDS[0],
            team="Tổ công nghệ số phường Hoàn Kiếm",
            consent={"method": "vneid_confirmation"},
            actor=coordinator,
        )
        days = [now - timedelta(days=d, hours=3) for d in range(8, 0, -1)]
        made["helper_dossiers"] = _file_many(
            helper, people[:8], days, consent={"method": "vneid_confirmation"}
        )
    broker, created = _account(BROKER)
    if created:
        nights = [
            (now - timedelta(days=d)).replace(
                hour=rng.choice([22, 23, 0, 1]), minute=rng.randrange(60)
            )
            for d in range(10, 0, -1)
        ]
        made["broker_dossiers"] = _file_many(broker, people[8:18], [min(n, now) for n in nights])
    made["complaints"] = _complaints(coordinator)
    _extra_requests()
    services.scan()
    return made


def _complaints(coordinator: AbstractBaseUser) -> int:
    if Complaint.objects.exists():
        return 0
    agency = Agency.objects.get(role="commune_committee", unit__code=WARDS[0]).code
    filed = [
        {
            "agency": agency,
            "category": "extra_documents",
            "contact": "0912000222",
            "text": "Cán bộ yêu cầu nộp thêm bản sao sổ hộ khẩu dù thủ tục không yêu cầu.",
        },
        {
            "agency": agency,
            "category": "delay",
            "contact": "nguoidan@example.vn",
            "text": "Hồ sơ đã quá hẹn ba ngày mà chưa có kết quả.",
        },
        {
            "agency": agency,
            "category": "broker",
            "contact": "0912000333",
            "text": "Có người đứng ngoài bộ phận một cửa mời làm hồ sơ nhanh lấy tiền.",
        },
    ]
    for data in filed:
        services.file_complaint(data, actor=None)
    services.file_complaint(
        {
            "agency": agency,
            "category": "conduct",
            "source": "media",
            "contact": "Báo Hà Nội Mới",
            "text": "Bài báo phản ánh thái độ cán bộ tiếp dân tại bộ phận một cửa.",
        },
        actor=coordinator,
    )
    return len(filed) + 1


def _extra_requests() -> None:
    """An official of Hoàn Kiếm asks twice for a paper the procedure does not list."""
    official = get_user_model().objects.get(username="cb.hoankiem")
    if IntegrityEvent.objects.filter(official=official).exists():
        return
    rows = selectors.visible_dossiers(official).filter(
        status="in_progress", handling_agency__unit__code=WARDS[0]
    )
    for dossier in rows[:2]:
        try:
            dossiers.request_supplement(
                dossier,
                actor=official,
                items=[{"requirement": 999999, "reason": "Nộp thêm bản sao sổ hộ khẩu"}],
            )
        except DomainError:
            continue  # refused and recorded, as DOMAIN P1 requires
