"""Demo data: officials of every role and a few hundred dossiers in every status.

Histories are written through the services with the clock set in the past, so every demo
dossier has a real, verifiable event chain. Never run in production.
"""

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from motcua.catalog import result_papers
from motcua.catalog.models import Level, ProcedureVersion, VersionStatus
from motcua.core import clock
from motcua.demo.integrity import register_demo_citizen
from motcua.documents import signing
from motcua.documents.pdf import blank_pdf, render_pdf, vietnamese_date
from motcua.documents.services import store_upload
from motcua.dossiers import paperwork, services
from motcua.dossiers.models import Dossier
from motcua.geography.models import Agency
from motcua.identity.connectors import sandbox_registry
from motcua.identity.models import Citizen
from motcua.identity.services import create_official

DEMO_WARDS = {"00070": "hoankiem", "00008": "ngocha", "00004": "badinh"}
DEMO_DEPARTMENT = ("H26.03.01", "dkkd")  # business registration office, Department of Finance
TARGETS = [
    "received",
    "in_progress",
    "waiting_supplement",
    "approved",
    "result_signed",
    "returned",
    "returned",
    "returned",
    "rejected",
    "withdrawn",
]
PDF = blank_pdf("Motcua demo document")


@dataclass
class DemoOfficials:
    sign_ins: list[tuple[str, str]] = field(default_factory=list)  # (username, what they are)
    by_ward: dict[str, dict[str, AbstractBaseUser]] = field(default_factory=dict)
    department: dict[str, AbstractBaseUser] = field(default_factory=dict)
    citizen: AbstractBaseUser | None = None
    vneid: AbstractBaseUser | None = None  # the sandbox sign-in's first demo citizen


# The demo officials' names (family name, given names): receiving, handling, approving.
DEMO_NAMES = (
    (("Trần", "Thị Thu Hà"), ("Nguyễn", "Văn Hùng"), ("Lê", "Văn Bình")),
    (("Hoàng", "Thị Lan"), ("Vũ", "Đức Thắng"), ("Bùi", "Thị Minh Nguyệt")),
    (("Đặng", "Thị Hồng"), ("Phan", "Quốc Khánh"), ("Ngô", "Thanh Sơn")),
)


def create_demo_officials() -> DemoOfficials:
    """Create the demo accounts (idempotent), all with the demo password."""
    password = settings.MOTCUA_DEMO_PASSWORD
    demo = DemoOfficials()

    def official(username: str, what: str, **kwargs: Any) -> AbstractBaseUser:
        demo.sign_ins.append((username, what))
        return create_official(username, password=password, **kwargs)

    official("dieuphoi", "coordinator, Service Centre", role="coordinator")
    official("thanhtra", "inspector", role="inspector")
    official("hethong", "system account for integrations", role="system")
    official(
        "tn.trungtam",
        "receiving officer, Service Centre",
        role="receiving_officer",
        point="TT-00",
        full_name=("Phạm", "Thu Trang"),
        position="Công chức tiếp nhận hồ sơ",
    )
    for index, (unit, slug) in enumerate(DEMO_WARDS.items()):
        names = DEMO_NAMES[index % len(DEMO_NAMES)]
        agency = Agency.objects.get(role="commune_committee", unit__code=unit).code
        demo.by_ward[unit] = {
            "receiving": official(
                f"tn.{slug}",
                f"receiving officer, {slug}",
                role="receiving_officer",
                point=f"MC-{unit}",
                full_name=names[0],
                position="Công chức tiếp nhận hồ sơ",
            ),
            "handling": official(
                f"cb.{slug}",
                f"handling officer, {slug}",
                role="handling_officer",
                agency=agency,
                full_name=names[1],
                position="Công chức Tư pháp - Hộ tịch",
            ),
            "approver": official(
                f"ld.{slug}",
                f"approver, {slug}",
                role="approver",
                agency=agency,
                full_name=names[2],
                position="Phó Chủ tịch",
            ),
        }
    code, slug = DEMO_DEPARTMENT
    demo.department = {
        "handling": official(
            f"cb.{slug}",
            "handling officer, business registration",
            role="handling_officer",
            agency=code,
        ),
        "approver": official(
            f"ld.{slug}", "approver, business registration", role="approver", agency=code
        ),
    }
    users = get_user_model().objects
    citizen, created = users.get_or_create(username="congdan")
    if created:
        citizen.set_password(password)
        citizen.save()
    demo.citizen = citizen
    register_demo_citizen(citizen, coordinator=users.get(username="dieuphoi"))
    demo.sign_ins.append(("congdan", "citizen (applicant)"))
    demo.vneid = _vneid_citizen(sandbox_registry.DEMO_CITIZENS[0])
    return demo


def _vneid_citizen(record: tuple[str, str, str, str]) -> AbstractBaseUser:
    """The account a sandbox VNeID sign-in of this demo citizen lands in (identity.oidc), made
    ahead so that the portal's "my dossiers" shows their demo dossiers."""
    number, name, born, sex = record
    user, _created = get_user_model().objects.get_or_create(username=f"cd-{number}")
    Citizen.objects.get_or_create(
        user=user,
        defaults={
            "id_number": number,
            "full_name": name,
            "date_of_birth": date.fromisoformat(born),
            "sex": sex,
            "verified_at": timezone.now(),
        },
    )
    return user


def _holds(version: ProcedureVersion, person: sandbox_registry.Person) -> bool:
    """Whether every national source the version's required documents use holds the person."""
    sources = {d.replaceable_by for d in version.documents.all() if d.required and d.replaceable_by}
    return all(sandbox_registry.facts(source, person) for source in sources)


def _applicant(rng: random.Random, version: ProcedureVersion) -> sandbox_registry.Person:
    """Pick a synthetic person of the sandbox whom every national source the version uses holds."""
    people = list(sandbox_registry.people().values())
    while True:
        person = rng.choice(people)
        if _holds(version, person):
            return person


class _Filer:
    """Build and drive one demo dossier through the services."""

    def __init__(self, demo: DemoOfficials, rng: random.Random) -> None:
        self.demo, self.rng = demo, rng
        self.uploads: dict[int, int] = {}
        self.commune = list(
            ProcedureVersion.objects.filter(
                status=VersionStatus.PUBLISHED,
                source="curated",  # the demo files the curated procedures, whose forms it knows
                level=Level.COMMUNE,
                agency_role="commune_committee",
                time_limit_value__isnull=False,
            ).prefetch_related("documents")
        )
        self.city = list(
            ProcedureVersion.objects.filter(
                status=VersionStatus.PUBLISHED,
                source="curated",
                agency_role="business_registration",
            ).prefetch_related("documents")
        )

    def _upload(self, user: AbstractBaseUser) -> int:
        if user.pk not in self.uploads:
            upload = store_upload(SimpleUploadedFile("ho-so.pdf", PDF), actor=user)
            self.uploads[user.pk] = upload.pk
        return self.uploads[user.pk]

    def file(self, at: datetime) -> tuple[Dossier, dict[str, AbstractBaseUser]]:
        rng = self.rng
        city = rng.random() < 0.15
        version = rng.choice(self.city if city else self.commune)
        unit = rng.choice(list(DEMO_WARDS))
        staff = self.demo.department if city else self.demo.by_ward[unit]
        online = rng.random() < 0.6
        point_unit = rng.choice(list(DEMO_WARDS))
        filer = self.demo.citizen if online else self.demo.by_ward[point_unit]["receiving"]
        person = _applicant(rng, version)
        own = sandbox_registry.people()[sandbox_registry.DEMO_CITIZENS[0][0]]
        if online and rng.random() < 0.3 and _holds(version, own):
            filer, person = self.demo.vneid, own  # the sandbox sign-in's citizen files too
        born = person.date_of_birth
        data = {
            "procedure": version.procedure.code,
            "channel": "online" if online else "counter",
            # online city-level dossiers arrive at the Service Centre's point (as the portal's do)
            "receiving_point": "TT-00" if city and online else f"MC-{point_unit}",
            "competent_unit": "" if city else unit,
            "applicant": {
                "id_number": person.id_number,
                "full_name": person.full_name,
                "date_of_birth": born,
                "address": person.residence,
            },
            "documents": [
                {"requirement": d.pk, "from_data": True}
                if d.replaceable_by
                else {"requirement": d.pk, "file": self._upload(filer)}
                for d in version.documents.all()
                if d.required
            ],
            "delivery": {"method": "online"},
            "form": _demo_form(version.procedure.code, rng, born),
        }
        with clock.frozen(at):
            dossier, _created = services.receive_dossier(data, actor=filer)
        return dossier, {
            **staff,
            "receiving": self.demo.by_ward[point_unit]["receiving"],
            "filer": filer,
        }


NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Châu",
    "Phạm Thu Dung",
    "Hoàng Đức Em",
    "Vũ Thị Giang",
    "Đặng Quốc Huy",
    "Bùi Thanh Hương",
    "Đỗ Mạnh Khang",
    "Ngô Lan Anh",
]


def _demo_form(procedure: str, rng: random.Random, born: date) -> dict[str, Any]:
    """The answers the system's own result templates need (catalog data/result_templates.json)."""
    if procedure == "1.001193":
        child = timezone.localdate() - timedelta(days=rng.randint(3, 50))
        name, mother, father = rng.sample(NAMES, 3)
        return {
            "child_full_name": name,
            "child_date_of_birth": child.isoformat(),
            "child_sex": rng.choice(["Nam", "Nữ"]),
            "place_of_birth": "Bệnh viện Phụ sản Hà Nội",
            "mother_full_name": mother,
            "father_full_name": father,
        }
    if procedure == "1.004873":
        return {"marital_status": "Chưa đăng ký kết hôn với ai", "purpose": "Đăng ký kết hôn"}
    if procedure == "1.010041":
        return {
            "permanent_address": "Số 12 phố Quán Thánh, phường Ba Đình",
            "content": "Thường trú",
        }
    return {}


_RESULT_FIELDS = (
    result_papers.ResultField("Họ, chữ đệm và tên", "applicant.full_name"),
    result_papers.ResultField("Ngày, tháng, năm sinh", "applicant.date_of_birth", required=False),
    result_papers.ResultField("Số định danh cá nhân", "applicant.id_number", required=False),
    result_papers.ResultField("Nơi cư trú", "applicant.address", required=False),
)


def result_paper(dossier: Dossier, *, signer: AbstractBaseUser, at: datetime) -> bytes:
    """The PDF an agency's own software would draw up for a procedure whose result this system
    does not (no result template in the catalog): the catalog's result as the title, the applicant's
    data, the procedure and its legal basis, rendered by the real result template."""
    version = dossier.procedure_version
    title = re.split(r"[(;]", version.result or "", maxsplit=1)[0].strip()
    template = result_papers.ResultTemplate(
        title or "Kết quả giải quyết thủ tục hành chính",
        _RESULT_FIELDS,
        preamble=f"Kết quả giải quyết thủ tục «{version.name}» cho:",
    )
    draft = paperwork.result_draft(dossier, template, signer=signer)
    context = {
        "date_line": vietnamese_date(at),
        "signed_line": signing.printed(signing.signing_time()),
        **draft.context,
    }
    return render_pdf(draft.template, context)


class _Driver:
    """Take one dossier through the services to a target status, an hour per step."""

    def __init__(
        self, dossier: Dossier, staff: dict[str, AbstractBaseUser], at: datetime, rng: random.Random
    ) -> None:
        self.dossier, self.staff, self.at, self.rng = dossier, staff, at, rng

    def run(self, service: Any, who: str, **kwargs: Any) -> None:
        self.at += timedelta(hours=1)
        with clock.frozen(self.at):
            service(Dossier.objects.get(pk=self.dossier.pk), actor=self.staff[who], **kwargs)

    def supplement_round(self, *, answered: bool) -> None:
        first = self.dossier.documents.first()
        self.run(
            services.request_supplement,
            "handling",
            items=[{"document": first.pk, "reason": "Bản chụp bị mờ, đề nghị nộp lại"}],
        )
        if answered:
            item = (
                {"requirement": first.requirement_id, "from_data": True}
                if first.from_data
                else {"requirement": first.requirement_id, "file": first.upload_id}
            )
            self.run(services.supplement, "filer", documents=[item])

    def sign(self) -> None:
        """Sign the result: drawn up from the template, or a PDF drawn up elsewhere."""
        if paperwork.has_result_template(self.dossier):
            try:
                self.run(services.sign_result, "approver")
                return
            except paperwork.ResultIncomplete:
                pass  # the demo's answers lack a field this paper needs: one drawn up elsewhere
        dossier = Dossier.objects.get(pk=self.dossier.pk)
        paper = result_paper(dossier, signer=self.staff["approver"], at=self.at)
        result = store_upload(
            SimpleUploadedFile("ket-qua.pdf", paper), actor=self.staff["approver"]
        )
        self.run(services.sign_result, "approver", result_file=result.pk)

    def to(self, target: str) -> None:
        if target == "withdrawn":
            self.run(services.withdraw, "filer", reason="Người dân rút hồ sơ")
        if target in ("received", "withdrawn"):
            return
        self.run(services.accept, "handling")
        if target == "waiting_supplement" or self.rng.random() < 0.2:
            self.supplement_round(answered=target != "waiting_supplement")
        if target in ("in_progress", "waiting_supplement"):
            return
        if target == "rejected":
            self.run(services.reject, "approver", reason="Không đủ điều kiện theo quy định")
            return
        self.run(services.approve, "approver")
        if target != "approved":
            self.sign()
        if target == "returned":
            self.run(services.return_result, "handling")
            citizen = self.staff["filer"].get_username().startswith(("congdan", "cd-"))
            if self.rng.random() < 0.5 and citizen:
                self.run(services.evaluate, "filer", score=self.rng.choice([3, 4, 5, 5, 5]))


def load_demo_dossiers(demo: DemoOfficials, count: int = 300, *, seed: int = 2026) -> int:
    """File `count` dossiers over the last 40 days and drive each to a status; skip if any."""
    if Dossier.objects.exists():
        return 0
    rng = random.Random(seed)
    filer = _Filer(demo, rng)
    now = timezone.localtime()
    for index in range(count):
        days_ago = rng.randint(0, 40)
        at = (now - timedelta(days=days_ago)).replace(
            hour=rng.randint(7, 18), minute=rng.randint(0, 59), second=0, microsecond=0
        )
        # never in the future, and leave room for the steps that follow (an hour each)
        at = min(at, now - timedelta(hours=8))
        dossier, staff = filer.file(at)
        # recent dossiers are still being worked on; older ones mostly finished
        target = TARGETS[index % len(TARGETS)] if days_ago > 5 else rng.choice(TARGETS[:4])
        _Driver(dossier, staff, at, rng).to(target)
    services.sweep()
    return count
