"""A neutral, extractive story summary in which every sentence cites its sources.

Consensus comes first: the facts supported by the most independent outlets, each told in the
plainest wording any of them used (no outlet's loaded words, no opinion), never a fact that is
disputed. Then every contradiction is stated side by side, saying who holds each position and
taking no side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from parallax.model import Article, Story

SPECULATION = re.compile(
    r"\b(expected to|likely to|could|may|might|would|critics say|some say|it is said|rumou?r\w*)\b",
    re.IGNORECASE,
)
MAX_CONSENSUS = 8
MAX_SUBJECTIVITY = 0.5
MIN_SOURCES = 2


class SummaryStage:
    """Story section `summary`: {"consensus": [...], "disputed": [...]} (docs/report-schema.md)."""

    name: str = "summary"
    requires: tuple[str, ...] = ("claims", "contradictions")
    provides: tuple[str, ...] = ("summary",)

    def __call__(self, story: Story, articles: Sequence[Article]) -> None:
        by_id = {a.id: a for a in articles}
        story.summary = {
            "consensus": consensus(story, by_id),
            "disputed": [disputed_sentence(c) for c in story.contradictions],
        }


def consensus(story: Story, articles: dict[str, Article]) -> list[dict[str, Any]]:
    disputed = {side.get("claim_id") for c in story.contradictions for side in c["sides"]}
    groups = [g for g in story.claims if len(g["sources"]) >= MIN_SOURCES and g["id"] not in disputed]
    groups.sort(key=lambda g: (-len(g["sources"]), -_anchor_count(g)))
    chosen: list[dict[str, Any]] = []
    seen_words: list[set[str]] = []
    for group in groups:
        wording = neutral_wording(group, articles)
        if wording is None:
            continue
        words = set(re.findall(r"\w+", wording[0].lower()))
        if any(len(words & other) / max(1, len(words | other)) > 0.6 for other in seen_words):
            continue
        seen_words.append(words)
        text, evidence = wording
        chosen.append(
            {"text": text, "sources": group["sources"], "claim_id": group["id"], "evidence": evidence}
        )
        if len(chosen) >= MAX_CONSENSUS:
            break
    return chosen


def _anchor_count(group: dict[str, Any]) -> int:
    return len(group.get("entities") or []) + len(group.get("numbers") or []) + len(group.get("dates") or [])


def neutral_wording(
    group: dict[str, Any], articles: dict[str, Article]
) -> tuple[str, list[dict[str, Any]]] | None:
    """The group's plainest English wording as a sentence, with all its evidence; None if none is neutral."""
    candidates = []
    for ev in group["evidence"]:
        article = articles.get(ev["article_id"])
        if article is None or (article.language or "en") != "en":
            continue
        claim = _claim_at(article, ev["start"], ev["end"])
        if claim.get("subject") and claim["subject"] not in ev["text"]:
            continue  # a clause that borrows its subject ("... and used water cannon") is not a sentence
        if claim.get("hedged") or SPECULATION.search(ev["text"]):
            continue  # a consensus statement is a reported fact, not a rumour or a forecast
        if has_loaded_term(article, ev["start"], ev["end"]):
            continue
        subjectivity = _subjectivity(ev["text"])
        if subjectivity > MAX_SUBJECTIVITY or '"' in ev["text"] or "“" in ev["text"]:
            continue
        speaker = claim.get("attributed_to")
        candidates.append((bool(speaker), subjectivity, len(ev["text"]), ev, speaker))
    if not candidates:
        return None
    _, _, _, ev, speaker = min(candidates, key=lambda c: (c[0], c[1], c[2]))
    text = sentence_case(ev["text"])
    if speaker and not re.search(r"\b(according to|said|says|told)\b", text, re.IGNORECASE):
        text = f"According to {speaker.strip(' ,')}, {text[0].lower() + text[1:]}"
    return text, list(group["evidence"])


def _claim_at(article: Article, start: int, end: int) -> dict[str, Any]:
    for claim in article.annotations.get("claims") or []:
        if claim["start"] == start and claim["end"] == end:
            return dict(claim)
    return {}


def has_loaded_term(article: Article, start: int, end: int) -> bool:
    return any(t["start"] < end and start < t["end"] for t in article.annotations.get("loaded_terms") or [])


def _subjectivity(text: str) -> float:
    from textblob import TextBlob

    return float(TextBlob(text).sentiment.subjectivity)


def sentence_case(text: str) -> str:
    text = text.strip().strip("\"“”'").strip()
    text = re.sub(r"^[A-ZÀ-Ž]{3,}[^—–.]{0,40}[—–]\s*", "", text)  # a dateline: "VELMAR, Estravia (CPA) — "
    text = text[0].upper() + text[1:] if text else text
    return text if text.endswith((".", "!")) else text.rstrip(",;:") + "."


def disputed_sentence(contradiction: dict[str, Any]) -> dict[str, Any]:
    """'On X: A and B report "v1"; C reports "v2".' — each side stated, none preferred."""
    parts = []
    for side in contradiction["sides"]:
        who = _join(side["sources"]) or "one source"
        verb = "reports" if len(side["sources"]) <= 1 else "report"
        parts.append(f"{who} {verb} “{side['value']}”")
    subject = contradiction["subject"]
    text = (
        f"On {subject[0].lower() + subject[1:] if subject else 'one point'}, sources disagree: "
        + "; ".join(parts)
        + "."
    )
    sources = sorted({s for side in contradiction["sides"] for s in side["sources"]})
    return {
        "text": text,
        "sources": sources,
        "kind": contradiction["kind"],
        "evidence": contradiction["evidence"],
    }


def _join(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""
