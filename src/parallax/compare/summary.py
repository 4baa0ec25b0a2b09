"""A neutral, extractive story summary in which every sentence cites its sources.

Consensus comes first: the facts supported by the most independent outlets, each told in the
plainest wording any of them used (no outlet's loaded words, no opinion), never a fact that is
disputed. Then every contradiction is stated side by side, saying who holds each position and
taking no side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from parallax.annotate.claims import text_denial
from parallax.annotate.names import lower_first
from parallax.compare.outlets import outlet_labels
from parallax.compare.triangulate import (
    LIGHT_VERBS,
    _find_states,
    fold,
    lexicon,
    predicate_heads,
    same_event,
)
from parallax.model import Article, Story

SPECULATION = re.compile(
    r"\b(expected to|likely to|could|may|might|would|critics say|some say|it is said|rumou?r\w*)\b",
    re.IGNORECASE,
)
MAX_CONSENSUS = 8
MIN_SHARED_WORDS = 0.3  # of the shorter sentence's content words, for two sentences to state one fact
_STOPWORDS = (
    "the and for with from that this which who whom whose was were are has have had been being its their "
    "his her they them than then also into over after before about under while where when said says"
)
STOPWORDS = frozenset(_STOPWORDS.split())
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


class _Sources:
    """A story's articles with what the summary looks up many times: claims by span, outlets to show."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self.articles = articles
        self.claims = {
            (a.id, c["start"], c["end"]): c
            for a in articles.values()
            for c in a.annotations.get("claims") or []
        }
        self.labels = outlet_labels(list(articles.values()))  # never an id, as claim groups name them

    def name_words(self, article_id: str) -> set[str]:
        """Folded first words of the names an article mentions (they keep their capital letter)."""
        article = self.articles.get(article_id)
        mentions = (article.annotations.get("mentions") or []) if article is not None else []
        return {fold(m["text"].split()[0]) for m in mentions if m["text"].split()}

    def claim(self, ev: dict[str, Any]) -> dict[str, Any]:
        return dict(self.claims.get((ev["article_id"], ev["start"], ev["end"]), {}))

    def outlet(self, article_id: str) -> str:
        """A copy counts as its original's outlet."""
        article = self.articles.get(article_id)
        if article is None:
            return article_id
        original = self.articles.get(article.duplicate_of or "") or article
        return self.labels.get(original.id, article_id)


def consensus(story: Story, articles: dict[str, Article]) -> list[dict[str, Any]]:
    disputed = {side.get("claim_id") for c in story.contradictions for side in c["sides"]}
    groups = [g for g in story.claims if len(g["sources"]) >= MIN_SOURCES and g["id"] not in disputed]
    groups.sort(key=lambda g: (-len(g["sources"]), -_anchor_count(g)))
    sources_of = _Sources(articles)
    # A group with a denial in it is disputed even when no contradiction was matched to it.
    groups = [g for g in groups if not any(sources_of.claim(ev).get("denial") for ev in g["evidence"])]
    chosen: list[dict[str, Any]] = []
    seen_words: list[set[str]] = []
    for group in groups:
        wording = neutral_wording(group, sources_of)
        if wording is None:
            continue
        text, evidence = wording
        words = set(re.findall(r"\w+", text.lower()))
        if any(len(words & other) / max(1, len(words | other)) > 0.6 for other in seen_words):
            continue
        if evidence_conflicts(evidence):
            continue  # the outlets state different figures, dates or outcomes: disputed, never consensus
        sources = sorted({sources_of.outlet(ev["article_id"]) for ev in evidence})
        if len(sources) < MIN_SOURCES:
            continue  # the other outlets' sentences share the topic, not this fact
        seen_words.append(words)
        chosen.append({"text": text, "sources": sources, "claim_id": group["id"], "evidence": evidence})
        if len(chosen) >= MAX_CONSENSUS:
            break
    return chosen


def _anchor_count(group: dict[str, Any]) -> int:
    return len(group.get("entities") or []) + len(group.get("numbers") or []) + len(group.get("dates") or [])


def neutral_wording(group: dict[str, Any], sources: _Sources) -> tuple[str, list[dict[str, Any]]] | None:
    """The group's plainest English wording as a sentence, with the evidence that states the same fact
    (`supporting_evidence`); None if no wording is neutral."""
    candidates = []
    for ev in group["evidence"]:
        article = sources.articles.get(ev["article_id"])
        if article is None or (article.language or "en") != "en":
            continue
        claim = sources.claim(ev)
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

    def support(ev: dict[str, Any]) -> list[dict[str, Any]]:
        return supporting_evidence([ev] + [o for o in group["evidence"] if o is not ev], sources)

    # The neutral wording most outlets state as the same fact; then unattributed, plain, short.
    supported = {id(c[3]): support(c[3]) for c in candidates}
    _, _, _, ev, speaker = min(
        candidates,
        key=lambda c: (
            -len({sources.outlet(e["article_id"]) for e in supported[id(c[3])]}),
            c[0],
            c[1],
            c[2],
        ),
    )
    text = sentence_case(ev["text"])
    if speaker and not re.search(r"\b(according to|said|says|told)\b", text, re.IGNORECASE):
        text = (
            f"According to {speaker.strip(' ,')}, {lower_first(text, sources.name_words(ev['article_id']))}"
        )
    return text, supported[id(ev)]


def supporting_evidence(evidence: list[dict[str, Any]], sources: _Sources) -> list[dict[str, Any]]:
    """The chosen wording (first) and the group's sentences that state the same fact.

    A claim group gathers close sentences, and close is not the same: "the arrest of the president"
    and "the country was the regime's backbone" share a topic and a name. A consensus line cites,
    per outlet, only sentences with the same polarity, a compatible predicate (the same lemma or
    the same event class: arrest, detain, capture) and enough of the same content words.
    """
    first, rest = evidence[0], evidence[1:]
    chosen = sources.claim(first)
    return [first] + [
        ev for ev in rest if states_same_fact(chosen, first["text"], sources.claim(ev), ev["text"])
    ]


def evidence_conflicts(evidence: Sequence[dict[str, Any]]) -> bool:
    """Whether two cited sentences from different articles cannot both be true (`sentences_conflict`)."""
    return any(
        sentences_conflict(x["text"], y["text"])
        for i, x in enumerate(evidence)
        for y in evidence[i + 1 :]
        if x["article_id"] != y["article_id"]
    )


def states_same_fact(a: dict[str, Any], a_text: str, b: dict[str, Any], b_text: str) -> bool:
    """Same polarity, enough of the same content words, and one predicate as triangulation judges
    it (`triangulate.predicate_heads` / `same_event`: one lemma or event class, a verb and its
    nominalisation, the content a light verb or an intention verb carries)."""
    if not (a.get("predicate") and b.get("predicate")):
        return True  # no parse to compare with: the alignment's judgement stands
    words_a, words_b = _content_words(a_text), _content_words(b_text)
    shared = len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))
    if shared < MIN_SHARED_WORDS:
        return False
    if bool(a.get("negated")) != bool(b.get("negated")) or bool(a.get("denial")) != bool(b.get("denial")):
        return False
    if any(same_event(p, q) for p in predicate_heads(a) for q in predicate_heads(b)):
        return True
    if fold(a["predicate"]) in LIGHT_VERBS or fold(b["predicate"]) in LIGHT_VERBS:
        return shared >= 2 * MIN_SHARED_WORDS  # "took place", "has": the content words must carry it
    return False


@lru_cache(maxsize=8192)
def _figures(text: str) -> dict[str, frozenset[float]]:
    """Numbers of a sentence by what they count (money, percent, or the noun after them); cached:
    the guard compares every pair of a line's sentences."""
    from parallax.annotate.claims import find_dates, find_numbers

    dates = [(d["start"], d["end"]) for d in find_dates(text, 0, None)]
    out: dict[str, set[float]] = {}
    for n in find_numbers(text, 0, dates):
        if any(s <= n["start"] < e or s < n["end"] <= e for s, e in dates):
            continue  # the day of a date ("5 March"), not a figure
        if n.get("unit") == "age" or n.get("qualifier") not in (None, "exact"):
            continue
        after = re.findall(r"[^\W\d_]+", text[n["end"] : n["end"] + 30].lower())
        what = n.get("unit") or (after[0] if after else "")
        if what:
            out.setdefault(what, set()).add(float(n["value"]))
    return {what: frozenset(values) for what, values in out.items()}


@lru_cache(maxsize=8192)
def _full_dates(text: str) -> frozenset[str]:
    from parallax.annotate.claims import find_dates

    return frozenset(d["value"] for d in find_dates(text, 0, None) if len(str(d.get("value") or "")) == 10)


def sentences_conflict(a: str, b: str) -> str | None:
    """Why two sentences cannot both be true, on explainable signals only; None if nothing says so.

    The same counted thing with no figure in common, different full dates, one sentence that
    denies ('a hoax', 'officials denied', `data/denial.json`) beside one that does not, or outcome
    states that `outcomes.json` calls incompatible ("released" / "in custody").
    """
    fa, fb = _figures(a), _figures(b)
    for what in fa.keys() & fb.keys():
        if not any(abs(x - y) <= 0.05 * max(abs(x), abs(y)) for x in fa[what] for y in fb[what]):
            return f"number ({what})"
    da, db = _full_dates(a), _full_dates(b)
    if da and db and not da & db:
        return "date"
    if (text_denial(a) is None) != (text_denial(b) is None):
        return "denial"
    sa, sb = _find_states(a), _find_states(b)
    for x, y in lexicon("outcomes")["incompatible"]:
        if (x in sa and y in sb) or (y in sa and x in sb):
            return "outcome"
    return None


@lru_cache(maxsize=8192)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[^\W\d_]{3,}", fold(text)) if w not in STOPWORDS)


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
    subject = contradiction["subject"]  # a phrase, already cased for reading ("Donald Trump's current title")
    text = f"On {subject or 'one point'}, sources disagree: " + "; ".join(parts) + "."
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
