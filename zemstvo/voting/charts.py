"""The results chart, drawn on the server as SVG (DESIGN.md: charts are SVG with their
data as a table beside them). Horizontal bars: electronic and paper votes stacked."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zemstvo.voting.selectors import Results

ROW, BAR, LABEL_W, BAR_W, VALUE_W = 44, 18, 0, 560, 90
# Dark enough on white for text and large graphics (WCAG 2.1 1.4.11 contrast ≥ 3:1).
ELECTRONIC, PAPER, TEXT = "#1f5f99", "#8a5a00", "#1a1a1a"


def _trim(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(results: Results) -> SafeString:
    rows = results.options
    peak = max(results.max_total, 1)
    height = ROW * len(rows) + 30
    width = BAR_W + VALUE_W
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="voting-chart-title" class="voting-chart">',
        f'<title id="voting-chart-title">'
        f'{escape(_("Итоги: голоса по вариантам (данные — в таблице рядом)"))}</title>',
    ]
    for index, row in enumerate(rows):
        top = index * ROW
        electronic = BAR_W * row.electronic / peak
        paper = BAR_W * row.paper / peak
        parts.append(f'<text x="0" y="{top + 13}" font-size="13" fill="{TEXT}">'
                     f"{escape(_trim(row.option.title))}</text>")
        parts.append(f'<rect x="0" y="{top + 18}" width="{electronic:.1f}" height="{BAR}" '
                     f'fill="{ELECTRONIC}"/>')
        if paper:
            parts.append(f'<rect x="{electronic:.1f}" y="{top + 18}" width="{paper:.1f}" '
                         f'height="{BAR}" fill="{PAPER}"/>')
        parts.append(f'<text x="{electronic + paper + 6:.1f}" y="{top + 32}" font-size="13" '
                     f'fill="{TEXT}">{row.total} ({row.share}%)</text>')
    legend = ROW * len(rows) + 12
    parts.append(f'<rect x="0" y="{legend}" width="12" height="12" fill="{ELECTRONIC}"/>'
                 f'<text x="18" y="{legend + 11}" font-size="12" fill="{TEXT}">'
                 f'{escape(_("электронно"))}</text>'
                 f'<rect x="110" y="{legend}" width="12" height="12" fill="{PAPER}"/>'
                 f'<text x="128" y="{legend + 11}" font-size="12" fill="{TEXT}">'
                 f'{escape(_("на участках"))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
