"""Small server-rendered SVG charts (no script, no style attribute), each with a title and a
description for screen readers; the pages put the same figures in a table beside them."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
COLOURS = ("#0b4f9c", "#05620f", "#a40000", "#6b4e00")  # brand, ok, bad, ochre: AA on white


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]


def _open(chart_id: str, title: str, desc: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}"'
        f' role="img" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]


def _number(value: float) -> str:
    """Write a figure as the page's language does ("30,3" in Vietnamese, "30.3" in English),
    as the tables beside the charts do; no trailing zeros ("10", not "10,0")."""
    return number_format(f"{value:g}")


def _nice_top(value: float) -> float:
    """Return a round axis maximum at or above `value`."""
    if value <= 0:
        return 1
    step = 1.0
    while step * 10 < value:
        step *= 10
    for factor in (1, 2, 2.5, 5, 10):
        if step * factor >= value:
            return step * factor
    return step * 10


def lines(
    chart_id: str, title: str, desc: str, labels: Sequence[str], series: Sequence[Series]
) -> SafeString:
    """Return a line chart of several series over the same labels (a trend)."""
    height, left, right, top, bottom = 260, 48, 12, 28, 40
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    peak = _nice_top(max((v for s in series for v in s.values), default=0))
    parts = _open(chart_id, title, desc, height)
    for i in range(5):  # grid lines and the value axis
        y = top + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" stroke="#c9ced6"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#4a4a4a">'
            f"{_number(peak * i / 4)}</text>"
        )
    count = max(len(labels), 1)
    step_x = plot_w / max(count - 1, 1)
    every = max(1, count // 8)
    for i, label in enumerate(labels):
        if i % every == 0 or i == count - 1:
            x = left + step_x * i
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11"'
                f' fill="#4a4a4a">{escape(label)}</text>'
            )
    for index, s in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        points = " ".join(
            f"{left + step_x * i:.1f},{top + plot_h - plot_h * v / peak:.1f}"
            for i, v in enumerate(s.values)
        )
        if len(s.values) == 1:
            x, y = points.split(",")
            parts.append(f'<circle cx="{x}" cy="{y}" r="4" fill="{colour}"/>')
        else:
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
            )
        lx = left + index * 160
        parts.append(f'<rect x="{lx}" y="6" width="14" height="4" fill="{colour}"/>')
        parts.append(
            f'<text x="{lx + 20}" y="12" font-size="12" fill="#1a1a1a">{escape(s.name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def bars(
    chart_id: str,
    title: str,
    desc: str,
    items: Sequence[tuple[str, float | None]],
    *,
    maximum: float | None = None,
    unit: str = "",
    shown_as: Callable[[float], str] | None = None,
) -> SafeString:
    """Return a horizontal bar chart, one bar per labelled value (None: no data); `shown_as`
    writes a value in words (a duration), else it is the number and `unit`."""
    row, left, right, top = 26, 230, 60, 8
    height = top * 2 + row * max(len(items), 1)
    peak = maximum or _nice_top(max((v or 0 for _, v in items), default=0))
    plot_w = WIDTH - left - right
    parts = _open(chart_id, title, desc, height)
    for i, (label, value) in enumerate(items):
        y = top + row * i
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" font-size="12" fill="#1a1a1a">'
            f"{escape(short)}</text>"
        )
        width = 0 if value is None else plot_w * min(value, peak) / peak
        parts.append(
            f'<rect x="{left}" y="{y + 5}" width="{width:.1f}" height="16" fill="{COLOURS[0]}"/>'
        )
        shown = "—" if value is None else shown_as(value) if shown_as else f"{_number(value)}{unit}"
        parts.append(
            f'<text x="{left + width + 6:.1f}" y="{y + 17}" font-size="12" fill="#1a1a1a">'
            f"{escape(shown)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
