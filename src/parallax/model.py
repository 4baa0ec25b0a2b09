"""The objects that flow through the pipeline: an `Article`, then a `Story`.

Annotations are plain JSON-able dicts and lists, keyed by layer name, so the
same objects are stored in SQLite, shipped to Ray workers and written to the
report without a translation layer. Every annotation that comes from text has
`start`/`end` character offsets into `Article.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Report/story sections, in report order. Later stages fill them.
STORY_SECTIONS = (
    "entities",
    "quotes",
    "timeline",
    "claims",
    "contradictions",
    "single_source",
    "framing",
    "summary",
)

# The annotation layer where a failed article stage is recorded: [{"stage", "reason", "layers"}].
FAILURES_LAYER = "failures"

ARTICLE_FIELDS = ("id", "source", "title", "author", "published", "language", "url", "path", "duplicate_of")


@dataclass
class Article:
    id: str
    text: str
    source: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    language: str | None = None  # ISO 639-1
    url: str | None = None
    path: str | None = None  # where it came from: "dir/file.txt", "export.jsonl:12", a URL
    duplicate_of: str | None = None  # id of the original when this is a (near-)copy
    extra: dict[str, Any] = field(default_factory=dict)  # input fields Parallax does not know, kept
    annotations: dict[str, Any] = field(default_factory=dict)  # layer -> JSON-able data
    embedding: Any = None  # numpy float32 vector, stored separately
    doc: Any = field(default=None, repr=False, compare=False)  # transient spaCy Doc, never stored

    def metadata(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in ARTICLE_FIELDS}

    def evidence(self, start: int, end: int) -> dict[str, Any]:
        """An evidence record pointing back to the sentence a fact came from."""
        return {"article_id": self.id, "start": start, "end": end, "text": self.text[start:end]}


@dataclass
class Story:
    id: str
    article_ids: list[str]
    title: str = ""
    sources: list[str] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    single_source: list[dict[str, Any]] = field(default_factory=list)
    framing: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=lambda: {"consensus": [], "disputed": []})
    failures: list[dict[str, Any]] = field(default_factory=list)  # [{"stage", "reason"}]: stages that raised

    def sections(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in STORY_SECTIONS}

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "article_ids": list(self.article_ids),
            "sources": list(self.sources),
            "first_published": self.first_published,
            "last_published": self.last_published,
            **self.sections(),
            "failures": list(self.failures),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)
