"""Monitoring by part (issue 24): for joint dossiers, each participating agency's time, its
share of the limit, its late parts and the dossiers it made late (Decree 118/2025 Art 20: each
agency answers for its share on the routing slip).

Read live from the parts (no rollup): joint dossiers are a small share of the traffic; a rollup
joins `refresh_rollups` when they are not (docs/monitoring.md).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from motcua.core import clock
from motcua.dossiers import deadlines
from motcua.dossiers.models import DossierPart
from motcua.geography.models import Agency


@dataclass(frozen=True)
class AgencyParts:
    agency: Agency
    parts: int
    finished: int
    late: int
    made_dossier_late: int
    average_hours: float | None
    share_percent: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "agency": {"code": self.agency.code, "name": self.agency.name},
            "parts": self.parts,
            "finished": self.finished,
            "late": self.late,
            "made_dossier_late": self.made_dossier_late,
            "average_hours": self.average_hours,
            "share_percent": self.share_percent,
        }


def _working_hours(part: DossierPart, now: datetime) -> float | None:
    if part.acknowledged_at is None:
        return None
    end = part.finished_at or now
    return (
        deadlines.calendar().working_time_between(part.acknowledged_at, end).total_seconds() / 3600
    )


@dataclass(frozen=True)
class LatePart:
    """A part past its share of the time, and whether its dossier is late too (then this part's
    agency made the dossier late)."""

    dossier_code: str
    name: str
    agency: Agency
    due_at: datetime | None
    finished_at: datetime | None
    made_dossier_late: bool


def _parts(scope: Any) -> QuerySet[DossierPart]:
    """The parts of the joint dossiers received in the scope's period, of its agencies."""
    start = timezone.make_aware(datetime.combine(scope.start, time.min))
    end = timezone.make_aware(datetime.combine(scope.end, time.max))
    parts = DossierPart.objects.filter(
        dossier__received_at__gte=start, dossier__received_at__lte=end
    ).select_related("agency", "dossier")
    if scope.agency_ids is not None:
        parts = parts.filter(agency_id__in=scope.agency_ids)
    return parts


def late_parts(scope: Any) -> list[LatePart]:
    """Return the scope's late parts, by dossier, each with whether it made its dossier late."""
    now = clock.now()
    return [
        LatePart(
            p.dossier.code,
            p.name,
            p.agency,
            p.due_at,
            p.finished_at,
            deadlines.is_overdue(p.dossier, now),
        )
        for p in _parts(scope).order_by("dossier__received_at", "stage", "position")
        if deadlines.part_is_late(p, now)
    ]


def parts_by_agency(scope: Any) -> list[AgencyParts]:
    """Return, per agency, its parts of the joint dossiers received in the scope's period."""
    parts = _parts(scope)
    now = clock.now()
    grouped: dict[int, list[DossierPart]] = defaultdict(list)
    for part in parts:
        grouped[part.agency_id].append(part)
    out = []
    for rows in grouped.values():
        late = [p for p in rows if deadlines.part_is_late(p, now)]
        hours = [h for p in rows if (h := _working_hours(p, now)) is not None]
        out.append(
            AgencyParts(
                rows[0].agency,
                len(rows),
                sum(1 for p in rows if p.finished_at is not None),
                len(late),
                sum(1 for p in late if deadlines.is_overdue(p.dossier, now)),
                round(sum(hours) / len(hours), 2) if hours else None,
                round(sum(p.share_percent for p in rows) / len(rows), 1),
            )
        )
    return sorted(out, key=lambda a: (-a.late, a.agency.code))
