"""Working days, working periods and the due moments of dossiers (DOMAIN T1-T6).

Pure Python: no Django, no settings, no clock. Every moment is an aware datetime passed in; the
arithmetic runs in UTC and results come back in the calendar's time zone, so nothing assumes a
fixed offset.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import NamedTuple, Self
from zoneinfo import ZoneInfo

from motcua.workcalendar.pauses import Pause, Span, merge_pauses, to_utc
from motcua.workcalendar.vietnam import (
    DEFAULT_YEARS,
    KNOWN_DAYS_OFF,
    KNOWN_MAKE_UP_DAYS,
    vietnam_holidays,
)

ONE_DAY = timedelta(days=1)
NO_TIME = timedelta()
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
# DOMAIN T2: 08:00-12:00 and 13:00-17:00; provinces may configure their own.
DEFAULT_PERIODS: tuple[tuple[time, time], ...] = ((time(8), time(12)), (time(13), time(17)))
# Decree 118/2025 Art 18(2) (DOMAIN I6, N5): the afternoon cut-off for paper dossiers and same-day
# procedures.
DEFAULT_CUTOFF = time(15)


class TimeUnit(StrEnum):
    """The unit a procedure's time limit is expressed in."""

    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    DAYS = "days"


class _DayChunk(NamedTuple):
    """The working time of one working day inside a walk.

    `free` is None for a whole day untouched by pauses and bounds, whose spans the walk does not
    build (the fast path that keeps a one-year limit cheap).
    """

    day: date
    free: tuple[Span, ...] | None
    length: timedelta


@dataclass(frozen=True)
class WorkingCalendar:
    """The working days and working periods of an administration (DOMAIN T1, T2)."""

    holidays: frozenset[date] = frozenset()
    make_up_days: frozenset[date] = frozenset()
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))
    periods: tuple[tuple[time, time], ...] = DEFAULT_PERIODS
    cutoff: time = DEFAULT_CUTOFF

    def __post_init__(self) -> None:
        """Freeze the day sets and refuse periods that are empty, unordered or overlapping."""
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "make_up_days", frozenset(self.make_up_days))
        object.__setattr__(self, "periods", tuple(self.periods))
        _check_periods(self.periods)

    @classmethod
    def vietnam(
        cls,
        extra_holidays: Iterable[date] = (),
        make_up_days: Iterable[date] = (),
        *,
        years: range | None = None,
        tz: str = DEFAULT_TIMEZONE,
        periods: Sequence[tuple[time, time]] = DEFAULT_PERIODS,
        culture_day: bool = False,
    ) -> Self:
        """Return Vietnam's calendar: the package's holidays plus ours, the known make-up days.

        Vietnam Culture Day (24/11) is a day off only with `culture_day` (DOMAIN N2).
        """
        years = DEFAULT_YEARS if years is None else years
        return cls(
            holidays=vietnam_holidays(years, culture_day=culture_day)
            | frozenset(KNOWN_DAYS_OFF)
            | frozenset(extra_holidays),
            make_up_days=frozenset(KNOWN_MAKE_UP_DAYS) | frozenset(make_up_days),
            tz=ZoneInfo(tz),
            periods=tuple(periods),
        )

    @property
    def day_length(self) -> timedelta:
        """Return the working time of one full working day (8 hours by default, DOMAIN T4)."""
        return sum((_length(start, end) for start, end in self.periods), NO_TIME)

    def is_working_day(self, d: date) -> bool:
        """Return whether `d` is a working day."""
        if d in self.make_up_days:  # DOMAIN T1: a Saturday worked in exchange for a day off
            return True
        return d.weekday() < 5 and d not in self.holidays  # DOMAIN T1

    def start_of_work(self, at: datetime) -> datetime:
        """Return `at` if it falls in a working period, else the start of the next one."""
        return self._start_of_work(to_utc(at)).astimezone(self.tz)  # DOMAIN T3

    def due_at(
        self,
        received_at: datetime,
        value: int,
        unit: TimeUnit | str,
        pauses: Iterable[Pause] = (),
        *,
        same_day: bool = False,
    ) -> datetime:
        """Return the due moment of a limit of `value` `unit`s received at `received_at`.

        Limits in working time end at the earliest moment that working time has elapsed (DOMAIN
        T4); limits in calendar days follow DOMAIN T5; with `same_day` the limit is "within the
        day" (trong ngày): due at the close of the day of receipt, or of the next working day when
        received after the cut-off (Decree 118/2025 Art 18(2)), and `value` is ignored. Pauses
        move the due moment later by the working time inside them (DOMAIN T6); they must be
        closed.
        """
        unit = _parse_unit(unit)
        if value < 0:
            raise ValueError(f"a time limit cannot be negative: {value}")
        start = self._start_of_work(to_utc(received_at))  # DOMAIN T3
        paused = merge_pauses(pauses, after=start)
        if unit is TimeUnit.DAYS or same_day:
            due = self._same_day_due(start) if same_day else self._calendar_days_due(start, value)
            if not paused:
                return due.astimezone(self.tz)
            # DOMAIN T6 for a limit in calendar days: the clock stops only in working time, so the
            # working time paused before the calendar-day due moment is added after it as working
            # time (and pauses met while adding it stretch it again).
            inside = self._working_time(start, due, ()) - self._working_time(start, due, paused)
            due = self._consume(due, inside, paused)
        else:
            # A working day is a full day's working time: 8 hours with the DOMAIN T2 periods.
            per_unit = self.day_length if unit is TimeUnit.WORKING_DAYS else timedelta(hours=1)
            due = self._consume(start, per_unit * value, paused)  # DOMAIN T4
        return due.astimezone(self.tz)

    def working_time_between(
        self, a: datetime, b: datetime, pauses: Iterable[Pause] = ()
    ) -> timedelta:
        """Return the working time inside [a, b) outside every pause; an open pause runs to b."""
        start, end = to_utc(a), to_utc(b)
        if end <= start:
            return NO_TIME
        return self._working_time(start, end, merge_pauses(pauses, after=start, open_until=end))

    def after_cutoff(self, received_at: datetime) -> bool:
        """Return whether a dossier received at `received_at` came in after the afternoon cut-off
        of a working day (Decree 118/2025 Art 18(2)); outside working time it counts as received
        at the next period's start (DOMAIN T3), so never after the cut-off."""
        start = self._start_of_work(to_utc(received_at)).astimezone(self.tz)
        return start.time() > self.cutoff

    def next_working_day_start(self, at: datetime) -> datetime:
        """Return the start of the first working day after `at`'s (local) day."""
        day = self.add_working_days(self._local_date(to_utc(at)), 1)
        return self._utc_at(day, self.periods[0][0]).astimezone(self.tz)

    def forwarded_at(self, received_at: datetime) -> datetime:
        """Return when a paper dossier received at `received_at` reaches the handling unit:
        at once, or at the next working day's start when received after the cut-off
        (Decree 118/2025 Art 18(2), DOMAIN I6)."""
        if self.after_cutoff(received_at):
            return self.next_working_day_start(received_at)
        return self.start_of_work(received_at)

    def add_working_days(self, start: date, days: int) -> date:
        """Return the date `days` working days after `start`; `start` itself does not count."""
        if days < 0:
            raise ValueError(f"cannot add a negative number of working days: {days}")
        day, counted = start, 0
        while counted < days:
            day += ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def _start_of_work(self, at: datetime) -> datetime:
        """Return the UTC moment `at` if it is working time, else the next period's start."""
        day = self._local_date(at)
        while True:
            if self.is_working_day(day):
                for start, end in self._periods_on(day):
                    if at < end:  # periods are half-open: 12:00 and 17:00 are already outside
                        return max(at, start)
            day += ONE_DAY

    def _same_day_due(self, start: datetime) -> datetime:
        """Return the UTC close of `start`'s working day, or of the next one after the cut-off."""
        day = self._local_date(start)
        if start.astimezone(self.tz).time() > self.cutoff:  # Decree 118/2025 Art 18(2)
            day = self.add_working_days(day, 1)
        return self._utc_at(day, self.periods[-1][1])

    def _calendar_days_due(self, start: datetime, days: int) -> datetime:
        """Return the UTC due moment of a limit of `days` calendar days from `start` (DOMAIN T5)."""
        local = start.astimezone(self.tz)
        target = local.date() + timedelta(days=days)
        if self.is_working_day(target):
            return datetime.combine(target, local.time(), tzinfo=self.tz).astimezone(UTC)
        # DOMAIN T5 (Civil Code Art 148(5)): a period ending on a day off ends at the close of
        # the next working day.
        return self._utc_at(self.add_working_days(target, 1), self.periods[-1][1])

    def _consume(self, start: datetime, budget: timedelta, paused: Sequence[Span]) -> datetime:
        """Return the earliest UTC moment by which `budget` unpaused working time has elapsed."""
        if budget <= NO_TIME:
            return start
        for chunk in self._walk(start, None, paused):
            if chunk.length < budget:
                budget -= chunk.length
                continue
            spans = self._periods_on(chunk.day) if chunk.free is None else chunk.free
            for span_start, span_end in spans:
                if span_end - span_start >= budget:
                    return span_start + budget
                budget -= span_end - span_start
        raise AssertionError("a walk without an end always reaches the budget")

    def _working_time(self, start: datetime, end: datetime, paused: Sequence[Span]) -> timedelta:
        """Return the unpaused working time inside the UTC span [start, end)."""
        return sum((chunk.length for chunk in self._walk(start, end, paused)), NO_TIME)

    def _walk(
        self, start: datetime, end: datetime | None, paused: Sequence[Span]
    ) -> Iterator[_DayChunk]:
        """Yield the unpaused working time of each working day from `start` up to `end`."""
        day = first = self._local_date(start)
        last = None if end is None else self._local_date(end)
        # The wall-clock length stands for a whole day's working time: clocks that change do so
        # at night, outside working periods.
        day_length = self.day_length
        index = 0  # the first pause that may still touch the current day
        while last is None or day <= last:
            if self.is_working_day(day):
                touched = index < len(paused) and self._local_date(paused[index][0]) <= day
                if touched or day in (first, last):
                    index, free = self._free_spans(day, start, end, paused, index)
                    yield _DayChunk(day, free, sum((b - a for a, b in free), NO_TIME))
                else:
                    yield _DayChunk(day, None, day_length)
            day += ONE_DAY

    def _free_spans(
        self,
        day: date,
        start: datetime,
        end: datetime | None,
        paused: Sequence[Span],
        index: int,
    ) -> tuple[int, tuple[Span, ...]]:
        """Return the pause index to resume from and `day`'s unpaused working spans."""
        free: list[Span] = []
        for period_start, period_end in self._periods_on(day):
            cursor = max(period_start, start)
            stop = period_end if end is None else min(period_end, end)
            while index < len(paused) and paused[index][1] <= cursor:
                index += 1  # the pause is over; later periods start later still
            following = index
            while cursor < stop and following < len(paused) and paused[following][0] < stop:
                pause_start, pause_end = paused[following]
                if pause_start > cursor:
                    free.append((cursor, pause_start))
                cursor = max(cursor, pause_end)
                following += 1
            if cursor < stop:
                free.append((cursor, stop))
        return index, tuple(free)

    def _periods_on(self, day: date) -> list[Span]:
        """Return `day`'s working periods as UTC spans."""
        return [(self._utc_at(day, start), self._utc_at(day, end)) for start, end in self.periods]

    def _utc_at(self, day: date, clock: time) -> datetime:
        """Return the UTC moment of the wall-clock time `clock` on `day` in the calendar's zone."""
        return datetime.combine(day, clock, tzinfo=self.tz).astimezone(UTC)

    def _local_date(self, moment: datetime) -> date:
        """Return the calendar date of `moment` in the calendar's zone."""
        return moment.astimezone(self.tz).date()


def _parse_unit(unit: TimeUnit | str) -> TimeUnit:
    """Return `unit` as a TimeUnit, refusing unknown units."""
    try:
        return TimeUnit(unit)
    except ValueError:
        raise ValueError(f"unknown time unit: {unit!r}") from None


def _length(start: time, end: time) -> timedelta:
    """Return the wall-clock length of the period [start, end) on one day."""
    return datetime.combine(date.min, end) - datetime.combine(date.min, start)


def _check_periods(periods: tuple[tuple[time, time], ...]) -> None:
    """Refuse working periods that are empty, zoned, reversed, unordered or overlapping."""
    if not periods:
        raise ValueError("a working calendar needs at least one working period")
    previous_end: time | None = None
    for start, end in periods:
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValueError("working periods are wall-clock times without a time zone")
        if start >= end:
            raise ValueError(f"a working period must end after it starts: {start}-{end}")
        if previous_end is not None and start < previous_end:
            raise ValueError("working periods must be in order and must not overlap")
        previous_end = end
