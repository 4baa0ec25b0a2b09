"""Small named stages, each declaring what it needs and what it adds.

Article stages run on batches of articles (spaCy and the sentence encoder are
much faster on batches) and fill `Article.annotations[layer]`. Story stages run
on one story with its articles and fill `Story` sections. `Pipeline` checks at
construction that every stage's needs are met by an earlier stage, so a
mis-ordered pipeline fails before it reads a single article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from parallax.errors import Msg, ParallaxError
from parallax.model import Article, Story


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


def run_article_stages(stages: Sequence[ArticleStage], articles: Sequence[Article]) -> None:
    check_order(stages, INGEST_PROVIDES)
    for stage in stages:
        stage(articles)
    for article in articles:
        article.doc = None  # the spaCy Doc is transient: free it once the batch is done


def run_story_stages(stages: Sequence[StoryStage], story: Story, articles: Sequence[Article]) -> None:
    """Run on the story's articles; duplicates are passed too, flagged by `duplicate_of`."""
    for stage in stages:
        stage(story, articles)
