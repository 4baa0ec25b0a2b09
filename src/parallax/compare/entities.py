"""One canonical entity per real-world referent across a story, with aliases, counts and roles.

Mentions come from the `mentions` layer (spaCy) plus @handles. Names are compared folded
(accents, case), without titles ("Mr.", "Interior Minister") or possessives. Precision over
recall: full names join when first and last names agree (allowing a middle name, an initial or a
one-letter transliteration like Nadia/Nadja); a surname-only mention joins the one full name
with that surname, and stays on its own when the story has two (two Castros stay apart).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import Any

from parallax.annotate.names import (
    fold,
    name_tokens,
    role_heads,
    roles_near,
    same_thing_key,
    strip_titles,
    titles,
)
from parallax.compare.basics import independent
from parallax.model import Article, Story

HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{3,30})")
PERSONISH = ("PERSON", "ORG", "GPE", "NORP")  # labels spaCy sometimes gives a person's surname
STOP_WORDS = {"of", "the", "and", "for", "de", "del", "la", "el", "y", "&"}
# "Trump Administration", "Obama era": a person's own, which makes the surname no company's name.
PERSONS_OWN = {"administration", "government", "campaign", "family", "era", "presidency", "camp", "cabinet",
               "team", "regime", "years", "doctrine", "aides", "allies"}  # fmt: skip
# A "PERSON" whose name holds one of these is an organisation the small model mislabelled.
ORG_WORDS = {"fc", "club", "party", "union", "gazette", "times", "post", "ministry", "court", "agency", "bank",
             "council", "press", "news", "group", "holdings", "university", "school", "hospital", "athletic",
             "united", "association", "committee", "church", "chronicle", "courier", "bulletin", "today", "tv",
             "radio", "line", "league", "company", "corporation", "inc", "ltd", "foundation", "institute"}  # fmt: skip


@dataclass
class Mention:
    article: Article
    start: int
    end: int
    label: str
    tokens: list[str]  # folded name words, titles stripped
    title: str = ""  # the title spaCy included in the mention, if any

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def thing_tokens(self) -> list[str]:
        """Folded words of the whole mention: a place's or organisation's name keeps a leading word that
        is also a title ("General Motors", "Major League Baseball")."""
        if not self.title:
            return self.tokens
        text = re.sub(r"['’]s$|['’]$", "", self.text.strip())
        return [t for t in (fold(w).strip(".,") for w in text.split()) if t]


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    person: bool = False

    @property
    def full_names(self) -> list[list[str]]:
        return [m.tokens for m in self.mentions if len(m.tokens) >= 2]


def collect_mentions(articles: Sequence[Article]) -> list[Mention]:
    """Entity mentions with clean spans: no possessive ending, no leading "the", one line each."""
    mentions: list[Mention] = []
    spans = {a.id: _mention_spans(a) for a in articles}
    # what the story names on its own in its running text (not in title-cased headlines)
    standalone = {
        fold(a.text[s:e]) for a in articles for s, e, _ in spans[a.id] if not _in_headline(a.text, s, e)
    }
    person_roles = {  # each article's people with the roles it gives them ("Steve Jobs, CEO de Apple")
        a.id: [(s, e, roles_near(a.text, s, e)) for s, e, label in spans[a.id] if label == "PERSON"]
        for a in articles
    }
    roles = frozenset(fold(r.role) for found in person_roles.values() for _, _, near in found for r in near)
    common = _common_words(articles)
    person_words = {  # the words of the story's people's names, as written
        w.strip(".,")
        for a in articles
        for s, e, label in spans[a.id]
        if label == "PERSON"
        for w in a.text[s:e].split()
    }
    titles = {aid: _TitleSpans(found) for aid, found in person_roles.items()}
    # what the story names on its own somewhere, outside any title ("Apple said"; never "Interior")
    named_alone = {
        fold(a.text[s:e])
        for a in articles
        for s, e, label in spans[a.id]
        if label != "PERSON" and not _is_title_word(a.text, s, e, titles[a.id], common_words=True)
    }
    for article in articles:
        for first, last, label in spans[article.id]:
            if (
                label not in ("PERSON", "GPE", "NORP", "LOC")
                and fold(article.text[first:last]) not in named_alone
                and _is_title_word(article.text, first, last, titles[article.id], common_words=True)
            ):
                continue  # "Interior Minister X", "Army General X": the person's title, not an organisation
            if label != "PERSON" and _is_title_word(article.text, first, last, titles[article.id]):
                continue  # "Russian Minister" of "Russian Minister of the Interior, X"
            first, last = _trim_headline(article.text, first, last, standalone)
            if label == "PERSON":
                first, last = _name_part(article.text, first, last)
            elif label != "NORP":  # "Apple CEO said" is the CEO; "the Russian Minister" is a role, no nation
                last = _with_role(article.text, last)
            if label == "PERSON":
                last = _unglued_end(article.text, first, last, person_words)
            pieces = _split_joined(article.text, first, last, standalone, label == "PERSON", roles)
            for start, end in pieces:
                text = article.text[start:end]
                if (
                    label not in ("PERSON", "GPE", "NORP", "LOC")
                    and fold(text) not in named_alone
                    and _is_title_word(article.text, start, end, titles[article.id], common_words=True)
                ):
                    continue  # "Interior" cut from "the Interior of Russia" in "X, Minister of the Interior of Russia"
                name, title = strip_titles(text)
                tokens = name_tokens(name)
                if not tokens or not (text[:1].isupper() or text[:1].isdigit()):
                    continue
                if (
                    len(tokens) == 1
                    and " " not in name
                    and name in common
                    and not name.isupper()
                    and SENTENCE_START.search(article.text[max(0, start - 3) : start] if start else "\n")
                ):
                    continue  # "Since 2012", "Observers believe": capitalised by position, a common word
                if (
                    fold(text) not in standalone
                    and all(w in common for w in name.split())
                    and _in_headline(article.text, start, end)
                ):
                    continue  # "Cuba's Current Crisis" in a title-cased heading: common words, not a name
                mentions.append(Mention(article, start, end, label, tokens, title))
        taken = _Taken([(m.start, m.end) for m in mentions if m.article is article])
        for q in article.annotations.get("quotes", []):
            # a speaker the parser named but the entity recogniser missed ("Ilse Marrow called ...")
            start, end = q.get("speaker_start"), q.get("speaker_end")
            if start is None or end is None or taken.overlaps(start, end):
                continue
            text = article.text[start:end]
            name, title = strip_titles(text)
            tokens = name_tokens(name)
            words = name.split()
            if len(tokens) >= 2 and all(w[:1].isupper() for w in words) and not ORG_WORDS & set(tokens):
                mentions.append(Mention(article, start, end, "PERSON", tokens, title))
                taken.add(start, end)
        for m in HANDLE.finditer(article.text):
            mentions.append(Mention(article, m.start(), m.end(), "HANDLE", [fold(m.group(1))]))
    return mentions


class _TitleSpans:
    """The titles an article gives its people, before or after the name ("Interior Minister X", "X,
    Minister of the Interior of Russia"), and whether one holds a span, by bisection: sorted by
    start, the furthest end reached so far tells containment at once."""

    def __init__(self, person_roles: Sequence[tuple[int, int, Sequence[Any]]]) -> None:
        spans = sorted(
            [(r.start, s) for s, _, near in person_roles for r in near if r.start < s]
            + [(e, r.end) for _, e, near in person_roles for r in near if r.end > e]
        )
        self.starts = [s for s, _ in spans]
        self.reach = list(accumulate((e for _, e in spans), max))

    def hold(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Lower-case English words of the Brill lexicon textblob ships: "army", "interior", not "microsoft"."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("textblob")
    if spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).parent / "en" / "en-lexicon.txt"
    if not path.exists():
        return frozenset()
    words = (
        line.split(" ", 1)[0] for line in path.read_text("utf-8").splitlines() if not line.startswith(";")
    )
    return frozenset(w for w in words if w.islower())


def _is_title_word(text: str, start: int, end: int, titles: _TitleSpans, common_words: bool = False) -> bool:
    """A mention inside a person's title, or just before a role word, that holds a role word ("Russian
    Minister"), or with `common_words`, is one common English word ("Interior", "Army"); "Microsoft" of
    "Microsoft CEO X" and "National Waterworks Board" of its chairman's title are names."""
    after = re.match(r"\s+([\w'’-]+)", text[end : end + 40])
    before_role = (
        after is not None and fold(after.group(1)).removesuffix("'s").removesuffix("’s") in role_heads()
    )
    if not before_role and not titles.hold(start, end):
        return False  # neither in a title before a name nor just before a role word ("Interior Minister's")
    words = [fold(w).strip(".,") for w in text[start:end].split()]
    if any(w in role_heads() for w in words):
        return True
    return common_words and len(words) == 1 and words[0] in _english_words()


GLUED = ("and", "the", "of", "with", "in", "to")


def _unglued_end(text: str, start: int, end: int, person_words: set[str]) -> int:
    """ "Raul Castroand": a name glued to the next word by a lost space ends where a name the story
    gives on its own ends."""
    last = text[start:end].rsplit(None, 1)[-1]
    for glue in GLUED:
        stem = last[: -len(glue)]
        if last.endswith(glue) and len(stem) >= 3 and stem in person_words:
            return end - len(glue)
    return end


def _common_words(articles: Sequence[Article]) -> set[str]:
    """Capitalised forms of the words the story also writes in lower case ("government" -> "Government"),
    less the parts of its people's names ("Theresa May" keeps "May" though "may" is common) and the
    words it capitalises inside a sentence too ("Apple" in a story that mentions an apple)."""
    lower: set[str] = set()
    mid_sentence: set[str] = set()
    for line in (line for a in articles for line in a.text.split("\n")):
        heading = _is_headline(line)  # where every word is capitalised, capitals tell nothing
        for m in re.finditer(r"(?<![\w'’-])[^\W\d_][\w'’-]*", line):
            word = m.group(0)
            if word.islower():
                lower.add(word)
            elif (
                not heading
                and word[:1].isupper()
                and not SENTENCE_START.search(line[max(0, m.start() - 3) : m.start()])
            ):
                mid_sentence.add(word)
    person_words = {
        w
        for a in articles
        for raw in a.annotations.get("mentions", [])
        if raw.get("label") == "PERSON" and " " in raw["text"].strip()
        for w in raw["text"].split()
    }
    return {w[:1].upper() + w[1:] for w in lower} - person_words - mid_sentence


def _mention_spans(article: Article) -> list[tuple[int, int, str]]:
    """The `mentions` layer's spans, cleaned (`_clean_span`), one line each."""
    spans = []
    for raw in article.annotations.get("mentions", []):
        offset = raw["start"]
        for piece in raw["text"].split("\n"):
            start, end = _clean_span(article.text, offset, offset + len(piece))
            offset += len(piece) + 1
            if end > start:
                spans.append((start, end, raw["label"]))
    return spans


def _is_headline(line: str) -> bool:
    """A title-cased line ("Lindsay Lohan Checks Into Rehab"), where every word looks like a name."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return len(words) >= 3 and all(w[:1].isupper() for w in words)


NAME_PARTICLES = {"de", "del", "da", "das", "do", "dos", "di", "du", "la", "le", "van", "von", "der", "den", "ter",
                  "bin", "ibn", "al", "el", "y", "e", "zu", "af", "av"}  # fmt: skip


def _name_part(text: str, start: int, end: int) -> tuple[int, int]:
    """A person's name ends before a lower-case word that is no particle: "Lindsay never checked"."""
    for m in re.finditer(r"\s+(\S+)", text[start:end]):
        word = m.group(1)
        if word[:1].islower() and word not in NAME_PARTICLES:
            return _clean_span(text, start, start + m.start())
    return start, end


def _with_role(text: str, end: int) -> int:
    """ "Apple" in "Apple CEO said": the role is the mention (a person, the company's CEO), unless a name
    follows ("Apple CEO Steve Jobs", where the role is the name's title)."""
    m = re.match(r" ([A-Za-z]+)\b(?! +[A-Z])", text[end : end + 40])
    if m is None or fold(m.group(1)) not in role_heads() or not m.group(1)[:1].isupper():
        return end
    return end + m.end(1)


HEADLINE_CHARS = 200  # a longer line is no headline (and a long article's lines are never scanned whole)


def _in_headline(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", max(0, start - HEADLINE_CHARS), start) + 1
    line_end = text.find("\n", end, end + HEADLINE_CHARS)
    line_end = len(text) if line_end < 0 and len(text) - end < HEADLINE_CHARS else line_end
    if (line_start == 0 and start > HEADLINE_CHARS) or line_end < 0 or line_end - line_start > HEADLINE_CHARS:
        return False
    return _is_headline(text[line_start:line_end])


def _trim_headline(text: str, start: int, end: int, standalone: set[str]) -> tuple[int, int]:
    """In a title-cased headline the recogniser takes capitalised words for part of a name
    ("Lindsay Lohan Checks Into Rehab", "Choosing DeGeneres"): the span shrinks to the longest run
    of its words the story names on its own elsewhere."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if len(words) < 2 or not _in_headline(text, start, end):
        return start, end
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            s, e = start + words[i][0], start + words[i + size - 1][1]
            s, e = _clean_span(text, s, e)
            if e > s and fold(text[s:e]) in standalone:
                return s, e
    return start, end


SENTENCE_START = re.compile(r"(?:^|[.!?\n][\"'”’)]?\s*)$")
# "CEO of GM", "App Store de Apple", "General Motors and Chrysler": two names, or a role and a name
JOINER = re.compile(r"\s+(?:of|de|del|and|y|e|et|und)\s+")
BY = re.compile(r"\s+(?:by|por)\s+")
LEADING_ARTICLE = re.compile(r"(?:the|el|la|los|las|lo|le|les|il|der|die|das)\s+", re.IGNORECASE)


def _split_joined(
    text: str,
    start: int,
    end: int,
    standalone: set[str],
    person: bool = False,
    roles: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:
    """One recognised span that holds two names, or a name after words that are not one.

    The small English model joins names across "de"/"y" in other languages ("Airbus de Aeroflot",
    "La administración de Obama") and sometimes across "and"/"of" in English ("CEO of GM"). The span
    splits when the part after the joiner is named on its own elsewhere in the story and the part
    before it is named on its own too (kept), or is a role or holds a lower-case word (dropped).
    "University of Texas" stays whole: "University" is named nowhere on its own. A leading article
    ("El Boeing") goes when the rest is named on its own ("El Salvador" stays), and so does a sentence's
    capitalised first word before a name that is not a person's ("Hoy Apple", not "Barack Obama")."""
    span = text[start:end]
    lead = LEADING_ARTICLE.match(span)
    if lead and fold(span[lead.end() :]) in standalone:
        return [(start + lead.end(), end)]
    opening = re.match(r"\S+\s+", span)
    if (
        opening
        and not person
        and fold(span) not in standalone
        and fold(span[opening.end() :]) in standalone
        and SENTENCE_START.search(text[max(0, start - 3) : start] if start else "\n")
    ):  # "Hoy Apple", "Según Apple": the sentence's first word, capitalised for being first
        return _split_joined(text, start + opening.end(), end, standalone, person, roles)
    by = BY.search(span)
    if by and not person and span[by.end() :][:1].isupper() and fold(span[by.end() :]) in standalone:
        # "Palace of the Revolution by Díaz-Canel": a place and the person who acted there
        return [
            *_split_joined(text, start, start + by.start(), standalone, person, roles),
            (start + by.end(), end),
        ]
    for joiner in JOINER.finditer(span):
        left, right = span[: joiner.start()], span[joiner.end() :]
        if not right[:1].isupper() or fold(right) not in standalone:
            continue
        right_span = (start + joiner.end(), end)
        if fold(left) in standalone:
            return [(start, start + joiner.start()), right_span]
        words = left.split()
        lead = LEADING_ARTICLE.match(left)
        if fold(words[-1]).strip(".") in role_heads() and len(words) == 1 and fold(span) in roles:
            return [(start, end)]  # "CEO de Apple", a role the story gives one person: kept whole
        if fold(words[-1]).strip(".") in role_heads() or any(
            w[:1].islower() for w in words[1 if lead else 0 :]
        ):  # the names inside the dropped part stay ("La flota de Dockco y Velmar Air")
            inside = _split_joined(text, start, start + joiner.start(), standalone)
            return [(s, e) for s, e in inside if fold(text[s:e]) in standalone] + [right_span]
    return [(start, end)]


class _Taken:
    """Spans already named: whether a new one overlaps any, by bisection while they never overlap
    each other (spaCy's entities do not), else by a scan (checking each speaker against every
    mention was quadratic in long articles)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]
        self.disjoint = all(a[1] <= b[0] for a, b in pairwise(self.spans))

    def overlaps(self, start: int, end: int) -> bool:
        if not self.disjoint:
            return any(s < end and start < e for s, e in self.spans)
        i = bisect_left(self.starts, end)  # the spans starting before `end`; the last ends furthest
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:  # only ever a span that overlaps none
        i = bisect_left(self.starts, start)
        self.spans.insert(i, (start, end))
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    opened = text.rfind("(", start, end)
    if opened > start and text.find(")", opened, end) < 0:  # "Cuban Ministry of the Interior (MININT"
        end = opened
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    trailing = re.search(r"\s+(?:in|on|at|to|by|of|and|for|with|from)$", text[start:end])
    if trailing is not None:  # "Thompson in"
        end = start + trailing.start()
    for suffix in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
            break
    lead = re.match(r"(?:[Tt]he|de|del|el|la|los|las)\s+", text[start:end])
    if lead is not None:
        start += lead.end()
    return start, end


@lru_cache(maxsize=1 << 16)
def _similar(a: str, b: str) -> bool:
    """Same word up to a transliteration: Nadia/Nadja, Sabo/Szabó (after folding), not Matej/Radomír."""
    if a == b:
        return True
    if a[:1] != b[:1] or min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _initials_split(name: Sequence[str]) -> list[str]:
    """ "g.w bush" -> "g w bush": run-together initials are one initial each."""
    out: list[str] = []
    for word in name:
        parts = word.split(".")
        if len(parts) > 1 and all(len(p) <= 1 for p in parts):
            out += [p for p in parts if p]
        else:
            out.append(word)
    return out


def surname_forms(name: Sequence[str]) -> dict[str, int]:
    """A full name's surname, without hyphens, -> how many words it takes: "Miguel Díaz-Canel" and
    "Miguel Diaz Canel" share "diazcanel" (the second also has "canel")."""
    forms = {name[-1].replace("-", ""): 1}
    if len(name) >= 3:
        forms.setdefault(name[-2].replace("-", "") + name[-1].replace("-", ""), 2)
    return forms


def _surname_initials(name: Sequence[str]) -> set[str]:
    return {form[:1] for form in surname_forms(name)}


def _same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two full names of one person: first and last names agree (a transliteration apart, hyphen or
    space in a double surname), initials stand for names ("G.W. Bush"); two different middle names or
    initials are two people ("George H. W. Bush", "George W. Bush")."""
    a, b = _initials_split(a), _initials_split(b)
    if _hispanic_short_form(a, b) or _hispanic_short_form(b, a):
        return True
    forms_a, forms_b = surname_forms(a), surname_forms(b)
    match = next(((x, y) for x in forms_a for y in forms_b if _similar(x, y)), None)
    if match is None:
        return False
    first_a, first_b = a[0], b[0]
    if len(first_a) == 1 or len(first_b) == 1:  # "R. Breznik"
        if first_a[0] != first_b[0]:
            return False
    elif not _similar(first_a, first_b):
        return False
    middle_a = [w[0] for w in a[1 : len(a) - forms_a[match[0]]]]
    middle_b = [w[0] for w in b[1 : len(b) - forms_b[match[1]]]]
    return not (middle_a and middle_b and middle_a != middle_b)


def _hispanic_short_form(full: Sequence[str], short: Sequence[str]) -> bool:
    """ "Alberto Álvarez" for "Lázaro Alberto Álvarez Casas": one given name and the first of two
    surnames, the usual short form of a Spanish or Portuguese full name."""
    if len(full) != 4 or len(short) != 2 or any(len(w) < 3 for w in short):
        return False
    return _similar(short[1], full[2]) and (_similar(short[0], full[0]) or _similar(short[0], full[1]))


def _is_person_label(m: Mention, surnames: set[str]) -> bool:
    if m.label == "PERSON":
        return True
    # "Díaz-Canel said": spaCy calls the bare surname an ORG; the story names the person elsewhere
    return (
        m.label in PERSONISH
        and len(m.tokens) == 1
        and bool({m.tokens[0], m.tokens[0].replace("-", "")} & surnames)
    )


def _vote_labels(mentions: Sequence[Mention]) -> None:
    """spaCy labels one name differently in different sentences: every mention takes the story's majority."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.label != "HANDLE" and (same_thing_key(m.thing_tokens) or "").startswith("country:"):
            m.label = "GPE"  # "Estados Unidos" tagged PERSON by the English model
        elif m.label == "PERSON" and len(m.tokens) >= 2 and ORG_WORDS & set(m.tokens):
            m.label = "ORG"
        elif m.label in PERSONISH and m.title and len(m.tokens) >= 2 and not ORG_WORDS & set(m.tokens):
            m.label = "PERSON"  # "Opposition deputy Ilse Marrow" tagged ORG: a title goes before a person
        votes[" ".join(m.tokens)][m.label] += 1
    lone_people = {k for k, v in votes.items() if " " not in k and v["PERSON"] > 0}
    for m in mentions:
        key = " ".join(m.tokens)
        looks_named = all(w[:1].isupper() for w in m.text.split()) and not ORG_WORDS & set(m.tokens)
        if m.label in PERSONISH and 2 <= len(m.tokens) <= 3 and m.tokens[-1] in lone_people and looks_named:
            # "Ulla Brandt" tagged ORG, "Brandt" tagged PERSON: a person
            votes[key]["PERSON"] = max(votes[key]["PERSON"], 1)
    for m in mentions:
        if m.label != "HANDLE":
            ranked = votes[" ".join(m.tokens)].most_common()
            best = [label for label, n in ranked if n == ranked[0][1]]
            m.label = "PERSON" if "PERSON" in best else best[0]


def cluster_mentions(mentions: Sequence[Mention]) -> list[Cluster]:
    """Group mentions into entities (see the module docstring for the rules)."""
    _vote_labels(mentions)
    people_full = [m for m in mentions if m.label == "PERSON" and len(m.tokens) >= 2]
    surnames = {m.tokens[-1] for m in people_full} | {f for m in people_full for f in surname_forms(m.tokens)}
    clusters: list[Cluster] = []
    # 1. full person names (each distinct name is compared once, only with surnames of its initial)
    names: list[set[tuple[str, ...]]] = []
    by_initial: dict[str, list[int]] = defaultdict(list)
    for m in people_full:
        name = tuple(m.tokens)
        initials = _surname_initials(name)
        candidates = sorted({k for i in initials for k in by_initial.get(i, [])})
        k = next(
            (k for k in candidates if name in names[k] or any(_same_person(name, n) for n in names[k])), None
        )
        if k is None:
            k = len(clusters)
            clusters.append(Cluster(person=True))
            names.append(set())
        for i in initials:
            if k not in by_initial[i]:
                by_initial[i].append(k)
        clusters[k].mentions.append(m)
        names[k].add(name)
    clusters = _merge_person_clusters(clusters)
    # Step 2 adds no new full name to any cluster, so these lookups hold throughout it.
    owner_of_name: dict[tuple[str, ...], Cluster] = {}
    for c in clusters:
        for n in c.full_names:
            owner_of_name.setdefault(tuple(n), c)
    named_otherwise = {
        x.tokens[0]
        for x in mentions
        if len(x.tokens) >= 2
        and x.label != "PERSON"
        and not (len(x.tokens) == 2 and x.tokens[1] in PERSONS_OWN)
    }
    people = _PeopleIndex(clusters)
    holders = _title_holders(clusters)
    rest: list[Mention] = []
    placed = {id(m) for m in people_full}
    # 2. single words that name a person: surname, then first name, then handle
    for m in mentions:
        if id(m) in placed:
            continue
        if m.label == "HANDLE":
            target = _handle_owner(m, clusters)
        elif (
            len(m.tokens) == 1 and _is_person_label(m, surnames) and not _names_a_company(m, named_otherwise)
        ):
            target = _surname_owner(m, people)
        elif len(m.tokens) >= 2 and m.label in PERSONISH:  # "Irena Kalman" tagged ORG once
            target = owner_of_name.get(tuple(m.tokens)) or _title_holder(m, holders)
        elif len(m.tokens) == 1 and m.label in PERSONISH:  # "Rado" for Radomír
            target = _nickname_owner(m, people, named_otherwise)
        else:
            target = None
        if target is not None:
            target.mentions.append(m)
        elif m.label != "HANDLE":
            rest.append(m)
    # 3. everything else by its folded name; a lone surname shared by two people stays apart
    by_key: dict[str, Cluster] = {}
    for m in rest:
        key = _thing_key(m)
        if key not in by_key:
            by_key[key] = Cluster(person=m.label == "PERSON")
            clusters.append(by_key[key])
        by_key[key].mentions.append(m)
    _join_acronyms(clusters)
    _join_short_names(clusters)
    return [c for c in clusters if c.mentions]


def _thing_key(m: Mention) -> str:
    """What joins mentions that are not people: the name's other forms ("U.S." = "United States",
    "Apple Inc." = "Apple"), else its words without function words and abbreviations' full stops."""
    tokens = m.tokens if m.label == "PERSON" else m.thing_tokens
    key = None if m.label == "PERSON" else same_thing_key(tokens)
    if key is not None:
        return key
    words = [t.replace(".", "") if ABBREVIATION.fullmatch(t) else t for t in tokens]
    words = [t for t in words if t not in STOP_WORDS and t != "-"] or words
    return "".join(w.replace("-", "") for w in words)


ABBREVIATION = re.compile(r"(?:\w\.)+\w?")
COMPATIBLE = {"ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}


def _join_short_names(clusters: list[Cluster]) -> None:
    """ "Tolva" -> "River Tolva", "Athletic" -> "Dravona Athletic": one word inside exactly one longer name of a kind."""
    # Which clusters hold a longer name with each word. Joining moves only one-word mentions, so
    # this stays true throughout; reading it once keeps a long story's thousands of words linear.
    holders: dict[str, list[Cluster]] = defaultdict(list)
    for o in clusters:
        if not o.person:
            # "Palace of the Revolution" is held by "Palace", never by "Revolution" ("America" is no
            # short form of "Bank of America")
            longer = (
                m.tokens[: m.tokens.index("of")] if "of" in m.tokens else m.tokens
                for m in o.mentions
                if len(m.tokens) >= 2
            )
            for word in dict.fromkeys(w for tokens in longer for w in tokens):
                holders[word].append(o)
    for c in clusters:
        if not c.mentions or any(len(m.tokens) != 1 for m in c.mentions):
            continue
        word, kind = c.mentions[0].tokens[0], COMPATIBLE.get(_type(c))
        if word in STOP_WORDS or (kind is None and _type(c) != "PERSON"):
            continue  # a lone "PERSON" word no person owns is a mislabelled name: it may join any kind
        owners = [
            o
            for o in holders.get(word, ())
            if o is not c
            and o.mentions
            and COMPATIBLE.get(_type(o)) in (kind or COMPATIBLE.get(_type(o)),)
            and len(o.mentions) >= len(c.mentions)
        ]
        if len(owners) == 1:
            owners[0].mentions += c.mentions
            c.mentions = []


class _PeopleIndex:
    """Which person clusters hold which surnames and first names, read once for step 2.

    Step 2 of `cluster_mentions` adds no full name to any cluster, so the index stays true;
    without it each single-word mention re-read every mention of every person.
    """

    def __init__(self, clusters: Sequence[Cluster]) -> None:
        self.clusters = list(clusters)
        self.surname: dict[str, list[int]] = defaultdict(list)
        self.bare_surname: dict[str, list[int]] = defaultdict(list)  # hyphens dropped, double surnames joined
        self.surnames_by_initial: dict[str, list[str]] = defaultdict(list)  # the keys of `bare_surname`
        self.first: dict[str, list[int]] = defaultdict(list)  # first names of two letters or more
        self.first_prefix: dict[str, list[int]] = defaultdict(list)  # their prefixes of four letters or more
        for k, c in enumerate(self.clusters):
            distinct = {tuple(n) for n in c.full_names} if c.person else set()
            for key in {n[-1] for n in distinct}:
                self.surname[key].append(k)
            for key in {form for n in distinct for form in surname_forms(n)}:
                self.bare_surname[key].append(k)
                if k == self.bare_surname[key][0]:
                    self.surnames_by_initial[key[:1]].append(key)
            firsts = {n[0] for n in distinct if len(n[0]) > 1}
            for key in firsts:
                self.first[key].append(k)
            for key in {f[:i] for f in firsts for i in range(4, len(f) + 1)}:
                self.first_prefix[key].append(k)

    def pick(self, *keyed: list[int]) -> list[Cluster]:
        return [self.clusters[k] for k in sorted(set().union(*keyed))]


def _names_a_company(m: Mention, named_otherwise: set[str]) -> bool:
    """ "Ford" tagged ORG in a story with "Ford Motor Company" and "William Clay Ford": the company."""
    return m.label != "PERSON" and m.tokens[0] in named_otherwise


def _title_holders(clusters: Sequence[Cluster]) -> dict[str, list[Cluster]]:
    """Folded title -> the people the story gives it ("Apple CEO Steve Jobs", "Steve Jobs, CEO de Apple")."""
    holders: dict[str, list[Cluster]] = defaultdict(list)
    for c in clusters:
        for m in c.mentions:
            found = [m.title] if m.title else []
            found += [r.role for r in roles_near(m.article.text, m.start, m.end)]
            for title in found:
                key = " ".join(fold(title).replace(".", "").split())
                if c not in holders[key]:
                    holders[key].append(c)
    return holders


def _title_holder(m: Mention, holders: dict[str, list[Cluster]]) -> Cluster | None:
    """ "Apple CEO" / "CEO de Apple" on its own: the one person the story calls that, not the company."""
    if m.tokens[-1].strip(".") not in role_heads() and m.tokens[0].strip(".") not in role_heads():
        return None
    found = holders.get(" ".join(fold(m.text).replace(".", "").split()), [])
    return found[0] if len(found) == 1 else None


def _nickname_owner(m: Mention, people: _PeopleIndex, named_otherwise: set[str]) -> Cluster | None:
    """A short form of exactly one person's first name ("Rado", "Radomír"), used by no other name.

    `named_otherwise`: first words of the story's longer names that are not people's.
    """
    word = m.tokens[0]
    if len(word) < 4:
        return None
    owners = people.pick(people.first_prefix.get(word, []))
    return owners[0] if len(owners) == 1 and word not in named_otherwise else None


def _merge_person_clusters(clusters: list[Cluster]) -> list[Cluster]:
    """Each cluster joins the first earlier one holding a full name of the same person.

    Only clusters whose surnames share an initial can hold the same person (`_similar`), and
    each distinct full name is compared once: a story told by a thousand articles names
    hundreds of people thousands of times.
    """
    merged: list[Cluster] = []
    names: list[set[tuple[str, ...]]] = []  # the distinct full names of each merged cluster
    by_initial: dict[str, list[int]] = {}  # surname initial -> merged clusters, in order
    for cluster in clusters:
        own = {tuple(n) for n in cluster.full_names}
        candidates = sorted({k for n in own for i in _surname_initials(n) for k in by_initial.get(i, ())})
        target = next((k for k in candidates if any(_same_person(a, b) for a in own for b in names[k])), None)
        if target is None:
            target = len(merged)
            merged.append(cluster)
            names.append(set())
        else:
            merged[target].mentions += cluster.mentions
        names[target] |= own
        for initial in {i for n in own for i in _surname_initials(n)}:
            listed = by_initial.setdefault(initial, [])
            if target not in listed:
                listed.append(target)
    return merged


def _surname_owner(m: Mention, people: _PeopleIndex) -> Cluster | None:
    word = m.tokens[0]
    bare = word.replace("-", "")
    owners = people.pick(people.surname.get(word, []), people.bare_surname.get(bare, []))
    if len(owners) > 1:  # two people share the surname: only the article's own full name decides
        local = [
            c for c in owners if any(x.article.id == m.article.id and len(x.tokens) >= 2 for x in c.mentions)
        ]
        owners = local if len(local) == 1 else []
    if not owners:  # "Lavrow" for Sergei Lavrov: the one person whose surname is spelt one letter apart
        close = [key for key in people.surnames_by_initial.get(bare[:1], ()) if _similar(key, bare)]
        spelt = people.pick(*(people.bare_surname[key] for key in close))
        owners = spelt if len(spelt) == 1 else []
    if not owners:  # "Radomír": a first name, when exactly one person has it and nobody has it as surname
        firsts = people.pick(people.first.get(word, []))
        owners = firsts if len(firsts) == 1 else []
    return owners[0] if len(owners) == 1 else None


def _handle_owner(m: Mention, clusters: list[Cluster]) -> Cluster | None:
    """@rbreznik_vdu -> the one person whose surname is in the handle."""
    handle = m.tokens[0].replace("_", "")
    owners = []
    for c in clusters:
        if not c.person:
            continue
        for n in c.full_names:
            surname = n[-1].replace("-", "")
            first = n[0].strip(".")
            # @rbreznik_vdu, @DiazCanelB, @ilsemarrow: the surname with the first name or its initial
            if len(surname) >= 4 and (
                handle.startswith((surname, first[:1] + surname))
                or (len(first) > 2 and first + surname in handle)
            ):
                owners.append(c)
                break
    if len(owners) > 1:  # @ilsemarrow: the first name decides between two Marrows
        owners = [c for c in owners if any(len(n[0]) > 2 and n[0] in handle for n in c.full_names)]
    return owners[0] if len(owners) == 1 else None


def _join_acronyms(clusters: list[Cluster]) -> None:
    """VDU -> Velmar Dockworkers' Union, from "(VDU)" after the name or from matching initials."""
    names: dict[str, list[Cluster]] = defaultdict(list)
    for c in clusters:
        if c.person:
            continue
        for m in c.mentions:
            words = [
                w for w in re.findall(r"[\w'’]+", m.text) if fold(w) not in STOP_WORDS and w[:1].isupper()
            ]
            if len(words) >= 2:
                initials = "".join(w[0] for w in words).upper()
                if c not in names[initials]:
                    names[initials].append(c)
            after = re.match(r"\s*\(([A-Z]{2,6})\)", m.article.text[m.end : m.end + 12])
            if after and c not in names[after.group(1)]:
                names[after.group(1)].insert(0, c)
    for c in clusters:
        if c.person or not c.mentions:
            continue
        acronyms = {m.text for m in c.mentions if re.fullmatch(r"[A-Z]{2,6}", m.text)}
        if len(acronyms) != 1 or len({m.text for m in c.mentions}) != 1:
            continue
        owners = [o for o in names.get(acronyms.pop(), []) if o is not c]
        if owners and (len(owners) == 1 or owners[0] is not owners[1]):
            owners[0].mentions += c.mentions
            c.mentions = []


def _canonical(cluster: Cluster) -> str:
    counts = Counter(
        strip_titles(m.text)[0] if cluster.person else m.text for m in cluster.mentions if m.label != "HANDLE"
    )
    if not counts:
        return cluster.mentions[0].text

    def rank(name: str) -> tuple[int, int, int, int, int]:
        words = name.split()
        upper = sum(1 for w in words if w[:1].isupper())
        full = sum(1 for w in words if len(w.strip(".")) > 1)
        return (
            full if cluster.person else min(len(words), 6),
            upper,
            counts[name],
            fold(name) != name.lower(),
            -len(name),
        )

    return max(counts, key=rank)


def _type(cluster: Cluster) -> str:
    if cluster.person:
        return "PERSON"
    labels = Counter(m.label for m in cluster.mentions if m.label != "HANDLE")
    return labels.most_common(1)[0][0] if labels else "PERSON"


def _roles(cluster: Cluster) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    roles: list[dict[str, Any]] = []

    def add(role: str, status: str | None, article: Article, start: int, end: int) -> None:
        key = (fold(role), article.id)
        if key in seen or not role.strip():
            return
        seen.add(key)
        roles.append(
            {
                "role": role,
                "status": status,
                "article_id": article.id,
                "evidence": [article.evidence(start, end)],
            }
        )

    for m in cluster.mentions:
        if m.label == "HANDLE":
            continue
        if m.title and titles().get(fold(m.title.split()[-1]).strip(".")) != "honorific":
            status = "former" if "former" in fold(m.title) else "current"
            add(m.title, status, m.article, m.start, m.end)
        for role in roles_near(m.article.text, m.start, m.end):
            add(role.role, role.status, m.article, role.start, role.end)
    return roles


def build_entities(
    articles: Sequence[Article],
) -> tuple[list[dict[str, Any]], dict[str, list[tuple[int, int, str]]]]:
    """(entities for the report, article id -> [(start, end, entity id)] for later stages)."""
    originals = {a.id for a in independent(articles)}
    clusters = cluster_mentions(collect_mentions(articles))
    clusters.sort(key=lambda c: (-len(c.mentions), _canonical(c)))
    entities: list[dict[str, Any]] = []
    index: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for n, cluster in enumerate(clusters, start=1):
        entity_id = f"e{n}"
        mentions = sorted(cluster.mentions, key=lambda m: (m.article.id, m.start))
        aliases = Counter(m.text for m in mentions)
        article_ids = sorted({m.article.id for m in mentions})
        entities.append(
            {
                "id": entity_id,
                "name": _canonical(cluster),
                "type": _type(cluster),
                "aliases": [a for a, _ in aliases.most_common()],
                "count": len(mentions),
                "article_ids": article_ids,
                "sources": sorted(
                    {m.article.source for m in mentions if m.article.source and m.article.id in originals}
                ),
                "roles": _roles(cluster) if cluster.person else [],
                "evidence": [m.article.evidence(m.start, m.end) for m in mentions],
            }
        )
        for m in mentions:
            index[m.article.id].append((m.start, m.end, entity_id))
    return entities, dict(index)


def entity_at(
    index: dict[str, list[tuple[int, int, str]]], article_id: str, start: int, end: int
) -> str | None:
    """The entity whose mention covers most of text[start:end] in that article.

    "Aldermark's foreign ministry" is not the entity "Aldermark": the mention must cover at least
    half of the span.
    """
    best, overlap = None, 0
    for s, e, entity_id in index.get(article_id, []):
        shared = min(e, end) - max(s, start)
        if shared > overlap and shared * 2 >= end - start:
            best, overlap = entity_id, shared
    return best


class SpanLookup:
    """`entity_at` for many spans of one article: the mentions sorted by start, with the furthest end
    reached so far, so only the mentions that overlap a span are looked at (not all of them)."""

    def __init__(self, spans: Sequence[tuple[int, int, str]]) -> None:
        self.order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self.spans = spans
        self.starts = [spans[k][0] for k in self.order]
        self.reach = list(accumulate((spans[k][1] for k in self.order), max))

    def entity_at(self, start: int, end: int) -> str | None:
        """As `entity_at`, the same answer (ties go to the mention listed first)."""
        found = []
        j = bisect_left(self.starts, end) - 1  # the last mention starting before `end`
        while j >= 0 and self.reach[j] > start:
            found.append(self.order[j])
            j -= 1
        return entity_at({"": [self.spans[k] for k in sorted(found)]}, "", start, end)


def mention_index(entities: Sequence[dict[str, Any]]) -> dict[str, list[tuple[int, int, str]]]:
    """Rebuild the article -> mention spans index from report entities (for stages run later)."""
    index: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in entities:
        for ev in entity["evidence"]:
            index[ev["article_id"]].append((ev["start"], ev["end"], entity["id"]))
    return dict(index)


class EntityStage:
    """Fills `story.entities` (see docs/report-schema.md)."""

    name = "entities"
    requires: tuple[str, ...] = ("mentions",)
    provides: tuple[str, ...] = ("entities",)

    def __call__(self, story: Story, articles: Sequence[Article]) -> None:
        story.entities, _ = build_entities(articles)
