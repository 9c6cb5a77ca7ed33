from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from motcua.workcalendar import KNOWN_MAKE_UP_DAYS, Pause, TimeUnit, WorkingCalendar

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CALENDAR = WorkingCalendar.vietnam()


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


# A plain week without holidays: Monday 2 March 2026 to Sunday 8 March 2026.
MONDAY = date(2026, 3, 2)


def week(offset: int, hour: int = 0, minute: int = 0) -> datetime:
    day = MONDAY + timedelta(days=offset)
    return at(day.year, day.month, day.day, hour, minute)


# DOMAIN T4


def test_one_working_day_from_opening_ends_at_closing_the_same_day():  # DOMAIN T4
    due = CALENDAR.due_at(week(0, 8), 1, TimeUnit.WORKING_DAYS)

    assert due == week(0, 17)


def test_one_working_day_from_ten_ends_next_working_day_at_ten():  # DOMAIN T4
    due = CALENDAR.due_at(week(0, 10), 1, TimeUnit.WORKING_DAYS)

    assert due == week(1, 10)


def test_eight_working_hours_equal_one_working_day():  # DOMAIN T4
    assert CALENDAR.due_at(week(0, 8), 8, TimeUnit.WORKING_HOURS) == week(0, 17)
    assert CALENDAR.due_at(week(0, 10), 8, "working_hours") == week(1, 10)


def test_three_working_days_from_friday_skip_the_weekend():  # DOMAIN T4
    due = CALENDAR.due_at(week(4, 10), 3, TimeUnit.WORKING_DAYS)

    assert due == week(9, 10)


def test_working_hours_stop_for_lunch():  # DOMAIN T4
    due = CALENDAR.due_at(week(0, 11), 2, TimeUnit.WORKING_HOURS)

    assert due == week(0, 14)


def test_working_hours_can_end_exactly_at_noon():  # DOMAIN T4: the earliest moment, not 13:00
    due = CALENDAR.due_at(week(0, 8), 4, TimeUnit.WORKING_HOURS)

    assert due == week(0, 12)


def test_zero_limit_is_the_adjusted_receipt():  # DOMAIN T3, T4
    assert CALENDAR.due_at(week(0, 10), 0, TimeUnit.WORKING_DAYS) == week(0, 10)
    assert CALENDAR.due_at(week(5, 21), 0, TimeUnit.DAYS) == week(7, 8)


def test_thirty_working_days_keep_the_clock_time():  # DOMAIN T4, the Dong Thap receipt practice
    due = CALENDAR.due_at(week(0, 8, 37), 30, TimeUnit.WORKING_DAYS)

    assert due == at(2026, 4, 13, 8, 37)


# DOMAIN T3


def test_received_saturday_night_counts_from_monday_opening():  # DOMAIN T3
    assert CALENDAR.start_of_work(week(5, 21)) == week(7, 8)
    assert CALENDAR.due_at(week(5, 21), 1, TimeUnit.WORKING_DAYS) == week(7, 17)


def test_received_in_the_lunch_break_counts_from_one_pm():  # DOMAIN T3
    assert CALENDAR.start_of_work(week(0, 12, 30)) == week(0, 13)
    assert CALENDAR.start_of_work(week(0, 12)) == week(0, 13)


def test_received_after_closing_counts_from_next_working_day():  # DOMAIN T3
    assert CALENDAR.start_of_work(week(0, 17, 30)) == week(1, 8)
    assert CALENDAR.start_of_work(week(4, 17)) == week(7, 8)


def test_received_before_opening_counts_from_opening_the_same_day():  # DOMAIN T3
    assert CALENDAR.start_of_work(week(0, 7)) == week(0, 8)


def test_received_in_working_time_counts_from_receipt():  # DOMAIN T3
    assert CALENDAR.start_of_work(week(0, 9, 15)) == week(0, 9, 15)


def test_start_of_work_converts_other_zones_to_the_calendar_zone():  # DOMAIN T2, T3
    received_utc = datetime(2026, 3, 2, 3, 0, tzinfo=ZoneInfo("UTC"))  # 10:00 in Hanoi

    start = CALENDAR.start_of_work(received_utc)

    assert start == week(0, 10)
    assert start.tzinfo == TZ


# DOMAIN T1 with the holidays package


def test_package_holidays_2025_to_2027_are_the_verified_ones():  # DOMAIN T1
    listed = sorted(holidays.country_holidays("VN", years=range(2025, 2028)))

    assert listed == [
        date(2025, 1, 1),
        *(date(2025, 1, day) for day in range(27, 32)),
        date(2025, 2, 1),
        date(2025, 4, 7),
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),
        date(2025, 9, 1),
        date(2025, 9, 2),
        date(2026, 1, 1),
        *(date(2026, 2, day) for day in range(16, 21)),
        date(2026, 4, 26),
        date(2026, 4, 27),
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 8, 31),
        date(2026, 9, 1),
        date(2026, 9, 2),
        date(2026, 11, 24),
        date(2027, 1, 1),
        *(date(2027, 2, day) for day in range(4, 11)),
        date(2027, 4, 16),
        date(2027, 4, 30),
        date(2027, 5, 1),
        date(2027, 5, 3),
        date(2027, 9, 2),
        date(2027, 9, 3),
        date(2027, 11, 24),
    ]


def test_every_swap_the_package_lists_has_its_make_up_day():  # DOMAIN T1
    listed = holidays.country_holidays("VN", years=range(2020, 2041), language="en_US")
    swapped = [
        name.removeprefix("Day off (substituted from ").removesuffix(")").split("/")
        for name in listed.values()
        if name.startswith("Day off (substituted from ")
    ]
    swapped_saturdays = {date(int(year), int(month), int(day)) for month, day, year in swapped}

    assert swapped_saturdays <= set(KNOWN_MAKE_UP_DAYS)
    assert all(day.weekday() == 5 for day in KNOWN_MAKE_UP_DAYS)


def test_weekdays_are_working_days_and_weekends_are_not():  # DOMAIN T1
    assert [CALENDAR.is_working_day(MONDAY + timedelta(days=n)) for n in range(7)] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_tet_2026_is_off_from_16_to_20_february():  # DOMAIN T1
    days = [date(2026, 2, day) for day in range(13, 24)]

    assert [d for d in days if CALENDAR.is_working_day(d)] == [date(2026, 2, 13), date(2026, 2, 23)]


def test_one_working_day_over_tet_2026():  # DOMAIN T1, T4
    due = CALENDAR.due_at(at(2026, 2, 13, 10), 1, TimeUnit.WORKING_DAYS)

    assert due == at(2026, 2, 23, 10)


def test_received_during_tet_2026_counts_from_23_february():  # DOMAIN T1, T3
    assert CALENDAR.start_of_work(at(2026, 2, 17, 10)) == at(2026, 2, 23, 8)


def test_one_working_day_over_the_projected_tet_2027():  # DOMAIN T1: rule-based 4-10 Feb 2027
    assert date(2027, 2, 3).weekday() == 2  # Wednesday

    due = CALENDAR.due_at(at(2027, 2, 3, 10), 1, TimeUnit.WORKING_DAYS)

    assert due == at(2027, 2, 11, 10)  # Thursday


def test_hung_kings_and_30_april_2026_push_the_due_to_4_may():  # DOMAIN T1, T4
    assert not CALENDAR.is_working_day(date(2026, 4, 27))  # observed, 26 April is a Sunday

    due = CALENDAR.due_at(at(2026, 4, 29, 10), 1, TimeUnit.WORKING_DAYS)

    assert due == at(2026, 5, 4, 10)


def test_labour_day_2027_on_saturday_is_observed_on_monday_3_may():  # DOMAIN T1
    assert date(2027, 5, 1).weekday() == 5
    assert not CALENDAR.is_working_day(date(2027, 5, 3))

    due = CALENDAR.due_at(at(2027, 4, 29, 10), 1, TimeUnit.WORKING_DAYS)

    assert due == at(2027, 5, 4, 10)  # 30 April (Friday) and 3 May are off


def test_saturday_22_august_2026_is_a_make_up_working_day():  # DOMAIN T1
    assert CALENDAR.is_working_day(date(2026, 8, 22))
    assert not CALENDAR.is_working_day(date(2026, 8, 31))


def test_one_working_day_from_friday_21_august_2026_ends_on_the_make_up_saturday():  # DOMAIN T1
    due = CALENDAR.due_at(at(2026, 8, 21, 10), 1, TimeUnit.WORKING_DAYS)

    assert due == at(2026, 8, 22, 10)


def test_national_day_2026_is_off_from_31_august_to_2_september():  # DOMAIN T1
    due = CALENDAR.due_at(at(2026, 8, 28, 10), 1, TimeUnit.WORKING_DAYS)

    assert due == at(2026, 9, 3, 10)


def test_2025_swap_makes_26_april_working_and_2_may_off():  # DOMAIN T1
    assert CALENDAR.is_working_day(date(2025, 4, 26))
    assert not CALENDAR.is_working_day(date(2025, 5, 2))
    assert not CALENDAR.is_working_day(date(2025, 4, 27))  # an ordinary Sunday


def test_extra_holiday_pushes_the_due():  # DOMAIN T1: administrators add days off
    calendar = WorkingCalendar.vietnam(extra_holidays=[week(1).date()])

    due = calendar.due_at(week(0, 10), 1, TimeUnit.WORKING_DAYS)

    assert due == week(2, 10)
    assert CALENDAR.due_at(week(0, 10), 1, TimeUnit.WORKING_DAYS) == week(1, 10)


def test_extra_make_up_saturday_pulls_the_due_in():  # DOMAIN T1: administrators add make-up days
    calendar = WorkingCalendar.vietnam(make_up_days=[week(5).date()])

    due = calendar.due_at(week(4, 10), 1, TimeUnit.WORKING_DAYS)

    assert due == week(5, 10)
    assert calendar.is_working_day(week(5).date())
    assert KNOWN_MAKE_UP_DAYS[0] in calendar.make_up_days


def test_make_up_day_wins_over_a_listed_holiday():  # DOMAIN T1
    calendar = WorkingCalendar(holidays=frozenset({MONDAY}), make_up_days=frozenset({MONDAY}))

    assert calendar.is_working_day(MONDAY)


def test_plain_calendar_knows_only_weekends():  # DOMAIN T1
    calendar = WorkingCalendar()

    assert calendar.is_working_day(date(2026, 2, 17))
    assert not calendar.is_working_day(date(2026, 8, 22))


def test_vietnam_calendar_for_chosen_years_has_only_their_holidays():  # DOMAIN T1
    calendar = WorkingCalendar.vietnam(years=range(2026, 2027))

    assert not calendar.is_working_day(date(2026, 2, 17))
    assert calendar.is_working_day(date(2027, 2, 8))


# DOMAIN T2: configurable periods


def test_province_periods_change_the_working_day():  # DOMAIN T2
    calendar = WorkingCalendar(periods=((time(7, 30), time(11, 30)), (time(13, 30), time(17))))

    assert calendar.day_length == timedelta(hours=7, minutes=30)
    assert calendar.start_of_work(week(0, 12)) == week(0, 13, 30)
    assert calendar.due_at(week(0, 10), 1, TimeUnit.WORKING_DAYS) == week(1, 10)
    assert calendar.due_at(week(0, 7, 30), 1, TimeUnit.WORKING_DAYS) == week(0, 17)


def test_other_time_zone_keeps_its_wall_clock():  # DOMAIN T2
    tokyo = ZoneInfo("Asia/Tokyo")
    calendar = WorkingCalendar.vietnam(tz="Asia/Tokyo")

    due = calendar.due_at(datetime(2026, 3, 2, 10, tzinfo=TZ), 1, TimeUnit.WORKING_DAYS)

    assert due == datetime(2026, 3, 3, 12, tzinfo=tokyo)  # received 12:00 Tokyo time, at lunch
    assert due.tzinfo == tokyo


def test_clock_change_outside_working_periods_loses_no_working_time():  # DOMAIN T2
    paris = ZoneInfo("Europe/Paris")  # summer time starts Sunday 29 March 2026
    calendar = WorkingCalendar(tz=paris)

    due = calendar.due_at(datetime(2026, 3, 27, 10, tzinfo=paris), 1, TimeUnit.WORKING_DAYS)
    elapsed = calendar.working_time_between(
        datetime(2026, 3, 27, 16, tzinfo=paris), datetime(2026, 3, 30, 9, tzinfo=paris)
    )

    assert due == datetime(2026, 3, 30, 10, tzinfo=paris)
    assert due.utcoffset() == timedelta(hours=2)
    assert elapsed == timedelta(hours=2)


@pytest.mark.parametrize(
    "periods",
    [
        (),
        ((time(12), time(8)),),
        ((time(8), time(12)), (time(11), time(17))),
        ((time(13), time(17)), (time(8), time(12))),
        ((time(8, tzinfo=TZ), time(12, tzinfo=TZ)),),
    ],
)
def test_invalid_periods_are_refused(periods):  # DOMAIN T2
    with pytest.raises(ValueError, match="period"):
        WorkingCalendar(periods=periods)


# DOMAIN T5


def test_five_days_ending_on_saturday_end_monday_at_closing():  # DOMAIN T5
    due = CALENDAR.due_at(week(0, 10), 5, TimeUnit.DAYS)

    assert due == week(7, 17)


def test_five_days_ending_on_sunday_end_monday_at_closing():  # DOMAIN T5
    due = CALENDAR.due_at(week(1, 10), 5, "days")

    assert due == week(7, 17)


def test_five_days_ending_on_a_working_day_keep_the_clock_time():  # DOMAIN T5
    due = CALENDAR.due_at(week(2, 10), 5, TimeUnit.DAYS)

    assert due == week(7, 10)


def test_days_count_from_the_adjusted_receipt():  # DOMAIN T3, T5
    due = CALENDAR.due_at(week(0, 18), 2, TimeUnit.DAYS)

    assert due == week(3, 8)


def test_days_ending_in_tet_end_at_closing_after_tet():  # DOMAIN T1, T5
    due = CALENDAR.due_at(at(2026, 2, 12, 10), 5, TimeUnit.DAYS)

    assert due == at(2026, 2, 23, 17)


def test_pause_in_a_days_limit_adds_its_working_time_after_the_due():  # DOMAIN T5, T6
    pause = Pause(week(1, 8), week(1, 12))

    due = CALENDAR.due_at(week(2, 10), 5, TimeUnit.DAYS, pauses=[pause])

    assert CALENDAR.due_at(week(2, 10), 5, TimeUnit.DAYS, pauses=[]) == week(7, 10)
    assert CALENDAR.due_at(week(0, 10), 5, TimeUnit.DAYS, pauses=[pause]) == week(8, 12)
    assert due == week(7, 10)  # the pause is before the receipt


def test_pause_after_a_days_due_moves_nothing():  # DOMAIN T5, T6
    pause = Pause(week(8, 8), week(9, 8))

    assert CALENDAR.due_at(week(2, 10), 5, TimeUnit.DAYS, pauses=[pause]) == week(7, 10)


# DOMAIN T6


def test_pause_of_one_working_day_moves_the_due_one_working_day():  # DOMAIN T6
    pause = Pause(week(1, 8), week(2, 8))

    due = CALENDAR.due_at(week(0, 8), 2, TimeUnit.WORKING_DAYS, pauses=[pause])

    assert CALENDAR.due_at(week(0, 8), 2, TimeUnit.WORKING_DAYS) == week(1, 17)
    assert due == week(2, 17)


def test_pause_on_a_weekend_moves_nothing():  # DOMAIN T6
    pause = Pause(week(5, 9), week(6, 16))

    due = CALENDAR.due_at(week(4, 10), 2, TimeUnit.WORKING_DAYS, pauses=[pause])

    assert due == week(8, 10)


def test_pause_after_the_due_moves_nothing():  # DOMAIN T6
    pause = Pause(week(2, 9), week(3, 16))

    due = CALENDAR.due_at(week(0, 8), 2, TimeUnit.WORKING_DAYS, pauses=[pause])

    assert due == week(1, 17)


def test_pause_straddling_the_due_moves_it_by_its_whole_working_time():  # DOMAIN T6
    pause = Pause(week(1, 16), week(2, 9))

    due = CALENDAR.due_at(week(0, 8), 2, TimeUnit.WORKING_DAYS, pauses=[pause])

    assert due == week(2, 10)


def test_overlapping_pauses_count_once():  # DOMAIN T6
    pauses = [Pause(week(1, 8), week(1, 17)), Pause(week(1, 13), week(2, 8))]

    due = CALENDAR.due_at(week(0, 8), 2, TimeUnit.WORKING_DAYS, pauses=pauses)

    assert due == week(2, 17)


def test_time_spent_before_the_pause_still_counts():  # DOMAIN T6: the clock does not restart
    pause = Pause(week(0, 10), week(0, 15))

    due = CALENDAR.due_at(week(0, 8), 8, TimeUnit.WORKING_HOURS, pauses=[pause])

    assert due == week(1, 12)


def test_pause_before_receipt_is_ignored():  # DOMAIN T6
    pause = Pause(week(-7, 8), week(0, 10))

    due = CALENDAR.due_at(week(0, 10), 1, TimeUnit.WORKING_DAYS, pauses=[pause])

    assert due == week(1, 10)


def test_pause_covering_the_adjusted_receipt_delays_the_start():  # DOMAIN T3, T6
    pause = Pause(week(5, 9), week(7, 10))

    due = CALENDAR.due_at(week(5, 21), 1, TimeUnit.WORKING_DAYS, pauses=[pause])

    assert due == week(8, 10)


def test_open_pause_is_refused_by_due_at():  # DOMAIN T6
    with pytest.raises(ValueError, match="open pause"):
        CALENDAR.due_at(week(0, 8), 1, TimeUnit.WORKING_DAYS, pauses=[Pause(week(0, 9))])


def test_pause_ending_before_it_starts_is_refused():  # DOMAIN T6
    with pytest.raises(ValueError, match="ends before it starts"):
        Pause(week(0, 10), week(0, 9))


# working_time_between


def test_working_time_of_a_full_day_is_eight_hours():  # DOMAIN T2
    assert CALENDAR.working_time_between(week(0, 8), week(0, 17)) == timedelta(hours=8)


def test_working_time_over_a_weekend_counts_only_working_periods():  # DOMAIN T1, T2
    assert CALENDAR.working_time_between(week(4, 16), week(7, 9)) == timedelta(hours=2)


def test_working_time_excludes_pauses():  # DOMAIN T6
    pauses = [Pause(week(0, 11), week(0, 14)), Pause(week(0, 16), week(0, 20))]

    elapsed = CALENDAR.working_time_between(week(0, 8), week(1, 17), pauses)

    assert elapsed == timedelta(hours=16 - 2 - 1)


def test_working_time_with_an_open_pause_runs_to_the_end():  # DOMAIN T6
    elapsed = CALENDAR.working_time_between(week(0, 8), week(2, 17), [Pause(week(1, 8))])

    assert elapsed == timedelta(hours=8)


def test_working_time_over_weeks_and_tet():  # DOMAIN T1
    elapsed = CALENDAR.working_time_between(at(2026, 2, 2, 8), at(2026, 3, 2, 8))

    assert elapsed == timedelta(hours=8 * 15)


def test_working_time_of_a_reversed_span_is_zero():
    assert CALENDAR.working_time_between(week(1, 10), week(0, 10)) == timedelta()
    assert CALENDAR.working_time_between(week(0, 10), week(0, 10)) == timedelta()


# add_working_days


def test_add_working_days_skips_weekends_and_holidays():  # DOMAIN T1
    assert CALENDAR.add_working_days(MONDAY, 0) == MONDAY
    assert CALENDAR.add_working_days(MONDAY + timedelta(days=4), 1) == MONDAY + timedelta(days=7)
    assert CALENDAR.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert CALENDAR.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)


def test_add_working_days_refuses_a_negative_count():
    with pytest.raises(ValueError, match="negative"):
        CALENDAR.add_working_days(MONDAY, -1)


# errors


def test_naive_datetime_is_refused():
    naive = week(0, 10).replace(tzinfo=None)

    with pytest.raises(ValueError, match="naive"):
        CALENDAR.due_at(naive, 1, TimeUnit.WORKING_DAYS)
    with pytest.raises(ValueError, match="naive"):
        CALENDAR.start_of_work(naive)
    with pytest.raises(ValueError, match="naive"):
        CALENDAR.working_time_between(naive, week(1))
    with pytest.raises(ValueError, match="naive"):
        Pause(naive, week(1))


def test_negative_limit_is_refused():
    with pytest.raises(ValueError, match="negative"):
        CALENDAR.due_at(week(0, 10), -1, TimeUnit.WORKING_DAYS)


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="unknown time unit"):
        CALENDAR.due_at(week(0, 10), 1, "months")
