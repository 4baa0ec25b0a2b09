"""The per-article stages in the order they run. Add a stage by adding its factory here."""

from __future__ import annotations

from collections.abc import Callable

from parallax.pipeline import ArticleStage


def article_stage_factories() -> list[Callable[[], ArticleStage]]:
    # Imported here so that importing parallax never loads a model.
    from parallax.annotate.embed import EmbedStage
    from parallax.annotate.nlp import SpacyStage

    return [SpacyStage, EmbedStage]
