"""The per-article stages in the order they run. Add a stage by adding its factory here."""

from __future__ import annotations

from collections.abc import Callable

from parallax.pipeline import ArticleStage


def article_stage_factories() -> list[Callable[[], ArticleStage]]:
    # Imported here so that importing parallax never loads a model.
    from parallax.annotate.claims import ClaimStage
    from parallax.annotate.dates import DateStage
    from parallax.annotate.embed import EmbedStage
    from parallax.annotate.framing import LoadedTermsStage
    from parallax.annotate.nlp import SpacyStage
    from parallax.annotate.quotes import QuoteStage

    def loaded_terms() -> ArticleStage:
        return LoadedTermsStage(
            requires=("sentences", "quotes")
        )  # after QuoteStage: quoted words are not the outlet's

    # ClaimStage stays last: it reads the quotes and dates layers when earlier stages provide them.
    return [SpacyStage, QuoteStage, DateStage, loaded_terms, EmbedStage, ClaimStage]
