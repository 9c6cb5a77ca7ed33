"""The indicators as ratios of rollup counters (pure: no database). Formulas: docs/monitoring.md."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from motcua.integrations.reconciliation import NATIONAL_COUNTS
from motcua.integrity.selectors import COMPLAINT_COUNTS
from motcua.monitoring.models.rollups import BUCKET_BOUNDS_HOURS, BUCKETS, COUNTERS

# The rollups' counters, the complaint counts (read from the integrity app, not rolled up) and
# the national portal's (the daily reconciliation, the online intake flags; city-wide only).
FIGURES = (*COUNTERS, *COMPLAINT_COUNTS, *NATIONAL_COUNTS)

WORKING_DAY_HOURS = 8


def rate(numerator: int, denominator: int) -> float | None:
    """Return numerator ÷ denominator in percent, rounded to 2 decimals; None when 0 ÷ 0."""
    if not denominator:
        return None
    return round(100 * numerator / denominator, 2)


def percentile_hours(counts: Mapping[str, int], share: float) -> int | None:
    """Return the upper bound (working hours) of the bucket holding the given share.

    None when nothing finished, or when the share falls in the open last bucket (> 480 h).
    """
    total = sum(counts.get(b, 0) for b in BUCKETS)
    if not total:
        return None
    running = 0
    for name, bound in zip(BUCKETS, BUCKET_BOUNDS_HOURS, strict=False):
        running += counts.get(name, 0)
        if running >= share * total:
            return bound
    return None


@dataclass(frozen=True)
class Indicators:
    counters: dict[str, int]

    @classmethod
    def of(cls, counters: Mapping[str, Any]) -> "Indicators":
        return cls({name: int(counters.get(name) or 0) for name in FIGURES})

    def __getitem__(self, name: str) -> int:
        return self.counters[name]

    @property
    def handled(self) -> int:
        """Dossiers ended in the period plus those received in it and still open."""
        c = self.counters
        return c["finished"] + c["open_on_time"] + c["open_overdue"]

    def as_dict(self) -> dict[str, Any]:
        """Return every indicator of issue 10, as the API and the reports give them."""
        c = self.counters
        finished, received = c["finished"], c["received"]
        resolved_in_time = c["finished_early"] + c["finished_on_time"]
        average = (
            round(c["processing_seconds"] / finished / 3600 / WORKING_DAY_HOURS, 2)
            if finished
            else None
        )
        p50, p90 = percentile_hours(c, 0.5), percentile_hours(c, 0.9)
        return {
            "received": received,
            "received_by_channel": {
                "online": c["received_online"],
                "counter": c["received_counter"],
                "postal": c["received_postal"],
            },
            "finished": finished,
            "resolved_early": c["finished_early"],
            "resolved_on_time": c["finished_on_time"],
            "resolved_late": c["finished_late"],
            "on_time_rate": rate(resolved_in_time, finished),
            "in_progress_on_time": c["open_on_time"],
            "in_progress_overdue": c["open_overdue"],
            "average_processing_days": average,
            "median_processing_days": _days(p50),
            "p90_processing_days": _days(p90),
            "supplementation_rate": rate(c["supplemented"], received),
            "refusal_rate": rate(c["refused"], finished),
            "withdrawn": c["withdrawn"],
            "online_share": rate(c["received_online"], received),
            "fully_online_share": rate(c["fully_online"], received),
            "boundary_free_share": rate(c["boundary_free"], received),
            "online_payment_share": rate(c["paid_online"], c["fee_bearing"]),
            "digitised_share": rate(c["digitised"], received),
            "results_digitised_share": rate(c["results_digitised"], c["approved"]),
            "satisfaction": {
                "ratings": c["rated"],
                "average": round(c["rating_sum"] / c["rated"], 2) if c["rated"] else None,
                "disliked_share": rate(c["disliked"], c["rated"]),
            },
            "national_portal": {
                "synchronisation_rate": rate(c["synchronised"], c["sync_compared"]),
                "compared": c["sync_compared"],
                "not_decided_within_8_working_hours": c["intake_late"],
            },
            "complaints": {
                "received": c["complaints"],
                "on_time_rate": rate(c["complaints_on_time"], c["complaints"]),
                "satisfactory_rate": rate(
                    c["complaints"] - c["complaints_unsatisfactory"], c["complaints"]
                ),
            },
        }


def _days(hours: int | None) -> float | None:
    return None if hours is None else round(hours / WORKING_DAY_HOURS, 3)


def add(rows: list[Mapping[str, Any]]) -> dict[str, int]:
    """Return the sum of several rows' counters."""
    return {name: sum(int(row.get(name) or 0) for row in rows) for name in FIGURES}
