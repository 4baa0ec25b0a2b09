"""Stages declare what they need and add; the order is checked before any article is read."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from parallax.errors import ParallaxError
from parallax.model import Article, Story
from parallax.pipeline import check_order, default_article_stages, default_story_stages, run_article_stages


class Words:
    name = "words"
    requires = ("text",)
    provides = ("words",)

    def __call__(self, articles: Sequence[Article]) -> None:
        for a in articles:
            a.annotations["words"] = a.text.split()


class Count:
    name = "count"
    requires = ("words",)
    provides = ("count",)

    def __call__(self, articles: Sequence[Article]) -> None:
        for a in articles:
            a.annotations["count"] = len(a.annotations["words"])


def test_stages_run_in_order_and_fill_layers() -> None:
    articles = [Article(id="a", text="one two three"), Article(id="b", text="four")]
    run_article_stages([Words(), Count()], articles)
    assert [a.annotations["count"] for a in articles] == [3, 1]


def test_a_stage_whose_need_is_unmet_is_refused() -> None:
    with pytest.raises(ParallaxError, match="stage 'count' needs 'words'"):
        check_order([Count(), Words()], ("text",))


def test_two_stages_with_one_name_are_refused() -> None:
    with pytest.raises(ParallaxError, match="two stages are both named 'words'"):
        check_order([Words(), Words()], ("text",))


def test_the_default_pipelines_are_well_ordered() -> None:
    article_stages = default_article_stages()
    check_order(article_stages, ("text", "metadata"))
    layers = {layer for s in article_stages for layer in s.provides} | {"text", "metadata"}
    check_order(default_story_stages(), layers)
    assert {"sentences", "mentions", "embedding"} <= layers


def test_story_roundtrips_through_dict() -> None:
    story = Story(id="s", article_ids=["a"], title="T", sources=["X"])
    story.quotes.append({"text": "hi", "evidence": [{"article_id": "a", "start": 0, "end": 2}]})
    assert Story.from_dict(story.to_dict()) == story


class Fragile:
    """Raises on any article whose text holds 'boom', the way a real stage trips on one odd input."""

    name = "fragile"
    requires = ("words",)
    provides = ("fragile",)

    def __call__(self, articles: Sequence[Article]) -> None:
        for a in articles:
            a.annotations["fragile"] = "half-written"
            if "boom" in a.annotations["words"]:
                raise ValueError("could not convert 'boom'")


class NeedsFragile:
    name = "needs_fragile"
    requires = ("fragile",)
    provides = ("after",)

    def __call__(self, articles: Sequence[Article]) -> None:
        for a in articles:
            a.annotations["after"] = a.annotations["fragile"] + "!"


def test_a_failing_article_is_marked_and_the_rest_of_its_batch_goes_on() -> None:
    from parallax.model import FAILURES_LAYER

    articles = [
        Article(id="a", text="one two"),
        Article(id="b", text="it went boom"),
        Article(id="c", text="x"),
    ]
    failed = run_article_stages([Words(), Fragile(), NeedsFragile(), Count()], articles)
    assert [a.id for a in failed] == ["b"]
    a, b, c = articles
    assert a.annotations["after"] == c.annotations["after"] == "half-written!"
    [failure] = b.annotations[FAILURES_LAYER]
    assert failure["stage"] == "fragile"
    assert failure["layers"] == ["fragile", "after"]  # and what the stage it skipped would have added
    assert failure["reason"].startswith("ValueError: could not convert 'boom'")
    assert "fragile" not in b.annotations  # what the stage half-wrote is dropped
    assert "after" not in b.annotations  # the stage needing the missing layer skipped it
    assert b.annotations["count"] == 3  # a stage that does not need it still ran
    # A second attempt starts clean: once the input is fine, the mark goes.
    b.text, b.annotations = "fine now", {}
    assert run_article_stages([Words(), Fragile(), NeedsFragile()], [b]) == []
    assert FAILURES_LAYER not in b.annotations and b.annotations["after"] == "half-written!"


class Titles:
    name = "titles"
    requires = ("metadata",)
    provides = ("title",)

    def __call__(self, story: Story, articles: Sequence[Article]) -> None:
        story.title = "T"


class BrokenQuotes:
    name = "broken_quotes"
    requires = ("words",)
    provides = ("quotes",)

    def __call__(self, story: Story, articles: Sequence[Article]) -> None:
        story.quotes.append({"text": "partial"})
        raise KeyError("K")


class Seen:
    name = "seen"
    requires = ("fragile",)
    provides = ("claims",)

    def __call__(self, story: Story, articles: Sequence[Article]) -> None:
        story.claims = [{"article_id": a.id} for a in articles]


def test_a_failing_story_stage_leaves_its_sections_empty_and_the_next_stages_run() -> None:
    from parallax.pipeline import run_story_stages

    articles = [Article(id="a", text="one"), Article(id="b", text="boom")]
    run_article_stages([Words(), Fragile()], articles)
    story = Story(id="s", article_ids=["a", "b"])
    run_story_stages([Titles(), BrokenQuotes(), Seen()], story, articles)
    assert story.title == "T"
    assert story.quotes == []
    assert story.failures == [{"stage": "broken_quotes", "reason": story.failures[0]["reason"]}]
    assert story.failures[0]["reason"].startswith("KeyError: 'K' (at ")
    assert story.claims == [{"article_id": "a"}]  # b lacks the 'fragile' layer this stage requires
    assert Story.from_dict(story.to_dict()).failures == story.failures
