"""Claims aligned across a story's sources: agreements, contradictions and single-source claims.

No NLI model ships offline, so each judgement is built from signals a reader can check: two
claims join one group when the multilingual sentence encoder finds them close *and* they share
an anchor (an entity, a number or a date), never on topic similarity alone. A contradiction is
decided by one explicit rule (numbers, dates, outcomes, roles, denial, negation, places), driven by the
user-extensible lexicons in `parallax/data/`, and records which rule fired. Precision comes
first: a false contradiction costs a reader's trust, so every rule also checks the ways two
claims can differ without disagreeing (a rounded figure, a month that holds the date, a city
inside a province, a state that has since changed).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from parallax.annotate.claims import NUMBER_WORDS, SAY_VERBS, find_numbers, fold, text_denial
from parallax.annotate.names import as_written
from parallax.compare.outlets import outlet_labels
from parallax.model import Article, Story

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

# Alignment: cosine similarity needed to join a group (with a shared anchor), and to compare at all.
ALIGN_MIN = 0.5
ALIGN_LOW = 0.4
ALIGN_GROUP = 0.5  # mean similarity across two groups being joined
# Claims worded further apart still align when they state the same predicate about the same argument
# ('his body was recovered' / 'rescuers recovered the body'), with one more anchor below ALIGN_LOW.
ALIGN_STRUCTURE_MIN = 0.3  # ... down to this similarity, of the pair and of the groups it joins
TOPIC_SHARE = 0.12  # a name in more than this share of a story's claims is its topic, not an anchor
TOPIC_MIN_CLAIMS = 60
COMPARE_MIN = 0.15
# Each claim is compared with at most this many of its closest claims: all of them in a story of
# a few dozen articles, a bounded number in a story of a thousand (pairs then grow linearly).
CLAIM_NEIGHBOURS = 256
REPORT_MIN_CONFIDENCE = 0.6
SINGLE_SOURCE_PER_OUTLET = 12

NAME_STOPWORDS = {
    "the", "a", "an", "and", "of", "in", "on", "at", "for", "to", "mr", "mrs", "ms", "dr", "gen", "said", "el",
    "la", "los", "las", "de", "del", "y", "en", "he", "she", "they", "it", "this", "that", "but", "when", "after",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "marzo", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "police", "court",
}  # fmt: skip
LIGHT_VERBS = {"hold", "take", "have", "make", "give", "be", "do", "get", "go", "come"}
GENERIC_OBJECTS = {
    "point",
    "time",
    "day",
    "way",
    "week",
    "month",
    "year",
    "morning",
    "evening",
    "night",
    "it",
}
IRREALIS = re.compile(
    r"\b(be|been|would|could|should|will|might|may|must|demand\w*|call\w* for|until|unless|if|whether|not|"
    r"never|no|urg\w*|want\w*|hope\w*|expect\w*|seek\w*|sought)\b[^.]{0,25}$",
    re.IGNORECASE,
)


@cache
def lexicon(name: str) -> dict[str, Any]:
    """A data file from parallax/data (outcomes, offices, places), loaded once."""
    data: dict[str, Any] = json.loads((DATA_DIR / f"{name}.json").read_text("utf-8"))
    return data


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({fold(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in alternatives) + r")(?![\w-])")


@cache
def _word_classes(section: str) -> dict[str, set[str]]:
    """word -> the classes it belongs to, for `event_classes` or `counted_classes`."""
    out: dict[str, set[str]] = defaultdict(set)
    for cls, words in lexicon("outcomes")[section].items():
        for word in words:
            out[fold(word)].add(cls)
    return dict(out)


@cache
def _state_patterns() -> dict[str, re.Pattern[str]]:
    return {state: _phrase_pattern(phrases) for state, phrases in lexicon("outcomes")["states"].items()}


# -- claims as the triangulator sees them -------------------------------------------------------


@dataclass
class ClaimRef:
    """One article claim with everything the alignment and the rules compare."""

    index: int
    article: Article
    claim: dict[str, Any]
    origin: str  # the original article's id (copies point to their original)
    outlet: str
    is_copy: bool
    entity_ids: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # folded name tokens of any entity
    people: set[str] = field(default_factory=set)  # folded name tokens of people (and e: ids of people)
    places: set[str] = field(default_factory=set)  # folded name tokens of places
    states: dict[str, str] | None = None  # outcome states, read once
    words: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)  # event classes named anywhere in the claim
    head_events: set[str] = field(default_factory=set)  # event classes of the main predicate
    # (figure, what it counts, events named near it), read once: the rules compare each claim many times
    number_profile: list[tuple[dict[str, Any], str | None, set[str]]] | None = None
    # what the claim states of what: 'predicate|argument' keys ('recover|body', 'kill|girl'), the
    # predicate as its event class and its verb stem, so 'X's arrest' meets 'police detained X'
    structure: frozenset[str] = frozenset()
    # dates read once per story year: the days of the event, and every date named
    day_dates: dict[str | None, dict[str, str]] = field(default_factory=dict)
    all_dates: dict[str | None, frozenset[str]] = field(default_factory=dict)

    @property
    def denied(self) -> bool:
        """The claim states a proposition only to call it false ('officials denied that X')."""
        return bool(self.claim.get("denial"))

    @property
    def start(self) -> int:
        return int(self.claim["start"])

    @property
    def end(self) -> int:
        return int(self.claim["end"])

    def evidence(self) -> dict[str, Any]:
        return self.article.evidence(self.start, self.end)

    def embed_text(self) -> str:
        text = str(self.claim["text"])
        subject = self.claim.get("subject")
        if subject and subject not in text:
            return f"{subject} {text}"
        return text


def _entity_index(story: Story) -> dict[str, list[tuple[int, int, str, str]]]:
    """article id -> (start, end, entity id, type) of every entity mention the entities stage found."""
    index: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for entity in story.entities:
        for ev in entity.get("evidence") or []:
            index[ev["article_id"]].append((ev["start"], ev["end"], entity["id"], entity.get("type") or ""))
    return index


def _name_tokens(text: str) -> set[str]:
    return {
        t
        for t in re.findall(r"\w+", fold(text))
        if len(t) >= 3 and t not in NAME_STOPWORDS and not t.isdigit()
    }


PRONOUNS = {"he", "she", "him", "her", "they", "them"}


def name_vocabulary(story: Story, articles: Sequence[Article]) -> tuple[set[str], set[str], set[str]]:
    """Folded name tokens of any entity, of people and of places, across the whole story.

    A name that spaCy tags as a person once counts as a person everywhere in the story,
    so a sentence-initial 'Brezník' or a mislabelled 'Irena Kalman' still anchors a claim.
    """
    names: set[str] = set()
    votes: Counter[str] = Counter()  # > 0: tagged a person more often than anything else
    for article in articles:
        for mention in article.annotations.get("mentions") or []:
            tokens = _name_tokens(mention["text"])
            names |= tokens
            for token in tokens:
                votes[token] += 1 if mention["label"] == "PERSON" else -1
    people = {token for token, vote in votes.items() if vote > 0}
    place_votes: Counter[str] = Counter()
    for article in articles:
        for mention in article.annotations.get("mentions") or []:
            for token in _name_tokens(mention["text"]):
                place_votes[token] += 1 if mention["label"] in ("GPE", "LOC", "FAC") else -1
    places = {token for token, vote in place_votes.items() if vote > 0 and token not in people}
    # Nationalities ("Russian", "Cuban") describe a story's setting, not which fact a claim states.
    norp = Counter(
        token
        for article in articles
        for mention in article.annotations.get("mentions") or []
        if mention["label"] == "NORP"
        for token in _name_tokens(mention["text"])
    )
    names -= {token for token in norp if token not in people}
    for entity in story.entities:
        tokens = set().union(
            *(_name_tokens(n) for n in [entity.get("name", ""), *(entity.get("aliases") or [])])
        )
        names |= tokens
        if entity.get("type") == "PERSON":
            people |= tokens
    return names, people, places


def build_refs(story: Story, articles: Sequence[Article]) -> list[ClaimRef]:
    by_id = {a.id: a for a in articles}
    labels = outlet_labels(articles)  # an article without an outlet is its own, shown by its title
    name_vocab, person_vocab, place_vocab = name_vocabulary(story, articles)
    entity_index = _entity_index(story)
    entity_types = {e["id"]: e.get("type") for e in story.entities}
    event_words = _word_classes("event_classes")
    refs: list[ClaimRef] = []
    for article in articles:
        original = by_id.get(article.duplicate_of or "") if article.duplicate_of else None
        origin = original.id if original else article.id
        outlet = labels[(original or article).id]
        for claim in article.annotations.get("claims") or []:
            ref = ClaimRef(len(refs), article, claim, origin, outlet, is_copy=original is not None)
            for start, end, entity_id, _type in entity_index.get(article.id, []):
                if start < ref.end and ref.start < end:
                    ref.entity_ids.add(entity_id)
                    if entity_types.get(entity_id) == "PERSON":
                        ref.people.add("e:" + entity_id)
            for mention in claim.get("mentions") or []:
                ref.names |= _name_tokens(mention["text"]) & name_vocab
            text = str(claim["text"])
            capitalised = {fold(w) for w in re.findall(r"\b[A-ZÁÉÍÓÚČŠŽŘĆ][\w-]{2,}", text)} - NAME_STOPWORDS
            ref.names |= capitalised & name_vocab
            subject = str(claim.get("subject") or "")
            ref.names |= _name_tokens(subject) & name_vocab  # a clause that shares its sentence's subject
            ref.names |= _name_tokens(str(claim.get("attributed_to") or "")) & name_vocab  # who says it
            if fold(subject) in PRONOUNS:
                ref.names |= _name_tokens(_salient_person_before(article, ref.start, person_vocab))
            ref.people = (ref.names & person_vocab) | ref.people
            ref.places = ref.names & place_vocab
            ref.names |= ref.entity_ids
            ref.words = set(re.findall(r"\w+", fold(text)))
            ref.events = {cls for w in ref.words for cls in event_words.get(w, ())}
            predicate = fold(claim.get("predicate") or "")
            heads = {predicate} if predicate and predicate not in LIGHT_VERBS else set()
            if not heads:
                heads = {fold(o) for o in claim.get("objects") or []}
            ref.head_events = {cls for w in heads for cls in event_words.get(w, ())} or (
                ref.events if not predicate else set()
            )
            ref.structure = claim_structure(claim)
            refs.append(ref)
    return refs


def _salient_person_before(article: Article, offset: int, person_vocab: set[str]) -> str:
    """The person a 'he' or 'she' most likely refers to: the one named most often so far, latest on a tie.

    News text keeps its protagonist as the pronoun's referent; the last name before the pronoun
    is often a bystander ("... his wife, Hana. He has not been charged").
    """
    counts: Counter[str] = Counter()
    last_seen: dict[str, int] = {}
    names: dict[str, str] = {}
    for mention in article.annotations.get("mentions") or []:
        if mention["end"] > offset:
            break
        tokens = _name_tokens(mention["text"]) & person_vocab
        if not tokens:
            continue
        for token in tokens:
            counts[token] += 1
            last_seen[token] = mention["start"]
            names[token] = mention["text"]
    if not counts:
        return ""
    best = max(counts, key=lambda t: (counts[t], last_seen[t]))
    return names[best]


# -- embeddings ------------------------------------------------------------------------------


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors from the multilingual sentence encoder for one story's claims.

    The batches are made from this story's own texts only (sorted, unique), never from a
    cache filled by other stories: the encoder's last bits depend on batch composition, and a
    story must get the same vectors, hence the same groups, whatever the process did before.
    """
    from parallax.annotate.embed import UniversalSentenceEncoder

    if not texts:
        return np.zeros((0, UniversalSentenceEncoder.dim), dtype=np.float32)
    unique = sorted(set(texts))
    encoder = UniversalSentenceEncoder()
    vectors: dict[str, np.ndarray] = {}
    for start in range(0, len(unique), 256):
        batch = unique[start : start + 256]
        vectors.update(zip(batch, encoder.encode(batch), strict=True))
    return np.stack([vectors[t] for t in texts])


class Similarities:
    """Cosine similarities between a story's claim vectors, never held as one n-by-n matrix.

    A story told by a thousand articles has tens of thousands of claims; the full matrix
    would take gigabytes. Pairs above a threshold are found one block of rows at a time, and
    the mean similarity between two groups is the dot product of their vector sums.
    """

    BLOCK_CELLS = 1 << 24  # about 64 MB of float32 per block

    def __init__(self, vectors: np.ndarray, floor: float | None = None) -> None:
        self.vectors = np.asarray(vectors, dtype=np.float32)
        # The lowest threshold any caller will ask for: the nearest pairs are then found once, at
        # that floor, and each request keeps the ones at or above its own threshold.
        self.floor = floor
        self._nearest: dict[int, tuple[float, tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}

    def __len__(self) -> int:
        return len(self.vectors)

    def pairs(
        self, threshold: float, neighbours: int | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(i, j, similarity) for every i < j at or above `threshold`, in row-major order.

        With `neighbours`, a pair is kept only when one of the two is among the other's
        `neighbours` closest; that is every pair while the story has no more claims than that.
        """
        n = len(self.vectors)
        if neighbours is not None and neighbours < n - 1:
            cached = self._nearest.get(neighbours)
            if cached is None or threshold < cached[0]:
                found_at = threshold if self.floor is None else min(threshold, self.floor)
                cached = self._nearest[neighbours] = (found_at, self._nearest_pairs(found_at, neighbours))
            found = cached[1]
            keep = found[2] >= threshold
            return found[0][keep], found[1][keep], found[2][keep]
        rows = max(1, min(n, self.BLOCK_CELLS // max(n, 1)))
        out_i, out_j, out_s = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)], [np.zeros(0, np.float32)]
        for start in range(0, n, rows):
            block = self.vectors[start : start + rows] @ self.vectors[start:].T
            r, c = np.nonzero(np.triu(block >= threshold, 1))
            out_i.append(r + start)
            out_j.append(c + start)
            out_s.append(block[r, c])
        return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)

    def _nearest_pairs(self, threshold: float, neighbours: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n = len(self.vectors)
        rows = max(1, min(n, self.BLOCK_CELLS // n))
        keys, sims = [np.zeros(0, np.int64)], [np.zeros(0, np.float32)]
        for start in range(0, n, rows):
            block = self.vectors[start : start + rows] @ self.vectors.T
            block[np.arange(len(block)), np.arange(start, start + len(block))] = -np.inf  # not itself
            top = np.argpartition(-block, neighbours - 1, axis=1)[:, :neighbours]
            close = np.take_along_axis(block, top, axis=1)
            r, c = np.nonzero(close >= threshold)
            i, j = r + start, top[r, c]
            keys.append(np.minimum(i, j) * n + np.maximum(i, j))
            sims.append(close[r, c])
        unique, first = np.unique(np.concatenate(keys), return_index=True)
        return unique // n, unique % n, np.concatenate(sims)[first]

    def mean(self, left: Sequence[int], right: Sequence[int]) -> float:
        """The mean similarity over every (left, right) pair."""
        total = self.vectors[list(left)].sum(axis=0) @ self.vectors[list(right)].sum(axis=0)
        return float(total) / (len(left) * len(right))


# -- anchors and alignment --------------------------------------------------------------------


def _number_keys(ref: ClaimRef) -> set[float]:
    return {
        float(n["value"])
        for n in ref.claim.get("numbers") or []
        if n.get("unit") != "age" and n["value"] >= 2
    }


def _close_numbers(a: ClaimRef, b: ClaimRef) -> int:
    """Figures that agree without being equal: 'more than 3,000', 'about 3,200' and '3,214'."""
    found = 0
    for na in a.claim.get("numbers") or []:
        for nb in b.claim.get("numbers") or []:
            x, y = float(na["value"]), float(nb["value"])
            if x != y and min(x, y) >= 10 and abs(x - y) <= 0.1 * max(x, y) and numbers_compatible(na, nb):
                found += 1
    return found


def _full_date(value: str, year: str | None) -> str:
    return f"{year}{value[1:]}" if value.startswith("--") and year else value


def shared_anchors(
    a: ClaimRef, b: ClaimRef, year: str | None, topic: frozenset[str] = frozenset(), structure: bool = False
) -> int:
    """How many entities, numbers and dates two claims share: the same fact needs at least one.

    Names in `topic` (the ones most of the story's claims mention) say what the story is about,
    not which fact a claim states, so they do not count. With `structure` (the two state one predicate
    about one argument, `shares_structure`), that counts as one more anchor, unless the two set it in
    two places or times (`two_settings`).
    """
    names = (a.names & b.names) - topic
    names_count = len({n for n in names if not n.startswith("e:")}) or len(names)
    numbers = len(_number_keys(a) & _number_keys(b)) + _close_numbers(a, b)
    same_structure = structure and not two_settings(a, b)
    return names_count + numbers + len(_all_dates(a, year) & _all_dates(b, year)) + same_structure


def shared_anchor(a: ClaimRef, b: ClaimRef, year: str | None) -> bool:
    return shared_anchors(a, b, year) > 0


def topic_names(refs: Sequence[ClaimRef]) -> frozenset[str]:
    """Names so common in a large story that sharing them says nothing about sharing a fact."""
    if len(refs) < TOPIC_MIN_CLAIMS:
        return frozenset()
    counts = Counter(n for r in refs for n in r.names)
    return frozenset(n for n, c in counts.items() if c / len(refs) > TOPIC_SHARE)


def may_align(
    a: ClaimRef,
    b: ClaimRef,
    sim: float,
    year: str | None,
    topic: frozenset[str] = frozenset(),
    structure: bool = False,
) -> bool:
    """Close wording with a shared anchor, or fairly close wording with two shared anchors; one
    predicate about one argument (`structure`) is an anchor, and with one more anchor it aligns
    wording as loose as ALIGN_STRUCTURE_MIN."""
    anchors = shared_anchors(a, b, year, topic, structure)
    if (sim >= ALIGN_MIN and anchors >= 1) or (sim >= ALIGN_LOW and anchors >= 2):
        return True
    return structure and sim >= ALIGN_STRUCTURE_MIN and anchors >= 2 and not two_settings(a, b)


def two_settings(a: ClaimRef, b: ClaimRef) -> bool:
    """The two claims set what they state in two named places, on two dates or days, or at two clock
    times: one predicate about one argument there is two events ('the body was found in X' / 'in Y')."""
    places_a, places_b = _located(a), _located(b)
    if places_a and places_b and not any(same_place_name(x, y) for x in places_a for y in places_b):
        return True
    dated_a = {d for d in _all_dates(a, None) if not d.startswith("--")}
    dated_b = {d for d in _all_dates(b, None) if not d.startswith("--")}
    if dated_a and dated_b and not dates_compatible(dated_a, dated_b):
        return True
    days_a, days_b = _weekdays(a), _weekdays(b)
    clock_a, clock_b = _clock_times(a), _clock_times(b)
    return bool(
        (days_a and days_b and not days_a & days_b) or (clock_a and clock_b and not clock_a & clock_b)
    )


def align(refs: Sequence[ClaimRef], sims: Similarities, year: str | None) -> list[list[int]]:
    """Greedy average-link grouping: at most one claim per article in a group, every join anchored.

    Pairs worded below ALIGN_LOW are looked at only when they state one predicate about one argument
    (screened in bulk, `shares_structure`); such a pair may join groups whose mean similarity is as
    low as ALIGN_STRUCTURE_MIN, since its agreement is read from the parse, not from the wording."""
    group_of = list(range(len(refs)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(refs))}
    articles: dict[int, set[str]] = {i: {r.article.id} for i, r in enumerate(refs)}  # each group's articles
    topic = topic_names(refs)
    first, second, close = sims.pairs(ALIGN_STRUCTURE_MIN, CLAIM_NEIGHBOURS)
    structural = shares_structure(structure_pairs(refs), first, second, len(refs))
    keep = (close >= ALIGN_LOW) | structural
    first, second, close, structural = first[keep], second[keep], close[keep], structural[keep]
    order = np.argsort(-close, kind="stable")
    columns = (first[order], second[order], close[order], structural[order])
    for i, j, sim, structure in pair_tuples(*columns):
        gi, gj = group_of[i], group_of[j]
        if gi == gj or not articles[gi].isdisjoint(articles[gj]):  # cheap refusals first: in a long
            continue  # story most pairs are already together, or one article would appear twice
        left, right = members[gi], members[gj]
        if not may_align(refs[i], refs[j], sim, year, topic, structure):
            continue
        if sims.mean(left, right) < (ALIGN_STRUCTURE_MIN if structure else ALIGN_GROUP):
            continue
        for k in right:
            group_of[k] = gi
        left.extend(right)
        articles[gi] |= articles.pop(gj)
        del members[gj]
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


# -- contradiction rules -----------------------------------------------------------------------


def _hedged(a: ClaimRef, b: ClaimRef) -> bool:
    """Either side only hedges its statement ('reportedly', 'may have'): every rule's confidence drops."""
    return bool(a.claim.get("hedged") or b.claim.get("hedged"))


@dataclass
class Finding:
    kind: str
    subject: str  # what it is about, for the reader
    key: str  # what makes two findings the same disagreement
    signal: str
    confidence: float
    values: tuple[str, str]  # each side's position
    refs: tuple[ClaimRef, ClaimRef]
    spans: tuple[tuple[int, int], tuple[int, int]] | None = None  # evidence wider than the claims (roles)


def _counted_class(ref: ClaimRef, number: dict[str, Any]) -> str | None:
    if number.get("unit") == "money":
        return "money"
    if number.get("unit") == "percent":
        return "percent"
    after = fold(ref.article.text[number["end"] : number["end"] + 40])
    counted = _word_classes("counted_classes")
    words = re.findall(r"[\w€$£]+", after)
    if words[:1] == ["of"]:  # "40 of our comrades"
        words = [w for w in words[1:4] if w not in ("our", "the", "their", "its", "his", "her", "los", "las")]
    for word in words[:3]:
        if word in counted:
            return sorted(counted[word])[0]
        if word in ("them", "us", "those", "these", "you"):
            return None
    return None


def _events_near(ref: ClaimRef, number: dict[str, Any], reach: int = 60) -> set[str]:
    """Kinds of event named near a figure, not by the figure itself: '$5 million' names no payment
    (the 'million' of any sum would make every two sums one count)."""
    start = max(ref.start, number["start"] - reach)
    end = min(ref.end, number["end"] + reach)
    text = ref.article.text
    figure_end = max(start, min(end, int(number["end"])))
    figure_start = max(start, min(figure_end, int(number["start"])))
    words = re.findall(r"\w+", fold(text[start:figure_start] + " " + text[figure_end:end]))
    event_words = _word_classes("event_classes")
    return {cls for w in words for cls in event_words.get(w, ())}


def _number_profile(ref: ClaimRef) -> list[tuple[dict[str, Any], str | None, set[str]]]:
    if ref.number_profile is None:
        ref.number_profile = [
            (n, _counted_class(ref, n), _events_near(ref, n)) for n in ref.claim.get("numbers") or []
        ]
    return ref.number_profile


def numbers_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal, or one is a bound or a rounding that the other satisfies."""
    x, y = float(a["value"]), float(b["value"])
    qa, qb = a.get("qualifier", "exact"), b.get("qualifier", "exact")
    if x == y:
        return True
    for (v, q), (w, other) in (((x, qa), (y, qb)), ((y, qb), (x, qa))):
        if q == "nearly" and w > v and other in ("exact", "more_than", "at_least"):
            return False  # 'nearly 23,000' / 'over 24,000': the other is past what nearly reaches
        # a stated bound is no rounding: 'over 170,000' / '167,000', 'under 50' / '52'
        if other == "exact" and ((q in ("more_than", "at_least") and w < v) or (q == "less_than" and w > v)):
            return False
    for (v, q), w in (((x, qa), y), ((y, qb), x)):
        if q in ("about", "nearly") and abs(v - w) <= 0.1 * max(v, w):
            return True
        if q in ("more_than", "at_least") and w >= v:
            return True
        if q == "less_than" and w <= v:
            return True
    if {qa, qb} <= {"more_than", "at_least"} or {qa, qb} == {"less_than"}:
        return True  # two lower (or two upper) bounds never exclude each other
    round_x, round_y = _is_round(x), _is_round(y)
    return (round_x or round_y) and abs(x - y) <= 0.05 * max(x, y)


def _is_round(value: float) -> bool:
    return (value >= 100 and value % 100 == 0) or (value >= 10 and value % 10 == 0)


@cache
def _counted_or_pronoun() -> frozenset[str]:
    """Subjects that do not make two figures one count: "he", or what is counted ("officers")."""
    return frozenset(PRONOUNS) | frozenset(_word_classes("counted_classes"))


def rule_numeric(a: ClaimRef, b: ClaimRef, sim: float) -> Finding | None:
    """Two figures for one count: the same thing counted (from the parse: 'ten people', 'a magnitude
    of 5.9'), by the same predicate ('killed' / 'died', not 'injured' or 'home to'), of one event
    (no other named place, no other date), and neither a rounding or bound of the other."""
    if (
        a.denied
        or b.denied
        or not a.claim.get("numbers")
        or not b.claim.get("numbers")
        or a.claim.get("negated")
        or b.claim.get("negated")
    ):
        return None
    if _framed(a) and _framed(b):
        return _rule_framed_numeric(a, b, sim)
    if not _one_event(a, b):
        return None  # a figure put in another place, day, time or year counts another event
    subject_a, subject_b = _head(a.claim.get("subject")), _head(b.claim.get("subject"))
    same_subject = set()
    if subject_a and subject_a == subject_b and subject_a not in _counted_or_pronoun():
        same_subject = {
            subject_a
        }  # "Turnout was 41%" / "Turnout reached 58%"; not "nine officers" / "1,180 officers"
    for na, class_a, events_a in _number_profile(a):
        for nb, class_b, events_b in _number_profile(b):
            if "age" in (na.get("unit"), nb.get("unit")) or min(na["value"], nb["value"]) < 2:
                continue
            # The event each figure counts is read near the figure, not anywhere in a long sentence.
            shared_events = events_a & events_b | same_subject
            cls = class_a
            if cls is None or cls != class_b or numbers_compatible(na, nb):
                continue
            if _other_statistic(a, na, b, nb) or _in_range(a, na, nb) or _in_range(b, nb, na):
                continue
            if _other_scope(a, na, b, nb) or _other_sum(a, na, b, nb):
                continue
            if not shared_events and sim < 0.4:
                continue
            if sim < 0.45 and not a.names & b.names and _located(a) != _located(b):
                continue  # loosely worded, nothing named in common, and one count is put somewhere else
            event = sorted(shared_events)[0] if shared_events else "same fact"
            return _numeric_finding(a, b, sim, na, nb, cls, event)
    return None


# A figure that sums many up ('an average of 25%', 'rose 25% on average', 'the median age'): another
# statistic than a figure of some of them, so the two are not one count.
AVERAGE_BEFORE = re.compile(
    r"\b(?:average|averaged|averaging|mean|median)\s+(?:of\s+|at\s+|about\s+)?[€$£]?\s*$", re.I
)
AVERAGE_AFTER = re.compile(r"^\S*\s*(?:%|percent|per cent)?\s*(?:\w+\s+){0,2}on average\b", re.I)
# The top of a range ('43 to 55 percent', 'between 43 and 55', '43-55%'): its low end before it.
RANGE_BEFORE = re.compile(
    r"(?:\bbetween\s+[€$£]?(?P<a>\d[\d,.]*)\s*(?:%|percent|per cent)?\s+and|[€$£]?(?P<b>\d[\d,.]*)\s*"
    r"(?:%|percent|per cent)?\s*(?:to|-|–)|\bfrom\s+[€$£]?(?P<c>\d[\d,.]*)\s*(?:%|percent|per cent)?\s+to)\s*[€$£]?$",
    re.I,
)


def _other_statistic(a: ClaimRef, na: dict[str, Any], b: ClaimRef, nb: dict[str, Any]) -> bool:
    """One figure is an average of many and the other is not."""
    return _is_average(a, na) != _is_average(b, nb)


def _is_average(ref: ClaimRef, number: dict[str, Any]) -> bool:
    text, start, end = ref.article.text, int(number["start"]), int(number["end"])
    return bool(
        AVERAGE_BEFORE.search(text[max(0, start - 30) : start]) or AVERAGE_AFTER.match(text[end : end + 40])
    )


def _in_range(ref: ClaimRef, top: dict[str, Any], other: dict[str, Any]) -> bool:
    """`top` closes a range the other figure falls in ('rose 43 to 55 percent' holds '50 percent')."""
    text, start = ref.article.text, int(top["start"])
    match = RANGE_BEFORE.search(text[max(0, start - 40) : start])
    if not match:
        return False
    try:
        low = float((match.group("a") or match.group("b") or match.group("c")).replace(",", ""))
    except ValueError:
        return False
    value, high = float(other["value"]), float(top["value"])
    return low < high and low <= value <= high


def _numeric_finding(
    a: ClaimRef, b: ClaimRef, sim: float, na: dict[str, Any], nb: dict[str, Any], cls: str, event: str
) -> Finding:
    confidence = 0.72 + (0.1 if sim >= 0.45 else 0) + (0.05 if a.names & b.names else 0)
    confidence -= 0.15 if _hedged(a, b) else 0
    return Finding(
        "numeric",
        f"number of {cls} ({event})",
        f"numeric:{cls}:{event}",
        f"different figures for the same count: {cls} in a '{event}' claim, and neither figure is a "
        "rounding or bound of the other",
        round(min(confidence, 0.95), 2),
        (na["text"], nb["text"]),
        (a, b),
    )


def _framed(ref: ClaimRef) -> bool:
    """The claim's figures carry what they count (`annotate.claims.number_frames`: English with a parse)."""
    return all("counts" in n for n in ref.claim.get("numbers") or [])


# Measures whose figure describes the event or place as a whole: any predicate may state them
# ('it had a magnitude of 5.9', 'the 6.1-magnitude quake struck').
WHOLE_MEASURES = frozenset({"magnitude", "population"})


def _frame_class(number: dict[str, Any]) -> str | None:
    """What a figure counts, as a class of `counted_classes` / `measure_classes` (else the noun itself)."""
    unit = number.get("unit")
    if unit in ("money", "percent"):
        return str(unit)
    counts = number.get("counts")
    if (
        number.get("head") == "home"
        and counts
        and _word_classes("counted_classes").get(str(counts)) == {"people"}
    ):
        return "population"  # 'Qeshm, home to 120,000 people': everyone who lives there
    if not counts:  # "50 were injured", "30 dead": a count of people when its predicate happens to people
        return "people" if number.get("head") and _frame_events_of(number) & HUMAN_EVENTS else None
    for section in ("counted_classes", "measure_classes"):
        table = _word_classes(section)  # the lists hold plurals ('weeks'), the parse gives lemmas
        classes = table.get(counts) or table.get(counts + "s") or table.get(counts + "es")
        if classes:
            return sorted(classes)[0]
    # A noun no list knows, killed or injured ('two drivers were killed'): a count of people. Not
    # one seized, evacuated or released: 'seized nine rifles', 'two helicopters were evacuating';
    # nor places the killing spread over ('killed 230,000 people in 14 countries').
    if str(counts) in PLACE_NOUNS:
        return str(counts)
    return "people" if _frame_events_of(number) & HARMED else str(counts)


PLACE_NOUNS = frozenset({
    "country", "nation", "state", "province", "region", "city", "town", "village", "district", "county",
    "island", "area", "place", "site", "location", "continent", "neighbourhood", "neighborhood",
})  # fmt: skip


# Event classes (`outcomes.json`) that happen to people: an uncounted figure under them counts people.
HUMAN_EVENTS = frozenset({"kill", "injure", "detain", "evacuate", "release", "charge"})
HARMED = frozenset({"kill", "injure"})  # of those, what only befalls the living


def _frame_events_of(number: dict[str, Any]) -> set[str]:
    return _event_classes_of(str(number.get("head") or ""))


def _frame_events(ref: ClaimRef, number: dict[str, Any]) -> set[str]:
    """The predicate a figure belongs to, as event classes (and the lemma itself); read next to the
    figure only when the parse gives no predicate that names an event ('recorded 24 people dead')."""
    head = number.get("head")
    if not head:
        return _events_near(ref, number, reach=40)
    classes = _event_classes_of(head)
    if "shoot" in classes and SHOT_DEAD.search(_around(ref, number, 30)):
        return (classes - {"shoot"}) | {"kill"}  # 'shot dead', 'shot to death': killed, not shot
    deeds = _timed_deeds(ref, number, str(head)) | _object_events(ref, number, str(head))
    return classes | {head} | deeds if classes else {head} | deeds | _events_near(ref, number, reach=40)


OBJECT_REACH = 2  # words after a verb that may name what it takes ('had received medical treatment')


def _object_events(ref: ClaimRef, number: dict[str, Any], head: str) -> set[str]:
    """The kind of event the object of a figure's verb names, when the figure is its subject: 'five
    people received treatment' were injured, '300 people took shelter' fled. Read on the verb's
    first occurrence after the figure, in the claim."""
    stem = head.split("_")[0]
    if len(stem) < 3:
        return set()
    after = fold(ref.article.text[int(number["end"]) : ref.end])
    match = re.search(
        rf"\b{re.escape(stem[: max(3, len(stem) - 2)])}[a-z]*\b((?:\s+[a-z]+){{1,{OBJECT_REACH}}})", after
    )
    if match is None:
        return set()
    classes = _word_classes("event_classes")
    return {c for w in match.group(1).split() for c in classes.get(w, ())}


DURATION_OF = re.compile(r"^\s*[a-z]*\s*of\s+([a-z]+)", re.IGNORECASE)  # '30 hours of deliberation'
# 'locked down the area for three hours while they negotiated', '... during negotiations': the
# clause or noun after 'while' / 'during' fills the same stretch of time, so it is a deed it times too.
DURATION_WHILE = re.compile(
    r"^[^.;:,]{0,40}?\bwhile\s+(?:(?:the|they|he|she|it|we|police|officers|\w+s)\s+)?(?:were\s+|was\s+)?([a-z]+)",
    re.IGNORECASE,
)
DURATION_DURING = re.compile(
    r"^[^.;:,]{0,40}?\bduring\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+)?([a-z]+)(?:\s+([a-z]+))?",
    re.IGNORECASE,
)
NAMED_DEED_BONUS = 0.1  # a length of time tied to one named deed in both claims is no loose match
DEED_STEM = 6  # 'deliberated' / 'deliberation', 'negotiated' / 'negotiations': one deed


def _timed_deeds(ref: ClaimRef, number: dict[str, Any], head: str) -> set[str]:
    """What a length of time is the length of: the verb it hangs off ('deliberated for 40 hours') or
    the noun it is 'of' ('30 hours of deliberation'), as a rough stem, so the two wordings meet."""
    counts = str(number.get("counts") or "")
    table = _word_classes("measure_classes")
    if "duration" not in table.get(counts, set()) | table.get(counts + "s", set()):
        return set()
    words = [head]
    after = ref.article.text[int(number["end"]) : int(number["end"]) + 80]
    for pattern in (DURATION_OF, DURATION_WHILE, DURATION_DURING):
        match = pattern.match(after)
        if match:
            words += [fold(w) for w in match.groups() if w]
    return {"deed:" + w[:DEED_STEM] for w in words if len(w) >= DEED_STEM}


# A shooting that killed: the people counted are the dead, not all who were shot.
SHOT_DEAD = re.compile(r"\b(?:shot|shoot|shooting|shoots|gunned)\s+(?:\w+\s+){0,3}?(?:dead|to death)\b", re.I)


def _around(ref: ClaimRef, number: dict[str, Any], reach: int) -> str:
    """The claim's text within `reach` characters of a figure."""
    start = max(ref.start, int(number["start"]) - reach)
    return ref.article.text[start : min(ref.end, int(number["end"]) + reach)]


def _frame_profile(ref: ClaimRef) -> list[tuple[dict[str, Any], str | None, set[str]]]:
    if ref.number_profile is None:
        ref.number_profile = [
            (n, _people_by_nationality(ref, n) or _frame_class(n), _frame_events(ref, n))
            for n in ref.claim.get("numbers") or []
            if n.get("unit") != "age" and not n.get("partial") and not _conversion(ref, n)
        ]
    return ref.number_profile


CONVERSION_BEFORE = re.compile(r"\(\s*(?:about|around|some|roughly|approximately|nearly)?\s*$", re.IGNORECASE)


def _conversion(ref: ClaimRef, number: dict[str, Any]) -> bool:
    """A measure given again in another unit in brackets ('10 kilometres (6.2 miles)'): the first
    figure states the fact; the rounded conversion is no second value of it."""
    units = _word_classes("measure_classes")
    if number.get("counts") not in units:
        return False
    before = ref.article.text[max(0, int(number["start"]) - 16) : int(number["start"])]
    return bool(CONVERSION_BEFORE.search(before))


def _people_by_nationality(ref: ClaimRef, number: dict[str, Any]) -> str | None:
    """'350 Palestinians', 'nine Israelis': a figure that counts a nationality or group (spaCy NORP)
    counts people."""
    counts = fold(str(number.get("counts") or ""))
    if not counts or _listed_count(number):
        return None
    groups = {word_stem(fold(m["text"])) for m in ref.claim.get("mentions") or [] if m["label"] == "NORP"}
    return "people" if word_stem(counts) in groups else None


def _one_event(a: ClaimRef, b: ClaimRef) -> bool:
    """Nothing says the two claims are about two events: no two different named places, no two dates."""
    places_a, places_b = _located(a), _located(b)
    two_places = places_a and places_b and not any(same_place_name(x, y) for x in places_a for y in places_b)
    if two_places and not _placed_itself(a, places_b) and not _placed_itself(b, places_a):
        return False  # ...unless one claim is about the other's place and says where it lies
    dated_a = {d for d in _all_dates(a, None) if not d.startswith("--")}
    dated_b = {d for d in _all_dates(b, None) if not d.startswith("--")}
    if dated_a and dated_b and not dates_compatible(dated_a, dated_b):
        return False
    # Weekdays the article's date could not resolve: 'on Sunday' and 'on Thursday' are two events.
    days_a, days_b = _weekdays(a), _weekdays(b)
    if days_a and days_b and not days_a & days_b:
        return False
    # Two clock times ('at 9:27 a.m.' / 'at 2:09 a.m.') are two events for a figure to count.
    clock_a, clock_b = _clock_times(a), _clock_times(b)  # read over the sentence: one clause may lack it
    if clock_a and clock_b and not clock_a & clock_b:
        return False
    if _another_event(a) or _another_event(b):
        return False  # 'three were killed in an attack on another school', 'in a separate attack'
    # A figure put in a past month or year ('in 2004', 'in February', 'last year') is background:
    # it counts another event than an undated figure of the news.
    return _background(a) == _background(b)


def _placed_itself(ref: ClaimRef, places: frozenset[str]) -> bool:
    """The claim is about a place the other claim puts its event in, and says where that place lies
    ('Qeshm is an island in the Persian Gulf' / 'the quake was centred near Qeshm Island'): one place
    inside another, not two places."""
    subject = _canonical_place(str(ref.claim.get("subject") or ""))
    if not subject:
        return False
    words = subject.split()
    return any(subject == place or place.split()[: len(words)] == words for place in places)


SPELLING_MIN_RATIO = 0.9  # two transliterations of one name: 'Jabaliya' / 'Jabalya', 'Bireun' / 'Bireuen'
SPELLING_MIN_LENGTH = 5


@lru_cache(maxsize=1 << 14)
def same_place_name(x: str, y: str) -> bool:
    """One place, named alike or spelt two ways (outlets transliterate Arabic and Indonesian names
    differently): same first letter, long enough, one letter more or less at most, and nearly the same
    letters ('Austria' / 'Australia' differ by two)."""
    if x == y:
        return True
    if x[:1] != y[:1] or min(len(x), len(y)) < SPELLING_MIN_LENGTH or abs(len(x) - len(y)) > 1:
        return False
    from difflib import SequenceMatcher

    return SequenceMatcher(None, x, y).ratio() >= SPELLING_MIN_RATIO


BACKGROUND = re.compile(
    r"\b(last (year|month)|years? ago|months? ago|earlier this year|previous|in (the )?(19|20)\d\d|"
    r"the last \w+( \w+)? to)\b"
)  # 'the last major quake to hit': an earlier event than the news


def _background(ref: ClaimRef) -> bool:
    dated = any(
        d.get("granularity") in ("month", "year") and not _names_a_thing(ref, d)
        for d in ref.claim.get("dates") or []
    )
    # 'In early March, a gunman shot ...': a time that opens the sentence frames each of its clauses
    opening = ref.article.text[sentence_span(ref)[0] : ref.start]
    return dated or bool(
        BACKGROUND.search(fold(str(ref.claim["text"]))) or SENTENCE_OPENS_IN_PAST.match(fold(opening))
    )


SENTENCE_OPENS_IN_PAST = re.compile(
    r"^\s*(in (early |late |mid-?)?(january|february|march|april|june|july|august|september|october|"
    r"november|december|(19|20)\d\d)|last (year|month))\b(?! \d)"
)


NOUN_DATE = re.compile(r"^of\b|\bthe\s*$", re.IGNORECASE)


def _names_a_thing(ref: ClaimRef, date: dict[str, Any]) -> bool:
    """A past date that only names something the claim mentions ('the tsunami of 2004', 'the 2004
    tsunami'), not the time of what the claim states ('In 2004, a quake killed ...')."""
    before = ref.article.text[max(0, int(date["start"]) - 5) : int(date["start"])]
    return bool(NOUN_DATE.search(str(date.get("text") or "")) or NOUN_DATE.search(before))


# A clock time of the claim's own clause, minutes optional ('about 10 a. m.', 'at 2:53 p.m.'), the
# words before it saying whether it is rough; a zone after it ('GMT', 'local time').
CLAIM_CLOCK = re.compile(
    r"(?P<rough>\b(?:about|around|approximately|roughly|shortly|just|some|nearly|almost|circa)\s+"
    r"(?:after\s+|before\s+)?)?\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<half>[ap])\.?\s?m\b\.?"
    r"(?P<zone>\s*(?:local|gmt|utc|[a-z]st|[a-z]dt|et|pt)\b)?",
    re.IGNORECASE,
)
CLOCK_ROUGH_MINUTES = 15  # 'about 10 a.m.' holds anything from 9:45 to 10:15


def _claim_clock(ref: ClaimRef) -> tuple[int, bool, str] | None:
    """The one clock time the claim's clause gives: (minutes after midnight, rough, zone)."""
    found = list(CLAIM_CLOCK.finditer(fold(ref.claim["text"])))
    if len(found) != 1:
        return None
    m = found[0]
    minutes = (int(m["h"]) % 12 + (12 if m["half"].lower() == "p" else 0)) * 60 + int(m["m"] or 0)
    return minutes, bool(m["rough"]), (m["zone"] or "").strip().lower()


def _rule_clock(a: ClaimRef, b: ClaimRef, sim: float) -> Finding | None:
    """Clock times of claims that name no day: one kind of event, said of the same person or named
    doer ('the army attacked the camp at 2:53 p.m.' / 'army planes dropped bombs at 3:20 p.m.')."""
    if sim < CLOCK_MIN_SIMILARITY or _claim_clock(a) is None or _claim_clock(b) is None:
        return None
    events = _deed_events(a) & _deed_events(b)
    people = a.people & b.people or (a.names & b.names) - a.places - b.places
    if not events or not people:
        return None
    who = _display_name(a, people)
    return _clock_finding(a, b, sim, sorted(events)[0], who, sorted(people)[0])


CLOCK_MIN_SIMILARITY = 0.4


def _deed_events(ref: ClaimRef) -> set[str]:
    """Kinds of event of the claim's predicate and of what it acts on ('dropped bombs': an attack)."""
    objects = {fold(o) for o in ref.claim.get("objects") or []}
    return ref.head_events | {cls for o in objects for cls in _event_classes_of(o)}


def _clock_finding(a: ClaimRef, b: ClaimRef, sim: float, event: str, who: str, key: str) -> Finding | None:
    """One event ('attacked the camp at 2:53 p.m.' / 'dropped bombs at 3:20 p.m.') put at two clock
    times that no rough wording ('about 10 a.m.') or time zone reconciles."""
    ta, tb = _claim_clock(a), _claim_clock(b)
    # a time without a zone is read as local time; a zone against another may be the same moment
    if ta is None or tb is None or (ta[2] or "local") != (tb[2] or "local"):
        return None
    gap = abs(ta[0] - tb[0])
    if gap == 0 or ((ta[1] or tb[1]) and gap <= CLOCK_ROUGH_MINUTES):
        return None
    confidence = 0.72 + (0.1 if sim >= 0.5 else 0) - (0.15 if _hedged(a, b) else 0)
    values = tuple(CLAIM_CLOCK.search(str(r.claim["text"])) for r in (a, b))
    shown = tuple(str(v.group(0)).strip() if v else "" for v in values)
    return Finding(
        "date",
        f"time of {who}'s {event}",
        f"date:{event}:{key}",
        f"the same event ('{event}' of {who}) is given clock times {gap} minutes apart",
        round(confidence, 2),
        (shown[0], shown[1]),
        (a, b),
    )


CLOCK_TIME = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*([ap])\.?\s?m\b")


def _clock_times(ref: ClaimRef) -> set[tuple[int, int]]:
    """Clock times in the claim as (hour of 24, minute): '2:09 a. m.' -> (2, 9)."""
    return {
        (int(h) % 12 + (12 if half == "p" else 0), int(m))
        for h, m, half in CLOCK_TIME.findall(fold(ref.article.text[slice(*sentence_span(ref))]))
    }


# 'another school', 'a separate attack': the claim tells of an event besides the one it is compared
# with. Not 'another 20' (a part of a count) nor 'another news agency' (another source).
ANOTHER = re.compile(r"\b(?:another|separate)\s+([a-z]+)(?:\s+([a-z]+))?")


@cache
def _source_nouns() -> frozenset[str]:
    """Nouns for who reports ('another agency', 'a separate statement'), not for what happened."""
    from parallax.annotate.claims import denial_lexicon

    lex = denial_lexicon()
    return lex["report_nouns"] | lex["story_nouns"] | {
        "agency", "source", "official", "witness", "statement", "spokesman", "spokeswoman", "newspaper",
        "outlet", "channel", "media", "paper", "interview", "reporter", "correspondent", "press",
    }  # fmt: skip


def _another_event(ref: ClaimRef) -> bool:
    sources = {word_stem(w) for w in _source_nouns()}
    for match in ANOTHER.finditer(fold(str(ref.claim["text"]))):
        if not any(word_stem(word) in sources for word in match.groups() if word):
            return True
    return False


WEEKDAY_WORDS = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


def _weekdays(ref: ClaimRef) -> set[str]:
    return set(WEEKDAY_WORDS.findall(fold(str(ref.claim["text"]))))


def _rule_framed_numeric(a: ClaimRef, b: ClaimRef, sim: float) -> Finding | None:
    if sim < NUMERIC_MIN_SIMILARITY or not _one_event(a, b):
        return None
    two_doers = not _same_agent(a, b)
    # loosely worded, nothing named in common, and one count is put somewhere else: only a measure
    # of one deed ('fell some 700 metres' / 'fell about 600m near the hut') is still compared
    elsewhere = sim < 0.45 and not a.names & b.names and _located(a) != _located(b)
    for na, class_a, events_a in _frame_profile(a):
        for nb, class_b, events_b in _frame_profile(b):
            if class_a is None or class_b is None:  # the parse says nothing: the words after the figure
                class_a, class_b = _counted_class(a, na), _counted_class(b, nb)
            if class_a is None or class_a != class_b or _too_small(na, class_a) or _too_small(nb, class_b):
                continue
            if two_doers and _subject_counts(a, na) and _subject_counts(b, nb):
                continue  # two named doers of what both figures count ('AMD paid' / 'Intel paid')
            if class_a in CALENDAR_WORDS:
                continue  # 'December 27' / 'December 20': days the date reader missed, not counts
            if elsewhere and not _one_measured_deed(na, nb, class_a):
                continue
            power_a, power_b = _unit_power(a, na), _unit_power(b, nb)
            if power_a != power_b:
                continue  # a length against an area ('a 30-foot drop' / 'a 2,000-square-foot home')
            one_distance = numbers_compatible(na, nb) or _same_figure_other_unit(na, nb, power_a)
            if one_distance and _opposed_directions(na, nb):
                return _direction_finding(a, b, sim, na, nb)
            if one_distance or _other_currency(na, nb) or _other_sum(a, na, b, nb):
                continue
            if _from_other_places(na, nb):
                continue  # distances from two places ('20 miles north of X', '2 miles from Y')
            if _two_nouns(na, nb) or _other_group(a, na, b, nb) or _other_scope(a, na, b, nb):
                continue  # 'eight pirates' / '22 fishermen', '28 Lebanese' / '40 Palestinians'
            if _other_statistic(a, na, b, nb) or _in_range(a, na, nb) or _in_range(b, nb, na):
                continue  # 'an average of 25%' / '55%'; '43 to 55 percent' holds 50 percent
            if _stated_by(na, events_a, class_a, b) or _stated_by(nb, events_b, class_b, a):
                continue  # both give one figure of this count ('two sons, 11 and 14'; '85m euros ($108m)')
            whole = class_a in WHOLE_MEASURES or na.get("counts") in WHOLE_MEASURES
            shared = events_a & events_b
            # Without a predicate in common, close wording may still tell one count ('returned 12
            # weeks ago' / 'moved back six weeks ago'), unless the predicates name two kinds of event.
            named = bool(a.names & b.names)
            loose = (
                sim >= NUMERIC_LOOSE_SIMILARITY
                and (named or (sim >= 0.45 and _listed_count(na) and _listed_count(nb)))
                and class_a not in MEASURED_FROM_SOMEWHERE
                and _events_allow(na, nb, named, a, b)
            )
            # Two distances from one named place ('20 miles north of X' / '26 miles north of X'):
            # the place says which distance it is, whatever verb puts the event there.
            from_one_place = bool(na.get("from")) and na.get("from") == nb.get("from") and sim >= 0.45
            if not shared and not loose and not (whole and sim >= 0.45) and not from_one_place:
                continue
            if whole and not (a.names & b.names) and sim < NUMERIC_UNANCHORED_SIMILARITY:
                continue  # a measure of a whole event, nothing named in common: two quakes' magnitudes
            deeds = {e for e in shared if e.startswith("deed:")}
            if deeds:  # one deed named in both ('deliberated for 40 hours' / '30 hours of deliberation')
                finding = _numeric_finding(a, b, sim, na, nb, class_a, str(na.get("head") or class_a))
                finding.confidence = round(min(finding.confidence + NAMED_DEED_BONUS, 0.95), 2)
                return finding
            event = sorted(shared)[0] if shared else class_a
            return _numeric_finding(a, b, sim, na, nb, class_a, event)
    return None


NONE_MIN_SIMILARITY = 0.3
NAME_NUMBER = re.compile(r"[^\W\d_]-$")  # a figure hyphenated to a word names a thing ('omega-3')


def rule_none(a: ClaimRef, b: ClaimRef, sim: float) -> Finding | None:
    """A count of zero against a figure of the same count: 'no one was killed' / 'at least 12 people
    were killed', 'there were no militants in the school' / 'two militants were among the dead'.

    The zero comes from the parse (`annotate.claims.zero_counts`); the figure must count the same
    thing (people for 'no one'; else the same noun or class) under the same kind of event, in
    claims about one event, neither of them negated or denied."""
    if sim < NONE_MIN_SIMILARITY or a.denied or b.denied or a.claim.get("negated") or b.claim.get("negated"):
        return None
    for zero_side, other in ((a, b), (b, a)):
        if not _framed(other):
            continue  # what a figure counts is read from an English parse
        for zero in zero_side.claim.get("none_of") or []:
            cls, events = _zero_frame(zero_side, zero)
            if cls is None:
                continue
            for figure, figure_class, figure_events in _frame_profile(other):
                if figure["value"] < 1 or figure.get("qualifier") == "less_than" or figure_class != cls:
                    continue
                if NAME_NUMBER.search(other.article.text[max(0, figure["start"] - 2) : figure["start"]]):
                    continue  # 'omega-3 fat', 'F-16 jets': a name, not a count
                # a kind of event in common ('no deaths were reported' / 'two reported missing' share
                # only a verb of reporting), or the same noun counted ('no militants' / 'two militants')
                shared = events & figure_events & _event_class_names()
                if not shared and not (figure.get("counts") == zero["counts"] and zero["counts"]):
                    continue
                if not _one_event(a, b) or not _same_agent(a, b):
                    return None
                event = sorted(shared)[0] if shared else cls
                confidence = 0.75 + (0.05 if a.names & b.names else 0) + (0.05 if sim >= 0.5 else 0)
                confidence -= 0.15 if _hedged(a, b) else 0
                values = (str(zero["text"]), str(figure["text"]))
                return Finding(
                    "numeric",
                    f"number of {cls} ({event})",
                    f"numeric:{cls}:{event}",
                    f"one source counts none ('{zero['text']}') where another gives a figure for the same "
                    f"count: {cls} in a '{event}' claim",
                    round(confidence, 2),
                    values if zero_side is a else (values[1], values[0]),
                    (a, b),
                )
    return None


def _zero_frame(ref: ClaimRef, zero: dict[str, Any]) -> tuple[str | None, set[str]]:
    """What a zero counts (a class, as for figures) and the kinds of event it is said of: its
    predicate's, its noun's own ('no casualties', 'no dead') and those named next to it."""
    counts, head = zero.get("counts"), str(zero.get("head") or "")
    said = re.findall(r"[a-z]+", fold(str(zero.get("text") or "")))
    if counts is None and len(said) >= 2 and said[-1] not in ("one", "body", "people", "person"):
        counts = said[-1]  # 'no chance (of parole)': a zero of that noun, not of people
    events = (
        _event_classes_of(head) | _event_classes_of(str(counts or "")) | _events_near(ref, zero, reach=40)
    )
    events = {e for e in events if not e.startswith("verb:")} | ({head} if head else set())
    if counts is None:
        return "people", events
    cls = _frame_class({"counts": counts, "head": head})
    if cls == counts and _event_classes_of(str(counts)) & HUMAN_EVENTS:
        cls = "people"  # 'no dead', 'no casualties': people, counted by what happened to them
    return cls, events


def _one_measured_deed(a: dict[str, Any], b: dict[str, Any], cls: str) -> bool:
    """Two measures of one class under one verb ('fell 700 metres' / 'fell 600m'): one deed measured."""
    head = str(a.get("head") or "")
    return cls in _measure_class_names() and bool(head) and head == b.get("head") and head not in LIGHT_VERBS


SUM_WORDS = frozenset({"worth", "value", "m", "bn", "k", "million", "billion", "dollar", "euro", "pound"})


def _two_nouns(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two figures that count two different nouns no list puts in one class ('eight pirates' /
    '22 fishermen', '12 members' / 'seven children'): both read as people only because a
    predicate of people governs them, which does not make them one count."""
    counts_a, counts_b = a.get("counts"), b.get("counts")
    if a.get("unit") == "money" and b.get("unit") == "money":
        # '£910,000 worth of jewellery', '$281m in cash': words of the sum itself, no thing counted
        counts_a, counts_b = (None if c in SUM_WORDS else c for c in (counts_a, counts_b))
    if not counts_a or not counts_b or word_stem(_unit(counts_a)) == word_stem(_unit(counts_b)):
        return False
    measures = _word_classes("measure_classes")
    if measures.get(counts_a, set()) & measures.get(counts_b, set()):
        return False  # '700 metres' / '2,000 feet': one length in two units
    return not _listed_count(a) and not _listed_count(b)


def _too_small(number: dict[str, Any], cls: str) -> bool:
    """Figures too small to be compared as a count: 'one of them', 'a 1 in 3 chance'. A measure
    ('a depth of 1.2 miles', 'magnitude 0.9') is compared at any size; a count of one only when it
    counts a noun the lists know ('killed one person'), not a part ('one of the party')."""
    value = float(number["value"])
    if cls in _measure_class_names():
        return value <= 0
    if value == 1:
        return not _listed_count(number) or bool(number.get("partial"))
    return value < 2


@cache
def _measure_class_names() -> frozenset[str]:
    return frozenset(lexicon("outcomes")["measure_classes"])


def _from_other_places(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two distances measured from two places ('20 miles north of X' / '2 miles from Y'), or one
    put in a direction from a place and the other not ('55 km south of X' / 'struck 10 km deep').
    A fall 'from a ridge' against one 'down a gully' names no second reference point."""
    from_a, from_b = a.get("from"), b.get("from")
    if from_a and from_b:
        return bool(from_a != from_b)
    if from_a or from_b:
        return bool(a.get("toward") or b.get("toward"))
    return False


def _stated_by(number: dict[str, Any], events: set[str], cls: str | None, other: ClaimRef) -> bool:
    """The other claim gives a figure of the same count that agrees with `number`: the two claims
    agree on it, and a third figure there ('two sons, 11 and 14': ages) is no other value of it."""
    for figure, figure_class, figure_events in _frame_profile(other):
        if figure_class != cls or not numbers_compatible(number, figure):
            continue
        # the same kind of event, or one figure whose predicate names no kind of event ('worth')
        kinds, figure_kinds = events & _event_class_names(), figure_events & _event_class_names()
        if kinds & figure_kinds or not (kinds and figure_kinds):
            return True
    return False


@cache
def _event_class_names() -> frozenset[str]:
    return frozenset(lexicon("outcomes")["event_classes"])


@cache
def _currency_words() -> dict[str, str]:
    """symbol or word -> currency, from `outcomes.json` (`currencies`)."""
    return {fold(w): cur for cur, words in lexicon("outcomes").get("currencies", {}).items() for w in words}


def _currency(number: dict[str, Any]) -> str | None:
    words = _currency_words()
    text = fold(f"{number.get('text') or ''} {number.get('counts') or ''}")
    for token in re.findall(r"[^\w\s]|[\w$€£¥]+", text):
        if token in words:
            return words[token]
    return None


CURRENCY_SPREAD = 1.5  # how far apart two sums in two currencies may be and still be one sum


def _other_currency(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two sums in two currencies that the rough rates of `outcomes.json` (`currency_in_dollars`)
    cannot tell apart ('€2 million' / '$2 million'): not two values of one sum. Sums far apart
    even at any plausible rate ('£910,000' / '$2 million') still are."""
    ca, cb = _currency(a), _currency(b)
    if not (ca and cb and ca != cb):
        return False
    rates = lexicon("outcomes").get("currency_in_dollars", {})
    if ca not in rates or cb not in rates:
        return True
    x, y = float(a["value"]) * rates[ca], float(b["value"]) * rates[cb]
    return max(x, y) <= CURRENCY_SPREAD * min(x, y)


SUMS_APART = 10.0  # two sums this many times apart are two sums (a share price, a takeover price)
# A part of a payment: '$281 million in cash', '($53m in stock)', 'of which $281 million'.
SUM_PART_AFTER = re.compile(
    r"^\s*(?:will be |is |was |are |were )?(?:paid |payable )?in (cash|stock|shares)\b"
    r"(?!\s*(?:and|or|,)\s*(?:in\s+)?(?:cash|stock|shares)\b)",
    re.IGNORECASE,
)
SUM_PART_OF = re.compile(r"^\s*of (?:the|its|this) (?:\w+ )?(?:price|total|sum|amount)\b", re.I)
SUM_PART_BEFORE = re.compile(
    r"\b(?:of which|including|includes|included)\s+(?:about |approximately |some )?$", re.I
)


def _sum_part(ref: ClaimRef, number: dict[str, Any]) -> str | None:
    """What part of a payment a sum is ('in cash', 'in stock'; 'part' after 'of which'), None for a
    whole sum ('$5.4 billion in cash and stock')."""
    text, start, end = ref.article.text, int(number["start"]), int(number["end"])
    after = re.sub(r"^\s*(?:million|billion|bn|m)\b", "", text[end : end + 50], flags=re.IGNORECASE)
    match = SUM_PART_AFTER.match(after)
    if match:
        return match.group(1).lower().replace("shares", "stock")
    if SUM_PART_OF.match(after):
        return "part"
    return "part" if SUM_PART_BEFORE.search(text[max(0, start - 30) : start]) else None


def _other_sum(a: ClaimRef, na: dict[str, Any], b: ClaimRef, nb: dict[str, Any]) -> bool:
    """Two sums that are not two values of one: far apart ('$21' a share / '$5.4 billion' the deal),
    or two parts of a payment, or a part against the whole ('$334 million, including $281 million
    in cash')."""
    if na.get("unit") != "money" or nb.get("unit") != "money":
        return False
    x, y = float(na["value"]), float(nb["value"])
    if min(x, y) <= 0 or max(x, y) > SUMS_APART * min(x, y):
        return True
    return _sum_part(a, na) != _sum_part(b, nb)


def _norp_near(ref: ClaimRef, start: int, end: int) -> set[str]:
    """Nationalities and groups (spaCy NORP) named in [start, end) of the claim ('28 Lebanese civilians')."""
    return {
        word_stem(fold(m["text"]))
        for m in ref.claim.get("mentions") or []
        if m["label"] == "NORP" and m["start"] >= start and m["end"] <= end
    }


GROUP_REACH = 25  # characters after a figure that still describe what it counts ('40 Palestinian civilians')


def _other_group(a: ClaimRef, na: dict[str, Any], b: ClaimRef, nb: dict[str, Any]) -> bool:
    """The two figures count people of different nationalities or groups ('28 Lebanese civilians' /
    '40 Palestinians'): two counts, not two values of one."""
    ga = _norp_near(a, na["start"], _group_reach(a, na))
    gb = _norp_near(b, nb["start"], _group_reach(b, nb))
    if ga and gb and not ga & gb:
        return True
    # Each names a kind the other does not ('64 Intel Xeon processors' / '384 Intel Atom processors')
    ka, kb = _named_kind(a, na), _named_kind(b, nb)
    return bool(ka - kb and kb - ka)


def _named_kind(ref: ClaimRef, number: dict[str, Any]) -> set[str]:
    """Capitalised words between a figure and the noun it counts: the brand, model or group named."""
    end, reach = int(number["end"]), _group_reach(ref, number)
    if not number.get("counts") or reach == end + GROUP_REACH:
        return set()  # the counted noun is not written after the figure: nothing stands between
    between = ref.article.text[end:reach]
    return {word_stem(fold(w)) for w in re.findall(r"\b[A-Z][\w-]*", between)}


def _group_reach(ref: ClaimRef, number: dict[str, Any]) -> int:
    """Where the words that say what a figure counts end: at the counted noun when the parse names
    one ('Two Israeli tank shells'; not 'Three shells hit Fakhura', whose name is past the noun),
    else GROUP_REACH characters on."""
    end = int(number["end"])
    reach = end + GROUP_REACH
    counts = str(number.get("counts") or "")
    if counts:
        stem = re.escape(counts[: max(3, len(counts) - 1)])  # the lemma's stem: 'shell' in 'shells'
        # searched in the text itself (not a folded copy, whose length may differ) so offsets hold
        match = re.search(rf"\b{stem}\w*", ref.article.text[end:reach], re.I)
        if match:
            return end + match.end()
    return reach


# Where a count is said to run: the first place phrase after the figure, up to the clause's end
# ('killed 9,000 people in 4 countries', '7,000 people in the province and hundreds more').
SCOPE_PHRASE = re.compile(r"\b(in|across|around|throughout|on)\s+(.*?)(?=[.;:(]| - | and (?!other)|$)", re.I)
SCOPE_REACH = 90
WIDE_SCOPE = re.compile(r"\b(countries|nations|continents|world|worldwide|nationwide|globe)\b", re.I)
LOCAL_SCOPE = re.compile(
    r"\b(province|state|city|town|village|district|county|island|camp|alone|municipality|region)\b", re.I
)


def count_scope(ref: ClaimRef, number: dict[str, Any]) -> str | None:
    """'wide' for a count over many countries or a whole region ('230,000 people in 13 countries',
    'across Asia', 'around the Indian Ocean'), 'local' for one over one place ('in the province',
    'in Sumatra alone', 'in Indonesia's Aceh province'), None when the figure is put nowhere."""
    end = int(number["end"])
    window = ref.article.text[end : min(end + SCOPE_REACH, max(ref.end, end))]
    match = SCOPE_PHRASE.search(window)
    if not match or match.start() > SCOPE_REACH // 2:
        return None
    preposition, phrase = match.group(1).lower(), match.group(2)
    if WIDE_SCOPE.search(phrase) or preposition in ("across", "around", "throughout"):
        return "wide"
    at, until = end + match.start(2), end + match.end(2)
    named = any(
        m["label"] in ("GPE", "LOC") and at <= m["start"] < until for m in ref.claim.get("mentions") or []
    )
    return "local" if named or LOCAL_SCOPE.search(phrase) else None


def _other_scope(a: ClaimRef, na: dict[str, Any], b: ClaimRef, nb: dict[str, Any]) -> bool:
    """One count runs over many countries and the other over one place: the part and the whole of
    a toll ('170,000 in the province' / '230,000 in 13 countries') are two counts, not two values."""
    scope_a, scope_b = count_scope(a, na), count_scope(b, nb)
    return bool(scope_a and scope_b and scope_a != scope_b)


CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip
NUMERIC_MIN_SIMILARITY = 0.15
NUMERIC_LOOSE_SIMILARITY = 0.4
# Measures that need their own predicate to be one fact: a distance from what, a duration of what.
MEASURED_FROM_SOMEWHERE = frozenset({"length", "duration"})


def _listed_count(number: dict[str, Any]) -> bool:
    """The figure counts a noun of `counted_classes` ('dockworkers' / 'workers'), not any noun."""
    counts = str(number.get("counts") or "")
    table = _word_classes("counted_classes")
    return bool(counts) and any(form in table for form in (counts, counts + "s", counts + "es"))


def _events_allow(
    a: dict[str, Any], b: dict[str, Any], named: bool, ref_a: ClaimRef, ref_b: ClaimRef
) -> bool:
    """Whether loose wording may make two figures one count: never when their predicates name two
    kinds of event ('killed' / 'injured'); when one names a kind of event and the other none, only
    with a name in common and when the other hangs off a verb the claim states ('killed 24' /
    'recorded 24 dead'), not off a noun or a light verb ('a town of 15,000 people', 'home to
    120,000 people', 'has 200,000 residents': what a place holds, not what befell it)."""
    # Sums: the kind of event their predicate names, else one named next to them; when both have
    # one, it decides. (Not counts: a count's neighbours often tell of other events, 'a camp of
    # 21,000 hit by bombs'.)
    kinds = _event_class_names()
    classes_a, classes_b = _frame_events_of(a), _frame_events_of(b)
    if a.get("unit") == "money" and b.get("unit") == "money":
        near_a = classes_a or _frame_events(ref_a, a) & kinds
        near_b = classes_b or _frame_events(ref_b, b) & kinds
        if near_a and near_b:  # '$60 million in funding' / '$334 million to acquire': two sums
            return bool(near_a & near_b)
    if classes_a and classes_b:
        return bool(classes_a & classes_b)
    if not (classes_a or classes_b):
        return True
    bare, ref = (a, ref_a) if not classes_a else (b, ref_b)
    harm = (classes_a | classes_b) & HARMED
    if harm and not _events_near(ref, bare, reach=30) & harm:
        # 'killing one employee' / 'a dozen employees were celebrating': the victims, not all there
        return False
    return named and _stated_verb(ref, str(bare.get("head") or ""))


def _stated_verb(ref: ClaimRef, head: str) -> bool:
    """The lemma is a verb of the claim's own predicate (its verb or the verbs it hands on to), not
    a light verb."""
    verbs = {fold(ref.claim.get("predicate") or "")} | {
        fold(v) for v in ref.claim.get("predicate_chain") or []
    }
    return bool(head) and head in verbs and head not in LIGHT_VERBS


NUMERIC_UNANCHORED_SIMILARITY = 0.6


def _same_agent(a: ClaimRef, b: ClaimRef) -> bool:
    """Not two named doers: 'the British navy captured eight' and 'the Indian navy captured 23'
    count two captures. Names are the capitalised words of each claim's subject."""
    names_a, names_b = _subject_names(a), _subject_names(b)
    if names_a and names_b and not {word_stem(n) for n in names_a} & {word_stem(n) for n in names_b}:
        return False  # 'Nine Israelis' / 'Five Israeli soldiers': one name, two inflections
    # 'the British Royal Navy' / 'the Indian navy': one shared word, two nationalities
    groups_a, groups_b = _subject_groups(a), _subject_groups(b)
    return not (groups_a and groups_b and not groups_a & groups_b)


def _subject_counts(ref: ClaimRef, number: dict[str, Any]) -> bool:
    """The claim's subject is the doer of what the figure counts: the figure hangs off the claim's
    own predicate (or a light verb, or nothing the parse names), not off a verb of a clause inside
    it ('AMD is paying $281m for SeaMicro, which raised $35m': SeaMicro raised the $35m)."""
    head = fold(str(number.get("head") or ""))
    verbs = {fold(ref.claim.get("predicate") or "")} | {
        fold(v) for v in ref.claim.get("predicate_chain") or []
    }
    return not head or head in verbs or head in LIGHT_VERBS


def _subject_groups(ref: ClaimRef) -> set[str]:
    """The nationalities and groups (spaCy NORP) named in the claim's subject."""
    subject = fold(str(ref.claim.get("subject") or ""))
    return {
        word_stem(fold(m["text"]))
        for m in ref.claim.get("mentions") or []
        if m["label"] == "NORP" and fold(m["text"]) in subject
    }


def _subject_names(ref: ClaimRef) -> set[str]:
    """The entity names (as the entities stage found them) in the claim's subject, when the subject
    is who did what the figures count: not a source whose verb only carries them ('another agency
    quoted the governor as saying five were injured'), and not the place a subject is put in ('a
    quake off Aceh' / 'a quake off the shores of Indonesia': where, not who)."""
    if not _subject_governs_figures(ref):
        return set()
    return (_name_tokens(str(ref.claim.get("subject") or "")) & ref.names) - ref.places


def _subject_governs_figures(ref: ClaimRef) -> bool:
    """Some figure of the claim hangs off the claim's own predicate (read from the parse), or the
    parse gives no predicate for its figures."""
    predicate = fold(ref.claim.get("predicate") or "")
    heads = {fold(str(n.get("head") or "")) for n in ref.claim.get("numbers") or [] if "counts" in n}
    heads |= {fold(str(z.get("head") or "")) for z in ref.claim.get("none_of") or []}
    heads.discard("")
    return not predicate or not heads or predicate in heads


SQUARE_OR_CUBIC = re.compile(r"^[\s-]*(square|sq\b\.?|cubic)", re.IGNORECASE)


def _unit_power(ref: ClaimRef, number: dict[str, Any]) -> int:
    """2 for an area ('170,000-square-foot'), 3 for a volume, else 1: what a unit of length measures."""
    if number.get("counts") not in _word_classes("measure_classes"):
        return 1
    match = SQUARE_OR_CUBIC.match(ref.article.text[int(number["end"]) : int(number["end"]) + 12])
    return 1 if not match else (3 if match.group(1).lower() == "cubic" else 2)


def _same_figure_other_unit(a: dict[str, Any], b: dict[str, Any], power: int = 1) -> bool:
    """'2,000 ft' and '600 m' name one length: in two units, the figures are compared after
    conversion (`unit_size`), and one rounded conversion ('10 km (6 miles)', '7 km (4 miles)') is one
    figure; units no table converts are not compared ('10km' and '12 kilometres' are one unit spelt
    two ways: `unit_spellings`)."""
    units = _word_classes("measure_classes")
    counts_a, counts_b = a.get("counts"), b.get("counts")
    if not (counts_a in units and counts_b in units) or _unit(counts_a) == _unit(counts_b):
        return False
    sizes = lexicon("outcomes").get("unit_size", {})
    size_a, size_b = sizes.get(_unit(counts_a)), sizes.get(_unit(counts_b))
    if not size_a or not size_b:
        return True
    x, y = float(a["value"]) * size_a**power, float(b["value"]) * size_b**power
    if numbers_compatible({**a, "value": x}, {**b, "value": y}):
        return True
    # a conversion rounded to whole units of either figure, or by up to CONVERSION_SPREAD
    gap = abs(x - y)
    return gap <= CONVERSION_SPREAD * max(x, y) or gap < max(size_a, size_b)


CONVERSION_SPREAD = 0.1


def _unit(word: Any) -> str:
    spellings = _word_classes("unit_spellings")
    return next(iter(sorted(spellings.get(str(word), {str(word)}))))


def _opposed_directions(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two distances from one place in directions with no compass point in common: '55 km west of
    X' / '55 km south of X'. 'South' and 'south-east' share one: a rounding, not a disagreement."""
    if not a.get("from") or a.get("from") != b.get("from") or not a.get("toward") or not b.get("toward"):
        return False
    points_a, points_b = (set(COMPASS_POINT.findall(str(n["toward"]))) for n in (a, b))
    return bool(points_a and points_b and not points_a & points_b)


COMPASS_POINT = re.compile(r"north|south|east|west")


def _direction_finding(
    a: ClaimRef, b: ClaimRef, sim: float, na: dict[str, Any], nb: dict[str, Any]
) -> Finding:
    place = str(na["from"])
    confidence = 0.75 + (0.05 if sim >= 0.6 else 0) - (0.15 if _hedged(a, b) else 0)
    return Finding(
        "place",
        f"which way from {place} it was",
        f"place:direction:{place}",
        f"the same distance from {place} is given in directions with no compass point in common",
        round(confidence, 2),
        (f"{na['text']} {na['toward']}", f"{nb['text']} {nb['toward']}"),
        (a, b),
    )


def _located(ref: ClaimRef) -> frozenset[str]:
    """The named places a claim puts its event in ('35 people were detained in Oakland')."""
    text = ref.article.text
    return frozenset(
        _canonical_place(m["text"])
        for m in ref.claim.get("mentions") or []
        if m["label"] in ("GPE", "LOC", "FAC") and LOCATIVE.search(text[max(0, m["start"] - 14) : m["start"]])
    )


def _day_dates(ref: ClaimRef, year: str | None) -> Mapping[str, str]:
    """The days the claim dates its event to (not the bounds of a period), read once per claim."""
    if year not in ref.day_dates:
        ref.day_dates[year] = _read_day_dates(ref, year)
    return ref.day_dates[year]


def _read_day_dates(ref: ClaimRef, year: str | None) -> dict[str, str]:
    out = {}
    for d in ref.claim.get("dates") or []:
        value = _full_date(d["value"], year)
        lead = ref.article.text[max(0, d["start"] - 8) : d["start"]] + " " + str(d.get("text", ""))[:8]
        if re.search(r"\b(since|until|by|before|after|from|desde|hasta)\b", lead, re.IGNORECASE):
            continue  # a bound of a period, not the day of the event
        # A month-day the story's year cannot complete is compared only in a story with no year at
        # all (articles without dates): then every day is read in one unknown year alike.
        if d.get("granularity") == "day" and (year is None or not value.startswith("--")):
            out[value] = d["text"]
    return out


def _all_dates(ref: ClaimRef, year: str | None) -> frozenset[str]:
    """Every date the claim names, month-days completed with the story's year; read once per claim."""
    if year not in ref.all_dates:
        ref.all_dates[year] = frozenset(_full_date(d["value"], year) for d in ref.claim.get("dates") or [])
    return ref.all_dates[year]


def dates_compatible(a: AbstractSet[str], b: AbstractSet[str]) -> bool:
    """Overlapping, or one is a month/year that holds the other."""
    return any(x == y or x.startswith(y) or y.startswith(x) for x in a for y in b)


def rule_date(a: ClaimRef, b: ClaimRef, sim: float, year: str | None) -> Finding | None:
    if a.denied or b.denied or a.claim.get("negated") or b.claim.get("negated"):
        return None
    if not a.claim.get("dates") or not b.claim.get("dates"):
        return _rule_clock(a, b, sim)
    events = a.head_events & b.head_events
    people = a.people & b.people or ((a.names & b.names) - a.places if sim >= 0.4 else set())
    if not (events and people):
        # No event class or person in common: the same verb done to the same thing ('sank a
        # trawler' / 'had sunk a Thai trawler'), by no two named doers, is one event too.
        done_to = _same_deed(a, b, sim)
        if not done_to:
            return None
        events, people = {fold(a.claim.get("predicate") or "")}, done_to
    da, db = _day_dates(a, year), _day_dates(b, year)
    who = _display_name(a, people) if people & (a.people | a.names) else f"the {sorted(people)[0]}"
    if not da or not db or dates_compatible(_all_dates(a, year), _all_dates(b, year)):
        if da and db and not _all_dates(a, year) & _all_dates(b, year):
            return None  # a month against a day in it: the clock times may be of two days
        return _clock_finding(a, b, sim, sorted(events)[0], who, sorted(people)[0])
    event = sorted(events)[0]
    confidence = 0.75 + (0.1 if sim >= 0.5 else 0) - (0.15 if _hedged(a, b) else 0)
    return Finding(
        "date",
        f"date of {who}'s {event}",
        f"date:{event}:{sorted(people)[0]}",
        f"the same event ('{event}' of {who}) is given different days",
        round(confidence, 2),
        (sorted(da)[0], sorted(db)[0]),
        (a, b),
    )


SAME_DEED_SIMILARITY = 0.45


def _same_deed(a: ClaimRef, b: ClaimRef, sim: float) -> set[str]:
    """The object nouns two closely worded claims share under one verb (not a light verb), when they
    name no two doers: 'INS Tabar sank a trawler' / 'it had sunk a Thai trawler' -> {'trawler'}.
    Nouns that only count or time things ('people', 'day', 'November') do not make one deed."""
    predicate = fold(a.claim.get("predicate") or "")
    if sim < SAME_DEED_SIMILARITY or not predicate or predicate in LIGHT_VERBS:
        return set()
    if predicate != fold(b.claim.get("predicate") or "") or not _same_agent(a, b):
        return set()
    objects_a = {fold(o) for o in a.claim.get("objects") or []}
    objects_b = {fold(o) for o in b.claim.get("objects") or []}
    shared = objects_a & objects_b - GENERIC_OBJECTS - CALENDAR_WORDS - ARGUMENT_STOPWORDS
    counted = _word_classes("counted_classes")
    return {o for o in shared if o not in counted and o + "s" not in counted}


def _display_name(ref: ClaimRef, keys: set[str]) -> str:
    for mention in ref.claim.get("mentions") or []:
        if _name_tokens(mention["text"]) & keys:
            return str(mention["text"])
    readable = sorted(k for k in keys if not k.startswith("e:"))
    return readable[0].title() if readable else "it"


def _states(ref: ClaimRef) -> dict[str, str]:
    """Outcome states named in the claim and not in an irrealis frame ('demanded he be released')."""
    if ref.states is None:
        ref.states = _find_states(str(ref.claim["text"]))
    return ref.states


@lru_cache(maxsize=16384)
def _find_states(claim_text: str) -> dict[str, str]:
    text = fold(claim_text)
    found = {}
    for state, pattern in _state_patterns().items():
        for match in pattern.finditer(text):
            if not IRREALIS.search(text[: match.start()]):
                found[state] = match.group(0)
                break
    return found


def _surname(name: str) -> str | None:
    tokens = [t for t in re.findall(r"\w+", fold(name)) if t in _name_tokens(t)]
    return tokens[-1] if tokens else None


def _person_states(ref: ClaimRef) -> dict[str, dict[str, str]]:
    """surname -> {outcome: word} the parse gives a named person ('the death of X', "X's arrest")."""
    found: dict[str, dict[str, str]] = {}
    for outcome in ref.claim.get("person_outcomes") or []:
        surname = _surname(str(outcome["who"]))
        if surname:
            found.setdefault(surname, {})[str(outcome["state"])] = str(outcome["word"])
    return found


def rule_person_outcome(a: ClaimRef, b: ClaimRef, sim: float) -> Finding | None:
    """One account says a named person died, another that they were taken alive ('the death of X' /
    "X's capture"): read from the parse, so the outcome is the named person's, not anyone's."""
    if a.denied or b.denied:
        return None
    pa, pb = _person_states(a), _person_states(b)
    for who in sorted(pa.keys() & pb.keys()):
        for x, y in lexicon("outcomes")["incompatible"]:
            for sa, sb, flip in ((pa[who], pb[who], False), (pb[who], pa[who], True)):
                if x in sa and y in sb:
                    held = (f"{x} ({sa[x]})", f"{y} ({sb[y]})")
                    values = (held[1], held[0]) if flip else held
                    name = max(
                        (
                            str(o["who"])
                            for r in (a, b)
                            for o in r.claim.get("person_outcomes") or []
                            if _surname(str(o["who"])) == who
                        ),
                        key=len,
                    )
                    return Finding(
                        "outcome",
                        f"{name}: {x} or {y}",
                        f"outcome:{x}:{y}:{who}",
                        f"incompatible outcomes for {name}: '{x}' and '{y}' cannot both hold",
                        0.6,
                        values,
                        (a, b),
                    )
    return None


def rule_outcome(a: ClaimRef, b: ClaimRef, sim: float) -> Finding | None:
    if a.claim.get("negated") or b.claim.get("negated") or a.denied or b.denied:
        return None
    people = a.people & b.people
    if not people:
        return rule_person_outcome(a, b, sim)
    sa, sb = _states(a), _states(b)
    persisting = set(lexicon("outcomes")["persisting"])
    for x, y in lexicon("outcomes")["incompatible"]:
        for first, second in ((a, b), (b, a)):
            s_first, s_second = (sa, sb) if first is a else (sb, sa)
            if x in s_first and y in s_second:
                # A state that held when an older article was written may simply have changed since.
                older = _older(first, second)
                if (older is first and x in persisting) or (older is second and y in persisting):
                    continue
                who = _display_name(a, people)
                # A rumoured outcome ("rumours that he was released") is not a statement of one.
                confidence = 0.8 - (0.25 if _hedged(a, b) else 0)
                held = (_state_value(x, s_first[x]), _state_value(y, s_second[y]))
                values = held if first is a else (held[1], held[0])
                return Finding(
                    "outcome",
                    f"{who}: {x.replace('_', ' ')} or {y.replace('_', ' ')}",
                    f"outcome:{x}:{y}:{sorted(people)[0]}",
                    f"incompatible outcomes for {who}: '{x}' and '{y}' cannot both hold",
                    round(confidence, 2),
                    values,
                    (a, b),
                )
    return rule_person_outcome(a, b, sim)


def _state_value(state: str, phrase: str) -> str:
    """'released' or 'released (en libertad)': the state names the side, the phrase shows the wording."""
    name = state.replace("_", " ")
    return name if fold(phrase) == name else f"{name} ({phrase})"


def _older(a: ClaimRef, b: ClaimRef) -> ClaimRef | None:
    pa, pb = (a.article.published or "")[:10], (b.article.published or "")[:10]
    if pa and pb and pa != pb:
        return a if pa < pb else b
    return None


def rule_negation(a: ClaimRef, b: ClaimRef, sim: float) -> Finding | None:
    if bool(a.claim.get("negated")) == bool(b.claim.get("negated")) or sim < 0.15 or a.denied or b.denied:
        return None
    neg, pos = (a, b) if a.claim.get("negated") else (b, a)
    if re.search(r"\b(would|could|will|may|might|should|can|must)\b", fold(str(neg.claim["text"]))):
        return None  # a modal ("would not resign") is an intention, not a denial of a fact
    pn, pp = fold(neg.claim.get("predicate") or ""), fold(pos.claim.get("predicate") or "")
    event_words = _word_classes("event_classes")
    same_predicate = pn == pp or bool(event_words.get(pn, set()) & event_words.get(pp, set()))
    if pn and pn not in LIGHT_VERBS and not same_predicate:
        carried = _carried_event(neg, pos, pn, event_words)
        if carried is not None:
            return carried
    if not pn or not same_predicate or pn in LIGHT_VERBS:
        return _negated_clause(neg, pos, sim)
    objects_n = {fold(o) for o in neg.claim.get("objects") or []} - GENERIC_OBJECTS
    objects_p = {fold(o) for o in pos.claim.get("objects") or []} - GENERIC_OBJECTS
    subject_n, subject_p = _head(neg.claim.get("subject")), _head(pos.claim.get("subject"))
    same_subject = bool(subject_n) and subject_n == subject_p and subject_n not in PRONOUNS
    bare_denial = not objects_n and pn == pp and same_subject  # "The count was not delayed"
    if not (objects_n & objects_p or (neg.claim.get("any_object") and pn == pp) or bare_denial):
        return None
    if not (a.names & b.names or (subject_n and subject_n == subject_p)):
        return None
    if sim < 0.4 and not (pn == pp and a.people & b.people and subject_n in PRONOUNS | {""} | set(a.people)):
        return None  # loosely worded pairs need the same verb about the same person
    what = " ".join(sorted(objects_n & objects_p))
    confidence = 0.75 + (0.1 if sim >= 0.55 else 0) - (0.15 if _hedged(a, b) else 0)
    return Finding(
        "negation",
        f"whether {(pos.claim.get('subject') or 'it').strip(' ,')}: '{pp}'" + (f" ({what})" if what else ""),
        f"negation:{pp}:{what}",
        f"one source denies what another affirms: '{pn}' negated on one side only"
        + (f", same object ({what})" if what else ", same subject"),
        round(confidence, 2),
        (str(a.claim["text"]), str(b.claim["text"])),
        (a, b),
    )


UNIVERSAL_NEGATION = re.compile(r"\b(?:anywhere|anything|anyone|anybody|at all|ever)\b")


def _carried_event(
    neg: ClaimRef, pos: ClaimRef, predicate: str, event_words: dict[str, set[str]]
) -> Finding | None:
    """'Sudan had not bombed anywhere' against 'Sudan's planes dropped four bombs': the affirming
    claim states the negated event as the object of a verb of its own ('dropped bombs', 'launched
    an attack'), and the negation is universal ('anywhere', 'any camps'), so no object need match.
    The doers must share a name, since the negated event is about who did it."""
    if not (neg.claim.get("any_object") or UNIVERSAL_NEGATION.search(fold(str(neg.claim["text"])))):
        return None
    classes = event_words.get(predicate, set())
    if not classes or event_words.get(fold(pos.claim.get("predicate") or "")):
        return None  # the affirming verb is an event of its own ('struck a camp'), judged as such
    carried = next(
        (o for o in pos.claim.get("objects") or [] if event_words.get(fold(o), set()) & classes), None
    )
    if carried is None:
        return None
    doers = _name_tokens(str(neg.claim.get("subject") or "")) & _name_tokens(
        str(pos.claim.get("subject") or "")
    )
    if not doers & neg.names & pos.names:
        return None
    confidence = 0.75 - (0.15 if _hedged(neg, pos) else 0)
    first, second = (neg, pos) if neg.index < pos.index else (pos, neg)
    return Finding(
        "negation",
        f"whether {(pos.claim.get('subject') or 'it').strip(' ,')}: '{predicate}'",
        f"negation:{predicate}:",
        f"one source denies what another affirms: '{predicate}' negated outright on one side, "
        f"stated as '{fold(pos.claim.get('predicate') or '')} {carried}' on the other, by the same doer",
        round(confidence, 2),
        (str(first.claim["text"]), str(second.claim["text"])),
        (first, second),
    )


NEGATIVE_WORDS = re.compile(r"\b(no|not|never|none|nothing|neither|nor|without)\b|n['’]t\b")


def states_a_negative(ref: ClaimRef) -> bool:
    """A clause the parse left affirmative that still denies: 'there is no link between them'."""
    return (
        bool(NEGATIVE_WORDS.search(fold(str(ref.claim["text"]))))
        or text_denial(str(ref.claim["text"])) is not None
    )


def _negated_clause(neg: ClaimRef, pos: ClaimRef, sim: float) -> Finding | None:
    """'Saudia does not have plans to separate passengers' against 'Saudia plans to separate
    passengers': a light verb or an intention verb whose predicate lies in its object or its
    infinitive. The same predicate (`predicate_heads`), and the affirming claim must state most
    of the negated one (`scope_coverage`), so the two are one clause with opposite polarity."""
    if sim < 0.5 or states_a_negative(pos):
        return None
    heads_n, heads_p = predicate_heads(neg.claim) - LIGHT_VERBS, predicate_heads(pos.claim) - LIGHT_VERBS
    predicate = next((p for p in sorted(heads_p) if any(same_event(p, q) for q in heads_n)), None)
    if predicate is None or _coverage(str(neg.claim["text"]), str(pos.claim["text"])) < NEGATION_MIN_COVERAGE:
        return None
    shared = argument_words(neg.claim) & argument_words(pos.claim)
    if not shared and not neg.names & pos.names:
        return None
    what = " ".join(sorted(shared))
    confidence = (
        0.75
        + (0.1 if sim >= 0.6 else 0)
        - (0.15 if neg.claim.get("hedged") or pos.claim.get("hedged") else 0)
    )
    first, second = (neg, pos) if neg.index < pos.index else (pos, neg)
    return Finding(
        "negation",
        f"whether {(pos.claim.get('subject') or 'it').strip(' ,')}: '{predicate}'"
        + (f" ({what})" if what else ""),
        f"negation:{predicate}:{what}",
        f"one source denies what another affirms: '{predicate}' negated on one side only, and the affirming "
        "claim states the rest of the negated one",
        round(confidence, 2),
        (str(first.claim["text"]), str(second.claim["text"])),
        (first, second),
    )


# -- denials ---------------------------------------------------------------------------------

DENIAL_MIN_SIMILARITY = 0.3
# ... or this much, for a denial that is one clause of a longer sentence: its claim's wording (and so
# the similarity) is the whole sentence's ('X said staff had been screened, and he disputed the claim
# that Y'), and the denied clause's own words (`scope_coverage`) carry the match.
DENIAL_CLAUSE_MIN_SIMILARITY = 0.2
DENIAL_CLAUSE_SHARE = 0.5  # a denied clause under this share of its claim's text is one clause of many
DENIED_SIDE = "false ("  # the value of a denying side: "false (hoax)", "false (denied)"
DENIAL_MIN_COVERAGE = 0.6
NEGATION_MIN_COVERAGE = 0.6
SCOPE_FUNCTION_WORDS = frozenset({
    "was", "were", "are", "has", "have", "had", "been", "being", "would", "will", "could", "should", "did",
    "does", "not", "from", "with", "into", "onto", "upon", "than", "then", "also", "just", "only", "very",
    "there", "here", "about", "after", "before", "over", "under", "him", "them", "himself", "herself",
    "going", "goes", "gone", "never", "any",
})  # fmt: skip
NOMINAL_SUFFIXES = (
    "ation",
    "ition",
    "tion",
    "sion",
    "ion",
    "ment",
    "ance",
    "ence",
    "al",
    "ure",
    "ing",
    "age",
)
ARGUMENT_STOPWORDS = frozenset({
    "the", "a", "an", "that", "this", "these", "those", "which", "who", "what", "his", "her", "its",
    "their", "our", "your", "my", "some", "any", "all", "such", "other", "one", "ones", "thing", "things",
})  # fmt: skip


def rule_denial(a: ClaimRef, b: ClaimRef, sim: float) -> Finding | None:
    """One source reports what another calls false, a hoax or unconfirmed.

    The denied claim carries the denied proposition's own parse (`find_denial`), so the two
    must state the same predicate (lemma, event class or nominalisation: 'adopt' / 'adoption')
    about overlapping arguments. A shared topic name alone never makes a denial: 'the story
    is fake' has no scope and is not a claim of this kind.
    """
    if a.denied == b.denied or sim < min(DENIAL_MIN_SIMILARITY, DENIAL_CLAUSE_MIN_SIMILARITY):
        return None
    denial, report = (a, b) if a.denied else (b, a)
    if denial.claim["denial"].get("general"):
        return None  # 'the story is false' has no clause to compare: `compare.denials` links it
    if sim < DENIAL_MIN_SIMILARITY and not _one_clause_of_many(denial):
        return None
    if report.claim.get("negated") or states_a_negative(report):
        return None  # "X did not happen" and "X is a hoax" agree
    heads_d, heads_r = predicate_heads(denial.claim), predicate_heads(report.claim)
    predicate = next((p for p in sorted(heads_r) if any(same_event(p, q) for q in heads_d)), None)
    if predicate is None:
        return None
    if scope_coverage(denial, report) < DENIAL_MIN_COVERAGE:
        return None  # "adopted him to stop a curse" is denied; "adopted him" alone is not
    shared = argument_words(denial.claim) & argument_words(report.claim)
    if _heads_from_objects(denial.claim) and _heads_from_objects(report.claim):
        # 'militants were at the school' / 'she came to the school': a place, no deed in common
        shared -= heads_d | heads_r
    if (
        not shared
    ):  # 'carried out the strike' / 'carrying out the attack': what each acts on, one kind of event
        shared = _same_kind(argument_words(denial.claim), argument_words(report.claim))
    event = happened_event(denial.claim)
    if event and not shared and denial.names & report.names:
        shared = {event}  # 'denied the attack occurred': the event is what both state, by a named party
    if not shared and not (
        (_pronoun_subject(denial) or _pronoun_subject(report)) and denial.people & report.people
    ):
        return None  # a pronoun subject counts only through the person it refers to
    cue = denial.claim["denial"]
    weak = bool(cue.get("weak"))
    confidence = (0.65 if weak else 0.8) + (0.05 if sim >= 0.55 else 0)
    confidence -= 0.1 if report.claim.get("hedged") else 0
    what = " ".join(sorted(shared)) or _display_name(report, denial.people & report.people)
    subject = str(report.claim.get("subject") or what).strip(" ,")
    sides = (f"{DENIED_SIDE}{cue['text']})", str(report.claim["text"]))  # "false (hoax)" / what is reported
    return Finding(
        "denial",
        f"whether {subject}: '{predicate}'",
        f"denial:{predicate}:{what}",
        f"one source calls false ('{cue['text']}') what another reports: the same predicate "
        f"('{predicate}') about the same arguments ({what})",
        round(confidence, 2),
        sides if denial is a else (sides[1], sides[0]),
        (a, b),
        (sentence_span(a), (b.start, b.end)) if denial is a else ((a.start, a.end), sentence_span(b)),
    )


def _same_kind(words_a: Iterable[str], words_b: Iterable[str]) -> set[str]:
    """The kinds of event (`event_classes`) that a word of each set names."""
    return _kinds_of(words_a) & _kinds_of(words_b)


def _kinds_of(words: Iterable[str]) -> set[str]:
    """The kinds of event (`event_classes`) the words name."""
    classes = _word_classes("event_classes")
    return {c for w in words for c in classes.get(w, ())}


def _one_clause_of_many(denial: ClaimRef) -> bool:
    """A denied clause that is a small part of its claim's text: the rest of the sentence says other
    things, so the claim's similarity to a report understates how close the denied clause is."""
    cue = denial.claim["denial"]
    start, end = cue.get("scope_start"), cue.get("scope_end")
    if start is None or end is None:
        return False
    return end - start < DENIAL_CLAUSE_SHARE * len(str(denial.claim["text"]))


def scope_coverage(denial: ClaimRef, report: ClaimRef) -> float:
    """The share of the denied clause's content words that the report states too.

    A denial is of its whole clause: 'she adopted the boy to stop a curse' may be false while
    'she adopted the boy' is true, so the report must state (nearly) all of it. Words match on
    their first five letters, so 'adopted' meets 'adopt' and 'becoming' meets 'become'. A verb
    that only says an event took place ('denied the raid happened') is no content: a report of
    the raid states it without saying so.
    """
    cue = denial.claim["denial"]
    start, end = cue.get("scope_start"), cue.get("scope_end")
    scope = denial.article.text[start:end] if start is not None and end is not None else denial.claim["text"]
    ignore = happening_words() if happened_event(denial.claim) else frozenset()
    return _coverage(scope, str(report.claim["text"]), ignore)


def _coverage(clause: str, report: str, ignore: AbstractSet[str] = frozenset()) -> float:
    """The share of the clause's content words the report states, in its words or in a word of the same
    kind of event (`event_classes`: 'carried out the strike' / 'carrying out the attack')."""
    wanted = scope_words(clause) - ignore
    if not wanted:
        return 0.0
    covered = wanted & scope_words(report)
    if covered != wanted:
        kinds = _kinds_of(WORD.findall(fold(report)))
        covered |= {
            word_stem(w)[:5]
            for w in WORD.findall(fold(clause))
            if word_stem(w)[:5] in wanted and _kinds_of([w]) & kinds
        }
    return len(covered) / len(wanted)


@cache
def _non_event_verbs() -> frozenset[str]:
    """Verbs that only say that their subject, an event, took place (`non_event_verbs`, `denial.json`)."""
    from parallax.annotate.claims import denial_lexicon

    return denial_lexicon()["non_event_verbs"]


@cache
def happening_words() -> frozenset[str]:
    """The scope words of those verbs' forms ('happened', 'occurred', 'took place')."""
    forms = " ".join(
        f"{w} {w}s {w}ed {w}red {w}ing {w}ring" for verb in _non_event_verbs() for w in verb.split("_")
    )
    return frozenset(scope_words(forms + " took taken"))


def happened_event(claim: dict[str, Any]) -> str | None:
    """The event noun of a clause that says only that it took place: 'the attack occurred' -> attack."""
    predicate = fold(claim.get("predicate") or "")
    objects = {fold(o) for o in claim.get("objects") or []}
    if predicate not in _non_event_verbs() and not (predicate == "take" and "place" in objects):
        return None
    event = _last_word(NOUN_MODIFIER.split(fold(str(claim.get("subject") or "")), maxsplit=1)[0])
    return event if event and event not in PRONOUNS | ARGUMENT_STOPWORDS | {"there"} else None


# Where a noun phrase's head ends: a preposition or a relative word ('the raid on the camp', 'the
# attack that killed ten' -> raid, attack).
NOUN_MODIFIER = re.compile(r"\b(?:of|on|in|at|near|by|from|for|against|to|with|into|that|which|who)\b")


def _heads_from_objects(claim: dict[str, Any]) -> bool:
    """What the claim predicates was read from the objects of a light verb ('was at the school')."""
    chain = [fold(v) for v in claim.get("predicate_chain") or [] if fold(v) not in LIGHT_VERBS]
    predicate = fold(claim.get("predicate") or "")
    return not chain and (not predicate or predicate in LIGHT_VERBS) and happened_event(claim) is None


INFLECTIONS = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ions",
    "ion",
    "ies",
    "ied",
    "ed",
    "es",
    "s",
    "e",
)


def scope_words(text: str) -> set[str]:
    """Content words, each cut to a crude stem of five letters at most ('signed', 'signing': 'sign')."""
    words = set(re.findall(r"[^\W\d_]{3,}", fold(text)))
    words -= ARGUMENT_STOPWORDS | NAME_STOPWORDS | PRONOUNS | SCOPE_FUNCTION_WORDS
    return {word_stem(w)[:5] for w in words}


@lru_cache(maxsize=1 << 16)
def word_stem(word: str) -> str:
    for suffix in INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            # 'carried', 'carries' -> 'carry', as 'carrying' -> 'carry'
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def _pronoun_subject(ref: ClaimRef) -> bool:
    return _head(ref.claim.get("subject")) in PRONOUNS


# The deed an accusation states: 'accused Sudan of carrying out the attack', 'blamed him for
# starting the fire', 'charged with killing' -> the -ing verb (with its particle) and what it acts on.
ACCUSED_DEED = re.compile(
    r"\b(?:of|for|with)\s+(?:having\s+)?(?P<verb>[a-z]{3,}ing)\b(?:\s+(?P<particle>out|up|off|down|over))?"
    r"(?P<rest>(?:\s+[a-z'-]+){0,5})"
)


@cache
def _accusation_verbs() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon("outcomes").get("accusation_verbs") or ())


def accused_deed(claim: dict[str, Any]) -> tuple[set[str], set[str]] | None:
    """An accusation's deed as (predicate heads, object words): 'accused Sudan of carrying out the
    attack' -> ({'carry_out', 'carry', 'carrying'}, {'attack'}). None when the claim accuses nobody."""
    if fold(claim.get("predicate") or "") not in _accusation_verbs():
        return None
    match = ACCUSED_DEED.search(fold(str(claim.get("text") or "")))
    if match is None:
        return None
    verb = match["verb"]
    lemma = word_stem(verb)
    heads = {verb, lemma} | ({f"{lemma}_{match['particle']}"} if match["particle"] else set())
    # what the deed acts on: the words up to the first preposition ('the attack on the camp' -> attack)
    phrase = NOUN_MODIFIER.split(match["rest"] or "", maxsplit=1)[0]
    objects = set(re.findall(r"[^\W\d_]{3,}", phrase)) - ARGUMENT_STOPWORDS - PRONOUNS - NAME_STOPWORDS
    return heads, objects


def predicate_heads(claim: dict[str, Any]) -> set[str]:
    """What a claim predicates: the last verb its verb hands on to ('is going to cut', 'has plans
    to cut' -> cut), the deed an accusation states ('accused X of bombing' -> bomb), the event said
    to take place ('the raid occurred' -> raid), else its verb, or the nouns a light verb carries
    ('held talks' -> talk)."""
    chain = [fold(v) for v in claim.get("predicate_chain") or [] if fold(v) not in LIGHT_VERBS]
    if chain:
        return {chain[-1]}  # "plans to cut", "is going to cut": the content is the cutting
    accused = accused_deed(claim)
    if accused is not None:
        return accused[0]
    event = happened_event(claim)
    if event:
        return {event}  # "the raid took place", "the attack occurred": the content is the raid
    predicate = fold(claim.get("predicate") or "")
    if predicate and predicate not in LIGHT_VERBS:
        return {predicate}
    return {fold(o) for o in claim.get("objects") or []} - GENERIC_OBJECTS - ARGUMENT_STOPWORDS


def same_event(p: str, q: str) -> bool:
    """The same predicate: one lemma, one event class (`outcomes.json`, `event_verbs.tsv`), or a
    verb and its nominalisation ('adopt' / 'adoption', 'separate' / 'separation')."""
    if p == q:
        return True
    if _event_classes_of(p) & _event_classes_of(q):
        return True
    return _nominalises(p, q) or _nominalises(q, p)


def _event_classes_of(word: str) -> set[str]:
    from parallax.compare.timeline import event_classes

    found = set(_word_classes("event_classes").get(word, ()))
    verb_class = event_classes().get(word)
    return found | ({f"verb:{verb_class}"} if verb_class else set())


def _nominalises(noun: str, verb: str) -> bool:
    if noun == verb + "ing" and len(verb) >= 3:  # "signing", "killing"
        return True
    stem = verb[:-1] if verb.endswith("e") else verb
    # Five letters at least: "state" / "station" share four and are not one event.
    return len(stem) >= 5 and noun.startswith(stem) and noun[len(stem) :] in NOMINAL_SUFFIXES


def argument_words(claim: dict[str, Any]) -> set[str]:
    """Content words of a claim's subject and objects: who and what the predicate is about (and
    what an accused deed acts on)."""
    words = set(re.findall(r"[^\W\d_]{3,}", fold(str(claim.get("subject") or ""))))
    words |= {fold(o) for o in claim.get("objects") or []}
    accused = accused_deed(claim)
    if accused is not None:
        words |= accused[1]
    return words - ARGUMENT_STOPWORDS - GENERIC_OBJECTS - PRONOUNS - NAME_STOPWORDS


def claim_structure(claim: dict[str, Any]) -> frozenset[str]:
    """'predicate|argument' keys of what a claim states: each predicate head (`predicate_heads`) and
    each event noun among its arguments ('the death of X', 'X's arrest') as its event classes and its
    stem, paired with each argument word's stem. A reporting verb states nothing of its own, and the
    nouns a figure counts ('people', 'residents': `counted_classes`) say nothing of which fact it is."""
    arguments = argument_words(claim) | {fold(w) for w in claim.get("noun_arguments") or []}
    event_words = _word_classes("event_classes")
    predicates: set[str] = set()
    for word in predicate_heads(claim) | {w for w in arguments if w in event_words}:
        if word and word not in SAY_VERBS:
            predicates |= _event_classes_of(word) | {_predicate_stem(word)}
    # ... and the names the claim mentions: 'Hale was recovered from the gully' is about Hale too
    arguments |= {w for m in claim.get("mentions") or [] for w in _name_tokens(m["text"])}
    arguments -= _counted_words() | SETTING_WORDS | SCOPE_FUNCTION_WORDS
    stems = {word_stem(w) for w in arguments if WORD.fullmatch(w) and w not in SUM_WORDS}
    return frozenset(f"{p}|{a}" for p in predicates for a in stems if a != p and _predicate_stem(a) != p)


def _predicate_stem(word: str) -> str:
    """A verb and its nominalisation as one stem: 'recover' / 'recovery', 'adopt' / 'adoption'."""
    return word_stem(word)[:5]


# when or where in general is no argument of what happened ("on Sunday afternoon", "at home")
WORD = re.compile(r"[^\W\d_]{3,}")  # an argument is a word: not '$281m', 'p.m.' or '9-3'
SETTING_WORDS = frozenset({"afternoon", "today", "yesterday", "tonight", "hour", "minute", "moment", "home"})


@cache
def _counted_words() -> frozenset[str]:
    counted = {w for words in _word_classes("counted_classes").values() for w in words}
    return frozenset(counted | CALENDAR_WORDS | GENERIC_OBJECTS | set(NUMBER_WORDS) | {"old", "year"})


def structure_pairs(refs: Sequence[ClaimRef]) -> np.ndarray:
    """The claim pairs that share a structure key, as sorted codes `i * len(refs) + j` (i < j), found
    from an index of key -> claims rather than pair by pair.

    In a large story a key most claims state ('strike|quake') is its topic, not a fact, and is
    dropped as topic names are (`topic_names`); a key more claims state than any claim is compared
    with (CLAIM_NEIGHBOURS) is as unspecific, and also bounds the pairs one key can make.
    """
    ids: dict[str, int] = {}
    key_of, claim_of = [], []
    for n, ref in enumerate(refs):
        for key in ref.structure:
            key_of.append(ids.setdefault(key, len(ids)))
            claim_of.append(n)
    keys, claims = np.array(key_of, dtype=np.int64), np.array(claim_of, dtype=np.int64)
    order = np.lexsort((claims, keys))  # by key, then claim: each key's holders in ascending order
    keys, claims = keys[order], claims[order]
    most = min(CLAIM_NEIGHBOURS, int(TOPIC_SHARE * len(refs)) if len(refs) >= TOPIC_MIN_CLAIMS else len(refs))
    _, first, count = np.unique(keys, return_index=True, return_counts=True)
    codes = [np.zeros(0, np.int64)]
    for size in np.unique(count[(count >= 2) & (count <= most)]).tolist():
        starts = first[count == size]
        held = claims[starts[:, None] + np.arange(size)]  # one row per key held by `size` claims
        i, j = np.triu_indices(size, 1)
        codes.append((held[:, i] * len(refs) + held[:, j]).ravel())
    return np.unique(np.concatenate(codes))


def shares_structure(codes: np.ndarray, first: np.ndarray, second: np.ndarray, claims: int) -> np.ndarray:
    """For each pair (first[n] < second[n]): do the two claims share a structure key (`structure_pairs`)?"""
    if not len(codes):
        return np.zeros(len(first), dtype=bool)
    wanted = first.astype(np.int64) * claims + second
    at = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
    return codes[at] == wanted


def _head(subject: Any) -> str:
    return _last_word(str(subject or ""))


@lru_cache(maxsize=1 << 16)
def _last_word(text: str) -> str:
    words = re.findall(r"\w+", fold(text))
    return words[-1] if words else ""


# -- places ----------------------------------------------------------------------------------


def _canonical_place(name: str) -> str:
    folded = re.sub(r"^(the|el|la)\s+", "", fold(name).strip())
    folded = re.sub(r"\s+(province|region|district|city|county)$", "", folded)
    aliases = {fold(k): fold(v) for k, v in lexicon("places").get("aliases", {}).items()}
    return aliases.get(folded, folded)


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, str]:
    pairs = ((_canonical_place(k), _canonical_place(v)) for k, v in lexicon("places")["within"].items())
    return {
        child: parent for child, parent in pairs if child != parent
    }  # an alias of its parent adds nothing


def learn_containment(articles: Sequence[Article]) -> dict[str, set[str]]:
    """Containment the articles state themselves: 'Velmar, in Lower Ostra', 'the Lower Ostra city of Velmar'."""
    learned: dict[str, set[str]] = defaultdict(set)
    cap = r"[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}"
    patterns = [
        re.compile(rf"({cap}),? (?:in|a (?:city|town|village|port) in) ({cap})"),
        re.compile(rf"(?:the )?({cap})(?:'s)? (?:port city|city|town|village|province|region) of ({cap})"),
    ]
    for article in articles:
        for pattern in patterns[:1]:
            for child, parent in pattern.findall(article.text):
                learned[_canonical_place(child)].add(_canonical_place(parent))
        for parent, child in patterns[1].findall(article.text):
            learned[_canonical_place(child)].add(_canonical_place(parent))
    return learned


def _ancestors(place: str, learned: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = [place]
    gazetteer = _gazetteer()
    while todo:
        current = todo.pop()
        parents = set(learned.get(current, set()))
        if current in gazetteer:
            parents.add(gazetteer[current])
        for parent in parents - seen:
            seen.add(parent)
            todo.append(parent)
    return seen


def places_related(x: str, y: str, learned: dict[str, set[str]]) -> bool:
    return x == y or y in _ancestors(x, learned) or x in _ancestors(y, learned)


def _known_place(place: str, learned: dict[str, set[str]]) -> bool:
    gazetteer = _gazetteer()
    return place in gazetteer or place in set(gazetteer.values()) or place in learned


LOCATIVE = re.compile(r"\b(in|at|outside|inside|near|en)\s+(?:the\s+|la\s+|el\s+)?$", re.IGNORECASE)


def _claim_places(ref: ClaimRef, learned: dict[str, set[str]]) -> dict[str, str]:
    """Places the claim puts its event in (after 'in', 'at', 'outside'), canonical name -> text."""
    text = ref.article.text
    out = {}
    for mention in ref.claim.get("mentions") or []:
        if mention["label"] not in ("GPE", "LOC", "FAC", "ORG"):
            continue
        if LOCATIVE.search(text[max(0, mention["start"] - 14) : mention["start"]]):
            place = _canonical_place(mention["text"])
            if _known_place(place, learned):
                out[place] = mention["text"]
    return out


@lru_cache(maxsize=1)
def _site_pattern() -> re.Pattern[str]:
    words = {fold(w): kind for kind, ws in lexicon("places")["sites"].items() for w in ws}
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(
        rf"\b(?:at|outside|inside|in front of|near|en)\s+(?:his|her|their|its|the|su|la|el)\s+(?:\w+'s\s+)?({alternatives})\b"
    )


def _claim_sites(ref: ClaimRef) -> dict[str, str]:
    words = {fold(w): kind for kind, ws in lexicon("places")["sites"].items() for w in ws}
    return {words[m.group(1)]: m.group(0) for m in _site_pattern().finditer(fold(str(ref.claim["text"])))}


def _site_value(sites: dict[str, str]) -> str:
    kind = sorted(sites)[0]
    return f"{kind} ({sites[kind]})"


def rule_place(
    a: ClaimRef, b: ClaimRef, sim: float, year: str | None, learned: dict[str, set[str]]
) -> Finding | None:
    people = a.people & b.people
    events = a.head_events & b.head_events
    if not people or not events or sim < 0.4 or a.claim.get("negated") or b.claim.get("negated"):
        return None
    if a.denied or b.denied:
        return None
    da, db = _all_dates(a, year), _all_dates(b, year)
    if da and db and not dates_compatible(da, db):
        return None  # different days: two events, not one told two ways
    event = sorted(events)[0]
    who = _display_name(a, people)
    hedge = 0.15 if _hedged(a, b) else 0
    pa, pb = _claim_places(a, learned), _claim_places(b, learned)
    if pa and pb and not any(places_related(x, y, learned) for x in pa for y in pb):
        return Finding(
            "place",
            f"where {who}'s {event} took place",
            f"place:{event}:{sorted(people)[0]}",
            f"the same event ('{event}' of {who}, same day) is put in places where neither contains the other",
            round(0.8 + (0.05 if sim >= 0.6 else 0) - hedge, 2),
            (", ".join(sorted(pa.values())), ", ".join(sorted(pb.values()))),
            (a, b),
        )
    sa, sb = _claim_sites(a), _claim_sites(b)
    if sa and sb and not set(sa) & set(sb):
        return Finding(
            "place",
            f"where {who}'s {event} took place",
            f"place:{event}:{sorted(people)[0]}",
            f"the same event ('{event}' of {who}) happens at different kinds of site "
            f"({', '.join(sorted(sa))} vs {', '.join(sorted(sb))})",
            round(0.7 - hedge, 2),
            (_site_value(sa), _site_value(sb)),
            (a, b),
        )
    return None


# -- roles -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    offices = lexicon("offices")
    titles = "|".join(sorted((re.escape(fold(t)) for t in offices["titles"]), key=len, reverse=True))
    former = "|".join(
        sorted((re.escape(fold(t)) for t in offices["former"] + offices["current"]), key=len, reverse=True)
    )
    ambiguous = "|".join(re.escape(fold(t)) for t in offices["ambiguous"])
    before = re.compile(
        rf"(?:(?P<status>{former})[\s-]+)?(?P<amb>(?:{ambiguous})[\s-]+)?(?P<mods>(?:[\w'-]+\s+){{0,2}}?)(?P<title>{titles})\s+$"
    )
    after = re.compile(
        rf"^\s*,\s*(?:(?:a|an|the|who is|who was|who served as|now)\s+)?(?:(?P<status>{former})[\s-]+)?"
        rf"(?P<amb>(?:{ambiguous})[\s-]+)?(?P<mods>(?:[\w'-]+\s+){{0,2}}?)(?P<title>{titles})\b"
    )
    return before, after


def sentence_roles(ref: ClaimRef, person_vocab: set[str]) -> list[tuple[str, str, str, str, int]]:
    """(person key, office, status current|former, name, mention start) for titled people in the claim's sentence.

    The whole sentence is read, not the clause: in "Former mayor X said that ..." the title
    sits outside the reported claim.
    """
    before, after = _role_patterns()
    text = ref.article.text
    s_start = int(ref.claim.get("sentence_start", ref.start))
    s_end = int(ref.claim.get("sentence_end", ref.end))
    current_words = {fold(w) for w in lexicon("offices")["current"]}
    out = []
    for mention in ref.article.annotations.get("mentions") or []:
        if not (s_start <= mention["start"] and mention["end"] <= s_end):
            continue
        keys = _name_tokens(mention["text"])
        if not keys or not (mention["label"] == "PERSON" or keys & person_vocab):
            continue
        left = fold(text[max(s_start, mention["start"] - 60) : mention["start"]])
        right = fold(text[mention["end"] : min(s_end, mention["end"] + 70)])
        for match in (before.search(left), after.match(right)):
            if match is None or match.group("amb"):
                continue
            status = match.group("status")
            state = "current" if status is None or status in current_words else "former"
            mods = [
                w
                for w in re.findall(r"[\w'-]+", match.group("mods"))
                if w not in ("the", "a", "an", "its", "his", "her")
            ]
            office = " ".join([*mods[-1:], match.group("title")])
            out.append((sorted(keys)[-1], office, state, str(mention["text"]), int(mention["start"])))
    return out


def role_findings(refs: Sequence[ClaimRef], person_vocab: set[str]) -> list[Finding]:
    """The same person called the current holder of an office by one source and a former holder by another."""
    by_person: dict[tuple[str, str], list[tuple[ClaimRef, str, str]]] = defaultdict(list)
    seen: set[tuple[str, int]] = set()
    for ref in refs:
        for key, office, state, name, at in sentence_roles(ref, person_vocab):
            if (ref.article.id, at) in seen:
                continue
            seen.add((ref.article.id, at))
            shown = _office_as_shown(office, ref)
            by_person[(key, office.split()[-1])].append((ref, state, f"{shown}|{name}"))
    findings = []
    for (key, title), items in by_person.items():
        current = [i for i in items if i[1] == "current"]
        former = [i for i in items if i[1] == "former"]
        for ref_c, _, label_c in current:
            for ref_f, _, label_f in former:
                if ref_c.outlet == ref_f.outlet or ref_c.origin == ref_f.origin:
                    continue
                office_c, name = label_c.split("|")
                office_f = label_f.split("|")[0]
                if (
                    len(office_c.split()) > 1
                    and len(office_f.split()) > 1
                    and fold(office_c) != fold(office_f)
                ):
                    continue  # "labour minister" vs "interior minister": two offices
                findings.append(
                    Finding(
                        "role",
                        f"{name}'s current title ({title})",
                        f"role:{key}:{title}",
                        f"one source names {name} as serving {title}, another as a former {title}",
                        0.8,
                        (f"{office_c} (serving)", f"former {office_f}"),
                        (ref_c, ref_f),
                        (sentence_span(ref_c), sentence_span(ref_f)),
                    )
                )
    return findings


def _office_as_shown(office: str, ref: ClaimRef) -> str:
    """An office as a reader expects it: acronyms and proper adjectives keep their capitals ("former US
    president", "Cuban president"), the title case of a title before a name does not ("Labour
    Minister Irena Kalman" -> "labour minister"), so every source's wording of one office reads alike."""
    proper = {
        fold(word)
        for mention in ref.article.annotations.get("mentions") or []
        if mention.get("label") in ("NORP", "GPE", "ORG", "LOC")
        for word in str(mention.get("text", "")).split()
    }
    words = as_written(office, ref.article.text[slice(*sentence_span(ref))]).split()
    return " ".join(
        w if (len(w) > 1 and w.isupper()) or (w[:1].isupper() and fold(w) in proper) else w.lower()
        for w in words
    )


def sentence_span(ref: ClaimRef) -> tuple[int, int]:
    return int(ref.claim.get("sentence_start", ref.start)), int(ref.claim.get("sentence_end", ref.end))


# -- the stage -------------------------------------------------------------------------------


def story_year(articles: Sequence[Article]) -> str | None:
    years = Counter((a.published or "")[:4] for a in articles if a.published)
    return years.most_common(1)[0][0] if years else None


def find_contradictions(
    refs: Sequence[ClaimRef], sims: Similarities, articles: Sequence[Article], year: str | None
) -> list[Finding]:
    learned = learn_containment(articles)
    findings: list[Finding] = []
    for i, j, sim in pair_tuples(*_comparable_pairs(refs, sims)):
        a, b = refs[i], refs[j]
        for finding in (
            rule_numeric(a, b, sim),
            rule_none(a, b, sim),
            rule_date(a, b, sim, year),
            rule_outcome(a, b, sim),
            rule_denial(a, b, sim),
            rule_negation(a, b, sim),
            rule_place(a, b, sim, year, learned),
        ):
            if finding is not None:
                findings.append(finding)
                break
    person_vocab = set().union(*(r.people for r in refs)) if refs else set()
    findings += role_findings([r for r in refs if not r.is_copy], person_vocab)
    return [f for f in findings if f.confidence >= REPORT_MIN_CONFIDENCE]


def _comparable_pairs(
    refs: Sequence[ClaimRef], sims: Similarities
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The close pairs from two sources that some rule could judge, screened in bulk.

    Every rule needs, at least: one side negated (negation) or denied (denial) and not the other, or neither
    negated and both with figures (numeric), both with dates (date) or a person in common
    (outcome, place). Most close pairs in a long story have none of these.
    """
    i, j, sim = sims.pairs(COMPARE_MIN, CLAIM_NEIGHBOURS)

    def codes(values: list[str]) -> np.ndarray:
        return np.unique(np.array(values, dtype=object), return_inverse=True)[1] if values else np.zeros(0)

    outlet, origin = codes([r.outlet for r in refs]), codes([r.origin for r in refs])
    copy = np.array([r.is_copy for r in refs], dtype=bool)
    negated = np.array([bool(r.claim.get("negated")) for r in refs], dtype=bool)
    denied = np.array([r.denied for r in refs], dtype=bool)
    figures = np.array([bool(r.claim.get("numbers") or r.claim.get("none_of")) for r in refs], dtype=bool)
    dated = np.array([bool(r.claim.get("dates")) for r in refs], dtype=bool)
    keep = (outlet[i] != outlet[j]) & (origin[i] != origin[j]) & ~copy[i] & ~copy[j]
    i, j, sim = i[keep], j[keep], sim[keep]
    affirmed = ~negated[i] & ~negated[j] & ~denied[i] & ~denied[j]
    keep = (negated[i] != negated[j]) | (denied[i] != denied[j])
    keep |= affirmed & ((figures[i] & figures[j]) | (dated[i] & dated[j]))
    # The rest are worth a look only with a person in common: a set test per pair, so only on those.
    ask = np.flatnonzero(~keep & affirmed)
    keep[ask] = [bool(refs[a].people & refs[b].people) for a, b in pair_tuples(i[ask], j[ask])]
    return i[keep], j[keep], sim[keep]


def pair_tuples(*columns: np.ndarray, chunk: int = 1 << 16) -> Iterator[tuple[Any, ...]]:
    """Rows of parallel arrays as Python tuples, a chunk at a time.

    A long story has millions of close claim pairs; turning whole columns into lists
    held about 36 bytes per number at once (a 1,770-article story: over a gigabyte).
    """
    for start in range(0, len(columns[0]), chunk):
        yield from zip(*(column[start : start + chunk].tolist() for column in columns), strict=True)


class TriangulateStage:
    """Story sections `claims`, `contradictions` and `single_source` (docs/report-schema.md)."""

    name: str = "triangulate"
    requires: tuple[str, ...] = ("claims",)
    provides: tuple[str, ...] = ("claims", "contradictions", "single_source")

    def __call__(self, story: Story, articles: Sequence[Article]) -> None:
        refs = build_refs(story, articles)
        if not refs:
            story.claims, story.contradictions, story.single_source = [], [], []
            return
        sims = Similarities(embed_texts([r.embed_text() for r in refs]), floor=min(ALIGN_LOW, COMPARE_MIN))
        year = story_year(articles)
        groups = align(refs, sims, year)
        story.claims, group_id = claim_groups(story, refs, groups, sims, year)
        from parallax.compare.denials import story_denials

        findings = find_contradictions(refs, sims, articles, year)
        findings += story_denials(refs, groups, sims, findings)
        story.contradictions = merge_findings(findings, group_id)
        story.single_source = single_source(story.claims, refs, groups, group_id)


def claim_groups(
    story: Story,
    refs: Sequence[ClaimRef],
    groups: Sequence[Sequence[int]],
    sims: Similarities,
    year: str | None,
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    entity_ids = {e["id"] for e in story.entities}
    ranked = sorted(groups, key=lambda g: (-len({refs[i].outlet for i in g if not refs[i].is_copy}), g[0]))
    out, group_id = [], {}
    for n, members in enumerate(ranked, start=1):
        cid = f"c{n}"
        for i in members:
            group_id[i] = cid
        originals = [refs[i] for i in members if not refs[i].is_copy] or [refs[i] for i in members]
        rep = _representative(refs, members, sims)
        speakers = Counter(
            refs[i].claim.get("attributed_to") for i in members if refs[i].claim.get("attributed_to")
        )
        out.append(
            {
                "id": cid,
                "text": rep.claim["text"],
                "sources": sorted({r.outlet for r in originals}),
                "article_ids": [refs[i].article.id for i in members],
                "attributed_to": speakers.most_common(1)[0][0] if speakers else None,
                "entities": sorted({e for i in members for e in refs[i].entity_ids if e in entity_ids}),
                "numbers": sorted(
                    {
                        n["text"]
                        for i in members
                        for n in refs[i].claim.get("numbers") or []
                        if n.get("unit") != "age"
                    }
                ),
                "dates": sorted(
                    {v for i in members for v in _all_dates(refs[i], year) if not v.startswith("--")}
                ),
                "evidence": [refs[i].evidence() for i in members],
            }
        )
    return out, group_id


def _representative(refs: Sequence[ClaimRef], members: Sequence[int], sims: Similarities) -> ClaimRef:
    """The most central wording, in English where the group has one."""
    english = [i for i in members if (refs[i].article.language or "en") == "en"] or list(members)
    if len(members) == 1:
        return refs[members[0]]
    centrality = {i: sims.mean([i], members) for i in english}
    return refs[max(english, key=lambda i: (centrality[i], -i))]


def merge_findings(findings: Sequence[Finding], group_id: dict[int, str]) -> list[dict[str, Any]]:
    """One contradiction per disagreement, its sides grouping every source that holds each value."""
    out: list[dict[str, Any]] = []
    for component in _connected(findings):
        side_of_ref: dict[tuple[int, float | None], str] = {}
        first_label: dict[tuple[str, Any], str] = {}
        labelled: list[tuple[Finding, tuple[str, str]]] = []
        for finding in component:
            labels = []
            for value, ref in zip(finding.values, finding.refs, strict=True):
                # a claim holds one side of a disagreement; a claim with two figures of one count
                # ('230,000 killed in 13 countries') holds a side for each figure
                held = (ref.index, _value_of(value)) if finding.kind == "numeric" else (ref.index, None)
                label = side_of_ref.get(held) or _side_label(finding.kind, value, first_label, ref)
                side_of_ref[held] = label
                labels.append(label)
            labelled.append((finding, (labels[0], labels[1])))
        # numeric sides are values, which chain; other kinds' sides are already positions (a denier
        # and a reporter, serving and former), which every finding of the component opposes
        parts = opposed_sides(labelled) if component[0].kind == "numeric" else [labelled]
        for items in parts:
            contradiction = _contradiction(items if len(parts) == 1 else reported_part(items), group_id)
            if contradiction is not None:
                out.append(contradiction)
    out.sort(key=lambda c: -float(c["confidence"]))
    return out


# A part split off a chained disagreement is reported whole when some finding in it compares closely
# worded claims (`_numeric_finding`: similarity >= 0.45, not hedged): what chained it was loose wording.
PART_MIN_CONFIDENCE = 0.78
NEAR_FIGURES = 1.25  # two figures this close (the larger over the smaller) are two tellings of one count


def reported_part(
    items: Sequence[tuple[Finding, tuple[str, str]]],
) -> list[tuple[Finding, tuple[str, str]]]:
    """What a part split off a chained disagreement reports.

    A part whose best finding compares closely worded claims is reported whole. Otherwise it came
    from loosely worded claims that a chain of shared claims brought together, and it mostly sets
    apart counts of other events ('640 killed since the assault began' and '40 killed in the
    school'); yet two sources that put one count at near figures ('42 killed', 'at least 43 killed';
    '700 metres', '600m') disagree on that count however loosely they are worded, since counts of two
    events seldom fall that close. So only its findings of near figures are kept, as one disagreement.
    """
    if max(finding.confidence for finding, _ in items) >= PART_MIN_CONFIDENCE:
        return list(items)
    return [(finding, labels) for finding, labels in items if near_figures(finding)]


def stated_figure(ref: ClaimRef, value: str) -> dict[str, Any] | None:
    """The figure of the claim that a finding's value quotes."""
    return next((n for n in ref.claim.get("numbers") or [] if n["text"] == value), None)


def near_figures(finding: Finding) -> bool:
    """The two figures of a numeric finding are within NEAR_FIGURES of each other, in one unit."""
    first, second = (stated_figure(r, v) for r, v in zip(finding.refs, finding.values, strict=True))
    if first is None or second is None:
        return False
    x, y = abs(float(first["value"])), abs(float(second["value"]))
    units = _word_classes("measure_classes")
    counts_x, counts_y = first.get("counts"), second.get("counts")
    if (counts_x in units or counts_y in units) and _unit(counts_x) != _unit(counts_y):
        return False  # '600 m' and '700 ft': a conversion, judged by `_same_figure_other_unit`
    return min(x, y) > 0 and max(x, y) <= NEAR_FIGURES * min(x, y)


def opposed_sides(
    items: Sequence[tuple[Finding, tuple[str, str]]],
) -> list[list[tuple[Finding, tuple[str, str]]]]:
    """Split one connected numeric disagreement where two of its sides must not face each other.

    Findings join on a shared claim, so values chain: '600 m' is opposed to '700 m' and '700 m' to
    '2,000 ft', yet '600 m' and '2,000 ft' are one fall in two units; one contradiction with the
    three as sides would set them against each other. Two sides may share a contradiction when a
    finding opposes them, or when no figure of one agrees with a figure of the other (a rounding, a
    bound, one figure in two units). Sides never compared are otherwise left together: splitting
    also where two claims tell two events (`_one_event`) broke many disagreements into parts that
    the labelled ECB+ topics judged worse (more reported contradictions touching no labelled pair).
    Sides are grown greedily into such sets (most-stated disagreement first); each finding goes to
    the first set holding both its sides, so each side only holds the claims a finding there opposes.
    """
    edges: Counter[frozenset[str]] = Counter(
        frozenset(labels) for _, labels in items if labels[0] != labels[1]
    )
    held: dict[str, list[dict[str, Any]]] = defaultdict(list)  # side -> the figures its claims state
    for finding, labels in items:
        for ref, value, label in zip(finding.refs, finding.values, labels, strict=True):
            figure = stated_figure(ref, value)
            held[label] += [figure] if figure is not None else []
    sides = {label for _, labels in items for label in labels}

    @cache
    def agree(x: str, y: str) -> bool:
        """Some figure of one side agrees with some figure of the other: one count in other words."""
        return any(
            numbers_compatible(number_x, number_y) or _same_figure_other_unit(number_x, number_y)
            for number_x in held[x]
            for number_y in held[y]
        )

    def may_join(label: str, clique: set[str]) -> bool:
        """Every member either faces `label` in a finding or states no figure that agrees with its."""
        return all(
            frozenset((label, member)) in edges or not agree(*sorted((label, member))) for member in clique
        )

    clique_list = sorted(sides)
    if all(may_join(label, set(clique_list) - {label}) for label in clique_list):
        return [list(items)]
    weight: Counter[str] = Counter()
    for edge, n in edges.items():
        for label in edge:
            weight[label] += n
    cliques: list[set[str]] = []
    covered: set[frozenset[str]] = set()
    for edge, _ in sorted(edges.items(), key=lambda e: (-e[1], sorted(e[0]))):
        if edge in covered:
            continue
        clique = set(edge)
        for label in sorted(sides - clique, key=lambda x: (-weight[x], x)):
            if may_join(label, clique):
                clique.add(label)
        covered |= {frozenset((x, y)) for x in clique for y in clique if x < y}
        cliques.append(clique)
    out: list[list[tuple[Finding, tuple[str, str]]]] = [[] for _ in cliques]
    for finding, labels in items:
        for n, clique in enumerate(cliques):
            if labels[0] in clique and labels[1] in clique:
                out[n].append((finding, labels))
                break
    return [group for group in out if group]


def _contradiction(
    items: Sequence[tuple[Finding, tuple[str, str]]], group_id: dict[int, str]
) -> dict[str, Any] | None:
    """One reported contradiction: its sides group every source that holds each value."""
    sides: dict[str, dict[int, tuple[ClaimRef, tuple[int, int]]]] = defaultdict(dict)
    for finding, labels in items:
        spans = finding.spans or tuple((r.start, r.end) for r in finding.refs)
        for label, ref, span in zip(labels, finding.refs, spans, strict=True):
            sides[label][ref.index] = (ref, span)
    if len(sides) < 2:
        return None
    best = max((f for f, _ in items), key=lambda f: f.confidence)
    side_list: list[dict[str, Any]] = []
    for value, members in sides.items():
        held = list(members.values())
        side_list.append(
            {
                "value": value,
                "sources": sorted({r.outlet for r, _ in held}),
                "article_ids": sorted({r.article.id for r, _ in held}),
                "claim_id": group_id.get(held[0][0].index),
                "evidence": [r.article.evidence(*span) for r, span in held],
            }
        )
    side_list.sort(key=lambda s: -len(s["sources"]))
    return {
        "kind": best.kind,
        "subject": best.subject,
        "signal": best.signal,
        "confidence": best.confidence,
        "sides": side_list,
        "evidence": [ev for side in side_list for ev in side["evidence"]],
    }


def _value_of(text: str) -> float | None:
    numbers = find_numbers(text)
    return float(numbers[0]["value"]) if numbers else None


def _connected(findings: Sequence[Finding]) -> list[list[Finding]]:
    """Findings of one kind that share a key or a claim describe one disagreement."""
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_by: dict[tuple[str, Any], int] = {}
    for i, finding in enumerate(findings):
        handles: list[Any] = [finding.key, *(r.index for r in finding.refs)]
        if finding.kind == "numeric":
            # A claim with several figures (a magnitude and a toll) takes part in several counts,
            # and one count ('people killed') is told of several events: join on both at once.
            # A claim with two figures of one count ('230,000 killed in 13 countries') takes part
            # in two disagreements, one per figure.
            handles = [
                (finding.key, r.index, _value_of(v))
                for r, v in zip(finding.refs, finding.values, strict=True)
            ]
        for handle in handles:
            marker = (finding.kind, handle)
            if marker in first_by:
                parent[root(i)] = root(first_by[marker])
            else:
                first_by[marker] = i
    groups: dict[int, list[Finding]] = defaultdict(list)
    for i, finding in enumerate(findings):
        groups[root(i)].append(finding)
    return list(groups.values())


def _side_label(
    kind: str, value: str, first_label: dict[tuple[str, Any], str], ref: ClaimRef | None = None
) -> str:
    """Join a side that states the same value in other words (same number, same state).

    `first_label` holds, for each way of stating a value, the first side that stated it; so a
    disagreement that a thousand-article story repeats thousands of times is labelled in linear time.
    """
    key = _side_key(kind, value)
    if kind == "negation" and ref is not None:
        # every claim that negates on one side, every claim that affirms on the other: two affirming
        # claims (that differ only in their time, say) are no two sides of a denial
        key = bool(ref.claim.get("negated"))
    return value if key is None else first_label.setdefault((kind, key), value)


def _side_key(kind: str, value: str) -> Any:
    if kind == "numeric":
        return _value_of(value)  # the same number, however written
    if kind == "date":
        return value
    if kind == "role":
        return value.startswith(
            "former "
        )  # one side serving, the other former, whatever words name the office
    if kind in ("outcome", "place"):
        return fold(value).split(" (")[0]
    if kind == "denial":
        return value.startswith(DENIED_SIDE)  # every denier on one side, every reporter on the other
    return None


def newsworthiness(claim: dict[str, Any]) -> float:
    """Named entities, numbers and dates make a claim newsworthy; its length does not."""
    entities = len({fold(m["text"]) for m in claim.get("mentions") or []})
    numbers = len([n for n in claim.get("numbers") or [] if n.get("unit") != "age"])
    dates = len(claim.get("dates") or [])
    score = 0.45 * min(entities, 3) / 3 + 0.35 * min(numbers, 2) / 2 + 0.2 * min(dates, 1)
    return round(score, 3)


def single_source(
    claims: Sequence[dict[str, Any]],
    refs: Sequence[ClaimRef],
    groups: Sequence[Sequence[int]],
    group_id: dict[int, str],
) -> list[dict[str, Any]]:
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for members in groups:
        originals = [refs[i] for i in members if not refs[i].is_copy]
        if len({r.outlet for r in originals}) != 1:
            continue
        ref = originals[0]
        score = newsworthiness(ref.claim)
        if score <= 0:
            continue
        by_outlet[ref.outlet].append(
            {
                "claim_id": group_id[ref.index],
                "text": ref.claim["text"],
                "source": ref.outlet,
                "article_id": ref.article.id,
                "score": score,
                "evidence": [ref.evidence()],
            }
        )
    out = []
    for outlet in sorted(by_outlet):
        ranked = sorted(by_outlet[outlet], key=lambda item: (-item["score"], item["evidence"][0]["start"]))
        out.extend(ranked[:SINGLE_SOURCE_PER_OUTLET])
    return out
