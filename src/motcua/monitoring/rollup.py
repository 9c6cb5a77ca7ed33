"""Recounting dossiers into the rollups: facts first, then every rollup row they touch.

A row is always recomputed from the facts, never incremented, so recounting a dossier twice
changes nothing (the job is idempotent and a rebuild gives the same rows as the worker).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Count, Max, Q, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth

from motcua.dossiers.models import Dossier
from motcua.monitoring import counting
from motcua.monitoring.models import (
    AgencyDailyRollup,
    AgencyMonthlyRollup,
    DailyRollup,
    DossierFact,
    StepFact,
    StepRollup,
)
from motcua.monitoring.models.rollups import (
    BUCKET_BOUNDS_HOURS,
    BUCKETS,
    COUNTERS,
    FLAG_COUNTERS,
)

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
    flag = {name: Count("pk", filter=Q(**{name: True})) for name in FLAG_COUNTERS}
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


KEYS_PER_QUERY = 400


def _exactly(keys: Iterable[tuple[Any, ...]], names: tuple[str, ...]) -> RawSQL:
    """Return the condition matching exactly these key tuples: `(a, b) IN (VALUES ...)`
    (row values, on PostgreSQL and SQLite alike; far cheaper to build than an OR of Qs)."""
    keys = list(keys)
    if not keys:
        return RawSQL("1 = 0", [], output_field=BooleanField())
    row = "(" + ", ".join(["%s"] * len(names)) + ")"
    columns = ", ".join(connection.ops.quote_name(name) for name in names)
    params = [value for key in keys for value in key]
    sql = f"({columns}) IN (VALUES {', '.join([row] * len(keys))})"
    return RawSQL(sql, params, output_field=BooleanField())


def _chunks(keys: set[Any]) -> list[list[Any]]:
    ordered = sorted(keys)
    return [ordered[i : i + KEYS_PER_QUERY] for i in range(0, len(ordered), KEYS_PER_QUERY)]


def recompute_rollups(keys: set[Key]) -> None:
    """Recompute exactly the daily rows of these keys, then the per-agency day and month rows
    above them: a fixed number of queries per KEYS_PER_QUERY keys, however spread."""
    for chunk in _chunks(keys):
        rows: dict[Key, dict[str, int]] = defaultdict(dict)
        names = ("received_on", "agency_id", "procedure_id")
        received = DossierFact.objects.filter(_exactly(chunk, names))
        for row in received.values(*names).annotate(**_received_sums()).order_by():
            rows[(row["received_on"], row["agency_id"], row["procedure_id"])].update(
                _own_names(row)
            )
        names = ("finished_on", "agency_id", "procedure_id")
        finished = DossierFact.objects.filter(_exactly(chunk, names))
        for row in finished.values(*names).annotate(**_finished_sums()).order_by():
            rows[(row["finished_on"], row["agency_id"], row["procedure_id"])].update(
                _own_names(row)
            )
        DailyRollup.objects.filter(_exactly(chunk, ("day", "agency_id", "procedure_id"))).delete()
        DailyRollup.objects.bulk_create(
            DailyRollup(day=d, agency_id=a, procedure_id=p, **sums)
            for (d, a, p), sums in rows.items()
        )
    _recompute_agency_days({(day, agency) for day, agency, _p in keys})


def _recompute_agency_days(keys: set[tuple[date, int]]) -> None:
    for chunk in _chunks(keys):
        rows = (
            DailyRollup.objects.filter(_exactly(chunk, ("day", "agency_id")))
            .values("day", "agency_id")
            .annotate(**SUMS)
            .order_by()
        )
        AgencyDailyRollup.objects.filter(_exactly(chunk, ("day", "agency_id"))).delete()
        AgencyDailyRollup.objects.bulk_create(
            AgencyDailyRollup(day=row["day"], agency_id=row["agency_id"], **unprefixed(row))
            for row in rows
        )
    months = {(day.replace(day=1), agency) for day, agency in keys}
    for chunk in _chunks(months):
        within = Q(pk__in=[])
        for month, agency in chunk:
            within |= Q(agency_id=agency, day__gte=month, day__lt=_next_month(month))
        rows = (
            AgencyDailyRollup.objects.filter(within)
            .values("agency_id", bucket=TruncMonth("day"))
            .annotate(**SUMS)
            .order_by()
        )
        AgencyMonthlyRollup.objects.filter(_exactly(chunk, ("month", "agency_id"))).delete()
        AgencyMonthlyRollup.objects.bulk_create(
            AgencyMonthlyRollup(
                month=_first_day(row["bucket"]), agency_id=row["agency_id"], **unprefixed(row)
            )
            for row in rows
        )


def _first_day(value: Any) -> date:
    return (value.date() if isinstance(value, datetime) else value).replace(day=1)


def _next_month(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1)


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
