"""Who said what across a story: each quote of the `quotes` layer with its speaker as a story entity.

The article stage names the speaker as the text does ("Breznik", "the minister" resolved to
"Teodor Lazic"); here that name becomes a canonical entity id, through the entity mention at the
same offsets or, failing that, a unique alias match. A speaker no entity matches keeps the
text's words ("prosecutors") with `speaker_id: null`; an unknown speaker stays null.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from parallax.annotate.names import fold, name_tokens
from parallax.compare.entities import entity_at, mention_index
from parallax.model import Article, Story


def _alias_match(entities: Sequence[dict[str, Any]], speaker: str) -> str | None:
    """The one entity with `speaker` among its names; a surname alone must point at exactly one person."""
    key = fold(speaker)
    exact = [e["id"] for e in entities if key in {fold(a) for a in [e["name"], *e["aliases"]]}]
    if len(exact) == 1:
        return exact[0]
    tokens = name_tokens(speaker)
    if len(exact) > 1 or not tokens:
        return None
    if speaker.lower().startswith(("the ", "el ", "la ")):  # "the union": the one organisation of that kind
        word = tokens[-1]
        orgs = [e["id"] for e in entities if e["type"] == "ORG" and word in fold(e["name"]).split()]
        if len(orgs) == 1:
            return orgs[0]
        holders = [
            e["id"]
            for e in entities
            if e["type"] == "PERSON" and any(_role_head(r["role"]) == word for r in e["roles"])
        ]
        return holders[0] if len(set(holders)) == 1 else None
    if len(tokens) >= 2:  # a full name must match a full name: "Ilse Marrow" is not "Peter Marrow"
        full = [e["id"] for e in entities if e["type"] == "PERSON" and name_tokens(e["name"]) == tokens]
        return full[0] if len(full) == 1 else None
    by_surname = [
        e["id"]
        for e in entities
        if e["type"] == "PERSON"
        and any(name_tokens(a)[-1:] == tokens[-1:] for a in [e["name"], *e["aliases"]])
    ]
    return by_surname[0] if len(set(by_surname)) == 1 else None


def _role_head(role: str) -> str:
    """ "Interior Minister" -> "minister"; "chairman of the union" -> "chairman"."""
    words = fold(role).split(" of ")[0].split()
    return words[-1] if words else ""


def story_quotes(story: Story, articles: Sequence[Article]) -> list[dict[str, Any]]:
    index = mention_index(story.entities)
    names = {e["id"]: e["name"] for e in story.entities}
    quotes: list[dict[str, Any]] = []
    for article in articles:
        for q in article.annotations.get("quotes", []):
            speaker, speaker_id = q.get("speaker"), None
            speaker_evidence: list[dict[str, Any]] = []
            if speaker is not None and q.get("speaker_start") is not None:
                start, end = q["speaker_start"], q["speaker_end"]
                speaker_id = entity_at(index, article.id, start, end) or _alias_match(story.entities, speaker)
                speaker_evidence.append(article.evidence(start, end))
                ref_start, ref_end = q.get("ref_start"), q.get("ref_end")
                if ref_start is not None and ref_end is not None and (ref_start, ref_end) != (start, end):
                    speaker_evidence.append(article.evidence(ref_start, ref_end))
            quotes.append(
                {
                    "text": q["text"],
                    "kind": q["kind"],
                    "speaker": names.get(speaker_id, speaker) if speaker_id else speaker,
                    "speaker_id": speaker_id,
                    "speaker_evidence": speaker_evidence,
                    "cue": q.get("cue"),
                    "article_id": article.id,
                    "evidence": [article.evidence(q["start"], q["end"])],
                }
            )
    return quotes


class StoryQuoteStage:
    """Fills `story.quotes` (see docs/report-schema.md)."""

    name = "story_quotes"
    requires: tuple[str, ...] = ("quotes", "entities")
    provides: tuple[str, ...] = (
        "quotes",
    )  # the story section (the article layer of the same name is its input)

    def __call__(self, story: Story, articles: Sequence[Article]) -> None:
        story.quotes = story_quotes(story, articles)
