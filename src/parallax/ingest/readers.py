"""Dispatch each input to the reader for its kind, and turn every failure into a `Skipped`.

Inputs: folders (walked recursively, hidden files and unknown file types ignored), `.txt`,
`.html`, `.json`/`.jsonl`, `.parquet` (one article a row, columns named as JSON fields are),
RSS/Atom feeds, `.urls` lists (or a `.txt` whose every line is a URL) and http(s) URLs. A file's
kind comes from its name, then from a sniff of its first bytes, so a feed saved as `.txt` or a page
saved without a suffix is still read as what it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from parallax.errors import Msg
from parallax.ingest.decode import NotText, declared_encoding, decode_bytes
from parallax.ingest.feeds import looks_like_feed, read_feed
from parallax.ingest.fetch import (
    MAX_RESPONSE_BYTES,
    PER_HOST_INTERVAL,
    TIMEOUT_SECONDS,
    FetchError,
    fetch,
    is_url,
)
from parallax.ingest.html import extract_html, html_to_text
from parallax.ingest.metadata import (
    clean_author,
    clean_outlet,
    clean_space,
    content_id,
    detect_language,
    normalise_language,
    parse_date,
)
from parallax.ingest.textheader import parse_header, signoff_source
from parallax.ingest.types import IngestWarning, Skipped
from parallax.model import Article

__all__ = ["MAX_FILE_BYTES", "MAX_LINE_BYTES", "IngestWarning", "Limits", "Skipped", "read_inputs"]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_LINE_BYTES = 5 * 1024 * 1024  # one JSONL record; JSONL files themselves are streamed, not capped

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonlines"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
URL_LIST_SUFFIXES = frozenset({".urls"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES
    | HTML_SUFFIXES
    | JSON_SUFFIXES
    | JSONL_SUFFIXES
    | FEED_SUFFIXES
    | URL_LIST_SUFFIXES
    | PARQUET_SUFFIXES
)
PARQUET_BATCH_ROWS = 1024

# Field names seen in news exports, by the Article field they fill; the first present wins.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "guid", "uuid", "article_id", "doc_id"),
    "text": ("text", "body", "content", "full_text", "maintext", "article", "article_text"),
    "source": (
        "source",
        "outlet",
        "publisher",
        "site_name",
        "sitename",
        "source_name",
        "publication",
        "domain",
    ),
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline", "creator"),
    "published": (
        "published",
        "published_at",
        "publishedAt",
        "date",
        "pubDate",
        "publish_date",
        "datetime",
        "date_publish",
    ),
    "url": ("url", "link", "canonical_url"),
    "language": ("language", "lang", "locale"),
}
_MARKUP = re.compile(r"<(?:p|div|br|span|a|em|strong|b|i|h[1-6]|li|ul|blockquote|script|img)\b[^>]*>", re.I)
_ACTIVE = {
    "script(s)": re.compile(r"<script\b(?![^>]*application/ld\+json)", re.I),
    "event handler(s)": re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    "javascript: link(s)": re.compile(r"""=\s*["']?\s*javascript:""", re.I),
    "frame(s)": re.compile(r"<i?frame\b", re.I),
}


@dataclass(frozen=True)
class Limits:
    """Caps that keep one odd input from exhausting memory or time."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_line_bytes: int = MAX_LINE_BYTES
    fetch_timeout: float = TIMEOUT_SECONDS
    fetch_max_bytes: int = MAX_RESPONSE_BYTES
    fetch_interval: float = PER_HOST_INTERVAL


Item = Article | Skipped | IngestWarning


def read_inputs(sources: Iterable[str | Path], limits: Limits | None = None) -> Iterator[Item]:
    """An `Article` per article found, a `Skipped` per unreadable input, an `IngestWarning` per flaw."""
    limits = limits or Limits()
    for source in sources:
        if isinstance(source, str) and is_url(source):
            yield from _guarded(source.strip(), _read_url(source.strip(), limits))
            continue
        path = Path(source)
        if path.is_dir():
            for child in _walk(path):
                yield from _guarded(str(child), _read_file(child, limits, explicit=False))
        elif path.is_file():
            yield from _guarded(str(path), _read_file(path, limits, explicit=True))
        else:
            yield Skipped(str(source), None, Msg.NOT_FOUND)


def _guarded(where: str, items: Iterator[Item]) -> Iterator[Item]:
    """The last safety net: an unexpected error in a reader skips that input, not the run."""
    try:
        yield from items
    except Exception as exc:  # a reader bug or a library failing on odd input; Ctrl-C still stops
        yield Skipped(where, None, Msg.READ_FAILED.format(detail=f"{type(exc).__name__}: {exc}"[:300]))


def _walk(folder: Path) -> Iterator[Path]:
    """Files under `folder` in a stable order; hidden files and folders are not inputs."""
    for child in sorted(folder.rglob("*")):
        relative = child.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if child.is_file() and child.suffix.lower() in KNOWN_SUFFIXES:
            yield child


def _read_file(path: Path, limits: Limits, explicit: bool) -> Iterator[Item]:
    where = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, limits)
            return
        if suffix in PARQUET_SUFFIXES:
            yield from _read_parquet(path, limits)
            return
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            yield Skipped(where, None, Msg.TOO_LARGE.format(size=size, limit=limits.max_file_bytes))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(where, None, Msg.UNREADABLE.format(detail=exc.strerror or exc))
        return
    if not data.strip():
        yield Skipped(where, None, Msg.EMPTY)
        return
    yield from _read_bytes(data, where, suffix, limits, explicit=explicit)


def _read_bytes(
    data: bytes, where: str, suffix: str, limits: Limits, explicit: bool = True, url: str | None = None
) -> Iterator[Item]:
    """Read `data` as the kind its suffix (or content type) names, else as what it sniffs as."""
    if suffix in FEED_SUFFIXES or looks_like_feed(data):
        yield from read_feed(data, where, url)
        return
    markup = suffix in HTML_SUFFIXES or data.lstrip()[:15].lower().startswith(
        (b"<!doctype html", b"<html", b"<?xml")
    )
    try:
        decoded = decode_bytes(data, declared_encoding(data) if markup else None)
    except NotText as exc:
        yield Skipped(where, None, str(exc))
        return
    if decoded.warning:
        yield IngestWarning(where, None, decoded.warning)
    text = decoded.text
    head = text.lstrip()[:512].lower()
    if suffix in HTML_SUFFIXES or head.startswith(("<!doctype html", "<html")):
        yield from _read_html(text, where, url)
    elif suffix in JSON_SUFFIXES or (suffix not in TEXT_SUFFIXES and head.startswith(("{", "["))):
        yield from _read_json(text, where, limits, explicit)
    elif suffix in URL_LIST_SUFFIXES or (url is None and _is_url_list(text)):
        for line in text.splitlines():
            if line.strip():
                yield from _read_url(line.strip(), limits)
    else:
        yield _text_article(text, where, decoded.encoding, url)


def _text_article(text: str, where: str, encoding: str, url: str | None = None) -> Article | Skipped:
    """A plain-text article, its header lines lifted into metadata."""
    header = parse_header(text)
    body = text[header.body_start :].strip()
    if not body:
        return Skipped(where, None, Msg.NO_TEXT)
    fields, reasons = dict(header.fields), dict(header.reasons)
    if not fields.get("source"):
        signed = signoff_source(body)
        if signed:
            fields["source"], reasons["source"] = signed
    info: dict[str, Any] = {"kind": "text", "encoding": encoding}
    if reasons:
        info["lifted"] = reasons
    return Article(
        id=content_id(text),
        text=body,
        source=fields.get("source"),
        title=fields.get("title"),
        author=fields.get("author"),
        published=fields.get("published"),
        language=normalise_language(fields.get("language")) or detect_language(body),
        url=fields.get("url") or url,
        path=where,
        extra={"_ingest": info},
    )


def _read_html(markup: str, where: str, url: str | None = None) -> Iterator[Item]:
    active = {name: len(p.findall(markup)) for name, p in _ACTIVE.items()}
    active = {name: n for name, n in active.items() if n}
    if active:
        found = ", ".join(f"{n} {name}" for name, n in active.items())
        yield IngestWarning(where, None, Msg.ACTIVE_CONTENT.format(found=found))
    extracted = extract_html(markup, url)
    if extracted is None:
        yield Skipped(where, None, Msg.HTML_NO_TEXT)
        return
    meta = extracted.meta
    yield Article(
        id=content_id(meta.get("source"), meta.get("title"), extracted.text),
        text=extracted.text,
        source=meta.get("source"),
        title=meta.get("title"),
        author=meta.get("author"),
        published=meta.get("published"),
        language=meta.get("language") or detect_language(extracted.text),
        url=meta.get("url") or url,
        path=where,
        extra={"_ingest": {"kind": "html", "extractor": extracted.method}},
    )


def _read_json(text: str, where: str, limits: Limits, explicit: bool) -> Iterator[Item]:
    """A JSON file: one article object, a list of them, or {"articles": [...]}; JSONL text is accepted."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several objects, one per line: JSON Lines under a .json name
            yield from _read_json_lines(iter(text.encode("utf-8").splitlines(keepends=True)), where, limits)
            return
        yield Skipped(where, exc.lineno, Msg.BAD_JSON.format(line=exc.lineno, detail=_json_detail(exc)))
        return
    records = _records_in(data)
    if not records:
        if explicit:
            yield Skipped(where, None, Msg.NO_ARTICLES_IN_JSON)
        return  # in a folder, a JSON file with no articles is data of another kind (labels, settings)
    single = len(records) == 1 and isinstance(data, dict)
    for number, record in enumerate(records, start=1):
        yield _record_article(record, where, None, where if single else f"{where}#{number}")


def _records_in(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        if _field(data, "text"):
            return [data]
        for key in ("articles", "items", "data", "results", "documents", "entries"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            return []
    if isinstance(data, list):
        return [r for r in data if isinstance(r, dict) and _field(r, "text")]
    return []


def _read_jsonl(path: Path, limits: Limits) -> Iterator[Item]:
    with path.open("rb") as handle:
        yield from _read_json_lines(_bounded_lines(handle, limits.max_line_bytes), str(path), limits)


def _bounded_lines(handle: Any, cap: int) -> Iterator[bytes]:
    """Lines of a binary file; a line longer than `cap` comes back as cap+1 bytes, the rest discarded."""
    while True:
        line = handle.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line without holding it in memory
                rest = handle.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def _read_json_lines(lines: Iterator[bytes], where: str, limits: Limits) -> Iterator[Item]:
    seen_any = False
    for number, raw in enumerate(lines, start=1):
        if len(raw) > limits.max_line_bytes:
            yield Skipped(where, number, Msg.LINE_TOO_LONG.format(line=number, limit=limits.max_line_bytes))
            continue
        if not raw.strip():
            continue
        seen_any = True
        try:
            line = decode_bytes(raw).text
            record = json.loads(line)
        except NotText as exc:
            yield Skipped(where, number, f"line {number}: {exc}")
            continue
        except json.JSONDecodeError as exc:
            yield Skipped(where, number, Msg.BAD_JSON.format(line=number, detail=_json_detail(exc)))
            continue
        if not isinstance(record, dict):
            yield Skipped(where, number, Msg.NOT_AN_OBJECT.format(line=number))
            continue
        yield _record_article(record, where, number, f"{where}:{number}")
    if not seen_any:
        yield Skipped(where, None, Msg.EMPTY)


def _read_parquet(path: Path, limits: Limits) -> Iterator[Item]:
    """A Parquet table, streamed a row group at a time: each row is read as a JSONL record would be."""
    where = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield Skipped(where, None, Msg.NEEDS_RAY_EXTRA.format(what="Parquet inputs"))
        return
    try:
        table = pq.ParquetFile(path)
        if table.metadata.num_rows == 0:
            yield Skipped(where, None, Msg.EMPTY)
            return
        batches = table.iter_batches(batch_size=PARQUET_BATCH_ROWS)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError and others on a damaged file
        yield Skipped(where, None, Msg.BAD_PARQUET.format(detail=f"{type(exc).__name__}: {exc}"[:300]))
        return
    row = 0
    try:
        for batch in batches:
            for record in batch.to_pylist():
                row += 1
                size = sum(len(v) for v in record.values() if isinstance(v, (str, bytes)))
                if size > limits.max_line_bytes:
                    yield Skipped(where, row, Msg.ROW_TOO_LONG.format(row=row, limit=limits.max_line_bytes))
                    continue
                yield _record_article(_plain(record), where, row, f"{where}:{row}")
    except Exception as exc:  # a damaged row group: the rows before it are kept
        detail = Msg.BAD_PARQUET.format(detail=f"{type(exc).__name__}: {exc}"[:300])
        yield Skipped(where, row + 1, Msg.NOT_A_RECORD.format(row=row + 1, detail=detail))


def _plain(value: Any) -> Any:
    """A Parquet cell as JSON would hold it: dates as ISO text, bytes as text, decimals as floats."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, bytes):
        try:
            return decode_bytes(value).text
        except NotText:
            return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, timedelta):
        return value.total_seconds()
    return value


def _record_article(record: dict[str, Any], where: str, line: int | None, path: str) -> Article | Skipped:
    """An article from one JSON object (at `path`); fields Parallax does not know are kept in `extra`."""
    used: set[str] = set()

    def take(name: str) -> Any:
        for key in FIELD_ALIASES[name]:
            if key in record and record[key] not in (None, "", []):
                used.add(key)
                return record[key]
        return None

    raw_text = take("text")
    text = _as_text(raw_text)
    if not text:
        return Skipped(where, line, Msg.NO_TEXT)
    if _MARKUP.search(text):
        text = html_to_text(text)
    raw_source = take("source")
    if isinstance(raw_source, dict):
        raw_source = raw_source.get("name") or raw_source.get("title") or raw_source.get("id")
    raw_author = take("author")
    if isinstance(raw_author, list):
        names = [a.get("name") if isinstance(a, dict) else a for a in raw_author]
        raw_author = ", ".join(str(n) for n in names if n)
    elif isinstance(raw_author, dict):
        raw_author = raw_author.get("name")
    title = clean_space(_as_text(take("title")))
    source = clean_outlet(_as_text(raw_source))
    given_id = take("id")
    raw_published = take("published")
    published = parse_date(raw_published)
    url = _as_text(take("url"))
    language = normalise_language(_as_text(take("language")))
    extra = {k: v for k, v in record.items() if k not in used}
    if raw_published is not None and published is None:
        extra["published_unparsed"] = raw_published
    return Article(
        id=str(given_id).strip()
        if given_id is not None and str(given_id).strip()
        else content_id(source, title, text),
        text=text,
        source=source,
        title=title,
        author=clean_author(_as_text(raw_author)),
        published=published,
        language=language or detect_language(text),
        url=url,
        path=path,
        extra=extra,
    )


def _read_url(url: str, limits: Limits) -> Iterator[Item]:
    try:
        fetched = fetch(
            url,
            timeout=limits.fetch_timeout,
            max_bytes=limits.fetch_max_bytes,
            interval=limits.fetch_interval,
        )
    except FetchError as exc:
        yield Skipped(url, None, str(exc))
        return
    if not fetched.data.strip():
        yield Skipped(url, None, Msg.EMPTY)
        return
    suffix = {
        "text/html": ".html",
        "application/xhtml+xml": ".html",
        "application/rss+xml": ".xml",
        "application/atom+xml": ".xml",
        "application/rdf+xml": ".xml",
        "application/json": ".json",
        "application/x-ndjson": ".json",
        "text/plain": ".txt",
    }.get(fetched.content_type, "")
    for item in _read_bytes(fetched.data, url, suffix, limits, url=fetched.url):
        if isinstance(item, Article) and not item.url:
            item = replace(item, url=fetched.url)
        yield item


def _json_detail(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"


def _is_url_list(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return bool(lines) and all(is_url(ln) for ln in lines)


def _field(record: dict[str, Any], name: str) -> Any:
    return next((record[k] for k in FIELD_ALIASES[name] if record.get(k) not in (None, "", [])), None)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = "\n\n".join(str(v) for v in value if v)
    elif isinstance(value, dict):
        return None
    text = str(value).strip()
    return text or None
