"""SQLite storage for articles, their annotations, embeddings and stories.

Writes happen in short transactions, so a crash or Ctrl-C loses at most the
batch in flight and never leaves a half-written article. Adding an article that
is already stored is a no-op, which makes ingest idempotent.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from parallax.errors import Msg, NotFound, ParallaxError
from parallax.model import ARTICLE_FIELDS, FAILURES_LAYER, Article, Story
from parallax.store.migrations import MIGRATIONS, Migration


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("parallax", appauthor=False)) / "parallax.db"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: str | Path | None = None, migrations: Sequence[Migration] = MIGRATIONS) -> None:
        if path is None:
            path = default_db_path()
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self._depth = 0
        self.migrate(migrations)

    # -- housekeeping -------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Nested calls join the outer transaction; the outermost commits or rolls back."""
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.conn.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            self.conn.execute("COMMIT")

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        applied = {row[0] for row in self.conn.execute("SELECT version FROM migrations")}
        known = max((m.version for m in migrations), default=0)
        if applied and max(applied) > known:
            raise ParallaxError(Msg.DB_NEWER.format(path=self.path, found=max(applied), known=known))
        done = []
        for migration in sorted(migrations, key=lambda m: m.version):
            if migration.version in applied:
                continue
            with self.transaction() as conn:
                for statement in _statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, _now()),
                )
            done.append(migration.version)
        return done

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM migrations").fetchone()
        return int(row[0] or 0)

    # -- articles -----------------------------------------------------------------------------

    def add_article(self, article: Article, content_hash: str) -> bool:
        """Store an article; False if one with that id is already stored (idempotent ingest)."""
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO articles (id, source, title, author, published, language, url, path,"
                " duplicate_of, text, content_hash, extra, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.source,
                    article.title,
                    article.author,
                    article.published,
                    article.language,
                    article.url,
                    article.path,
                    article.duplicate_of,
                    article.text,
                    content_hash,
                    json.dumps(article.extra, ensure_ascii=False),
                    _now(),
                ),
            )
            return cur.rowcount == 1

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def article_by_hash(self, content_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY rowid LIMIT 1", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def set_duplicate_of(self, article_id: str, original_id: str | None) -> None:
        """Relink a copy; its story is marked stale, since its sources just changed."""
        with self.transaction() as conn:
            conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (original_id, article_id))
            conn.execute(
                "UPDATE stories SET stale = 1 WHERE id IN (SELECT story_id FROM story_articles WHERE article_id = ?)",
                (article_id,),
            )

    def article_dates(self, ids: Sequence[str] | None = None) -> list[tuple[str, str | None, str | None]]:
        """(id, published, duplicate_of) in ingest order: what grouping and dedup need, without the text."""
        if ids is None:
            sql = "SELECT id, published, duplicate_of FROM articles ORDER BY rowid"
            return [(r[0], r[1], r[2]) for r in self.conn.execute(sql)]
        found: dict[str, tuple[str, str | None, str | None]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, published, duplicate_of FROM articles WHERE id IN ({marks})"
            found.update({r[0]: (r[0], r[1], r[2]) for r in self.conn.execute(sql, chunk)})
        return [found[i] for i in ids if i in found]

    def article_languages(self, ids: Sequence[str]) -> list[str | None]:
        """The language of each article of `ids`, in that order (None where unknown)."""
        found: dict[str, str | None] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(f"SELECT id, language FROM articles WHERE id IN ({marks})", chunk))
        return [found.get(i) for i in ids]

    def layer(self, ids: Sequence[str], layer: str) -> dict[str, Any]:
        """One annotation layer of many articles, without loading their texts."""
        out: dict[str, Any] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT article_id, data FROM annotations WHERE layer = ? AND article_id IN ({marks})"
            out.update({r[0]: json.loads(r[1]) for r in self.conn.execute(sql, [layer, *chunk])})
        return out

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY rowid")]

    def get_article(self, article_id: str, annotations: bool = True) -> Article:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(Msg.NO_ARTICLE.format(article_id=article_id))
        article = _article_from_row(row)
        if annotations:
            self._attach([article])
        return article

    def iter_articles(
        self, ids: Iterable[str] | None = None, annotations: bool = True, batch_size: int = 500
    ) -> Iterator[Article]:
        """Articles in ingest order (or in the order of `ids`), read in batches to bound memory."""
        if ids is None:
            ids = self.article_ids()
        ids = list(ids)
        for i in range(0, len(ids), batch_size):
            chunk = ids[i : i + batch_size]
            marks = ",".join("?" * len(chunk))
            rows = {
                r["id"]: r for r in self.conn.execute(f"SELECT * FROM articles WHERE id IN ({marks})", chunk)
            }
            articles = [_article_from_row(rows[a]) for a in chunk if a in rows]
            if annotations:
                self._attach(articles)
            yield from articles

    def _attach(self, articles: list[Article]) -> None:
        if not articles:
            return
        by_id = {a.id: a for a in articles}
        marks = ",".join("?" * len(by_id))
        for row in self.conn.execute(
            f"SELECT article_id, layer, data FROM annotations WHERE article_id IN ({marks})", list(by_id)
        ):
            by_id[row[0]].annotations[row[1]] = json.loads(row[2])
        for row in self.conn.execute(
            f"SELECT article_id, vector FROM embeddings WHERE article_id IN ({marks})", list(by_id)
        ):
            by_id[row[0]].embedding = np.frombuffer(row[1], dtype=np.float32).copy()

    def save_annotations(self, articles: Sequence[Article], embedding_model: str = "") -> None:
        """All layers of a batch in one transaction: an article is annotated wholly or not at all."""
        with self.transaction() as conn:
            for article in articles:
                conn.executemany(
                    "INSERT OR REPLACE INTO annotations (article_id, layer, data) VALUES (?, ?, ?)",
                    [
                        (article.id, layer, json.dumps(data, ensure_ascii=False))
                        for layer, data in article.annotations.items()
                    ],
                )
                if article.embedding is not None:
                    conn.execute(
                        "INSERT OR REPLACE INTO embeddings (article_id, model, vector) VALUES (?, ?, ?)",
                        (
                            article.id,
                            embedding_model,
                            np.asarray(article.embedding, dtype=np.float32).tobytes(),
                        ),
                    )

    def ids_missing_layers(self, layers: Sequence[str]) -> list[str]:
        """Articles lacking any of `layers` (ingest-provided layers are ignored).

        An article on which a stage failed lacks layers for good: it is not asked for again
        until `clear_article_failures` (a full recluster) gives it another try.
        """
        failed = set(self.failed_article_ids())
        return [a for a in self._ids_missing_layers(layers) if a not in failed]

    def _ids_missing_layers(self, layers: Sequence[str]) -> list[str]:
        stored = [layer for layer in layers if layer not in ("text", "metadata", "doc", "embedding")]
        missing: list[str] = []
        if stored:
            marks = ",".join("?" * len(stored))
            missing = [
                r[0]
                for r in self.conn.execute(
                    f"SELECT a.id FROM articles a WHERE (SELECT COUNT(*) FROM annotations n"
                    f" WHERE n.article_id = a.id AND n.layer IN ({marks})) < ? ORDER BY a.rowid",
                    [*stored, len(stored)],
                )
            ]
        if "embedding" in layers:
            seen = set(missing)
            missing += [
                r[0]
                for r in self.conn.execute(
                    "SELECT a.id FROM articles a LEFT JOIN embeddings e ON e.article_id = a.id"
                    " WHERE e.article_id IS NULL ORDER BY a.rowid"
                )
                if r[0] not in seen
            ]
        return missing

    # -- contained stage failures -------------------------------------------------------------

    def failed_article_ids(self) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT a.id FROM articles a JOIN annotations n ON n.article_id = a.id AND n.layer = ?"
                " ORDER BY a.rowid",
                (FAILURES_LAYER,),
            )
        ]

    def article_failures(self) -> list[dict[str, Any]]:
        """Every article on which a stage failed: id, path, stage and reason, in ingest order."""
        rows = self.conn.execute(
            "SELECT a.id, a.path, n.data FROM articles a JOIN annotations n ON n.article_id = a.id"
            " AND n.layer = ? ORDER BY a.rowid",
            (FAILURES_LAYER,),
        )
        return [
            {"kind": "article", "id": r[0], "path": r[1], "stage": f["stage"], "reason": f["reason"]}
            for r in rows
            for f in json.loads(r[2])
        ]

    def clear_article_failures(self) -> int:
        """Forget recorded article failures, so the next `annotate` tries those articles again."""
        with self.transaction() as conn:
            return int(conn.execute("DELETE FROM annotations WHERE layer = ?", (FAILURES_LAYER,)).rowcount)

    def delete_article(self, article_id: str) -> str | None:
        """Remove an article and everything derived from it; return the story it was in (now stale).

        Its copies stay, unlinked; a story left without articles is removed.
        """
        if not self.has_article(article_id):
            raise NotFound(Msg.NO_ARTICLE.format(article_id=article_id))
        story_id = self.story_of(article_id)
        with self.transaction() as conn:
            conn.execute("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of = ?", (article_id,))
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            if story_id is None:
                return None
            story = self.get_story(story_id)
            story.article_ids = [a for a in story.article_ids if a != article_id]
            if not story.article_ids:
                conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
                return None
            self.save_story(story, stale=True)
        return story_id

    def embeddings(self, ids: Sequence[str]) -> np.ndarray:
        """Stored vectors in the order of `ids` (rows of zeros where none is stored)."""
        out: np.ndarray | None = None
        index = {a: i for i, a in enumerate(ids)}
        for i in range(0, len(ids), 900):
            chunk = list(ids[i : i + 900])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT article_id, vector FROM embeddings WHERE article_id IN ({marks})", chunk
            ):
                vec = np.frombuffer(row[1], dtype=np.float32)
                if out is None:
                    out = np.zeros((len(ids), vec.shape[0]), dtype=np.float32)
                out[index[row[0]]] = vec
        return out if out is not None else np.zeros((len(ids), 0), dtype=np.float32)

    # -- near-duplicate signatures ------------------------------------------------------------

    def save_minhash(self, article_id: str, signature: bytes) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO minhashes (article_id, signature) VALUES (?, ?)",
                (article_id, signature),
            )

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        for row in self.conn.execute("SELECT article_id, signature FROM minhashes ORDER BY rowid"):
            yield row[0], row[1]

    # -- stories ------------------------------------------------------------------------------

    def save_story(self, story: Story, stale: bool = False) -> None:
        """Insert or update a story; an update keeps the story's place in `story_ids()`.

        So stories analysed in any order (Ray finishes them as they come) list as when analysed in order.
        """
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO stories (id, title, data, stale, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET title = excluded.title, data = excluded.data,"
                " stale = excluded.stale, updated_at = excluded.updated_at",
                (story.id, story.title, json.dumps(story.to_dict(), ensure_ascii=False), int(stale), _now()),
            )
            conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
            conn.executemany(
                "INSERT OR REPLACE INTO story_articles (article_id, story_id) VALUES (?, ?)",
                [(a, story.id) for a in story.article_ids],
            )

    def replace_stories(self, stories: Sequence[Story]) -> None:
        """Swap the whole grouping in one transaction (used by a full recluster)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM story_articles")
            conn.execute("DELETE FROM stories")
            for story in stories:
                self.save_story(story, stale=True)

    def delete_story(self, story_id: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def get_story(self, story_id: str) -> Story:
        row = self.conn.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFound(Msg.NO_STORY.format(story_id=story_id))
        return Story.from_dict(json.loads(row[0]))

    def iter_stories(self) -> Iterator[Story]:
        for row in self.conn.execute("SELECT data FROM stories ORDER BY rowid"):
            yield Story.from_dict(json.loads(row[0]))

    def story_ids(self, stale_only: bool = False) -> list[str]:
        sql = "SELECT id FROM stories" + (" WHERE stale = 1" if stale_only else "") + " ORDER BY rowid"
        return [r[0] for r in self.conn.execute(sql)]

    def story_titles(self) -> list[dict[str, Any]]:
        """id, title, first publication date and size of every story, without reading their sections."""
        rows = self.conn.execute(
            "SELECT s.id, s.title, json_extract(s.data, '$.first_published'),"
            " (SELECT COUNT(*) FROM story_articles m WHERE m.story_id = s.id) FROM stories s ORDER BY s.rowid"
        )
        return [{"id": r[0], "title": r[1], "first_published": r[2], "articles": r[3]} for r in rows]

    def story_membership(self) -> dict[str, str]:
        """article id -> story id, for every grouped article."""
        return dict(self.conn.execute("SELECT article_id, story_id FROM story_articles").fetchall())

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def unassigned_article_ids(self) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
                " WHERE s.article_id IS NULL ORDER BY a.rowid"
            )
        ]

    # -- merges and splits a user made ------------------------------------------------------

    def record_story_edit(self, kind: str, articles: Sequence[str], others: Sequence[str] = ()) -> int:
        """Keep a merge (`articles`: every article of the merged stories) or a split (`articles` moved
        out, away from `others`), so later groupings re-apply it; return its number."""
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO story_edits (kind, articles, others, at) VALUES (?, ?, ?, ?)",
                (kind, json.dumps(list(articles)), json.dumps(list(others)), _now()),
            )
            return int(cur.lastrowid or 0)

    def story_edits(self) -> list[dict[str, Any]]:
        """Every recorded merge and split, oldest first (the order they are re-applied in)."""
        return [
            {
                "id": r[0],
                "kind": r[1],
                "articles": json.loads(r[2]),
                "others": json.loads(r[3]),
                "at": r[4],
            }
            for r in self.conn.execute("SELECT id, kind, articles, others, at FROM story_edits ORDER BY id")
        ]

    def relabel_paths(self, old_prefix: str, new_prefix: str) -> int:
        """Show `new_prefix` where articles' and skipped inputs' paths start with `old_prefix`.

        The web app saves an upload under a server path; this puts back the name the user gave it,
        keeping any `:LINE` or `#ENTRY` after it.
        """
        cut = len(old_prefix) + 1
        with self.transaction() as conn:
            changed = 0
            for table in ("articles", "skipped"):
                changed += conn.execute(
                    f"UPDATE {table} SET path = ? || substr(path, ?) WHERE substr(path, 1, ?) = ?",
                    (new_prefix, cut, len(old_prefix), old_prefix),
                ).rowcount
            return changed

    # -- full-text search -------------------------------------------------------------------

    def search(self, q: str, limit: int = 50) -> list[dict[str, Any]]:
        """Articles matching the words of `q`, best first, each with a snippet and the hits' offsets in it.

        Words are matched accent- and case-insensitively; the query is never parsed as FTS5 syntax,
        so any input is safe and none raises.
        """
        query = fts_query(q)
        if not query:
            return []
        rows = self.conn.execute(
            "SELECT a.id, a.source, a.title, a.published, a.path, a.duplicate_of,"
            f" snippet(articles_fts, 1, '{_HIT_OPEN}', '{_HIT_CLOSE}', '…', 24) AS snip,"
            " bm25(articles_fts, 5.0, 1.0, 2.0) AS score"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY score LIMIT ?",
            (query, limit),
        ).fetchall()
        results = []
        for row in rows:
            snippet, hits = _snippet(row["snip"] or "")
            results.append(
                {
                    "article_id": row["id"],
                    "source": row["source"],
                    "title": row["title"],
                    "published": row["published"],
                    "path": row["path"],
                    "duplicate_of": row["duplicate_of"],
                    "story_id": self.story_of(row["id"]),
                    "snippet": snippet,
                    "hits": hits,
                    "score": -float(row["score"]),
                }
            )
        return results

    # -- skipped inputs -----------------------------------------------------------------------

    def record_skip(self, path: str, line: int | None, reason: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO skipped (path, line, reason, at) VALUES (?, ?, ?, ?)",
                (path, line, reason, _now()),
            )

    def skipped(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT path, line, reason, at FROM skipped ORDER BY id")]


def _article_from_row(row: sqlite3.Row) -> Article:
    fields = {name: row[name] for name in ARTICLE_FIELDS}
    return Article(text=row["text"], extra=json.loads(row["extra"]), **fields)


def _chunks(ids: Sequence[str], size: int = 900) -> Iterator[list[str]]:
    """SQLite caps bound parameters; ask in chunks."""
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _statements(sql: str) -> list[str]:
    """Split a migration into statements; a trigger body's inner `;` does not end its statement."""
    statements, buffer = [], ""
    for piece in sql.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n\t;"):
                statements.append(buffer.strip().rstrip(";").strip())
            buffer = ""
    if buffer.strip(" \n\t;"):
        statements.append(buffer.strip().rstrip(";").strip())
    return statements


# Snippet markers: control characters that cannot occur in stored text, turned into offsets.
_HIT_OPEN, _HIT_CLOSE = "\x02", "\x03"


def fts_query(text: str) -> str:
    """A user's words as a safe FTS5 query: every word quoted (no operator can be injected), all required,
    words the user put in double quotes kept together as a phrase, and a last bare word matched as a
    prefix so results appear while typing."""
    import re

    parts: list[str] = []
    for phrase, bare in re.findall(r'"([^"]*)"|([^"]+)', text):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        else:
            parts.extend(f'"{w}"' for w in re.findall(r"\w+", bare))
    if parts and not text.rstrip().endswith('"'):
        parts[-1] += "*"
    return " ".join(parts)


def _snippet(marked: str) -> tuple[str, list[list[int]]]:
    """Strip the hit markers from an FTS5 snippet; return the plain text and the hits' offsets in it."""
    plain: list[str] = []
    hits: list[list[int]] = []
    length = 0
    for char in marked:
        if char == _HIT_OPEN:
            hits.append([length, length])
        elif char == _HIT_CLOSE:
            if hits:
                hits[-1][1] = length
        else:
            plain.append(char)
            length += 1
    return "".join(plain), hits
