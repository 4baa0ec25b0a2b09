"""Small named stages, each declaring what it needs and what it adds.

Article stages run on batches of articles (spaCy and the sentence encoder are
much faster on batches) and fill `Article.annotations[layer]`. Story stages run
on one story with its articles and fill `Story` sections. `Pipeline` checks at
construction that every stage's needs are met by an earlier stage, so a
mis-ordered pipeline fails before it reads a single article.

No article or story can stop a run: an exception inside a stage is contained
(`run_article_stages`, `run_story_stages`). The article or story is kept and
marked with the stage and the reason; later stages that need what the failed
stage would have provided skip that article, and every other stage runs as usual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from parallax.errors import Msg, ParallaxError, failure_reason
from parallax.model import FAILURES_LAYER, Article, Story


@runtime_checkable
class ArticleStage(Protocol):
    # Read-only, so a stage may declare them as plain class attributes of any tuple length.
    @property
    def name(self) -> str: ...
    @property
    def requires(self) -> tuple[str, ...]: ...
    @property
    def provides(self) -> tuple[str, ...]: ...

    def __call__(self, articles: Sequence[Article]) -> None: ...


@runtime_checkable
class StoryStage(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def requires(self) -> tuple[str, ...]: ...  # article layers and story sections
    @property
    def provides(self) -> tuple[str, ...]: ...  # story sections

    def __call__(self, story: Story, articles: Sequence[Article]) -> None: ...


def check_order(stages: Sequence[ArticleStage | StoryStage], available: Iterable[str] = ()) -> None:
    have = set(available)
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise ParallaxError(Msg.DUPLICATE_STAGE.format(stage=stage.name))
        seen.add(stage.name)
        for need in stage.requires:
            if need not in have:
                raise ParallaxError(Msg.STAGE_MISSING.format(stage=stage.name, need=need))
        have.update(stage.provides)


# Layers an article has before any stage runs (set by ingest).
INGEST_PROVIDES = ("text", "metadata")


def default_article_stages() -> list[ArticleStage]:
    """The per-article stages, in order (see `parallax.annotate.registry`)."""
    from parallax.annotate.registry import article_stage_factories

    return [factory() for factory in article_stage_factories()]


def default_story_stages() -> list[StoryStage]:
    """The per-story stages, in order (see `parallax.compare.registry`)."""
    from parallax.compare.registry import story_stage_factories

    return [factory() for factory in story_stage_factories()]


def article_layers(stages: Sequence[ArticleStage]) -> tuple[str, ...]:
    return INGEST_PROVIDES + tuple(layer for stage in stages for layer in stage.provides)


def run_article_stages(stages: Sequence[ArticleStage], articles: Sequence[Article]) -> list[Article]:
    """Run every stage on the batch; return the articles on which some stage failed.

    A stage that raises on the batch is run again article by article, so one bad article
    costs only itself. A failed article records `{"stage", "reason", "layers"}` under
    `FAILURES_LAYER`, loses what the stage half-wrote, and skips the later stages that
    require one of the missing layers; what those would have added is listed as missing too,
    so story stages know every layer the article lacks.
    """
    check_order(stages, INGEST_PROVIDES)
    for article in articles:
        article.annotations.pop(FAILURES_LAYER, None)  # a fresh attempt
    for stage in stages:
        needs = set(stage.requires)
        ready = []
        for article in articles:
            if missing_layers(article) & needs:  # skipped: what this stage adds is missing too
                article.annotations[FAILURES_LAYER][-1]["layers"] += list(stage.provides)
            else:
                ready.append(article)
        for article, exc in _contained(stage, ready):
            for layer in stage.provides:
                article.annotations.pop(layer, None)
            if "embedding" in stage.provides:
                article.embedding = None
            if "doc" in stage.provides:
                article.doc = None
            article.annotations.setdefault(FAILURES_LAYER, []).append(
                {"stage": stage.name, "reason": failure_reason(exc), "layers": list(stage.provides)}
            )
    for article in articles:
        article.doc = None  # the spaCy Doc is transient: free it once the batch is done
    return [a for a in articles if a.annotations.get(FAILURES_LAYER)]


def _contained(stage: ArticleStage, batch: list[Article]) -> list[tuple[Article, Exception]]:
    """Run `stage` on `batch`; when it raises, again one article at a time to find which failed."""
    if not batch:
        return []
    try:
        stage(batch)
        return []
    except Exception as exc:
        if len(batch) == 1:
            return [(batch[0], exc)]
    failed: list[tuple[Article, Exception]] = []
    for article in batch:
        try:
            stage([article])
        except Exception as exc:
            failed.append((article, exc))
    return failed


def missing_layers(article: Article) -> set[str]:
    """The layers a failed stage did not provide for this article."""
    return {layer for failure in article.annotations.get(FAILURES_LAYER, ()) for layer in failure["layers"]}


def run_story_stages(stages: Sequence[StoryStage], story: Story, articles: Sequence[Article]) -> None:
    """Run on the story's articles; duplicates are passed too, flagged by `duplicate_of`.

    A stage sees only the articles that have the layers it requires. A stage that raises
    leaves its sections empty and is recorded in `story.failures`; the next stages run.
    """
    story.failures = []
    for stage in stages:
        needs = set(stage.requires)
        ready = [a for a in articles if not (missing_layers(a) & needs)]
        try:
            stage(story, ready)
        except Exception as exc:
            empty = Story(id=story.id, article_ids=[])
            for section in stage.provides:
                if section in Story.__dataclass_fields__ and section not in ("id", "article_ids"):
                    setattr(story, section, getattr(empty, section))
            story.failures.append({"stage": stage.name, "reason": failure_reason(exc)})
