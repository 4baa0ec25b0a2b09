"""What the pages show, computed from report structures: pure functions, no web framework, no models.

Article text is hostile input. Every piece of HTML built here comes from `markupsafe.escape` of
a slice of the text, so a `<script>` inside an article is shown as text and never runs.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from parallax.compare.outlets import canonical_names, is_unknown_label, outlet_key
from parallax.report.text import plural  # noqa: F401  (the templates' `plural` filter; one helper for reports and app)

# Annotation layers shown in place in an article, with the CSS class each span gets.
ARTICLE_LAYERS = ("mentions", "quotes", "dates", "claims", "loaded_terms")


# -- links ------------------------------------------------------------------------------------


def article_href(article_id: str, start: int | None = None, end: int | None = None) -> str:
    """The article page, with the span `start`-`end` highlighted and scrolled into view."""
    href = "/articles/" + quote(str(article_id), safe="")
    if start is not None and end is not None:
        href += f"?hl={int(start)}-{int(end)}#hl"
    return href


def story_href(story_id: str) -> str:
    return "/stories/" + quote(str(story_id), safe="")


def evidence_href(evidence: dict[str, Any]) -> str:
    return article_href(str(evidence.get("article_id", "")), evidence.get("start"), evidence.get("end"))


def parse_span(value: str | None) -> tuple[int, int] | None:
    """`"120-164"` (from `?hl=` or `#`) as offsets; None when absent or malformed."""
    match = re.fullmatch(r"\s*(\d{1,9})\s*-\s*(\d{1,9})\s*", value or "")
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    return (start, end) if end > start else None


# -- the article text with its annotations in place ----------------------------------------------


def annotation_spans(annotations: dict[str, Any], length: int) -> list[tuple[int, int, str, str]]:
    """`(start, end, css_class, tooltip)` for every annotation that has valid offsets into the text."""
    spans: list[tuple[int, int, str, str]] = []
    for layer in ARTICLE_LAYERS:
        items = annotations.get(layer)
        if not isinstance(items, list):
            continue
        for item in items:
            if not isinstance(item, dict):
                continue
            start, end = item.get("start"), item.get("end")
            if not isinstance(start, int) or not isinstance(end, int):
                continue
            start, end = max(0, start), min(length, end)
            if end <= start:
                continue
            spans.append((start, end, *_describe(layer, item)))
    return spans


def _describe(layer: str, item: dict[str, Any]) -> tuple[str, str]:
    if layer == "mentions":
        label = str(item.get("label") or "")
        return f"a-mention a-{_css_token(label)}", f"entity: {label}"
    if layer == "quotes":
        speaker = item.get("speaker") or "unknown speaker"
        return "a-quote", f"{item.get('kind') or 'quote'} quote, speaker: {speaker}"
    if layer == "dates":
        return "a-date", f"date: {item.get('value') or '?'} ({item.get('granularity') or '?'})"
    if layer == "claims":
        who = item.get("attributed_to")
        return "a-claim", "claim" + (f", attributed to {who}" if who else "")
    voice = "quoted" if item.get("voice") == "quoted" else "own"
    return f"a-loaded a-loaded-{voice}", f"loaded term ({item.get('category') or '?'}, {voice} voice)"


def _css_token(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "x"


def render_text(
    text: str,
    spans: Sequence[tuple[int, int, str, str]] = (),
    highlight: tuple[int, int] | None = None,
) -> Markup:
    """The text cut at every span boundary, each piece escaped and wrapped in the classes covering it.

    Overlapping annotations become flat, non-nested `<span>`s; the highlighted range is one
    `<mark id="hl">` around whole pieces, so its text content is exactly `text[start:end]`.
    """
    length = len(text)
    if highlight is not None:
        highlight = (max(0, min(highlight[0], length)), max(0, min(highlight[1], length)))
        if highlight[1] <= highlight[0]:
            highlight = None
    spans = [(max(0, s), min(length, e), c, t) for s, e, c, t in spans if min(length, e) > max(0, s)]
    cuts = {0, length}
    for start, end, _, _ in spans:
        cuts.update((start, end))
    if highlight:
        cuts.update(highlight)
    bounds = sorted(cuts)
    by_start = sorted(spans)
    active: list[tuple[int, int, str, str]] = []
    out: list[str] = []
    next_span = 0
    in_mark = False
    for left, right in itertools.pairwise(bounds):
        while next_span < len(by_start) and by_start[next_span][0] <= left:
            active.append(by_start[next_span])
            next_span += 1
        active = [s for s in active if s[1] > left]
        if highlight and left == highlight[0]:
            out.append('<mark id="hl">')
            in_mark = True
        piece = escape(text[left:right])
        covering = [s for s in active if s[0] <= left and s[1] >= right]
        if covering:
            classes = " ".join(sorted({c for s in covering for c in s[2].split()}))
            tips = "; ".join(dict.fromkeys(s[3] for s in covering))
            out.append(f'<span class="{escape(classes)}" title="{escape(tips)}">{piece}</span>')
        else:
            out.append(str(piece))
        if in_mark and highlight and right == highlight[1]:
            out.append("</mark>")
            in_mark = False
    if in_mark:
        out.append("</mark>")
    return Markup("".join(out))


def mark_terms(text: str, terms: Iterable[str], css_class: str = "term") -> Markup:
    """`text` escaped, with every case-insensitive occurrence of `terms` wrapped in `<mark>`."""
    wanted = sorted({t for t in terms if t and t.strip()}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in wanted), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(str(escape(text[last : match.start()])))
        out.append(f'<mark class="{escape(css_class)}">{escape(match.group(0))}</mark>')
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def highlight_hits(snippet: str, hits: Sequence[Sequence[int]]) -> Markup:
    """A search snippet, escaped, with its hit offsets wrapped in `<mark>`."""
    out: list[str] = []
    last = 0
    for start, end in sorted((int(h[0]), int(h[1])) for h in hits if len(h) == 2):
        if start < last or end <= start:
            continue
        out.append(str(escape(snippet[last:start])))
        out.append(f"<mark>{escape(snippet[start:end])}</mark>")
        last = end
    out.append(str(escape(snippet[last:])))
    return Markup("".join(out))


# -- the stories list ----------------------------------------------------------------------------


def story_row(story: dict[str, Any]) -> dict[str, Any]:
    """One line of the stories list: the report's story header plus counts."""
    return {
        "id": story.get("id"),
        "title": story.get("title") or "",
        "article_ids": list(story.get("article_ids") or []),
        "sources": list(story.get("sources") or []),
        "first_published": story.get("first_published"),
        "last_published": story.get("last_published"),
        "articles": len(story.get("article_ids") or []),
        "outlets": len(story.get("sources") or []),
        "contradictions": len(story.get("contradictions") or []),
        "entities": [
            e.get("name") for e in story.get("entities") or [] if isinstance(e, dict) and e.get("name")
        ],
    }


def fold(text: str) -> str:
    """Lower case without diacritics, so "Breznik" matches "Brezník"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def same_outlet(name: str | None, wanted: str) -> bool:
    """Whether `name` is a spelling of the outlet `wanted` ("FOX" is "Fox News"): the filter merges them."""
    return bool(name) and (name == wanted or outlet_key(str(name)) == outlet_key(wanted))


def outlet_choices(stories: Iterable[dict[str, Any]]) -> list[str]:
    """The outlet filter's options: one per outlet across all stories, articles without one left out."""
    names = [s for story in stories for s in story.get("sources") or [] if not is_unknown_label(s)]
    return sorted(set(canonical_names(names).values()))


def filter_stories(
    stories: Iterable[dict[str, Any]],
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
) -> list[dict[str, Any]]:
    """Stories covered by `outlet`, overlapping the date range, naming an entity (any alias)."""
    kept = []
    wanted_entity = fold(entity.strip()) if entity and entity.strip() else ""
    for story in stories:
        if outlet and not any(same_outlet(s, outlet) for s in story.get("sources") or []):
            continue
        first = (story.get("first_published") or "")[:10]
        last = (story.get("last_published") or first)[:10]
        if date_from and (not last or last < date_from):
            continue
        if date_to and (not first or first > date_to):
            continue
        if wanted_entity and not _names_entity(story, wanted_entity):
            continue
        kept.append(story)
    return kept


def _names_entity(story: dict[str, Any], wanted: str) -> bool:
    for entity in story.get("entities") or []:
        if not isinstance(entity, dict):
            continue
        names = [entity.get("name") or "", *(entity.get("aliases") or [])]
        if any(wanted in fold(str(name)) for name in names):
            return True
    return False


# -- a story -------------------------------------------------------------------------------------


def claim_matrix(story: dict[str, Any]) -> dict[str, Any]:
    """Claim groups × outlets: `supports`, `contradicts` or `silent` in each cell.

    An outlet contradicts a claim when it stands on another side of a contradiction in which the
    claim is one side (and does not itself support the claim).
    """
    claims = [c for c in story.get("claims") or [] if isinstance(c, dict)]
    outlets = sorted(
        {*(story.get("sources") or []), *(s for c in claims for s in c.get("sources") or [])}, key=str
    )
    against: dict[str, set[str]] = defaultdict(set)
    for contradiction in story.get("contradictions") or []:
        sides = [s for s in (contradiction or {}).get("sides") or [] if isinstance(s, dict)]
        for side in sides:
            claim_id = side.get("claim_id")
            if not claim_id:
                continue
            for other in sides:
                if other is not side:
                    against[claim_id].update(other.get("sources") or [])
    rows = []
    for claim in claims:
        supporting = set(claim.get("sources") or [])
        cells = {}
        for outlet in outlets:
            if outlet in supporting:
                cells[outlet] = "supports"
            elif outlet in against.get(str(claim.get("id")), set()):
                cells[outlet] = "contradicts"
            else:
                cells[outlet] = "silent"
        rows.append({"claim": claim, "cells": cells})
    # Claims several outlets make, or that someone contradicts, first: they are what a reader compares.
    rows.sort(
        key=lambda r: (
            -sum(v == "supports" for v in r["cells"].values()),
            -sum(v == "contradicts" for v in r["cells"].values()),
        )
    )
    return {"outlets": outlets, "rows": rows}


def one_per_article(evidence: Any, limit: int = 8) -> list[dict[str, Any]]:
    """Citations for an item: the first evidence from each article, so one outlet is one link."""
    seen: set[str] = set()
    kept = []
    for item in evidence if isinstance(evidence, list) else []:
        if isinstance(item, dict) and item.get("article_id") is not None and item["article_id"] not in seen:
            seen.add(item["article_id"])
            kept.append(item)
    return kept[:limit]


def quotes_by_speaker(quotes: Iterable[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Quotes grouped by speaker, most quoted first; unresolved speakers last, as "unknown speaker"."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for quote_ in quotes:
        if isinstance(quote_, dict):
            groups[quote_.get("speaker") or ""].append(quote_)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "", -len(kv[1]), kv[0]))
    return [(speaker or "unknown speaker", items) for speaker, items in ordered]


def framing_view(framing: dict[str, Any]) -> dict[str, Any]:
    """The framing section in a shape the template can walk without guarding every key."""
    framing = framing if isinstance(framing, dict) else {}
    outlets = framing.get("outlets") if isinstance(framing.get("outlets"), dict) else {}
    terms = [t for t in framing.get("terms") or [] if isinstance(t, dict)]
    by_outlet: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"own": [], "quoted": []})
    for term in terms:
        voice = "quoted" if term.get("voice") == "quoted" else "own"
        by_outlet[str(term.get("source") or "?")][voice].append(term)
    contrasts = [c for c in framing.get("contrasts") or [] if isinstance(c, dict)]
    coverage = framing.get("coverage") if isinstance(framing.get("coverage"), dict) else {}
    return {
        "outlets": outlets,
        "terms": terms,
        "terms_by_outlet": dict(by_outlet),
        "contrasts": contrasts,
        "coverage": coverage,
        "empty": not (outlets or terms or contrasts),
    }


def term_in_context(term: dict[str, Any]) -> Markup:
    """The sentence a loaded term came from, with the term marked (own voice and quoted differ)."""
    evidence = [e for e in term.get("evidence") or [] if isinstance(e, dict)]
    text = str(evidence[0].get("text") or "") if evidence else ""
    voice = "quoted" if term.get("voice") == "quoted" else "own"
    return mark_terms(text or str(term.get("term") or ""), [str(term.get("term") or "")], f"loaded-{voice}")


def headlines(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The story's headlines side by side: one card per original article, in story order, its copies counted."""
    copies: dict[str, int] = defaultdict(int)
    for article_id in story.get("article_ids") or []:
        original = (articles.get(article_id) or {}).get("duplicate_of")
        if original:
            copies[original] += 1
    cards = []
    for article_id in story.get("article_ids") or []:
        article = articles.get(article_id) or {}
        if article.get("duplicate_of") and article["duplicate_of"] in articles:
            continue
        cards.append(
            {
                "id": article_id,
                "outlet": article.get("source") or "unknown outlet",
                "title": article.get("title") or "(untitled)",
                "published": (article.get("published") or "")[:10],
                "copies": copies.get(article_id, 0),
            }
        )
    return cards


def leaning_bar(coverage: dict[str, Any]) -> dict[str, Any]:
    """The coverage-by-leaning bar: one segment per side with articles (x and width in percent of the
    story's articles), a class per side for its colour, and the unlabelled rest in grey."""
    total = int(coverage.get("articles") or 0)
    segments: list[dict[str, Any]] = []
    x = 0.0
    sides = [dict(side, css=f"side-{n % 6}") for n, side in enumerate(coverage.get("sides") or [])]
    rest = coverage.get("unlabelled") or {"articles": 0, "outlets": []}
    parts = [*sides, {"leaning": "no leaning given", "css": "side-none", **rest}]
    for part in parts:
        count = int(part.get("articles") or 0)
        if not total or not count:
            continue
        width = 100.0 * count / total
        segments.append({**part, "x": round(x, 3), "width": round(width, 3)})
        x += width
    blindspots = list(coverage.get("blindspots") or [])
    return {
        "segments": segments,
        "sides": sides,
        "unlabelled": rest,
        "total": total,
        "blindspots": blindspots,
    }


def merge_choices(
    story: dict[str, Any], titles: Sequence[dict[str, Any]], limit: int = 50
) -> list[dict[str, Any]]:
    """Stories to offer for merging into `story`: the `limit` others closest to it in time (undated last)."""
    from parallax.stories.signals import day_number

    here = day_number(story.get("first_published"))

    def distance(row: dict[str, Any]) -> tuple[float, str]:
        there = day_number(row.get("first_published"))
        gap = abs(there - here)
        return (gap if gap == gap else float("inf"), str(row.get("title") or ""))

    others = [t for t in titles if t["id"] != story.get("id")]
    return sorted(others, key=distance)[:limit]
