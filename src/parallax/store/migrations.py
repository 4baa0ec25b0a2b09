"""Schema changes, recorded. Never edit an applied migration: append a new one.

Each migration runs in its own transaction and is recorded in `migrations`, so a
database is always at a known version and an upgrade resumes where it stopped.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: list[Migration] = [
    Migration(
        1,
        "initial schema: articles, annotations, embeddings, minhashes, stories, skipped inputs",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT,
            title TEXT,
            author TEXT,
            published TEXT,
            language TEXT,
            url TEXT,
            path TEXT,
            duplicate_of TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}',
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_content_hash ON articles(content_hash);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE annotations (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (article_id, layer)
        );
        CREATE TABLE embeddings (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            vector BLOB NOT NULL
        );
        CREATE TABLE minhashes (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            data TEXT NOT NULL,
            stale INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE skipped (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            line INTEGER,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        """,
    ),
]

# Full-text search over articles (title, text, outlet), kept in step by triggers. Diacritics are
# folded so "Breznik" finds "Brezník". An external-content table: the text is not stored twice.
MIGRATIONS.append(
    Migration(
        2,
        "full-text search: articles_fts (FTS5 over title, text, source) with triggers and backfill",
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, source,
            content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text, source) VALUES (new.rowid, new.title, new.text, new.source);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text, source)
            VALUES ('delete', old.rowid, old.title, old.text, old.source);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, source ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text, source)
            VALUES ('delete', old.rowid, old.title, old.text, old.source);
            INSERT INTO articles_fts(rowid, title, text, source) VALUES (new.rowid, new.title, new.text, new.source);
        END;
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
        """,
    )
)

# Merges and splits a user made (web app, CLI, API), kept so `recluster` and later ingests honour
# them: `articles` is the merged set (merge) or the moved articles (split); `others` the articles
# they were split from. Ids, not foreign keys: an edit outlives a removed article and simply skips it.
MIGRATIONS.append(
    Migration(
        3,
        "story edits: merges and splits users made, re-applied after every grouping",
        """
        CREATE TABLE story_edits (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
            articles TEXT NOT NULL,
            others TEXT NOT NULL DEFAULT '[]',
            at TEXT NOT NULL
        );
        """,
    )
)
