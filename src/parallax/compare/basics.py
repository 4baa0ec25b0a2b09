"""A story's outlets (merged across spellings), date range and title: what later stages and the story list need."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.compare.outlets import is_unknown_label, merge_outlets, outlet_labels
from parallax.model import Article, Story


def independent(articles: Sequence[Article]) -> list[Article]:
    """The articles that count as sources: a syndicated copy never counts twice."""
    return [a for a in articles if not a.duplicate_of]


class StoryBasicsStage:
    name = "basics"
    requires = ("metadata",)
    provides = ("title", "sources")

    def __call__(self, story: Story, articles: Sequence[Article]) -> None:
        merge_outlets(articles)  # first story stage: every later one sees one name per outlet
        originals = independent(articles) or list(articles)
        labels = set(outlet_labels(originals).values())
        # Named outlets, then each article without one: it still counts as a source of its own.
        story.sources = sorted(labels, key=lambda label: (is_unknown_label(label), label))
        dates = sorted(a.published for a in originals if a.published)
        story.first_published = dates[0] if dates else None
        story.last_published = dates[-1] if dates else None
        if not story.title:
            story.title = short_title(_central_headline(originals))


TITLE_CHARS = 110


def short_title(headline: str, limit: int = TITLE_CHARS) -> str:
    """One line, cut at a word boundary: a story list shows many of them."""
    line = " ".join(headline.split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0].rstrip(",;:-")
    return cut + "…"


def _central_headline(articles: Sequence[Article]) -> str:
    """The headline of the article closest to the story's centroid: the most typical telling, not the loudest."""
    import numpy as np

    with_vectors = [a for a in articles if a.embedding is not None and a.title]
    if with_vectors:
        matrix = np.stack([a.embedding for a in with_vectors])
        centroid = matrix.mean(axis=0)
        best = with_vectors[int(np.argmax(matrix @ centroid))]
        return best.title or ""
    titled = [a.title for a in articles if a.title]
    if titled:
        return titled[0]
    first_line = next((line for a in articles for line in a.text.splitlines() if line.strip()), "")
    return first_line
