"""Extra-document demands (DOMAIN P1, C4): per official, from the integrity events the dossiers
app records when it refuses a request; per dossier, from its supplementation rounds."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from motcua.dossiers import selectors as dossiers
from motcua.integrity import scoring
from motcua.integrity.models import IntegrityEvent, IntegrityKind, KeyKind


@dataclass(frozen=True)
class ExtraCandidate:
    key_kind: str
    key_value: str
    label: str
    agency_id: int
    assessment: scoring.Assessment
    dossier_codes: tuple[str, ...]
    event_ids: tuple[int, ...]


def _official_assessment(extra: int, data: int, repeated: int) -> scoring.Assessment:
    reasons = []
    if extra:
        reasons.append(scoring.Reason("extra_requests", min(60, 30 * extra), {"count": extra}))
    if data:
        reasons.append(scoring.Reason("data_requests", min(60, 30 * data), {"count": data}))
    if repeated:
        reasons.append(
            scoring.Reason("repeated_rounds", min(40, 20 * repeated), {"count": repeated})
        )
    reasons.sort(key=lambda r: -r.points)
    return scoring.Assessment(min(100, sum(r.points for r in reasons)), tuple(reasons))


def extra_candidates(start: datetime, end: datetime) -> list[ExtraCandidate]:
    """Return the officials and dossiers to flag for demands beyond the list in [start, end)."""
    events = IntegrityEvent.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
        "pk", "kind", "official_id", "official__username", "agency_id", "dossier_code", "details"
    )
    per_official: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for pk, kind, official, username, agency, code, details in events:
        row = per_official[official]
        row["meta"] = [username, agency]
        held = bool((details or {}).get("held_by_data"))
        if kind == IntegrityKind.REPEATED_SUPPLEMENT:
            row["repeated"].append(pk)
        elif held and len((details or {}).get("items") or []) == len(details["held_by_data"]):
            row["data"].append(pk)
        else:
            row["extra"].append(pk)
        row["codes"].append(code)
        row["ids"].append(pk)
    found = []
    for official, row in per_official.items():
        counts = len(row["extra"]), len(row["data"]), len(row["repeated"])
        if sum(counts) < settings.MOTCUA_INTEGRITY_EXTRA_THRESHOLD:
            continue
        username, agency = row["meta"]
        found.append(
            ExtraCandidate(
                KeyKind.OFFICIAL,
                str(official),
                username,
                agency,
                _official_assessment(*counts),
                tuple(dict.fromkeys(row["codes"]))[:50],
                tuple(row["ids"])[:50],
            )
        )
    limit = settings.MOTCUA_INTEGRITY_MAX_SUPPLEMENT_ROUNDS
    rounds = dossiers.received_between(start, end).filter(supplement_rounds__gt=limit)
    for code, agency, count in rounds.values_list(
        "code", "handling_agency_id", "supplement_rounds"
    ):
        reason = scoring.Reason(
            "rounds", min(100, 40 + 20 * (count - limit)), {"rounds": count, "limit": limit}
        )
        found.append(
            ExtraCandidate(
                KeyKind.DOSSIER,
                code,
                code,
                agency,
                scoring.Assessment(reason.points, (reason,)),
                (code,),
                (),
            )
        )
    return found
