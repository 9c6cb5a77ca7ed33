"""Recounting dossiers into the rollups: facts first, then every rollup row they touch.

A row is always recomputed from the facts, never incremented, so recounting a dossier twice
changes nothing (the job is idempotent and a rebuild gives the same rows as the worker).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Max, Q, Sum

from motcua.dossiers.models import Dossier
from motcua.monitoring import counting
from motcua.monitoring.models import (
    AgencyDailyRollup,
    DailyRollup,
    DossierFact,
    StepFact,
    StepRollup,
)
from motcua.monitoring.models.rollups import BUCKET_BOUNDS_HOURS, BUCKETS, COUNTERS

# Aggregates need names of their own: a name equal to the summed field is refused.
SUMS = {f"sum_{name}": Sum(name) for name in COUNTERS}


def unprefixed(row: dict[str, Any]) -> dict[str, int]:
    """Return the counters of a row annotated with SUMS, under their own names."""
    return {name: row[f"sum_{name}"] or 0 for name in COUNTERS}


Key = tuple[date, int, int]  # day, agency, procedure
StepKey = tuple[date, int, int, int]  # day, agency, procedure, position


def _buckets(field: str) -> dict[str, Any]:
    """Count per processing-time bucket, by the range of seconds each covers."""
    edges = [0, *(h * 3600 for h in BUCKET_BOUNDS_HOURS)]
    out: dict[str, Any] = {"h0": Count("pk", filter=Q(**{f"{field}__lte": edges[1]}))}
    for i in range(1, len(BUCKET_BOUNDS_HOURS)):
        lower, upper = edges[i], edges[i + 1]
        span = Q(**{f"{field}__gt": lower, f"{field}__lte": upper})
        out[f"h{i}"] = Count("pk", filter=span)
    out[BUCKETS[-1]] = Count("pk", filter=Q(**{f"{field}__gt": edges[-1]}))
    return out


def _prefixed(aggregates: dict[str, Any]) -> dict[str, Any]:
    return {f"sum_{name}": aggregate for name, aggregate in aggregates.items()}


def _own_names(row: dict[str, Any]) -> dict[str, Any]:
    return {k.removeprefix("sum_"): v for k, v in row.items() if k.startswith("sum_")}


def _received_sums() -> dict[str, Any]:
    flag = {
        name: Count("pk", filter=Q(**{name: True}))
        for name in (
            "boundary_free",
            "full_online_eligible",
            "fully_online",
            "fee_bearing",
            "paid_online",
            "digitised",
            "reused",
            "from_wallet",
            "population_data",
            "supplemented",
        )
    }
    return _prefixed(
        {
            "received": Count("pk"),
            "received_online": Count("pk", filter=Q(channel="online")),
            "received_counter": Count("pk", filter=Q(channel="counter")),
            "received_postal": Count("pk", filter=Q(channel="postal")),
            **flag,
            "open_on_time": Count("pk", filter=Q(is_open=True, open_overdue=False)),
            "open_overdue": Count("pk", filter=Q(is_open=True, open_overdue=True)),
        }
    )


def _finished_sums() -> dict[str, Any]:
    return _prefixed(
        {
            "finished": Count("pk"),
            "finished_early": Count("pk", filter=Q(timeliness="early")),
            "finished_on_time": Count("pk", filter=Q(timeliness="on_time")),
            "finished_late": Count("pk", filter=Q(timeliness="late")),
            "approved": Count("pk", filter=Q(outcome="approved")),
            "results_digitised": Count("pk", filter=Q(results_digitised=True)),
            "refused": Count("pk", filter=Q(outcome="refused")),
            "withdrawn": Count("pk", filter=Q(outcome="withdrawn")),
            "rated": Count("rating"),
            "rating_sum": Sum("rating", default=0),
            "disliked": Count("pk", filter=Q(rating__lte=counting.DISLIKED_AT_MOST)),
            "processing_seconds": Sum("processing_seconds", default=0),
            **_buckets("processing_seconds"),
        }
    )


def recount_dossiers(ids: Iterable[int], now: datetime) -> tuple[set[Key], set[StepKey]]:
    """Replace the facts of these dossiers; return the rollup keys their old and new facts touch."""
    ids = list(ids)
    keys: set[Key] = set()
    step_keys: set[StepKey] = set()
    for fact in DossierFact.objects.filter(dossier_id__in=ids):
        keys.update(_keys(fact))
    for step in StepFact.objects.filter(dossier_id__in=ids):
        step_keys.add((step.finished_on, step.agency_id, step.procedure_id, step.position))
    dossiers = list(counting.with_history(Dossier.objects.filter(pk__in=ids)))
    facts = [counting.fact_for(d, now) for d in dossiers]
    steps = [s for d in dossiers for s in counting.step_facts_for(d)]
    DossierFact.objects.filter(dossier_id__in=ids).delete()
    StepFact.objects.filter(dossier_id__in=ids).delete()
    DossierFact.objects.bulk_create(facts, batch_size=500)
    StepFact.objects.bulk_create(steps, batch_size=500)
    for fact in facts:
        keys.update(_keys(fact))
    step_keys.update((s.finished_on, s.agency_id, s.procedure_id, s.position) for s in steps)
    return keys, step_keys


def _keys(fact: DossierFact) -> list[Key]:
    out = [(fact.received_on, fact.agency_id, fact.procedure_id)]
    if fact.finished_on is not None:
        out.append((fact.finished_on, fact.agency_id, fact.procedure_id))
    return out


def _by_day(keys: Iterable[tuple[Any, ...]]) -> dict[date, tuple[set[int], set[int]]]:
    days: dict[date, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for key in keys:
        agencies, procedures = days[key[0]]
        agencies.add(key[1])
        procedures.add(key[2])
    return days


def recompute_rollups(keys: set[Key]) -> None:
    """Recompute the daily rows of these keys and the per-agency rows above them.

    For each day the whole product of the touched agencies and procedures is recomputed, so
    deleting and re-inserting that product stays consistent.
    """
    touched: dict[date, set[int]] = defaultdict(set)
    for day, (agencies, procedures) in _by_day(keys).items():
        rows: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
        scope = {"agency_id__in": agencies, "procedure_id__in": procedures}
        received = DossierFact.objects.filter(received_on=day, **scope)
        for row in received.values("agency_id", "procedure_id").annotate(**_received_sums()):
            rows[(row["agency_id"], row["procedure_id"])].update(_own_names(row))
        finished = DossierFact.objects.filter(finished_on=day, **scope)
        for row in finished.values("agency_id", "procedure_id").annotate(**_finished_sums()):
            rows[(row["agency_id"], row["procedure_id"])].update(_own_names(row))
        DailyRollup.objects.filter(day=day, **scope).delete()
        DailyRollup.objects.bulk_create(
            DailyRollup(day=day, agency_id=a, procedure_id=p, **sums)
            for (a, p), sums in rows.items()
        )
        touched[day].update(agencies)
    for day, agencies in touched.items():
        _recompute_agency_day(day, agencies)


def _recompute_agency_day(day: date, agencies: set[int]) -> None:
    rows = DailyRollup.objects.filter(day=day, agency_id__in=agencies).values("agency_id")
    AgencyDailyRollup.objects.filter(day=day, agency_id__in=agencies).delete()
    AgencyDailyRollup.objects.bulk_create(
        AgencyDailyRollup(day=day, agency_id=row["agency_id"], **unprefixed(row))
        for row in rows.annotate(**SUMS).order_by()
    )


def recompute_steps(keys: set[StepKey]) -> None:
    """Recompute the step rows of these keys from the step facts."""
    for day, (agencies, procedures) in _by_day(keys).items():
        scope = {"agency_id__in": agencies, "procedure_id__in": procedures}
        rows = (
            StepFact.objects.filter(finished_on=day, **scope)
            .values("agency_id", "procedure_id", "position")
            .annotate(
                **_prefixed(
                    {
                        "name": Max("name"),
                        "steps": Count("pk"),
                        "late_steps": Count("pk", filter=Q(is_late=True)),
                        "seconds": Sum("seconds"),
                        **_buckets("seconds"),
                    }
                )
            )
            .order_by()
        )
        StepRollup.objects.filter(day=day, **scope).delete()
        StepRollup.objects.bulk_create(
            StepRollup(
                day=day,
                agency_id=row["agency_id"],
                procedure_id=row["procedure_id"],
                position=row["position"],
                **_own_names(row),
            )
            for row in rows
        )
