"""The per-story stages in the order they run. Add a stage by adding its factory here."""

from __future__ import annotations

from collections.abc import Callable

from parallax.pipeline import StoryStage


def story_stage_factories() -> list[Callable[[], StoryStage]]:
    from parallax.analyze.basics import StoryBasicsStage

    return [StoryBasicsStage]
