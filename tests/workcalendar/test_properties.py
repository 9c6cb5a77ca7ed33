from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.workcalendar import Pause, TimeUnit, WorkingCalendar

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CALENDAR = WorkingCalendar.vietnam()
ONE_MICROSECOND = timedelta(microseconds=1)

moments = st.datetimes(
    min_value=datetime.combine(date(2025, 1, 1), time.min),  # hypothesis takes naive bounds
    max_value=datetime.combine(date(2028, 12, 31), time.max),
    timezones=st.just(TZ),
)
values = st.integers(min_value=0, max_value=60)
working_units = st.sampled_from([TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS])
units = st.sampled_from(list(TimeUnit))
durations = st.timedeltas(min_value=timedelta(), max_value=timedelta(days=10))
bounded = settings(max_examples=200, deadline=None)


@st.composite
def pauses_near(draw: st.DrawFn, anchor: datetime) -> list[Pause]:
    """Draw up to three pauses starting between 5 days before and 90 days after `anchor`."""
    offsets = st.timedeltas(min_value=timedelta(days=-5), max_value=timedelta(days=90))
    starts = draw(st.lists(offsets, max_size=3))
    return [Pause(anchor + offset, anchor + offset + draw(durations)) for offset in starts]


@st.composite
def receipts_with_pauses(draw: st.DrawFn) -> tuple[datetime, list[Pause]]:
    """Draw a receipt moment and pauses around it."""
    received = draw(moments)
    return received, draw(pauses_near(received))


def in_working_period(moment: datetime) -> bool:
    local = moment.astimezone(TZ)
    if not CALENDAR.is_working_day(local.date()):
        return False
    return any(start < local.time() <= end for start, end in CALENDAR.periods)


@bounded
@given(received=moments, value=st.integers(min_value=1, max_value=60), unit=working_units)
def test_due_falls_inside_a_working_period(received, value, unit):  # DOMAIN T4
    due = CALENDAR.due_at(received, value, unit)

    assert in_working_period(due)
    assert due.tzinfo == TZ


@bounded
@given(received=moments, value=st.integers(min_value=1, max_value=60), unit=working_units)
def test_due_is_the_earliest_moment_the_working_time_elapsed(received, value, unit):  # DOMAIN T4
    start = CALENDAR.start_of_work(received)
    budget = timedelta(hours=value * (8 if unit is TimeUnit.WORKING_DAYS else 1))

    due = CALENDAR.due_at(received, value, unit)

    assert CALENDAR.working_time_between(start, due) == budget
    assert CALENDAR.working_time_between(start, due - ONE_MICROSECOND) < budget


@bounded
@given(received=moments, value=values)
def test_working_hours_elapse_between_start_and_due(received, value):  # DOMAIN T4
    start = CALENDAR.start_of_work(received)

    due = CALENDAR.due_at(received, value, TimeUnit.WORKING_HOURS)

    assert CALENDAR.working_time_between(start, due) == timedelta(hours=value)


@bounded
@given(received=moments)
def test_start_of_work_is_working_time_and_not_earlier(received):  # DOMAIN T3
    start = CALENDAR.start_of_work(received)

    assert start >= received
    assert CALENDAR.working_time_between(received, start) == timedelta()
    assert CALENDAR.working_time_between(start, start + ONE_MICROSECOND) == ONE_MICROSECOND


@bounded
@given(first=moments, second=moments, value=values, unit=working_units)
def test_later_receipt_never_gives_an_earlier_due(first, second, value, unit):  # DOMAIN T4
    earlier, later = sorted([first, second])

    assert CALENDAR.due_at(earlier, value, unit) <= CALENDAR.due_at(later, value, unit)


@bounded
@given(received=moments, first=values, second=values, unit=working_units)
def test_longer_limit_never_gives_an_earlier_due(received, first, second, unit):  # DOMAIN T4
    shorter, longer = sorted([first, second])

    assert CALENDAR.due_at(received, shorter, unit) <= CALENDAR.due_at(received, longer, unit)


# DOMAIN T5 is monotonic only by date: a limit ending on a day off ends at 17:00 of the next working
# day, while one ending on that working day keeps the receipt's clock time, so "5 days from Monday
# 10:00" (Monday 17:00) ends later than "5 days from Wednesday 10:00" (Monday 10:00).
@bounded
@given(first=moments, second=moments, value=values)
def test_later_receipt_never_gives_an_earlier_due_day(first, second, value):  # DOMAIN T5
    earlier, later = sorted([first, second])

    earlier_due = CALENDAR.due_at(earlier, value, TimeUnit.DAYS)
    later_due = CALENDAR.due_at(later, value, TimeUnit.DAYS)

    assert earlier_due.date() <= later_due.date()


@bounded
@given(received=moments, first=values, second=values)
def test_longer_limit_never_gives_an_earlier_due_day(received, first, second):  # DOMAIN T5
    shorter, longer = sorted([first, second])

    shorter_due = CALENDAR.due_at(received, shorter, TimeUnit.DAYS)
    longer_due = CALENDAR.due_at(received, longer, TimeUnit.DAYS)

    assert shorter_due.date() <= longer_due.date()


@bounded
@given(case=receipts_with_pauses(), value=values, unit=units)
def test_pauses_only_push_the_due_later(case, value, unit):  # DOMAIN T6
    received, pause_list = case
    assert CALENDAR.due_at(received, value, unit, pause_list) >= CALENDAR.due_at(
        received, value, unit
    )


@bounded
@given(case=receipts_with_pauses(), value=values, unit=working_units)
def test_paused_due_is_the_earliest_moment_the_unpaused_time_elapsed(
    case, value, unit
):  # DOMAIN T6
    received, pause_list = case
    start = CALENDAR.start_of_work(received)
    budget = timedelta(hours=value * (8 if unit is TimeUnit.WORKING_DAYS else 1))

    due = CALENDAR.due_at(received, value, unit, pause_list)

    assert CALENDAR.working_time_between(start, due, pause_list) == budget
    if value:
        assert CALENDAR.working_time_between(start, due - ONE_MICROSECOND, pause_list) < budget


@bounded
@given(received=moments, value=values, unit=units, pause_start=moments)
def test_pause_without_working_time_moves_nothing(received, value, unit, pause_start):  # DOMAIN T6
    idle = Pause(pause_start, CALENDAR.start_of_work(pause_start))

    assert CALENDAR.due_at(received, value, unit, [idle]) == CALENDAR.due_at(received, value, unit)


@bounded
@given(received=moments, value=values)
def test_days_limit_never_ends_before_its_calendar_days(received, value):  # DOMAIN T5
    start = CALENDAR.start_of_work(received)

    due = CALENDAR.due_at(received, value, TimeUnit.DAYS)

    assert due.date() >= received.date() + timedelta(days=value)
    assert due >= start + timedelta(days=value)
    assert CALENDAR.is_working_day(due.date())


@bounded
@given(first=moments, to_middle=durations, to_last=durations)
def test_working_time_adds_up_over_consecutive_spans(first, to_middle, to_last):  # DOMAIN T2
    middle = first + to_middle
    last = middle + to_last

    whole = CALENDAR.working_time_between(first, last)

    assert whole == CALENDAR.working_time_between(first, middle) + CALENDAR.working_time_between(
        middle, last
    )


@bounded
@given(start=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)))
def test_add_working_days_lands_on_a_working_day(start):  # DOMAIN T1
    later = CALENDAR.add_working_days(start, 1)

    assert CALENDAR.is_working_day(later)
    assert all(
        not CALENDAR.is_working_day(start + timedelta(days=n))
        for n in range(1, (later - start).days)
    )


def reference_working_time(start: datetime, end: datetime, paused: list[Pause]) -> timedelta:
    """Sum working time by brute force: clip each period, then remove each pause in turn."""
    total = timedelta()
    day = start.astimezone(TZ).date()
    while day <= end.astimezone(TZ).date():
        if CALENDAR.is_working_day(day):
            for opening, closing in CALENDAR.periods:
                pieces = [
                    (
                        max(start, datetime.combine(day, opening, tzinfo=TZ)),
                        min(end, datetime.combine(day, closing, tzinfo=TZ)),
                    )
                ]
                for pause in paused:
                    assert pause.end is not None
                    pieces = [
                        part
                        for a, b in pieces
                        for part in ((a, min(b, pause.start)), (max(a, pause.end), b))
                    ]
                total += sum((b - a for a, b in pieces if b > a), timedelta())
        day += timedelta(days=1)
    return total


@bounded
@given(
    case=receipts_with_pauses(),
    length=st.timedeltas(min_value=timedelta(), max_value=timedelta(days=40)),
)
def test_working_time_matches_a_brute_force_count(case, length):  # DOMAIN T2, T6
    start, pause_list = case
    end = start + length

    elapsed = CALENDAR.working_time_between(start, end, pause_list)

    assert elapsed == reference_working_time(start, end, pause_list)


@bounded
@given(case=receipts_with_pauses(), value=values)
def test_paused_days_limit_adds_the_paused_working_time(case, value):  # DOMAIN T5, T6
    received, pause_list = case
    start = CALENDAR.start_of_work(received)
    plain_due = CALENDAR.due_at(received, value, TimeUnit.DAYS)
    paused_before_due = CALENDAR.working_time_between(
        start, plain_due
    ) - CALENDAR.working_time_between(start, plain_due, pause_list)

    due = CALENDAR.due_at(received, value, TimeUnit.DAYS, pause_list)

    assert CALENDAR.working_time_between(plain_due, due, pause_list) == paused_before_due
    if due > plain_due:
        earlier = due - ONE_MICROSECOND
        assert CALENDAR.working_time_between(plain_due, earlier, pause_list) < paused_before_due
