"""The Python API. The CLI and the web app are thin views over these functions.

>>> import parallax
>>> result = parallax.analyze(["corpus/sample"], out="out/demo")
>>> result.paths["html"]
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parallax.ingest import IngestResult
from parallax.ingest import ingest as _ingest
from parallax.model import Story
from parallax.pipeline import (
    ArticleStage,
    StoryStage,
    article_layers,
    check_order,
    default_article_stages,
    default_story_stages,
    run_article_stages,
    run_story_stages,
)
from parallax.progress import progress
from parallax.store import Store


def open_store(db: str | Path | None = None) -> Store:
    """The store at `db`, or the user's default store."""
    return Store(db)


def ingest(sources: Iterable[str | Path], store: Store, show_progress: bool = False) -> IngestResult:
    return _ingest(sources, store, show_progress=show_progress)


def annotate(
    store: Store,
    stages: Sequence[ArticleStage] | None = None,
    batch_size: int = 64,
    show_progress: bool = False,
) -> int:
    """Run the per-article stages on every article that lacks a layer; return how many ran."""
    stages = list(stages) if stages is not None else default_article_stages()
    check_order(stages, ("text", "metadata"))
    todo = store.ids_missing_layers(article_layers(stages))
    bar = progress(range(0, len(todo), batch_size), desc="annotate", unit="batch", enabled=show_progress)
    embedder = next((getattr(s, "embedder", None) for s in stages if getattr(s, "embedder", None)), None)
    for start in bar:
        # Stored layers come along, so work done once (the embedding) is not done again.
        batch = list(store.iter_articles(todo[start : start + batch_size]))
        run_article_stages(stages, batch)
        store.save_annotations(batch, embedding_model=getattr(embedder, "name", ""))
    return len(todo)


def group(store: Store, full: bool = False) -> list[str]:
    """Attach new articles to stories (or rebuild all with `full`); return changed story ids."""
    from parallax.stories import assign_stories

    return assign_stories(store, full=full)


def analyze_stories(
    store: Store,
    story_ids: Sequence[str] | None = None,
    stages: Sequence[StoryStage] | None = None,
    show_progress: bool = False,
) -> int:
    """Run the per-story stages on the given (default: stale) stories and store the result."""
    stages = list(stages) if stages is not None else default_story_stages()
    ids = list(story_ids) if story_ids is not None else store.story_ids(stale_only=True)
    for story_id in progress(ids, desc="analyse", unit="story", enabled=show_progress):
        story = analyze_story(store, store.get_story(story_id), stages)
        store.save_story(story, stale=False)
    return len(ids)


def analyze_story(store: Store, story: Story, stages: Sequence[StoryStage] | None = None) -> Story:
    stages = list(stages) if stages is not None else default_story_stages()
    fresh = Story(id=story.id, article_ids=list(story.article_ids), title=story.title)
    articles = list(store.iter_articles(fresh.article_ids))
    run_story_stages(stages, fresh, articles)
    return fresh


def update(store: Store, full: bool = False, show_progress: bool = False) -> list[str]:
    """Bring the store up to date: annotate new articles, group them, analyse changed stories.

    `full` rebuilds every story and gives articles on which a stage failed another try.
    """
    if full:
        store.clear_article_failures()
    annotate(store, show_progress=show_progress)
    changed = group(store, full=full)
    analyze_stories(store, show_progress=show_progress)
    return changed


def failures(
    store: Store, article_ids: Collection[str] | None = None, story_ids: Collection[str] | None = None
) -> list[dict[str, Any]]:
    """Articles and stories on which a stage failed (contained; the run went on), with stage and reason.

    With ids, only those articles and stories (what one ingest added and changed); else all of them.
    """
    from parallax.report.build import collect_failures

    if article_ids is None and story_ids is None:
        return collect_failures(store, store.iter_stories())
    stored = set(store.story_ids())
    return collect_failures(
        store, [store.get_story(i) for i in story_ids or () if i in stored], set(article_ids or ())
    )


def delete_article(store: Store, article_id: str) -> str | None:
    """Remove an article from the store and re-analyse its story; return that story's id (None if gone)."""
    story_id = store.delete_article(article_id)
    if story_id is not None:
        analyze_stories(store, [story_id])
    return story_id


def merge_stories(store: Store, story_ids: Sequence[str]) -> str:
    """Make `story_ids` one story and analyse it; return its id.

    The merge is recorded, so `recluster` and later ingests keep these articles together.
    """
    from parallax.stories.edits import merge

    founder = store.get_story(story_ids[0]).article_ids[0] if story_ids else ""
    changed = merge(store, story_ids)
    analyze_stories(store, changed)
    return store.story_of(founder) or ""


def split_story(store: Store, story_id: str, article_ids: Sequence[str]) -> tuple[str, str]:
    """Move `article_ids` out of `story_id` into a story of their own; analyse both.

    Return (the moved articles' story, the story the others stay in). The split is recorded, so
    `recluster` and later ingests never put these articles back with the others.
    """
    from parallax.stories.edits import split

    staying = next((a for a in store.get_story(story_id).article_ids if a not in set(article_ids)), "")
    changed = split(store, story_id, article_ids)
    analyze_stories(store, changed)
    return store.story_of(article_ids[0]) or "", store.story_of(staying) or ""


def story_edits(store: Store) -> list[dict[str, Any]]:
    """Every merge and split recorded in the store, oldest first."""
    return store.story_edits()


def leaning_coverage(store: Store, story_id: str) -> dict[str, Any]:
    """A story's articles by the leaning your `outlets.json` gives their outlets, and the sides it misses.

    The file is found as the framing stage finds it (`PARALLAX_OUTLETS`, beside the inputs, or your
    config folder) and read now, so an edit to it shows without re-analysing anything.
    """
    from parallax.compare.outlets import find_outlets_file, leaning_coverage, load_outlets

    articles = list(store.iter_articles(store.get_story(story_id).article_ids, annotations=False))
    return leaning_coverage(articles, load_outlets(find_outlets_file(articles)))


def build_report(store: Store, story_ids: Sequence[str] | None = None) -> dict[str, Any]:
    from parallax.report import build_report as _build

    return _build(store, story_ids)


def write_report(report: dict[str, Any], out: str | Path, store: Store | None = None) -> dict[str, Path]:
    """report.json/.html/.md and a page per story in `out/stories/`; with `store`, the pages hold the articles' text."""
    from parallax.report import write_report as _write

    return _write(report, Path(out), store)


@dataclass
class AnalyzeResult:
    report: dict[str, Any]
    paths: dict[str, Path]
    ingested: IngestResult
    db: str
    story_ids: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[dict[str, Any]]:
        """Articles and stories on which a stage failed; each was kept and the run went on."""
        failed: list[dict[str, Any]] = self.report.get("failures", [])
        return failed


def analyze(
    sources: Iterable[str | Path],
    out: str | Path,
    db: str | Path | None = None,
    show_progress: bool = False,
) -> AnalyzeResult:
    """Ingest, annotate, group, analyse and write report.json/.html/.md into `out`.

    Without `db` the run keeps its own store at `out/parallax.db`, so a one-shot
    analysis never mixes with the user's main store.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    store = Store(db if db is not None else out / "parallax.db")
    try:
        result = ingest(sources, store, show_progress=show_progress)
        update(store, show_progress=show_progress)
        report = build_report(store)
        paths = write_report(report, out, store)
        return AnalyzeResult(report, paths, result, store.path, [s["id"] for s in report["stories"]])
    finally:
        store.close()
