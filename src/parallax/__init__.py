"""Parallax: one news story seen through many sources.

Importing parallax loads no model; models load on first use.
"""

from parallax.api import (
    AnalyzeResult,
    analyze,
    analyze_stories,
    annotate,
    build_report,
    delete_article,
    group,
    ingest,
    merge_stories,
    open_store,
    split_story,
    update,
    write_report,
)
from parallax.errors import ParallaxError
from parallax.model import Article, Story
from parallax.store import Store

__version__ = "0.1.0"

__all__ = [
    "AnalyzeResult",
    "Article",
    "ParallaxError",
    "Store",
    "Story",
    "__version__",
    "analyze",
    "analyze_stories",
    "annotate",
    "build_report",
    "delete_article",
    "group",
    "ingest",
    "merge_stories",
    "open_store",
    "split_story",
    "update",
    "write_report",
]
