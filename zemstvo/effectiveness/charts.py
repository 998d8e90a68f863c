"""Charts drawn on the server as SVG (DESIGN.md: no browser library; each chart is
shown with its data as a table beside it, so the SVG itself is decorative for screen
readers and carries a title)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#1f5f8b"
HIGHLIGHT = "#b03a2e"
TARGET = "#2e7d32"


def bars(title: str, items: Sequence[tuple[str, Decimal | float]], *, highlight: str = "",
         width: int = 640) -> SafeString:
    """Horizontal bars, one per (label, value ≥ 0)."""
    row, label_w = 22, 230
    height = row * len(items) + 10
    top = max([float(v) for _l, v in items] + [1e-9])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" '
             f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">'
             f"<title>{escape(title)}</title>"]
    for index, (label, value) in enumerate(items):
        y = 5 + index * row
        # A negative value draws no bar; its number is still written beside the axis.
        length = max(0.0, (width - label_w - 60) * float(value) / top)
        colour = HIGHLIGHT if label == highlight else BAR
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12" '
            f'fill="#222">{escape(label[:34])}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + length + 4:.1f}" y="{y + 15}" font-size="12" '
            f'fill="#222">{escape(str(value))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def lines(title: str, years: Sequence[int], series: Sequence[tuple[str, Sequence]],
          *, width: int = 640, height: int = 220) -> SafeString:
    """Lines over years; ``series`` is (name, values by year, None for a gap)."""
    values = [float(v) for _n, vs in series for v in vs if v is not None]
    if not years or not values:
        return mark_safe("")
    low, high = min(values + [0.0]), max(values)
    high = high if high > low else low + 1
    left, right, top, bottom = 50, 20, 15, 30
    span_x = max(len(years) - 1, 1)

    def x(i: int) -> float:
        return left + (width - left - right) * i / span_x

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - (v - low) / (high - low))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" '
             f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">'
             f"<title>{escape(title)}</title>",
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" '
             f'y2="{height - bottom}" stroke="#555"/>',
             f'<text x="4" y="{top + 8}" font-size="11" fill="#222">{high:g}</text>',
             f'<text x="4" y="{height - bottom}" font-size="11" fill="#222">{low:g}</text>']
    for i, year in enumerate(years):
        parts.append(f'<text x="{x(i):.1f}" y="{height - 10}" font-size="11" '
                     f'text-anchor="middle" fill="#222">{year}</text>')
    palette = (BAR, TARGET, HIGHLIGHT, "#6a1b9a")
    for number, (name, vs) in enumerate(series):
        points = [f"{x(i):.1f},{y(float(v)):.1f}" for i, v in enumerate(vs) if v is not None]
        colour = palette[number % len(palette)]
        dash = ' stroke-dasharray="6 4"' if number else ""
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} '
                     f'points="{" ".join(points)}"><title>{escape(name)}</title></polyline>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
