"""How each outlet tells the same story: loaded words in its own voice, word choices, tone, coverage.

Reads the article layers `loaded_terms` and `referent_terms` (parallax.annotate.framing)
and, when earlier story stages filled them, `story.entities` (whose tone) and
`story.claims` (what each outlet covers or leaves out). Fills `story.framing`
as described in docs/report-schema.md. Only original articles count for an
outlet: a syndicated copy gets its own article profile but adds nothing to the
outlet's figures.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from parallax.annotate.framing import QuoteSpan, load_lexicon, refresh_terms, voice_spans
from parallax.compare.basics import independent
from parallax.compare.outlets import find_outlets_file, load_outlets, metadata_for
from parallax.model import Article, Story

MAIN_ENTITIES = 5
TONE_EVIDENCE = 5
CONTRAST_EVIDENCE = 2
SUBJECTIVE_SENTENCES = 3
MIN_OWN_WORDS = 4  # a sentence with fewer own-voice words says nothing about the outlet's tone
TONE_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    # The pattern scorer itself: textblob's PatternAnalyzer wraps it but builds a namedtuple class per call.
    from textblob.en import sentiment as pattern_sentiment

    return pattern_sentiment


@lru_cache(maxsize=65536)
def sentiment(text: str) -> tuple[float, float]:
    """(polarity -1..1, subjectivity 0..1) from textblob's pattern lexicon; a sentence is often scored twice."""
    polarity, subjectivity = _analyzer()(text)[:2]
    return float(polarity), float(subjectivity)


def own_voice_text(text: str, start: int, end: int, spans: Sequence[QuoteSpan]) -> str:
    """text[start:end] with everything in someone else's voice blanked out."""
    chars = list(text[start:end])
    for q in spans:
        if q.scare:
            continue
        lo, hi = (q.outer_start, q.outer_end) if q.kind != "clause" else (q.start, q.end)
        for k in range(max(lo, start), min(hi, end)):
            chars[k - start] = " "
    return "".join(chars)


def _sentences(article: Article) -> list[tuple[int, int]]:
    layer = article.annotations.get("sentences") or []
    if layer:
        return [(s["start"], s["end"]) for s in layer]
    return [(0, len(article.text))] if article.text else []


def _sentence_around(sentences: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= start < e:
            return s, max(e, end)
    return start, end


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def _rate(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


class _ArticleView:
    """One article's framing facts, computed once and shared by the profiles, tone and contrasts."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.sentences = _sentences(article)
        self.spans = voice_spans(article)
        self.terms = list(article.annotations.get("loaded_terms") or [])
        self.referents = list(article.annotations.get("referent_terms") or [])
        self.own_texts = [own_voice_text(article.text, s, e, self.spans) for s, e in self.sentences]

    def evidence(self, start: int, end: int) -> dict[str, Any]:
        s, e = _sentence_around(self.sentences, start, end)
        return self.article.evidence(s, e)

    def own_words(self) -> int:
        return sum(len(WORD_RE.findall(t)) for t in self.own_texts)

    @property
    def scorable(self) -> bool:
        """textblob's lexicon is English: other languages get no subjectivity or tone, never a wrong one."""
        return (self.article.language or "en").lower().startswith("en")

    def subjectivity(self) -> tuple[float | None, list[dict[str, Any]]]:
        """Own-voice subjectivity weighted by length, and the most subjective own-voice sentences."""
        if not self.scorable:
            return None, []
        scored = []
        for (s, e), own in zip(self.sentences, self.own_texts, strict=True):
            words = len(WORD_RE.findall(own))
            if words >= MIN_OWN_WORDS:
                scored.append((sentiment(own)[1], words, s, e))
        total = sum(w for _, w, _, _ in scored)
        mean = round(sum(score * w for score, w, _, _ in scored) / total, 4) if total else None
        top = sorted((x for x in scored if x[0] > 0), key=lambda x: -x[0])[:SUBJECTIVE_SENTENCES]
        return mean, [
            {"score": round(score, 4), "evidence": [self.article.evidence(s, e)]} for score, _, s, e in top
        ]


def _term_items(
    view: _ArticleView, entity_ids: dict[str, str], names: dict[str, str]
) -> list[dict[str, Any]]:
    article = view.article
    items = []
    for t in view.terms:
        written = t.get("speaker")
        speaker_id = entity_ids.get(_fold(written)) if written else None
        items.append(
            {
                "term": t["term"],
                "word": t.get("word", t["term"]),
                "entry": t.get("entry", t["term"]),
                "category": t["category"],
                "signal": t.get("signal", "lexicon"),
                "voice": t["voice"],
                "speaker": names.get(speaker_id, written) if speaker_id else written,
                "speaker_as_written": written,
                "speaker_id": speaker_id,
                "referent": t.get("referent"),
                "source": article.source,
                "article_id": article.id,
                "start": t["start"],
                "end": t["end"],
                "evidence": [view.evidence(t["start"], t["end"])],
            }
        )
    return items


def _by_frequency(words: Sequence[str]) -> list[str]:
    counts = Counter(w.lower() for w in words)
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _profile(views: Sequence[_ArticleView], items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The measured figures for one article or one outlet (several articles)."""
    own = [t for t in items if t["voice"] == "own"]
    quoted = [t for t in items if t["voice"] == "quoted"]
    own_words = sum(v.own_words() for v in views)
    weighted, weights, subjective = 0.0, 0, []
    for v in views:
        mean, top = v.subjectivity()
        words = v.own_words()
        if mean is not None:
            weighted += mean * words
            weights += words
        subjective += top
    subjective.sort(key=lambda x: -x["score"])
    return {
        # the loaded words, not their phrases: "brutal regime" and "brutal crackdown" count as "brutal"
        "own_terms": _by_frequency([t["word"] for t in own]),
        "quoted_terms": _by_frequency([t["word"] for t in quoted]),
        "own_count": len(own),
        "quoted_count": len(quoted),
        "own_words": own_words,
        "loaded_rate_own": _rate(len(own), own_words),
        "quoted_share": _rate(len(quoted), len(items)),
        "categories_own": dict(Counter(t["category"] for t in own)),
        "subjectivity": round(weighted / weights, 4) if weights else None,
        "subjective_sentences": subjective[:SUBJECTIVE_SENTENCES],
    }


# -- tone toward the main entities -------------------------------------------------------------


def main_entities(story: Story, views: Sequence[_ArticleView]) -> list[dict[str, Any]]:
    """The story's most mentioned entities: {"id", "name", "spans": {article_id: [(start, end)]}}.

    From `story.entities` when the entities stage filled it, else from the spaCy `mentions` layer
    grouped by exact (case- and accent-folded) name, with ids "m1", "m2", ...
    """
    ids = {v.article.id for v in views}
    chosen: list[dict[str, Any]] = []
    if story.entities:
        ranked = sorted(
            (e for e in story.entities if e.get("type") in TONE_TYPES or e.get("type") is None),
            key=lambda e: -int(e.get("count") or len(e.get("evidence") or [])),
        )
        for entity in ranked[:MAIN_ENTITIES]:
            spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for ev in entity.get("evidence") or []:
                if ev.get("article_id") in ids:
                    spans[ev["article_id"]].append((ev["start"], ev["end"]))
            chosen.append(
                {"id": entity["id"], "name": entity.get("name", entity["id"]), "spans": dict(spans)}
            )
        return chosen
    groups: dict[str, dict[str, Any]] = {}
    for v in views:
        for m in v.article.annotations.get("mentions") or []:
            if m.get("label") not in TONE_TYPES:
                continue
            group = groups.setdefault(
                _fold(m["text"]), {"names": Counter(), "count": 0, "spans": defaultdict(list)}
            )
            group["names"][m["text"]] += 1
            group["count"] += 1
            group["spans"][v.article.id].append((m["start"], m["end"]))
    ranked_groups = sorted(groups.values(), key=lambda g: -g["count"])[:MAIN_ENTITIES]
    return [
        {"id": f"m{i}", "name": _display_name(g["names"]), "spans": dict(g["spans"])}
        for i, g in enumerate(ranked_groups, 1)
    ]


def _display_name(names: Counter[str]) -> str:
    """The commonest spelling, preferring "Brennholt" to a dateline's "BRENNHOLT"."""
    return max(names.items(), key=lambda kv: (not kv[0].isupper(), kv[1]))[0]


def tone(entities: Sequence[dict[str, Any]], views: Sequence[_ArticleView]) -> dict[str, dict[str, Any]]:
    """Mean polarity of the own-voice text of the sentences naming each entity, with those sentences."""
    result: dict[str, dict[str, Any]] = {}
    for entity in entities:
        own_scored, all_scored = [], []
        for v in views:
            if not v.scorable:
                continue
            hits = entity["spans"].get(v.article.id, [])
            seen: set[int] = set()
            for i, (s, e) in enumerate(v.sentences):
                if i in seen or not any(s <= hs < e for hs, _ in hits):
                    continue
                seen.add(i)
                own = v.own_texts[i]
                ev = v.article.evidence(s, e)
                all_scored.append((sentiment(v.article.text[s:e])[0], ev))
                if len(WORD_RE.findall(own)) >= MIN_OWN_WORDS:
                    own_scored.append((sentiment(own)[0], ev))
        scored, own_only = (own_scored, True) if own_scored else (all_scored, False)
        if not scored:
            continue
        ranked = sorted(scored, key=lambda x: -abs(x[0]))
        result[entity["id"]] = {
            "name": entity["name"],
            "score": round(sum(p for p, _ in scored) / len(scored), 4),
            "sentences": len(scored),
            "own_voice_only": own_only,
            "evidence": [ev for _, ev in ranked[:TONE_EVIDENCE]],
        }
    return result


# -- word-choice contrasts and coverage --------------------------------------------------------


def contrasts(views_by_outlet: dict[str, list[_ArticleView]]) -> list[dict[str, Any]]:
    """For each referent, the words each outlet uses for it in its own voice, where outlets differ."""
    uses: dict[str, dict[str, list[tuple[str, _ArticleView, dict[str, Any]]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    loaded_words: dict[str, set[str]] = defaultdict(set)
    for outlet, views in views_by_outlet.items():
        for v in views:
            for t in v.referents:
                if t["voice"] != "own":
                    continue
                word = t.get("entry", t["term"]).lower()
                uses[t["referent"]][outlet].append((word, v, t))
                if t["category"] != "neutral":
                    loaded_words[t["referent"]].add(word)
    found = []
    for referent, by_outlet in uses.items():
        choices = {
            outlet: _by_frequency([w for w, _, _ in items]) for outlet, items in sorted(by_outlet.items())
        }
        distinct = {tuple(sorted(words)) for words in choices.values()}
        if len(choices) < 2 or len(distinct) < 2 or not loaded_words[referent]:
            continue
        evidence = []
        for _outlet, items in sorted(by_outlet.items()):
            per_word: Counter[str] = Counter()
            for word, v, t in items:
                if per_word[word] < CONTRAST_EVIDENCE:
                    per_word[word] += 1
                    evidence.append(v.evidence(t["start"], t["end"]))
        found.append(
            {
                "referent": referent,
                "choices": choices,
                "loaded": {o: [w for w in ws if w in loaded_words[referent]] for o, ws in choices.items()},
                "counts": {
                    o: dict(Counter(w for w, _, _ in items)) for o, items in sorted(by_outlet.items())
                },
                "evidence": evidence,
            }
        )
    found.sort(key=lambda c: (-len(c["choices"]), c["referent"]))
    return found


def coverage(story: Story, outlets: Sequence[str]) -> dict[str, Any]:
    """Which claim groups each outlet carries, omits while most others carry them, or alone carries."""
    claims = [c for c in story.claims if c.get("id")]
    table: dict[str, dict[str, list[str]]] = {}
    for outlet in outlets:
        others = len(outlets) - 1
        covers, omits, alone = [], [], []
        for claim in claims:
            sources = set(claim.get("sources") or [])
            if outlet in sources:
                covers.append(claim["id"])
                if sources == {outlet}:
                    alone.append(claim["id"])
            elif len(sources) >= 2 and others and 2 * len(sources - {outlet}) > others:
                omits.append(claim["id"])
        table[outlet] = {"covers": covers, "omits": omits, "alone": alone}
    return {"claim_ids": [c["id"] for c in claims], "outlets": table}


class FramingStage:
    """Fills `story.framing`: per-outlet and per-article profiles, terms, contrasts, coverage."""

    name: str = "framing"
    requires: tuple[str, ...] = ("loaded_terms", "referent_terms", "sources")
    provides: tuple[str, ...] = ("framing",)

    def __call__(self, story: Story, articles: Sequence[Article]) -> None:
        lexicon = load_lexicon()
        for a in articles:
            refresh_terms(a, lexicon)  # after a lexicon edit, `parallax recluster` re-frames every story
        originals = independent(articles) or list(articles)
        views = {a.id: _ArticleView(a) for a in articles}
        entity_ids = {
            _fold(alias): e["id"]
            for e in story.entities
            for alias in [e.get("name", ""), *(e.get("aliases") or [])]
            if alias
        }
        names = {e["id"]: e.get("name", e["id"]) for e in story.entities}
        items_by_article = {a.id: _term_items(views[a.id], entity_ids, names) for a in articles}
        table = load_outlets(find_outlets_file(articles))
        entities = main_entities(story, [views[a.id] for a in originals])

        by_outlet: dict[str, list[_ArticleView]] = defaultdict(list)
        for a in originals:
            if a.source:
                by_outlet[a.source].append(views[a.id])

        outlets = {}
        for outlet, outlet_views in sorted(by_outlet.items()):
            items = [t for v in outlet_views for t in items_by_article[v.article.id]]
            outlets[outlet] = {
                "articles": [v.article.id for v in outlet_views],
                **_profile(outlet_views, items),
                "tone": tone(entities, outlet_views),
                "metadata": metadata_for(outlet, table),
            }
        article_profiles = {}
        for a in articles:
            article_profiles[a.id] = {
                "source": a.source,
                "duplicate_of": a.duplicate_of,
                **_profile([views[a.id]], items_by_article[a.id]),
                "tone": tone(entities, [views[a.id]]),
            }
        story.framing = {
            "outlets": outlets,
            "articles": article_profiles,
            "entities": [{"id": e["id"], "name": e["name"]} for e in entities],
            "unattributed": [
                a.id for a in originals if not a.source
            ],  # no outlet known: profiled per article
            "terms": [t for a in originals for t in items_by_article[a.id]],
            "contrasts": contrasts(dict(by_outlet)),
            "coverage": coverage(story, sorted(by_outlet)),
        }
