"""Receive a dossier: validate, route to the competent unit, number it, start its clock."""

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog import fees
from motcua.catalog import selectors as catalog
from motcua.catalog.models import (
    JointGroup,
    Level,
    ProcedureVersion,
)
from motcua.catalog.results import counter_pickup
from motcua.core import clock, kept
from motcua.core.errors import DomainError, Forbidden
from motcua.documents.models import Upload
from motcua.dossiers import deadlines, events, listeners, routing
from motcua.dossiers.models import (
    Channel,
    DaySequence,
    Dossier,
    DossierDocument,
    IdempotencyKey,
)
from motcua.dossiers.services import joint
from motcua.dossiers.services.applicants import check_applicant, check_person
from motcua.dossiers.services.errors import (
    AssuranceTooLow,
    IdempotencyKeyReused,
    invalid,
)
from motcua.dossiers.services.fee_listeners import fee_set
from motcua.dossiers.services.filed_documents import (
    documents_of,
    keep_scans,
    person_id_number,
)
from motcua.dossiers.workflow import Action, Status
from motcua.geography.models import AdministrativeUnit, Agency, ServicePoint
from motcua.identity.models import (
    CommunityHelper,
    ConsentMethod,
    Role,
)
from motcua.identity.selectors import official_scope
from motcua.identity.services import AccessLog, access_log
from motcua.integrations.services import enqueue

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Routing:
    version: ProcedureVersion
    receiving_point: ServicePoint
    competent_unit: AdministrativeUnit
    agency: Agency


def request_hash(body: Any) -> str:
    """Return a digest of a request body, to tell a retry from a different request."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def receive_dossier(
    data: dict[str, Any],
    *,
    actor: AbstractBaseUser,
    idempotency_key: str = "",
    body_hash: str = "",
    assurance: int = 0,
    device: str = "",
    roles_at_point: dict[int, frozenset[str]] | None = None,
) -> tuple[Dossier, bool]:
    """Receive a dossier at any service point and route it (DOMAIN I1–I4).

    Returns the dossier and whether it was created now (False when an Idempotency-Key retry
    found the first one). Every check runs before the transaction; the writes are one.
    `device` is the online filer's device digest (`core.devices.device_digest`);
    `roles_at_point` the actor's roles by service point when the caller has them already (the
    API reads them once per request for the answer too).

    A dossier created now comes back as it was written, with its documents and tasks, so that
    the answer is built without reading it again; the national-data look-ups are logged in the
    intake's own transaction (or on their own when the intake is refused).
    """
    if idempotency_key:
        earlier = _earlier(actor, idempotency_key, body_hash)
        if earlier is not None:
            return earlier, False
    # The kept values' stamps (routing, fee rules, subscribers) in one key read; what the
    # intake did not commit of its national-data look-ups is logged on leaving.
    with kept.stamps_read_once(), access_log() as accesses:
        return _receive(
            data, actor, (idempotency_key, body_hash), (assurance, device), roles_at_point, accesses
        )


def _receive(
    data: dict[str, Any],
    actor: AbstractBaseUser,
    idempotency: tuple[str, str],
    filer: tuple[int, str],
    roles_at_point: dict[int, frozenset[str]] | None,
    accesses: AccessLog,
) -> tuple[Dossier, bool]:
    idempotency_key, body_hash = idempotency
    assurance, device = filer
    group = joint.group_of(data)  # a Decree 63/2024 group: filed under its lead's procedure
    routing = _route(data, actor, roles_at_point)
    planned = joint.plan_parts(routing.version, group, routing.competent_unit)
    helper, consent = _helper_consent(data, actor)
    needs = routing.version.assurance_level  # level 1: any signed-in account may file online
    if data["channel"] == Channel.ONLINE and needs > 1 and assurance < needs:
        raise AssuranceTooLow(params={"level": needs})
    _check_delivery(data.get("delivery") or {}, routing.version)
    documents = documents_of(data, routing.version, actor, joint.part_versions(planned))
    try:
        online_device = device if data["channel"] == Channel.ONLINE else ""  # not a counter's PC
        dossier = _create(
            data,
            routing,
            documents,
            actor,
            (idempotency_key, body_hash),
            (helper, consent, online_device),
            accesses,
            (group, planned),
        )
        accesses.committed()
    except IntegrityError:
        earlier = _earlier(actor, idempotency_key, body_hash) if idempotency_key else None
        if earlier is None and data.get("national_code"):
            # The national portal delivered the same dossier twice at once: the first one won.
            earlier = Dossier.objects.filter(national_code=data["national_code"]).first()
        if earlier is None:
            raise
        return earlier, False  # a concurrent retry with the same key won the race
    return dossier, True


def _helper_consent(
    data: dict[str, Any], actor: AbstractBaseUser
) -> tuple[CommunityHelper | None, dict[str, Any] | None]:
    """A community digital team helper files for a resident only with the resident's recorded
    consent; the dossier keeps both (the integrity oversight counts helpers' volume)."""
    if data["channel"] != Channel.ONLINE:
        return None, None
    helper = CommunityHelper.objects.filter(user=actor, active=True).first()
    if helper is None:
        return None, None
    consent = data.get("consent") or {}
    if consent.get("method") not in ConsentMethod.values:
        raise invalid("consent", _("Record how the applicant agreed to your filing for them."))
    if consent["method"] == ConsentMethod.SIGNED_FORM:
        form = Upload.objects.filter(pk=consent.get("file") or 0, owner=actor).first()
        if form is None:
            raise invalid("consent", _("Attach the consent form the applicant signed."))
    return helper, {**consent, "recorded_at": clock.now().isoformat()}


def _earlier(actor: AbstractBaseUser, key: str, body_hash: str) -> Dossier | None:
    # Two columns, not the key joined to the whole dossier: nearly every intake finds none.
    found = (
        IdempotencyKey.objects.filter(owner=actor, key=key)
        .values_list("request_hash", "dossier_id")
        .first()
    )
    if found is None:
        return None
    request_hash, dossier_id = found
    if request_hash != body_hash:
        raise IdempotencyKeyReused()
    return Dossier.objects.get(pk=dossier_id)


def _check_delivery(delivery: dict[str, Any], version: ProcedureVersion) -> None:
    """Paper results go by post, to an address (DOMAIN N5): the counter only where the catalog
    or the city allows it (catalog.results)."""
    method = delivery.get("method", "online")
    if method == "postal" and not (delivery.get("address") or "").strip():
        raise invalid("delivery", _("Give the address the post delivers the result to."))
    if method == "counter" and counter_pickup(version, timezone.localdate(clock.now())) is None:
        raise invalid(
            "delivery",
            _(
                "Paper results of this procedure are sent by post: choose delivery by post "
                "with an address, or online."
            ),
        )


def own_fee(version: ProcedureVersion, channel: str, on: date, group: str = "") -> dict[str, Any]:
    """The fee asked for at filing and the rule that set it: the first line of the schedule for
    the channel, which is the procedure's own (e.g. on-time birth registration: 0); later lines
    apply on conditions an official assesses (late registration, copies). The fee rules in force
    on the filing day apply (e.g. Resolution 77/2025/NQ-HĐND online). An unverified amount is
    never asked for: the dossier waits for an official to confirm it (assess-fee). {} when the
    schedule has no line for the channel."""
    wanted = fees.FILING_CHANNEL.get(channel)
    lines = [f for f in version.fees.all() if f.channel in ("", wanted)]
    own = next((f for f in lines if f.amount_vnd is not None or not f.collectable), None)
    if own is None:
        return {}
    priced = fees.price(own, channel=channel, on=on, group=group)
    return {
        "fee": own.pk,
        "name": own.name,
        "catalog_amount_vnd": own.amount_vnd if own.collectable else None,
        "amount_vnd": priced["amount_vnd"],
        "channel": channel,
        "on": on.isoformat(),
        "group": group,
        "rule": priced["rule"],
    }


def _route(
    data: dict[str, Any],
    actor: AbstractBaseUser,
    roles_at_point: dict[int, frozenset[str]] | None = None,
) -> Routing:
    """Resolve the procedure version, the receiving point, the competent unit and agency."""
    lookups = routing.lookups()  # reference rows: one key read while none of them changes
    code = data.get("procedure") or ""
    pk = lookups.published_version_pk(code)
    try:
        version = catalog.get_published_version(code, pk=pk) if pk is not None else None
    except DomainError:
        version = None
    if version is None:
        raise invalid("procedure", _("No published procedure has this code."))
    if not version.handled_by_city:
        raise invalid(
            "procedure",
            _(
                "This procedure is resolved by a ministry, not by the city: file it on the "
                "National Public Service Portal."
            ),
        )
    point = lookups.point(data["receiving_point"])
    if point is None:
        raise invalid("receiving_point", _("No service point has this code."))
    if data["channel"] != Channel.ONLINE:
        # A dossier taken at a counter or from the post is recorded by that point's officer.
        if roles_at_point is None:
            roles_at_point = official_scope(actor).roles_at_point
        roles = roles_at_point.get(point.pk, frozenset())
        if Role.RECEIVING_OFFICER not in roles:
            raise Forbidden()
    unit = _competent_unit(lookups, version, data.get("competent_unit") or "")
    agency = lookups.agency(unit, version.agency_role)
    if agency is None:
        raise invalid("competent_unit", _("No agency resolves this procedure in this unit."))
    data["applicant"] = check_applicant(version, data, actor)
    if data.get("submitter"):
        _check_person("submitter", data["submitter"])
    return Routing(version, point, unit, agency)


def _competent_unit(
    lookups: routing.Lookups, version: ProcedureVersion, code: str
) -> AdministrativeUnit:
    """Return the unit that resolves the dossier: a ward/commune, or the province (DOMAIN I2)."""
    if version.level == Level.COMMUNE:
        unit = lookups.commune(code)
        if unit is None:
            raise invalid("competent_unit", _("Name the ward or commune that resolves this."))
        return unit
    province = lookups.province()
    if province is None or code not in ("", province.code):
        raise invalid("competent_unit", _("This procedure is resolved at city level."))
    return province


def _check_person(field: str, person: dict[str, Any]) -> None:
    """Refuse an ID number that breaks a rule of DOMAIN I5, naming the rule."""
    check_person(field, person)


def as_written(dossier: Dossier, **related: list[Any]) -> None:
    """Give the dossier its related rows as they were just written (`documents=[...]`), as a
    prefetch would: its representation and the national portal's message read them from
    memory, not again from the database."""
    cache = dossier.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, rows in related.items():
        queryset = getattr(dossier, name).all()
        queryset._result_cache, queryset._prefetch_done = list(rows), True
        cache[name] = queryset


def _next_code(agency: Agency, day: date) -> str:
    """Return the next dossier code of the agency for the day (DOMAIN I4), race-free."""
    # One statement (PostgreSQL and SQLite alike): the row is made or bumped and read back under
    # its lock, which the transaction holds until it commits.
    table = connection.ops.quote_name(DaySequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [agency.pk, connection.ops.adapt_datefield_value(day)],
        )
        (number,) = cursor.fetchone()
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"


@transaction.atomic(durable=True)
def _create(
    data: dict[str, Any],
    routing: Routing,
    documents: list[DossierDocument],
    actor: AbstractBaseUser,
    idempotency: tuple[str, str],
    helping: tuple[CommunityHelper | None, dict[str, Any] | None, str],
    accesses: AccessLog,
    jointly: tuple[JointGroup | None, list[joint.PlannedPart]] = (None, []),
) -> Dossier:
    now = clock.now()
    idempotency_key, body_hash = idempotency
    helper, consent, device = helping
    applicant = data["applicant"]
    fee = own_fee(
        routing.version, data["channel"], timezone.localdate(now), data.get("fee_group", "")
    )
    delivery = data.get("delivery") or {"method": "online"}
    group, planned = jointly
    due = deadlines.due_at_on_receipt(group or routing.version, now)
    dossier = Dossier.objects.create(
        group=group,
        code=_next_code(routing.agency, timezone.localdate(now)),
        procedure_version=routing.version,
        status=Status.RECEIVED,
        channel=data["channel"],
        receiving_point=routing.receiving_point,
        competent_unit=routing.competent_unit,
        handling_agency=routing.agency,
        owner=actor,
        applicant_id_number=person_id_number(applicant),
        applicant_name=applicant["full_name"],
        applicant_kind=applicant.get("kind") or "citizen",
        enterprise_code=applicant.get("enterprise_code") or "",
        applicant=json.loads(json.dumps(applicant, default=str)),
        submitter=json.loads(json.dumps(data.get("submitter"), default=str)),
        delivery=delivery,
        form=data.get("form") or {},
        received_at=now,
        due_at=due,
        legal_due_at=due,
        fee_amount_vnd=fee.get("amount_vnd") or 0,
        fee_rule=fee,
        helper=helper,
        consent=consent,
        device=device,
        national_code=data.get("national_code") or None,
    )
    scanned = data["channel"] != Channel.ONLINE  # paper taken at a counter or by post
    for row in documents:
        row.dossier = dossier
        if scanned and row.upload is not None:
            row.digitised_by, row.digitised_at = actor, now
    DossierDocument.objects.bulk_create(documents)
    keep_scans(dossier, documents)
    parts = joint.create_parts(dossier, planned, now)
    if dossier.fee_amount_vnd:
        fee_set(dossier)  # the payment request, made now (never by a read)
    boundary_free = routing.receiving_point.unit_id != routing.competent_unit.pk
    accesses.write()  # the national-data look-ups' log, in this transaction
    written = [
        events.append(
            dossier,
            Action.RECEIVE,
            actor=actor.get_username(),
            actor_role=data["channel"],
            status_before="",
            at=now,
            payload={
                "receiving_point": routing.receiving_point.code,
                "competent_unit": routing.competent_unit.code,
                "handling_agency": routing.agency.code,
                "boundary_free": boundary_free,
                **({"group": group.code} if group else {}),
                **({"parts": [p.agency.code for p in planned]} if planned else {}),
                "due_at": dossier.due_at,
                "documents": len(documents),
            },
            first=True,
        )
    ]
    reused = [row.wallet_item_id for row in documents if row.wallet_item_id]
    if reused and data.get("wallet_consent"):  # the holder let the counter reach their wallet
        written.append(
            events.append(
                dossier,
                Action.WALLET_CONSENT,
                actor=actor.get_username(),
                actor_role=data["channel"],
                status_before=dossier.status,
                at=now,
                payload={**data["wallet_consent"], "wallet_items": reused},
            )
        )
    as_written(dossier, documents=documents, tasks=[], events=written, parts=parts, transfers=[])
    enqueue(
        "dossier.status",
        key=dossier.code,
        payload={"code": dossier.code, "status": dossier.status, "at": now.isoformat()},
        subject=dossier,
    )
    if idempotency_key:
        IdempotencyKey.objects.create(
            owner=actor, key=idempotency_key, request_hash=body_hash, dossier=dossier
        )
    # The submitter's rolling aggregate, in this transaction (docs/integrity.md).
    own = applicant.get("filer_role") == "representative" and bool(
        (applicant.get("registry") or {}).get("representative_matches")
    )
    listeners.received(dossier, helper_id=helper.pk if helper else None, own_organisation=own)
    logger.info("dossier_received", extra={"dossier": dossier.code, "channel": dossier.channel})
    return dossier
