"""Grouping articles into stories: one event covered by several sources."""

from parallax.stories.assign import assign_stories, load_signals, story_id_for
from parallax.stories.cluster import AverageLinkClusterer, Clusterer, GraphClusterer, LinkRule
from parallax.stories.signals import StorySignals, signals_from_articles

__all__ = [
    "AverageLinkClusterer",
    "Clusterer",
    "GraphClusterer",
    "LinkRule",
    "StorySignals",
    "assign_stories",
    "load_signals",
    "signals_from_articles",
    "story_id_for",
]
