"""The worker's retry of national-data matches that waited because a source was down."""

import logging
from dataclasses import dataclass

from django.db import transaction

from motcua.core import clock
from motcua.dossiers.models import DossierDocument, MatchStatus
from motcua.identity.connectors.base import SourceUnavailable
from motcua.identity.services import look_up

logger = logging.getLogger(__name__)
BATCH = 200


@dataclass(frozen=True)
class MatchResult:
    matched: int
    not_found: int
    still_waiting: int


def retry_pending_matches() -> MatchResult:
    """Ask the sources again for each waiting document; each answer is its own transaction."""
    matched = not_found = waiting = 0
    pending = DossierDocument.objects.filter(match_status=MatchStatus.PENDING).select_related(
        "dossier", "requirement"
    )[:BATCH]
    for row in pending:
        # On the record of the person the document is about, as intake chose (never the
        # applicant's for a document about the child or the deceased).
        about = row.subject_id_number or (
            "" if row.requirement.subject else row.dossier.applicant_id_number
        )
        if not about:
            DossierDocument.objects.filter(pk=row.pk, match_status=MatchStatus.PENDING).update(
                match_status=MatchStatus.UNMATCHED
            )
            continue
        try:
            match = look_up(
                row.from_data,
                id_number=about,
                purpose=f"retry for dossier {row.dossier.code}",
                caller="worker",
            )
        except SourceUnavailable:
            waiting += 1
            continue
        with transaction.atomic(durable=True):
            fresh = DossierDocument.objects.select_for_update().get(pk=row.pk)
            if fresh.match_status != MatchStatus.PENDING:
                continue
            if match.found:
                fresh.match_status, fresh.facts, fresh.matched_at = (
                    MatchStatus.MATCHED,
                    match.facts,
                    clock.now(),
                )
                matched += 1
            elif row.requirement.subject:  # someone else's record, not held yet: not matched
                fresh.match_status = MatchStatus.UNMATCHED
            else:  # the source does not hold it: now, and only now, a paper may be asked for
                fresh.match_status = MatchStatus.NOT_FOUND
                not_found += 1
            fresh.save(update_fields=["match_status", "facts", "matched_at"])
    logger.info("matches_retried", extra={"matched": matched, "waiting": waiting})
    return MatchResult(matched, not_found, waiting)
