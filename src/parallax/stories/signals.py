"""What the story clusterer looks at for each article: a vector, a day, and the names it mentions.

Kept as parallel arrays rather than objects so that 100k articles fit in a few
hundred MiB and the clusterer can work on whole columns with numpy.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np

from parallax.model import Article

# How much a shared name counts as evidence of the same event, by spaCy label. A surname is
# strong evidence, a first name or an organisation word weaker, a country almost none
# (two stories about "Russia" and "Cuba" share places, not people).
SURNAME_WEIGHT = 1.0
GIVEN_NAME_WEIGHT = 0.4  # also a one-word PERSON mention
LABEL_WEIGHTS = {"PERSON": GIVEN_NAME_WEIGHT, "ORG": 0.5, "FAC": 0.5, "EVENT": 0.5, "GPE": 0.2, "LOC": 0.2}

# Capitalised function words the small English model tags as names in other languages.
NAME_STOPWORDS = frozenset(
    {
        *("the", "and", "for", "with", "from", "that", "this", "mrs", "gen", "sir"),
        *(
            "los",
            "las",
            "del",
            "una",
            "uno",
            "por",
            "para",
            "con",
            "que",
            "une",
            "des",
            "der",
            "die",
            "das",
            "und",
            "von",
        ),
        *(
            "president",
            "minister",
            "prime",
            "general",
            "government",
            "ministry",
            "presidente",
            "ministro",
            "gobierno",
        ),
    }
)
_WORD = re.compile(r"[^\W\d_]{3,}")

# Languages written in a script other than Latin (ISO 639-1). The bundled NER is English: in such a
# text it finds only the odd Latin-script fragment (a brand, a transliterated name) and misses
# everyone else, so the names it returns are too few and too arbitrary to tell two stories apart.
NON_LATIN_SCRIPT = frozenset(
    {
        *("ar", "fa", "ur", "ps", "he", "yi"),  # Arabic and Hebrew scripts
        *("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg"),  # Cyrillic
        *("zh", "ja", "ko"),  # Han, kana, Hangul
        *("el", "ka", "hy", "am", "th", "lo", "km", "my", "si", "bo"),
        *("hi", "mr", "ne", "bn", "pa", "gu", "or", "ta", "te", "kn", "ml"),  # Indic scripts
    }
)


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Kolokóltsev" and "Kolokoltsev" are one key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def names_readable(language: str | None) -> bool:
    """Whether the NER reads the names of an article in `language` (unknown: assumed so)."""
    return not language or language.split("-")[0].lower() not in NON_LATIN_SCRIPT


def entity_weights(mentions: Iterable[Mapping[str, Any]], language: str | None = None) -> dict[str, float]:
    """Name tokens an article mentions, each with the weight of its strongest use.

    Nothing for an article in a script the NER cannot read (`names_readable`): its few names are no
    evidence either way, so the vector alone judges it, as it does across languages.

    A person's name is split into words, so "Vladimir Kolokoltsev", "Kolokoltsev" and
    "Mr. Kolokoltsev" all share the surname key; other names are kept whole. Only capitalised words count: the English model tags
    lower-case Spanish phrases as names, and those never name anything.
    """
    weights: dict[str, float] = {}
    if not names_readable(language):
        return weights
    for mention in mentions:
        label = str(mention.get("label"))
        weight = LABEL_WEIGHTS.get(label)
        if weight is None:
            continue
        words = [w for w in _WORD.findall(str(mention.get("text", ""))) if w[0].isupper()]
        words = [fold(w) for w in words if fold(w) not in NAME_STOPWORDS]
        if not words:
            continue
        if label == "PERSON":
            # A lone capitalised word tagged PERSON is often a sentence-initial noun ("Turnout reached ...").
            keyed = [
                (w, SURNAME_WEIGHT if i == len(words) - 1 and len(words) > 1 else weight)
                for i, w in enumerate(words)
            ]
        else:  # organisations and places count once, whole: "River Basin Authority" is one shared name, not three
            keyed = [(" ".join(words), weight)]
        for key, w in keyed:
            if w > weights.get(key, 0.0):
                weights[key] = w
    return weights


def shared_weight(a: Mapping[str, float], b: Mapping[str, float]) -> tuple[float, float]:
    """Evidence that two articles name the same actors: the summed and the largest weight of the keys they share."""
    if len(a) > len(b):
        a, b = b, a
    weights = [min(w, b[k]) for k, w in a.items() if k in b]
    return sum(weights), max(weights, default=0.0)


_EPOCH = date(1970, 1, 1)


def day_number(published: str | None) -> float:
    """Days since 1970 for an ISO date or datetime; NaN when absent or unreadable (never guessed)."""
    if not published:
        return math.nan
    text = published.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return (moment.date() - _EPOCH).days + (moment.hour * 60 + moment.minute) / 1440.0
    except ValueError:
        pass
    try:
        return float((date.fromisoformat(text[:10]) - _EPOCH).days)
    except ValueError:
        return math.nan


@dataclass
class StorySignals:
    """Column-wise inputs of a clusterer: row i of each field describes article `ids[i]`."""

    ids: list[str]
    vectors: np.ndarray  # (n, dim) float32, unit length
    days: np.ndarray  # (n,) float64, NaN = unknown publication time
    entities: list[dict[str, float]] = field(default_factory=list)  # name key -> weight
    duplicate_of: list[str | None] = field(default_factory=list)
    languages: list[str | None] = field(default_factory=list)  # ISO 639-1, None = unknown

    def __post_init__(self) -> None:
        n = len(self.ids)
        if not self.entities:
            self.entities = [{} for _ in range(n)]
        if not self.duplicate_of:
            self.duplicate_of = [None] * n
        if not self.languages:
            self.languages = [None] * n
        if (
            self.vectors.shape[0] != n
            or self.days.shape[0] != n
            or len(self.entities) != n
            or len(self.languages) != n
        ):
            raise ValueError("StorySignals columns must all have one row per id")

    def __len__(self) -> int:
        return len(self.ids)

    def order_keys(self) -> list[tuple[float, str]]:
        """(day, id) per row; undated articles sort last. The founder of a story is the smallest."""
        return [
            (math.inf if math.isnan(d) else float(d), i)
            for d, i in zip(self.days.tolist(), self.ids, strict=True)
        ]

    def subset(self, rows: Sequence[int]) -> StorySignals:
        rows = list(rows)
        return StorySignals(
            ids=[self.ids[r] for r in rows],
            vectors=self.vectors[rows],
            days=self.days[rows],
            entities=[self.entities[r] for r in rows],
            duplicate_of=[self.duplicate_of[r] for r in rows],
            languages=[self.languages[r] for r in rows],
        )


def signals_from_articles(articles: Sequence[Article], vectors: np.ndarray | None = None) -> StorySignals:
    """Signals of annotated articles (their `embedding` and `mentions`), or of given vectors."""
    if vectors is None:
        vectors = (
            np.stack([np.asarray(a.embedding, dtype=np.float32) for a in articles])
            if articles
            else np.zeros((0, 0), np.float32)
        )
    return StorySignals(
        ids=[a.id for a in articles],
        vectors=np.asarray(vectors, dtype=np.float32),
        days=np.array([day_number(a.published) for a in articles], dtype=np.float64),
        entities=[entity_weights(a.annotations.get("mentions", []), a.language) for a in articles],
        duplicate_of=[a.duplicate_of for a in articles],
        languages=[a.language for a in articles],
    )
