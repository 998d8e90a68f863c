"""Server-side SVG charts: geometry computed here, drawn by a template. Every chart
on a page is followed by a table with the same numbers (readable without the image)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

WIDTH, HEIGHT, BAR, GAP = 600, 220, 26, 4
TOP, BOTTOM = 10, 30


def paired_bars(rows: list[tuple[str, Decimal, Decimal]]) -> dict[str, Any]:
    """A bar pair (plan, fact) for each label, scaled to the largest value."""
    largest = max([max(plan, fact) for _l, plan, fact in rows] or [Decimal(0)])
    usable = HEIGHT - TOP - BOTTOM
    step = (WIDTH - 20) / max(len(rows), 1)
    bars = []
    for index, (label, plan, fact) in enumerate(rows):
        x = 10 + index * step + (step - 2 * BAR - GAP) / 2
        heights = [float(v / largest * usable) if largest else 0.0 for v in (plan, fact)]
        bars.append({
            "label": label,
            "label_x": round(x + BAR + GAP / 2, 1),
            "plan": {"x": round(x, 1), "y": round(HEIGHT - BOTTOM - heights[0], 1),
                     "h": round(heights[0], 1)},
            "fact": {"x": round(x + BAR + GAP, 1), "y": round(HEIGHT - BOTTOM - heights[1], 1),
                     "h": round(heights[1], 1)},
        })
    return {"width": WIDTH, "height": HEIGHT, "bar": BAR, "axis_y": HEIGHT - BOTTOM,
            "label_y": HEIGHT - 10, "bars": bars}


def progress_bar(value: Decimal | None) -> dict[str, Any]:
    share = float(value or 0)
    return {"width": 200, "fill": round(2 * share, 1)}
