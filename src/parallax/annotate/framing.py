"""Loaded language in each article, and whose voice it is in.

A word like "regime" or "thugs" tells a reader how to see a story; it counts
against an outlet only when the outlet itself chose it. So every match of the
lexicon (`parallax/data/loaded_terms.tsv`, extensible by the user) is marked
`own` (the outlet's voice) or `quoted` (inside quotation marks, a `quotes` span,
or a clause attributed to a named speaker, "X said that ..."), with the speaker
when one can be found. Short quoted phrases that nobody is said to have said
(the "modernisation" plan, so-called "reforms") are scare quotes: the outlet's
own distancing, and a loaded term in their own right.

The lexicon is regular expressions over `Article.text`, so it needs no model
and runs on hand-built articles; spaCy `mentions` improve speaker names when
present. When the article's spaCy parse is at hand (`Article.doc`, during the
pipeline), general-purpose sentiment lexicons that ship in packages (VADER, textblob,
AFINN-165, Empath's categories) add the
loaded adjectives and adverbs no word list can enumerate ("a grotesque
spectacle", "shamefully ignored"): see `sentiment_terms`.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from parallax.annotate.quotes import Ranges, _inside
from parallax.errors import Msg, ParallaxError
from parallax.model import Article

CATEGORIES = (
    "pejorative",
    "laudatory",
    "charged-verb",
    "intensifier",
    "hedge",
    "speculation",
    "scare-quote",
    "unusual",
    "neutral",
)
LEXICON_ENV = "PARALLAX_LEXICON"
# Bumped when the word-level signals change: stored terms found with older ones are then stale.
SIGNALS_VERSION = "sentiment-5"
SCARE_QUOTE_MAX_WORDS = 4


# -- the lexicon ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LexiconEntry:
    term: str  # as written in the file, without the = and * marks
    category: str
    referent: str | None
    language: str
    pattern: re.Pattern[str]

    @property
    def loaded(self) -> bool:
        return self.category != "neutral"


def _inflections(word: str) -> list[str]:
    """Regular English endings of `word`; over-generation is harmless since forms must occur in text."""
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "ing", w + "d"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w + "d"}
    if len(w) > 2 and w.endswith("y") and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing", w + w[-1] + "er"}
    return sorted(forms, key=len, reverse=True)


def compile_term(raw: str) -> tuple[str, re.Pattern[str]]:
    """The display form of a lexicon term and its pattern (see the lexicon file's header)."""
    exact = raw.startswith("=")
    words = raw.lstrip("=").split()
    starred = any(w.endswith("*") for w in words)
    parts: list[str] = []
    clean: list[str] = []
    for i, word in enumerate(words):
        if word == "...":
            parts.append(r"(?:\S+\s+){0,4}?")
            clean.append("...")
            continue
        bare = word.rstrip("*")
        clean.append(bare)
        inflect = (word.endswith("*") if starred else (not exact and i == len(words) - 1)) and bare.isalpha()
        alternatives = _inflections(bare) if inflect else [bare]
        body = "|".join(re.escape(a).replace(r"\-", r"[-\s]?") for a in alternatives)
        parts.append(f"(?:{body})" + ("" if i == len(words) - 1 else r"\s+"))
    pattern = "".join(parts)
    return " ".join(clean), re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.IGNORECASE)


def parse_lexicon(lines: Iterable[str], where: str = "lexicon") -> list[LexiconEntry]:
    entries = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.rstrip("\n").split("\t")]
        if len(cols) < 2 or not cols[0] or cols[1] not in CATEGORIES:
            raise ParallaxError(
                Msg.BAD_LEXICON_LINE.format(path=where, line=number, categories=", ".join(CATEGORIES))
            )
        term, pattern = compile_term(cols[0])
        referent = cols[2] if len(cols) > 2 and cols[2] else None
        language = cols[3] if len(cols) > 3 and cols[3] else "en"
        entries.append(LexiconEntry(term, cols[1], referent, language, pattern))
    return entries


_WORD_START = re.compile(r"(?<![\w-])\w")


class Lexicon:
    """Lexicon entries by language; `find` returns the longest non-overlapping matches.

    Entries are indexed by their first two letters, so `find` tries at each word of the text
    only the few entries that could start there, instead of scanning the text once per entry.
    """

    def __init__(self, entries: Sequence[LexiconEntry], fingerprint: str = "") -> None:
        self.entries = list(entries)
        self.fingerprint = fingerprint  # changes when any lexicon file does: stored terms are then stale
        self._by_prefix: dict[str, dict[str, list[LexiconEntry]]] = {}
        self._unindexed: dict[str, list[LexiconEntry]] = {}  # terms not starting with two letters
        for entry in self.entries:
            prefix = entry.term[:2].lower()
            if len(prefix) == 2 and prefix.isalpha():
                self._by_prefix.setdefault(entry.language, {}).setdefault(prefix, []).append(entry)
            else:
                self._unindexed.setdefault(entry.language, []).append(entry)

    def find(self, text: str, language: str | None = None) -> list[tuple[int, int, LexiconEntry]]:
        # No words for a language the lexicon lacks: English words in French text would be noise.
        lang = (language or "en").lower()[:2]
        by_prefix = self._by_prefix.get(lang, {})
        found = []
        for word in _WORD_START.finditer(text):
            at = word.start()
            for entry in by_prefix.get(text[at : at + 2].lower(), ()):
                m = entry.pattern.match(text, at)
                if m is not None and m.end() > at:
                    found.append((at, m.end(), entry))
        for entry in self._unindexed.get(lang, ()):
            found.extend(
                (m.start(), m.end(), entry) for m in entry.pattern.finditer(text) if m.end() > m.start()
            )
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        # Longest first, a match overlapping one already kept is dropped. The kept ones never overlap,
        # so in start order their ends are in order too and one bisection finds any overlap.
        starts: list[int] = []
        ends: list[int] = []
        kept = []
        for start, end, entry in found:
            i = bisect_left(starts, end)
            if i and ends[i - 1] > start:
                continue
            starts.insert(i, start)
            ends.insert(i, end)
            kept.append((start, end, entry))
        return sorted(kept, key=lambda f: f[0])


BUNDLED_LEXICON = "loaded_terms.tsv"


@lru_cache(maxsize=4)
def load_lexicon(extra: str | None = None) -> Lexicon:
    """The bundled lexicon plus the user's files (PARALLAX_LEXICON, several joined by os.pathsep)."""
    text = resources.files("parallax.data").joinpath(BUNDLED_LEXICON).read_text("utf-8")
    digest = hashlib.sha256(text.encode("utf-8"))
    digest.update(SIGNALS_VERSION.encode("utf-8"))
    entries = parse_lexicon(text.splitlines(), BUNDLED_LEXICON)
    extra = extra if extra is not None else os.environ.get(LEXICON_ENV, "")
    for name in filter(None, extra.split(os.pathsep)):
        path = Path(name)
        if not path.is_file():
            raise ParallaxError(Msg.LEXICON_NOT_FOUND.format(path=path, env=LEXICON_ENV))
        user_text = path.read_text("utf-8")
        digest.update(user_text.encode("utf-8"))
        entries += parse_lexicon(user_text.splitlines(), str(path))
    return Lexicon(entries, digest.hexdigest()[:16])


# -- loaded adjectives and adverbs from general sentiment lexicons -----------------------------

# VADER's valence (-4..4, the mean of ten raters) and textblob's subjectivity/polarity (pattern's
# adjective lexicon) are general resources, written for no dataset. Only modifiers count: a noun
# or verb with a strong valence usually names what happened ("an attack", "five were killed"),
# which is reporting; an adjective or adverb with one is the writer's judgement of it ("a
# disgraceful attack", "brutally"). Negative judgements only: positive modifiers in news are
# mostly plain ("good weather", "free entry") and the lexicon lists the laudatory labels.
SENTIMENT_POS = ("ADJ", "ADV")
NEGATIVE_VALENCE = -1.0  # VADER: at most this ("ugly" -2.3, "bizarre" -1.3 is not enough alone)
SUBJECTIVE = 0.75  # textblob: this subjective and at least this negative ("grotesque", "shoddy")
SUBJECTIVE_POLARITY = -0.5
AFINN_NEGATIVE = -3  # AFINN-165 (-5..5): at most this ("tyrannical", "toxic"; "unfair" -2 is not enough)
# States and outcomes reported as facts, strongly negative in VADER but no writer's choice:
# "three people are dead", "the injured", "in critical condition", "a severe storm", "a late goal".
DESCRIPTIVE = frozenset(
    {
        "dead", "deadly", "fatal", "injured", "wounded", "hurt", "sick", "ill", "infected", "missing",
        "lost", "poor", "unemployed", "homeless", "guilty", "illegal", "criminal", "armed", "alone",
        "afraid", "late", "low", "lower", "lowest", "fewer", "negative", "difficult", "hard", "serious",
        "unclear", "uncertain", "isolated",
        "severe", "critical", "critically", "seriously", "bad", "badly", "worse", "wrong", "sad", "sadly",
        "unfortunately", "no", "not", "never",
    }
)  # fmt: skip


def package_file(package: str, *parts: str) -> Path | None:
    """A data file a lexicon package ships, found without importing the package (some pull in
    `requests` on import); None when the package is not installed."""
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


@lru_cache(maxsize=1)
def vader_valence() -> dict[str, float]:
    """VADER's word valences, read from the file the vaderSentiment package ships (no import of
    its analyser, which pulls in `requests`)."""
    path = package_file("vaderSentiment", "vader_lexicon.txt")
    if path is None:
        return {}
    valence: dict[str, float] = {}
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].replace("-", "").replace("'", "").isalpha():
            valence[cols[0].lower()] = float(cols[1])
    return valence


@lru_cache(maxsize=1)
def textblob_scores() -> dict[str, tuple[float, float]]:
    """word -> (mean polarity, mean subjectivity) over its senses in textblob's bundled en-sentiment.xml."""
    import xml.etree.ElementTree as ElementTree

    path = package_file("textblob", "en", "en-sentiment.xml")
    if path is None:
        return {}
    senses: dict[str, list[tuple[float, float]]] = {}
    for word in ElementTree.parse(path).getroot():
        form = (word.get("form") or "").lower()
        if form:
            senses.setdefault(form, []).append(
                (float(word.get("polarity") or 0), float(word.get("subjectivity") or 0))
            )
    return {w: (sum(p for p, _ in v) / len(v), sum(s for _, s in v) / len(v)) for w, v in senses.items()}


@lru_cache(maxsize=1)
def afinn_valence() -> dict[str, int]:
    """AFINN-165's word valences (-5..5), read from the file the `afinn` package ships (ODbL)."""
    path = package_file("afinn", "data", "AFINN-en-165.txt")
    if path is None:
        return {}
    valence: dict[str, int] = {}
    for line in path.read_text("utf-8").splitlines():
        word, _, score = line.rpartition("\t")
        if word and " " not in word and score.lstrip("-").isdigit():
            valence[word.lower()] = int(score)
    return valence


@lru_cache(maxsize=1)
def empath_categories() -> dict[str, frozenset[str]]:
    """word -> the Empath categories (Fast et al. 2016) listing it, from the `empath` package's
    categories.tsv (read directly: importing the package pulls in `requests`)."""
    path = package_file("empath", "data", "categories.tsv")
    if path is None:
        return {}
    found: dict[str, set[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        name, *words = line.split("\t")
        for word in words:
            found.setdefault(word.lower(), set()).add(name)
    return {w: frozenset(c) for w, c in found.items()}


def judgement(word: str, lemma: str) -> float | None:
    """How strongly negative a writer's judgement `word` is (VADER valence, else textblob polarity
    scaled to VADER's range, else AFINN's valence scaled to it), or None when no lexicon calls it
    a negative judgement."""
    valence = vader_valence()
    v = valence.get(word, valence.get(lemma))
    if v is not None and v <= NEGATIVE_VALENCE:
        return v
    polarity, subjectivity = textblob_scores().get(word, textblob_scores().get(lemma, (0.0, 0.0)))
    if subjectivity >= SUBJECTIVE and polarity <= SUBJECTIVE_POLARITY:
        return round(polarity * 4, 2)
    afinn = afinn_valence()
    a = afinn.get(word, afinn.get(lemma))
    if a is not None and a <= AFINN_NEGATIVE:
        return round(a * 0.8, 2)  # AFINN's -5..5 onto VADER's -4..4
    return None


def adverb_bases(word: str) -> list[str]:
    """The adjectives an -ly adverb may be made from: "cynically" -> cynical, cynic; "shoddily" ->
    shoddy; "laughably" -> laughable; "brazenly" -> brazen."""
    if not word.endswith("ly") or len(word) < 5:
        return []
    stem = word[:-2]
    bases = [stem, stem + "e"]
    if word.endswith("ically"):
        bases += [word[:-4], word[:-6] + "ic"]
    if word.endswith("ily"):
        bases.append(word[:-3] + "y")
    if word.endswith("bly"):
        bases.append(word[:-1] + "e")
    return bases


# Verbs of saying that judge the speaker where plain reporting says "said" ("she claimed", "he
# bragged"); as verbs only: "a claim", "a boast" name the statement.
JUDGING_SAYING = frozenset({"claim", "boast", "brag", "tout", "pretend", "gloat", "whine", "spout"})
PEOPLE_LABELS = ("PERSON", "NORP")
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "you", "we", "i", "him", "her", "them"})
# Nouns for people in plain roles that VADER rates negative: "she was the victim", "he is a suspect".
ROLE_NOUNS = frozenset(
    {"victim", "suspect", "prisoner", "patient", "casualty", "offender", "inmate", "defendant"}
)


def _names_people(token: Any) -> bool:
    """Whether `token` (a noun) is said of people: "he is a liar", "Dunn, a fraud,", "called him a
    fraud", "a liar and a fraud" (a conjunct of one)."""
    if token.dep_ == "conj" and token.head.pos_ == "NOUN":
        return _names_people(token.head)
    if token.dep_ == "oprd":
        return True
    if token.dep_ == "appos":
        return token.head.ent_type_ in PEOPLE_LABELS or token.head.lower_ in PERSONAL_PRONOUNS
    if token.dep_ == "attr":
        subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return any(c.ent_type_ in PEOPLE_LABELS or c.lower_ in PERSONAL_PRONOUNS for c in subjects)
    return False


# Empath categories of hostile feeling and contempt. A word an Empath category lists under one of
# them and no sentiment lexicon judges is mostly a charged noun or adjective ("lunacy", "venom",
# "hysteria", "monstrous", "vile"): the writer's own heat, where a plain report names the act.
EMOTION_CATEGORIES = frozenset(
    {
        "anger", "rage", "hate", "disgust", "horror", "irritability", "exasperation", "ridicule",
        "monster", "swearing_terms", "ugliness",
    }
)  # fmt: skip
# Plain names of feelings and acts those categories also list: "without fear of reprisals", "a
# complaint", "to their surprise" report what someone felt or did.
PLAIN_FEELINGS = frozenset({"fear", "surprise", "doubt", "danger", "complaint", "accusation"})


def rated_not_negative(word: str, lemma: str) -> bool:
    """Whether a sentiment lexicon knows `word` (or its lemma) and none rates it negative: VADER
    and AFINN give no valence below 0, textblob no polarity below 0 ("evident", "joke", "humor")."""
    vader, afinn = vader_valence(), afinn_valence()
    polarity = textblob_scores().get(word, textblob_scores().get(lemma))
    ratings = [
        vader.get(word, vader.get(lemma)),
        afinn.get(word, afinn.get(lemma)),
        polarity[0] if polarity else None,
    ]
    known = [r for r in ratings if r is not None]
    return bool(known) and all(r >= 0 for r in known)


def hostile_emotion(word: str, lemma: str) -> bool:
    """Whether Empath lists `word` (or its lemma) under a category of hostile feeling or contempt.
    Not an -ism: "racism", "sexism" name a belief or a social problem, the subject of a report.
    Not a word a sentiment lexicon rates and finds not negative ("evident", "a joke", "humor"):
    Empath's categories are grown from word contexts, so they take in neighbours of a feeling that
    carry none; a lexicon rated by people knows better."""
    if lemma in PLAIN_FEELINGS or word in PLAIN_FEELINGS or word.endswith(("ism", "isms")):
        return False
    if rated_not_negative(word, lemma):
        return False
    categories = empath_categories()
    return bool((categories.get(word, frozenset()) | categories.get(lemma, frozenset())) & EMOTION_CATEGORIES)


# Prefixes that turn a word into a stance on it: "anti-racism", "counter-terrorism" name a position
# against something bad, so neither the sentiment of "racism" nor that of "anti" is the writer's.
# Against something that is not bad ("anti-science", "anti-American") the prefix is the label.
STANCE_PREFIXES = frozenset({"anti", "pro", "counter", "non"})


def _negative_word(token: Any, threshold: bool = False) -> bool:
    """Whether AFINN or VADER rates `token` negative (at all, or at `judgement`'s thresholds)."""
    word, lemma = token.lower_, token.lemma_.lower()
    afinn = afinn_valence().get(word, afinn_valence().get(lemma, 0))
    vader = vader_valence().get(word, vader_valence().get(lemma, 0.0))
    if threshold:
        return afinn <= AFINN_NEGATIVE or vader <= NEGATIVE_VALENCE
    return afinn < 0 or vader < 0


def _in_stance_compound(doc: Any, token: Any) -> bool:
    """Whether `token` is the prefixed word of a stance compound ("racism" in "anti-racism"), or the
    prefix of one against something bad ("anti" in "anti-racism", not in "anti-science")."""
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in STANCE_PREFIXES:
        return True
    return (
        token.lower_ in STANCE_PREFIXES
        and token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and _negative_word(doc[token.i + 2])
    )


def sentiment_terms(doc: Any) -> list[tuple[int, int, LexiconEntry, str]]:
    """Words that carry a negative judgement, as lexicon-like entries of category "pejorative":
    adjectives and adverbs (see `judgement`), nouns VADER rates as negative when they are said
    of people, an epithet ("he is a liar", "Dunn, a fraud,"), and words of hostile feeling or
    contempt no sentiment lexicon judges (`hostile_emotion`: "lunacy", "monstrous"). Names are
    skipped ("Bad Bunny", "the Grim Reaper"), and so are the words of a stance compound against
    something bad ("anti-racism") and any other noun or verb: "an attack", "were killed" name
    what happened. Each with its signal: "sentiment" (a modifier), "epithet" or "emotion"."""
    found = []
    valence = vader_valence()
    for token in doc:
        if not token.is_alpha or token.ent_type_:
            continue
        if token.is_title and token.i > token.sent.start:  # a capitalised word mid-sentence: a name
            continue
        word, lemma = token.lower_, token.lemma_.lower()
        if _in_stance_compound(doc, token):
            continue
        if token.pos_ in SENTIMENT_POS:
            if word in DESCRIPTIVE or lemma in DESCRIPTIVE:
                continue
            signal = "sentiment"
            if judgement(word, lemma) is None:
                # an adverb the lexicons lack, made from an adjective they judge: "hypocritically"
                bases = adverb_bases(word) if token.pos_ == "ADV" else []
                if not any(b not in DESCRIPTIVE and judgement(b, b) is not None for b in bases):
                    if not hostile_emotion(word, lemma):
                        continue
                    signal = "emotion"
        elif token.pos_ == "VERB" and lemma in JUDGING_SAYING:
            found.append(
                (
                    token.idx,
                    token.idx + len(token.text),
                    LexiconEntry(lemma, "charged-verb", None, "en", re.compile(re.escape(word))),
                    "saying",
                )
            )
            continue
        elif token.pos_ == "NOUN":
            v = valence.get(word, valence.get(lemma))
            if v is None or v > NEGATIVE_VALENCE or lemma in ROLE_NOUNS or not _names_people(token):
                if not hostile_emotion(word, lemma):
                    continue
                signal = "emotion"  # "the lunacy of it", "spewing venom"
            else:
                signal = "epithet"
        else:
            continue
        entry = LexiconEntry(lemma, "pejorative", None, "en", re.compile(re.escape(word)))
        found.append((token.idx, token.idx + len(token.text), entry, signal))
    return found


JUDGEMENTS = ("pejorative", "laudatory")
CONTRASTS = frozenset({"but", "yet", "though", "although"})


def coordinated(
    doc: Any, matches: Sequence[tuple[int, int, LexiconEntry, str]]
) -> list[tuple[int, int, LexiconEntry, str]]:
    """Adjectives coordinated with a loaded one, which the lexicons do not know: "a tyrannical,
    warmongering regime", "evil and abominable"; and nouns coordinated with a pejorative noun
    ("thugs and scoundrels", "propaganda and falsehoods"). Coordination lines words up in one role, so
    they share the category of the loaded one (signal "coordinated")."""
    found = []
    for start, end, entry, _ in matches:
        span = doc.char_span(start, end)
        if span is None or len(span) != 1 or entry.category not in JUDGEMENTS:
            continue
        pos = span[0].pos_
        if pos != "ADJ" and not (pos == "NOUN" and entry.category == "pejorative"):
            continue
        if any(
            c.dep_ == "cc" and c.lower_ in CONTRASTS for c in span[0].head.children if span[0].dep_ == "conj"
        ) or any(c.dep_ == "cc" and c.lower_ in CONTRASTS for c in span[0].children):
            continue  # "painful but necessary": a contrast, not a shared judgement
        for other in span[0].conjuncts:
            word = other.lower_
            lemma = other.lemma_.lower()
            if other.pos_ != pos or not other.is_alpha or other.ent_type_ or word in DESCRIPTIVE:
                continue
            if (other.is_title and other.i > other.sent.start) or lemma in ROLE_NOUNS:
                continue  # a name ("Antifa"), or a plain role ("victims")
            found.append(
                (
                    other.idx,
                    other.idx + len(other),
                    LexiconEntry(lemma, entry.category, None, "en", re.compile(re.escape(word))),
                    "coordinated",
                )
            )
    return found


# Weak signal "unusual": adjectives, adverbs and verbs that general lists of common English words
# lack ("a clownish campaign", "blathering"). Uncommon nouns are mostly the topic's own names
# ("caliphate", "peshmerga") and are left out.
UNUSUAL_POS = ("ADJ", "ADV", "VERB")
UNUSUAL_MIN_LENGTH = 4
# How many other loaded own-voice words the sentence needs before an unusual word counts: a verb
# needs two, since an uncommon verb is more often plain news usage ("tweeted", "livestreamed").
UNUSUAL_SUPPORT = {"ADJ": 1, "ADV": 1, "VERB": 2}
# Loaded, but no evidence of the outlet's own judgement: a hedge or speculation supports nothing.
WEAK_EVIDENCE = frozenset({"hedge", "speculation"})
# Prefixes that make a plain word from a common one: "rebranded", "unvetted", "outdrink".
PLAIN_PREFIXES = (
    "un", "re", "over", "under", "out", "de", "dis", "co", "pre", "mis", "non", "sub", "up", "down",
    "micro", "on",
)  # fmt: skip


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Common English words, from two general lists textblob ships: its spelling-corrector counts
    (en-spelling.txt: public-domain books, Wiktionary and British National Corpus frequency lists;
    about 29,000 words) and Brill's tagger lexicon (en-lexicon.txt: the Brown corpus and the Penn
    Treebank's news text; about 94,000 words, so news words such as "nationwide" or "precinct" are
    common). Empty when textblob is missing: then no word is called unusual."""
    folder = package_file("textblob", "en")
    if folder is None:
        return frozenset()
    words = set()
    for name in ("en-spelling.txt", "en-lexicon.txt"):
        for line in (folder / name).read_text("utf-8").splitlines():
            if line and not line.startswith(";"):
                words.add(line.partition(" ")[0].lower())
    return frozenset(words)


def is_common(word: str, lemma: str, common: frozenset[str]) -> bool:
    """Whether `word` is a common English word, its lemma is, or either is a common word with a plain
    prefix ("rebranded" from "branded", "unvetted" from "vetted")."""
    for form in (word, lemma):
        if form in common:
            return True
        for prefix in PLAIN_PREFIXES:
            rest = form[len(prefix) :].lstrip("-")
            if form.startswith(prefix) and len(rest) >= UNUSUAL_MIN_LENGTH and rest in common:
                return True
    return False


def unusual_terms(
    doc: Any, taken: Sequence[tuple[int, int, LexiconEntry, str]]
) -> list[tuple[int, int, LexiconEntry, str]]:
    """Adjectives, adverbs and verbs that are not common English words (`is_common`): "clownish",
    "blathering", category "unusual", signal "unusual". Alone such a word is as often a technical or
    topical one ("transgender", "apostolic"), so it is a weak signal: `gate_unusual` keeps it only
    beside other loaded language. Names, capitalised words, stopwords, short words and words another
    signal found (`taken`) are skipped."""
    common = common_words()
    if not common:
        return []
    found = []
    for token in doc:
        if token.pos_ not in UNUSUAL_POS or not token.is_alpha or token.ent_type_ or token.is_stop:
            continue
        if len(token) < UNUSUAL_MIN_LENGTH or not token.text.islower():
            continue  # short, or capitalised: a name or an acronym the recogniser missed
        if is_common(token.lower_, token.lemma_.lower(), common):
            continue
        start, end = token.idx, token.idx + len(token)
        if any(s < end and start < e for s, e, _, _ in taken):
            continue
        entry = LexiconEntry(token.lemma_.lower(), "unusual", None, "en", re.compile(re.escape(token.lower_)))
        found.append((start, end, entry, "unusual"))
    return found


def gate_unusual(
    doc: Any,
    matches: Sequence[tuple[int, int, LexiconEntry, str]],
    spans: Sequence[QuoteSpan],
    sentences: Sequence[tuple[int, int]],
) -> list[tuple[int, int, LexiconEntry, str]]:
    """`matches` without the weak "unusual" ones that lack support. One is kept only in the outlet's
    own voice, in a sentence where enough other own-voice matches (`UNUSUAL_SUPPORT`), found by
    stronger signals, are loaded and no hedge or speculation: a lone uncommon word in a plain
    sentence is mostly a topical one."""
    if not any(m[3] == "unusual" for m in matches):
        return list(matches)

    def own(m: tuple[int, int, LexiconEntry, str]) -> bool:
        return voice_at(spans, m[0], m[1])[0] == "own"

    support = Counter(
        _sentence_of(sentences, m[0])
        for m in matches
        if m[3] != "unusual" and m[2].loaded and m[2].category not in WEAK_EVIDENCE and own(m)
    )

    def supported(m: tuple[int, int, LexiconEntry, str]) -> bool:
        span = doc.char_span(m[0], m[1])
        need = UNUSUAL_SUPPORT.get(span[0].pos_, 1) if span is not None and len(span) else 1
        return support[_sentence_of(sentences, m[0])] >= need and own(m)

    return [m for m in matches if m[3] != "unusual" or supported(m)]


def merge_matches(
    lexicon_matches: Sequence[tuple[int, int, LexiconEntry]],
    signal_matches: Sequence[tuple[int, int, LexiconEntry, str]],
) -> list[tuple[int, int, LexiconEntry, str]]:
    """Lexicon matches, plus signal matches that overlap none of them (the lexicon knows better), in
    start order, each with where it came from ("lexicon", or the signal's name)."""
    ranges = sorted((s, e) for s, e, _ in lexicon_matches)
    starts = [s for s, _ in ranges]
    merged = [(s, e, entry, "lexicon") for s, e, entry in lexicon_matches]
    for s, e, entry, signal in signal_matches:
        i = bisect_left(starts, e)
        if i and ranges[i - 1][1] > s:
            continue
        merged.append((s, e, entry, signal))
    return sorted(merged, key=lambda m: (m[0], m[1]))


QUOTE_MARKS = ('"', "“", "”", "‘", "«", "»", "„")  # not ’, which is also an apostrophe


def _widened(
    doc: Any, matches: Sequence[tuple[int, int, LexiconEntry, str]]
) -> list[tuple[int, int, LexiconEntry, str]]:
    """Each match widened to its phrase (`loaded_phrase`) unless that would reach into another match
    (terms never overlap) or across a quotation mark (the phrase would have two voices)."""
    widened: list[tuple[int, int, LexiconEntry, str]] = []
    for k, (start, end, entry, signal) in enumerate(matches):
        wide_start, wide_end = loaded_phrase(doc, start, end)
        before = matches[k - 1][1] if k else -1
        after = matches[k + 1][0] if k + 1 < len(matches) else len(doc.text) + 1
        previous_end = widened[-1][1] if widened else -1
        crosses = any(mark in doc.text[wide_start:wide_end] for mark in QUOTE_MARKS)
        if crosses or wide_start < max(before, previous_end) or wide_end > after:
            wide_start, wide_end = start, end
        widened.append((wide_start, wide_end, entry, signal))
    return widened


def loaded_phrase(doc: Any, start: int, end: int) -> tuple[int, int]:
    """The phrase a one-word loaded term stands in, from the parse: a loaded noun with its modifiers
    ("right-wing thugs"), a prefix with its compound ("anti-science"), a degree adverb before the
    word ("so corrupt"). An adjective stays without its noun ("brutal", not "brutal regime"): the
    noun is usually the plain name of what is judged; but a noun the sentiment lexicons also judge
    negative (VADER at most -1.0 or AFINN at most -3) joins it ("disgraceful failure"), one
    loaded phrase."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return start, end
    token = span[0]
    first = last = token
    if token.pos_ == "NOUN":
        modifiers = [c for c in token.lefts if c.dep_ in ("amod", "compound")]
        if modifiers:
            first = modifiers[0].left_edge  # "right-wing thugs", not "wing thugs"
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_:
        last = doc[token.i + 2]
    head = token.head
    if (
        token.pos_ == "ADJ"
        and token.dep_ == "amod"
        and head.pos_ == "NOUN"
        and token.i < head.i
        and _negative_word(head, threshold=True)
    ):
        last = head  # "a disgraceful failure": the noun shares the judgement
    degree = [c for c in token.lefts if c.dep_ == "advmod" and c.pos_ == "ADV" and c.i == token.i - 1]
    if degree and token.pos_ in ("ADJ", "VERB", "ADV") and first is token:
        first = degree[0]
    if first is last:
        return start, end
    return min(start, first.idx), max(end, last.idx + len(last))


# -- quotation marks and who is speaking -------------------------------------------------------

# Speech and attribution cues, English and Spanish.
_CUES = (
    r"said|says|say|told|tells|tell|added|adds|stressed|insisted|insists|claimed|claims|argued|argues|"
    r"warned|warns|wrote|writes|posted|declared|declares|denounced|called|calls|call|described|describes|"
    r"accused|accuses|asked|replied|explained|noted|urged|demanded|promised|admitted|announced|blamed|"
    r"according to|quoted|chanted|shouted|labelled|labeled|branded|dubbed|recalled|recalls|stated|states|"
    r"remarked|commented|emphasi[sz]ed|highlighted|observed|acknowledged|confirmed|denied|responded|"
    r"threatened|warnings?|statement|remarks|"
    r"dijo|afirmó|declaró|calificó|denunció|aseguró|explicó|añadió|según|llamó|advirtió|sostuvo"
)
CUE_RE = re.compile(rf"(?<!\w)(?:{_CUES})(?!\w)", re.IGNORECASE)
THAT_CLAUSE_RE = re.compile(
    r"(?<!\w)(?:said|says|told|tells|stressed|insisted|insists|claimed|claims|argued|argues|warned|warns|"
    r"added|alleged|alleges|wrote|explained|noted|declared|announced|believes|insisted)"
    r"(?:\s+[\w.'’-]+){0,3}?\s+that(?!\w)",
    re.IGNORECASE,
)
SO_CALLED_RE = re.compile(r"(?:so[-\s]called|self[-\s]styled|self[-\s]proclaimed)\s*$", re.IGNORECASE)
WHAT_X_CALLS_RE = re.compile(
    r"(?<!\w)what\s+(?:[\w'’-]+\s+){1,4}(?:calls|called|call)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?$",
    re.IGNORECASE,
)
ROLE_RE = re.compile(
    r"(?<!\w)the\s+(?:[\w-]+\s+)?(?:minister|ministry|president|mayor|spokesman|spokeswoman|spokesperson|"
    r"company|union|police|government|prosecutors?|judge|court|army|party|governor|officials?|operator|"
    r"commander|chairman|chairwoman|council)(?!\w)",
    re.IGNORECASE,
)
NAME_RE = re.compile(
    r"(?<![\w])(?:[A-ZÀ-Þ][\w'’.-]+)(?:\s+(?:[A-ZÀ-Þ][\w'’.-]+|de|van|von|of|the))*(?:\s+[A-ZÀ-Þ][\w'’.-]+)?"
)
TITLE_RE = re.compile(r"\s*(?:[A-ZÀ-Þ][\w.'’-]*\s+)*")  # "Interior Minister " before a name
SPEAKER_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
_NOT_NAMES = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "on",
    "in",
    "at",
    "but",
    "and",
    "asked",
    "speaking",
}

# Opening mark -> closing mark; straight quotes pair up within a paragraph.
_CURLY = {"“": "”", "«": "»", "„": "“"}


@dataclass
class QuoteSpan:
    start: int  # the quoted words, without the marks
    end: int
    outer_start: int  # with the marks
    outer_end: int
    speaker: str | None = None
    attributed: bool = False  # a cue or a quotes-layer speaker says someone said it
    scare: bool = False
    kind: str = "marks"  # "marks" | "layer" | "clause"


def _single_close(paragraph: str, start: int, known: dict[str, int] | None = None) -> int:
    """The ’ closing a ‘ opened before `start`: one not followed by a letter (so not "Kolokoltsev’s").

    `known` remembers the last answer for the paragraph: a later start at or before it has the same
    answer (and none found means none after), so a paragraph of unclosed ‘ is not rescanned each time.
    """
    if known:  # the first closing ’ at or after known["from"] is known["close"] (-1: there is none)
        close = known["close"]
        if (close == -1 and start >= known["from"]) or known["from"] <= start <= close:
            return close
    j = paragraph.find("’", start)
    while j != -1 and j + 1 < len(paragraph) and paragraph[j + 1].isalpha():
        j = paragraph.find("’", j + 1)
    if known is not None:
        known.update({"from": start, "close": j})
    return j


QUOTE_RUN_LINES = 6  # how many lines on a quotation may close when its line has no closing mark


def _close_in_line(paragraph: str, i: int, mark: str) -> int:
    """Where the quotation opened by `mark` at `i` closes within its line, or -1.

    A “ may also close with a second “ ("“It's unusual,“ said Ode"): one right after a word or
    punctuation and before a space, punctuation or the line's end (an opening “ stands the other
    way round), when it comes before any ”."""
    close = '"' if mark == '"' else _CURLY[mark]
    j = paragraph.find(close, i + 1)
    if mark == "“":
        k = paragraph.find("“", i + 1, j if j != -1 else len(paragraph))
        while k != -1:
            if not paragraph[k - 1].isspace() and (k + 1 == len(paragraph) or not paragraph[k + 1].isalnum()):
                return k
            k = paragraph.find("“", k + 1, j if j != -1 else len(paragraph))
    return j


def _close_on_later_line(text: str, line_end: int, mark: str) -> int:
    """Where a quotation left open at the end of its line closes on a later one, or -1.

    Text with a sentence per line (as some archives keep it) runs one quotation over several lines:
    it closes on a later line whose first mark closes ("... the end.” said Ode") or, for straight
    marks, on a later line with an odd number of them. A line whose first mark opens a quotation
    (the convention for a quote running over paragraphs: each opens again) or a blank line ends it
    at its own line's end, as does a quote that never closes within `QUOTE_RUN_LINES` lines."""
    closing = '"' if mark == '"' else _CURLY[mark]
    at = line_end
    for _ in range(QUOTE_RUN_LINES):
        if at >= len(text):
            return -1
        nxt = text.find("\n", at + 1)
        nxt = len(text) if nxt == -1 else nxt
        line = text[at + 1 : nxt]
        if not line.strip():
            return -1
        if mark == '"':
            count = line.count('"')
            if count:
                return at + 1 + line.index('"') if count % 2 else -1
        else:
            first_close, first_open = line.find(closing), line.find(mark)
            if first_close != -1 and (first_open == -1 or first_close < first_open):
                return at + 1 + first_close
            if first_open != -1:
                return -1
        at = nxt
    return -1


def quotation_spans(text: str) -> list[QuoteSpan]:
    """Spans between quotation marks (“…”, «…», "…", and ‘…’ opened at a word start).

    A quotation closes in its own line, else on a later line where it plainly closes (see
    `_close_on_later_line`), else at its line's end."""
    spans: list[QuoteSpan] = []
    offset = 0
    resume = 0  # a quotation that ran over lines: scanning goes on after its closing mark
    for paragraph in text.split("\n"):
        i, n = max(0, resume - offset), len(paragraph)
        known: dict[str, int] = {}
        while i < n:
            ch = paragraph[i]
            outer_end: int | None = None
            if ch == "‘":
                opens_word = (
                    (i == 0 or not paragraph[i - 1].isalnum())
                    and i + 1 < n
                    and not paragraph[i + 1].isspace()
                )
                j = _single_close(paragraph, i + 1, known) if opens_word else -1
                if j == -1:
                    i += 1
                    continue
            else:
                if ch != '"' and ch not in _CURLY:
                    i += 1
                    continue
                j = _close_in_line(paragraph, i, ch)
                if j == -1:
                    later = _close_on_later_line(text, offset + n, ch)
                    if later != -1:
                        spans.append(QuoteSpan(offset + i + 1, later, offset + i, later + 1))
                        resume = later + 1
                        break
                    j = n  # a quote running on to the next paragraph closes at the paragraph's end
            outer_end = offset + min(j + 1, n)
            spans.append(QuoteSpan(offset + i + 1, offset + j, offset + i, outer_end))
            i = j + 1
        offset += n + 1
    return [s for s in spans if s.end > s.start]


def _sentences(article: Article) -> list[tuple[int, int]]:
    layer = article.annotations.get("sentences")
    if layer:
        return [(s["start"], s["end"]) for s in layer]
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+(?:[.!?]+[\"”»’]?|$)", article.text)]


_SPACES = re.compile(" *")


def _sentence_of(sentences: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence holding `pos` (sentences in text order, not overlapping), found by bisection."""
    i = bisect_right(sentences, (pos, math.inf)) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return pos, pos


def _quote_context(text: str, sentences: Sequence[tuple[int, int]], q: QuoteSpan) -> tuple[int, int]:
    """From the sentence where a quotation opens to the one where it closes, plus a trailing "said X",
    never beyond the quotation's paragraph."""
    para_start = text.rfind("\n", 0, q.outer_start) + 1
    para_end = text.find("\n", q.outer_end)
    para_end = len(text) if para_end == -1 else para_end
    start = _sentence_of(sentences, q.start)[0]
    end = max(_sentence_of(sentences, max(q.outer_end - 1, q.start))[1], q.outer_end)
    if not text[q.outer_end : end].strip(' ,.;!?"”»'):
        spaces = _SPACES.match(text, end)
        following = _sentence_of(sentences, spaces.end() if spaces else end)
        if following[0] >= end:
            end = following[1]
    return max(min(start, q.outer_start), para_start), min(max(end, q.outer_end), para_end)


def _blanked(text: str, spans: Sequence[QuoteSpan]) -> str:
    """The text with every quotation blanked, keeping offsets: blanked once, then sliced for each
    sentence (blanking every span again for each quote made an article of quotes quadratic)."""
    chars = list(text)
    for q in spans:
        start = min(max(q.outer_start, 0), len(text))
        end = max(min(q.outer_end, len(text)), start)
        chars[start:end] = " " * (end - start)
    return "".join(chars)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    name: str
    kind: str  # PERSON, ORG, ... (spaCy labels), NAME (capitalised words, no spaCy) or ROLE ("the minister")


class _SpeakerIndex:
    """What `_candidates` looks up for every quote, built once per article and span list: the spans
    that cover a position and the speaker mentions in text order (scanning both for each quote made
    an article of quotes quadratic)."""

    def __init__(self, article: Article, spans: Sequence[QuoteSpan]) -> None:
        self.covered = Ranges([(q.outer_start, q.outer_end) for q in spans if q.kind != "clause"])
        mentions = article.annotations.get("mentions")
        self.mentions = (
            None
            if mentions is None
            else sorted((m for m in mentions if m.get("label") in SPEAKER_LABELS), key=lambda m: m["start"])
        )
        self.starts = [m["start"] for m in self.mentions or ()]

    def mentions_in(self, start: int, end: int) -> list[dict[str, Any]]:
        assert self.mentions is not None
        chosen = self.mentions[bisect_left(self.starts, start) : bisect_right(self.starts, end)]
        return [m for m in chosen if m["end"] <= end]


def _candidates(
    article: Article, start: int, end: int, spans: Sequence[QuoteSpan], index: _SpeakerIndex | None = None
) -> list[Candidate]:
    """Possible speakers in text[start:end] outside quotations: named mentions (else capitalised names) and roles."""
    index = index or _SpeakerIndex(article, spans)

    def outside(s: int, e: int) -> bool:
        return not _inside(s, e, index.covered)

    found: list[Candidate] = []
    if index.mentions is not None:
        found += [
            Candidate(m["start"], m["end"], m["text"], m.get("label", "NAME"))
            for m in index.mentions_in(start, end)
            if outside(m["start"], m["end"])
        ]
    else:
        for m in NAME_RE.finditer(article.text, start, end):
            words = m.group().split()
            while words and words[0].lower().strip(".,") in _NOT_NAMES:
                words = words[1:]
            if words and outside(m.start(), m.end()):
                name = " ".join(words).rstrip(".,")
                s = m.start() + m.group().find(words[0])
                found.append(Candidate(s, s + len(name), name, "NAME"))
    for m in ROLE_RE.finditer(article.text, start, end):
        if outside(m.start(), m.end()) and not any(c.start <= m.start() < c.end for c in found):
            found.append(Candidate(m.start(), m.end(), _resolve_role(article, m.start(), m.group()), "ROLE"))
    return sorted(found, key=lambda c: c.start)


_TITLED = (
    "minister",
    "president",
    "mayor",
    "judge",
    "spokesman",
    "spokeswoman",
    "commander",
    "chairman",
    "governor",
)


def _resolve_role(article: Article, pos: int, role: str) -> str:
    """'the minister' -> the last person introduced with that title ("Interior Minister Teodor Lazic")."""
    word = next((t for t in _TITLED if t in role.lower()), None)
    if word is None:
        return role
    for m in reversed(article.annotations.get("mentions") or []):
        if (
            m.get("label") == "PERSON"
            and m["end"] <= pos
            and word in article.text[max(0, m["start"] - 30) : m["start"]].lower()
        ):
            return str(m["text"])
    return role


def _subject_person_before(article: Article, pos: int) -> str | None:
    """Who "she said" most likely refers to: the last person who opened a sentence, else the last person."""
    mentions = [
        m for m in article.annotations.get("mentions") or [] if m.get("label") == "PERSON" and m["end"] <= pos
    ]
    if not mentions:
        return None
    sentences = [s for s in _sentences(article) if s[0] < pos]
    for s_start, _ in reversed(sentences[-6:]):
        openers = [
            m
            for m in mentions
            if s_start <= m["start"] <= s_start + 40
            and TITLE_RE.fullmatch(article.text[s_start : m["start"]])
        ]
        if openers:
            return str(openers[0]["text"])
    return str(mentions[-1]["text"])


INVERTING_CUES = {
    "said",
    "says",
    "told",
    "asked",
    "added",
    "wrote",
    "according to",
    "declared",
    "dijo",
    "afirmó",
    "declaró",
    "según",
}


def _best_speaker(article: Article, cands: Sequence[Candidate], cue_start: int, cue_end: int) -> str | None:
    """The speaker a cue points at: right after it ("said Mirko Dal") or the subject before it, people first."""
    inverting = article.text[cue_start:cue_end].lower() in INVERTING_CUES

    def cost(c: Candidate) -> float:
        if article.text[c.end : c.end + 2] in ("'s", "’s"):
            return 1000  # a possessive ("Brezník's release") is not who speaks
        if c.start >= cue_end:
            gap = c.start - cue_end
            return gap if inverting and gap <= 15 else 300 + gap
        penalty = 0 if c.kind in ("PERSON", "NAME") else 60
        return max(0, cue_start - c.end) + penalty

    best = min(cands, key=cost) if cands else None
    return best.name if best is not None and cost(best) < 1000 else None


def attribute_quotes(article: Article, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Decide for each quotation whether it is speech (with a speaker when one is named) or a scare quote."""
    text = article.text
    sentences = _sentences(article)
    layer = sorted(article.annotations.get("quotes") or [], key=lambda x: x["start"])
    layer_starts = [x["start"] for x in layer]
    layer_reach = list(itertools.accumulate((x["end"] for x in layer), max))
    blanked = _blanked(text, spans)
    index = _SpeakerIndex(article, spans)
    previous: QuoteSpan | None = None
    for q in spans:
        s_start, s_end = _quote_context(text, sentences, q)
        context = blanked[s_start:s_end]
        inner = text[q.start : q.end]
        words = len(inner.split())
        before = text[max(0, q.outer_start - 60) : q.outer_start]
        sentence_like = words > SCARE_QUOTE_MAX_WORDS or bool(re.search(r"[.!?…][\s]*$", inner.rstrip(",")))
        cues = list(CUE_RE.finditer(context))
        # the first layer quote overlapping q (the layer is in text order): the first ending after q.start
        first = bisect_right(layer_reach, q.start)
        layer_match = layer[first] if first < len(layer) and layer_starts[first] < q.end else None
        distancing = bool(SO_CALLED_RE.search(before) or WHAT_X_CALLS_RE.search(before))
        if layer_match is not None and layer_match.get("speaker") and not distancing:
            q.attributed, q.speaker, q.kind = True, layer_match["speaker"], "layer"
        elif not sentence_like and (distancing or not cues):
            q.scare = True
        else:
            q.attributed = bool(cues) or sentence_like
            q.speaker = _speaker_for(article, q, spans, s_start, s_end, cues, previous, context, index)
        if not q.scare:
            previous = q
    return spans


def _speaker_for(
    article: Article,
    q: QuoteSpan,
    spans: Sequence[QuoteSpan],
    s_start: int,
    s_end: int,
    cues: Sequence[re.Match[str]],
    previous: QuoteSpan | None,
    context: str,
    index: _SpeakerIndex,
) -> str | None:
    text = article.text
    if cues:
        cue = min(
            cues,
            key=lambda c: min(abs(s_start + c.start() - q.outer_end), abs(s_start + c.end() - q.outer_start)),
        )
        cue_start, cue_end = s_start + cue.start(), s_start + cue.end()
        pronoun = re.search(r"(?:she|he)\s*$", context[: cue.start()], re.IGNORECASE)
        if pronoun and cue_start - (s_start + pronoun.start()) <= 4:
            return _subject_person_before(article, q.outer_start)
        named = _best_speaker(article, _candidates(article, s_start, s_end, spans, index), cue_start, cue_end)
        if named is not None:
            return named
    # No cue or no name: a colon- or dash-introduced quote takes the speaker before the mark; a quote
    # continuing an attributed one in the same paragraph keeps its speaker.
    para_start = text.rfind("\n", 0, q.outer_start) + 1
    lead = q.outer_start - 1  # the paragraph's last character before the mark, whitespace aside
    while lead >= para_start and text[lead].isspace():
        lead -= 1
    if lead >= para_start and text[lead] in (":", "—", "–"):
        cands = _candidates(article, para_start, q.outer_start, spans, index)
        return cands[-1].name if cands else None
    if previous is not None and previous.speaker and "\n" not in text[previous.outer_end : q.outer_start]:
        return previous.speaker
    return None


def attributed_clauses(article: Article, spans: Sequence[QuoteSpan]) -> list[QuoteSpan]:
    """Reported speech ("X said that ...") with a named or role speaker: from "that" to the sentence end."""
    text = article.text
    clauses = []
    blanked = _blanked(text, spans)
    index = _SpeakerIndex(article, spans)
    for s_start, s_end in _sentences(article):
        context = blanked[s_start:s_end]
        for m in THAT_CLAUSE_RE.finditer(context):
            cue_at = s_start + m.start()
            if re.search(r"(?:she|he)\s*$", context[: m.start()], re.IGNORECASE):
                speaker = _subject_person_before(article, cue_at)
            else:
                cands = [c for c in _candidates(article, s_start, cue_at, spans, index) if c.end <= cue_at]
                speaker = _best_speaker(article, cands, cue_at, cue_at)
            if speaker is None:
                continue  # "critics say that ...": unnamed attribution stays the outlet's own hedge
            clauses.append(
                QuoteSpan(s_start + m.end(), s_end, s_start + m.end(), s_end, speaker, True, False, "clause")
            )
            break
    return clauses


def voice_spans(article: Article) -> list[QuoteSpan]:
    """Every span not in the outlet's own voice: quotations, `quotes`-layer spans and attributed clauses."""
    spans = attribute_quotes(article, quotation_spans(article.text))
    # The spans never overlap, so in start order their ends are in order too: one bisection tells
    # whether a layer quote overlaps any (a scan of all spans for each made long articles quadratic).
    starts, ends = [q.start for q in spans], [q.end for q in spans]
    for x in article.annotations.get("quotes") or []:
        if x.get("kind") == "indirect" and (not x.get("speaker") or x.get("said") is False):
            # "..., officials said" with nobody named, or what someone knows, found or believes ("owners
            # have always known that ..."): the words are the outlet's own, not words it reports
            continue
        i = bisect_left(starts, x["end"])
        if not (i and ends[i - 1] > x["start"]):
            starts.insert(i, x["start"])
            ends.insert(i, x["end"])
            spans.append(
                QuoteSpan(x["start"], x["end"], x["start"], x["end"], x.get("speaker"), True, False, "layer")
            )
    spans += attributed_clauses(article, spans)
    return sorted(spans, key=lambda q: (q.start, -q.end))


def _spans_over(
    spans: Sequence[QuoteSpan],
    by_start: Sequence[int],
    starts: Sequence[int],
    reach: Sequence[int],
    start: int,
    end: int,
) -> list[QuoteSpan]:
    """The spans holding start:end, in their given order: walked back from the last span starting at
    or before `start` while any span that far back still reaches `end`."""
    found = []
    j = bisect_right(starts, start) - 1
    while j >= 0 and reach[j] >= end:
        if spans[by_start[j]].end >= end:
            found.append(by_start[j])
        j -= 1
    return [spans[k] for k in sorted(found)]


def voice_at(spans: Sequence[QuoteSpan], start: int, end: int) -> tuple[str, str | None]:
    """("own", None) or ("quoted", speaker) for the text at start:end; the innermost speech span decides."""
    holders = [q for q in spans if not q.scare and q.start <= start and end <= q.end]
    if not holders:
        # a scare quote around the term: someone else's word, used by the outlet at a distance
        if any(q.scare and q.start <= start and end <= q.end for q in spans):
            return "quoted", None
        return "own", None
    inner = min(holders, key=lambda q: q.end - q.start)
    return "quoted", inner.speaker


# -- the stage ---------------------------------------------------------------------------------


def find_terms(
    article: Article, lexicon: Lexicon | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(loaded terms, referent terms) of one article, each with offsets, category, voice and speaker."""
    lexicon = lexicon or load_lexicon()
    text = article.text
    spans = voice_spans(article)
    loaded: list[dict[str, Any]] = []
    referents: list[dict[str, Any]] = []
    # The terms come in start order: sweep the spans along, keeping only those over the current
    # position (the only ones that can hold a term), instead of asking every span for every term.
    by_start = sorted(range(len(spans)), key=lambda k: spans[k].start)
    starts = [spans[k].start for k in by_start]
    reach = list(itertools.accumulate((spans[k].end for k in by_start), max))
    taken, active = 0, []
    language = (article.language or "en").lower()[:2]
    signals = sentiment_terms(article.doc) if article.doc is not None and language == "en" else []
    if article.doc is not None and language == "en":
        signals += unusual_terms(article.doc, signals)
    matches = merge_matches(lexicon.find(text, article.language), signals)
    if article.doc is not None and language == "en":
        extra = [
            m
            for m in coordinated(article.doc, matches)
            if not any(s < m[1] and m[0] < e for s, e, _, _ in matches)
        ]
        matches = sorted([*matches, *extra], key=lambda m: (m[0], m[1]))
        matches = gate_unusual(article.doc, matches, spans, _sentences(article))
    # A loaded term is reported as the phrase it colours; its voice is the loaded word's.
    phrases = _widened(article.doc, matches) if article.doc is not None and language == "en" else matches
    for (start, end, entry, signal), (wide_start, wide_end, _, _) in zip(matches, phrases, strict=True):
        while taken < len(by_start) and spans[by_start[taken]].start <= start:
            active.append(by_start[taken])
            taken += 1
        active = [k for k in active if spans[k].end > start]
        voice, speaker = voice_at([spans[k] for k in sorted(active)], start, end)
        item = {
            "start": start,
            "end": end,
            "term": text[start:end],
            "word": text[start:end],
            "entry": entry.term,
            "category": entry.category,
            "voice": voice,
            "speaker": speaker,
            "signal": signal,
        }
        if entry.referent:  # word-choice contrasts compare the words themselves
            referents.append({**item, "referent": entry.referent})
        if entry.loaded:
            phrase = {"start": wide_start, "end": wide_end, "term": text[wide_start:wide_end]}
            loaded.append({**item, **phrase, "referent": entry.referent})
    for q in spans:
        if not q.scare:
            continue
        start = q.outer_start
        lead = text[max(0, start - 25) : start]
        marker = SO_CALLED_RE.search(lead)
        if marker:
            start = start - (len(lead) - marker.start())
        voice, speaker = voice_at(
            _spans_over(spans, by_start, starts, reach, start, q.outer_end), start, q.outer_end
        )
        loaded.append(
            {
                "start": start,
                "end": q.outer_end,
                "term": text[start : q.outer_end],
                "word": text[start : q.outer_end],
                "entry": "scare quotes",
                "category": "scare-quote",
                "voice": voice,
                "speaker": speaker,
                "referent": None,
                "signal": "marks",
            }
        )
    # A "so-called" marker is reported once, as part of its scare quote.
    scare = [t for t in loaded if t["entry"] == "scare quotes"]
    loaded = [
        t
        for t in loaded
        if not (
            t["category"] == "scare-quote"
            and t["entry"] != "scare quotes"
            and any(s["start"] == t["start"] for s in scare)
        )
    ]
    loaded.sort(key=lambda t: (t["start"], t["end"]))
    return loaded, referents


class LoadedTermsStage:
    """Article layers `loaded_terms`, `referent_terms` and the lexicon they were found with (see
    docs/report-schema.md)."""

    name: str = "loaded_terms"
    requires: tuple[str, ...] = ("sentences",)
    provides: tuple[str, ...] = ("loaded_terms", "referent_terms", "loaded_terms_lexicon")

    def __init__(self, requires: tuple[str, ...] = ("sentences",), lexicon: Lexicon | None = None) -> None:
        self.requires = requires
        self.lexicon = lexicon

    def __call__(self, articles: Sequence[Article]) -> None:
        lexicon = self.lexicon or load_lexicon()
        for article in articles:
            loaded, referents = find_terms(article, lexicon)
            article.annotations["loaded_terms"] = loaded
            article.annotations["referent_terms"] = referents
            article.annotations["loaded_terms_lexicon"] = lexicon.fingerprint


def refresh_terms(article: Article, lexicon: Lexicon | None = None) -> None:
    """Recompute an article's terms when they were found with another lexicon (the user edited theirs)."""
    lexicon = lexicon or load_lexicon()
    if (
        article.annotations.get("loaded_terms_lexicon") != lexicon.fingerprint
        or "loaded_terms" not in article.annotations
    ):
        parsed = article.doc is None and (article.language or "en").lower().startswith("en")
        if parsed:  # the pipeline's parse is gone; the sentiment signals need one
            from parallax.annotate.nlp import parse

            article.doc = parse(article.text)
        try:
            LoadedTermsStage(lexicon=lexicon)([article])
        finally:
            if parsed:
                article.doc = None
