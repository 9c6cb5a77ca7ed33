"""Parts of joint dossiers resolved on another system (civil status, residence, social
insurance): handed over through the outbox, acknowledged by the system, results collected.

`deliver` is the outbox's handler for the `participant_system` destination (registered in
DossiersConfig.ready, so that integrations imports nothing above it): a system that does not
answer raises DeliveryFailed and the outbox retries it, showing it on the outbox page while it
fails. `collect_results` asks each system for the parts it acknowledged (the worker's job).
"""

import logging
from dataclasses import dataclass

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierPart
from motcua.integrations import connectors
from motcua.integrations.connectors.base import DeliveryFailed, PartHandOver
from motcua.integrations.models import OutboxMessage
from motcua.integrations.senders import event_id

logger = logging.getLogger(__name__)


def deliver(message: OutboxMessage) -> None:
    """Hand the part to its system; its answer (the reference) acknowledges the part."""
    slip = message.payload
    reference = connectors.participant_system().hand_over(
        PartHandOver(event_id(message), slip["system"], slip["dossier"], slip["part"], slip)
    )
    dossier = Dossier.objects.filter(code=slip["dossier"]).first()
    part = dossier.parts.filter(position=slip["part"]).first() if dossier else None
    if part is None or part.state != DossierPart.State.HANDED_OVER:
        return  # acknowledged by an earlier delivery of the same message
    services.acknowledge(dossier, actor=None, part=part.position, reference=reference)


@dataclass
class Collected:
    finished: int = 0
    waiting: int = 0
    failed: int = 0


def collect_results() -> Collected:
    """Ask the systems for the results of the parts they acknowledged; finish those resolved."""
    run = Collected()
    connector = connectors.participant_system()
    parts = (
        DossierPart.objects.filter(state=DossierPart.State.ACTIVE)
        .exclude(system="")
        .exclude(external_ref="")
        .select_related("dossier")
    )
    for part in parts.iterator():
        try:
            result = connector.result(part.system, part.external_ref)
        except DeliveryFailed as exc:
            run.failed += 1
            logger.warning("part_result_failed", extra={"part": part.pk, "error": str(exc)})
            continue
        if result is None:
            run.waiting += 1
            continue
        try:
            services.finish_part(
                part.dossier, actor=None, part=part.position, number=result.number, note=result.note
            )
        except DomainError:  # the dossier moved on meanwhile (withdrawn, a stale state)
            run.failed += 1
            continue
        run.finished += 1
    return run
