"""The one time module of dossiers: due, paused, overdue, the apology window, the indicators' due
moment and the 15:00 rule (DOMAIN T3–T8, I6; Decree 118/2025 Art 18(2), 19(6)).

Every rule about a dossier's time is here, once, in plain Python over the dossier's fields, with
its database filter (Q) beside it where lists need one. The API, the pages, the sweep, the rollups
and the reports import from here; a test fails if "overdue" is defined anywhere else. The services
store the due moments these functions return (at receipt, transfer, a pause's end, a supplement,
a re-plan, a part's acknowledgement) and compute none themselves (tests/dossiers/
test_deadlines_writes.py checks it).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from django.db.models import F, Q
from django.utils.dateparse import parse_datetime

from motcua.catalog.models import ProcedureVersion, TimeUnit
from motcua.dossiers.workflow import FINISHED, OPEN, RESOLVED, Status
from motcua.workcalendar import Pause, WorkingCalendar
from motcua.workcalendar.store import province_calendar

# DOMAIN T6: while the dossier waits for the applicant its clock stands still: never late then.
RUNNING = tuple(s for s in OPEN if s != Status.WAITING_SUPPLEMENT)
# DOMAIN I6 (Decree 118/2025 Art 19(6)): the apology letter is issued at least 1 day before the
# due moment.
APOLOGY_NOTICE = timedelta(days=1)
# DOMAIN I6: a dossier whose applicant does not supplement within 15 days is closed.
SUPPLEMENT_WAIT = timedelta(days=15)
PAPER_CHANNELS = ("counter", "postal")  # Channel values of dossiers taken on paper (DOMAIN I1)


def calendar() -> WorkingCalendar:
    """Return the province's working calendar as the centre keeps it (DOMAIN T1)."""
    return province_calendar()


# --- due ------------------------------------------------------------------------------------


def is_same_day(version: Any) -> bool:
    """A limit of 0 working days is "within the day" (trong ngày)."""
    return version.time_limit_value == 0 and version.time_limit_unit == TimeUnit.WORKING_DAYS


def limit_holder(dossier: Any) -> Any:
    """Return what holds the dossier's time limit: its joint group (Decree 63/2024: one limit
    for the whole group), else its procedure version."""
    return dossier.group if dossier.group_id else dossier.procedure_version


def due_at(
    version: Any, start: datetime, pauses: Iterable[tuple[datetime, datetime]] = ()
) -> datetime | None:
    """Return the due moment of a dossier received at `start`, with closed pauses (T4–T6).

    Same-day procedures received after 15:00 are due at the next working day's end (Decree
    118/2025 Art 18(2)).
    """
    if version.time_limit_value is None:
        return None
    spans = [Pause(a, b) for a, b in pauses]
    return calendar().due_at(
        start,
        version.time_limit_value,
        version.time_limit_unit,
        spans,
        same_day=is_same_day(version),
    )


def step_due_at(version: ProcedureVersion, start: datetime, share_percent: int) -> datetime | None:
    """Return the due moment of a process step: its share of the limit in working hours (T7).

    Shares are rounded to whole working hours, at least one; calendar-day limits are shared
    out as if they were working days.
    """
    return share_due_at(version.time_limit_value, version.time_limit_unit, start, share_percent)


def share_due_at(
    value: int | None, unit: str, start: datetime, share_percent: int
) -> datetime | None:
    """Return the due moment of a share of a limit (a step, or an agency's part of a joint
    dossier, Decree 118/2025 Art 20), in whole working hours from `start`, at least one."""
    if value is None:
        return None
    total = value if unit == TimeUnit.WORKING_HOURS else value * 8
    hours = max(1, round(total * share_percent / 100))
    return calendar().due_at(start, hours, TimeUnit.WORKING_HOURS)


def clock_start(dossier: Any) -> datetime:
    """Return the moment the dossier's time limit counts from: its receipt, or, for a dossier
    transferred to the competent agency, that agency's receipt (Decree 118/2025 Art 17(2)(a):
    the misdirected time is not the competent agency's; the limit restarts in full)."""
    return dossier.clock_started_at or dossier.received_at


def pauses_since(dossier: Any) -> list[tuple[datetime, datetime]]:
    """Return the closed pauses that count against the running clock: those after its start."""
    start = clock_start(dossier)
    return [
        (p.started_at, p.ended_at)
        for p in dossier.pauses.all()
        if p.ended_at is not None and p.started_at >= start
    ]


def forwarded_at(channel: str, received_at: datetime) -> datetime | None:
    """Return when a paper dossier goes to the handling unit: at once, or at the next working
    day's start when received after 15:00 (Decree 118/2025 Art 18(2), DOMAIN I6); None online."""
    if channel not in PAPER_CHANNELS:
        return None
    return calendar().forwarded_at(received_at)


def after_cutoff(received_at: datetime) -> bool:
    """Return whether the dossier came in after the 15:00 cut-off of a working day."""
    return calendar().after_cutoff(received_at)


def afternoon_rule(dossier: Any) -> dict[str, Any]:
    """What the receipt says of the 15:00 rule (Decree 118/2025 Art 18(2)): when a paper dossier
    received after 15:00 is forwarded, and whether a same-day procedure moved to the next day."""
    late = after_cutoff(dossier.received_at)
    forwarded = forwarded_at(dossier.channel, dossier.received_at) if late else None
    return {
        "forwarded_at": forwarded,
        "same_day_next_day": late and is_same_day(dossier.procedure_version),
    }


def replanned_due_at(dossier: Any) -> datetime | None:
    """Return the due moment the dossier's procedure, receipt and closed pauses give today.

    Used when the centre changes the calendar: an apology's appointment stays as promised.
    """
    return due_at(limit_holder(dossier), clock_start(dossier), pauses_since(dossier))


# --- the writes: what the services store as a dossier's or a part's due moment ----------------
# The services only assign these results (a test checks that no service computes a due moment).


class Restart(NamedTuple):
    """The clock of a transferred dossier at the competent agency (Decree 118/2025 Art 17(2)(a))."""

    clock_started_at: datetime
    due_at: datetime | None
    legal_due_at: datetime | None


def due_at_on_receipt(holder: Any, received_at: datetime) -> datetime | None:
    """Return the due moment stored at receipt (also the legal one): the holder's limit (the
    joint group's, else the procedure version's) counted from `received_at` (T3–T5)."""
    return due_at(holder, received_at)


def restart_on_transfer(holder: Any, received_at: datetime) -> Restart:
    """Return the clock of a dossier the competent agency receives at `received_at`: it starts
    there with the whole limit, due and legal due alike; the misdirected time and its pauses
    are not that agency's (Decree 118/2025 Art 17(2)(a))."""
    due = due_at(holder, received_at)
    return Restart(received_at, due, due)


def due_at_after_resume(
    dossier: Any, pauses: Iterable[tuple[datetime, datetime]]
) -> datetime | None:
    """Return the due moment when the applicant's supplement ends a pause: the limit counted
    from the clock's start, later by the working time of the closed `pauses` (T6)."""
    return due_at(limit_holder(dossier), clock_start(dossier), pauses)


def paused_seconds(pauses: Iterable[tuple[datetime, datetime]]) -> int:
    """Return the working seconds inside the closed pauses, as the dossier stores them (T6)."""
    return int(paused_working_time(pauses).total_seconds())


def legal_due_at_after_supplement(holder: Any, supplemented_at: datetime) -> datetime | None:
    """Return the legal due moment a complete supplement restarts: the whole limit from then
    (Decree 118/2025 Art 19(5))."""
    return due_at(holder, supplemented_at)


def replanned_legal_due_at(
    holder: Any, restarted_at: datetime | None, replanned: datetime | None
) -> datetime | None:
    """Return the legal due moment on today's calendar: restarted at the last complete
    supplement (`restarted_at`, Art 19(5)) when there was one, else the re-planned due."""
    restarted = legal_due_at_after_supplement(holder, restarted_at) if restarted_at else None
    return restarted or replanned


def part_due_at(dossier: Any, acknowledged_at: datetime, share_percent: int) -> datetime | None:
    """Return the due moment of a joint dossier's part: its agency's share of the dossier's
    limit from that agency's acknowledgement (Decree 118/2025 Art 20, issue 24)."""
    holder = limit_holder(dossier)
    return share_due_at(
        holder.time_limit_value, holder.time_limit_unit, acknowledged_at, share_percent
    )


# --- paused ---------------------------------------------------------------------------------


def paused_working_time(pauses: Iterable[tuple[datetime, datetime]]) -> timedelta:
    """Return the working time inside the pauses (DOMAIN T6)."""
    cal = calendar()
    return sum((cal.working_time_between(a, b) for a, b in pauses), timedelta())


def is_paused(dossier: Any) -> bool:
    """Return whether the dossier's clock stands still, waiting for the applicant (T6)."""
    return dossier.status == Status.WAITING_SUPPLEMENT


def supplement_closes_at(requested_at: datetime) -> datetime:
    """Return when a dossier waiting for documents asked at `requested_at` is closed (I6)."""
    return requested_at + SUPPLEMENT_WAIT


def unsupplemented_q(now: datetime) -> Q:
    """The dossiers still waiting for documents asked more than `SUPPLEMENT_WAIT` ago (I6)."""
    return Q(
        status=Status.WAITING_SUPPLEMENT,
        pauses__ended_at__isnull=True,
        pauses__started_at__lt=now - SUPPLEMENT_WAIT,
    )


# --- overdue --------------------------------------------------------------------------------


def _late(status: str, due: datetime | None, finished_at: datetime | None, now: datetime) -> bool:
    if due is None:
        return False  # no time limit: never late
    if status in FINISHED:
        return status in RESOLVED and finished_at is not None and finished_late(due, finished_at)
    return status in RUNNING and now > due


def finished_late(due: datetime | None, finished_at: datetime) -> bool:
    """Return whether work finished at `finished_at` missed `due` (a dossier or a step)."""
    return due is not None and finished_at > due


def part_is_late(part: Any, now: datetime) -> bool:
    """A part of a joint dossier is late when its agency finished it after its own due moment,
    or has not finished it by then (issue 24: the lateness is that agency's)."""
    if part.due_at is None:
        return False
    if part.finished_at is not None:
        return finished_late(part.due_at, part.finished_at)
    return now > part.due_at


def late_part_q(now: datetime, prefix: str = "") -> Q:
    """The database filter of `part_is_late` (on DossierPart, or through `prefix`)."""
    p = prefix
    finished = Q(**{f"{p}finished_at__isnull": False, f"{p}finished_at__gt": F(f"{p}due_at")})
    running = Q(**{f"{p}finished_at__isnull": True, f"{p}due_at__lt": now})
    return finished | running


def due_between_q(start: datetime, end: datetime) -> Q:
    """The dossiers due in [start, end) (the queues' "due this week")."""
    return Q(due_at__gte=start, due_at__lt=end)


def running_not_yet_due_q(now: datetime) -> Q:
    """The running dossiers whose due moment is still ahead (re-planned when the calendar
    changes)."""
    return Q(status__in=list(RUNNING), due_at__gt=now)


def is_overdue(dossier: Any, now: datetime) -> bool:
    """Overdue (DOMAIN T8): still running past its due moment, or resolved after it; a paused
    clock is never late (T6). Judged against the appointment the applicant holds (an apology's
    new date); the indicators judge against `indicator_due_at`."""
    return _late(dossier.status, dossier.due_at, dossier.finished_at, now)


def is_open_overdue(dossier: Any, now: datetime) -> bool:
    """Open, running and past its due moment (the queues, the sweep)."""
    return dossier.status in RUNNING and is_overdue(dossier, now)


def finished_late_q(prefix: str = "") -> Q:
    """The resolved dossiers that finished after their due moment (`finished_late`), in the
    database; also the condition of the partial index `dossier_finished_late`, which serves
    the city-wide overdue list (bench/hot_paths.py)."""
    p = prefix
    return Q(**{f"{p}status__in": sorted(RESOLVED), f"{p}finished_at__gt": F(f"{p}due_at")})


def overdue_q(now: datetime, prefix: str = "") -> Q:
    """The database filter of `is_overdue` (on Dossier, or through `prefix`, e.g. "dossier__")."""
    return open_overdue_q(now, prefix) | finished_late_q(prefix)


def open_overdue_q(now: datetime, prefix: str = "") -> Q:
    """The database filter of `is_open_overdue`."""
    return Q(**{f"{prefix}due_at__lt": now, f"{prefix}status__in": sorted(RUNNING)})


def indicator_due_at(dossier: Any) -> datetime | None:
    """Return the due moment the indicators judge by: an apology's new date does not count
    (DOMAIN T8: the dossier still counts as late), so the first apology's old date wins.

    Reads the apology events prefetched as `apologies` (monitoring's `with_history`).
    """
    for event in getattr(dossier, "apologies", []):
        old = event.payload.get("old_due_at")
        if old:
            return parse_datetime(str(old))
    return dossier.due_at


def indicator_overdue(dossier: Any, due: datetime | None, now: datetime) -> bool:
    """Open, running and past the indicators' due moment (the figure and its drill-down)."""
    return dossier.status in RUNNING and due is not None and now > due


def indicator_overdue_q(now: datetime) -> Q:
    """On DossierFact: the open dossiers past the indicators' due moment, clock running."""
    return Q(is_open=True, due_at__lt=now) & ~Q(dossier__status=Status.WAITING_SUPPLEMENT)


# --- the apology (DOMAIN T8, I6) --------------------------------------------------------------


def apology_is_late(due: datetime | None, now: datetime) -> bool:
    """Return whether an apology issued at `now` comes less than a day before the due moment."""
    return due is not None and now > due - APOLOGY_NOTICE


# --- online intake (Decree 118/2025 Art 15(3), 17(2)) ---------------------------------------

INTAKE_ALERT_HOURS = 2  # not seen by an official by then: the officials and the centre are told
INTAKE_DECISION_HOURS = 8  # not accepted or returned by then: flagged, counted by the indicators


def intake_alert_at(received_at: datetime) -> datetime:
    """When an online dossier nobody has looked at alerts its officials and the centre."""
    return calendar().due_at(received_at, INTAKE_ALERT_HOURS, TimeUnit.WORKING_HOURS)


def intake_decision_due_at(received_at: datetime) -> datetime:
    """By when an online dossier must be accepted or returned (refused, sent for supplement)."""
    return calendar().due_at(received_at, INTAKE_DECISION_HOURS, TimeUnit.WORKING_HOURS)
