"""The measuring half of bench/dashboard.py: checks, page timings, naive queries, the worker."""

if __name__ == "__main__":  # run as a script: it is bench/dashboard.py's half, which sets Django up
    import runpy
    from pathlib import Path

    runpy.run_path(str(Path(__file__).with_name("dashboard.py")), run_name="__main__")
    raise SystemExit(0)

import statistics
import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock_time

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max, Min, Sum
from django.test import Client
from django.utils import timezone

from motcua.dossiers.models import Dossier, Event
from motcua.identity.services import create_official
from motcua.monitoring import counting, rollup, services
from motcua.monitoring.models import (
    AgencyDailyRollup,
    AgencyMonthlyRollup,
    DailyRollup,
    DossierFact,
    Watermark,
)
from motcua.monitoring.models.rollups import COUNTERS

TZ = "Asia/Ho_Chi_Minh"
FACT_FIELDS = [
    "agency_id",
    "procedure_id",
    "received_on",
    "finished_on",
    "due_at",
    "is_open",
    "channel",
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
    "open_overdue",
    "timeliness",
    "outcome",
    "results_digitised",
    "rating",
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)  # noqa: T201


def out(message: str) -> None:
    print(message, flush=True)  # noqa: T201


def people():  # noqa: ANN201
    """Return the account that owns the generated dossiers, and the coordinator."""
    users = get_user_model()
    owner, _ = users.objects.get_or_create(username="bench-owner")
    coordinator = users.objects.filter(username="bench-coord").first()
    if coordinator is None:
        coordinator = create_official("bench-coord", role="coordinator")
    return owner, coordinator


def median_ms(func, runs: int) -> tuple[float, float]:  # noqa: ANN001
    """Return the median and the minimum, in ms, of `runs` calls after a warm-up call."""
    func()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def check_facts(sample: int = 500) -> int:
    """Return how many sampled facts differ from what the Python rules derive (0 expected)."""
    ids = list(DossierFact.objects.order_by("?").values_list("dossier_id", flat=True)[:sample])
    stored = {f.dossier_id: f for f in DossierFact.objects.filter(dossier_id__in=ids)}
    now = timezone.now()
    bad = 0
    for dossier in counting.with_history(Dossier.objects.filter(pk__in=ids)):
        fact, mine = stored[dossier.pk], counting.fact_for(dossier, now)
        diff = [n for n in FACT_FIELDS if getattr(fact, n) != getattr(mine, n)]
        if diff:
            bad += 1
            log(f"  fact of {dossier.pk} differs: {diff}")
    return bad


def check_rollups(sample: int = 20) -> int:
    """Recompute sampled daily rows with the app's code; return how many counters changed."""
    rows = list(DailyRollup.objects.order_by("?")[:sample])
    keys = {(r.day, r.agency_id, r.procedure_id) for r in rows}
    before = {(r.day, r.agency_id, r.procedure_id): [getattr(r, n) for n in COUNTERS] for r in rows}
    with transaction.atomic():
        rollup.recompute_rollups(keys)
    bad = 0
    for key, values in before.items():
        day, agency, procedure = key
        row = DailyRollup.objects.get(day=day, agency_id=agency, procedure_id=procedure)
        if [getattr(row, n) for n in COUNTERS] != values:
            bad += 1
            log(f"  rollup {key} differs")
    return bad


NAIVE = """
SELECT d.handling_agency_id,
  count(*) FILTER (WHERE r), count(*) FILTER (WHERE r AND d.channel = 'online'),
  count(*) FILTER (WHERE r AND d.channel = 'counter'),
  count(*) FILTER (WHERE r AND d.channel = 'postal'),
  count(*) FILTER (WHERE r AND sp.unit_id <> d.competent_unit_id),
  count(*) FILTER (WHERE f), count(*) FILTER (WHERE f AND d.finished_at <= d.due_at),
  count(*) FILTER (WHERE f AND d.finished_at > d.due_at),
  count(*) FILTER (WHERE r AND d.finished_at IS NULL AND d.due_at >= %(now)s),
  count(*) FILTER (WHERE r AND d.finished_at IS NULL AND d.due_at < %(now)s
                   AND d.status <> 'waiting_supplement'),
  count(*) FILTER (WHERE r AND d.supplement_rounds > 0),
  count(*) FILTER (WHERE f AND d.status = 'rejected'),
  count(*) FILTER (WHERE r AND d.fee_amount_vnd > 0),
  count(*) FILTER (WHERE r AND d.fee_amount_vnd > 0 AND d.fee_paid_at IS NOT NULL),
  avg(extract(epoch FROM d.finished_at - d.received_at)) FILTER (WHERE f),
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM d.finished_at - d.received_at))
      FILTER (WHERE f),
  avg(d.evaluation_score) FILTER (WHERE f)
FROM (SELECT *, received_at >= %(since)s AND received_at < %(until)s AS r,
             finished_at >= %(since)s AND finished_at < %(until)s AS f
      FROM dossiers_dossier {where}) d
JOIN geography_servicepoint sp ON sp.id = d.receiving_point_id
GROUP BY 1
"""
NAIVE_TREND = f"""
SELECT m, sum(received), sum(finished), sum(in_time) FROM (
  SELECT date_trunc('month', received_at AT TIME ZONE '{TZ}') AS m, 1 AS received,
         0 AS finished, 0 AS in_time
  FROM dossiers_dossier WHERE received_at >= %(since)s AND received_at < %(until)s {{also}}
  UNION ALL
  SELECT date_trunc('month', finished_at AT TIME ZONE '{TZ}'), 0, 1,
         (finished_at <= due_at)::int
  FROM dossiers_dossier WHERE finished_at >= %(since)s AND finished_at < %(until)s {{also}}
) u GROUP BY 1 ORDER BY 1
"""


def naive(since: datetime, until: datetime, agency: int | None) -> None:
    """The same figures straight from the dossiers: per agency, then the monthly trend."""
    params = {"since": since, "until": until, "now": timezone.now(), "agency": agency}
    where = "WHERE handling_agency_id = %(agency)s" if agency else ""
    also = "AND handling_agency_id = %(agency)s" if agency else ""
    with connection.cursor() as cursor:
        cursor.execute(NAIVE.format(where=where), params)
        cursor.fetchall()
        cursor.execute(NAIVE_TREND.format(also=also), params)
        cursor.fetchall()


def _page(client: Client, url: str) -> None:
    response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (url, response.status_code)


def worker_batch(changes: int) -> tuple[int, float]:
    """Resolve `changes` open dossiers (as the services would: status, time, one event), then
    time one run of the worker's job; return the dossiers it counted and the seconds."""
    now = timezone.now()
    ids = list(
        Dossier.objects.filter(status="in_progress")
        .order_by("?")
        .values_list("pk", flat=True)[:changes]
    )
    with transaction.atomic():
        Dossier.objects.filter(pk__in=ids).update(
            status="returned", finished_at=now, returned_at=now, version=2
        )
        Event.objects.bulk_create(
            Event(
                dossier_id=pk,
                seq=3,
                action="sign-result",
                actor="bench",
                actor_role="approver",
                status_before="in_progress",
                status_after="returned",
                payload={},
                created_at=now,
                prev_hash="0" * 64,
                hash="1" * 64,
            )
            for pk in ids
        )
    started = time.perf_counter()
    result = services.refresh_rollups(batch=changes * 2)
    return result.dossiers, time.perf_counter() - started


def report(runs: int, changes: int) -> None:
    _owner, coordinator = people()
    counts = {
        "dossiers": Dossier.objects.count(),
        "events": Event.objects.count(),
        "facts": DossierFact.objects.count(),
        "daily rollup rows": DailyRollup.objects.count(),
        "per-agency rollup rows": AgencyDailyRollup.objects.count(),
        "monthly rollup rows": AgencyMonthlyRollup.objects.count(),
    }
    log(f"  {counts}")
    # The worker starts from the generated events: its mark at the last one.
    Watermark.objects.update_or_create(
        name=services.JOB, defaults={"last_event_id": Event.objects.aggregate(m=Max("id"))["m"]}
    )
    facts_bad = check_facts()
    rollups_bad = check_rollups()
    span = AgencyDailyRollup.objects.aggregate(first=Min("day"), last=Max("day"))
    first, last = span["first"], span["last"]
    month_start = last - timedelta(days=30)
    busiest = (
        AgencyDailyRollup.objects.values("agency_id", "agency__code")
        .annotate(n=Sum("received"))
        .order_by("-n")
        .first()
    )
    code = busiest["agency__code"]
    name = f"bench-leader-{code}"
    leader = get_user_model().objects.filter(username=name).first()
    if leader is None:
        leader = create_official(name, role="approver", agency=code)
    coord, lead = Client(), Client()
    coord.force_login(coordinator)
    lead.force_login(leader)
    whole = f"start={first}&end={last}"
    month = f"start={month_start}&end={last}"
    since = timezone.make_aware(datetime.combine(first, clock_time()))
    until = timezone.make_aware(datetime.combine(last + timedelta(days=1), clock_time()))
    month_since = timezone.make_aware(datetime.combine(month_start, clock_time()))
    measures = [
        (
            "city-wide dashboard, whole history",
            lambda: _page(coord, f"/workspace/monitoring/?{whole}"),
        ),
        (
            "city-wide dashboard, last 31 days",
            lambda: _page(coord, f"/workspace/monitoring/?{month}"),
        ),
        (
            "ranking by 766 points, whole history",
            lambda: _page(coord, f"/workspace/monitoring/ranking/?{whole}"),
        ),
        (
            "indicators API, city-wide, whole history",
            lambda: _page(coord, f"/api/v1/indicators/?from={first}&to={last}"),
        ),
        (
            f"unit drill-down ({code}), whole history",
            lambda: _page(lead, f"/workspace/monitoring/units/{code}/?{whole}"),
        ),
        (
            "unit's overdue dossiers, first page",
            lambda: _page(
                lead, f"/workspace/monitoring/units/{code}/dossiers/?{whole}&state=overdue"
            ),
        ),
    ]
    naive_measures = {
        "city-wide dashboard, whole history": lambda: naive(since, until, None),
        "city-wide dashboard, last 31 days": lambda: naive(month_since, until, None),
        f"unit drill-down ({code}), whole history": lambda: naive(
            since, until, busiest["agency_id"]
        ),
    }
    out(
        f"\nData: {counts}; facts differing from the Python rules: {facts_bad} of 500; "
        f"rollup rows differing from the app's recount: {rollups_bad} of 20; "
        f"days {first} to {last}.\n"
    )
    out("| page (what it runs) | median | min | naive query over the dossiers, median |")
    out("| --- | --- | --- | --- |")
    for label, func in measures:
        median, fastest = median_ms(func, runs)
        naive_figure = ""
        if label in naive_measures:
            naive_median, _ = median_ms(naive_measures[label], max(3, runs // 2))
            naive_figure = f"{naive_median:,.0f} ms"
        out(f"| {label} | {median:,.0f} ms | {fastest:,.0f} ms | {naive_figure} |")
    counted, seconds = worker_batch(changes)
    out(
        f"\nWorker job after {changes} dossiers were resolved: one run counted {counted} "
        f"dossiers in {seconds:.2f} s ({counted / seconds:,.0f} dossiers/s)."
    )
