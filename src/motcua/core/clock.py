"""The one clock of the services, so that demo histories can be written in the past."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_frozen: ContextVar[datetime | None] = ContextVar("frozen_now", default=None)


def now() -> datetime:
    """Return the current aware time, or the time a `frozen` block set."""
    return _frozen.get() or timezone.now()


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    """Make `now()` answer `at` inside the block (demo data and imports of past records)."""
    token = _frozen.set(at)
    try:
        yield
    finally:
        _frozen.reset(token)
