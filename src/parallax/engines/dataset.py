"""A Parquet dataset of articles, annotations and stories: what a large (Ray) run writes.

A dataset is a folder holding `articles.parquet` (metadata, text, every annotation
layer as one JSON string, the embedding as list<float32>), `stories.parquet` (each
story as in report.json) and `skipped.parquet` (inputs that could not be read).
Rows keep ingest order, so loading a dataset into an empty store reproduces the
store the run had. `parallax load` brings a dataset into the SQLite store for the
web app and the reports.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from parallax.errors import Msg, ParallaxError
from parallax.model import ARTICLE_FIELDS, Article, Story
from parallax.progress import progress
from parallax.store import Store

if TYPE_CHECKING:
    import pyarrow as pa

ARTICLES_FILE = "articles.parquet"
STORIES_FILE = "stories.parquet"
SKIPPED_FILE = "skipped.parquet"


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise ParallaxError(Msg.NEEDS_RAY_EXTRA.format(what="Parquet datasets")) from exc
    return pyarrow


def article_schema() -> pa.Schema:
    pa = _pyarrow()
    return pa.schema(
        [
            *[pa.field(name, pa.string()) for name in ARTICLE_FIELDS],
            pa.field("text", pa.string()),
            pa.field("extra", pa.string()),  # JSON object
            pa.field("annotations", pa.string()),  # JSON object: layer -> data
            pa.field("embedding", pa.list_(pa.float32())),
            pa.field("embedding_model", pa.string()),
        ]
    )


def articles_to_table(articles: Sequence[Article], embedding_model: str = "") -> pa.Table:
    """Articles as Arrow rows; the inverse of `table_to_articles`."""
    pa = _pyarrow()
    columns: dict[str, list[Any]] = {name: [getattr(a, name) for a in articles] for name in ARTICLE_FIELDS}
    columns["text"] = [a.text for a in articles]
    columns["extra"] = [json.dumps(a.extra, ensure_ascii=False) for a in articles]
    columns["annotations"] = [json.dumps(a.annotations, ensure_ascii=False) for a in articles]
    columns["embedding"] = [
        None if a.embedding is None else np.asarray(a.embedding, dtype=np.float32) for a in articles
    ]
    columns["embedding_model"] = [embedding_model if a.embedding is not None else None for a in articles]
    return pa.Table.from_pydict(columns, schema=article_schema())


def table_to_articles(table: pa.Table) -> list[Article]:
    articles = []
    for row in table.to_pylist():
        article = Article(
            text=row["text"],
            extra=json.loads(row["extra"] or "{}"),
            annotations=json.loads(row["annotations"] or "{}"),
            **{name: row[name] for name in ARTICLE_FIELDS},
        )
        if row["embedding"] is not None:
            article.embedding = np.asarray(row["embedding"], dtype=np.float32)
        articles.append(article)
    return articles


def embedding_model_of(table: pa.Table) -> str:
    models = {m for m in table.column("embedding_model").to_pylist() if m}
    return models.pop() if len(models) == 1 else ""


def save_article_rows(table: pa.Table, store: Store) -> int:
    """Store a batch of article rows with their annotations; articles already stored keep their row.

    This is the one path by which Parquet rows reach SQLite, used both by the Ray
    engine and by `parallax load`.
    """
    from parallax.ingest.dedup import Signature
    from parallax.ingest.run import content_hash

    articles = table_to_articles(table)
    with store.transaction():
        for article in articles:
            if store.add_article(article, content_hash(article.text)):
                # New to this store: its MinHash lets later inputs be linked to it as near-copies.
                store.save_minhash(article.id, Signature.of(article.text).to_bytes())
        store.save_annotations(articles, embedding_model=embedding_model_of(table))
    return len(articles)


class ArticleWriter:
    """Appends article batches to `articles.parquet`, one row group per batch."""

    def __init__(self, dataset: Path) -> None:
        pa = _pyarrow()
        dataset.mkdir(parents=True, exist_ok=True)
        self.path = dataset / ARTICLES_FILE
        self._writer = pa.parquet.ParquetWriter(self.path, article_schema())
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        self._writer.write_table(table.select(article_schema().names).cast(article_schema()))
        self.rows += table.num_rows

    def close(self) -> None:
        self._writer.close()

    def __enter__(self) -> ArticleWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_stories(
    dataset: Path, stories: Iterable[Story], stale: Iterable[bool] | None = None, rows_per_group: int = 16
) -> Path:
    """Write stories to `stories.parquet` a few at a time: a whole store's analysed stories can take
    gigabytes as Python objects (532 stories of 10,000 articles held them all at once before)."""
    pa = _pyarrow()
    dataset.mkdir(parents=True, exist_ok=True)
    schema = pa.schema(
        [("id", pa.string()), ("title", pa.string()), ("data", pa.string()), ("stale", pa.bool_())]
    )
    path = dataset / STORIES_FILE
    rows = zip(stories, stale, strict=True) if stale is not None else ((s, False) for s in stories)
    with pa.parquet.ParquetWriter(path, schema) as writer:
        while group := list(itertools.islice(rows, rows_per_group)):
            writer.write_table(
                pa.table(
                    {
                        "id": [s.id for s, _ in group],
                        "title": [s.title for s, _ in group],
                        "data": [json.dumps(s.to_dict(), ensure_ascii=False) for s, _ in group],
                        "stale": [bool(flag) for _, flag in group],
                    },
                    schema=schema,
                )
            )
    return path


def write_skipped(dataset: Path, skipped: Sequence[dict[str, Any]]) -> Path:
    pa = _pyarrow()
    dataset.mkdir(parents=True, exist_ok=True)
    table = pa.table(
        {
            "path": pa.array([s["path"] for s in skipped], pa.string()),
            "line": pa.array([s["line"] for s in skipped], pa.int64()),
            "reason": pa.array([s["reason"] for s in skipped], pa.string()),
            "at": pa.array([s["at"] for s in skipped], pa.string()),
        }
    )
    path = dataset / SKIPPED_FILE
    pa.parquet.write_table(table, path)
    return path


def export_stories(store: Store, dataset: Path) -> None:
    """Write the store's stories and skipped inputs beside the articles."""
    ids = store.story_ids()
    stale = set(store.story_ids(stale_only=True))
    write_stories(dataset, (store.get_story(i) for i in ids), [i in stale for i in ids])
    write_skipped(dataset, store.skipped())


def iter_article_tables(dataset: Path, batch_rows: int = 256) -> Iterator[pa.Table]:
    pa = _pyarrow()
    parquet = pa.parquet.ParquetFile(dataset / ARTICLES_FILE)
    for batch in parquet.iter_batches(batch_size=batch_rows):
        yield pa.Table.from_batches([batch])


@dataclass
class LoadResult:
    articles: int = 0
    stories: int = 0
    skipped: int = 0


def load_dataset(dataset: str | Path, store: Store, show_progress: bool = False) -> LoadResult:
    """Bring a Parquet dataset (as written by `parallax analyze --engine ray`) into `store`."""
    pa = _pyarrow()
    dataset = Path(dataset)
    if not (dataset / ARTICLES_FILE).is_file():
        raise ParallaxError(Msg.NOT_A_DATASET.format(path=dataset, file=ARTICLES_FILE))
    result = LoadResult()
    for table in progress(iter_article_tables(dataset), desc="load", unit="batch", enabled=show_progress):
        result.articles += save_article_rows(table, store)
    if (dataset / STORIES_FILE).is_file():
        stories = pa.parquet.read_table(dataset / STORIES_FILE).to_pylist()
        with store.transaction():
            for row in stories:
                store.save_story(Story.from_dict(json.loads(row["data"])), stale=bool(row["stale"]))
        result.stories = len(stories)
    if (dataset / SKIPPED_FILE).is_file():
        known = {(s["path"], s["line"], s["reason"]) for s in store.skipped()}
        for row in pa.parquet.read_table(dataset / SKIPPED_FILE).to_pylist():
            if (row["path"], row["line"], row["reason"]) not in known:
                store.record_skip(row["path"], row["line"], row["reason"])
                result.skipped += 1
    return result
