"""Store what the readers yield, with exact- and near-duplicate detection."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from parallax.ingest.readers import Skipped, read_inputs
from parallax.model import Article
from parallax.progress import progress
from parallax.store import Store


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)  # copy id -> original id
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.skipped


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def ingest(sources: Iterable[str | Path], store: Store, show_progress: bool = True) -> IngestResult:
    result = IngestResult()
    for item in progress(read_inputs(sources), desc="ingest", unit="article", enabled=show_progress):
        if isinstance(item, Skipped):
            result.skipped.append(item)
            store.record_skip(item.path, item.line, item.reason)
            continue
        _store_article(item, store, result)
    return result


def _store_article(article: Article, store: Store, result: IngestResult) -> None:
    digest = content_hash(article.text)
    original = store.article_by_hash(digest)
    if original and original != article.id:
        article.duplicate_of = original
    if store.add_article(article, digest):
        result.added.append(article.id)
        if article.duplicate_of:
            result.duplicates[article.id] = article.duplicate_of
    else:
        result.existing.append(article.id)
