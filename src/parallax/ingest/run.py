"""Store what the readers yield, linking exact and near-duplicate copies to their originals.

Each article is stored in one transaction together with its MinHash signature and any re-linked
copies, so Ctrl-C or a crash loses at most the article in flight and never leaves half of one.
Ingesting the same input twice stores it once (same id), and reports it as already stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from parallax.ingest.dedup import DuplicateIndex, Signature, published_earlier
from parallax.ingest.metadata import fill_derived_source
from parallax.ingest.readers import IngestWarning, Limits, Skipped, read_inputs
from parallax.model import Article
from parallax.progress import progress
from parallax.store import Store


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)  # copy id -> original id
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.skipped


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def ingest(
    sources: Iterable[str | Path], store: Store, show_progress: bool = True, limits: Limits | None = None
) -> IngestResult:
    """Read every input and store its articles; bad inputs are recorded as skipped, never raised."""
    result = IngestResult()
    index = _load_index(store)
    recorded = {(s["path"], s["line"], s["reason"]) for s in store.skipped()}
    items = progress(read_inputs(sources, limits), desc="ingest", unit="item", enabled=show_progress)
    for item in items:
        if isinstance(item, Skipped):
            result.skipped.append(item)
            if (item.path, item.line, item.reason) not in recorded:
                store.record_skip(item.path, item.line, item.reason)
                recorded.add((item.path, item.line, item.reason))
        elif isinstance(item, IngestWarning):
            result.warnings.append(item)
        else:
            fill_derived_source(item)  # the one place every reader's articles pass through
            _store_article(item, store, index, result)
    return result


def _load_index(store: Store) -> DuplicateIndex:
    index = DuplicateIndex()
    index.load(store.iter_minhashes(), store.article_dates())
    return index


def _store_article(article: Article, store: Store, index: DuplicateIndex, result: IngestResult) -> None:
    if store.has_article(article.id):
        result.existing.append(article.id)
        return
    digest = content_hash(article.text)
    signature = Signature.of(article.text)
    exact = store.article_by_hash(digest)
    original = index.root(exact) if exact else index.find_copy_of(signature)
    relinked: list[str] = []
    if original and published_earlier(article.published, index.published.get(original)):
        # The newcomer came first: it becomes the original of the stored copy and of that copy's copies.
        relinked = [original, *(a for a, parent in index.duplicate_of.items() if parent == original)]
        original = None
    article.duplicate_of = original
    with store.transaction():
        if not store.add_article(article, digest):
            result.existing.append(article.id)
            return
        store.save_minhash(article.id, signature.to_bytes())
        for copy_id in relinked:
            store.set_duplicate_of(copy_id, article.id)  # also marks the copy's story stale
    result.added.append(article.id)
    index.published[article.id] = article.published
    index.duplicate_of[article.id] = original
    index.add(article.id, signature)
    if original:
        result.duplicates[article.id] = original
    for copy_id in relinked:
        index.duplicate_of[copy_id] = article.id
        result.duplicates[copy_id] = article.id
