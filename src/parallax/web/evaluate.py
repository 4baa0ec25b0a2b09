"""`parallax eval web`: search quality, escaping and highlighting, scored through the real app in-process.

The labelled set (corpus/labelled/web/search.json) holds fictional articles, queries with the articles
a reader expects, and hostile article texts. Figures:

- `search_recall_at_5`, `search_mrr`, `search_precision_at_5`: full-text search quality;
- `hostile_queries_ok`: share of hostile queries (FTS syntax, SQL) answered without error;
- `xss_inert`: share of hostile articles whose page holds no markup from the article and shows its text
  exactly;
- `highlight_exact`: share of sentence highlights (`?hl=start-end`) whose `<mark>` text is exactly the
  span.
"""

from __future__ import annotations

import asyncio
import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from parallax.model import Article
from parallax.progress import progress

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "corpus" / "labelled" / "web" / "search.json"
ALLOWED_TEXT_TAGS = {"span", "mark"}
ALLOWED_TEXT_ATTRS = {"class", "title", "id"}


class _ArticleTextParser(HTMLParser):
    """Collects what is inside `<article id="article-text">`: its tags, attributes, text and marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 while inside the article text
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.mark: list[str] | None = None
        self.marks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += 1
            self.tags.append((tag, attrs))
            if tag == "mark" and ("id", "hl") in attrs:
                self.mark = []
        elif tag == "article" and ("id", "article-text") in attrs:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if tag == "mark" and self.mark is not None:
                self.marks.append("".join(self.mark))
                self.mark = None

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
            if self.mark is not None:
                self.mark.append(data)


def _parse(page: str) -> _ArticleTextParser:
    parser = _ArticleTextParser()
    parser.feed(page)
    parser.close()
    return parser


def _inert(page: str, text: str) -> bool:
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        if tag not in ALLOWED_TEXT_TAGS or any(name not in ALLOWED_TEXT_ATTRS for name, _ in attrs):
            return False
    return "".join(parsed.text) == text


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]?", text) if m.group().strip()]


def evaluate_web(data: Path | None = None) -> dict[str, float]:
    from parallax.store import Store
    from parallax.web import create_app

    labelled = json.loads((data or DEFAULT_DATA).read_text("utf-8"))
    with tempfile.TemporaryDirectory(prefix="parallax-eval-web-") as tmp:
        db = Path(tmp) / "eval.db"
        with Store(db) as store:
            for record in labelled["articles"] + labelled["hostile_articles"]:
                article = Article(**{k: v for k, v in record.items() if k in Article.__dataclass_fields__})
                store.add_article(article, content_hash=record["id"])
        app = create_app(db, token="")
        return asyncio.run(_score(app, labelled))


async def _score(app: Any, labelled: dict[str, Any]) -> dict[str, float]:
    import httpx

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        recall, reciprocal, precision = [], [], []
        for query in progress(labelled["queries"], desc="eval web: search", unit="query"):
            response = await client.get("/api/search", params={"q": query["q"]})
            found = [r["article_id"] for r in response.json()["results"]]
            relevant = set(query["relevant"])
            top = found[:5]
            recall.append(len(relevant & set(top)) / len(relevant) if relevant else float(not found))
            rank = next((i for i, a in enumerate(found, 1) if a in relevant), None)
            reciprocal.append(1 / rank if rank else float(not relevant and not found))
            if top:
                precision.append(len(relevant & set(top)) / len(top))
        hostile_ok = 0
        for q in labelled["hostile_queries"]:
            response = await client.get("/api/search", params={"q": q})
            hostile_ok += response.status_code == 200 and isinstance(response.json().get("results"), list)
        inert = 0
        for record in labelled["hostile_articles"]:
            page = (await client.get(f"/articles/{record['id']}")).text
            inert += _inert(page, record["text"])
        exact, spans = 0, 0
        for record in labelled["articles"] + labelled["hostile_articles"]:
            for start, end in _sentences(record["text"]):
                page = (await client.get(f"/articles/{record['id']}", params={"hl": f"{start}-{end}"})).text
                marks = _parse(page).marks
                spans += 1
                exact += marks == [record["text"][start:end]]
    n = len(labelled["queries"])
    return {
        "search_recall_at_5": sum(recall) / n,
        "search_mrr": sum(reciprocal) / n,
        "search_precision_at_5": sum(precision) / max(len(precision), 1),
        "hostile_queries_ok": hostile_ok / len(labelled["hostile_queries"]),
        "xss_inert": inert / len(labelled["hostile_articles"]),
        "highlight_exact": exact / max(spans, 1),
        "queries": n,
        "highlights": spans,
    }
