"""Assemble the report from the store and write it in its three forms."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parallax.model import ARTICLE_FIELDS, Story
from parallax.store import Store

if TYPE_CHECKING:
    from parallax.report.html import TextSource

REPORT_SCHEMA_ID = "parallax.report/1"


def build_report(store: Store, story_ids: Sequence[str] | None = None) -> dict[str, Any]:
    from parallax import __version__

    ids = list(story_ids) if story_ids is not None else store.story_ids()
    stories = [store.get_story(i) for i in ids]
    wanted = {a for s in stories for a in s.article_ids} if story_ids is not None else None
    failures = collect_failures(store, stories, wanted)
    failed_articles: dict[str, list[dict[str, Any]]] = {}
    for failure in failures:
        if failure["kind"] == "article":
            failed_articles.setdefault(failure["id"], []).append(
                {"stage": failure["stage"], "reason": failure["reason"]}
            )
    articles = []
    for article in store.iter_articles(annotations=False):
        if wanted is None or article.id in wanted:
            entry = {
                **{k: getattr(article, k) for k in ARTICLE_FIELDS},
                "story_id": store.story_of(article.id),
            }
            if article.id in failed_articles:
                entry["failures"] = failed_articles[article.id]
            articles.append(entry)
    return {
        "schema": REPORT_SCHEMA_ID,
        "generator": f"parallax {__version__}",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "articles": articles,
        "stories": [s.to_dict() for s in stories],
        "skipped": store.skipped(),
        "failures": failures,
    }


def collect_failures(
    store: Store, stories: Iterable[Story], wanted: set[str] | None = None
) -> list[dict[str, Any]]:
    """Contained stage failures: articles (with the input path) first, then stories."""
    found = [f for f in store.article_failures() if wanted is None or f["id"] in wanted]
    found += [
        {"kind": "story", "id": s.id, "title": s.title, "stage": f["stage"], "reason": f["reason"]}
        for s in stories
        for f in s.failures
    ]
    return found


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    return json.loads(resources.files("parallax.report").joinpath("schema.json").read_text("utf-8"))


def validate_report(report: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` if the report does not match its schema."""
    import jsonschema

    jsonschema.validate(report, load_schema())


def write_report(
    report: dict[str, Any], out: Path, store: Store | None = None, texts: TextSource | None = None
) -> dict[str, Path]:
    """Write report.json, report.md, report.html and one page per story under `stories/`.

    Each file is streamed to disk and swapped in whole, which keeps a 10,000-article report from
    being held three more times as strings. Story pages carry their articles' text, read from
    `store` (or `texts`) one story at a time; without either they show the cited passages only.
    Pages of stories no longer in the report are removed.
    """
    from parallax.report.html import STORIES_DIR, index_chunks, store_texts, story_chunks, story_filename
    from parallax.report.markdown import render_markdown

    if texts is None and store is not None:
        texts = store_texts(store)
    out.mkdir(parents=True, exist_ok=True)
    pages = out / STORIES_DIR
    pages.mkdir(exist_ok=True)
    paths = {
        "json": out / "report.json",
        "html": out / "report.html",
        "md": out / "report.md",
        "stories": pages,
    }
    _write_atomic(paths["json"], json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(report))
    articles = {a["id"]: a for a in report["articles"]}
    written = set()
    for story in report["stories"]:
        name = story_filename(story["id"])
        story_texts = texts(story["article_ids"]) if texts is not None else None
        _write_atomic(pages / name, story_chunks(report, story, story_texts, articles))
        written.add(name)
    for old in pages.glob("*.html"):
        if old.name not in written:
            old.unlink()
    _write_atomic(paths["html"], index_chunks(report))
    _write_atomic(paths["md"], [render_markdown(report)])
    return paths


def _write_atomic(path: Path, chunks: Iterable[str]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.writelines(chunks)
    tmp.replace(path)
