"""The applicants' own changes made on the national public service portal to the dossiers it
filed here (issue 23): withdrawn, paid, supplemented there.

They come like the portal's dossiers: pushed, signed, to `POST /api/v1/national-portal/updates/`,
or pulled each worker round (`pull_updates`). Each is kept once by its `update_id` and applied
once, in the order of its `seq` (1, 2, … per national code): a change that arrives before the
one it follows waits for it; a repeated delivery is answered with what became of the first.
Each is applied through the dossier's own services, as the portal's account that filed the
dossier (the applicant's channel): `withdraw`, `supplement`, and the payment through the
payments app's settlement (registered in `PAYMENT_HANDLERS`, so that this app does not import
payments). A change the rules refuse (a withdrawal after the result, …) is refused with the
reason, which goes back to the portal in the acknowledgement and is listed for the centre.

Applying happens outside the row locks (the services are transactions of their own): an update
is claimed first (`applying`, with the dossier's last event as its mark), applied, then marked.
A worker killed in between leaves a claim that the next round finishes: when the dossier's log
holds the change after the mark, it is marked applied without being applied twice.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.documents.services import store_upload
from motcua.dossiers.models import Dossier
from motcua.dossiers.national_update_input import NationalUpdateIn
from motcua.dossiers.services import processing
from motcua.dossiers.workflow import Action
from motcua.integrations import connectors
from motcua.integrations.connectors.base import DeliveryFailed
from motcua.integrations.models import NationalUpdate, UpdateKind, UpdateState

logger = logging.getLogger(__name__)
CLAIM_SECONDS = 120  # a claim older than this is a worker that died: the next round finishes it
# What a change leaves in the dossier's log (to tell, after a crash, that it was applied).
ACTIONS = {
    UpdateKind.WITHDRAWN: Action.WITHDRAW,
    UpdateKind.SUPPLEMENTED: Action.SUPPLEMENT,
    UpdateKind.PAID: Action.PAY,
}
# Settle a payment made on the portal: (dossier, {"transaction", "amount_vnd", "paid_at"}) ->
# None, raising a DomainError when it does not settle the fee. Registered by the payments app.
PAYMENT_HANDLERS: list[Callable[[Dossier, dict[str, Any]], None]] = []


class UpdateRefused(DomainError):
    code = "national_update_refused"
    message = "%(reason)s"


@dataclass(frozen=True)
class Received:
    update: NationalUpdate
    repeated: bool

    def answer(self) -> dict[str, Any]:
        """What the portal is told: the state of the change (and the reason of a refusal)."""
        update = self.update
        answer: dict[str, Any] = {"update_id": update.update_id, "status": update.state}
        if update.state == UpdateState.REFUSED:
            answer["reason"] = update.reason
        if self.repeated:
            answer["repeated"] = True
        return answer


def receive(body: dict[str, Any]) -> Received:
    """Keep one change of the portal (a validated body), then apply what is due on its dossier."""
    now = clock.now()
    repeated = False
    try:
        with transaction.atomic():
            NationalUpdate.objects.create(
                update_id=body["update_id"],
                national_code=body["national_code"],
                seq=body["seq"],
                kind=body["kind"],
                body=body,
                received_at=now,
            )
    except IntegrityError:  # the same change again (or another one claiming its place)
        repeated = True
        NationalUpdate.objects.filter(update_id=body["update_id"]).update(
            deliveries=F("deliveries") + 1
        )
    found = NationalUpdate.objects.filter(update_id=body["update_id"]).first()
    if found is None:  # another id at a seq already taken: the portal numbered it twice
        reason = _("Another change already has this sequence number for this dossier.")
        raise UpdateRefused(params={"reason": reason}, fields={"seq": [reason]})
    apply_due(body["national_code"])
    found.refresh_from_db()
    logger.info(
        "national_update_received",
        extra={"update": found.update_id, "state": found.state, "repeated": repeated},
    )
    return Received(found, repeated)


def _next(national_code: str) -> tuple[Dossier, NationalUpdate] | None:
    """Claim the next change of the dossier to apply, in its own short transaction."""
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().filter(national_code=national_code).first()
        if dossier is None:
            return None  # not received yet: its changes wait for it
        while True:
            done = NationalUpdate.objects.filter(
                national_code=national_code,
                state__in=[UpdateState.APPLIED, UpdateState.REFUSED],
            ).aggregate(last=Max("seq"))["last"]
            update = (
                NationalUpdate.objects.select_for_update()
                .filter(national_code=national_code, seq=(done or 0) + 1)
                .first()
            )
            if update is None:
                return None
            now = clock.now()
            if update.state != UpdateState.APPLYING:
                break
            if update.claimed_at and update.claimed_at > now - timedelta(seconds=CLAIM_SECONDS):
                return None  # another worker is applying it
            if not _in_log(dossier, update):
                break  # the worker died before applying it: apply it now
            _mark(update, UpdateState.APPLIED)  # applied; the worker died before marking it
        last_event = dossier.events.aggregate(last=Max("seq"))["last"] or 0
        NationalUpdate.objects.filter(pk=update.pk).update(
            state=UpdateState.APPLYING, claimed_at=now, mark=last_event
        )
        update.mark = last_event
        return dossier, update


def _in_log(dossier: Dossier, update: NationalUpdate) -> bool:
    return dossier.events.filter(seq__gt=update.mark, action=ACTIONS[update.kind]).exists()


def _mark(update: NationalUpdate, state: str, reason: str = "") -> None:
    NationalUpdate.objects.filter(pk=update.pk).update(
        state=state, reason=reason[:2000], applied_at=clock.now()
    )


def _documents(dossier: Dossier, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The supplement's files, fetched from the portal and kept as the filer's uploads."""
    requirements = list(dossier.procedure_version.documents.all())
    documents = []
    for index, item in enumerate(items):
        name = str(item.get("name") or "").strip().casefold()
        found = next(
            (
                r
                for r in requirements
                if r.pk == item.get("requirement") or (name and r.name.strip().casefold() == name)
            ),
            None,
        )
        if found is None:
            reason = _("Document %(index)d is not one the procedure asks for.") % {
                "index": index + 1
            }
            raise UpdateRefused(params={"reason": reason})
        try:
            filename, content = connectors.national_portal().document(
                str(item.get("file_url") or item.get("data_ref") or "")
            )
        except DeliveryFailed as exc:
            reason = _("Document %(index)d could not be fetched from the portal.") % {
                "index": index + 1
            }
            raise UpdateRefused(params={"reason": reason}) from exc
        upload = store_upload(SimpleUploadedFile(filename, content), actor=dossier.owner)
        documents.append({"requirement": found.pk, "file": upload.pk})
    return documents


def _apply(dossier: Dossier, update: NationalUpdate) -> None:
    """Apply one change through the dossier's services (each its own transaction)."""
    body = update.body
    if update.kind == UpdateKind.WITHDRAWN:
        processing.withdraw(dossier, actor=dossier.owner, reason=str(body.get("reason") or ""))
    elif update.kind == UpdateKind.SUPPLEMENTED:
        documents = _documents(dossier, body.get("documents") or [])
        processing.supplement(dossier, actor=dossier.owner, documents=documents)
    else:
        if not PAYMENT_HANDLERS:
            raise UpdateRefused(params={"reason": _("Payments are not taken here.")})
        payment = dict(body.get("payment") or {})
        payment.setdefault("amount_vnd", dossier.fee_amount_vnd)
        paid_at = parse_datetime(str(payment.get("paid_at") or "")) or clock.now()
        payment["paid_at"] = paid_at
        with transaction.atomic(durable=True):
            for handler in PAYMENT_HANDLERS:
                handler(dossier, payment)


def apply_due(national_code: str) -> int:
    """Apply the dossier's changes that are due, in order; return how many were applied."""
    applied = 0
    for _round in range(100):  # a dossier never has that many changes waiting at once
        claimed = _next(national_code)
        if claimed is None:
            break
        dossier, update = claimed
        try:
            with translation.override("vi"):  # the reason goes back to the portal in Vietnamese
                _apply(dossier, update)
        except DomainError as exc:
            with translation.override("vi"):
                reason = exc.render()
            _mark(update, UpdateState.REFUSED, reason)
            logger.warning(
                "national_update_refused", extra={"update": update.update_id, "error": exc.code}
            )
            continue
        _mark(update, UpdateState.APPLIED)
        applied += 1
    return applied


def apply_waiting() -> int:
    """Apply what waits on every dossier (a dossier that came after its changes, a claim that
    a dead worker left): each worker round."""
    codes = (
        NationalUpdate.objects.filter(state__in=[UpdateState.WAITING, UpdateState.APPLYING])
        .values_list("national_code", flat=True)
        .distinct()
    )
    return sum(apply_due(code) for code in list(codes))


def acknowledged(received: Received) -> None:
    """Mark that the portal has our answer on the change."""
    NationalUpdate.objects.filter(pk=received.update.pk).update(acknowledged_at=clock.now())


def pull_updates() -> int:
    """Receive the changes the portal holds for us, answer each; return how many came."""
    portal = connectors.national_portal()
    try:
        items = portal.pending_updates()
    except DeliveryFailed as exc:
        logger.warning("national_portal_updates_pull_failed", extra={"error": str(exc)[:200]})
        return 0
    done = 0
    for item in items:
        data = NationalUpdateIn(data=item)
        update_id = str(item.get("update_id") or "")[:80]
        if not data.is_valid():
            if update_id:
                answer = {"status": "refused", "reason": str(data.errors)[:2000]}
                portal.acknowledge_update(update_id, answer)
            continue
        try:
            received = receive(data.validated_data)
        except UpdateRefused as exc:
            portal.acknowledge_update(update_id, {"status": "refused", "reason": exc.render()})
            continue
        portal.acknowledge_update(update_id, received.answer())
        acknowledged(received)
        done += 1
    apply_waiting()
    return done
