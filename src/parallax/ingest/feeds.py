"""RSS and Atom feeds (a file or a fetched URL): one article per entry.

A feed that breaks off part-way (a truncated download) is reported as skipped, with the line
where the XML broke, and only the entries that were complete before that line are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from parallax.errors import Msg
from parallax.ingest.html import html_to_text
from parallax.ingest.metadata import (
    clean_author,
    clean_space,
    content_id,
    detect_language,
    normalise_language,
    outlet_from_feed_title,
    parse_date,
)
from parallax.ingest.types import Skipped
from parallax.model import Article

_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)
_ENTRY_END = re.compile(rb"</(?:item|entry)\s*>")


def looks_like_feed(data: bytes) -> bool:
    return _FEED_START.match(data[:4096]) is not None


def read_feed(data: bytes, where: str, url: str | None = None) -> Iterator[Article | Skipped]:
    """Articles from the feed's entries; a `Skipped` when the feed is broken or empty."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser wraps most errors, but not all
        yield Skipped(where, None, Msg.BROKEN_FEED.format(detail=str(exc) or type(exc).__name__))
        return
    entries = list(parsed.entries)
    if parsed.bozo and _is_xml_error(parsed.bozo_exception):
        line = _error_line(parsed.bozo_exception)
        complete = len(_ENTRY_END.findall(_lines_before(data, line))) if line else 0
        entries = entries[:complete]
        yield Skipped(where, line, Msg.BROKEN_FEED.format(detail=_xml_error_detail(parsed.bozo_exception)))
    elif not entries:
        yield Skipped(where, None, Msg.EMPTY_FEED)
        return
    feed = parsed.feed
    outlet = outlet_from_feed_title(feed.get("title"))
    feed_language = normalise_language(feed.get("language"))
    for number, entry in enumerate(entries, start=1):
        yield _entry_article(entry, number, where, outlet, feed_language, url)


def _entry_article(
    entry: Any, number: int, where: str, outlet: str | None, feed_language: str | None, feed_url: str | None
) -> Article | Skipped:
    content = entry.get("content") or []
    markup = max((c.get("value", "") for c in content), key=len, default="") or entry.get("summary", "")
    text = html_to_text(markup)
    title = clean_space(html_to_text(entry.get("title", ""))) or None
    entry_id = clean_space(entry.get("id")) or clean_space(entry.get("link"))
    if not text:
        return Skipped(f"{where}#{entry_id or number}", None, Msg.NO_TEXT)
    article_id = entry_id or content_id(outlet, title, text)
    language = normalise_language(entry.get("language")) or feed_language or detect_language(text)
    extra: dict[str, Any] = {}
    tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
    if tags:
        extra["categories"] = tags
    if entry.get("summary") and content:
        extra["summary"] = html_to_text(entry["summary"])
    return Article(
        id=article_id,
        text=text,
        source=outlet,
        title=title,
        author=clean_author(entry.get("author")),
        published=parse_date(entry.get("published") or entry.get("updated")),
        language=language,
        url=entry.get("link") or None,
        path=f"{where}#{entry_id or number}",
        extra=extra,
    )


def _is_xml_error(exc: Any) -> bool:
    """A broken document, as opposed to feedparser's harmless notes (encoding overrides)."""
    import feedparser

    harmless = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    return exc is not None and not isinstance(exc, harmless)


def _xml_error_detail(exc: Any) -> str:
    """ "unclosed CDATA section at column 193" rather than "<unknown>:14:193: unclosed CDATA section"."""
    message = getattr(exc, "getMessage", None)
    column = getattr(exc, "getColumnNumber", None)
    try:
        if message and column:
            return f"{message()} at column {column()}"
    except (TypeError, ValueError, AttributeError):
        pass
    return str(exc) or type(exc).__name__


def _error_line(exc: Any) -> int | None:
    getter = getattr(exc, "getLineNumber", None)
    try:
        return int(getter()) if getter else None
    except (TypeError, ValueError):
        return None


def _lines_before(data: bytes, line: int) -> bytes:
    return b"\n".join(data.split(b"\n")[: max(line - 1, 0)])
