"""The per-story stages in the order they run. Add a stage by adding its factory here."""

from __future__ import annotations

from collections.abc import Callable

from parallax.pipeline import StoryStage


def story_stage_factories() -> list[Callable[[], StoryStage]]:
    from parallax.compare.basics import StoryBasicsStage
    from parallax.compare.entities import EntityStage
    from parallax.compare.framing import FramingStage
    from parallax.compare.quotes import StoryQuoteStage
    from parallax.compare.summary import SummaryStage
    from parallax.compare.timeline import TimelineStage
    from parallax.compare.triangulate import TriangulateStage

    # Triangulate then summary come after the entities, quotes and timeline stages and before framing.
    return [
        StoryBasicsStage,
        EntityStage,
        StoryQuoteStage,
        TimelineStage,
        TriangulateStage,
        SummaryStage,
        FramingStage,
    ]  # framing last: reads entities, claims
