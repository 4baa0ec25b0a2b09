"""Grouping articles into stories: one event covered by several sources."""

from parallax.stories.assign import assign_stories

__all__ = ["assign_stories"]
