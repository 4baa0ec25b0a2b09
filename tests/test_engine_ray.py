"""The Ray engine gives the local engine's report; Parquet datasets round-trip; `parallax load` works."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from parallax import api, cli
from parallax.engines import LocalEngine, get_engine
from parallax.engines.evaluate import comparable
from parallax.errors import ParallaxError
from parallax.model import Article, Story
from parallax.store import Store

pytest.importorskip("pyarrow")


def _article(article_id: str, text: str, vector: list[float] | None, **meta: Any) -> Article:
    article = Article(id=article_id, text=text, **meta)
    start = text.index(".") + 1 if "." in text else len(text)
    article.annotations = {
        "sentences": [{"start": 0, "end": start}],
        "mentions": [{"start": 0, "end": 6, "text": text[:6], "label": "PERSON"}],
    }
    article.embedding = None if vector is None else np.asarray(vector, dtype=np.float32)
    return article


def _hand_made_dataset(folder: Path) -> tuple[list[Article], Story]:
    from parallax.engines.dataset import ArticleWriter, articles_to_table, write_skipped, write_stories

    articles = [
        _article(
            "a1",
            "Mirela Voss said the bridge would reopen. Traffic resumed.",
            [0.6, 0.8, 0.0],
            source="Harbour Times",
            title="Bridge to reopen",
            published="2026-03-10",
            language="en",
            extra={"section": "city"},
        ),
        _article(
            "a2",
            "Mirela Voss confirmed the reopening. No date was set.",
            [0.0, 0.6, 0.8],
            source="Evening Lamp",
            published="2026-03-11",
            duplicate_of=None,
        ),
        _article(
            "a3",
            "Mirela Voss said the bridge would reopen. Traffic resumed.",
            None,
            source="Wire copy",
            duplicate_of="a1",
        ),
    ]
    story = Story(
        id="s1",
        article_ids=["a1", "a2", "a3"],
        title="Bridge to reopen",
        sources=["Evening Lamp", "Harbour Times"],
        first_published="2026-03-10",
    )
    story.claims = [{"id": "c1", "text": "the bridge would reopen", "sources": ["Harbour Times"]}]
    with ArticleWriter(folder) as writer:
        writer.write(articles_to_table(articles[:2], embedding_model="test-model"))
        writer.write(articles_to_table(articles[2:], embedding_model="test-model"))
    write_stories(folder, [story])
    write_skipped(
        folder,
        [{"path": "in/empty.txt", "line": None, "reason": "empty file", "at": "2026-03-12T00:00:00+00:00"}],
    )
    return articles, story


def test_article_rows_round_trip_exactly() -> None:
    from parallax.engines.dataset import articles_to_table, table_to_articles

    original = _article(
        "x", "Ana Kern wrote. Then she left.", [0.1, 0.2, 0.3], source="Daily", extra={"k": [1, "é"]}
    )
    original.annotations["quotes"] = [
        {"start": 0, "end": 3, "text": "Ana", "kind": "direct", "speaker": None}
    ]
    (back,) = table_to_articles(articles_to_table([original]))
    assert back.metadata() == original.metadata()
    assert back.text == original.text and back.extra == original.extra
    assert back.annotations == original.annotations
    assert back.embedding.dtype == np.float32
    assert back.embedding.tobytes() == original.embedding.tobytes()
    (none,) = table_to_articles(articles_to_table([Article(id="y", text="Short.")]))
    assert none.embedding is None and none.annotations == {}


def test_stories_are_written_a_few_at_a_time_and_load_back_in_order(tmp_path: Path) -> None:
    """The stories file is written in row groups (memory); every story and stale flag must come back."""
    from parallax.engines.dataset import load_dataset, write_stories

    _hand_made_dataset(tmp_path)  # the articles the stories name
    stories = [Story(id=f"s{n}", article_ids=["a1", "a2"], title=f"Story {n}") for n in range(5)]
    stale = [n % 2 == 0 for n in range(5)]
    write_stories(tmp_path, iter(stories), iter(stale), rows_per_group=2)
    with Store(":memory:") as store:
        load_dataset(tmp_path, store)
        assert store.story_ids() == [s.id for s in stories]
        assert store.story_ids(stale_only=True) == ["s0", "s2", "s4"]
        assert store.get_story("s3").title == "Story 3"


def test_load_cli_then_python_api(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dataset = tmp_path / "dataset"
    articles, story = _hand_made_dataset(dataset)
    db = tmp_path / "news.db"

    assert cli.main(["load", str(dataset), "--db", str(db), "--json", "-q"]) == 0
    outcome = json.loads(capsys.readouterr().out)
    assert outcome == {"db": str(db), "articles": 3, "stories": 1, "skipped": 1}

    with api.open_store(db) as store:
        assert store.article_ids() == ["a1", "a2", "a3"]  # ingest order kept
        a1 = store.get_article("a1")
        assert a1.annotations == articles[0].annotations
        assert a1.extra == {"section": "city"} and a1.source == "Harbour Times"
        assert store.get_article("a3").duplicate_of == "a1"
        assert store.embeddings(["a2"])[0].tobytes() == articles[1].embedding.tobytes()
        assert store.ids_missing_layers(["sentences", "mentions", "embedding"]) == ["a3"]  # a3 had no vector
        assert store.story_ids(stale_only=True) == []  # analysed stories stay analysed
        assert store.story_of("a2") == "s1"
        report = api.build_report(store)
    assert report["stories"][0]["claims"] == story.claims
    assert report["skipped"][0]["reason"] == "empty file"

    # Loading again adds nothing twice.
    assert cli.main(["load", str(dataset), "--db", str(db), "-q"]) == 0
    assert "loaded 3 articles, 1 story, 0 skipped" in capsys.readouterr().out
    with api.open_store(db) as store:
        assert store.count_articles() == 3 and len(store.skipped()) == 1


def test_load_rejects_a_folder_that_is_not_a_dataset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["load", str(tmp_path), "--db", str(tmp_path / "x.db"), "-q"]) == 1
    assert "is not a Parallax dataset" in capsys.readouterr().err


def test_engine_choice_and_missing_ray(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(get_engine("local"), LocalEngine)
    monkeypatch.setitem(sys.modules, "ray", None)  # what an install without the extra looks like
    from parallax.engines.ray_engine import import_ray

    with pytest.raises(ParallaxError, match=r"pip install 'parallax\[ray\]'"):
        import_ray()


@pytest.mark.ray
@pytest.mark.models
def test_ray_engine_gives_the_local_report(
    analyzed_sample: tuple[api.AnalyzeResult, Path], sample_dir: Path, tmp_path: Path
) -> None:
    ray = pytest.importorskip("ray")
    from parallax.engines.ray_engine import worker_env

    local, _ = analyzed_sample
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, runtime_env=worker_env())
    try:
        status = cli.main(
            ["analyze", str(sample_dir), "--out", str(tmp_path / "ray"), "--engine", "ray", "-q"]
        )
    finally:
        ray.shutdown()
    assert status in (0, 3)
    remote = json.loads((tmp_path / "ray" / "report.json").read_text("utf-8"))
    assert len(local.report["stories"]) >= 1
    assert comparable(remote) == comparable(local.report)

    # The dataset the Ray run wrote, loaded into an empty store, gives the same report again.
    with Store(tmp_path / "loaded.db") as store:
        from parallax.engines.dataset import load_dataset

        loaded = load_dataset(tmp_path / "ray" / "dataset", store)
        assert loaded.articles == len(local.report["articles"])
        assert comparable(api.build_report(store)) == comparable(local.report)
