"""Time WorkingCalendar.due_at (never run as a test): `.venv/bin/python bench/bench_workcalendar.py`."""

import timeit
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from motcua.workcalendar import Pause, WorkingCalendar

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
calendar = WorkingCalendar.vietnam()
received = datetime(2026, 2, 11, 10, 0, tzinfo=TZ)
pause = Pause(received + timedelta(days=2), received + timedelta(days=12))
cases = {
    "due_at 1 working day": lambda: calendar.due_at(received, 1, "working_days"),
    "due_at 30 working days": lambda: calendar.due_at(received, 30, "working_days"),
    "due_at 250 working days": lambda: calendar.due_at(received, 250, "working_days"),
    "due_at 30 working days, 10-day pause": lambda: calendar.due_at(
        received, 30, "working_days", pauses=[pause]
    ),
    "due_at 15 days (calendar)": lambda: calendar.due_at(received, 15, "days"),
}
for name, call in cases.items():
    runs = 2000
    best = min(timeit.repeat(call, number=runs, repeat=5)) / runs
    print(f"| {name} | {best * 1e6:.0f} µs |")
