"""Pauses of a dossier's clock and the time arithmetic shared with the calendar (DOMAIN T6)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

# A half-open span [start, end) of absolute time, both ends in UTC.
Span = tuple[datetime, datetime]


@dataclass(frozen=True)
class Pause:
    """A span during which the dossier waits for the applicant and its clock stops (DOMAIN T6).

    `end` is None while the pause is still open.
    """

    start: datetime
    end: datetime | None = None

    def __post_init__(self) -> None:
        """Refuse naive datetimes and pauses that end before they start."""
        start = to_utc(self.start)
        if self.end is not None and to_utc(self.end) < start:
            raise ValueError(f"pause ends before it starts: {self.start} > {self.end}")


def to_utc(moment: datetime) -> datetime:
    """Return `moment` in UTC, refusing a naive datetime."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime, an aware one is required: {moment!r}")
    return moment.astimezone(UTC)


def merge_pauses(
    pauses: Iterable[Pause], *, after: datetime, open_until: datetime | None = None
) -> list[Span]:
    """Return the pauses as sorted, disjoint UTC spans, cut off before `after`.

    An open pause runs until `open_until`; without it an open pause is refused, because the due
    moment of a dossier that is still waiting is unknown.
    """
    spans: list[Span] = []
    for pause in pauses:
        if pause.end is None:
            if open_until is None:
                raise ValueError("open pause: close it before computing a due moment")
            end = to_utc(open_until)
        else:
            end = to_utc(pause.end)
        start = max(to_utc(pause.start), after)  # DOMAIN T6: time before receipt never counts
        if start < end:
            spans.append((start, end))
    spans.sort()
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:  # overlapping pauses stop the clock only once
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
