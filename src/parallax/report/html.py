"""A self-contained HTML report: inline CSS, no scripts from elsewhere, every article string escaped."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("parallax.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def story_lookups(story: dict[str, Any]) -> dict[str, Any]:
    """Indexes the template reads instead of scanning a story's lists inside its loops.

    Scanning made the page quadratic: a 1,770-article story took minutes to render.
    Each index keeps the order of the list it indexes.
    """
    framing = story.get("framing") or {}
    by_outlet: dict[tuple[str, str], list[dict[str, Any]]] = {}
    by_article: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for term in framing.get("terms") or []:
        by_outlet.setdefault((term.get("source"), term.get("voice")), []).append(term)
        by_article.setdefault((term.get("article_id"), term.get("voice")), []).append(term)
    return {
        "claim_text": {c.get("id"): c.get("text") for c in story.get("claims") or []},
        "terms_by_outlet": by_outlet,
        "terms_by_article": by_article,
    }


def html_chunks(report: dict[str, Any]) -> Iterator[str]:
    """The page in pieces, so a large report is written without holding the whole page."""
    articles = {a["id"]: a for a in report["articles"]}
    template = _environment().get_template("report.html")
    return template.generate(report=report, articles=articles, lookups=story_lookups)


def render_html(report: dict[str, Any]) -> str:
    return "".join(html_chunks(report))
