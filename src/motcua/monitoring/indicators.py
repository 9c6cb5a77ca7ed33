"""The indicators as ratios of rollup counters (pure: no database). Formulas: docs/monitoring.md.

Each percentage is defined ONCE here (`RATIOS`: its numerator, its denominator and its formula in
words); the API (`/api/v1/indicators/`), the dashboards, the reports and the Decision 766 lines
(`scoring`) all read it from here, so that one figure is the same number everywhere.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.integrity.selectors import COMPLAINT_COUNTS
from motcua.monitoring.models.rollups import BUCKET_BOUNDS_HOURS, BUCKETS, COUNTERS
from motcua.nationalportal.reconciliation import NATIONAL_COUNTS

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


Counters = Mapping[str, int]


@dataclass(frozen=True)
class Ratio:
    """One percentage: numerator ÷ denominator × 100, and how it is worded for people."""

    key: str
    numerator: Callable[[Counters], int]
    denominator: Callable[[Counters], int]
    formula: Promise

    def of(self, counters: Counters) -> float | None:
        return rate(self.numerator(counters), self.denominator(counters))


def _sum(*names: str) -> Callable[[Counters], int]:
    return lambda c: sum(int(c.get(name) or 0) for name in names)


def _ratio(key: str, numerator: Any, denominator: Any, formula: Promise) -> Ratio:
    top = _sum(*numerator) if isinstance(numerator, tuple) else numerator
    bottom = _sum(*denominator) if isinstance(denominator, tuple) else denominator
    return Ratio(key, top, bottom, formula)


HANDLED = ("finished", "open_on_time", "open_overdue")

RATIOS: dict[str, Ratio] = {
    r.key: r
    for r in (
        # Decision 766, indicator 2.1: the dossiers received or handled in the period, those
        # that ended (resolved, refused or withdrawn) by their due moment plus those still open
        # and within it (supplementation time subtracted: the due moment is pause-adjusted).
        _ratio(
            "on_time_rate",
            ("finished_early", "finished_on_time", "open_on_time"),
            HANDLED,
            _(
                "(ended early or on time + in progress within the limit) ÷ (ended + in "
                "progress) × 100%"
            ),
        ),
        _ratio(
            "supplementation_rate",
            ("supplemented",),
            ("received",),
            _("asked for a supplement ÷ received × 100%"),
        ),
        _ratio("refusal_rate", ("refused",), ("finished",), _("refused ÷ ended × 100%")),
        _ratio(
            "online_share",
            ("received_online",),
            ("received",),
            _("received online ÷ received × 100%"),
        ),
        _ratio(
            "fully_online_share",
            ("fully_online",),
            ("full_online_eligible",),
            _("fully online ÷ received for fully online procedures × 100%"),
        ),
        _ratio(
            "boundary_free_share",
            ("boundary_free",),
            ("received",),
            _("received at a point of another unit ÷ received × 100%"),
        ),
        _ratio(
            "online_payment_share",
            ("paid_online",),
            ("fee_bearing",),
            _("paid online ÷ received with a fee × 100%"),
        ),
        _ratio(
            "digitised_share",
            ("digitised",),
            ("received",),
            _("with every document digitised ÷ received × 100%"),
        ),
        _ratio(
            "results_digitised_share",
            ("results_digitised",),
            ("approved",),
            _("with an electronic result ÷ resolved with a result × 100%"),
        ),
        _ratio(
            "reused_share",
            ("reused",),
            ("received",),
            _("with a document reused from data ÷ received × 100%"),
        ),
        _ratio(
            "from_wallet_share",
            ("from_wallet",),
            ("received",),
            _("with a document from the personal data store ÷ received × 100%"),
        ),
        _ratio(
            "population_data_share",
            ("population_data",),
            ("received",),
            _("using population-DB data ÷ received × 100%"),
        ),
        _ratio(
            "disliked_share",
            ("disliked",),
            ("rated",),
            _("rated 1 or 2 of 5 ÷ rated × 100%"),
        ),
        _ratio(
            "complaints_on_time_rate",
            ("complaints_on_time",),
            ("complaints",),
            _("complaints answered on time ÷ complaints × 100%"),
        ),
        _ratio(
            "complaints_satisfactory_rate",
            lambda c: int(c.get("complaints") or 0) - int(c.get("complaints_unsatisfactory") or 0),
            ("complaints",),
            _("(complaints − complaints answered unsatisfactorily) ÷ complaints × 100%"),
        ),
        _ratio("late_rate", ("finished_late",), ("finished",), _("ended late ÷ ended × 100%")),
        # Decision 766, indicator 1.4, from the daily reconciliation with the national portal
        _ratio(
            "synchronisation_rate",
            ("synchronised",),
            ("sync_compared",),
            _("held by the national portal as here ÷ compared × 100%"),
        ),
    )
}


def formulas() -> dict[str, str]:
    """Return each percentage's formula in words (in the active language), by its key."""
    return {key: str(r.formula) for key, r in RATIOS.items()}


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
        return _sum(*HANDLED)(self.counters)

    def as_dict(self) -> dict[str, Any]:
        """Return every indicator of issue 10, as the API and the reports give them."""
        c = self.counters
        finished, received = c["finished"], c["received"]
        r = {key: ratio.of(c) for key, ratio in RATIOS.items()}
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
            "received_by_applicant_kind": {
                "citizen": received - c["organisation"],
                "organisation": c["organisation"],
                "organisation_online": c["organisation_online"],
                "organisation_online_share": rate(c["organisation_online"], c["organisation"]),
            },
            "finished": finished,
            "resolved_early": c["finished_early"],
            "resolved_on_time": c["finished_on_time"],
            "resolved_late": c["finished_late"],
            "on_time_rate": r["on_time_rate"],
            "in_progress_on_time": c["open_on_time"],
            "in_progress_overdue": c["open_overdue"],
            "average_processing_days": average,
            "median_processing_days": _days(p50),
            "p90_processing_days": _days(p90),
            "supplementation_rate": r["supplementation_rate"],
            "refusal_rate": r["refusal_rate"],
            "withdrawn": c["withdrawn"],
            "online_share": r["online_share"],
            "fully_online_share": r["fully_online_share"],
            "boundary_free_share": r["boundary_free_share"],
            "online_payment_share": r["online_payment_share"],
            "digitised_share": r["digitised_share"],
            "results_digitised_share": r["results_digitised_share"],
            "satisfaction": {
                "ratings": c["rated"],
                "average": round(c["rating_sum"] / c["rated"], 2) if c["rated"] else None,
                "disliked_share": r["disliked_share"],
            },
            "national_portal": {
                "synchronisation_rate": r["synchronisation_rate"],
                "compared": c["sync_compared"],
                "not_decided_within_8_working_hours": c["intake_late"],
            },
            "complaints": {
                "received": c["complaints"],
                "on_time_rate": r["complaints_on_time_rate"],
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
