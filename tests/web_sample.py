"""A small hand-built store for the web tests: fictional articles, and a story with every section filled
in the formats of docs/report-schema.md, offsets computed from the text. No model is loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parallax.ingest.run import content_hash
from parallax.model import Article, Story
from parallax.store import Store

HOSTILE_SCRIPT = "<script>window.__pwned = 1; document.title = 'pwned'</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned = 2">'

GAZETTE = Article(
    id="hg-001",
    source="Harbour Gazette",
    title="Lower Quay evacuated as the Sarn river rises",
    author="MiraOlund",
    published="2026-04-06",
    language="en",
    text=(
        "Lower Quay evacuated as the Sarn river rises\n\n"
        "Mayor Ilsa Varn said on Monday that 300 families were evacuated from Lower Quay. "
        '"We will rebuild every house," Varn said. '
        "Critics call the council a regime of silence."
    ),
)
WIRE = Article(
    id="nw/2026/04/07-quay",
    source="North Wire",
    title="About 120 families leave Lower Quay",
    published="2026-04-07",
    language="en",
    text=(
        "About 120 families leave Lower Quay\n\n"
        "Officials said 120 families left Lower Quay on Sunday. Mayor Varn declined to comment. "
        f"A reader comment read {HOSTILE_SCRIPT} and {HOSTILE_IMG} before moderation. "
        'Residents called the response a "disgrace".'
    ),
)
SUMMARY_SENTENCE = "Mayor Ilsa Varn said on Monday that 300 families were evacuated from Lower Quay."


def ev(article: Article, phrase: str) -> dict[str, Any]:
    start = article.text.index(phrase)
    return article.evidence(start, start + len(phrase))


def span(article: Article, phrase: str, **fields: Any) -> dict[str, Any]:
    start = article.text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase, **fields}


def annotate_by_hand() -> None:
    GAZETTE.annotations = {
        "mentions": [span(GAZETTE, "Ilsa Varn", label="PERSON"), span(GAZETTE, "Lower Quay", label="GPE")],
        "quotes": [
            span(GAZETTE, "We will rebuild every house,", kind="direct", speaker="Ilsa Varn", cue="said")
        ],
        "dates": [span(GAZETTE, "on Monday", value="2026-04-06", granularity="day")],
        "claims": [span(GAZETTE, SUMMARY_SENTENCE, attributed_to="Ilsa Varn", numbers=["300"], dates=[])],
        "loaded_terms": [
            span(GAZETTE, "regime", term="regime", category="pejorative", voice="own", speaker=None)
        ],
    }
    WIRE.annotations = {
        "mentions": [span(WIRE, "Varn", label="PERSON")],
        "loaded_terms": [
            span(WIRE, "disgrace", term="disgrace", category="pejorative", voice="quoted", speaker=None)
        ],
    }


def rich_story() -> Story:
    g_claim, w_claim = (
        ev(GAZETTE, SUMMARY_SENTENCE),
        ev(WIRE, "Officials said 120 families left Lower Quay on Sunday."),
    )
    return Story(
        id="s-quay",
        title=GAZETTE.title or "",
        article_ids=[GAZETTE.id, WIRE.id],
        sources=["Harbour Gazette", "North Wire"],
        first_published="2026-04-06",
        last_published="2026-04-07",
        entities=[
            {
                "id": "e1",
                "name": "Ilsa Varn",
                "type": "PERSON",
                "aliases": ["Varn", "Mayor Varn"],
                "count": 3,
                "article_ids": [GAZETTE.id, WIRE.id],
                "sources": ["Harbour Gazette", "North Wire"],
                "roles": [
                    {
                        "role": "mayor",
                        "status": "current",
                        "article_id": GAZETTE.id,
                        "evidence": [ev(GAZETTE, "Mayor Ilsa Varn")],
                    }
                ],
                "evidence": [ev(GAZETTE, "Ilsa Varn"), ev(WIRE, "Varn")],
            }
        ],
        quotes=[
            {
                "text": "We will rebuild every house",
                "kind": "direct",
                "speaker": "Ilsa Varn",
                "speaker_id": "e1",
                "speaker_evidence": [ev(GAZETTE, "Varn said")],
                "cue": "said",
                "article_id": GAZETTE.id,
                "evidence": [ev(GAZETTE, "We will rebuild every house")],
            },
            {
                "text": "disgrace",
                "kind": "partial",
                "speaker": None,
                "speaker_id": None,
                "speaker_evidence": [],
                "cue": "called",
                "article_id": WIRE.id,
                "evidence": [ev(WIRE, "disgrace")],
            },
        ],
        timeline=[
            {
                "date": "2026-04-06",
                "granularity": "day",
                "event": "families evacuated",
                "expressions": ["on Monday"],
                "sources": ["Harbour Gazette"],
                "article_ids": [GAZETTE.id],
                "disagrees_with": [1],
                "evidence": [ev(GAZETTE, "on Monday")],
            },
            {
                "date": "2026-04-05",
                "granularity": "day",
                "event": "families evacuated",
                "expressions": ["on Sunday"],
                "sources": ["North Wire"],
                "article_ids": [WIRE.id],
                "disagrees_with": [0],
                "evidence": [ev(WIRE, "on Sunday")],
            },
        ],
        claims=[
            {
                "id": "c1",
                "text": SUMMARY_SENTENCE,
                "sources": ["Harbour Gazette"],
                "article_ids": [GAZETTE.id],
                "attributed_to": "Ilsa Varn",
                "entities": ["e1"],
                "numbers": ["300"],
                "dates": ["2026-04-06"],
                "evidence": [g_claim],
            },
            {
                "id": "c2",
                "text": "120 families left Lower Quay",
                "sources": ["North Wire"],
                "article_ids": [WIRE.id],
                "attributed_to": None,
                "entities": [],
                "numbers": ["120"],
                "dates": [],
                "evidence": [w_claim],
            },
        ],
        contradictions=[
            {
                "kind": "numeric",
                "subject": "families evacuated from Lower Quay",
                "signal": "numbers differ by more than 50%",
                "confidence": 0.9,
                "sides": [
                    {
                        "value": "300",
                        "sources": ["Harbour Gazette"],
                        "article_ids": [GAZETTE.id],
                        "claim_id": "c1",
                        "evidence": [g_claim],
                    },
                    {
                        "value": "120",
                        "sources": ["North Wire"],
                        "article_ids": [WIRE.id],
                        "claim_id": "c2",
                        "evidence": [w_claim],
                    },
                ],
                "evidence": [g_claim, w_claim],
            },
        ],
        single_source=[
            {
                "claim_id": "c1",
                "text": SUMMARY_SENTENCE,
                "source": "Harbour Gazette",
                "article_id": GAZETTE.id,
                "score": 0.8,
                "evidence": [g_claim],
            },
        ],
        framing={
            "outlets": {
                "Harbour Gazette": {
                    "articles": [GAZETTE.id],
                    "own_terms": ["regime"],
                    "quoted_terms": [],
                    "loaded_rate_own": 0.03,
                    "quoted_share": 0.3,
                    "subjectivity": 0.4,
                    "tone": {},
                    "metadata": {"country": "Sarnland"},
                },
                "North Wire": {
                    "articles": [WIRE.id],
                    "own_terms": [],
                    "quoted_terms": ["disgrace"],
                    "loaded_rate_own": 0.0,
                    "quoted_share": 0.2,
                    "subjectivity": 0.2,
                    "tone": {},
                    "metadata": {},
                },
            },
            "terms": [
                {
                    "term": "regime",
                    "category": "pejorative",
                    "voice": "own",
                    "speaker": None,
                    "source": "Harbour Gazette",
                    "article_id": GAZETTE.id,
                    "evidence": [ev(GAZETTE, "Critics call the council a regime of silence.")],
                },
                {
                    "term": "disgrace",
                    "category": "pejorative",
                    "voice": "quoted",
                    "speaker": None,
                    "source": "North Wire",
                    "article_id": WIRE.id,
                    "evidence": [ev(WIRE, 'Residents called the response a "disgrace".')],
                },
            ],
            "contrasts": [
                {
                    "referent": "the departure",
                    "choices": {"Harbour Gazette": ["evacuated"], "North Wire": ["left"]},
                    "evidence": [ev(GAZETTE, "evacuated"), ev(WIRE, "left")],
                }
            ],
            "coverage": {
                "claim_ids": ["c1", "c2"],
                "outlets": {
                    "Harbour Gazette": {"covers": ["c1"], "omits": ["c2"], "alone": ["c1"]},
                    "North Wire": {"covers": ["c2"], "omits": ["c1"], "alone": ["c2"]},
                },
            },
        },
        summary={
            "consensus": [
                {
                    "text": "Mayor Ilsa Varn said 300 families were evacuated.",
                    "sources": ["Harbour Gazette"],
                    "claim_id": "c1",
                    "evidence": [g_claim],
                }
            ],
            "disputed": [
                {
                    "text": "Harbour Gazette says 300 families; North Wire says 120.",
                    "sources": ["Harbour Gazette", "North Wire"],
                    "kind": "numeric",
                    "evidence": [g_claim, w_claim],
                }
            ],
        },
    )


def build_rich_store(path: Path) -> Store:
    """A store at `path` with the two articles annotated and one fully analysed story, plus an empty story."""
    annotate_by_hand()
    store = Store(path)
    for article in (GAZETTE, WIRE):
        store.add_article(article, content_hash(article.text))
    store.save_annotations([GAZETTE, WIRE])
    store.save_story(rich_story(), stale=False)
    lone = Article(
        id="lone-1",
        source="Quiet Times",
        title="Nothing much happened",
        published="2026-04-02",
        text="Nothing much happened in Sarn today.",
    )
    store.add_article(lone, content_hash(lone.text))
    store.save_story(
        Story(id="s-empty", title="Nothing much happened", article_ids=[lone.id], sources=["Quiet Times"]),
        stale=False,
    )
    return store
