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
