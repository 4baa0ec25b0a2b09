"""Charts drawn on the server as inline SVG: no JavaScript library, no CDN, nothing fetched.

Every label is escaped; colours are SVG attributes, not inline styles, so the page's strict
Content-Security-Policy needs no exception.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

WIDTH = 900
LEFT = 190  # room for row labels
RIGHT = 45  # room for the last date label
PALETTE = ("#1f6feb", "#d1495b", "#2a9d8f", "#e9a03b", "#7b5ea7", "#3d405b", "#8d6e63", "#00838f")


def parse_day(value: Any) -> date | None:
    """An ISO date, datetime, month (`2026-03`) or year, as its first day; None if unreadable."""
    text = str(value or "").strip()
    try:
        if len(text) >= 10:
            return date.fromisoformat(text[:10])
        if len(text) == 7:
            return date.fromisoformat(text + "-01")
        if len(text) == 4 and text.isdigit():
            return date(int(text), 1, 1)
    except ValueError:
        return None
    return None


def _scale(days: Iterable[date]) -> tuple[date, int]:
    days = list(days)
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    return first, span


def _x(day: date, first: date, span: int) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span


def _ticks(first: date, span: int) -> list[date]:
    """About eight readable tick dates: years over long spans, month starts over months, else days."""
    last = first + timedelta(days=span)
    if span > 3 * 365:
        step = max(1, round((last.year - first.year) / 8))
        return [date(y, 1, 1) for y in range(first.year + 1, last.year + 1, step)]
    if span > 90:
        months = (last.year - first.year) * 12 + last.month - first.month
        step = max(1, round(months / 8))
        ticks = []
        for m in range(1, months + 1, step):
            year, month = divmod(first.month - 1 + m, 12)
            ticks.append(date(first.year + year, month + 1, 1))
        return ticks
    step = max(1, round(span / 8))
    return [first + timedelta(days=offset) for offset in range(0, span + 1, step)]


def _axis(first: date, span: int, top: float, bottom: float) -> list[str]:
    """Vertical grid lines with their dates."""
    parts = []
    for day in _ticks(first, span):
        x = _x(day, first, span)
        label = str(day.year) if span > 3 * 365 else day.isoformat()[:7] if span > 90 else day.isoformat()
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#e1e6ec"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 14}" font-size="11" text-anchor="middle" fill="#66717d">'
            f"{label}</text>"
        )
    return parts


def _label(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline_svg(entries: Iterable[dict[str, Any]]) -> Markup:
    """One row per dated event; entries that disagree with another are drawn in red."""
    rows = [(e, parse_day(e.get("date"))) for e in entries if isinstance(e, dict)]
    dated = [(e, d) for e, d in rows if d is not None]
    if not dated:
        return Markup("")
    dated.sort(key=lambda pair: pair[1])
    first, span = _scale(d for _, d in dated)
    row_height = 24
    top = 10
    bottom = top + row_height * len(dated)
    height = bottom + 30
    parts = [
        f'<svg class="chart" role="img" aria-label="timeline" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg">',
        *_axis(first, span, top, bottom),
    ]
    for row, (entry, day) in enumerate(dated):
        y = top + row_height * row + row_height / 2
        x = _x(day, first, span)
        disputed = bool(entry.get("disagrees_with"))
        colour = "#c0392b" if disputed else "#1f6feb"
        event = str(entry.get("event") or entry.get("text") or "")
        sources = ", ".join(str(s) for s in entry.get("sources") or [])
        tip = f"{entry.get('date')} — {event} [{sources}]" + (
            " (dated differently elsewhere)" if disputed else ""
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="#1d232b">'
            f"{escape(_label(event))}</text>"
        )
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#f0f3f6"/>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}"><title>{escape(tip)}</title></circle>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def coverage_svg(articles: Iterable[dict[str, Any]]) -> Markup:
    """Per outlet, a dot on each day it published on the story (bigger for more articles)."""
    per_outlet: dict[str, Counter[date]] = defaultdict(Counter)
    undated: Counter[str] = Counter()
    for article in articles:
        if not isinstance(article, dict) or article.get("duplicate_of"):
            continue
        outlet = str(article.get("source") or "unknown outlet")
        day = parse_day(article.get("published"))
        if day is None:
            undated[outlet] += 1
        else:
            per_outlet[outlet][day] += 1
    outlets = sorted(set(per_outlet) | set(undated))
    if not per_outlet:
        return Markup("")
    first, span = _scale(d for counts in per_outlet.values() for d in counts)
    row_height = 26
    top = 10
    bottom = top + row_height * len(outlets)
    height = bottom + 30
    parts = [
        f'<svg class="chart" role="img" aria-label="coverage over time per outlet" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
        *_axis(first, span, top, bottom),
    ]
    for row, outlet in enumerate(outlets):
        y = top + row_height * row + row_height / 2
        colour = PALETTE[row % len(PALETTE)]
        label = _label(outlet) + (f" (+{undated[outlet]} undated)" if undated[outlet] else "")
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="#1d232b">'
            f"{escape(_label(label, 34))}</text>"
        )
        for day, count in sorted(per_outlet[outlet].items()):
            x = _x(day, first, span)
            tip = f"{outlet}: {count} article{'s' if count != 1 else ''} on {day.isoformat()}"
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{min(5 + 2 * (count - 1), 11)}" fill="{colour}" '
                f'fill-opacity="0.85"><title>{escape(tip)}</title></circle>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
