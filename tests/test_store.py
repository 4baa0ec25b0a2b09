"""The store: recorded migrations, idempotent writes, all-or-nothing transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from parallax.errors import ParallaxError
from parallax.model import Article, Story
from parallax.store import Store
from parallax.store.migrations import MIGRATIONS, Migration


def _article(i: int, text: str | None = None) -> Article:
    return Article(
        id=f"a{i}", text=text or f"Body of article number {i}.", source=f"Outlet {i % 2}", title=f"T{i}"
    )


def test_migrations_are_recorded_and_not_reapplied(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Store(db) as store:
        assert store.schema_version() == max(m.version for m in MIGRATIONS)
        names = [r[0] for r in store.conn.execute("SELECT name FROM migrations ORDER BY version")]
        assert names == [m.name for m in sorted(MIGRATIONS, key=lambda m: m.version)]
    with Store(db) as store:  # reopening applies nothing twice
        assert store.migrate() == []


def test_a_new_migration_is_applied_once_on_open(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    Store(db).close()
    extra = [*MIGRATIONS, Migration(999, "add a note column", "ALTER TABLE articles ADD COLUMN note TEXT")]
    with Store(db, migrations=extra) as store:
        assert store.schema_version() == 999
        cols = [r[1] for r in store.conn.execute("PRAGMA table_info(articles)")]
        assert "note" in cols


def test_a_database_from_a_newer_parallax_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    extra = [*MIGRATIONS, Migration(999, "future", "CREATE TABLE future (x)")]
    Store(db, migrations=extra).close()
    with pytest.raises(ParallaxError, match="newer than this Parallax knows"):
        Store(db)


def test_adding_the_same_article_twice_stores_it_once(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        assert store.add_article(_article(1), "h1") is True
        assert store.add_article(_article(1), "h1") is False
        assert store.count_articles() == 1
        assert store.article_by_hash("h1") == "a1"


def test_a_failed_batch_leaves_no_partial_article(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        store.add_article(_article(1), "h1")
        with pytest.raises(RuntimeError), store.transaction():
            store.add_article(_article(2), "h2")
            raise RuntimeError("crash mid-batch")
        assert store.article_ids() == ["a1"]


def test_committed_articles_survive_a_connection_that_dies(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    store = Store(db)
    store.add_article(_article(1), "h1")
    store.conn.execute("BEGIN IMMEDIATE")
    store.conn.execute(
        "INSERT INTO articles (id, text, content_hash, extra, ingested_at) VALUES ('half', 'x', 'h', '{}', 'now')"
    )
    store.conn.close()  # killed before COMMIT
    with Store(db) as again:
        assert again.article_ids() == ["a1"]


def test_annotations_and_embeddings_round_trip(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        article = _article(1)
        store.add_article(article, "h1")
        article.annotations["sentences"] = [{"start": 0, "end": 7}]
        article.embedding = np.arange(4, dtype=np.float32)
        store.save_annotations([article], embedding_model="test")
        back = store.get_article("a1")
        assert back.annotations == {"sentences": [{"start": 0, "end": 7}]}
        assert back.embedding is not None
        assert back.embedding.tolist() == [0.0, 1.0, 2.0, 3.0]
        assert store.ids_missing_layers(["sentences", "embedding"]) == []
        assert store.ids_missing_layers(["sentences", "quotes"]) == ["a1"]
        assert store.embeddings(["a1"]).shape == (1, 4)


def test_stories_replace_membership(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        for i in range(3):
            store.add_article(_article(i), f"h{i}")
        store.save_story(Story(id="s1", article_ids=["a0", "a1"], title="One"), stale=True)
        assert store.story_ids(stale_only=True) == ["s1"]
        assert store.unassigned_article_ids() == ["a2"]
        store.replace_stories([Story(id="s2", article_ids=["a0", "a1", "a2"])])
        assert store.story_ids() == ["s2"]
        assert store.story_of("a1") == "s2"
        with pytest.raises(ParallaxError, match="no story with id 's1'"):
            store.get_story("s1")


def test_deleting_an_article_cascades(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        article = _article(1)
        store.add_article(article, "h1")
        article.annotations["sentences"] = []
        store.save_annotations([article])
        store.conn.execute("DELETE FROM articles WHERE id = 'a1'")
        assert store.conn.execute("SELECT COUNT(*) FROM annotations").fetchone()[0] == 0


def test_the_store_is_plain_sqlite(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Store(db) as store:
        store.add_article(_article(1), "h1")
    rows = sqlite3.connect(db).execute("SELECT id, source FROM articles").fetchall()
    assert rows == [("a1", "Outlet 1")]


def test_relinking_a_copy_marks_its_story_for_reanalysis(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        for i in range(2):
            store.add_article(_article(i), f"h{i}")
        store.save_story(Story(id="s1", article_ids=["a0", "a1"]), stale=False)
        assert store.story_ids(stale_only=True) == []
        store.set_duplicate_of("a1", "a0")
        assert store.story_ids(stale_only=True) == ["s1"]
        assert store.article_dates(["a1", "a0"]) == [("a1", None, "a0"), ("a0", None, None)]


def test_saving_an_analysed_story_keeps_its_place(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        for i in range(3):
            store.add_article(Article(id=f"a{i}", text=f"text {i}"), f"h{i}")
        for sid, members in (("s1", ["a0", "a1"]), ("s2", ["a2"])):
            store.save_story(Story(id=sid, article_ids=members), stale=True)
        # The Ray engine stores results as they come back: s1 last, as if it were the slowest.
        store.save_story(Story(id="s2", article_ids=["a2"], title="two"), stale=False)
        store.save_story(Story(id="s1", article_ids=["a0", "a1"], title="one"), stale=False)
        assert store.story_ids() == ["s1", "s2"]
        assert store.story_ids(stale_only=True) == []
        assert store.get_story("s1").title == "one"


def test_an_article_a_stage_failed_on_is_listed_and_not_retried_until_cleared(tmp_path: Path) -> None:
    from parallax.model import FAILURES_LAYER

    with Store(tmp_path / "p.db") as store:
        for i in range(2):
            store.add_article(_article(i), f"h{i}")
        bad = store.get_article("a1")
        bad.annotations[FAILURES_LAYER] = [
            {"stage": "claims", "reason": "ValueError: x", "layers": ["claims"]}
        ]
        store.save_annotations([bad])
        assert store.ids_missing_layers(["claims"]) == ["a0"]
        assert store.article_failures() == [
            {"kind": "article", "id": "a1", "path": None, "stage": "claims", "reason": "ValueError: x"}
        ]
        assert store.clear_article_failures() == 1
        assert store.ids_missing_layers(["claims"]) == ["a0", "a1"]
        assert store.article_failures() == []


def test_removing_an_article_updates_its_story_and_unlinks_its_copies(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        for i in range(3):
            store.add_article(_article(i), f"h{i}")
        store.set_duplicate_of("a2", "a0")
        store.save_story(Story(id="s1", article_ids=["a0", "a1"]), stale=False)
        store.save_story(Story(id="s2", article_ids=["a2"]), stale=False)
        assert store.delete_article("a0") == "s1"
        assert not store.has_article("a0")
        assert store.get_story("s1").article_ids == ["a1"]
        assert store.story_ids(stale_only=True) == ["s1"]
        assert store.get_article("a2").duplicate_of is None
        assert store.search("Body") and all(r["article_id"] != "a0" for r in store.search("Body"))
        assert store.delete_article("a2") is None  # its story had no other article: gone too
        assert store.story_ids() == ["s1"]
        with pytest.raises(ParallaxError, match="no article with id 'a9'"):
            store.delete_article("a9")


def test_migration_3_adds_story_edits_to_an_older_store_and_keeps_them_in_order(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    old = Store(db, migrations=[m for m in MIGRATIONS if m.version <= 2])
    old.add_article(_article(1), "h1")
    assert old.conn.execute("SELECT name FROM sqlite_master WHERE name = 'story_edits'").fetchone() is None
    old.close()
    with Store(db) as store:  # upgraded on open; the stored article is untouched
        assert store.schema_version() >= 3 and store.has_article("a1")
        first = store.record_story_edit("merge", ["a1", "a2", "a3"])
        second = store.record_story_edit("split", ["a3"], ["a1", "a2"])
        assert second > first
        edits = store.story_edits()
        assert [(e["kind"], e["articles"], e["others"]) for e in edits] == [
            ("merge", ["a1", "a2", "a3"], []),
            ("split", ["a3"], ["a1", "a2"]),
        ]
        with pytest.raises(sqlite3.IntegrityError):  # only the two kinds re-apply
            store.record_story_edit("shuffle", ["a1"])
        store.delete_article("a1")  # an edit outlives the articles it names (they are skipped)
        assert len(store.story_edits()) == 2


def test_upload_paths_are_relabelled_with_the_users_file_names(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        for i, path in enumerate(
            ("/tmp/up-x/001/feed.jsonl:3", "/tmp/up-x/0010/other.txt", "/elsewhere/a.txt")
        ):
            article = _article(i)
            article.path = path
            store.add_article(article, f"h{i}")
        store.record_skip("/tmp/up-x/001/feed.jsonl", 7, "malformed JSON at line 7")
        assert store.relabel_paths("/tmp/up-x/001/feed.jsonl", "My feed.jsonl") == 2
        paths = [store.get_article(f"a{i}").path for i in range(3)]
        assert paths == ["My feed.jsonl:3", "/tmp/up-x/0010/other.txt", "/elsewhere/a.txt"]
        assert [s["path"] for s in store.skipped()] == ["My feed.jsonl"]
