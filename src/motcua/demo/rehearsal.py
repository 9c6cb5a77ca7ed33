"""Write a simulated month (integrity.simulation) into the database, run the real scan over
it, and measure how well the scan tells the planted brokers from everyone else.

Rows are inserted in bulk, as an import would: the month stands for a city's filings, which
the intake service would take hours to replay. Never run against production data: every row
is tagged with the seed (codes `SIM<seed>-…`, accounts `sim<seed>-…`), and a seed that is
already in the database is refused.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from motcua.catalog.models import Level, ProcedureVersion, VersionStatus
from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.demo import simulation
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Status
from motcua.geography.models import Agency, ServicePoint
from motcua.identity.models import CommunityHelper, ConsentMethod
from motcua.identity.services import create_official
from motcua.integrity import services
from motcua.integrity.models import Flag, FlagKind, KeyKind, StandingKind
from motcua.payments.models import Payment, PaymentRequest, RequestStatus

BATCH = 2000


@dataclass(frozen=True)
class Report:
    seed: int
    dossiers: int
    brokers: int
    found: int
    flagged: int
    true_flags: int
    helpers_flagged: int
    representatives_flagged: int
    honest_flagged: int
    scan_seconds: float

    @property
    def precision(self) -> float:
        return self.true_flags / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.brokers if self.brokers else 1.0


class AlreadySimulated(Conflict):
    code = "already_simulated"
    message = "This seed's month is already in the database: use another seed or database."


def _version() -> ProcedureVersion:
    return (
        ProcedureVersion.objects.filter(
            status=VersionStatus.PUBLISHED,
            source="curated",  # one the rehearsal knows, whatever else the catalog holds
            level=Level.COMMUNE,
            agency_role="commune_committee",
        )
        .order_by("procedure__code")
        .first()
    )


def _users(seed: int, month: simulation.Month) -> dict[int, int]:
    """Create the month's accounts in bulk; return synthetic id -> user pk."""
    users = get_user_model()
    wanted = {a for actor in month.actors for a in actor.accounts}
    rows = [users(username=f"sim{seed}-{a}", password="!") for a in sorted(wanted)]  # unusable
    for batch in range(0, len(rows), BATCH):
        users.objects.bulk_create(rows[batch : batch + BATCH])
    found = users.objects.filter(username__startswith=f"sim{seed}-").values_list("username", "pk")
    prefix = len(f"sim{seed}-")
    return {int(name[prefix:]): pk for name, pk in found if name[prefix:].isdigit()}


def _register(seed: int, month: simulation.Month, accounts: dict[int, int]) -> Any:
    """Register the helpers (identity) and the lawful representatives (integrity)."""
    centre = create_official(f"sim{seed}-centre", role="coordinator")
    users = get_user_model().objects
    for actor in month.actors:
        if actor.role == "helper":
            CommunityHelper.objects.create(
                user_id=accounts[actor.accounts[0]],
                unit_id=actor.units[0],
                team=f"Tổ công nghệ số {actor.name}",
                registered_by=centre,
                registered_at=clock.now(),
                consent_method=ConsentMethod.VNEID_CONFIRMATION,
                consent_given_at=clock.now(),
            )
        elif actor.role in ("lawyer", "business"):
            kind = StandingKind.LAWYER if actor.role == "lawyer" else StandingKind.BUSINESS
            identities = [(KeyKind.ACCOUNT, str(accounts[a])) for a in actor.accounts]
            services.register_standing(
                [*identities, (KeyKind.PHONE, actor.phone)],
                actor=centre,
                kind=kind,
                holder=actor.name,
                mandate=f"Đăng ký mô phỏng {seed}",
            )
    return users.get(pk=centre.pk)


def _dossier(seed: int, f: simulation.Filing, ctx: dict[str, Any]) -> Dossier:
    agency_id, point_id = ctx["agencies"][f.unit], ctx["points"][f.unit]
    status = Status.REJECTED if f.rejected else Status.IN_PROGRESS
    return Dossier(
        code=f"SIM{seed}-{f.index:07d}",
        procedure_version_id=ctx["version"],
        status=status,
        channel="online" if f.account else "counter",
        receiving_point_id=point_id,
        competent_unit_id=f.unit,
        handling_agency_id=agency_id,
        owner_id=ctx["accounts"][f.account] if f.account else ctx["counter"],
        applicant_id_number=f.applicant_id,
        applicant_name=f.applicant_name,
        applicant={"id_number": f.applicant_id, "full_name": f.applicant_name, "phone": f.phone},
        submitter=f.submitter,
        helper_id=ctx["helpers"].get(f.account) if f.helper else None,
        consent={"method": "vneid_confirmation"} if f.helper else None,
        delivery={"method": "online"},
        received_at=f.received_at,
        due_at=f.received_at + timedelta(days=5),
        legal_due_at=f.received_at + timedelta(days=5),
        supplement_rounds=f.supplement_rounds,
        device=f.device,
    )


@transaction.atomic(durable=True)
def _write(seed: int, month: simulation.Month, ctx: dict[str, Any]) -> None:
    for batch in simulation.batches(month.filings, BATCH):
        Dossier.objects.bulk_create([_dossier(seed, f, ctx) for f in batch])
    paid = [f for f in month.filings if f.payer_account]
    codes = dict(Dossier.objects.filter(code__startswith=f"SIM{seed}-").values_list("code", "pk"))
    for batch in simulation.batches(paid, BATCH):
        requests = PaymentRequest.objects.bulk_create(
            [
                PaymentRequest(
                    dossier_id=codes[f"SIM{seed}-{f.index:07d}"],
                    amount_vnd=50000,
                    paid_vnd=50000,
                    status=RequestStatus.PAID,
                    created_at=f.received_at,
                    paid_at=f.received_at + timedelta(minutes=10),
                )
                for f in batch
            ]
        )
        Payment.objects.bulk_create(
            [
                Payment(
                    request=request,
                    provider="simulation",
                    reference=f"SIM{seed}-{f.index}",
                    amount_vnd=50000,
                    paid_at=f.received_at + timedelta(minutes=10),
                    payer_account=f.payer_account,
                    recorded_at=f.received_at + timedelta(minutes=10),
                )
                for request, f in zip(requests, batch, strict=True)
            ]
        )


def rehearse(seed: int, *, dossiers: int = 20000, end: datetime | None = None) -> Report:
    """Build the seed's month, scan it, and score the scan against the ground truth."""
    if Dossier.objects.filter(code__startswith=f"SIM{seed}-").exists():
        raise AlreadySimulated()
    end = timezone.localtime(end or clock.now())
    version = _version()
    agencies = dict(
        Agency.objects.filter(role=version.agency_role, unit__parent__isnull=False).values_list(
            "unit_id", "pk"
        )
    )
    points = dict(ServicePoint.objects.filter(code__startswith="MC-").values_list("unit_id", "pk"))
    units = sorted(set(agencies) & set(points))
    month = simulation.generate(seed, dossiers=dossiers, units=units, end=end)
    accounts = _users(seed, month)
    _register(seed, month, accounts)
    point = ServicePoint.objects.get(pk=points[units[0]]).code
    counter = create_official(f"sim{seed}-counter", role="receiving_officer", point=point)
    ctx = {
        "version": version.pk,
        "agencies": agencies,
        "points": points,
        "accounts": accounts,
        "counter": counter.pk,
        "helpers": dict(
            CommunityHelper.objects.filter(user_id__in=accounts.values()).values_list(
                "user_id", "pk"
            )
        ),
    }
    ctx["helpers"] = {a: ctx["helpers"][pk] for a, pk in accounts.items() if pk in ctx["helpers"]}
    _write(seed, month, ctx)
    result = services.scan(end=end)
    return _measure(seed, month, accounts, result.seconds)


def _measure(
    seed: int, month: simulation.Month, accounts: dict[int, int], seconds: float
) -> Report:
    truth = month.truth()
    by_pk = {str(pk): str(a) for a, pk in accounts.items()}
    owner: dict[tuple[str, str], str] = {}
    for actor in month.actors:
        for kind, value in _identities(actor):
            owner[(kind, value)] = actor.name
    roles: dict[str, int] = defaultdict(int)
    found: set[str] = set()
    flagged = true_flags = 0
    for kind, value in Flag.objects.filter(kind=FlagKind.BROKER).values_list(
        "key_kind", "key_value"
    ):
        key = (kind, by_pk.get(value, "")) if kind == KeyKind.ACCOUNT else (kind, value)
        if key not in truth and kind == KeyKind.ACCOUNT:
            continue  # an account of another month or of the demo
        role = truth.get(key, "honest")
        role = "honest" if role == "neighbour" else role
        flagged += 1
        roles[role] += 1
        if role == "broker":
            true_flags += 1
            found.add(owner[key])
    brokers = sum(1 for a in month.actors if a.role == "broker")
    return Report(
        seed=seed,
        dossiers=len(month.filings),
        brokers=brokers,
        found=len(found),
        flagged=flagged,
        true_flags=true_flags,
        helpers_flagged=roles["helper"],
        representatives_flagged=roles["lawyer"] + roles["business"],
        honest_flagged=roles["honest"],
        scan_seconds=seconds,
    )


def _identities(actor: simulation.Actor) -> list[tuple[str, str]]:
    found = [(KeyKind.ACCOUNT, str(a)) for a in actor.accounts]
    contacts = (("phone", actor.phone), ("person", actor.person), ("device", actor.device))
    found += [(kind, v) for kind, v in contacts if v]
    return found + ([(KeyKind.BANK, actor.bank)] if actor.bank else [])
