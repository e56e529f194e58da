"""Charts as plain SVG drawn on the server: no script, no library, readable without JavaScript and
printed as they are. Each chart has its numbers beside it in a table, for screen readers and for
anyone who wants the figures. Coordinates are computed here; `_charts.html` draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 560.0
HEIGHT = 200.0
BOTTOM = 24.0  # room for the axis labels
LEFT = 40.0


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    series: int
    value: int


@dataclass
class Chart:
    width: float
    height: float
    rects: list[Rect] = field(default_factory=list)
    top: int = 0  # the value at the top of the axis
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (x, label) under the bars


def stacked_bar(values: Sequence[int]) -> Chart:
    """One horizontal bar split into the values (an announcement's counts)."""
    total = sum(values)
    chart = Chart(WIDTH, 40.0, top=total)
    x = 0.0
    for series, value in enumerate(values):
        width = WIDTH * value / total if total else 0.0
        if width:
            chart.rects.append(Rect(round(x, 2), 0.0, round(width, 2), 40.0, series, value))
        x += width
    return chart


def columns(days: Sequence[str], series: Sequence[Sequence[int]], labels_every: int = 7) -> Chart:
    """Bars per day, the series side by side (messages in and out, new and erased people)."""
    top = max((v for values in series for v in values), default=0)
    scale_top = _nice(top)
    chart = Chart(WIDTH, HEIGHT, top=scale_top)
    if not days:
        return chart
    slot = (WIDTH - LEFT) / len(days)
    bar = max(slot * 0.8 / max(len(series), 1), 1.0)
    usable = HEIGHT - BOTTOM
    for index in range(len(days)):
        for number, values in enumerate(series):
            value = values[index]
            height = usable * value / scale_top if scale_top else 0.0
            x = LEFT + index * slot + slot * 0.1 + number * bar
            chart.rects.append(
                Rect(
                    round(x, 2),
                    round(usable - height, 2),
                    round(bar, 2),
                    round(height, 2),
                    number,
                    value,
                )
            )
    named = list(range(0, len(days), labels_every))
    if named[-1] != len(days) - 1:  # the latest day is always named; a label too close gives way
        if len(days) - 1 - named[-1] < labels_every / 2 and len(named) > 1:
            named.pop()
        named.append(len(days) - 1)
    chart.ticks = [(round(LEFT + i * slot + slot / 2, 2), days[i]) for i in named]
    return chart


def _nice(top: int) -> int:
    """A round number at or above `top` for the axis (1, 2, 5 × 10ⁿ)."""
    if top <= 0:
        return 0
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= top:
                return step * factor
        step *= 10
